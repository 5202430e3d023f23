"""The production store: Neo4j 5 / Aura through the official driver."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j.exceptions import ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

from armsgraph.graph.store.base import QueryResult, Store
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.dialect import NEO4J
from armsgraph.graph.store.errors import engine_message
from armsgraph.schema.errors import StoreError


def _plain(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


class Neo4jStore(Store):
    dialect = NEO4J
    transactional = True

    SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

    def __init__(self, uri: str, user: str | None, password: str | None, database: str | None) -> None:
        scheme = uri.partition("://")[0].lower()
        if scheme not in self.SCHEMES:
            raise StoreError(f"unsupported Neo4j URI {uri!r}: use one of {', '.join(s + '://' for s in self.SCHEMES)}")
        auth = (user or "neo4j", password or "") if (user or password) else None
        self.uri = uri
        self.graph_name = database or "neo4j"
        self._database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        except (ValueError, ConfigurationError) as exc:  # a malformed URI or option: the user's input
            raise StoreError(f"cannot use Neo4j URI {uri!r}: {exc}") from exc
        self._tx: neo4j.Transaction | None = None
        self._session: neo4j.Session | None = None

    def describe(self) -> str:
        return f"Neo4j at {self.uri}, database {self.graph_name!r}"

    def _execute(self, cypher: Cypher, params: dict[str, Any], write: bool) -> QueryResult:
        try:
            if self._tx is not None:
                result = self._tx.run(cypher, params)
                records = list(result)
                keys = list(result.keys())
                counters = result.consume().counters
            else:
                mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
                with self._driver.session(database=self._database, default_access_mode=mode) as session:
                    result = session.run(cypher, params)
                    records = list(result)
                    keys = list(result.keys())
                    counters = result.consume().counters
        except ServiceUnavailable as exc:
            raise StoreError(f"Neo4j not reachable at {self.uri}: {exc}") from exc
        except Neo4jError as exc:
            raise StoreError(engine_message(exc.message or str(exc))) from exc
        except DriverError as exc:  # session expired, transaction closed, ...: the store's side
            raise StoreError(f"Neo4j at {self.uri}: {exc}") from exc
        stats = {
            "nodes_created": counters.nodes_created, "relationships_created": counters.relationships_created,
            "properties_set": counters.properties_set, "nodes_deleted": counters.nodes_deleted,
        }
        return QueryResult(keys, [[_plain(v) for v in r.values()] for r in records], stats)

    def _apply_schema(self) -> None:
        """DDL in its own session: Neo4j refuses schema and data changes in one transaction."""
        try:
            with self._driver.session(database=self._database) as session:
                for op in self.dialect.schema_ops(self.graph_name):
                    if op.cypher is not None:
                        session.run(op.cypher).consume()
        except ServiceUnavailable as exc:
            raise StoreError(f"Neo4j not reachable at {self.uri}: {exc}") from exc
        except Neo4jError as exc:
            raise StoreError(exc.message or str(exc)) from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j at {self.uri}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One explicit transaction: a document that fails is rolled back by Neo4j itself."""
        if self._tx is not None:
            yield
            return
        self._session = self._driver.session(database=self._database)
        self._tx = self._session.begin_transaction()
        try:
            yield
            self._tx.commit()
        except BaseException:
            self._tx.rollback()
            raise
        finally:
            self._tx = None
            self._session.close()
            self._session = None

    def close(self) -> None:
        self._driver.close()

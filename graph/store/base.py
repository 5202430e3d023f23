"""The store interface shared by Neo4j and the embedded FalkorDB, and the settings that pick one."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.dialect import Dialect

CLEAR = Cypher("MATCH (n) DETACH DELETE n")


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    stats: dict[str, Any] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None


class Store(ABC):
    """A graph database that runs parameterised Cypher written in the Neo4j 5 dialect."""

    dialect: Dialect
    graph_name: str
    transactional: bool = False
    """True when ``transaction()`` really is one (Neo4j); else the writer snapshots and restores."""
    _schema_ready: bool = False

    @abstractmethod
    def _execute(self, cypher: Cypher, params: dict[str, Any], write: bool) -> QueryResult: ...

    @abstractmethod
    def _apply_schema(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def describe(self) -> str:
        """Where the data lives, for status lines."""

    def run(self, cypher: Cypher, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """Run one statement (translated to this store's dialect); reads refuse to write.

        ``cypher`` is a :data:`Cypher`, not any ``str``: mypy rejects text built from values. A parameter the
        engine cannot take (a key over the dialect's ``key_bytes``) is refused before it is sent, whoever sends
        it, so no input can crash the server.
        """
        params = params or {}
        self.dialect.check_params(params, write)
        self.settle()
        return self._execute(self.dialect.translate(cypher), params, write)

    def submit(self, cypher: Cypher, params: dict[str, Any] | None = None) -> None:
        """Run a write whose result nobody reads. A store may return before the engine has run it (the embedded
        store sends it from a thread, so the client prepares the next statement meanwhile, with a bounded number
        in flight). Statements still run one at a time and in order, none after a failed one; the failure is
        raised by a later call: a ``submit`` once it is known, at the latest the next ``run`` or :meth:`settle`,
        which wait for every statement sent."""
        self.run(cypher, params, write=True)

    def settle(self) -> None:
        """Wait for what :meth:`submit` sent; raise its failure (a store that sends at once has nothing to wait
        for)."""
        return None

    def ensure_schema(self) -> None:
        """Create the constraints and indexes derived from the schema, once per process."""
        if not self._schema_ready:
            self._apply_schema()
            self._schema_ready = True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes; stores without multi-statement transactions rely on the pipeline's rollback."""
        yield

    def compact(self) -> None:
        """After a load: make the next start fast (the embedded store rewrites its append-only file)."""
        return None

    def clear(self) -> None:
        """Delete every node and relationship (tests and benchmarks)."""
        self.run(CLEAR, write=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Settings:
    """Connection settings: Neo4j when a URI is given (flag or NEO4J_URI), else the embedded store."""

    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    data_dir: Path | None = None

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        env: dict[str, Any] = {
            "uri": os.environ.get("NEO4J_URI") or None,
            "user": os.environ.get("NEO4J_USERNAME") or None,
            "password": os.environ.get("NEO4J_PASSWORD") or None,
            "database": os.environ.get("NEO4J_DATABASE") or None,
            "data_dir": Path(os.environ["ARMSGRAPH_DATA_DIR"]) if os.environ.get("ARMSGRAPH_DATA_DIR") else None,
        }
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)

    def resolved_data_dir(self) -> Path:
        if self.data_dir is not None:
            return self.data_dir.expanduser().resolve()
        return Path(user_data_dir("armsgraph")).resolve()


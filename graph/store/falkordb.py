"""The embedded store: a graph in the FalkorDB server of :mod:`armsgraph.graph.store.server`.

Parameters go through the faster encoder of :mod:`armsgraph.graph.store.falkor_params`; result
values come back as plain JSON-able Python, as from the Neo4j store.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.graph import Graph
from falkordb.node import Node
from falkordb.path import Path as FPath

from armsgraph.graph.store import aof
from armsgraph.graph.store.base import QueryResult, Store
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.dialect import FALKORDB
from armsgraph.graph.store.errors import engine_message
from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkor_params import params_header
from armsgraph.graph.store.server import REWRITING, EmbeddedServer, owned_pool, rewriting
from armsgraph.schema.errors import StoreError

log = logging.getLogger("armsgraph.store")

__all__ = ["REWRITING", "EmbeddedServer", "FalkorStore"]
"""EmbeddedServer is re-exported: a FalkorStore is always opened on one."""

STATEMENT_TIMEOUT = 1800.0
"""Seconds the client waits for one statement's reply. redis-py 8 waits 5 s by default: a statement over a large
graph (a full export's deal resolution, deleting a graph of 300k deals) took longer, and the client called the
server unreachable while it was still working. A dead server is still found at once (the socket closes)."""
CONNECT_TIMEOUT = 5.0
COMPACT_GROWTH = 8 * 1024 * 1024
"""Bytes of statements logged since the last rewrite above which a load ends with one (:meth:`FalkorStore.compact`)."""
IN_FLIGHT = 3
"""Submitted statements waiting or running at once (:meth:`FalkorStore.submit`): a batch's last writes run while the
client parses the next batch. Each holds its encoded parameters (up to about 1.5 MB for 2,000 rows) and its sender
thread's copies: 8 made a 30k load's client peak 219 MB against 187 MB for 1 and 195 MB for 3 (docs/loading.md)."""

_INDEXES = Cypher("CALL db.indexes() YIELD label, properties RETURN label, properties")
_CONSTRAINTS = Cypher("CALL db.constraints()")


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """FalkorDB result values as plain JSON-able Python (nodes and edges become dicts)."""
    if type(value) in _SCALARS:  # most values: no isinstance chain (a Deals read converts a million of them)
        return value
    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **dict(value.properties)}
    if isinstance(value, Edge):
        return {"_type": value.relation, **dict(value.properties)}
    if isinstance(value, FPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "relationships": [_plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Encoded(dict[str, Any]):
    """Parameters already encoded (:meth:`FalkorStore.submit` encodes them while the previous statement runs)."""

    def __init__(self, header: str) -> None:
        super().__init__()
        self.header = header


class FastParamsGraph(Graph):  # type: ignore[misc]
    """The client's Graph, with the faster parameter encoder of :mod:`armsgraph.graph.store.falkor_params`."""

    def _build_params_header(self, params: dict[str, Any] | None) -> str:
        return params.header if isinstance(params, Encoded) else params_header(params)


REWRITE_POLL = 0.01
"""Seconds between looks at a running rewrite the bulk load waits for before its commands: half of it is added to
the load on average (at 0.05, 25 ms of a 30k-deal load's 5 s); an ``INFO persistence`` costs the server
microseconds."""
AUTO_REWRITE = "auto-aof-rewrite-percentage"
"""The server setting that starts a rewrite when the log has grown by that percentage (0: never)."""
FSYNC = "appendfsync"
ON_DISK_TIMEOUT = 600.0
"""Seconds a bulk load waits for its append-only file to reach the disk (``WAITAOF``): a full disk never does."""


class FalkorStore(Store):
    """A graph in the embedded FalkorDB server (one Redis key per graph)."""

    dialect = FALKORDB

    def __init__(self, server: EmbeddedServer, graph_name: str = "armsgraph") -> None:
        self.server = server
        self.graph_name = graph_name
        # every connection checks that the server answering runs as this user (SO_PEERCRED)
        self._pool = owned_pool(server.socket, decode_responses=True, socket_timeout=STATEMENT_TIMEOUT,
                                socket_connect_timeout=CONNECT_TIMEOUT)
        self._db = FalkorDB(connection_pool=self._pool)
        self._graph = FastParamsGraph(self._db, graph_name)
        self._sending: deque[threading.Thread] = deque()
        self._failure: BaseException | None = None

    def submit(self, cypher: Cypher, params: dict[str, Any] | None = None) -> None:
        """Check and encode the statement here, then send it from a thread and return: the client goes on (builds the
        next statements, parses the next batch) while the engine runs this one and the ones before. Statements still
        run one at a time and in order: each sender waits for the one before, and sends nothing once one before it
        failed; the failure is raised by a later call (at the latest the next ``run``, which waits for them all).
        At most :data:`IN_FLIGHT` wait at once (the client's memory: each holds its encoded parameters)."""
        params = params or {}
        encoded = self._encoded(params, True)
        text = self.dialect.translate(cypher)
        if self._failure is not None:
            self.settle()  # raises it, once every statement sent before it is done or dropped
        while len(self._sending) >= IN_FLIGHT:
            self._sending.popleft().join()
        before = self._sending[-1] if self._sending else None

        def send() -> None:
            if before is not None:
                before.join()
            if self._failure is not None:  # one before failed: nothing after it runs
                return
            try:
                self._execute(text, encoded, True)
            except BaseException as exc:  # raised in the caller's thread by a later call
                self._failure = exc

        thread = threading.Thread(target=send, name="armsgraph-submit", daemon=True)
        thread.start()
        self._sending.append(thread)

    def run(self, cypher: Cypher, params: dict[str, Any] | None = None, *, write: bool = False) -> QueryResult:
        """:meth:`Store.run`, the parameters checked and encoded before waiting for a statement in flight."""
        encoded = self._encoded(params or {}, write)
        text = self.dialect.translate(cypher)
        self.settle()
        return self._execute(text, encoded, write)

    def _encoded(self, params: dict[str, Any], write: bool) -> Encoded:
        """The parameters' header, checked (:meth:`Dialect.check_params`, from the encoded text where it can)."""
        header = params_header(params)
        self.dialect.check_params(params, write, header)
        return Encoded(header)

    def settle(self) -> None:
        while self._sending:
            self._sending.popleft().join()
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure

    def describe(self) -> str:
        return f"embedded FalkorDB, graph {self.graph_name!r} in {self.server.data_dir}"

    def _execute(self, cypher: Cypher, params: dict[str, Any], write: bool) -> QueryResult:
        try:
            res = self._graph.query(cypher, params) if write else self._graph.ro_query(cypher, params)
        except redis.ResponseError as exc:
            message = engine_message(str(exc)) if str(exc).strip() else type(exc).__name__
            if "empty key" in message and not write and not self._schema_ready:
                # Nothing loaded yet: create the (empty) graph with its indexes, then run the read.
                self.ensure_schema()
                return self._execute(cypher, params, write)
            if "read-only" in message:
                message = "this statement writes; pass --write to allow it"
            elif message.startswith(("MISCONF", "OOM")):  # a full disk, or no memory left: say so
                message = f"the embedded FalkorDB server refuses writes: {message} (data dir {self.server.data_dir})"
            raise StoreError(message) from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreError(f"embedded FalkorDB not reachable at {self.server.socket}: {exc}") from exc
        except redis.RedisError as exc:
            raise StoreError(f"embedded FalkorDB: {type(exc).__name__}: {exc}") from exc
        columns = [str(h[1]) for h in (res.header or [])]
        rows = [[_plain(v) for v in row] for row in (res.result_set or [])]
        stats = {
            "nodes_created": res.nodes_created, "relationships_created": res.relationships_created,
            "properties_set": res.properties_set, "nodes_deleted": res.nodes_deleted,
        }
        return QueryResult(columns, rows, stats)

    def explain(self, cypher: Cypher, params: dict[str, Any] | None = None, *, profile: bool = False) -> list[str]:
        """FalkorDB's plan of a statement (``GRAPH.EXPLAIN``; ``GRAPH.PROFILE`` runs it and adds records and
        times per operation): one line per operation, indented by depth. Translated as ``run`` translates."""
        params = params or {}
        self.settle()
        command = "GRAPH.PROFILE" if profile else "GRAPH.EXPLAIN"
        text = params_header(params) + self.dialect.translate(cypher)
        try:
            plan = self._db.connection.execute_command(command, self.graph_name, text)
        except redis.ResponseError as exc:
            raise StoreError(engine_message(str(exc))) from exc
        return [line if isinstance(line, str) else line.decode() for line in plan]

    def _existing_schema(self) -> set[str]:
        """Descriptions of the indexes and constraints the graph already has."""
        have: set[str] = set()
        try:
            for label, props in self._graph.ro_query(_INDEXES).result_set:
                have.update(f"index {label}.{prop}" for prop in props)
            for row in self._graph.ro_query(_CONSTRAINTS).result_set:
                if row[0] == "UNIQUE" and row[3] == "NODE":
                    have.update(f"unique {row[1]}.{prop}" for prop in row[2])
        except redis.RedisError:  # an absent graph has neither
            return set()
        return have

    def _apply_schema(self) -> None:
        """Create only what is missing: a failing DDL command would still be logged and replayed. Returns once every
        constraint is built, as a bulk load does (:meth:`_constraints_operational`): a constraint added to a graph
        that holds nodes is built in the background, and one that fails (two nodes with one id) is an error here,
        not a schema silently out of force."""
        self.settle()
        if self._create_schema(self._db.connection):
            self._constraints_operational()
            # FalkorDB logs a constraint both as the command and as its effect; replaying that log
            # reports "Constraint already exists". Compacting the log now makes restarts clean.
            with contextlib.suppress(redis.ResponseError):
                self._db.connection.execute_command("BGREWRITEAOF")

    def _create_schema(self, connection: Any, by_label: bool = False) -> bool:
        """The schema's missing steps, sent on ``connection``; True if any was created. ``by_label``: the index
        steps of one label as one statement (:meth:`FalkorDialect.schema_ops_by_label`)."""
        have = frozenset(self._existing_schema())
        if by_label:
            ops = self.dialect.schema_ops_by_label(self.graph_name, have)
        else:
            ops = [op for op in self.dialect.schema_ops(self.graph_name) if op.description not in have]
        for op in ops:
            try:
                if op.command is not None:
                    connection.execute_command(*op.command)
                elif op.cypher is not None:
                    reply = connection.execute_command("GRAPH.QUERY", self.graph_name, op.cypher, "--compact")
                    if isinstance(reply, list) and reply and isinstance(reply[-1], redis.ResponseError):
                        raise reply[-1]  # a run-time error comes back inside the reply, not raised by redis-py
            except redis.ResponseError as exc:
                if not any(t in str(exc) for t in op.tolerate):
                    raise StoreError(f"schema step '{op.description}' failed: {exc}") from exc
            except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
                raise StoreError(f"embedded FalkorDB not reachable at {self.server.socket}: {exc}") from exc
        return bool(ops)

    def bulk(self, fill: Callable[[BulkWriter], None], schema: bool = False) -> tuple[int, int]:
        """Build the (absent) graph with ``GRAPH.BULK`` (:mod:`armsgraph.graph.store.falkor_bulk`): ``fill`` sends
        everything; with ``schema`` the indexes and constraints follow its first command (``GRAPH.BULK`` builds an
        absent graph only; the later commands' nodes are indexed as the server takes them, while the client still
        resolves, instead of all at once after the last: docs/loading.md, "Session 15"), and the load returns once
        they are built. Durable when it returns: every command goes on one connection, and ``WAITAOF``
        confirms that the append-only file holds them on disk (:meth:`_on_disk`). The log is then compacted in the
        background (a snapshot for the next start; a stop waits for it), as a load's :meth:`compact` is: waiting
        for that rewrite was 0.65 s of a 30k-deal bulk load's 5.8 s and 11 s at 300k (docs/loading.md, "Session
        12: the critical path"). Returns (nodes, relationships) created."""
        self.settle()
        single = redis.Redis(connection_pool=self._pool, single_connection_client=True)
        writer = BulkWriter(single, self.graph_name,
                            begun=(lambda: self._create_schema(single, by_label=True)) if schema else None)
        try:
            with self._no_automatic_rewrite():
                try:
                    fill(writer)
                except BaseException:  # a command still in flight is taken before the caller clears the graph
                    with contextlib.suppress(Exception):
                        writer.settle()
                    raise
                writer.settle()  # a fill whose last command was sent without waiting: its reply, not WAITAOF's
                self._graph = FastParamsGraph(self._db, self.graph_name)
                self._schema_ready = False
                if schema:
                    self._create_schema(single, by_label=True)  # none missing unless nothing was sent
                    self._constraints_operational()
                    self._schema_ready = True
                self._on_disk(single)
                try:
                    self._start_rewrite(-1)  # none runs (automatic ones are off): starts at once, not waited for
                except redis.ResponseError as exc:  # the graph is on disk: only the next start is slower
                    log.warning("the append-only file rewrite after the bulk load did not start (%s); the next "
                                "start replays the log instead of loading a snapshot", engine_message(str(exc)))
        except redis.ResponseError as exc:
            raise StoreError(f"GRAPH.BULK failed: {engine_message(str(exc))}") from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreError(f"embedded FalkorDB not reachable at {self.server.socket}: {exc}") from exc
        finally:
            with contextlib.suppress(Exception):
                single.close()
        return writer.nodes_created, writer.relations_created

    def _constraints_operational(self, poll: float = REWRITE_POLL) -> None:
        """Wait until FalkorDB has built every constraint (it builds one in the background: status ``UNDER
        CONSTRUCTION``, then ``OPERATIONAL``); one that failed is an error. The bulk path creates the constraints
        last, after every index. Once, in a fresh clone's test run, ``db.indexes()`` right after a bulk load lacked
        the label whose constraint is created last (``Claim``); a constraint still being built is the suspected
        cause (not reproduced in 30 runs since). A load should return with its schema in force either way; so
        should :meth:`_apply_schema` (on an empty graph the first poll finds them built)."""
        deadline = time.monotonic() + ON_DISK_TIMEOUT
        while True:
            statuses = {row[4] for row in self._graph.ro_query(_CONSTRAINTS).result_set}
            if "FAILED" in statuses:
                raise StoreError("a uniqueness constraint failed to build (two nodes of its label with one value?"
                                 f" see {self.server.log_file})")
            if statuses <= {"OPERATIONAL"}:
                return
            if time.monotonic() > deadline:
                raise StoreError(f"the graph's constraints were not built after {ON_DISK_TIMEOUT:.0f} s")
            time.sleep(poll)

    def _on_disk(self, connection: Any) -> None:
        """Wait until every write ``connection`` sent is in the append-only file on disk (``WAITAOF``), with
        ``appendfsync always`` meanwhile: at ``everysec`` the wait is for the next second's fsync (about 1 s,
        measured), at ``always`` the server syncs at once. The setting is restored whatever happens."""
        before = connection.config_get(FSYNC)[FSYNC]
        connection.config_set(FSYNC, "always")
        try:
            local, _ = connection.execute_command("WAITAOF", 1, 0, int(ON_DISK_TIMEOUT * 1000))
        finally:
            with contextlib.suppress(redis.RedisError, OSError):
                connection.config_set(FSYNC, before)
        if int(local) < 1:
            raise StoreError("the bulk load's append-only file was not on disk after "
                             f"{ON_DISK_TIMEOUT:.0f} s (see {self.server.log_file})")

    @contextlib.contextmanager
    def _no_automatic_rewrite(self, poll: float = REWRITE_POLL) -> Iterator[None]:
        """No automatic append-only file rewrite while ``GRAPH.BULK`` commands run: a rewrite forks the server, and a
        fork while a bulk command holds the graph's write lock deadlocked a 1M-deal bulk load here (the server idle,
        the client waiting for a reply forever; FalkorDB's write-lock/fork deadlocks, e.g. FalkorDB issue 2129). A
        rewrite already running is waited for first; the setting is restored whatever happens, and the bulk load
        compacts the log itself afterwards (:meth:`bulk`)."""
        connection = self._db.connection
        self._no_rewrite_running(poll)
        before = connection.config_get(AUTO_REWRITE)[AUTO_REWRITE]
        connection.config_set(AUTO_REWRITE, 0)
        try:
            yield
        finally:
            with contextlib.suppress(redis.RedisError, OSError):  # the server gone: a restart reads its own setting
                connection.config_set(AUTO_REWRITE, before)

    def compact(self, growth: int = COMPACT_GROWTH) -> None:
        """Start an append-only file rewrite when the log grew by more than ``growth`` bytes since the last one:
        a restart then loads a snapshot instead of replaying every statement of the load (a 300k-deal load's
        tail took 99 s to replay). A rewrite already running (started during the load, so without the load's
        last writes) is waited for first; ours then runs in the background (a stop waits for it)."""
        self.settle()
        try:
            self._start_rewrite(growth)
        except redis.ResponseError as exc:
            raise StoreError(f"cannot compact the append-only file: {engine_message(str(exc))}") from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreError(f"embedded FalkorDB not reachable at {self.server.socket}: {exc}") from exc

    def _start_rewrite(self, growth: int = 0, poll: float = 0.05) -> bool:
        """Wait for a running rewrite, then start one if the log grew by more than ``growth`` bytes since the
        last. True if one was started."""
        connection = self._db.connection
        while True:
            info = self._no_rewrite_running(poll)
            if self._tail(info) <= growth:
                return False
            try:
                connection.execute_command("BGREWRITEAOF")
                return True
            except redis.ResponseError as exc:
                if "already in progress" not in str(exc):
                    raise
                time.sleep(poll)

    def _no_rewrite_running(self, poll: float) -> dict[str, Any]:
        """Wait until no append-only file rewrite runs or is scheduled; returns the last ``INFO persistence``."""
        while True:
            info: dict[str, Any] = self._db.connection.info("persistence")
            if not rewriting(info):
                return info
            time.sleep(poll)

    def _tail(self, info: dict[str, Any]) -> int:
        """Bytes a start would replay as statements: the incremental files on disk. Not redis's
        ``aof_current_size - aof_base_size``: a rewrite ends by setting the base size to the current one, so
        what was written while it ran (in the new incremental file, not in its snapshot) no longer counts: a
        load whose last writes fell during an automatic rewrite ended without compacting them."""
        logged = int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))
        on_disk = aof.tail_bytes(self.server.db_dir)
        return logged if on_disk is None else max(logged, on_disk)

    def clear(self) -> None:
        self.settle()
        with contextlib.suppress(redis.ResponseError):
            self._graph.delete()
        self._graph = FastParamsGraph(self._db, self.graph_name)
        self._schema_ready = False

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a failure nobody waited for: the load that sent it has ended
            self.settle()
        with contextlib.suppress(Exception):
            self._db.connection.close()
        with contextlib.suppress(Exception):
            self._pool.disconnect()

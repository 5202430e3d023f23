"""The writer lock: one document write at a time per store, whichever process writes it.

Embedded FalkorDB: ``fcntl.flock`` on ``<data dir>/falkordb/writer.lock``, held by a load from the
moment it looks at a document's state until that document is committed or rolled back. The lock dies
with its process (kill -9 included), so a load that finds a document still ``loading`` while it holds
the lock knows that document's writer is gone. The holder writes its pid into the file, for the
"waiting for another load (pid N)" note of a load that has to wait.

Neo4j: each document is one transaction, and its first statement takes the write lock of a single
``ArmsgraphWriterLock`` node (unique by constraint, so concurrent first uses still make one node);
Neo4j holds it until the transaction commits or rolls back, which serialises document writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator

from armsgraph.graph.store.base import Store
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.schema.errors import StoreError

LOCK_CONSTRAINT = Cypher(
    "CREATE CONSTRAINT armsgraph_writer_lock IF NOT EXISTS FOR (l:ArmsgraphWriterLock) REQUIRE l.id IS UNIQUE"
)
TAKE_LOCK = Cypher(
    "MERGE (l:ArmsgraphWriterLock {id: 'writer'})\n"
    "SET l.pid = $pid, l.host = $host\n"
    "RETURN l.id AS id"
)
LOCK_STATEMENTS = (LOCK_CONSTRAINT, TAKE_LOCK)
"""Neo4j only (FalkorDB takes a file lock): listed by the writer's ``all_statements`` for the grammar check."""

Note = Callable[[str], None]


class WriterLock:
    """``held()`` around a document's whole write; ``claim()`` first thing inside its transaction."""

    def __init__(self, store: Store, note: Note | None = None) -> None:
        self.store = store
        self.note = note
        self._neo4j_ready = False

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the data dir's file lock (embedded store), waiting for a load that holds it; elsewhere nothing."""
        with self._file() as fd:
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if self.note is not None:
                        self.note(f"waiting for another load (pid {_holder(fd)}) to finish its document")
                    fcntl.flock(fd, fcntl.LOCK_EX)
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            try:
                yield
            finally:
                if fd is not None:
                    os.ftruncate(fd, 0)
                    fcntl.flock(fd, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def held_if_free(self) -> Iterator[bool]:
        """The lock if no load holds it now (True), else nothing (False): for work that may wait its turn."""
        with self._file() as fd:
            if fd is None:
                yield True
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _file(self) -> Iterator[int | None]:
        """The lock file's descriptor (embedded store: ``<data dir>/falkordb/writer.lock``), None elsewhere."""
        if not isinstance(self.store, FalkorStore):
            yield None
            return
        path = self.store.server.db_dir / "writer.lock"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot open the writer lock {path}: {exc.strerror or exc}") from exc
        try:
            yield fd
        finally:
            os.close(fd)

    def prepare(self) -> None:
        """Outside any transaction: the lock node's constraint (Neo4j refuses DDL inside one)."""
        if self.store.transactional and not self._neo4j_ready:
            self.store.run(LOCK_CONSTRAINT, write=True)
            self._neo4j_ready = True

    def claim(self) -> None:
        """Inside the document's transaction (Neo4j, after ``prepare``): take the lock node until it ends."""
        if self.store.transactional:
            self.store.run(TAKE_LOCK, {"pid": os.getpid(), "host": os.uname().nodename}, write=True)


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode().strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"

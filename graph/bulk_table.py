"""The bulk path's data on disk while it is built (``armsgraph load --bulk``, :mod:`armsgraph.graph.bulk`): the
Reports until their deals are resolved, and the rows that are final from then on, so the client's memory does
not grow with the input.

* :class:`ReportTable`: one SQLite file (standard library: a keyed table on disk with a bounded page cache that
  answers the lookups deal resolution needs: a Report by id, a block's Reports, the blocks of a SIPRI deal id)
  of every Report with its provenance edges, and the ``WeaponTotals`` entries merged across groups.
* :class:`Spool`: a file of rows in the order they are sent (each Report, Transfer and ``DealTotals`` as its
  group is resolved, each relationship with its ends' positions), written once and read once.

Values are kept with :mod:`marshal`: the exact Python values the loaders validated (strings with any character,
64-bit and larger integers, tuples) in a C codec several times faster than JSON; the files live only in one
process's temporary directory (marshal's format is not meant to outlive a Python version), removed by
``close``. SQLite runs without a journal: a crash loses only a build that had sent nothing yet.
"""

from __future__ import annotations

import marshal
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from armsgraph.graph.scratch_db import attached, chunks, connect, marks

_REPORTS = ("CREATE TABLE reports (id TEXT PRIMARY KEY, block TEXT, sipri_id TEXT, props BLOB NOT NULL,"
            " sourced BLOB NOT NULL)")
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS reports_block ON reports (block)",
    "CREATE INDEX IF NOT EXISTS reports_sipri ON reports (sipri_id) WHERE sipri_id IS NOT NULL",
)
"""What deal resolution looks Reports up by, built by the :meth:`ReportTable.commit` after the read (one sort
each: kept up while every Report was put, they were a third of the puts' time)."""
_ENTRIES = ("CREATE TABLE weapon_entries (recipient TEXT NOT NULL, weapon TEXT NOT NULL, supplier TEXT NOT NULL,"
            " year INTEGER NOT NULL, deals INTEGER NOT NULL, tiv REAL NOT NULL,"
            " PRIMARY KEY (recipient, weapon, supplier, year))")
_IDENTITIES = "CREATE TABLE identities (identity TEXT PRIMARY KEY, n INTEGER NOT NULL)"
"""A range's classic deal identities and their records (:meth:`ReportTable.part`)."""
_DEAL_IDS = "CREATE TABLE deal_ids (id TEXT PRIMARY KEY)"
"""The transfers-format deal ids a range's lines name, read or rejected (:meth:`ReportTable.put_deal_ids`)."""
OWNER_CACHE_KB = 65536
"""The owner's page cache for the Reports (it serves the merges while reading, which read Reports back by id)."""
READER_CACHE_KB = 8192
"""A reader's page cache per file (a worker's: it reads each group's Reports once, so a cache buys little; the
owner's 64 MB serves the merges while reading, which read Reports back by id). With the owner's size each of
two workers could hold 64 MB more per file: at 300k deals the processes' PSS summed to 661 MB."""
_PUT_REPORT = (
    "INSERT INTO reports (id, block, sipri_id, props, sourced) VALUES (?, ?, ?, ?, ?)\n"
    "ON CONFLICT (id) DO UPDATE SET block = excluded.block, sipri_id = excluded.sipri_id, props = excluded.props,"
    " sourced = excluded.sourced"
)

_APPEND_PART = ("INSERT INTO main.reports (id, block, sipri_id, props, sourced)"
                " SELECT id, block, sipri_id, props, sourced FROM part.reports WHERE true ORDER BY rowid")
"""A range's Reports after every one held, in their order (a repeated id fails: see :meth:`ReportTable.start_file`)."""
_MERGE_PART = (" ON CONFLICT (id) DO UPDATE SET block = excluded.block, sipri_id = excluded.sipri_id,"
               " props = excluded.props, sourced = excluded.sourced")
"""... a Report another file put kept in its place, with the range's merged properties and edges."""

_LENGTH = struct.Struct("=Q")
"""A spool chunk's length in bytes, before it."""
_dumps = marshal.dumps
_loads = marshal.loads
_first = itemgetter(0)
unpack = marshal.loads
"""A packed value of the table back as Python values (:meth:`ReportTable.in_blocks_packed`)."""

Report = tuple[str, dict[str, Any], dict[str, dict[str, Any]]]
"""(id, properties, document id -> the properties of its ``SOURCED_FROM`` edge to that document)."""


class ReportTable:
    """Reports keyed by id, with their block and SIPRI deal id for deal resolution, in a temporary directory."""

    def __init__(self, directory: Path | None = None, reader_of: Path | None = None) -> None:
        self._dir = None if reader_of else tempfile.TemporaryDirectory(prefix="armsgraph-bulk-", dir=directory)
        self.path = reader_of or Path(self._dir.name if self._dir else "")
        self.owner = reader_of is None
        """Whether this connection writes (the process that made the table); a reader only reads."""
        self.db = connect(self.path / "reports.sqlite", OWNER_CACHE_KB if self.owner else READER_CACHE_KB)
        self._indexed = False
        self._file_alone = False
        """Whether the file read in ranges is the first to put Reports (:meth:`start_file`)."""
        if self.owner:
            self.db.execute(_REPORTS)
            self.entries.execute(_ENTRIES)

    @cached_property
    def entries(self) -> sqlite3.Connection:
        """The ``WeaponTotals`` entries, in a file of their own: the main process writes them while workers read
        the Reports (a writer's lock on one file would block the readers: at 300k, "database is locked"); the
        workers read them once every group is resolved and they are committed. Its page cache is a reader's
        (``READER_CACHE_KB``) in the owner too: a few small rows per deal, appended, read once in key order.
        Opened when first used (a range's table never is)."""
        return connect(self.path / "entries.sqlite", READER_CACHE_KB)

    @classmethod
    def reader(cls, path: Path) -> ReportTable:
        """Another connection to the table in ``path`` (a worker process's own: a connection is not shared across
        a fork); it does not own the directory."""
        return cls(reader_of=path)

    @classmethod
    def part(cls, path: Path) -> ReportTable:
        """A new table in ``path`` (a directory of the owner's) for the Reports of one range of a file, read by a
        worker (graph/bulk_read.py) and merged into the owner's by :meth:`take_part`; with the classic keys'
        identities it counted (:meth:`put_identities`)."""
        path.mkdir()
        table = cls(reader_of=path)
        for statement in (_REPORTS, _IDENTITIES, _DEAL_IDS):  # by id only: the owner's table indexes the rest
            table.db.execute(statement)
        return table

    def put_deal_ids(self, ids: Iterable[str]) -> None:
        """The transfers-format deal ids a range's lines name, whether or not a Report came of them (a deal with
        one bad row writes none: its other rows in another range would make one that a whole read rejects)."""
        self.db.executemany("INSERT OR IGNORE INTO deal_ids VALUES (?)", ((i,) for i in ids))
        self.db.commit()

    def put_identities(self, counts: dict[str, int]) -> None:
        """A range's classic identities and how many records of each it read (its keys' ``-n`` count from 1)."""
        self.db.executemany("INSERT INTO identities VALUES (?, ?)", counts.items())
        self.db.commit()

    def take_part(self, path: Path, rekey: Callable[[str, int, int], Iterable[tuple[str, str, str]]],
                  merge: Callable[[Report, Report], Report]) -> None:
        """Append the Reports of a range's table (:meth:`part`) after every one held, in their order: first its
        classic keys renumbered after the earlier ranges of the same file (``rekey(identity, records here,
        records before)`` gives (old id, new id, new key) per Report to change, in an order where no new id is
        still taken), then a Report this table holds already (another file's) merged (``merge(held, part's)``)
        and kept in its place. :meth:`start_file` first, for each file."""
        db = self.db
        with attached(db, path / "reports.sqlite"):
            try:
                repeated = db.execute("SELECT p.identity, p.n, s.n FROM part.identities p"
                                      " JOIN temp.seen_identities s USING (identity)").fetchall()
                for identity, here, before in repeated:
                    for old_id, new_id, key in rekey(identity, here, before):
                        found = db.execute("SELECT props FROM part.reports WHERE id = ?", (old_id,)).fetchone()
                        if found is None:  # a record the model refused (counted, as a whole read counts it): a gap
                            continue
                        props = _loads(found[0])
                        props["id"], props["key"] = new_id, key
                        db.execute("UPDATE part.reports SET id = ?, props = ? WHERE id = ?",
                                   (new_id, _dumps(props), old_id))
                db.execute("INSERT INTO temp.seen_identities SELECT identity, n FROM part.identities WHERE true"
                           " ON CONFLICT (identity) DO UPDATE SET n = n + excluded.n")
                held = [] if self._file_alone else db.execute(
                    "SELECT p.id, m.props, m.sourced, p.props, p.sourced FROM part.reports p"
                    " JOIN main.reports m USING (id)").fetchall()
                merged_rows = []
                for node_id, props, sourced, new_props, new_sourced in held:
                    _, merged, edges = merge((node_id, _loads(props), _loads(sourced)),
                                             (node_id, _loads(new_props), _loads(new_sourced)))
                    merged_rows.append((_dumps(merged), _dumps(edges), node_id))
                db.executemany("UPDATE part.reports SET props = ?, sourced = ? WHERE id = ?", merged_rows)
                db.execute(_APPEND_PART if self._file_alone else _APPEND_PART + _MERGE_PART)
                db.commit()
            except BaseException:
                db.rollback()
                raise

    def start_file(self) -> None:
        """Forget the classic identities counted for the last file read in ranges (keys number per file), and note
        whether the table holds any Report yet: if not, no range of this file can meet one another file put (the
        ranges of one file share no Report: classic keys are renumbered per file, a transfers-format deal id in two
        ranges makes the file read whole), so :meth:`take_part` appends without looking each one up."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_identities (identity TEXT PRIMARY KEY, n INTEGER)")
        self.db.execute("DELETE FROM temp.seen_identities")
        self._file_alone = not self.db.execute("SELECT EXISTS (SELECT 1 FROM main.reports)").fetchone()[0]

    def shared_deal_ids(self, paths: list[Path]) -> bool:
        """Whether two ranges' lines name the same transfers-format deal id (:meth:`put_deal_ids`): then the file
        is read whole."""
        db = self.db
        db.commit()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS range_ids (id TEXT PRIMARY KEY)")
        db.execute("DELETE FROM temp.range_ids")
        try:
            for path in paths:
                with attached(db, path / "reports.sqlite"):
                    try:
                        db.execute("INSERT INTO temp.range_ids SELECT id FROM part.deal_ids")
                    except sqlite3.IntegrityError:
                        return True
            return False
        finally:
            db.execute("DELETE FROM temp.range_ids")
            db.commit()

    def close(self) -> None:
        self.db.close()
        if "entries" in self.__dict__:  # opened
            self.entries.close()
        if self._dir is not None:
            self._dir.cleanup()

    def commit(self, index: bool = True) -> None:
        """Commit what was put; with ``index`` (the owner's, once), first build the indexes deal resolution reads:
        a document read commits without them (``index=False``), resolving commits with."""
        if index and self.owner and not self._indexed:
            for statement in _INDEXES:
                self.db.execute(statement)
            self._indexed = True
        self.db.commit()
        self.entries.commit()

    def get(self, ids: Iterable[str]) -> dict[str, Report]:
        """The Reports of these ids the table holds."""
        out: dict[str, Report] = {}
        for chunk in chunks(list(ids)):
            for node_id, props, sourced in self.db.execute(
                    f"SELECT id, props, sourced FROM reports WHERE id IN ({marks(chunk)})", chunk):
                out[node_id] = (node_id, _loads(props), _loads(sourced))
        return out

    def put(self, reports: Iterable[Report]) -> None:
        """Insert or replace; a Report put again keeps its place (the order :meth:`unblocked` reads)."""
        def rows() -> Iterator[tuple[Any, ...]]:
            for node_id, props, sourced in reports:
                sipri_id = props.get("sipri_id")
                yield node_id, props.get("block"), str(sipri_id) if sipri_id else None, _dumps(props), _dumps(sourced)

        self.db.executemany(_PUT_REPORT, rows())

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM reports").fetchone()[0])

    # -- for deal resolution ---------------------------------------------------------------------------------------
    def block_counts(self) -> dict[str, int]:
        """Report block -> how many Reports it holds."""
        return dict(self.db.execute("SELECT block, count(*) FROM reports WHERE block IS NOT NULL GROUP BY block"))

    def in_blocks(self, blocks: list[str]) -> Iterator[Report]:
        """The Reports of these blocks, in the order they were first put."""
        for node_id, props, sourced in self.in_blocks_packed(blocks):
            yield node_id, props, _loads(sourced)

    def in_blocks_packed(self, blocks: list[str]) -> Iterator[tuple[str, dict[str, Any], bytes]]:
        """:meth:`in_blocks` with each Report's edges left packed (:func:`unpack`): deal resolution never reads
        them, so a group holds a third less until its Reports are written (docs/loading.md, "Session 12"). Rows
        sorted here by rowid (an ``ORDER BY`` made SQLite copy every row, blobs and all, through a sorter that
        spills to a file past the page cache); each fetched row is dropped once loaded."""
        for chunk in chunks(blocks):
            rows = self.db.execute(f"SELECT rowid, id, props, sourced FROM reports WHERE block IN ({marks(chunk)})",
                                   chunk).fetchall()
            rows.sort(key=_first, reverse=True)
            while rows:
                _, node_id, props, sourced = rows.pop()
                yield node_id, _loads(props), sourced

    def unblocked(self) -> Iterator[Report]:
        """The Reports in no block (no deal resolution reads them), in the order they were first put."""
        for node_id, props, sourced in self.db.execute(
                "SELECT id, props, sourced FROM reports WHERE block IS NULL ORDER BY rowid"):
            yield node_id, _loads(props), _loads(sourced)

    def sipri_ids_in(self, blocks: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, {"sipri_id": ...}) of the Reports of these blocks: all that widening a group to whole deals reads."""
        for chunk in chunks(blocks):
            for node_id, sipri_id in self.db.execute(
                    f"SELECT id, sipri_id FROM reports WHERE block IN ({marks(chunk)}) ORDER BY rowid", chunk):
                yield node_id, {"sipri_id": sipri_id}

    def linked_blocks(self) -> set[str]:
        """The blocks holding a Report whose SIPRI id a Report of another block holds too: the only blocks that
        widening by SIPRI id (:func:`armsgraph.graph.deals.widened`) can lead out of (a generated or a first
        register has none: every deal id in one block)."""
        return {row[0] for row in self.db.execute(
            "SELECT DISTINCT block FROM reports WHERE block IS NOT NULL AND sipri_id IN ("
            " SELECT sipri_id FROM reports WHERE sipri_id IS NOT NULL AND block IS NOT NULL"
            " GROUP BY sipri_id HAVING count(DISTINCT block) > 1)")}

    def blocks_of_sipri_ids(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in chunks(ids):
            out.update(row[0] for row in self.db.execute(
                f"SELECT DISTINCT block FROM reports WHERE sipri_id IN ({marks(chunk)})", chunk) if row[0])
        return out

    def blocks_of_reports(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in chunks(ids):
            out.update(row[0] for row in self.db.execute(
                f"SELECT block FROM reports WHERE block IS NOT NULL AND id IN ({marks(chunk)})", chunk))
        return out

    # -- WeaponTotals, merged across groups ---------------------------------------------------------------------
    def put_weapon_entries(self, rows: Iterable[tuple[str, str, str, int, int, float]]) -> None:
        """(recipient, weapon, supplier, year, deals, tiv): one group's entries (a supplier's are all in its group)."""
        assert self.owner, "the table's owner keeps the entries"
        self.entries.executemany("INSERT OR REPLACE INTO weapon_entries VALUES (?, ?, ?, ?, ?, ?)", rows)

    def recipient_parts(self, parts: int) -> list[tuple[str, str]]:
        """(first, last) recipient of at most ``parts`` ranges of about as many entries each (committed entries:
        a worker reads each range, :meth:`weapon_entries`)."""
        counts = self.entries.execute("SELECT recipient, count(*) FROM weapon_entries GROUP BY recipient"
                                      " ORDER BY recipient").fetchall()
        total = sum(n for _, n in counts)
        out: list[tuple[str, str]] = []
        first, taken = None, 0
        for recipient, n in counts:
            first = recipient if first is None else first
            taken += n
            if taken * parts >= total * (len(out) + 1):
                out.append((first, recipient))
                first = None
        return out  # the last recipient always closes the last part: then taken == total

    def weapon_entries(self, first: str, last: str) -> Iterator[tuple[str, str, str, int, int, float]]:
        """The entries of the recipients from ``first`` to ``last``, sorted by recipient, weapon, supplier, year
        (UTF-8 order is code point order)."""
        yield from self.entries.execute("SELECT * FROM weapon_entries WHERE recipient BETWEEN ? AND ?"
                                        " ORDER BY recipient, weapon, supplier, year", (first, last))


class Spool:
    """Chunks of rows appended to a file and read back in the same order, one chunk in memory at a time."""

    def __init__(self, path: Path, written: int | None = None) -> None:
        """A new spool at ``path``; or, with ``written`` (its rows), one another process wrote, to read."""
        self.path = path
        self._out: BinaryIO | None = open(path, "wb") if written is None else None  # noqa: SIM115 (see close)
        self.rows = written or 0

    def add(self, name: str, rows: list[Any], count: int | None = None) -> None:
        """One chunk: a label set or relationship type and its rows (anything marshal carries; ``count``: how
        many rows they stand for, when not one per item)."""
        if rows:
            assert self._out is not None, "spool already read"
            data = marshal.dumps((name, rows))  # whole: marshal.dump/load on a file go a few bytes per call
            self._out.write(_LENGTH.pack(len(data)))
            self._out.write(data)
            self.rows += len(rows) if count is None else count

    def chunks(self) -> Iterator[tuple[str, list[Any]]]:
        """Every chunk, in the order added (nothing may be added after)."""
        self.close()
        with open(self.path, "rb") as src:
            while head := src.read(_LENGTH.size):
                yield marshal.loads(src.read(_LENGTH.unpack(head)[0]))

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

"""The bulk path's graph on disk: one SQLite file of nodes and relationships, so the client's memory does not grow
with the input (``armsgraph load --bulk``, :mod:`armsgraph.graph.bulk`).

SQLite because it is in the standard library, keeps a keyed table on disk with a bounded page cache, and answers
the lookups the build needs (a node by id, a block's Reports, the nodes in label order) from its indexes. Values
are stored as JSON text (what the loaders validated: JSON scalars and lists); the caller merges rows with the
writer's semantics and puts them back. The file lives in a temporary directory removed by :meth:`close`; it is
written without a journal (a crash loses only a build that had sent nothing yet).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

CHUNK = 900
"""Ids per ``IN (...)`` lookup: under SQLite's oldest limit of 999 parameters."""

_SCHEMA = (
    "CREATE TABLE nodes (id TEXT PRIMARY KEY, labels TEXT NOT NULL, props TEXT NOT NULL,"
    " captioned INTEGER NOT NULL, block TEXT, sipri_id TEXT)",
    "CREATE INDEX nodes_labels ON nodes (labels)",
    "CREATE INDEX nodes_block ON nodes (block) WHERE block IS NOT NULL",
    "CREATE INDEX nodes_sipri ON nodes (sipri_id) WHERE sipri_id IS NOT NULL",
    "CREATE TABLE sourced (node TEXT NOT NULL, doc TEXT NOT NULL, props TEXT NOT NULL, PRIMARY KEY (node, doc))",
    "CREATE TABLE relations (type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, key TEXT NOT NULL,"
    " props TEXT NOT NULL, PRIMARY KEY (type, src, dst, key))",
    "CREATE INDEX relations_dst ON relations (type, dst)",
    "CREATE TABLE captions (id TEXT PRIMARY KEY, caption TEXT NOT NULL)",
    "CREATE TABLE weapon_entries (recipient TEXT NOT NULL, weapon TEXT NOT NULL, supplier TEXT NOT NULL,"
    " year INTEGER NOT NULL, deals INTEGER NOT NULL, tiv REAL NOT NULL,"
    " PRIMARY KEY (recipient, weapon, supplier, year))",
)
_PUT_NODE = (
    "INSERT INTO nodes (id, labels, props, captioned, block, sipri_id) VALUES (?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT (id) DO UPDATE SET labels = excluded.labels, props = excluded.props,"
    " captioned = excluded.captioned, block = excluded.block, sipri_id = excluded.sipri_id"
)
_PUT_SOURCED = ("INSERT INTO sourced (node, doc, props) VALUES (?, ?, ?)\n"
                "ON CONFLICT (node, doc) DO UPDATE SET props = excluded.props")
_PUT_RELATION = ("INSERT INTO relations (type, src, dst, key, props) VALUES (?, ?, ?, ?, ?)\n"
                 "ON CONFLICT (type, src, dst, key) DO UPDATE SET props = excluded.props")

_dumps = json.JSONEncoder(separators=(",", ":")).encode
_loads = json.loads


def key_text(values: Iterable[Any]) -> str:
    """A relationship's key values as the table's ``key`` column (JSON)."""
    return _dumps(list(values))

Node = tuple[str, dict[str, Any], bool]
"""(labels such as ``Actor:Country``, properties, written by a node statement: its own-field caption is stored)."""


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _marks(items: list[Any]) -> str:
    return ",".join("?" * len(items))


class BulkTable:
    """Nodes (id, labels, properties), SOURCED_FROM edges per (node, document) and other relationships per
    (type, source, target, key values), each row's properties as JSON."""

    def __init__(self, directory: Path | None = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="armsgraph-bulk-", dir=directory)
        self.db = sqlite3.connect(Path(self._dir.name) / "graph.sqlite")
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", "cache_size = -65536"):
            self.db.execute(f"PRAGMA {pragma}")
        for statement in _SCHEMA:
            self.db.execute(statement)
        self.node_keys: dict[str, dict[str, None]] = {}
        """labels -> every property key put on such a node, in first-seen order (the GRAPH.BULK header)."""
        self.relation_keys: dict[str, dict[str, None]] = {}

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def commit(self) -> None:
        self.db.commit()

    # -- nodes ----------------------------------------------------------------------------------------------------
    def nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        """The nodes of these ids the table holds."""
        out: dict[str, Node] = {}
        for chunk in _chunks(list(ids)):
            for node_id, labels, props, captioned in self.db.execute(
                    f"SELECT id, labels, props, captioned FROM nodes WHERE id IN ({_marks(chunk)})", chunk):
                out[node_id] = (labels, _loads(props), bool(captioned))
        return out

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> labels, for the ids the table holds."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            out.update(self.db.execute(f"SELECT id, labels FROM nodes WHERE id IN ({_marks(chunk)})", chunk))
        return out

    def put_nodes(self, nodes: Iterable[tuple[str, str, dict[str, Any], bool]]) -> None:
        """Insert or replace (id, labels, properties, captioned); a node keeps its place in label order."""
        keys = self.node_keys

        def rows() -> Iterator[tuple[Any, ...]]:
            for node_id, labels, props, captioned in nodes:
                held = keys.get(labels)
                if held is None:
                    held = keys[labels] = {}
                if not held.keys() >= props.keys():
                    held.update(dict.fromkeys(props))
                report = labels == "Report"
                sipri_id = props.get("sipri_id") if report else None
                yield (node_id, labels, _dumps(props), int(captioned), props.get("block") if report else None,
                       str(sipri_id) if sipri_id else None)

        self.db.executemany(_PUT_NODE, rows())

    def put_captions(self, rows: Iterable[tuple[str, str]]) -> None:
        """(caption, id): a caption read through relationships, stored beside the properties."""
        self.db.executemany("INSERT OR REPLACE INTO captions (caption, id) VALUES (?, ?)", rows)

    def documents(self) -> Iterator[dict[str, Any]]:
        for (props,) in self.db.execute("SELECT props FROM nodes WHERE labels = 'Document'"):
            yield _loads(props)

    def labelled(self, labels: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, properties) of every node with exactly these labels."""
        for node_id, props in self.db.execute("SELECT id, props FROM nodes WHERE labels = ? ORDER BY rowid",
                                              (labels,)):
            yield node_id, _loads(props)

    def label_sets(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT labels FROM nodes ORDER BY labels")]

    # -- Reports, for deal resolution ----------------------------------------------------------------------------
    def block_counts(self) -> dict[str, int]:
        """Report block -> how many Reports it holds."""
        return dict(self.db.execute("SELECT block, count(*) FROM nodes WHERE block IS NOT NULL GROUP BY block"))

    def reports_in(self, blocks: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        for chunk in _chunks(blocks):
            for node_id, props in self.db.execute(
                    f"SELECT id, props FROM nodes WHERE block IN ({_marks(chunk)}) ORDER BY rowid", chunk):
                yield node_id, _loads(props)

    def blocks_of_sipri_ids(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(ids):
            out.update(row[0] for row in self.db.execute(
                f"SELECT DISTINCT block FROM nodes WHERE sipri_id IN ({_marks(chunk)})", chunk) if row[0])
        return out

    def blocks_of_reports(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(ids):
            out.update(row[0] for row in self.db.execute(
                f"SELECT block FROM nodes WHERE block IS NOT NULL AND id IN ({_marks(chunk)})", chunk))
        return out

    # -- relationships ---------------------------------------------------------------------------------------------
    def sourced(self, doc: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """node id -> its SOURCED_FROM edge to ``doc``, for the nodes that have one."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            for node_id, props in self.db.execute(
                    f"SELECT node, props FROM sourced WHERE doc = ? AND node IN ({_marks(chunk)})", [doc, *chunk]):
                out[node_id] = _loads(props)
        return out

    def put_sourced(self, doc: str, edges: Iterable[tuple[str, dict[str, Any]]]) -> None:
        keys = self.relation_keys.setdefault("SOURCED_FROM", {})

        def rows() -> Iterator[tuple[str, str, str]]:
            for node_id, props in edges:
                if not keys.keys() >= props.keys():
                    keys.update(dict.fromkeys(props))
                yield node_id, doc, _dumps(props)

        self.db.executemany(_PUT_SOURCED, rows())

    def relation(self, rel_type: str, src: str, dst: str, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT props FROM relations WHERE type = ? AND src = ? AND dst = ? AND key = ?",
                              (rel_type, src, dst, key)).fetchone()
        return None if row is None else dict(_loads(row[0]))

    def put_relations(self, edges: Iterable[tuple[str, str, str, str, dict[str, Any]]]) -> None:
        """Insert or replace (type, source id, target id, key values as JSON, properties)."""
        keys = self.relation_keys

        def rows() -> Iterator[tuple[str, str, str, str, str]]:
            for rel_type, src, dst, key, props in edges:
                held = keys.get(rel_type)
                if held is None:
                    held = keys[rel_type] = {}
                if not held.keys() >= props.keys():
                    held.update(dict.fromkeys(props))
                yield rel_type, src, dst, key, _dumps(props)

        self.db.executemany(_PUT_RELATION, rows())

    def neighbours(self, rel_type: str, incoming: bool, ids: list[str]) -> Iterator[tuple[str, str]]:
        """(node id, a neighbour's id) over ``rel_type`` edges into (``incoming``) or out of these nodes."""
        near, far = ("dst", "src") if incoming else ("src", "dst")
        for chunk in _chunks(ids):
            yield from self.db.execute(f"SELECT {near}, {far} FROM relations"
                                       f" WHERE type = ? AND {near} IN ({_marks(chunk)})", [rel_type, *chunk])

    # -- WeaponTotals, merged across groups ---------------------------------------------------------------------
    def put_weapon_entries(self, rows: Iterable[tuple[str, str, str, int, int, float]]) -> None:
        """(recipient, weapon, supplier, year, deals, tiv): one group's entries (a supplier's are all in its group)."""
        self.db.executemany("INSERT OR REPLACE INTO weapon_entries VALUES (?, ?, ?, ?, ?, ?)", rows)

    def weapon_entries(self) -> Iterator[tuple[str, str, str, int, int, float]]:
        """Every entry, sorted by recipient, weapon, supplier, year (UTF-8 order is code point order)."""
        yield from self.db.execute("SELECT * FROM weapon_entries ORDER BY recipient, weapon, supplier, year")

    # -- sending ----------------------------------------------------------------------------------------------------
    def number(self) -> None:
        """Give each node its position in label order (the internal id GRAPH.BULK gives it, from 0)."""
        self.db.execute("CREATE TABLE position (pos INTEGER PRIMARY KEY, id TEXT NOT NULL)")
        self.db.execute("INSERT INTO position (id) SELECT id FROM nodes ORDER BY labels, rowid")
        self.db.execute("CREATE UNIQUE INDEX position_id ON position (id)")

    def ordered_nodes(self) -> Iterator[tuple[str, dict[str, Any], bool, str | None]]:
        """(labels, properties, captioned, stored caption) in the order :meth:`number` numbered them."""
        for labels, props, captioned, caption in self.db.execute(
                "SELECT n.labels, n.props, n.captioned, c.caption FROM nodes n LEFT JOIN captions c ON c.id = n.id"
                " ORDER BY n.labels, n.rowid"):
            yield labels, _loads(props), bool(captioned), caption

    def ordered_edges(self) -> Iterator[tuple[str, int, int, dict[str, Any]]]:
        """(type, source position, target position, properties): SOURCED_FROM, then each type in name order."""
        for src, dst, props in self.db.execute(
                "SELECT s.pos - 1, d.pos - 1, e.props FROM sourced e JOIN position s ON s.id = e.node"
                " JOIN position d ON d.id = e.doc ORDER BY e.rowid"):
            yield "SOURCED_FROM", src, dst, _loads(props)
        for rel_type, src, dst, props in self.db.execute(
                "SELECT e.type, s.pos - 1, d.pos - 1, e.props FROM relations e JOIN position s ON s.id = e.src"
                " JOIN position d ON d.id = e.dst ORDER BY e.type, e.src, e.dst, e.key"):
            yield rel_type, src, dst, _loads(props)

    def edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """(type, source id, target id, properties) of every relationship, SOURCED_FROM first."""
        for src, dst, props in self.db.execute("SELECT node, doc, props FROM sourced ORDER BY rowid"):
            yield "SOURCED_FROM", src, dst, _loads(props)
        for rel_type, src, dst, props in self.db.execute(
                "SELECT type, src, dst, props FROM relations ORDER BY type, src, dst, key"):
            yield rel_type, src, dst, _loads(props)

    def counts(self) -> tuple[int, int]:
        """(nodes, relationships) held."""
        nodes = self.db.execute("SELECT count(*) FROM nodes").fetchone()[0]
        edges = (self.db.execute("SELECT count(*) FROM sourced").fetchone()[0]
                 + self.db.execute("SELECT count(*) FROM relations").fetchone()[0])
        return int(nodes), int(edges)

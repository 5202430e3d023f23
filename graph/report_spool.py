"""The Reports a document creates, kept on disk until its commit resolves their blocks: past the bound the deal
writer keeps in memory (:data:`armsgraph.graph.deals.FRESH_REPORTS`), the rest of a large document's Reports go
here instead of being read back from the store one group at a time (docs/loading.md).

SQLite because it is in the standard library and keeps a keyed table on disk with a bounded page cache: the
client's memory stays the same at any input size. Values are stored as JSON text (what the loaders validated:
JSON scalars and lists, read back as the store would give them: lists, not tuples). The file lives in a private
temporary directory removed by :meth:`ReportSpool.close`; it is written without a journal (it only ever holds
copies of what the store holds, and dies with the load).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from armsgraph.graph.scratch_db import chunks, connect, marks

_dumps = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode


class ReportSpool:
    """Report id -> its stored properties (a dict), on disk."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="armsgraph-reports-")
        self.db = connect(Path(self._dir.name) / "reports.sqlite", cache_kb=16384)
        self.db.execute("CREATE TABLE reports (id TEXT PRIMARY KEY, props TEXT NOT NULL)")

    def put(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Keep these Reports (a later put of an id replaces it)."""
        self.db.executemany("INSERT OR REPLACE INTO reports (id, props) VALUES (?, ?)",
                            ((rid, _dumps(props)) for rid, props in rows))

    def update(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Apply ``SET n += props`` to the kept Reports among these (the others are not kept: nothing to do)."""
        changes = dict(rows)
        found = self.take(sorted(changes), drop=False)
        self.db.executemany("UPDATE reports SET props = ? WHERE id = ?",
                            ((_dumps({**props, **changes[rid]}), rid) for rid, props in found))

    def take(self, ids: list[str], drop: bool = True) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, properties) of the kept Reports among ``ids``; ``drop``: forget them (a group's resolution may
        mark them withdrawn or for review in the store: a later group that widens into their block reads them
        from there)."""
        out: list[tuple[str, dict[str, Any]]] = []
        for chunk in chunks(ids):
            out += [(rid, json.loads(props)) for rid, props in
                    self.db.execute(f"SELECT id, props FROM reports WHERE id IN ({marks(chunk)})", chunk)]
            if drop:
                self.db.execute(f"DELETE FROM reports WHERE id IN ({marks(chunk)})", chunk)
        return iter(out)

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()


def _unpacked(row: tuple[Any, ...]) -> dict[str, Any]:
    """A packed row (shared key tuple, then the values) as the Report's properties."""
    return dict(zip(row[0], row[1:], strict=True))


class PackedReports(Mapping[str, dict[str, Any]]):
    """Report id -> its stored properties, kept in memory as one tuple of the values behind a tuple of the keys that
    Reports of the same shape share (a loader's Reports have a few shapes): 264 bytes a Report of 27 properties
    against 832 for a dict, the values themselves the same objects. What the deal writer keeps of a document's new
    Reports until its commit (:data:`armsgraph.graph.deals.FRESH_REPORTS` of them): the client's peak at a million
    deals (docs/loading.md)."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Any, ...]] = {}
        self._shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def put(self, rid: str, props: dict[str, Any]) -> None:
        keys = tuple(props)
        self._rows[rid] = (self._shapes.setdefault(keys, keys), *props.values())

    def __getitem__(self, rid: str) -> dict[str, Any]:
        return _unpacked(self._rows[rid])

    def pop(self, rid: str) -> dict[str, Any]:
        """The Report's properties, forgotten here."""
        return _unpacked(self._rows.pop(rid))

    def __contains__(self, rid: object) -> bool:
        return rid in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

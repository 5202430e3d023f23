"""A commit's shortcuts change no graph: the deal resolver takes the Reports a document created from the writer
(up to a bound, the rest read back), and the pending marks are cleared only on the labels and relationship types
the document wrote; nothing stays marked, whatever kind of document was loaded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph import deals as graph_deals
from armsgraph.graph.deals import Deals
from armsgraph.graph.load import load_paths
from armsgraph.graph.report_spool import ReportSpool
from armsgraph.graph.store.falkordb import FalkorStore

REPO = Path(__file__).resolve().parents[3]
Snapshotter = Callable[[FalkorStore], tuple[list[str], list[str]]]
MARKED = ("MATCH (n) WHERE n.pending IS NOT NULL RETURN count(n)",
          "MATCH ()-[r]->() WHERE r.pending IS NOT NULL RETURN count(r)")
TYPES = "MATCH ()-[r]->() RETURN DISTINCT type(r)"


def _inputs(shared_data: Path) -> list[Path]:
    statements = sorted((shared_data / "statements").glob("*.txt"))[:2]
    return [REPO / "examples" / "seed-entities.jsonl", shared_data / "sipri", shared_data / "news", *statements]


def test_every_kind_of_document_leaves_no_pending_mark(store: FalkorStore, shared_data: Path) -> None:
    report = load_paths(store, _inputs(shared_data), note=None)
    assert report.documents and not report.failed
    assert [store.run(q).scalar() for q in MARKED] == [0, 0]  # type: ignore[arg-type]
    written = {row[0] for row in store.run(TYPES).rows}  # type: ignore[arg-type]
    assert {"IN_CATEGORY", "HOLDS", "CLAIMED", "ABOUT", "PART_OF", "REPORTS", "SUPPLIED"} <= written


@pytest.mark.parametrize("spool", [True, False], ids=["rest-on-disk", "rest-read-back"])
def test_reports_kept_by_the_writer_give_the_graph_reports_read_back(
        store: FalkorStore, other: FalkorStore, shared_data: Path, monkeypatch: pytest.MonkeyPatch,
        graph_snapshot: Snapshotter, spool: bool) -> None:
    """Every Report kept in memory (the default bound), and a bound of 3 (most on disk, or most read back): the
    same graph, and the same as resolving every block again from the store alone."""
    paths = [shared_data / "sipri", shared_data / "news"]
    assert not load_paths(store, paths, note=None).failed
    monkeypatch.setattr(graph_deals, "FRESH_REPORTS", 3)
    taken: list[int] = []
    if spool:  # count what the spool hands back: the test fails if nothing went through it
        original = ReportSpool.take

        def counted(self: ReportSpool, ids: list[str], drop: bool = True) -> Iterator[tuple[str, dict[str, Any]]]:
            found = list(original(self, ids, drop))
            taken.append(len(found) if drop else 0)
            return iter(found)

        monkeypatch.setattr(ReportSpool, "take", counted)
    else:
        monkeypatch.setattr(graph_deals.Deals, "spool_reports", False)
    assert not load_paths(other, paths, note=None).failed
    assert (sum(taken) > 100) == spool
    kept = graph_snapshot(store)
    assert sum('"Transfer"' in node for node in kept[0]) > 20
    assert graph_snapshot(other) == kept
    Deals(store).resolve_all()
    assert graph_snapshot(store) == kept


def test_the_bound_on_kept_reports_holds(store: FalkorStore, shared_data: Path) -> None:
    """What the writer hands over stops at the bound and is dropped at the commit (the client's memory)."""
    deals = Deals(store)
    deals.fresh_reports = 2
    rows = [{"id": f"report:x{i}", "props": {"key": f"x{i}"}} for i in range(5)]
    deals.wrote("doc:a", "Report", rows, [])
    deals.wrote("doc:a", "Report", [], [{"id": "report:x1", "props": {"key": "changed"}}])
    deals.wrote("doc:a", "Country", rows, [])
    assert deals._fresh == {"report:x0": {"key": "x0", "id": "report:x0", "pending": "doc:a"},
                            "report:x1": {"key": "changed", "id": "report:x1", "pending": "doc:a"}}
    deals.wrote("doc:b", "Report", rows[:1], [])  # another document: the first one's are dropped
    assert set(deals._fresh) == {"report:x0"} and deals._fresh["report:x0"]["pending"] == "doc:b"
    deals.resolve([], "doc:b")
    assert deals._fresh == {}


def test_reports_past_the_bound_go_to_disk_and_come_back_once(store: FalkorStore) -> None:
    """Past the bound the writer's Reports go to the spool, later updates reach them there, the resolver takes each
    once, and the file goes with the document."""
    deals = Deals(store)
    deals.fresh_reports = 2
    hostile = 'quote " back\\slash ☃ 𝄞 \x01 ' + "x" * 5000
    rows = [{"id": f"report:x{i}", "props": {"key": f"x{i}", "years": [1990, 1991], "tiv": 0.1 + i}}
            for i in range(5)]
    rows[4]["props"]["comments"] = hostile
    deals.wrote("doc:a", "Report", rows, [])
    deals.wrote("doc:a", "Report", [], [{"id": "report:x3", "props": {"key": "changed", "flag": True}}])
    assert set(deals._fresh) == {"report:x0", "report:x1"}
    spool = deals._spool
    assert spool is not None
    where = Path(spool._dir.name)
    got = dict(spool.take(["report:x4", "report:x3", "report:x2", "report:none"]))
    assert got == {"report:x2": {"key": "x2", "years": [1990, 1991], "tiv": 2.1, "id": "report:x2", "pending": "doc:a"},
                   "report:x3": {"key": "changed", "years": [1990, 1991], "tiv": 3.1, "flag": True,
                                 "id": "report:x3", "pending": "doc:a"},
                   "report:x4": {"key": "x4", "years": [1990, 1991], "tiv": 4.1, "comments": hostile,
                                 "id": "report:x4", "pending": "doc:a"}}
    assert dict(spool.take(["report:x2"])) == {}, "taken once: a later group reads it from the store"
    deals.forget()
    assert deals._spool is None and not where.exists()

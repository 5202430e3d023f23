"""The fresh gold splits (tests/data/fresh/README-fresh*.md) are well-formed, drawn by their row rule and apart.

Each split is invented news about real Protect Ukraine Now commitments, one writer per pair, written blind to
the rules; the -dev halves are tuned on, the -test halves are untouched. These checks keep the halves apart and
the texts the writers' own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from armsgraph.loaders.text.gold import read_gold

DATA = Path(__file__).resolve().parents[2] / "data"
FRESH = DATA / "fresh"

# writer -> which commits.json rows (by 0-based index) it reports, as the writers' briefs fixed them
ROWS: dict[str, Callable[[int], bool]] = {
    "fresh1": lambda i: i % 4 in {0, 1},
    "fresh2": lambda i: i % 4 in {2, 3},
    "fresh3": lambda i: i >= 132,
}
SPLITS = sorted(f"{writer}-{half}" for writer in ROWS for half in ("dev", "test"))


def _metas(split: str) -> dict[str, dict[str, object]]:
    return {
        m.name.removesuffix(".meta.json") + ".txt": json.loads(m.read_text(encoding="utf-8"))
        for m in (FRESH / split).glob("*.meta.json")
    }


def _rows(split: str) -> set[int]:
    rows: set[int] = set()
    for meta in _metas(split).values():
        found = meta["commit_rows"]
        assert isinstance(found, list)
        rows.update(int(r) for r in found)
    return rows


@pytest.mark.parametrize("split", SPLITS)
def test_each_gold_line_is_a_text_of_its_split_with_its_meta(split: str) -> None:
    """Gold, texts and metas name the same documents; every document reports commitments of its writer's rows."""
    gold = read_gold(DATA / "gold" / f"{split}.jsonl")
    folder = FRESH / split
    assert len(gold) >= 10
    assert {g.document for g in gold} == {p.name for p in folder.glob("*.txt")} == set(_metas(split))
    for document, meta in _metas(split).items():
        assert meta["date"] and meta["publisher"] and meta["title"], document
        assert (folder / document).read_text(encoding="utf-8").strip(), document


@pytest.mark.parametrize("split", SPLITS)
def test_rows_follow_the_writers_rule(split: str, shared_data: Path) -> None:
    """A writer reports only its residues of commits.json, so the two writers never share a fact."""
    commits = json.loads((shared_data / "ukraine" / "protect_ukraine_now" / "commits.json").read_text())
    rows = _rows(split)
    assert rows
    assert all(0 <= r < len(commits) for r in rows)
    assert all(map(ROWS[split.rsplit("-", 1)[0]], rows))


@pytest.mark.parametrize("writer", sorted(ROWS))
def test_a_writers_halves_share_no_commitment(writer: str) -> None:
    """One commitment in both halves would carry a tuned fact into the untouched half."""
    assert not _rows(f"{writer}-dev") & _rows(f"{writer}-test")


def test_shapes_are_of_tuned_items_and_apart() -> None:
    """fresh3 keeps the sentence shapes of tuned news-pun items: never of the untouched split's, one per half."""
    untouched = {g.document for g in read_gold(DATA / "gold" / "news-pun-heldout2.jsonl")}
    shapes = {half: {str(m["shape_of"]) for m in _metas(f"fresh3-{half}").values()} for half in ("dev", "test")}
    assert shapes["dev"] and shapes["test"]
    assert not (shapes["dev"] | shapes["test"]) & untouched
    assert not shapes["dev"] & shapes["test"]


def _sentences(text: str) -> set[str]:
    return {s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6}


def test_no_fresh_sentence_is_copied_from_a_shared_news_item(shared_data: Path) -> None:
    """The writers read tuned news items for the register; a sentence copied from one would be tuned text."""
    shared: set[str] = set()
    for folder in ("news", "news-pun"):
        for path in (shared_data / folder).glob("*.txt"):
            shared |= _sentences(path.read_text(encoding="utf-8", errors="replace"))
    for split in SPLITS:
        for path in (FRESH / split).glob("*.txt"):
            assert not _sentences(path.read_text(encoding="utf-8")) & shared, path.name

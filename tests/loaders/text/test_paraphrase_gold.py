"""The paraphrase gold splits (tests/data/paraphrase/README.md) are well-formed and apart from the untouched split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armsgraph.loaders.text.gold import read_gold

DATA = Path(__file__).resolve().parents[2] / "data"


SPLITS = {"para-dev": "news-pun", "para-test": "news-pun", "para-st-dev": "statements", "para-st-test": "statements"}


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_each_gold_line_names_a_paraphrase_of_a_shared_document(split: str, shared_data: Path) -> None:
    """Every gold document is a text of its split with a meta naming an original that exists."""
    gold = read_gold(DATA / "gold" / f"{split}.jsonl")
    folder = DATA / "paraphrase" / split
    assert len(gold) >= 12
    assert {g.document for g in gold} == {p.name for p in folder.glob("*.txt")}
    for g in gold:
        meta = json.loads((folder / g.document).with_suffix(".meta.json").read_text(encoding="utf-8"))
        assert (shared_data / SPLITS[split] / meta["paraphrase_of"]).is_file(), g.document


def test_no_paraphrase_is_of_the_untouched_split_or_in_both_splits() -> None:
    """Paraphrasing a held-out 2 summary would leak it into tuning; one original in both splits would leak one
    split into the other."""
    untouched = {g.document for g in read_gold(DATA / "gold" / "news-pun-heldout2.jsonl")}
    sources: dict[str, set[str]] = {}
    for split in SPLITS:
        metas = (DATA / "paraphrase" / split).glob("*.meta.json")
        sources[split] = {json.loads(m.read_text(encoding="utf-8"))["paraphrase_of"] for m in metas}
        assert not sources[split] & untouched
    assert not sources["para-dev"] & sources["para-test"]
    assert not sources["para-st-dev"] & sources["para-st-test"]

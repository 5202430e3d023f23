"""What the learned classifier is trained on (session 15): the tuned gold only, never an untouched split; the
repository's own splits found where they are; every frozen split's documents in the training gold, so the frozen
check reads them all."""

from __future__ import annotations

import json
from pathlib import Path

from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.train_transfers import FROZEN, GOLD, REPO, RESERVED, TRAINING, folder_path

# held-out 2 and every paraphrase or fresh -test half (news-pun-test.jsonl is a tuned split despite its name)
UNTOUCHED = ("news-pun-heldout2.jsonl", *(p.name for p in GOLD.glob("*-test.jsonl") if p.name != "news-pun-test.jsonl"))


def test_training_never_reads_an_untouched_split() -> None:
    assert {"para-test.jsonl", "para-st-test.jsonl", "fresh6-test.jsonl"} < set(UNTOUCHED)
    names = [gold for _, _, gold in TRAINING]
    assert not set(names) & set(UNTOUCHED)
    assert all("-test" not in folder for _, folder, _ in TRAINING if folder.startswith("tests/"))
    assert {"para-dev.jsonl", "para-st-dev.jsonl", *(f"fresh{n}-dev.jsonl" for n in range(1, 17))} <= set(names)


def test_a_split_of_the_repository_is_read_from_the_repository() -> None:
    shared = Path("/nowhere")
    assert folder_path("tests/data/fresh/fresh1-dev", shared) == REPO / "tests/data/fresh/fresh1-dev"
    assert folder_path("news-pun", shared) == shared / "news-pun"
    for _, folder, gold in TRAINING:
        if folder.startswith("tests/"):
            documents = {g.document for g in read_gold(GOLD / gold)}
            assert documents and all((folder_path(folder, shared) / d).is_file() for d in documents)


def test_every_frozen_document_is_training_gold() -> None:
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    trained = {g.document for _, _, gold in TRAINING for g in read_gold(GOLD / gold)}
    assert RESERVED in frozen
    for split, entry in frozen.items():
        assert set(entry["transfers"]) <= trained, split
        assert not any(name in split for name in UNTOUCHED)


def test_the_session_17_check_splits_are_frozen_with_rules_from_before_they_existed() -> None:
    """fresh11-dev and fresh12-dev were check splits in session 17 (aggregates only) and are tuned on since session
    18: their frozen rules are those of 04b4281, session 17's start, which no rule was written against them."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    for name in ("fresh11-dev.jsonl", "fresh12-dev.jsonl"):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert frozen[name]["rules_of"] == "04b4281"
        assert set(frozen[name]["transfers"]) == documents


def test_the_session_18_check_splits_are_frozen_with_main_of_session_19s_start() -> None:
    """fresh13-dev and fresh14-dev were check splits in session 18 (aggregates only; no miss read) and are tuned on
    since session 19: their frozen rules are main's at a528909, session 19's start."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    for name in ("fresh13-dev.jsonl", "fresh14-dev.jsonl"):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert frozen[name]["rules_of"] == "a528909"
        assert set(frozen[name]["transfers"]) == documents


def test_session_19s_reserved_split_is_frozen_with_main_of_session_19s_start() -> None:
    """fresh15-dev and fresh16-dev judged session 19's candidates (aggregates only; no miss read) and are tuned on
    since session 20: their frozen rules are main's at a528909, session 19's start, as fresh13/14-dev's."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    names = [gold for _, _, gold in TRAINING]
    for name in ("fresh15-dev.jsonl", "fresh16-dev.jsonl"):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert name in names and frozen[name]["rules_of"] == "a528909"
        assert set(frozen[name]["transfers"]) == documents


def test_session_20s_reserved_split_is_frozen_with_main_of_session_20s_start() -> None:
    """fresh17-dev, fresh18-dev and fresh19-dev judged session 20's candidates (aggregates only; no miss read) and
    joined training after that test: their frozen rules are main's at fcd38d6, session 20's start, before any
    rule was fitted on them."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    names = [gold for _, _, gold in TRAINING]
    for name in ("fresh17-dev.jsonl", "fresh18-dev.jsonl", "fresh19-dev.jsonl"):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert name in names and frozen[name]["rules_of"] == "fcd38d6"
        assert set(frozen[name]["transfers"]) == documents

"""Session 25's learned reader: the reserved splits of sessions 23 and 24 frozen with main's rules of before each,
kept apart in ``frozen-rules-pending.json``: not in training (A retrained with them added fewer right transfers than
main's model on session 25's reserved split, so main's model and its training data stay), and ``frozen-rules.json``
holds training splits only."""

from __future__ import annotations

import json

from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.train_transfers import FROZEN, GOLD, TRAINING, canonical

PENDING = FROZEN.with_name("frozen-rules-pending.json")
"""Frozen splits ready for a round that trains on them: moved into ``FROZEN`` when they join ``TRAINING``."""

SPLITS = {30: "e3d46b9", 31: "e3d46b9", 32: "e3d46b9", 33: "e3d46b9", 34: "e3d46b9", 35: "232c333", 36: "232c333",
          37: "232c333", 38: "232c333"}
"""The commit whose rules froze each split: main at the start of the session that reserved it (fresh30-34-dev
session 23's, fresh35-38-dev session 24's), before any rule was fitted on it."""


def test_the_reserved_splits_of_sessions_23_and_24_are_frozen_with_main_of_their_sessions_start() -> None:
    """fresh30-dev to fresh38-dev judged sessions 23's and 24's candidates (aggregates only; no miss read): every
    document in gold order, frozen with the rules of before they were read, ready for a round that trains on them."""
    frozen = json.loads(PENDING.read_text(encoding="utf-8"))
    assert set(frozen) == {f"fresh{n}-dev.jsonl" for n in SPLITS}
    for n, commit in SPLITS.items():
        name = f"fresh{n}-dev.jsonl"
        documents = [g.document for g in read_gold(GOLD / name)]
        assert frozen[name]["rules_of"] == commit
        assert list(frozen[name]["transfers"]) == documents and len(documents) == 20


def test_they_are_not_trained_on() -> None:
    """Session 25's rule: A retrained with them ships only if it adds more right transfers than main's model on the
    reserved split; it added 1 right and 1 wrong there, main's model 2 and 1, so ``TRAINING`` stays main's (and
    ``make train-text`` writes main's file), nor among the frozen splits LOSO reads."""
    trained = {gold for _, _, gold in TRAINING}
    assert not trained & {f"fresh{n}-dev.jsonl" for n in SPLITS} and len(TRAINING) == 37
    assert not set(json.loads(FROZEN.read_text(encoding="utf-8"))) & {f"fresh{n}-dev.jsonl" for n in SPLITS}


def test_session_24s_reserved_split_scores_its_rules_alone_row() -> None:
    """fresh35-38-dev, frozen from session 24's start, score what session 24 recorded for the rules alone before
    any change (text-extraction-history.md, "Session 24: the learned reader"): the freeze is those rules' output."""
    frozen = json.loads(PENDING.read_text(encoding="utf-8"))
    categories = load().category_systems
    for n, expected in ((35, (15, 1, 7)), (36, (43, 5, 8)), (37, (15, 0, 2)), (38, (13, 0, 2))):
        name, count = f"fresh{n}-dev.jsonl", [0, 0, 0]
        for g in read_gold(GOLD / name):
            gold = {canonical(t.supplier, t.recipient, t.weapon) for t in g.transfers}
            got = {canonical(*t) for t in frozen[name]["transfers"][g.document] if t[2] not in categories}
            for k, found in enumerate((len(gold & got), len(got - gold), len(gold - got))):
                count[k] += found
        assert tuple(count) == expected, name

"""Session 22's learned reader: session 21's reserved split frozen with main's rules of before it, and the
leave-one-split-out measure keeping a split to its own gold file when two files hold a document of the same name
(fresh10-dev and fresh24-dev do)."""

from __future__ import annotations

import json
from pathlib import Path

from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.relation_model import CLAIM_GATE
from armsgraph.loaders.text.train_transfers import (
    CANDIDATES,
    FROZEN,
    GOLD,
    SHIPPED,
    TRAINING,
    DocumentGold,
    Example,
    frozen_runs,
)

SRW = ("country:NOR", "country:UKR")


def test_session_21s_reserved_split_is_frozen_with_main_of_session_21s_start() -> None:
    """fresh22-dev, fresh23-dev and fresh24-dev judged session 21's candidates (aggregates only; no miss read) and
    joined training in session 22: their frozen rules are main's at fb4324b, session 21's start, before any rule
    was fitted on them."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    genres = {gold: genre for genre, _, gold in TRAINING}
    for name, genre in (("fresh22-dev.jsonl", "news"), ("fresh23-dev.jsonl", "statements"),
                        ("fresh24-dev.jsonl", "news")):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert genres[name] == genre and frozen[name]["rules_of"] == "fb4324b"
        assert set(frozen[name]["transfers"]) == documents


def test_two_files_with_a_document_of_the_same_name(tmp_path: Path) -> None:
    """Split one and split two each hold a document 'same.txt' (different text): each split is scored on its own
    file's document and candidates alone, and its model is trained on the other split's."""
    items, docs = [], []
    for split, weapon in (("one.jsonl", "weapon:w1"), ("two.jsonl", "weapon:w2")):
        triple = (*SRW, weapon)
        items.append(Example("news", "same.txt", triple, triple, {"sup:subject": 1.0}, True, False, split=split))
        docs.append(DocumentGold("news", split, "same.txt", frozenset({triple})))
        for k in range(6):
            other = (*SRW, f"weapon:{split}{k}")
            items.append(Example("news", f"{split}{k}", other, other, {"sup:subject": float(k % 2)}, k % 2 == 1,
                                 False, split=split))
            docs.append(DocumentGold("news", split, f"{split}{k}", frozenset({other} if k % 2 else ())))
    frozen = tmp_path / "frozen.json"
    frozen.write_text(json.dumps({s: {"rules_of": "abc", "transfers": {"same.txt": []}}
                                  for s in ("one.jsonl", "two.jsonl")}), encoding="utf-8")
    run = frozen_runs(items, docs, 2.0, frozen)
    assert [(fd.split, fd.gold.split) for fd in run] == [("one.jsonl", "one.jsonl"), ("two.jsonl", "two.jsonl")]
    assert [[e.triple[2] for e in fd.mine] for fd in run] == [["weapon:w1"], ["weapon:w2"]]
    assert Example("news", "same.txt", (*SRW, "weapon:w"), (*SRW, "weapon:w"), {}, True, False).of(docs[0])


def test_the_shipped_setting_is_still_a_and_b_names_the_claim_gate() -> None:
    assert CANDIDATES[0] == SHIPPED and SHIPPED.gates == () and SHIPPED.threshold == 0.95
    assert [(s.threshold, s.gates) for s in CANDIDATES[1:]] == [(0.94, (CLAIM_GATE,))]

"""Session 23's learned reader: session 22's reserved split (fresh25-29-dev) frozen with main's rules of before it
and in training."""

from __future__ import annotations

import json
from pathlib import Path

from candidate_views import WIRE, by_triple, read

from armsgraph.loaders.text.candidates import candidates
from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.train_transfers import (
    FROZEN,
    GOLD,
    OPTIONAL,
    REAL_NEWS,
    SHIPPED,
    TRAINING,
    DocumentGold,
    Example,
    frozen_rule_features,
    frozen_runs,
    model_features,
)

SRW = ("country:NOR", "country:UKR")


def test_session_22s_reserved_split_is_frozen_with_main_of_session_22s_start() -> None:
    """fresh25-dev to fresh29-dev judged session 22's candidates (aggregates only; no miss read) and joined training
    in session 23: their frozen rules are main's at 634a8c7, session 22's start, before any rule was fitted on
    them; three of news, two of US statements, all invented (no real-news split)."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    genres = {gold: (genre, folder) for genre, folder, gold in TRAINING}
    for n, genre in ((25, "news"), (26, "statements"), (27, "news"), (28, "statements"), (29, "news")):
        name = f"fresh{n}-dev.jsonl"
        documents = [g.document for g in read_gold(GOLD / name)]
        assert genres[name] == (genre, f"tests/data/fresh/fresh{n}-dev") and name not in REAL_NEWS
        assert frozen[name]["rules_of"] == "634a8c7"
        assert list(frozen[name]["transfers"]) == documents and len(documents) == 20


SENTENCE = "The United States will send Javelin missiles to Ukraine."


def test_a_government_office_s_text_is_marked_official_and_news_is_not() -> None:
    """``genre:official`` is the publisher speaking for its state (publishers.csv 'speaker'): the White House, not
    RT (a home state, no speaker) nor a wire with no state."""
    official = {"date": "2024-03-02", "publisher": "The White House", "title": "Statement on Ukraine"}
    state_outlet = {"date": "2024-03-02", "publisher": "RT", "title": "Weapons for Kiev"}
    for meta, expected in ((official, True), (state_outlet, False), (WIRE, False)):
        found = by_triple(candidates(*read(SENTENCE, meta)))
        assert found[("USA", "UKR", "fgm-148-javelin")]
        assert {("genre:official" in c.features) for c in found.values()} == {expected}


def test_optional_and_rule_features_are_read_only_by_a_setting_that_names_them() -> None:
    features = {"sup:subject": 1.0, "rule:pair": 1.0, "rule:exact": 1.0, "genre:official": 1.0, "gate:x": 1.0}
    assert model_features(features) == {"sup:subject": 1.0}
    assert model_features(features, reads=("rule:pair", "genre:official")) == {
        "sup:subject": 1.0, "rule:pair": 1.0, "genre:official": 1.0}
    assert set(OPTIONAL) == {"genre:"} and not SHIPPED.reads


def test_a_rule_pair_on_a_frozen_split_is_its_frozen_rules() -> None:
    """Today's rules read the pair (they were written on the split since); the frozen rules read it for another
    weapon or not at all: the feature the leave-one-split-out model sees is the frozen rules'."""
    e = Example("news", "d.txt", (*SRW, "weapon:b"), (*SRW, "weapon:b"), {"rule:pair": 1.0, "sup:subject": 1.0},
                True, False)
    assert frozen_rule_features(e, [(*SRW, "weapon:a")]).features == {"rule:pair": 1.0, "sup:subject": 1.0}
    assert frozen_rule_features(e, []).features == {"sup:subject": 1.0}
    assert frozen_rule_features(e, [("country:UKR", "country:NOR", "weapon:a")]).features == {"sup:subject": 1.0}


def test_leave_one_split_out_reads_the_frozen_rule_pair_when_the_setting_reads_it(tmp_path: Path) -> None:
    items, docs = [], []
    for split in ("one.jsonl", "two.jsonl"):
        for k in range(12):
            triple = (*SRW, f"weapon:{split}{k}")
            features = {"sup:close": 1.0, **({"rule:pair": 1.0} if k % 2 else {})}
            items.append(Example("news", f"{split}{k}", triple, triple, features, k % 2 == 1, False, split=split))
            docs.append(DocumentGold("news", split, f"{split}{k}", frozenset({triple} if k % 2 else ())))
    frozen = tmp_path / "frozen.json"
    entries = {f"{s}{k}": ([[*SRW, "weapon:z"]] if k == 0 else []) for s in ("one.jsonl",) for k in range(12)}
    frozen.write_text(json.dumps({"one.jsonl": {"rules_of": "abc", "transfers": entries}}), encoding="utf-8")
    run = frozen_runs(items, docs, 2.0, frozen, reads=("rule:pair",))
    assert [("rule:pair" in fd.mine[0].features) for fd in run] == [True] + [False] * 11
    plain = frozen_runs(items, docs, 2.0, frozen)
    assert [("rule:pair" in fd.mine[0].features) for fd in plain] == [k % 2 == 1 for k in range(12)]
    # a model that reads the pair ranks the frozen rules' pair over the others; one that does not, all alike
    assert run[0].probabilities[0] > max(fd.probabilities[0] for fd in run[1:])
    assert len({fd.probabilities[0] for fd in plain}) == 1

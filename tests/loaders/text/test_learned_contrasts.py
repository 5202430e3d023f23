"""Relative pair features (session 19, ``pair_contrast``): a weapon's pairs contrasted against each other, the same
way in training and at run time, read only by a model file that names them. Sentences written for these tests."""

from __future__ import annotations

import json
import math

import pytest
from candidate_views import by_triple, read

from armsgraph.loaders.text.candidates import AGREES, DISAGREES, candidates
from armsgraph.loaders.text.learned_transfers import apply
from armsgraph.loaders.text.pair_contrast import CONTRASTS, best_of_others, contrasted, with_contrasts
from armsgraph.loaders.text.relation_model import MODEL_FILE, load_model, model_from
from armsgraph.loaders.text.train_transfers import CANDIDATES, SHIPPED, Example, contrast, contrast_names

SUBJECT_TREE = [["rel:sup:subject", 0.5, 1, 2], ["", -6.0, -1, -1], ["", 6.0, -1, -1]]
"""A pair whose supplier is the subject where no other pair's is: a transfer; otherwise not."""


def test_a_pair_is_contrasted_with_the_best_other_pair_of_its_weapon() -> None:
    group = [{"sup:subject": 1.0, "rec:to-for": 1.0, "sup:subj@supply": 1.0},
             {"rec:to-for": 1.0, "sup:obj@supply": 1.0},
             {"rec:to-for": 1.0}]
    first, second, third = contrasted(group, {"sup:subject", "rec:to-for"})
    assert first["rel:sup:subject"] == 1.0 and second["rel:sup:subject"] == -1.0 == third["rel:sup:subject"]
    assert not any(k == "rel:rec:to-for" for g in (first, second, third) for k in g)  # all alike: no contrast
    assert first["rel:pairs"] == pytest.approx(math.log(3))
    assert (first["agree:n"], second["agree:n"], third["agree:n"]) == (1.0, -1.0, 0.0)
    assert (first["rel:agree-n"], second["rel:agree-n"], third["rel:agree-n"]) == (1.0, -2.0, -1.0)
    assert first["sup:subject"] == 1.0 and "sup:subj@supply" in first  # its own features stay
    alone, = contrasted([{"sup:subject": 1.0}], CONTRASTS)
    assert alone == {"sup:subject": 1.0, "rel:pairs": 0.0, "agree:n": 0.0}


def _pairwise(group: list[dict[str, float]], names: set[str]) -> list[dict[str, float]]:
    """Session 19's reading of a contrast, written pair against pair (quadratic): the reference for the linear one."""
    keys = {k for f in group for k in f if k in names}
    agree = [sum(1.0 for k in f if k in AGREES) - sum(1.0 for k in f if k in DISAGREES) for f in group]
    out = []
    for i, f in enumerate(group):
        g = dict(f, **{"rel:pairs": math.log1p(len(group) - 1), "agree:n": agree[i]})
        others = [x for j, x in enumerate(group) if j != i]
        if others:
            g["rel:agree-n"] = agree[i] - max(a for j, a in enumerate(agree) if j != i)
            for k in keys:
                v, o = f.get(k, 0.0), max(x.get(k, 0.0) for x in others)
                if v != o:
                    g["rel:" + k] = v - o
        out.append(g)
    return out


def test_the_linear_contrast_is_the_pairwise_one() -> None:
    """Ties at the top, features some pairs lack, negative values, agreeing and disagreeing roles: each pair's
    contrasts are those of reading every other pair."""
    agrees, disagrees = sorted(AGREES)[:2], sorted(DISAGREES)[:1]
    names = {"sup:subject", "rec:to-for", "sup:token-close", *agrees, *disagrees}
    rows = [{"sup:subject": 1.0, agrees[0]: 1.0}, {"sup:subject": 1.0, "rec:to-for": 1.0},
            {"sup:token-close": -0.5, disagrees[0]: 1.0}, {"sup:token-close": 0.25, agrees[1]: 1.0, agrees[0]: 1.0},
            {}, {"rec:to-for": 1.0, disagrees[0]: 1.0, "other": 2.0}]
    for size in range(1, len(rows) + 1):
        for start in range(len(rows)):
            group = [rows[(start + k) % len(rows)] for k in range(size)]
            assert contrasted(group, names) == _pairwise(group, names)
    assert best_of_others([2.0, 5.0, 5.0, 1.0]) == [5.0, 5.0, 5.0, 5.0]
    assert best_of_others([3.0, 1.0]) == [1.0, 3.0] and best_of_others([4.0]) == [-math.inf]


def test_only_windowed_candidates_of_one_weapon_are_contrasted() -> None:
    features = [{"sup:subject": 1.0}, {}, {"sup:subject": 1.0}, {}]
    out = with_contrasts(["w1", "w1", "w2", "w1"], features, [True, True, True, False], CONTRASTS)
    assert out[0]["rel:sup:subject"] == 1.0 and out[1]["rel:sup:subject"] == -1.0
    assert out[2]["rel:pairs"] == 0.0 and "rel:sup:subject" not in out[2]  # alone in its weapon
    assert out[3] == {}  # a candidate only the rules made
    assert with_contrasts(["w1"], [{"sup:subject": 1.0}], [True], ()) == [{"sup:subject": 1.0}]


def test_training_contrasts_as_the_component_does() -> None:
    """``train_transfers.contrast`` over a document's examples gives the features ``learned_transfers`` scores."""
    d, f = read("Poland said on Monday that Norway will send NASAMS launchers and IRIS-T systems to Ukraine.")
    found = candidates(d, f)
    assert len({c.weapon for c in found}) == 2 and len(found) > 2
    items = [Example("news", "doc", (c.supplier, c.recipient, c.weapon), (c.supplier, c.recipient, c.weapon),
                     c.features, False, False, windowed=c.windowed) for c in found]
    expected = with_contrasts([c.weapon for c in found], [c.features for c in found], [c.windowed for c in found],
                              CONTRASTS)
    assert [e.features for e in contrast(items, CONTRASTS)] == expected
    assert contrast(items, ()) == items


def test_the_component_reads_contrasts_only_when_the_model_file_names_them() -> None:
    text = "Defence news\nThe Netherlands will deliver F-16 jets to Ukraine in May."
    pairs = by_triple(candidates(*read(text)))
    assert pairs[("NLD", "UKR", "f-16")].features.get("sup:subject") == 1.0
    for contrasts, expected in (([], set()), (["sup:subject"], {("country:NLD", "country:UKR", "weapon:f-16")})):
        model = model_from({"bias": 0.0, "threshold": 0.9, "trees": [SUBJECT_TREE], "contrasts": contrasts})
        d, f = read(text)
        f.transfers.clear()
        assert {(t.supplier, t.recipient, t.weapon) for t in apply(d, f, model)} == expected


@pytest.mark.parametrize("contrasts", ["sup:subject", [1], {"a": 1}])
def test_a_malformed_contrast_list_is_refused(contrasts: object) -> None:
    with pytest.raises(ValueError, match="contrasts"):
        model_from({"bias": 0.0, "threshold": 0.5, "trees": [SUBJECT_TREE], "contrasts": contrasts})


def test_the_committed_model_is_the_shipped_setting() -> None:
    """``make train-text`` writes ``SHIPPED``, one of the candidates named before a reserved split was scored; the
    file says which, and run time reads its contrasts."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert SHIPPED in CANDIDATES and data["setting"] == SHIPPED.name
    assert (data["depth"], data["threshold"], data["margin"]) == (int(SHIPPED.depth), SHIPPED.threshold,
                                                                  SHIPPED.margin)
    model = load_model()
    assert model is not None and model.contrasts == frozenset(data["contrasts"])
    assert bool(model.contrasts) is (SHIPPED.contrasts != "none")
    if SHIPPED.contrasts == "small":
        assert model.contrasts == CONTRASTS


def test_all_contrasts_are_the_pair_features_of_training_candidates() -> None:
    """Candidate C's names: every party, pair, direction and owner feature a readable, windowed training candidate
    has; no parse path, no sentence or document feature, nothing only a rule triple has."""
    triple = ("country:NOR", "country:UKR", "weapon:nasams")
    items = [Example("news", "d", triple, triple, {"sup:subject": 1.0, "sup:path:nsubj@supply": 1.0,
                                                   "doc:sentences-log": 1.0, "direction:agrees": 1.0}, True, False),
             Example("news", "d", triple, triple, {"rec:title": 1.0}, True, True, windowed=False)]
    assert contrast_names(items, "all") == {"sup:subject", "direction:agrees"}
    assert contrast_names(items, "small") == CONTRASTS and contrast_names(items, "none") == frozenset()

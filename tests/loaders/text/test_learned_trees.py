"""The boosted trees of session 17: read from the model file and walked in plain Python, exported from scikit-learn
without changing a probability, and judged leave one split out (``split_table``). Examples built by hand."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.relation_model import model_from
from armsgraph.loaders.text.train_transfers import (
    DocumentGold,
    Example,
    FrozenDocument,
    fit,
    model_features,
    pooled_table,
    split_table,
)

SRW = ("country:NOR", "country:UKR")
STUMP = [["a", 0.5, 1, 2], ["", -1.0, -1, -1], ["", 2.0, -1, -1]]


def test_a_tree_is_walked_by_its_thresholds() -> None:
    """At or under the threshold goes left; a feature the candidate lacks is 0; leaves add to the bias."""
    model = model_from({"bias": 0.5, "threshold": 0.5, "trees": [STUMP, STUMP]})
    assert model.probability({}) == pytest.approx(1 / (1 + pow(2.718281828459045, 1.5)))
    assert model.probability({"a": 0.5}) == model.probability({})
    assert model.probability({"a": 1.0}) == pytest.approx(1 / (1 + pow(2.718281828459045, -4.5)))
    assert model.features() == {"a"} and not model.weights


@pytest.mark.parametrize("trees", [
    "x", [[]], [[["a", 0.5, 1]]], [[["a", 0.5, 0, 2], ["", 1.0, -1, -1], ["", 1.0, -1, -1]]],
    [[["a", 0.5, 1, 5], ["", 1.0, -1, -1]]], [[["a", float("inf"), 1, 2], ["", 1.0, -1, -1], ["", 1.0, -1, -1]]],
    [[[3, 0.5, 1, 2], ["", 1.0, -1, -1], ["", 1.0, -1, -1]]], [[["a", 0.5, True, 2]]],
])
def test_a_malformed_tree_is_refused(trees: object) -> None:
    """A node that points back (a walk that never ends), outside its tree, or is not [name, number, int, int]."""
    with pytest.raises(ValueError, match="transfer model"):
        model_from({"bias": 0.0, "threshold": 0.5, "trees": trees})


def test_the_exported_trees_score_as_scikit_learn_does() -> None:
    """The plain-Python walk gives scikit-learn's probabilities on its own training rows (an interaction: a
    transfer only when both features are there)."""
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    from armsgraph.loaders.text.train_transfers import LEARNING_RATE, MIN_LEAF, N_TREES, _matrix

    items = []
    for k in range(40):
        features = {"a": float(k % 2), "b": float(k % 3 == 0), "d": k / 40}
        items.append(Example("news", f"d{k}", (*SRW, "weapon:w"), (*SRW, "weapon:w"),
                             {n: v for n, v in features.items() if v}, bool(k % 2 and k % 3 == 0), False))
    model = fit(items, 2.0)
    _, x, y = _matrix(items, ())
    weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    reference = GradientBoostingClassifier(n_estimators=N_TREES, max_depth=2, learning_rate=LEARNING_RATE,
                                           min_samples_leaf=MIN_LEAF, random_state=0).fit(x, y, sample_weight=weight)
    expected = reference.predict_proba(x)[:, 1]
    got = [model.probability(model_features(e.features)) for e in items]
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < 1e-6
    assert min(p for p, e in zip(got, items, strict=True) if e.label) > 0.9 > max(
        p for p, e in zip(got, items, strict=True) if not e.label)


def test_split_table_reads_the_model_alone_and_with_the_frozen_rules() -> None:
    """The model alone decides as if nothing were ruled (w1 is added there, but not beside the frozen rules, which
    read that weapon with other parties); the frozen rules keep their own triple; pooled counts add up."""
    gold = frozenset({(*SRW, "weapon:w1"), ("country:POL", "country:UKR", "weapon:w2")})
    mine = tuple(Example("news", "h", (*SRW, w), (*SRW, w), {"rec:to-for@supply": 1.0}, (*SRW, w) in gold, False)
                 for w in ("weapon:w1", "weapon:w3"))
    ruled = frozenset({("country:DEU", "country:UKR", "weapon:w1")})
    fd = FrozenDocument("s.jsonl", DocumentGold("news", "s.jsonl", "h", gold), ruled, frozenset({"weapon:w1"}),
                        mine, (0.95, 0.2))
    table = split_table([fd], 0.9, 0.0)
    alone, rules, both = table["s.jsonl"]
    assert (alone.tp, alone.fp, alone.fn) == (1, 0, 1)
    assert (rules.tp, rules.fp, rules.fn) == (0, 1, 2) and (both.tp, both.fp, both.fn) == (0, 1, 2)
    pooled = pooled_table({**table, "t.jsonl": table["s.jsonl"]}, ["s.jsonl", "t.jsonl"])
    assert (pooled[0].tp, pooled[0].fn, pooled[2].fp) == (2, 2, 2)

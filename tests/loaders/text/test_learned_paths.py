"""Session 15's parse-path features of the learned classifier, on invented sentences: each party's and the weapon's
dependency path up to the transfer word the weapon hangs from, prepositions by class and the word by its kind of
``triggers.csv`` (no document's words); and the training's rule that a path seen in fewer than ``MIN_COUNT``
candidates gets no weight."""

from __future__ import annotations

import pytest
from candidate_views import by_triple, read

from armsgraph.loaders.text import syntax
from armsgraph.loaders.text.candidates import candidates, parse_gate
from armsgraph.loaders.text.train_transfers import MIN_COUNT, Example, fit, fit_linear


def paths(features: dict[str, float]) -> set[str]:
    return {k for k in features if ":path:" in k}


def test_a_supply_sentence_gives_subject_object_and_to_paths() -> None:
    found = by_triple(candidates(*read("Germany will send IRIS-T systems to Ukraine.")))
    assert paths(found[("DEU", "UKR", "iris-t")].features) == {
        "sup:path:nsubj@supply", "rec:path:pobj:to-for>prep@supply", "weapon:path:dobj@supply"}
    # the reverse pair has the same paths on the other side: the model reads them, not the pair's names
    assert paths(found[("UKR", "DEU", "iris-t")].features) == {
        "sup:path:pobj:to-for>prep@supply", "rec:path:nsubj@supply", "weapon:path:dobj@supply"}


def test_a_receive_word_is_its_kind_and_from_its_class() -> None:
    found = by_triple(candidates(*read("Ukraine received Leopard tanks from Poland.")))
    assert paths(found[("POL", "UKR", "leopard")].features) == {
        "rec:path:nsubj@receive", "sup:path:pobj:from>prep@receive", "weapon:path:dobj@receive"}


def test_a_party_not_under_the_transfer_word_gets_its_common_ancestor() -> None:
    """'in close collaboration with the UK' hangs under another verb: the path goes up and down through their
    common ancestor, not through a role of the transfer word."""
    text = "The donations of M270 launchers are made in close collaboration with the UK. Norway provides them."
    features = by_triple(candidates(*read(text)))[("NOR", "GBR", "m-270-mlrs")].features
    assert paths(features) == {"rec:path:up3-down1@noun", "weapon:path:pobj:of>prep@noun"}


def test_without_a_parse_there_are_no_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_TEXT_MODEL", "none")
    syntax.model.cache_clear()
    try:
        found = by_triple(candidates(*read("Germany will send IRIS-T systems to Ukraine.")))
    finally:
        monkeypatch.delenv("ARMSGRAPH_TEXT_MODEL")
        syntax.model.cache_clear()
    assert found and all(not paths(c.features) for c in found.values())


def test_a_rare_path_gets_no_weight() -> None:
    """A path seen in fewer than MIN_COUNT training candidates is left out of the fit; other features are not."""
    pytest.importorskip("sklearn")
    triple = ("country:NOR", "country:UKR", "weapon:w")

    def example(k: int, features: dict[str, float], label: bool) -> Example:
        return Example("news", f"d{k}", triple, triple, features, label, False)

    rare = {"sup:path:rare@supply": 1.0, "once": 1.0}
    items = [example(k, {"sup:path:common@supply": 1.0, "good": 1.0}, True) for k in range(MIN_COUNT)]
    items += [example(MIN_COUNT + k, {"bad": 1.0}, False) for k in range(MIN_COUNT)]
    items += [example(99, rare, True)]
    model = fit_linear(items, 1.0)
    assert "sup:path:common@supply" in model.weights and "once" in model.weights
    assert "sup:path:rare@supply" not in model.weights
    # the trees read the same columns: the rare path is none, so no split can use it
    trees = fit(items, 2.0)
    assert trees.trees and "sup:path:rare@supply" not in trees.features()


def test_a_weapon_inside_another_phrase_of_a_transfer_noun_is_gated() -> None:
    """Must not fire: 'a sale to Germany with Ukraine of its old Leopard tanks' (the parse hangs the 'of' phrase on
    'with Ukraine'): the weapon is not the sale's, so no addition whatever the model scores (``parse_gate``).
    The noun's own 'of' object (after its 'to' phrase) keeps its score."""
    bad = candidates(*read("Poland discussed a sale to Germany with Ukraine of its old Leopard tanks."))
    assert bad and all(c.features.get("weapon:inside-other-phrase") == 1.0 for c in bad)
    assert parse_gate([(c.supplier, c.recipient, c.weapon) for c in bad], [0.99] * len(bad),
                      [c.features for c in bad]) == [0.0] * len(bad)
    good = by_triple(candidates(*read("Poland discussed the sale to Germany of its old Leopard tanks.")))
    features = good[("POL", "DEU", "leopard")].features
    # the parse hangs 'of' on 'Germany' (a known misattachment the rules read as the noun's): still the sale's
    assert "weapon:inside-other-phrase" not in features
    assert features["weapon:path:pobj:of>prep>pobj:to-for>prep@noun"] == 1.0
    assert parse_gate([("country:POL", "country:DEU", "weapon:leopard")], [0.99], [features]) == [0.99]

"""The learned transfer classifier: candidate triples and their features, the decision rule, the component over a
parsed document, the model file and its training. Sentences written for these tests, not taken from a shared
document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from candidate_views import WIRE, by_triple, read

import armsgraph.loaders.text.learned_transfers as learned_transfers_module
from armsgraph.loaders.text.candidates import candidates
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.learned_transfers import RULE, apply, learned_transfers
from armsgraph.loaders.text.relation_model import MODEL_FILE, RelationModel, load_model, model_from, select
from armsgraph.schema.values import Stage


def test_candidates_of_one_sentence_both_directions() -> None:
    found = by_triple(candidates(*read("Norway will send NASAMS launchers to Ukraine next month.")))
    assert set(found) == {("NOR", "UKR", "nasams"), ("UKR", "NOR", "nasams")}
    forward, backward = found[("NOR", "UKR", "nasams")].features, found[("UKR", "NOR", "nasams")].features
    assert forward["rec:to-for"] == 1.0 and "sup:to-for" not in forward
    assert backward["sup:to-for"] == 1.0
    assert forward["rule:exact"] == 1.0 and "rule:exact" not in backward  # the rules read this one
    assert forward["pair:supplier-first"] == 1.0 and "pair:supplier-first" not in backward
    assert forward["trigger:supply"] == 1.0


def test_a_candidate_only_the_rules_made_is_marked() -> None:
    """'Norway will send NASAMS to Ukraine' is in the window; a rule triple whose parties are nowhere near any
    mention of its weapon is a candidate only because the rules produced it."""
    d, f = read("Norway will send NASAMS launchers to Ukraine next month.")
    assert all(c.windowed for c in candidates(d, f))
    t = next(iter(f.transfers.values()))
    f.transfers["far"] = t.model_copy(update={"supplier": "country:CAN"})
    found = by_triple(candidates(d, f))
    assert found[("CAN", "UKR", "nasams")].windowed is False and found[("NOR", "UKR", "nasams")].windowed


def test_candidates_across_sentences_and_from_the_headline() -> None:
    text = ("Help for Ukraine\nThe Dutch government met on Monday. It has finished training the crews. "
            "The Netherlands will deliver F-16 jets in May.")
    found = by_triple(candidates(*read(text)))
    assert ("NLD", "UKR", "f-16") in found
    feats = found[("NLD", "UKR", "f-16")].features
    assert feats["rec:lead"] == 1.0 and "rec:same-sentence" not in feats  # the recipient is in the headline only
    assert feats["sup:same-sentence"] == 1.0
    assert 0.0 < feats["rec:close"] < 1.0


@pytest.mark.parametrize("text", [
    "Sweden will not send Gripen jets to Ukraine this year.",
    "Will Sweden send Gripen jets to Ukraine?",
    "If parliament agrees, Sweden could send Gripen jets to Ukraine.",
    "Ukraine has used Gripen jets against Russia.",
    "Sweden will send spare parts for Gripen jets to Ukraine.",
    "Sweden approved third-party transfers of Gripen jets to Ukraine.",
    "Soviet Gripen jets were handed over to Ukraine.",
])
def test_the_rules_vetoes_hold_for_candidates(text: str) -> None:
    """Negation, questions, hypotheticals, uses, parts, third parties, states that no longer exist: no reading."""
    found = by_triple(candidates(*read(text)))
    assert ("SWE", "UKR", "gripen") not in found and ("SUN", "UKR", "gripen") not in found


def test_a_claims_speaker_named_only_as_the_speaker_is_no_party() -> None:
    """'..., Poland said': Poland reports the transfer; 'Ukraine said it received ...': 'it' is Ukraine."""
    reported = by_triple(candidates(*read("Germany delivered Leopard tanks, Poland said.")))
    assert ("DEU", "POL", "leopard") not in reported and ("POL", "DEU", "leopard") not in reported
    own = by_triple(candidates(*read("Ukraine said it received Leopard tanks from Germany.")))
    assert ("DEU", "UKR", "leopard") in own
    named = by_triple(candidates(*read("Poland said Germany delivered Leopard tanks to Poland.")))
    assert ("DEU", "POL", "leopard") in named
    met = by_triple(candidates(*read("Poland will deliver Krab howitzers, President Duda said after meeting "
                                     "Chancellor Scholz.")))
    assert ("POL", "DEU", "krab-155mm") not in met


def test_a_capital_after_in_is_a_place() -> None:
    found = by_triple(candidates(*read("Speaking in Kyiv, the Greek minister said Greece will deliver BMP-1 "
                                       "vehicles.")))
    assert not any(r == "UKR" for _, r, _ in found)
    assert ("GRC", "UKR", "bmp-1") in by_triple(candidates(*read("Greece will deliver BMP-1 vehicles to Kyiv.")))


def test_a_may_after_the_transfer_word_is_a_month() -> None:
    found = by_triple(candidates(*read("Sweden will deliver Gripen jets to Ukraine in May.")))
    assert ("SWE", "UKR", "gripen") in found


def test_no_candidates_without_weapons_or_actors() -> None:
    assert candidates(*read("Norway and Ukraine held talks on Monday.")) == []
    assert candidates(*read("The Patriot system is a surface-to-air missile system.")) == []
    assert candidates(*read("")) == []
    assert candidates(*read("\x00\ufffd ' DROP TABLE; <script>")) == []


def test_select_threshold_best_pair_and_reverse() -> None:
    model = RelationModel({}, 0.0, 0.5, True)
    triples = [("country:NOR", "country:UKR", "weapon:nasams"), ("country:UKR", "country:NOR", "weapon:nasams"),
               ("country:POL", "country:UKR", "weapon:nasams"), ("country:DEU", "country:UKR", "weapon:iris-t")]
    assert select(model, triples, [0.9, 0.6, 0.7, 0.4]) == [True, False, False, False]
    # the reverse beats it even though both pass: only the reverse
    assert select(model, triples[:2], [0.6, 0.8]) == [False, True]
    assert select(model, [], []) == []


def test_select_margin_over_the_competing_pairs() -> None:
    """A weapon with two close readings adds nothing; one clear reading is added; the reverse needs no margin."""
    model = RelationModel({}, 0.0, 0.5, True, margin=0.2)
    triples = [("country:NOR", "country:UKR", "weapon:nasams"), ("country:POL", "country:UKR", "weapon:nasams"),
               ("country:UKR", "country:NOR", "weapon:nasams")]
    assert select(model, triples, [0.9, 0.8, 0.85]) == [False, False, False]  # Poland is within 0.2
    assert select(model, triples, [0.9, 0.6, 0.85]) == [True, False, False]  # the reverse only has to be lower
    assert select(model, triples[:1], [0.55]) == [True]  # no competitor
    # a triple given twice (two readings) competes with nothing but other pairs
    assert select(model, [triples[0], triples[0]], [0.7, 0.9]) == [True, True]
    assert select(model, triples, [0.9, 0.6, 0.85], ruled={"weapon:nasams"}) == [False, False, False]


def test_component_accepts_and_rejects_on_clear_cases() -> None:
    text = "News from Kyiv\nThe Netherlands has finished the training. It will deliver F-16 jets in May."
    d, f = read(text)
    assert apply(d, f, RelationModel({}, -10.0, 0.5, True)) == []  # rejects everything, keeps the rules
    d, f = read(text)
    rules = dict(f.transfers)
    weights = {"direction:agrees": 3.0, "direction:disagrees": -3.0, "rec:lead": 2.0, "sup:same-sentence": 2.0,
               "sup:lead": -2.0, "rec:same-sentence": -1.0}
    added = apply(d, f, RelationModel(weights, 0.0, 0.8, True))
    assert {(t.supplier, t.recipient, t.weapon) for t in added} <= {("country:NLD", "country:UKR", "weapon:f-16")}
    for t in added:
        assert t.rule == RULE and t.status in {s.value for s in Stage} and "F-16" in t.evidence.text
    assert all(k in f.transfers for k in rules)


def test_component_drops_rejected_rule_triples_when_rules_are_not_kept() -> None:
    d, f = read("Norway will send NASAMS launchers to Ukraine next month.")
    assert f.transfers
    apply(d, f, RelationModel({}, -10.0, 0.5, False))
    assert f.transfers == {}


def test_learned_transfer_in_hearsay_is_attributed() -> None:
    d, f = read("Help for Ukraine\nThe Netherlands reportedly will deliver F-16 jets in May, officials said.")
    f.transfers.clear()
    added = apply(d, f, RelationModel({"sup:same-sentence": 5.0, "rec:lead": 5.0}, 0.0, 0.5, True))
    assert added and all(t.attributed for t in added)


def test_model_file_bad_input(tmp_path: Path) -> None:
    assert load_model(tmp_path / "missing.json") is None
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not json")
    assert load_model(bad) is None
    with pytest.raises(ValueError, match="same length"):
        model_from({"features": ["a"], "weights": [], "bias": 0, "threshold": 0.5})
    with pytest.raises(ValueError, match="'bias' must be a finite number"):
        model_from({"features": [], "weights": [], "bias": "x", "threshold": 0.5})
    with pytest.raises(ValueError, match="'threshold'"):
        model_from({"features": [], "weights": [], "bias": 0.0, "threshold": float("nan")})
    with pytest.raises(ValueError, match="'margin'"):
        model_from({"features": [], "weights": [], "bias": 0.0, "threshold": 0.5, "margin": True})
    # a file from before the margin was stored reads as margin 0
    assert model_from({"features": [], "weights": [], "bias": 0.0, "threshold": 0.5}).margin == 0.0
    shaky = model_from({"features": ["a"], "weights": [1e6], "bias": 0.0, "threshold": 0.5})
    assert shaky.probability({"a": 1.0}) == pytest.approx(1.0) and shaky.probability({"a": -1.0}) < 1e-20


def test_committed_model_is_read_and_used() -> None:
    model = load_model()
    assert model is not None and model.trees and 0.0 < model.threshold < 1.0 and 0.0 <= model.margin < 1.0
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["reads"] == sorted(model.features()) and data["reads"]
    assert not any(name.startswith(("rule:", "gate:")) for name in model.features())
    # the held-out split is tuned data since session 8, the test split since session 10; held-out 2 is never trained on
    assert "news-pun-heldout2.jsonl" not in data["trained_on"] and "news-pun-test.jsonl" in data["trained_on"]


def test_the_component_runs_only_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ARMSGRAPH_TEXT_LEARNED=on`` applies the model
    file exactly as ``apply`` does (here a model file with weights that add the pronoun's F-16 transfer)."""
    model = RelationModel({"direction:agrees": 3.0, "rec:lead": 2.0, "sup:same-sentence": 2.0}, 0.0, 0.5, True)
    monkeypatch.setattr(learned_transfers_module, "load_model", lambda: model)
    text = "News from Kyiv\nThe Netherlands has finished the training. It will deliver F-16 jets in May."
    d, f = read(text)
    expected = [(t.supplier, t.recipient, t.weapon) for t in apply(d, f, model)]
    assert expected, "the text must give the model something to add"
    for value in ("", "off", "yes", "OFF "):
        monkeypatch.setenv("ARMSGRAPH_TEXT_LEARNED", value)
        d, f = read(text)
        assert learned_transfers(d, f) == []
    for value in ("on", " On"):
        monkeypatch.setenv("ARMSGRAPH_TEXT_LEARNED", value)
        d, f = read(text)
        assert [(t.supplier, t.recipient, t.weapon) for t in learned_transfers(d, f)] == expected
    # unset: the one-line default decides, and the variable overrides it either way
    monkeypatch.delenv("ARMSGRAPH_TEXT_LEARNED")
    for default, runs in (("off", False), ("on", True)):
        monkeypatch.setattr(learned_transfers_module, "DEFAULT", default)
        d, f = read(text)
        assert bool(learned_transfers(d, f)) is runs
    monkeypatch.setenv("ARMSGRAPH_TEXT_LEARNED", "off")
    d, f = read(text)
    assert learned_transfers(d, f) == []


def test_extraction_does_not_import_scikit_learn() -> None:
    code = ("import sys; from armsgraph.loaders.text.extract import extract_text; "
            "extract_text('Norway will send NASAMS to Ukraine.', {}); print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_extract_json_still_has_the_rules_transfers() -> None:
    x = extract_text("Norway will send NASAMS launchers to Ukraine next month.", WIRE)
    assert ("country:NOR", "country:UKR", "weapon:nasams") in {(t.supplier, t.recipient, t.weapon)
                                                               for t in x.transfers}


@pytest.mark.slow
def test_training_reproduces_the_committed_model(shared_data: Path) -> None:
    pytest.importorskip("sklearn")
    from armsgraph.loaders.text.train_transfers import dumps, train

    assert dumps(train(shared_data, report=False)) == MODEL_FILE.read_text(encoding="utf-8")

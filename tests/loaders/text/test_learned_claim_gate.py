"""Session 20's optional gate on the learned additions (``candidates.CLAIM_GATE``): a pair read inside someone's
reported speech needs its supplier to be the sentence's subject or to hold an agreeing role of the parse. It runs
only when the model file names it (``gates``). Sentences written for these tests."""

from __future__ import annotations

import pytest
from candidate_views import by_triple, read

from armsgraph.loaders.text.candidates import candidates, parse_gate, unsupported_in_claim
from armsgraph.loaders.text.learned_transfers import apply
from armsgraph.loaders.text.relation_model import CLAIM_GATE, GATES, load_model, model_from
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.train_transfers import CANDIDATES, SHIPPED

needs_parse = pytest.mark.skipif(model() is None, reason="the roles come from the trained parse")

SPEECH = ('Defence news\nPresident Zelensky said: "We thank America. The Abrams tanks are a sign of strength for '
          'Ukraine."')
"""A weapon and two states inside a quotation, nothing that says who gives: no rule reads a transfer."""
SAID_SUPPLY = "Defence news\nThe minister said that Poland will send Leopard tanks to Ukraine."
"""A supply reported in speech whose giver is the subject of the supply verb."""


def always(gates: list[str]) -> dict[str, object]:
    """A model file that scores every candidate 0.998 (one leaf), naming ``gates``."""
    return {"bias": 0.0, "threshold": 0.5, "margin": 0.0, "keep_rules": True, "trees": [[["", 6.0, -1, -1]]],
            "gates": gates}


def test_a_pair_in_speech_needs_its_own_evidence() -> None:
    assert unsupported_in_claim({"claim:inside": 1.0, "sup:most-mentioned": 1.0, "rec:title": 1.0})
    assert not unsupported_in_claim({"claim:inside": 1.0, "sup:subject": 1.0})
    assert not unsupported_in_claim({"claim:inside": 1.0, "direction:agrees": 1.0})
    assert not unsupported_in_claim({"sup:most-mentioned": 1.0})  # the narrator's text: not this gate's
    triples = [("country:USA", "country:UKR", "weapon:abrams"), ("country:POL", "country:UKR", "weapon:leopard")]
    features = [{"claim:inside": 1.0, "rec:title": 1.0}, {"claim:inside": 1.0, "sup:subject": 1.0}]
    assert parse_gate(triples, [0.99, 0.99], features) == [0.99, 0.99]
    assert parse_gate(triples, [0.99, 0.99], features, {CLAIM_GATE}) == [0.0, 0.99]
    assert parse_gate(triples, [0.99, 0.99], features, {"some-other-gate"}) == [0.99, 0.99]


def test_the_candidates_of_invented_speech() -> None:
    pairs = by_triple(candidates(*read(SPEECH)))
    assert unsupported_in_claim(pairs[("USA", "UKR", "abrams")].features)
    said = by_triple(candidates(*read(SAID_SUPPLY)))
    assert not unsupported_in_claim(said[("POL", "UKR", "leopard")].features)


@needs_parse
def test_the_component_gates_speech_only_when_the_model_file_names_it() -> None:
    d, f = read(SPEECH)
    added = {(t.supplier, t.weapon) for t in apply(d, f, model_from(always([])))}
    assert ("country:USA", "weapon:abrams") in added
    d, f = read(SPEECH)
    assert not apply(d, f, model_from(always([CLAIM_GATE])))
    d, f = read(SAID_SUPPLY)  # the rules read it; the gate takes nothing away from them
    apply(d, f, model_from(always([CLAIM_GATE])))
    assert ("country:POL", "country:UKR", "weapon:leopard") in {(t.supplier, t.recipient, t.weapon)
                                                                for t in f.transfers.values()}


@pytest.mark.parametrize("gates", ["claim-needs-evidence", [1], {"a": 1}, ["claim-need-evidence"]])
def test_a_malformed_gate_list_is_refused(gates: object) -> None:
    with pytest.raises(ValueError, match="gates"):
        model_from({**always([]), "gates": gates})


def test_the_committed_model_names_the_shipped_settings_gates() -> None:
    committed = load_model()
    assert committed is not None and committed.gates == frozenset(SHIPPED.gates)
    assert all(set(s.gates) <= GATES for s in CANDIDATES)

"""Invented probes of session 25's news changes (docs/text-extraction.md, "Session 25: transfers in real news"): a
supplier's 'will not deliver' / 'would not send' / 'won't supply' before a named system is its refusal (stage
declined), as 'refused to send' is; 'cannot send', 'did not send' and a negation on another verb stay no transfer.
The first probes of each list fail on the code before the change; the others guard the readings beside it."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.transfer_stages import refusing_negation

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

REFUSAL_PROBES = [
    probe('refusal-will-not', 'news',
      "Chancellor Olaf Scholz said Germany will not deliver Taurus cruise missiles to Ukraine, citing the risk of "
      "escalation.",
      'DEU>UKR:taurus=declined'),
    probe('refusal-would-not', 'news',
      "The Swedish prime minister said on Tuesday that Sweden would not send Gripen fighter jets to Ukraine for now.",
      'SWE>UKR:gripen=declined'),
    probe('refusal-wont', 'news',
      "Berlin won't supply Taurus missiles to Kyiv, the German government said on Friday.",
      'DEU>UKR:taurus=declined'),
    # guards: unable, a past, a negation on another verb, a category, a refusal undone by 'rule out'
    probe('refusal-cannot', 'news',
      "The Spanish defence minister said the government cannot send its Leopard 2A4 tanks to Ukraine.",
      ''),
    probe('refusal-past', 'news',
      "Officials said Germany did not send Taurus cruise missiles to Ukraine last year.",
      ''),
    probe('refusal-other-verb', 'news',
      "Sweden does not intend to supply Ukraine with its Gripen fighter jets for the time being.",
      ''),
    probe('refusal-category', 'news',
      "China will not provide weapons to either party of the conflict, the foreign minister said.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), REFUSAL_PROBES)
def test_refusal_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_refusing_negation_needs_the_modal_and_the_supply_verb_around_it() -> None:
    triggers = {"deliver": [("supply", "base")], "delivered": [("supply", "past")], "acquire": [("receive", "base")]}
    assert refusing_negation(["will", "not", "deliver"], 1, triggers)
    assert refusing_negation(["wo", "n't", "deliver"], 1, triggers)
    assert not refusing_negation(["can", "not", "deliver"], 1, triggers)  # unable, no refusal
    assert not refusing_negation(["will", "not", "soon", "deliver"], 1, triggers)  # not right before the verb
    assert not refusing_negation(["will", "not", "acquire"], 1, triggers)  # a buyer's, not a supplier's
    assert not refusing_negation(["had", "not", "delivered"], 1, triggers)
    assert not refusing_negation(["not", "deliver"], 0, triggers)

"""Probes of session 19 (text-extraction-history.md, "Session 19: clauses and lists"): a reduced relative clause
spoken in contractions ('the Bradley vehicles we've provided', 'the HIMARS we're sending') names what its subject
supplies, as its written form ('we have provided') did. Each expectation was written before the extractor ran on it;
must-not-fire probes beside them."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # the auxiliary of a reduced relative, contracted or not: the weapon is what its subject supplies
    probe('contracted-relative', 'statement',
      "MR. KIRBY: The Bradley vehicles we've provided Ukraine are already in the fight.",
      'USA>UKR:bradley=delivered'),
    probe('contracted-relative', 'statement',
      'MR. KIRBY: The HIMARS we are sending to Ukraine are very effective.',
      'USA>UKR:himars=pledged'),
    probe('contracted-relative', 'statement',
      "MR. KIRBY: The Javelins we're sending to Ukraine will arrive soon.",
      'USA>UKR:javelin=pledged'),
    probe('contracted-relative', 'statement',
      "MR. KIRBY: The Stinger missiles we'll send to Ukraine are in stock.",
      'USA>UKR:stinger=pledged'),
    probe('contracted-relative', 'statement',
      'MR. KIRBY: The Bradley vehicles we have provided Ukraine are already in the fight.',
      'USA>UKR:bradley=delivered'),
    # not without a subject that names its giver ('they' with nobody before it in news), and not a subject that
    # only uses the weapon
    probe('contracted-relative-no', 'news',
      "The Leopard tanks they've sent to Ukraine are old.",
      ''),
    probe('contracted-relative-no', 'news',
      "The HIMARS we're using are old, the Ukrainian commander said.",
      ''),
    probe('contracted-relative-no', 'news',
      "The Shahed drones they're launching at Kyiv come from Iran.",
      ''),
    # the passive auxiliary ('were') makes no giver of the subject, and a conditional ('we'd', 'would') is no supply
    probe('contracted-relative-no', 'statement',
      'MR. KIRBY: The HIMARS we were promised by the manufacturer are late.',
      ''),
    probe('contracted-relative-no', 'statement',
      "MR. KIRBY: The Stinger missiles we'd send to Ukraine are in stock.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

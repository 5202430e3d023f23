"""Invented probes of session 24 (text-extraction-history.md, "Session 24: US official texts: other donors, retrospects
and what a package is not"): the givers a US official text names after a system (``named_givers.py``, rule
``transfer:named-giver``); must-not-fire probes beside them. No sentence is copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.named_givers import RULE, giver_words
from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

GIVEN = [
    # a participle and 'by', the givers read through 'our partners'
    ("Ukraine's pilots will soon fly Gripen fighters supplied by our partners Sweden and Norway, a coalition we "
     "helped to build.", {("country:SWE", "country:UKR", "weapon:gripen"),
                          ("country:NOR", "country:UKR", "weapon:gripen")}),
    # 'from' right after the system and its weapon noun, the recipient after 'to'
    ("The Secretary welcomed the arrival of Leopard 2 tanks from Spain and Portugal to Ukraine this week.",
     {("country:ESP", "country:UKR", "weapon:leopard-2"), ("country:PRT", "country:UKR", "weapon:leopard-2")}),
    # a relative clause whose subject is the givers
    ("We will keep working with Allies to deliver the Mirage jets that France and Belgium pledged in the spring; "
     "Ukraine's air force needs them.", {("country:FRA", "country:UKR", "weapon:mirage"),
                                         ("country:BEL", "country:UKR", "weapon:mirage")}),
]


@pytest.mark.parametrize(("text", "want"), GIVEN)
def test_givers_named_after_the_system(text: str, want: set[tuple[str, str, str]]) -> None:
    x = extract_text(text, dict(META["statement"]))
    assert {(t.supplier, t.recipient, t.weapon) for t in x.transfers if t.rule == RULE} == want


NOT_GIVEN = [
    # bought from a seller: no giver to the default recipient
    "Reports say Washington is buying artillery shells from South Korea; Ukraine needs more of them.",
    # the other side's supplier
    "Russia keeps launching Shahed drones from Iran against Ukraine's cities.",
    # an owner, not a giver
    "Ukraine has built its air defense with its partners, from Germany's IRIS-T to the NASAMS we sent.",
    # a negated sentence
    "Ukraine will not receive F-16s from Norway this year.",
    # a place after 'from', not a state
    "Ukraine's HIMARS from Kharkiv struck the bridge.",
]


@pytest.mark.parametrize("text", NOT_GIVEN)
def test_no_giver(text: str) -> None:
    x = extract_text(text, dict(META["statement"]))
    assert not [t for t in x.transfers if t.rule == RULE]


def test_news_is_not_read() -> None:
    """Only a text whose publisher speaks for a state is read (the genre of this rule)."""
    x = extract_text("Ukraine will soon fly Gripen fighters supplied by Sweden.", dict(META["news"]))
    assert not [t for t in x.transfers if t.rule == RULE]


def test_the_word_table_has_its_kinds() -> None:
    """The kinds the rule looks up are in the table (a typo in a kind fails when the table is read)."""
    words = giver_words()
    assert "provided" in words["given"] and {"by", "from"} <= words["by"] and "that" in words["relative"]
    assert "partners" in words["group"] and "buying" in words["bought"]


def test_the_publisher_is_not_the_giver_of_a_system_others_gave() -> None:
    """The publisher's state read as the giver of the same mention by another rule is dropped when the givers named
    after it are others ('we will help deliver the Gripens that Sweden pledged')."""
    x = extract_text("The United States will keep working with Allies to deliver the Gripen fighters that Sweden "
                     "pledged last year to Ukraine.", dict(META["statement"]))
    got = {(t.supplier, t.weapon) for t in x.transfers}
    assert ("country:SWE", "weapon:gripen") in got and ("country:USA", "weapon:gripen") not in got


def test_the_publisher_among_the_givers_stays() -> None:
    """'NASAMS systems from the United States': the publisher is a named giver; nothing is dropped."""
    x = extract_text("In the coming months Ukraine will get NASAMS systems from the United States.",
                     dict(META["statement"]))
    # the other rule's transfer itself survives (not dropped and read again by this rule)
    assert ("country:USA", "weapon:nasams", "transfer:receive-base") in {(t.supplier, t.weapon, t.rule)
                                                                           for t in x.transfers}

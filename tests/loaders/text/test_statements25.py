"""Invented probes of session 25 (text-extraction-history.md, "Session 25: US official texts: the default recipient,
other donors and retrospects"): the givers named after a system reach the default recipient only through
``Recipients.default_recipient`` (``named_givers.py``), and a buy verb paid for by a programme named before it lists
a package's items (``package_frames.py``); must-not-fire probes beside them. No sentence is copied from a gold
document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.named_givers import RULE as GIVER_RULE
from armsgraph.loaders.text.package_frames import RULE as PACKAGE_RULE
from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

Triple = tuple[str, str, str]


def _by_rule(text: str, rule: str) -> set[Triple]:
    x = extract_text(text, dict(META["statement"]))
    return {(t.supplier, t.recipient, t.weapon) for t in x.transfers if t.rule == rule}


# -- the default recipient, one path (named_givers.py) ---------------------------------------------------------------

def test_a_third_state_in_the_sentence_leaves_the_recipient_open() -> None:
    """'Ukrainian pilots in Romania': a third state may be the recipient; the default one is not taken."""
    assert not _by_rule("Gripen fighters from Sweden are training Ukrainian pilots in Romania.", GIVER_RULE)


def test_own_forces_give_no_default_recipient() -> None:
    """The sentence names Ukraine, but the givers arm their own forces: the old path (the default recipient the
    sentence named, with no guard) read SWE->UKR here."""
    assert not _by_rule("Gripen fighters supplied by Sweden will first equip their own forces, Ukraine's minister "
                        "said.", GIVER_RULE)


def test_the_publisher_named_beside_the_givers_is_no_third_state() -> None:
    """'a coalition the United States helped to build': the publisher is a bystander, not the recipient."""
    got = _by_rule("Ukraine will soon fly Gripen fighters supplied by our partners Sweden and Norway, a coalition the "
                   "United States helped to build.", GIVER_RULE)
    assert got == {("country:SWE", "country:UKR", "weapon:gripen"), ("country:NOR", "country:UKR", "weapon:gripen")}


def test_a_partitive_them_is_no_recipient() -> None:
    """'the first of them' is a part of the things given (another rule reads SWE->UKR from 'reached Ukraine')."""
    x = extract_text("The United States will keep working with Allies to deliver the Gripen fighters that Sweden "
                     "pledged last year; the first of them reached Ukraine this month.", dict(META["statement"]))
    assert {(t.supplier, t.recipient, t.weapon) for t in x.transfers} == {("country:SWE", "country:UKR",
                                                                            "weapon:gripen")}


THIRD_PARTY = "Poland and Slovakia asked the Ramstein group on aid to Ukraine for more jets. "

NO_DEFAULT = [
    # a 'them' that means third states stops the default recipient for the named givers
    THIRD_PARTY + "Gripen fighters from Sweden will help them hold the skies.",
    THIRD_PARTY + "Gripen fighters from Sweden will reach some of them this year, Kyiv said.",
    THIRD_PARTY + "The United States will help deliver the Gripen fighters that Sweden pledged and send them spare "
    "parts.",
    # the publisher's state is a possible recipient when the sentence does not name Ukraine itself
    "We stand with Ukraine. Patriot interceptors provided by Germany will replenish American stocks this year.",
    "We stand with Ukraine. The United States will receive Gripen fighters from Sweden for testing this year.",
]


@pytest.mark.parametrize("text", NO_DEFAULT)
def test_no_default_recipient_for_the_named_givers(text: str) -> None:
    assert not {t for t in _by_rule(text, GIVER_RULE) if t[1] == "country:UKR"}


# -- a programme's buy verb (package_frames.py) ----------------------------------------------------------------------

PACKAGE = "Today the Department of Defense announced a $400 million package for Ukraine. "

BOUGHT = [
    (PACKAGE + "With the USAI funds, the Department will contract from industry up to 300 Switchblade loitering "
     "munitions.", {("country:USA", "country:UKR", "weapon:switchblade")}),
    (PACKAGE + "The USAI money will purchase 40 Puma unmanned aerial systems from industry.",
     {("country:USA", "country:UKR", "weapon:puma-uas")}),
    (PACKAGE + "It comes from USAI, the Ukraine Security Assistance Initiative, through which the Department will "
     "buy from industry:\n- 40 Puma unmanned aerial systems;\n- two more NASAMS batteries.",
     {("country:USA", "country:UKR", "weapon:puma-uas"), ("country:USA", "country:UKR", "weapon:nasams")}),
]


@pytest.mark.parametrize(("text", "want"), BOUGHT)
def test_a_programme_pays_for_the_items(text: str, want: set[Triple]) -> None:
    assert _by_rule(text, PACKAGE_RULE) == want


NOT_BOUGHT = [
    # another party between the programme and the buy verb
    PACKAGE + "The USAI funds will also help Poland buy 20 more Abrams tanks.",
    # civil aid
    PACKAGE + "The humanitarian assistance will purchase 40 Puma unmanned aerial systems.",
    # a negated sentence
    PACKAGE + "The USAI money will not purchase Puma unmanned aerial systems.",
    # no programme before the buy verb
    PACKAGE + "Separately, Poland plans to buy 250 Abrams tanks.",
    # the donor's own stocks after the items
    PACKAGE + "The USAI funds will procure 40 Puma unmanned aerial systems for US stocks.",
    PACKAGE + "Separate PDA replacement funds from the package will purchase new Javelin missiles to replenish US "
    "stocks.",
    # another party after the buy verb
    PACKAGE + "The USAI funds will also procure Stinger missiles for Taiwan.",
    # an earlier package's buy
    PACKAGE + "The package follows one in May, when USAI funds were used to procure 40 HIMARS launchers.",
]


@pytest.mark.parametrize("text", NOT_BOUGHT)
def test_no_programme_item(text: str) -> None:
    assert not _by_rule(text, PACKAGE_RULE)

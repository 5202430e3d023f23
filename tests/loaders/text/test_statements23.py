"""Invented probes of session 23 (docs/text-extraction-history.md, "Session 23: US official texts: packages, lists and
transcripts"): what the package frame (``package_frames.py``, rule ``transfer:package-item``) reads of a package's list
that the mention rules leave; must-not-fire probes beside them. No sentence is copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META, check, probe

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.package_frames import RULE, package_words
from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # a munition after 'ammunition for X,': an item of the package's list, not what the ammunition is for
    probe('package-munition-after-for', 'statement',
          "The Department of Defense announced a $300 million drawdown for Ukraine.\n\n"
          "It also brings 20 Stryker armored personnel carriers, more ammunition for HIMARS, 155mm and 105mm "
          "artillery ammunition, and demining equipment.",
          'USA>UKR:stryker;USA>UKR:155mm-artillery-ammunition;USA>UKR:105mm-artillery-ammunition'),
    # a munition after 'components,': the comma ended the components item
    probe('package-munition-after-components', 'statement',
          "The Department of Defense announced a $175 million drawdown for Ukraine.\n\n"
          "It includes TOW missiles, air defense components, 155mm artillery rounds and anti-armor munitions.",
          'USA>UKR:tow;USA>UKR:155mm-artillery-ammunition'),
    # a missile after 'components,' in a bullet of the package's list
    probe('package-missile-after-components', 'statement',
          "The Department of Defense announced a $150 million drawdown for Ukraine.\n\n"
          "The package includes:\n- Air defense components, including AIM-9M missiles;\n- Small arms ammunition.",
          'USA>UKR:sidewinder'),
    # a notice of a possible Foreign Military Sale: the buyer's request to buy lists the sale's items
    probe('sale-request', 'statement',
          "The State Department has made a determination approving a possible Foreign Military Sale to the "
          "Government of Norway of Patriot air defense equipment for an estimated cost of $2 billion.\n\n"
          "The Government of Norway has requested to buy four Patriot fire units and AIM-120 AMRAAM missiles, "
          "with spare parts and training.",
          'USA>NOR:patriot;USA>NOR:amraam'),
    # its cases, each a subject of a contents verb or 'is for'
    probe('sale-cases', 'statement',
          "The Department of State today approved three possible Foreign Military Sales to the Government of "
          "Poland, worth $9 billion in total.\n\nThe largest case is for up to 96 AH-64E Apache helicopters. "
          "The other cases cover Javelin missiles and HIMARS launchers.",
          'USA>POL:ah-64-apache;USA>POL:fgm-148-javelin;USA>POL:himars'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


NOT_ITEMS = [
    # a launcher's rounds are not the launcher ('HIMARS munitions'), even after a comma
    "The Department of Defense announced a $400 million drawdown for Ukraine. It includes air defense "
    "interceptors, HIMARS munitions, and Bradley Infantry Fighting Vehicles.",
    # what the ammunition is for, a system that fires it: NASAMS and HAWK stay what the munitions are for
    "The Department of Defense announced a $400 million drawdown for Ukraine. It includes munitions for Patriot, "
    "NASAMS and HAWK, and cold weather gear.",
    # a munition in the item of 'components for', not after a comma of its own
    "The Department of Defense announced a $400 million drawdown for Ukraine. It includes spare parts for 155mm "
    "artillery ammunition production lines.",
]


NOT_THE_SALE = [
    # procured apart from the sale
    "The State Department has approved a possible Foreign Military Sale to the Government of Norway of NASAMS fire "
    "units. The Government of Norway has requested to buy three NASAMS fire units, together with AMRAAM missiles "
    "to be procured separately.",
    # another state's request is no item of this sale; nor is a request with no sale announced
    "The State Department has approved a possible Foreign Military Sale to the Government of Norway of NASAMS fire "
    "units. Finland has requested to buy AMRAAM missiles as well.",
    "The Government of Norway has requested to buy AMRAAM missiles.",
]


@pytest.mark.parametrize("text", NOT_THE_SALE)
def test_not_the_sale(text: str) -> None:
    x = extract_text(text, dict(META["statement"]))
    assert not [t for t in x.transfers if t.rule == RULE and t.weapon == "weapon:amraam"]


def test_a_notice_of_the_sales_agency_is_read() -> None:
    """The Defense Security Cooperation Agency speaks for the United States (``publishers.csv``): its notices' sales
    are read under the sale's frame, the seller the publisher's state."""
    x = extract_text("WASHINGTON - The State Department has made a determination approving a possible Foreign "
                     "Military Sale to the Government of Finland of air defense equipment.\n\nThe Government of "
                     "Finland has requested to buy forty AIM-9X Sidewinder missiles.",
                     {"date": "2024-03-01", "publisher": "Defense Security Cooperation Agency",
                      "title": "Finland - AIM-9X Sidewinder Missiles"})
    assert {(t.supplier, t.recipient, t.weapon) for t in x.transfers if t.rule == RULE} == {
        ("country:USA", "country:FIN", "weapon:sidewinder")}


def test_the_word_table_has_the_sale_kinds() -> None:
    """The kinds the sale's cues look up are in the table (a typo in a kind fails when the table is read)."""
    words = package_words()
    assert {"sale", "sales"} <= words["sale"] and "cases" in words["case"] and "requested" in words["request"]
    assert "separately" in words["apart"] and "cover" in words["contents"]


@pytest.mark.parametrize("text", NOT_ITEMS)
def test_not_an_item(text: str) -> None:
    x = extract_text(text, dict(META["statement"]))
    assert not [t for t in x.transfers if t.rule == RULE and t.weapon in (
        "weapon:himars", "weapon:nasams", "weapon:hawk", "weapon:patriot", "weapon:155mm-artillery-ammunition")]

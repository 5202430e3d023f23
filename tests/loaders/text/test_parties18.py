"""Invented probes of session 18's parties (text-extraction-history.md, "Session 18: parties"): a giver of the other
side never arms the text's default recipient; 'the Nth member after X to promise' gives both; a title's place is no
recipient. Each expectation was written before the extractor ran on it; must-not-fire probes beside them."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    probe('other-side', 'news',
      'Germany sent IRIS-T systems to Ukraine in October. Russia keeps firing missiles at Kyiv, and Tehran is '
      'providing Shahed drones and artillery shells.',
      'DEU>UKR:iris-t; IRN>RUS:shahed-136'),
    probe('other-side-no', 'news',
      'Ukraine needs more air defence. Tehran is providing Shahed drones.',
      ''),
    probe('other-side-no', 'news',
      'Germany sent IRIS-T systems to Ukraine in October. Tehran is providing Shahed drones.',
      'DEU>UKR:iris-t'),
    probe('other-side-no', 'news',
      'Germany sent IRIS-T systems to Ukraine in October. Poland is providing Krab howitzers.',
      'DEU>UKR:iris-t; POL>UKR:krab'),
    probe('after-x-to', 'news',
      'Slovakia became the second NATO member after Poland to promise MiG-29 jets to Ukraine.',
      'SVK>UKR:mig-29; POL>UKR:mig-29'),
    probe('after-x-to', 'news',
      'Norway became the first country after the United States to send NASAMS to Ukraine.',
      'NOR>UKR:nasams; USA>UKR:nasams'),
    probe('after-x-no', 'news',
      'After Poland sent Krab howitzers, Germany sent PzH 2000 howitzers to Ukraine.',
      'DEU>UKR:pzh-2000'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_a_titles_place_is_no_recipient() -> None:
    """'Remarks by the President ..., Hiroshima, Japan': where the remarks were given; the text's aid goes to Ukraine,
    which it names."""
    text = ("THE PRESIDENT: We have had a productive summit here with the G7 leaders. On Ukraine: we provided what "
            "they needed, Stingers and Javelins early, then HIMARS.")
    meta = {"date": "2023-05-21", "publisher": "The White House", "text_kind": "remarks",
            "title": "Remarks by President Biden in a Press Conference, Hiroshima, Japan"}
    x = extract_text(text, meta)
    assert {t.recipient for t in x.transfers} == {"country:UKR"}, x.transfers

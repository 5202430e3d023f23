"""Invented probes of session 23's news changes (docs/text-extraction-history.md, "Session 23: transfers in news"): a
partitive ('four of the jets', 'four of its own') names the system its sentence named before, so a second giver's
clause gives that system; a named system a sentence identifies a generic weapon as ('identified the weapons as KN-23',
'these are KN-23') moves between the parties of the one delivered category-level transfer before it. The first
probe of each list fails on the code before the change; the others guard the readings beside it."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.weapon_anaphors import partitives

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PARTITIVE_PROBES = [
    probe('partitive-noun', 'news',
      "Slovakia will give Ukraine 13 MiG-29 fighter jets, a day after Poland pledged four of the jets.",
      'SVK>UKR:mig-29; POL>UKR:mig-29'),
    probe('partitive-own', 'news',
      "Slovakia will give Ukraine its 13 MiG-29 jets, the prime minister said, a day after Poland pledged four of "
      "its own.",
      'SVK>UKR:mig-29; POL>UKR:mig-29'),
    # guards: a noun no system of the sentence fits; no number before 'of'
    probe('partitive-other-noun', 'news',
      "Slovakia will give Ukraine 13 MiG-29 fighter jets, a day after Poland trained four of the pilots.",
      'SVK>UKR:mig-29'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PARTITIVE_PROBES)
def test_partitive_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_partitive_needs_a_number_and_a_system_of_its_sentence() -> None:
    lower = ["slovakia", "gave", "13", "mig-29", "jets", ".", "poland", "pledged", "four", "of", "the", "jets", "and",
             "most", "of", "the", "jets"]
    sent_of = [0] * 6 + [1] * 11
    named = [(3, "weapon:mig-29")]
    category_of = {"weapon:mig-29": "aircraft"}
    nouns = {("jets",): "aircraft", ("fighters",): "aircraft"}
    # 'four of the jets' in the next sentence: the system stands in another sentence, so nothing
    assert partitives(lower, sent_of, set(), named, category_of, nouns) == []
    same = [0] * len(lower)
    found = partitives(lower, same, set(), named, category_of, nouns)
    assert [(a.start, a.weapon_id) for a in found] == [(11, "weapon:mig-29")]  # not 'most of the jets'


IDENTIFIED_PROBES = [
    probe('identified-as', 'news',
      "North Korea has given Russia ballistic missiles, which Russian forces fired at Ukraine, the White House "
      "said. U.S. officials identified the weapons as KN-23 short-range missiles.",
      'PRK>RUS:kn-23'),
    probe('identified-copula', 'news',
      "North Korea recently provided Russia with several ballistic missiles. We assess that these are KN-23 "
      "missiles with a range of 900 kilometers.",
      'PRK>RUS:kn-23'),
    # guards: a question; no generic weapon given before
    probe('identified-question', 'news',
      "North Korea recently provided Russia with several ballistic missiles. Are these KN-23 missiles?",
      'PRK>RUS:missiles'),
    probe('identified-nothing-given', 'news',
      "Russian forces fired ballistic missiles at Kyiv. Investigators identified them as KN-23 missiles.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), IDENTIFIED_PROBES)
def test_identified_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


REFUSAL_PROBES = [
    probe('ruled-out', 'news',
      "Chancellor Olaf Scholz has again ruled out sending Taurus cruise missiles to Ukraine.",
      'DEU>UKR:taurus=declined'),
    probe('rules-out', 'news',
      "Germany rules out sending Taurus cruise missiles to Ukraine, the government spokesman said.",
      'DEU>UKR:taurus=declined'),
    # guards: an option left open is considered; a negated refusal gives nothing
    probe('does-not-rule-out', 'news',
      "France does not rule out delivering Leclerc tanks to Ukraine, Emmanuel Macron said.",
      'FRA>UKR:leclerc=considered'),
    probe('has-not-ruled-out', 'news',
      "Germany has not ruled out sending Taurus cruise missiles to Ukraine.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), REFUSAL_PROBES)
def test_refusal_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


REPLACED_PROBES = [
    probe('replaced-by', 'news',
      "Australia will send 49 of its retired M1A1 Abrams tanks to Ukraine, the minister said. The tanks were "
      "recently replaced by newer M1A2 from the US.",
      'AUS>UKR:abrams; USA>AUS:abrams'),
    # a purchase participle describing the replacing systems is no transfer to the text's recipient
    probe('replaced-by-bought-from', 'news',
      "Australia will give Ukraine 49 of its retired M1A1 Abrams tanks, the minister said. The tanks are being "
      "replaced in the Australian Army by newer Abrams models bought from the United States.",
      'AUS>UKR:abrams; USA>AUS:abrams'),
    # guards: nobody gave the replaced systems away; a purchase in a main clause reads as before
    probe('replaced-no-giver', 'news',
      "The old tanks of the Polish army were replaced by K2 tanks from South Korea.",
      ''),
    probe('bought-main-clause', 'news',
      "Ukraine needs air defence. Poland bought Patriot systems from the United States.",
      'USA>POL:patriot'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), REPLACED_PROBES)
def test_replaced_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

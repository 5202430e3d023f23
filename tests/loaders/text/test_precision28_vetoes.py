"""Invented probes of session 28's two new vetoes in ``transfer_vetoes.py`` (docs/text-extraction-history.md,
"Session 28: wrong transfers"): a class of systems written right after a system's name ('MaxxPro Mine Resistant
Ambush Protected vehicles') is no second system; the publisher's support for its partners' plans ('supports both
countries' plans to provide F-16s') is not its own supply (narrowed after review: one clause, no first-person word;
the assurance and permission sentences are the approval rule's, ``approved_transfers.py``). Each wrong reading is
first shown to be made without the component, so a probe fails if the veto stops firing, not only if the rules stop
making the reading; the right readings beside them must stay. No sentence is copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.extract import PIPELINE, run_components
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_vetoes import veto_words, vetoed_transfers

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

Triple = tuple[str, str, str]
WITHOUT_VETOES = tuple(c for c in PIPELINE if c is not vetoed_transfers)


def triples(text: str, with_vetoes: bool, genre: str = "statement") -> set[Triple]:
    f = run_components(TextDoc(text, dict(META[genre])), PIPELINE if with_vetoes else WITHOUT_VETOES)
    return {(t.supplier, t.recipient, t.weapon) for t in f.transfers.values()}


DROPPED = [
    # the class after the system's name
    ("The package includes 50 MaxxPro Mine Resistant Ambush Protected vehicles and Javelin missiles for Ukraine.",
     ("country:USA", "country:UKR", "weapon:mrap"),
     {("country:USA", "country:UKR", "weapon:maxxpro"), ("country:USA", "country:UKR", "weapon:fgm-148-javelin")}),
    ("The drawdown for Ukraine provides 30 Cougar Mine-Resistant Ambush-Protected vehicles.",
     ("country:USA", "country:UKR", "weapon:mrap"), {("country:USA", "country:UKR", "weapon:cougar")}),
]


@pytest.mark.parametrize(("text", "wrong", "kept"), DROPPED)
def test_the_wrong_reading_is_made_without_the_veto_and_dropped_with_it(text: str, wrong: Triple,
                                                                        kept: set[Triple]) -> None:
    assert wrong in triples(text, with_vetoes=False)
    found = triples(text, with_vetoes=True)
    assert wrong not in found
    assert kept <= found


KEPT = [
    # the class alone, or not right after a name
    ("The package for Ukraine includes 100 MRAPs.", {("country:USA", "country:UKR", "weapon:mrap")}),
    ("The package for Ukraine includes 40 Humvees and 20 Mine Resistant Ambush Protected vehicles.",
     {("country:USA", "country:UKR", "weapon:mrap"), ("country:USA", "country:UKR", "weapon:hmmwv")}),
    ("The package for Ukraine includes 40 MaxxPro MRAP vehicles.", {("country:USA", "country:UKR", "weapon:maxxpro")}),
    # the publisher's own sale or gift, with a consent word and another state named (the consent veto's guards,
    # kept after its removal: no other rule may drop them)
    ("The United States approved the sale of F-16 jets to Turkey, days after Ankara ratified Sweden's membership.",
     {("country:USA", "country:TUR", "weapon:f-16")}),
    ("The United States and other partners plan to give Ukraine NASAMS and HAWK systems, Germany said.",
     {("country:USA", "country:UKR", "weapon:nasams"), ("country:USA", "country:UKR", "weapon:hawk")}),
    ("We approved the transfer to Ukraine of Patriot batteries, and Germany thanked us; they will train the crews.",
     {("country:USA", "country:UKR", "weapon:patriot")}),
    # 'they' after the weapon, not between the consent and it
    ("Poland asked for approval, and the United States will send Ukraine Abrams tanks that they requested.",
     {("country:USA", "country:UKR", "weapon:abrams")}),
]


@pytest.mark.parametrize(("text", "want"), KEPT)
def test_the_right_readings_are_kept(text: str, want: set[Triple]) -> None:
    assert want <= triples(text, with_vetoes=True)


CONSENTED = [
    ("Norway and Sweden have asked for our assurance that they can transfer CV90 vehicles to Ukraine.",
     {("country:NOR", "country:UKR", "weapon:cv90"), ("country:SWE", "country:UKR", "weapon:cv90")}),
    ("We have given our assurance to Poland that we will approve the transfer of their Leopard tanks to Kyiv.",
     {("country:POL", "country:UKR", "weapon:leopard")}),
]


@pytest.mark.parametrize(("text", "want"), CONSENTED)
def test_the_partners_give_what_the_publisher_consents_to(text: str, want: set[Triple]) -> None:
    """Assurance and permission, read by the approval rule: the partners give, the publisher does not."""
    found = triples(text, with_vetoes=True)
    assert want <= found
    assert not any(t[0] == "country:USA" for t in found)


SUPPORTED = [
    ("In letters to Swedish and Czech ministers, the Secretary wrote that the United States fully supports both "
     "countries' plans to provide Gripen jets to Ukraine.", ("country:USA", "country:UKR", "weapon:gripen")),
    ("The Secretary told Norway and Sweden that the United States strongly supports their plans to deliver CV90 "
     "vehicles to Ukraine.", ("country:USA", "country:UKR", "weapon:cv90")),
]


@pytest.mark.parametrize(("text", "wrong"), SUPPORTED)
def test_support_for_partners_plans_is_not_the_publishers_supply(text: str, wrong: Triple) -> None:
    assert wrong in triples(text, with_vetoes=False)
    assert wrong not in triples(text, with_vetoes=True)


def test_a_news_text_is_not_read_as_the_publishers_support() -> None:
    """A wire speaks for no state: the veto reads only a government's own text."""
    text = SUPPORTED[0][0]
    assert triples(text, with_vetoes=True, genre="news") == triples(text, with_vetoes=False, genre="news")


OWN_SUPPLY = [
    # review A's sentences: the publisher's own supply in the next clause, or in its own voice, stays
    "Britain and France have already sent long-range missiles; now that Congress has approved the bill with support "
    "from both parties, we will send ATACMS to Ukraine.",
    "The President approved the package after talks with Germany, whose leaders said they would match it, and we "
    "will send 31 Abrams tanks to Ukraine.",
    "We have given our assurance to Poland that we will replace their tanks, and we will send Abrams tanks to Ukraine.",
    "Germany supports the decision, and their ministers welcomed our plan to send Patriot batteries to Ukraine.",
    "The United States supports both countries' plans, but we will send our own F-16s to Ukraine.",
]


@pytest.mark.parametrize("text", OWN_SUPPLY)
def test_the_publishers_own_supply_beside_a_consent_word_stays(text: str) -> None:
    assert any(t[0] == "country:USA" and t[1] == "country:UKR" for t in triples(text, with_vetoes=True))


def test_the_new_wording_is_read_from_the_data_file() -> None:
    words = veto_words()
    assert "weapon:mrap" in words["class-name"]
    assert "supports" in words["consent"] and "both" in words["partners"] and "we" in words["first-person"]


def test_a_class_name_on_the_next_line_of_a_list_is_a_system_of_its_own() -> None:
    # V2 (review mend, session 28): a newline is not 'right after' the system before
    text = "The package for Ukraine includes:\n50 Humvees\nMRAP vehicles\nJavelin missiles"
    assert ("country:USA", "country:UKR", "weapon:mrap") in triples(text, with_vetoes=True)

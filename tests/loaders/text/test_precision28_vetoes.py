"""Invented probes of session 28's two new vetoes in ``transfer_vetoes.py`` (docs/text-extraction-history.md,
"Session 28: wrong transfers"): a class of systems written right after a system's name ('MaxxPro Mine Resistant
Ambush Protected vehicles') is no second system, and a government's consent to its partners' transfer ('our
assurance that they can transfer ...') is not its own supply. Each wrong reading is first shown to be made without
the component, so a probe fails if the veto stops firing, not only if the rules stop making the reading; the right
readings beside them must stay. No sentence is copied from a gold document."""

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
    # the publisher's consent to its partners' transfer
    ("Norway and Sweden have asked for our assurance that they can transfer CV90 vehicles to Ukraine.",
     ("country:USA", "country:UKR", "weapon:cv90"), set()),
    ("We have given our assurance to Poland that we will approve the transfer of their Leopard tanks to Kyiv.",
     ("country:USA", "country:UKR", "weapon:leopard"), set()),
    ("In letters to Swedish and Czech ministers, the Secretary wrote that the United States fully supports both "
     "countries' plans to provide Gripen jets to Ukraine.", ("country:USA", "country:UKR", "weapon:gripen"), set()),
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
    # the publisher's own sale or gift, with a consent word and another state named
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


def test_a_news_text_is_not_read_as_the_publishers_consent() -> None:
    """A wire speaks for no state: the consent veto reads only a government's own text."""
    text = "The United States has given its assurance that they can transfer CV90 vehicles to Ukraine, Norway said."
    assert triples(text, with_vetoes=True, genre="news") == triples(text, with_vetoes=False, genre="news")


def test_the_new_wording_is_read_from_the_data_file() -> None:
    words = veto_words()
    assert "weapon:mrap" in words["class-name"]
    assert {"assurance", "approve", "supports"} <= words["consent"]
    assert {"they", "their", "both"} <= words["partners"]


def test_a_class_name_on_the_next_line_of_a_list_is_a_system_of_its_own() -> None:
    # V2 (review mend, session 28): a newline is not 'right after' the system before
    text = "The package for Ukraine includes:\n50 Humvees\nMRAP vehicles\nJavelin missiles"
    assert ("country:USA", "country:UKR", "weapon:mrap") in triples(text, with_vetoes=True)

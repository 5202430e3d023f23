"""Invented probes of session 27's wrong-transfer part (docs/text-extraction-history.md, "Session 27: wrong
transfers"): a coalition member's sale to the other side before the invasion is kept by ``transfer_vetoes.py``, the
same reading after it is still dropped, and a variant ('Block V') read as a system of its own is dropped. Each wrong
reading is first shown to be made without the component, so a probe fails if the veto stops firing, not only if the
rules stop making the reading. No sentence is copied from a gold document."""

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


def triples(text: str, genre: str, with_vetoes: bool, date: str | None = None) -> set[Triple]:
    meta = dict(META[genre])
    if date is not None:
        meta["date"] = date
    f = run_components(TextDoc(text, meta), PIPELINE if with_vetoes else WITHOUT_VETOES)
    return {(t.supplier, t.recipient, t.weapon) for t in f.transfers.values()}


BEFORE_THE_WAR = [
    # the clause's own year, before or after the weapon
    ("In 2011 France agreed to sell two Mistral ships to Russia.", None,
     ("country:FRA", "country:RUS", "weapon:mistral")),
    ("Italy supplied Lince armoured vehicles to Russia in 2010, the ministry said.", None,
     ("country:ITA", "country:RUS", "weapon:lince")),
    # two years in the clause, both before 2022
    ("France agreed in 2011 to sell Mistral ships to Russia, but in 2015 cancelled the sale.", None,
     ("country:FRA", "country:RUS", "weapon:mistral")),
    # no year in the sentence: the document's date
    ("Turkey has delivered Bayraktar TB2 drones to Iran, officials said.", "2019-05-01",
     ("country:TUR", "country:IRN", "weapon:bayraktar-tb2")),
]


@pytest.mark.parametrize(("text", "date", "want"), BEFORE_THE_WAR)
def test_a_coalition_members_sale_before_the_war_is_kept(text: str, date: str | None, want: Triple) -> None:
    assert want in triples(text, "news", with_vetoes=False, date=date)
    assert want in triples(text, "news", with_vetoes=True, date=date)


AFTER_THE_WAR = [
    # no year, a text dated after the invasion (META's date)
    ("France agreed to sell two Mistral ships to Russia.", None, ("country:FRA", "country:RUS", "weapon:mistral")),
    ("Turkey has delivered Bayraktar TB2 drones to Iran, officials said.", None,
     ("country:TUR", "country:IRN", "weapon:bayraktar-tb2")),
    # a use's target, dated in its clause after the invasion
    ("Ukrainian forces fired British-supplied Storm Shadow missiles into Russia's Kursk region in 2024.", None,
     ("country:GBR", "country:RUS", "weapon:storm-shadow")),
    # the early year belongs to the clause before ';', not to the weapon's
    ("Germany sent Leopard tanks to Ukraine in 2023. In 2010 Germany sold Russia a training centre; now Berlin will "
     "send IRIS-T.", None, ("country:DEU", "country:RUS", "weapon:iris-t")),
    # a text dated before the invasion whose clause names a year after it
    ("Turkey will deliver Bayraktar TB2 drones to Iran in 2023, officials said.", "2021-06-01",
     ("country:TUR", "country:IRN", "weapon:bayraktar-tb2")),
]


@pytest.mark.parametrize(("text", "date", "wrong"), AFTER_THE_WAR)
def test_a_coalition_members_supply_to_the_other_side_after_the_invasion_is_dropped(
        text: str, date: str | None, wrong: Triple) -> None:
    assert wrong in triples(text, "news", with_vetoes=False, date=date)
    assert wrong not in triples(text, "news", with_vetoes=True, date=date)


VARIANTS = [
    ("statement", "The United States will sell Tomahawk Block IV and Block V missiles to Japan.",
     ("country:USA", "country:JPN", "weapon:block-v"), {("country:USA", "country:JPN", "weapon:tomahawk")}),
    ("news", "Japan will buy Block V missiles from the United States.",
     ("country:USA", "country:JPN", "weapon:block-v"), set()),
]


@pytest.mark.parametrize(("genre", "text", "wrong", "kept"), VARIANTS)
def test_a_variant_read_as_a_system_is_dropped(genre: str, text: str, wrong: Triple, kept: set[Triple]) -> None:
    assert wrong in triples(text, genre, with_vetoes=False)
    found = triples(text, genre, with_vetoes=True)
    assert wrong not in found
    assert kept <= found


@pytest.mark.parametrize(("text", "want"), [
    ("Washington approved the sale of Patriot interceptors and Block II Harpoon missiles to Taiwan.",
     {("country:USA", "country:TWN", "weapon:harpoon"), ("country:USA", "country:TWN", "weapon:patriot")}),
    ("The United States will provide Ukraine with AIM-9X Block II missiles.",
     {("country:USA", "country:UKR", "weapon:sidewinder")}),
])
def test_a_system_named_with_its_variant_is_kept(text: str, want: set[Triple]) -> None:
    assert want <= triples(text, "news", with_vetoes=True)


def test_the_new_wording_is_read_from_the_data_file() -> None:
    words = veto_words()
    assert {";", "—"} <= words["clause-stop"]
    assert {"block", "increment"} <= words["variant"]

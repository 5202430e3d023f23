"""Invented probes of session 27's wrong-transfer part (docs/text-extraction-history.md, "Session 27: wrong
transfers"): a coalition member's sale to the other side before the invasion is kept by ``transfer_vetoes.py``, and
the same reading after it is still dropped (the variant probes moved to ``test_precision28_versions.py`` when session
28 moved that fix into the designation reader). Each wrong reading is first shown to be made without the component,
so a probe fails if the veto stops firing, not only if the rules stop making the reading. No sentence is copied from
a gold document."""

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
    # review mends: a text dated before the invasion keeps its plans, whatever year they name
    ("Turkey will deliver Bayraktar TB2 drones to Iran in 2023, officials said.", "2021-06-01",
     ("country:TUR", "country:IRN", "weapon:bayraktar-tb2")),
    ("France will deliver Mistral ships to Russia by 2023, officials said.", "2021-06-01",
     ("country:FRA", "country:RUS", "weapon:mistral")),
    # a range with an en dash or a hyphen, 'between ... and', a decade
    ("Italy sold Lince armoured vehicles to Russia in 2010–2012.", None,
     ("country:ITA", "country:RUS", "weapon:lince")),
    ("Italy sold Lince armoured vehicles to Russia in 2010-2012.", None,
     ("country:ITA", "country:RUS", "weapon:lince")),
    ("Italy sold Lince armoured vehicles to Russia between 2010 and 2012.", None,
     ("country:ITA", "country:RUS", "weapon:lince")),
    ("Italy sold Lince armoured vehicles to Russia in the 2010s.", None,
     ("country:ITA", "country:RUS", "weapon:lince")),
    # the month of 2022
    ("In January 2022 Germany sold IRIS-T missiles to Russia, the report said.", None,
     ("country:DEU", "country:RUS", "weapon:iris-t")),
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
    # review mends: an early year of another clause (', and'), of a relative clause, of a name, or a quantity
    ("In 2014 Russia annexed Crimea, and Ukraine has now fired American-supplied ATACMS into Russia's Belgorod "
     "region.", None, ("country:USA", "country:RUS", "weapon:atacms")),
    ("Ukraine fired American-supplied ATACMS into Russia's Belgorod region, breaking the 2014 Minsk terms.", None,
     ("country:USA", "country:RUS", "weapon:atacms")),
    ("Ukraine, which the United States has armed since 2014, fired American-supplied ATACMS into Russia's Belgorod "
     "region.", None, ("country:USA", "country:RUS", "weapon:atacms")),
    ("Ukraine fired 2000 American-supplied ATACMS into Russia's Belgorod region.", None,
     ("country:USA", "country:RUS", "weapon:atacms")),
    ("Turkey has delivered 1950 Bayraktar TB2 drones to Iran, officials said.", "2023-03-01",
     ("country:TUR", "country:IRN", "weapon:bayraktar-tb2")),
    # 'since YEAR' goes on to now
    ("Ukraine has fired American-supplied ATACMS into Russia's Belgorod region since 2015.", None,
     ("country:USA", "country:RUS", "weapon:atacms")),
    ("Ukraine fired British-supplied Storm Shadow missiles into Russia's Kursk region, which it has not entered "
     "since 2014.", None, ("country:GBR", "country:RUS", "weapon:storm-shadow")),
    # an em dash still ends the clause
    ("In 2014 Russia annexed Crimea – now Ukraine fires American-supplied ATACMS into Russia's Belgorod region.", None,
     ("country:USA", "country:RUS", "weapon:atacms")),
]


@pytest.mark.parametrize(("text", "date", "wrong"), AFTER_THE_WAR)
def test_a_coalition_members_supply_to_the_other_side_after_the_invasion_is_dropped(
        text: str, date: str | None, wrong: Triple) -> None:
    assert wrong in triples(text, "news", with_vetoes=False, date=date)
    assert wrong not in triples(text, "news", with_vetoes=True, date=date)


def test_the_new_wording_is_read_from_the_data_file() -> None:
    words = veto_words()
    assert {";", "—"} <= words["clause-stop"]
    assert {"in", "since", "until", "between"} <= words["date-word"]

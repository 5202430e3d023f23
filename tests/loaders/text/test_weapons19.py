"""Session 19: weapon names from the reference tables (variants, systems weapons.csv lacked, treaty categories).

A variant of a listed system is its family's row (the guide: 'a listed variant is its row's id'), a system of the
2022-2024 war-aid record is a row of its own with its SIPRI category, and a designation-shaped token that names no
weapon (a memorandum, a police dog unit) stays nothing. Sentences are invented; the tracker and SIPRI names are read
from ../shared/data at run time.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from armsgraph.loaders.sipri.loader import SipriLoader
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.gazetteer import load
from armsgraph.schema import WeaponSystem

META = {"date": "2023-05-01", "publisher": "Reuters"}


def _weapons(x: Extraction) -> set[str]:
    """Ids of the weapon systems the text names (mentions of their own)."""
    return {e.id for e in x.entities if e.type == "WeaponSystem" and e.mentions}


def _transfers(x: Extraction) -> set[tuple[str, str, str]]:
    return {(t.supplier, t.recipient, t.weapon) for t in x.transfers}


@pytest.mark.parametrize(("text", "weapon"), [
    ("Germany will deliver 18 Leopard 2A8 tanks to Lithuania.", "weapon:leopard-2"),
    ("Norway ordered four more K9 Vidar howitzers from South Korea.", "weapon:k9"),
    ("Germany bought 60 CH-47F Block II Chinook helicopters from the United States.", "weapon:ch-47-chinook"),
    ("Berlin sent PAC-3 MSE interceptors to Kyiv.", "weapon:patriot"),
    ("The US will send Bradley M2A2 ODS vehicles to Ukraine.", "weapon:bradley"),
    ("Canada sent M2A3 Bradley vehicles to Ukraine.", "weapon:bradley"),
    ("The Czech Republic sent T-72EA tanks to Ukraine.", "weapon:t-72"),
    ("Czechia gave Ukraine dozens of BVP-1 vehicles.", "weapon:bmp-1"),
    ("Sweden will send CV9035 vehicles to Ukraine.", "weapon:cv90"),
    ("Austria's M109A5Ö howitzers were sold to Ukraine.", "weapon:m109"),
    ("Slovakia sent five Zusana-2 howitzers to Ukraine.", "weapon:zuzana-2"),
])
def test_a_variant_is_its_family_row(text: str, weapon: str) -> None:
    """The family id, not a designation of its own ('weapon:leopard-2a8') nor the bare family ('weapon:leopard')."""
    assert _weapons(extract_text(text, META)) == {weapon}


@pytest.mark.parametrize(("text", "weapon"), [
    ("Germany will send 18 RCH 155 wheeled howitzers to Ukraine.", "weapon:rch-155"),
    ("Denmark will pay for 18 Bohdana howitzers for Ukraine.", "weapon:bohdana"),
    ("The Netherlands sent Panzerfaust-3 launchers to Ukraine.", "weapon:panzerfaust-3"),
    ("Bulgaria sent about one hundred BTR-60s to Ukraine.", "weapon:btr-60"),
    ("Iran sent Shahed-131 drones to Russia.", "weapon:shahed-131"),
    ("The UK gave Ukraine L119 guns.", "weapon:l119"),
    ("Lithuania sent its old M101 guns to Ukraine.", "weapon:m101"),
    ("Australia will send 90 Bushmaster vehicles to Ukraine.", "weapon:bushmaster"),
    ("Germany sent the Gravehawk to Ukraine.", "weapon:gravehawk"),
])
def test_a_system_of_the_war_aid_record_is_named(text: str, weapon: str) -> None:
    assert _weapons(extract_text(text, META)) == {weapon}


def test_a_named_system_keeps_its_transfer() -> None:
    """The transfer a missing name lost: 'RCH 155' was nothing, so the clause had no weapon."""
    x = extract_text("Germany will send 18 RCH 155 wheeled howitzers to Ukraine.", META)
    assert ("country:DEU", "country:UKR", "weapon:rch-155") in _transfers(x)


def test_a_model_suffix_is_another_system() -> None:
    """'Shahed-131' and 'Shahed-238' are drones of their own, not the listed Shahed-136."""
    x = extract_text("Iran sent Shahed-131 and Shahed-238 drones to Russia.", META)
    assert _weapons(x) == {"weapon:shahed-131", "weapon:shahed-238"}


@pytest.mark.parametrize(("text", "category"), [
    ("Turkey sent M26 rockets to Ukraine.", "category:cluster-munitions"),
    ("Russia scattered PFM-1 mines over the town.", "category:anti-personnel-mines"),
    ("The US sent Mk-20 Rockeye bombs to the Navy.", "category:cluster-munitions"),
])
def test_a_treaty_class_munition_carries_its_category(text: str, category: str) -> None:
    """The category drives the treaty queries (cluster munitions, anti-personnel mines)."""
    x = extract_text(text, META)
    assert {e.category for e in x.entities if e.type == "WeaponSystem" and e.mentions} == {category}


@pytest.mark.parametrize("text", [
    "The President signed NSM-20 on military aid.",
    "The police K-9 unit searched the building.",
    "Officials met in Milan to discuss the aid.",
    "Jeffrey Archer wrote a novel about the war.",
    "A Bv206 carried the team over the snow.",
])
def test_a_designation_shape_that_names_no_weapon(text: str) -> None:
    """A memorandum, a dog unit, a city, a surname, an unarmoured carrier the rows leave out."""
    assert _weapons(extract_text(text, META)) == set()


def test_the_trackers_names_are_read(shared_data: Path) -> None:
    """Every system the two war-aid trackers name is read as a weapon in a plain sentence, but the few left out on
    purpose: 'Raven' and 'Wolfram' alone are words, Kiel's generic '105mm howitzer' and free-text rows."""
    names = {row[3] for row in json.loads((shared_data / "ukraine/protect_ukraine_now/commits.json").read_text())}
    with (shared_data / "ukraine/kiel_support_tracker/weapons.csv").open(encoding="utf-8") as f:
        names |= {w.rsplit(" (", 1)[0] for row in csv.DictReader(f) for w in row["weapons_list"].split("; ")}
    unread = {n for n in names if not _weapons(extract_text(f"Germany will send {n} to Ukraine.", META))}
    assert unread == {"Raven", "Wolfram", "105mm howitzer", "AiTO30 FDC", "M50 105mm howitzer"}


def test_new_rows_meet_the_sipri_loaders_ids(shared_data: Path) -> None:
    """A row named with SIPRI's spelling has the id the SIPRI loader gives the same designation, so a text transfer
    and a SIPRI deal of the system are one WeaponSystem node."""
    sipri: set[str] = set()
    for path in sorted((shared_data / "sipri").glob("*.excerpt.csv")):
        for batch in SipriLoader().read(path):
            sipri |= {r.node.id for r in batch.nodes if isinstance(r.node, WeaponSystem)}
    rows = {w.id for w in load().weapons.values()}
    meet = {"weapon:rch-155", "weapon:bushmaster", "weapon:mt-lb", "weapon:bvs-10", "weapon:fv-432",
            "weapon:zsu-23-4-shilka", "weapon:igla", "weapon:piorun", "weapon:s-200", "weapon:asraam",
            "weapon:paveway", "weapon:warmate", "weapon:luna-ng", "weapon:ground-master-200", "weapon:aasm-hammer",
            "weapon:dm-702-smart-155", "weapon:xa-180", "weapon:rg-31-nyala", "weapon:dita"}
    assert meet <= rows
    assert meet <= sipri

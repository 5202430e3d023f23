"""Weapon families on the real designations: the four SIPRI excerpts, the text gazetteer and the PUN tracker.

Each family's members are computed from the real files; a hand-checked expectation for some families, and
"no false members" for all of them (a family's members must carry one of its hand-checked marks)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from armsgraph.loaders.reference.categories import classify
from armsgraph.loaders.reference.families import family_matches, family_of, tokens, weapon_families
from armsgraph.loaders.sipri.loader import parse_export, read_export_text
from armsgraph.loaders.text.gazetteer import load as gazetteer

Designations = set[tuple[str, str | None]]


@pytest.fixture(scope="module")
def designations(shared_data: Path) -> Designations:
    """(designation, description) as the loaders see them: SIPRI's ' -' family marker dropped."""
    found: Designations = set()
    for path in sorted((shared_data / "sipri").glob("*.csv")):
        for deal in parse_export(read_export_text(path)).deals:
            found.add((deal.designation.removesuffix(" -").strip(), deal.description))
    for entry in gazetteer().weapons.values():
        found |= {(entry.designation, None), *((v, None) for v in entry.variants)}
    rows = json.loads((shared_data / "ukraine" / "protect_ukraine_now" / "commits.json").read_text("utf-8"))
    found |= {(row[3], None) for row in rows}
    return found


@pytest.fixture(scope="module")
def members(designations: Designations) -> dict[str, set[str]]:
    by_family: dict[str, set[str]] = defaultdict(set)
    for designation, description in designations:
        found = family_of(designation, description)
        if found is not None:
            by_family[found.family.key].add(designation)
    return by_family


# Hand-checked: exactly these designations of the real files are in the family.
EXPECTED = {
    "patriot": {"MIM-104 PAC-2", "MIM-104 PAC-3", "MIM-104 PAC-3 MSE", "MIM-104 Patriot", "MPQ-53", "PAC-3",
                "PATRIOT", "Patriot", "Patriot Configuration-3", "Patriot PAC-2", "Patriot PAC-3", "Patriot SAMS",
                "Patriot-3 SAMS", "PAC-2", "PAC-2 GEM-T", "PAC-3 MSE", "Patriot PAC-3 MSE"},
    "iris-t": {"IRIS-T", "IRIS-T SL", "IRIS-T SLM", "IRIS-T SLS", "IRIS-T SLX"},
    "leopard-1": {"Leopard 1", "Leopard 1A5", "Leopard-1", "Leopard-1A1", "Leopard-1A3", "Leopard-1A5",
                  "Leopard 1 A5", "Leopard 1A1", "Leopard 1A5BE", "Leopard 1A5DK"},
    "atacms": {"ATACMS", "ATACMS Block-1", "ATACMS Block-1A", "ATACMS-1", "ATACMS-1A",
               "ATACMS Block 1A", "ATACMS Block I", "MGM-140 ATACMS"},
    "storm-shadow": {"SCALP", "SCALP-EG", "Storm Shadow", "Storm Shadow/SCALP-EG", "Storm Shadow/SCALP", "SCALP EG"},
    "m777": {"M777", "M777 155mm", "M777 155mm howitzer", "M777 howitzer", "M777A2", "UFH 155mm",
             "UFH/M-777 155mm", "M-777", "M777A1"},
    "excalibur": {"Excalibur", "M-982 Excalibur", "M982 Excalibur", "M982"},
    "hawk": {"HAWK", "Hawk air defense system", "Hawk missile system", "I-HAWK", "I-HAWK SAMS", "MIM-23 HAWK",
             "MIM-23 Hawk", "MIM-23B", "MIM-23B HAWK", "MIM-23B Hawk"},
}
# Every member of a family must carry one of these marks (tokens, case and hyphens folded).
MARKS = {
    "patriot": ["patriot", "mim 104", "pac", "mpq 53"], "iris-t": ["iris t"],
    "leopard-2": ["leopard 2", "strv", "stridsvagn"],
    "leopard-1": ["leopard 1"], "himars": ["himars", "m 142"], "m270": ["m 270", "mlrs", "mars"],
    "nasams": ["nasams"], "stinger": ["stinger", "fim 92"], "javelin": ["javelin", "fgm 148"],
    "excalibur": ["excalibur", "m 982"], "bradley": ["bradley"], "abrams": ["abrams", "m 1 a 1", "m 1 a 2"],
    "storm-shadow": ["storm shadow", "scalp"], "atacms": ["atacms"], "m777": ["m 777", "ufh"],
    "caesar": ["caesar"], "pzh-2000": ["pzh 2000", "panzerhaubitze 2000"], "gepard": ["gepard"],
    "f-16": ["f 16"], "hawk": ["hawk", "mim 23"], "m109": ["m 109", "paladin"], "t-72": ["t 72"],
}


def _has_mark(designation: str, marks: list[str]) -> bool:
    text = " ".join(tokens(designation))
    return any(f" {m} " in f" {text} " or text.startswith(m) for m in marks)


def test_table_is_well_formed() -> None:
    families = weapon_families()
    assert len(families) >= 40
    assert all(f.source for f in families)
    assert {"patriot", "iris-t", "leopard-2", "leopard-1", "himars", "m270", "nasams", "stinger", "javelin",
            "excalibur", "bradley", "abrams", "storm-shadow", "atacms", "m777", "caesar", "pzh-2000", "gepard",
            "f-16"} <= {f.key for f in families}


@pytest.mark.parametrize("family", sorted(EXPECTED))
def test_hand_checked_members(members: dict[str, set[str]], family: str) -> None:
    assert members[family] == EXPECTED[family]


def test_every_family_has_real_members(members: dict[str, set[str]]) -> None:
    assert {f.key for f in weapon_families()} - set(members) == set()


@pytest.mark.parametrize("family", sorted(MARKS))
def test_no_false_members(members: dict[str, set[str]], family: str) -> None:
    assert members[family], family
    assert {d for d in members[family] if not _has_mark(d, MARKS[family])} == set()


def test_no_designation_is_in_two_families(designations: Designations) -> None:
    ambiguous = {d: [m.family.key for m in family_matches(d, x)] for d, x in designations
                 if len(family_matches(d, x)) > 1}
    assert ambiguous == {}


def test_leopards_and_lookalikes(members: dict[str, set[str]]) -> None:
    assert {"Leopard-2A4", "Leopard-2A5", "Leopard-2A6", "Leopard-2A7", "Stridsvagn 122"} <= members["leopard-2"]
    assert not members["leopard-1"] & members["leopard-2"]
    # SIPRI's 'Leopard' frigate, the BAE Hawk trainer, the 'Storm' APC, Leopard-1-chassis vehicles: no family
    for designation, description in [("Leopard", "frigate"), ("Hawk-100", "trainer/combat aircraft"),
                                     ("Storm", "APC"), ("BPz-2", "armoured recovery vehicle"),
                                     ("Challenger ARV", "armoured recovery vehicle"), ("M-113", None)]:
        found = family_of(designation, description)
        assert found is None or found.family.key not in ("leopard-2", "leopard-1", "hawk", "storm-shadow",
                                                          "challenger-2", "abrams"), designation


@pytest.mark.parametrize(
    ("designation", "description", "family", "role"),
    [
        ("MIM-104 PAC-3 MSE", "ABM missile", "patriot", "member"),
        ("AN/MPQ-65", "SAM system radar", "patriot", "component"),
        ("MPQ-53", "SAM system radar", "patriot", "component"),
        ("IRIS-T SLX", None, "iris-t", "member"),
        ("Strv-122", "tank", "leopard-2", "member"),
        ("leopard  2 a6", None, "leopard-2", "member"),
        ("M1A2 SEPv3", None, "abrams", "member"),
        ("M-2A2 ODS", None, "bradley", "member"),
        ("M142", None, "himars", "member"),
        ("FIM-92 Stinger", None, "stinger", "member"),
        ("MGM-140B", None, "atacms", "member"),
    ],
)
def test_family_of(designation: str, description: str | None, family: str, role: str) -> None:
    found = family_of(designation, description)
    assert found is not None and (found.family.key, found.role) == (family, role)
    assert found.rule.startswith("weapon_families.csv: ")


@pytest.mark.parametrize(
    ("designation", "description"),
    [("Gepard", "frigate"), ("Javelin", "portable SAM"), ("Archer", "tank destroyer"), ("Hawk", "trainer aircraft"),
     ("SCALP Naval", "land-attack missile"), ("M-2A2 105mm", "towed gun"), ("M-113", "APC"), ("F-160", None),
     ("M-1150 ABV", None), ("T-72M1", None), ("", None), ("--", None)],
)
def test_lookalikes_stay_out(designation: str, description: str | None) -> None:
    found = family_of(designation, description)
    wrong = {"gepard", "javelin", "archer", "hawk", "storm-shadow", "bradley", "f-16", "abrams"}
    assert found is None or found.family.key not in wrong


@pytest.mark.parametrize("designation", ["DPICM", "M864", "M-864", "M483A1", "ATACMS Block-1", "ATACMS Block-1A",
                                         "ATACMS-1", "ATACMS-1A", "155mm cluster munition projectiles"])
def test_cluster_munition_variants(designation: str) -> None:
    assert "cluster-munitions" in [c for c, _ in classify(designation)]


def test_unitary_atacms_and_gmlrs_are_not_cluster_munitions() -> None:
    assert classify("ATACMS") == [] and classify("GMLRS") == [] and classify("ATACMS Block-1AU") == []


def _every_family(designation: str, description: str | None) -> list[tuple[str, str, str]]:
    """The matches of a scan over the whole table (what ``family_matches`` did before its first-token index)."""
    whole = tokens(designation)
    parts = (whole, *(tokens(p) for p in designation.split("/") if "/" in designation))
    described = tokens(description or "")
    return [(f.key, *hit) for f in weapon_families() if (hit := f.match(whole, parts, described)) is not None]


def test_the_first_token_index_asks_every_family_that_can_match(designations: Designations) -> None:
    """Every real designation (and each family's own patterns written out, with a prefix, a suffix, '/' parts and
    a lookalike's excluding description): the indexed matches are the whole table's, in table order."""
    written = {" ".join(p) for f in weapon_families()
               for p in (*f.designations, *f.prefixes, *f.tokens, *f.components, *f.excludes)}
    cases = set(designations)
    for text in written:
        cases |= {(text, None), (f"{text}-2A4", None), (f"X {text}", "air defence"), (f"Foo/{text} 3", None),
                  (text.upper(), text)}
    matched = 0
    for designation, description in sorted(cases, key=str):
        got = [(m.family.key, m.role, m.rule.split(": ", 1)[1].split(" ", 1)[1])
               for m in family_matches(designation, description)]
        assert got == _every_family(designation, description), designation
        matched += bool(got)
    assert matched > 200

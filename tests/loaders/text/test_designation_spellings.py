"""weapons.csv's spellings are indexed once per gazetteer (``Gazetteer.weapon_spellings``, ``calibre_spellings``), not
scanned per look-up: the index must answer as the scan in row order did, for every spelling of every row and for ones
no row has."""

from __future__ import annotations

import re

import pytest

from armsgraph.loaders.text.designations import _lookup, calibres
from armsgraph.loaders.text.gazetteer import Gazetteer, WeaponEntry, load, spelling_key


def _scan(g: Gazetteer, text: str, noun: str) -> str | None:
    """The look-up as it was before the index: the first row, in weapons.csv order, that spells a wanted form."""
    singular = noun[:-1] if noun.endswith("s") else noun
    wanted = {spelling_key(text), spelling_key(f"{text} {singular}"), spelling_key(f"{text} {noun}")}
    for entry in g.weapons.values():
        if entry.kind == "category":
            continue
        bare = re.sub(r"\s*\d+\s*mm$", "", entry.designation)
        if any(spelling_key(v) in wanted for v in (entry.designation, bare, *entry.variants)):
            return entry.id
    return None


def _spelled() -> list[str]:
    g = load()
    return sorted({v for e in g.weapons.values() if e.kind != "category" for v in (e.designation, *e.variants)})


@pytest.mark.parametrize("noun", ["", "tanks", "howitzer", "systems"])
def test_the_index_answers_as_the_row_scan_for_every_spelling(noun: str) -> None:
    g = load()
    spellings = _spelled()
    assert len(spellings) > 500  # the table, not an empty gazetteer
    differ = [s for s in spellings if _lookup(g, s, noun) != _scan(g, s, noun)]
    assert differ == []


@pytest.mark.parametrize("text", ["M-113", "Iris-T", "ARCHER", "Archer 155mm", "Zzyzx-9",
                                  "'; MATCH (n) DETACH DELETE n //", "<script>alert(1)</script>", ""])
def test_written_forms_and_unknown_or_hostile_ones(text: str) -> None:
    g = load()
    for noun in ("", "howitzers", "vehicles"):
        assert _lookup(g, text, noun) == _scan(g, text, noun)


def test_the_index_is_built_once_per_gazetteer_and_never_shared_with_another() -> None:
    g = load()
    assert g.weapon_spellings is g.weapon_spellings and g.calibre_spellings is g.calibre_spellings
    other = Gazetteer()  # an empty gazetteer: its own, empty index, not the loaded one's
    assert other.weapon_spellings == {} and other.calibre_spellings == {}
    assert _lookup(other, "HIMARS", "") is None and _lookup(g, "HIMARS", "") is not None


def test_calibres_read_the_rows_of_the_index() -> None:
    """A calibre phrase is the row the index names for its spelling, and ``weapon:<slug>`` when none spells it: a
    made-up row spelling '105mm artillery ammunition' is found only because the gazetteer's index holds it."""
    words = ["the", "155", "mm", "and", "105", "mm", "artillery", "ammunition", "and", "120mm", "tank", "ammunition"]
    found = calibres(words, set(), load())
    assert [(d.start, d.end, d.designation) for d in found] == [
        (1, 3, "155mm artillery ammunition"), (4, 6, "105mm artillery ammunition"), (9, 12, "120mm tank ammunition")]
    g = Gazetteer()
    g.weapons = {"x": WeaponEntry("L-105 rounds", "munition", "ammunition", False, ("105 mm artillery ammunition",))}
    made = calibres(words, set(), g)
    assert made[1].weapon_id == g.weapons["x"].id and made[0].weapon_id == "weapon:155mm-artillery-ammunition"


def test_two_rows_that_spell_a_form_alike_give_the_first_row_as_the_scan_did() -> None:
    """The shipped table has few shared spellings, so the order rule is checked on a table made for it: 'Krab' is the
    first row's variant and the second row's designation; 'Krab howitzer' is only the second row's."""
    g = Gazetteer()
    first = WeaponEntry("AHS Krab", "system", "artillery", False, ("Krab",))
    second = WeaponEntry("Krab", "system", "artillery", False, ("Krab howitzer",))
    g.weapons = {"a": first, "b": second}
    assert _lookup(g, "Krab", "") == _scan(g, "Krab", "") == first.id
    assert _lookup(g, "Krab", "howitzers") == _scan(g, "Krab", "howitzers") == first.id  # the earliest row wins
    g = Gazetteer()  # a gazetteer is not changed once built: another order is another gazetteer
    g.weapons = {"b": second, "a": first}
    assert _lookup(g, "Krab", "howitzers") == _scan(g, "Krab", "howitzers") == second.id

"""Invented must-not-see probes of session 27 (text-extraction-history.md, "Session 27: 155 mm ammunition the
extractor does not see"): the calibre of a gun is no ammunition (the guide's *Weapons* decision; the writers' gold is
split on rounds listed beside such a gun, so no rule reads the gun's calibre onto them), rounds with no calibre name
none, and a bare number before 'rounds' or 'artillery' is no calibre (the rule that read '155 artillery rounds' as
155 mm ammunition was measured and dropped: two writers, the check splits unchanged). No sentence is copied from a
gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.designations import calibres
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.gazetteer import load

AMMO_155 = "weapon:155mm-artillery-ammunition"
AMMO_105 = "weapon:105mm-artillery-ammunition"


def _ammunition(text: str) -> set[str]:
    """The calibre ammunition ids the extractor names in ``text`` (a US statement)."""
    x = extract_text(text, dict(META["statement"]))
    return {e.id for e in x.entities if e.id.startswith("weapon:") and "mm-" in e.id}


def _calibres(text: str) -> list[tuple[str, str]]:
    return [(d.designation, d.weapon_id) for d in calibres(text.split(), set(), load())]


def test_the_calibres_with_their_unit_are_read() -> None:
    assert _calibres("It includes 155mm and 105mm artillery ammunition .") == [
        ("155mm artillery ammunition", AMMO_155), ("105mm artillery ammunition", AMMO_105)]


# -- does not see ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "155 and 105 rounds , and more armored carriers .",      # no unit: the writers leave it unannotated
    "The army has 155 artillery pieces in the north .",       # a count of guns
    "The battery fired 37 artillery rounds at dawn .",
    "It sends 155 artillery systems and their crews .",
])
def test_a_bare_number_is_no_calibre(text: str) -> None:
    assert _calibres(text) == []


def test_a_gun_s_calibre_alone_is_no_ammunition() -> None:
    assert _ammunition("The United States will send eighteen 155mm howitzers to Ukraine.") == set()


def test_rounds_beside_a_gun_with_no_calibre_name_no_calibre() -> None:
    assert _ammunition("The United States will send a howitzer and 1,000 rounds to Ukraine.") == set()


def test_the_rounds_keep_their_own_calibre_not_the_gun_s() -> None:
    assert _ammunition("The United States will send 155mm howitzers and 105mm rounds to Ukraine.") == {AMMO_105}

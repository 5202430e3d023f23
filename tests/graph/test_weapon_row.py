"""``weapon_row`` makes a plain row without pydantic only when validation would keep every value as given: on
good and hostile values it gives exactly what ``WeaponTotals(**fields)`` gives, or fails as it fails."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from armsgraph.graph.aggregates import Entries, _kept_as_given, weapon_row
from armsgraph.schema import WeaponTotals

GOOD: Entries = {("country:USA", 2001): (2, 3.5), ("country:FRA", 1999): (1, 0.0), ("country:USA", 2000): (1, 1e-9)}


def by_model(recipient: Any, weapon: Any, entries: Entries) -> dict[str, Any]:
    """The row as the model made it before (validation, then ``properties``)."""
    keys = sorted(entries)
    totals = WeaponTotals(key=f"{recipient}|{weapon}", recipient=recipient, weapon=weapon,
                          suppliers=[k[0] for k in keys], years=[k[1] for k in keys],
                          deals=[entries[k][0] for k in keys], tiv=[entries[k][1] for k in keys])
    return {"id": totals.id, "props": totals.properties()}


def same(recipient: Any, weapon: Any, entries: Entries) -> dict[str, Any] | type[ValidationError]:
    """The row, or ValidationError, from each way; asserted equal (in key order too)."""
    try:
        expected: dict[str, Any] | type[ValidationError] = by_model(recipient, weapon, entries)
    except ValidationError:
        expected = ValidationError
    if expected is ValidationError:
        with pytest.raises(ValidationError):
            weapon_row(recipient, weapon, entries)
        return expected
    got = weapon_row(recipient, weapon, entries)
    assert got == expected
    assert isinstance(expected, dict) and list(got["props"]) == list(expected["props"])
    return got


def test_plain_values_take_the_direct_way_and_give_the_model_s_row() -> None:
    keys = sorted(GOOD)
    assert _kept_as_given({"key": "country:IND|weapon:x", "recipient": "country:IND", "weapon": "weapon:x",
                           "suppliers": [k[0] for k in keys], "years": [k[1] for k in keys],
                           "deals": [GOOD[k][0] for k in keys], "tiv": [GOOD[k][1] for k in keys]})
    row = same("country:IND", "weapon:x", GOOD)
    assert isinstance(row, dict) and row["id"] == "weapontotals:country:IND|weapon:x"
    assert row["props"]["suppliers"] == ["country:FRA", "country:USA", "country:USA"]


LONG = "country:" + "x" * 5000


@pytest.mark.parametrize(("recipient", "weapon", "entries"), [
    ("country:IND", "weapon:x", {("country:USA", 2001): (1, float("nan"))}),
    ("country:IND", "weapon:x", {("country:USA", 2001): (1, float("inf"))}),
    ("country:IND", "weapon:x", {("country:USA", 2001): (2**63, 1.0)}),
    ("country:IND", "weapon:x", {("country:USA", -(2**63) - 1): (1, 1.0)}),
    ("country:IND", "weapon:x", {("country:U\x00SA", 2001): (1, 1.0)}),
    ("country:IND", "weapon:x", {("country:USA\ud800", 2001): (1, 1.0)}),
    ("country:IND", "weapon:x", {("country:Ünï 𝔸", 2001): (1, 1.0)}),
    ("country:IND", "weapon:x", {(" country:USA ", 2001): (1, 1.0)}),
    ("country:IND", "weapon:x", {("country:USA\x1f", 2001): (1, 1.0)}),
    ("country:IND", "weapon:x", {("", 2001): (1, 1.0)}),
    ("", "weapon:x", GOOD),
    ("country:IND", "", GOOD),
    (" country:IND", "weapon:x\t", GOOD),
    ("country:IND", "weapon:x", {}),
    ("country:IND", "weapon:x", {("country:USA", True): (1, 1.0)}),  # type: ignore[dict-item]
    ("country:IND", "weapon:x", {("country:USA", 2001): (1, 2)}),  # an int TIV: the model makes it a float
    ("country:IND", "weapon:x", {("country:USA", 2001): (1.0, 2.0)}),  # type: ignore[dict-item]
    (LONG, "weapon:x", GOOD),  # a key over the id bound: the id bounded as validation bounds it
    ("country:IND", "weapon:x", {(f"country:{i}", 1990 + i % 30): (i, i / 7) for i in range(500)}),
])
def test_hostile_values_give_what_the_model_gives(recipient: Any, weapon: Any, entries: Entries) -> None:
    same(recipient, weapon, entries)


def test_some_hostile_values_still_fail_and_some_go_through_the_model() -> None:
    assert same("country:IND", "weapon:x", {("country:USA", 2001): (1, float("nan"))}) is ValidationError
    assert same("", "weapon:x", GOOD) is ValidationError
    row = same("country:IND", "weapon:x", {("country:USA", 2001): (1, 2)})
    assert isinstance(row, dict) and type(row["props"]["tiv"][0]) is float
    row = same(" country:IND", "weapon:x\t", GOOD)
    assert isinstance(row, dict) and row["props"]["recipient"] == "country:IND"

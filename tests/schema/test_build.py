"""``schema.build`` gives what the model's own validation gives: the same model (values, their order, the fields
set) for good values, the same ValidationError for bad ones, whatever the field's type."""

from __future__ import annotations

import hashlib
import math
import re
from typing import Any

import pytest
from pydantic import ValidationError

from armsgraph.schema import Country, Document, Provenance, Report, Treaty, WeaponSystem
from armsgraph.schema.batch import NodeRecord
from armsgraph.schema.build import _memo, _plan, build, pair, replace
from armsgraph.schema.entities import WeaponTotals
from armsgraph.schema.ids import digest
from armsgraph.schema.model import Node, check_stored_values, date_problem
from armsgraph.schema.values import Stage, value_problem

GOOD: dict[str, Any] = {
    "key": "sipri-classic:abc@2026-01-01T12:00:00", "source": "sipri-classic", "supplier": "country:USA",
    "recipient": "country:UKR", "weapon": "weapon:m142-himars", "family": None, "designation": "M142 HIMARS",
    "covers": "all", "stage": "delivered", "date": "2022", "order_year": 2022, "order_year_estimate": False,
    "number_ordered": 20, "number_ordered_estimate": True, "number_delivered": 20,
    "number_delivered_estimate": None, "delivery_years": [2022, 2023], "delivered_per_year": [12, 8],
    "tiv_delivered_per_year": [60.0, 40.0], "status": "New", "comments": "Ukrainian: Хаймарс", "tiv_unit": 5.0,
    "tiv_order": 100.0, "tiv_delivered": 100.0, "sipri_id": None, "local_production": None,
    "vintage": "2026-01-01T12:00:00",
}

BAD_OR_ODD: list[tuple[str, Any]] = [
    ("comments", "a NUL \x00 inside"), ("comments", "a lone surrogate \ud800"), ("designation", "  padded  "),
    ("designation", "\u3000ideographic space"), ("comments", ""), ("key", ""), ("key", "   "),
    ("supplier", ""), ("order_year", 2**63), ("order_year", -(2**63) - 1), ("order_year", True),
    ("order_year", 2022.0), ("order_year", "2022"), ("tiv_unit", math.nan), ("tiv_unit", math.inf),
    ("tiv_unit", 5), ("tiv_unit", "5.0"), ("number_ordered_estimate", 1), ("number_ordered_estimate", "yes"),
    ("delivery_years", [2022, 2**64]), ("delivery_years", [2022, "2023"]), ("delivery_years", (2022,)),
    ("delivery_years", [True]), ("tiv_delivered_per_year", [1.0, math.nan]), ("tiv_delivered_per_year", [1e308, 1e308]),
    ("tiv_delivered_per_year", [1, 2.0]), ("date", "2022-02-30"), ("date", "9999"), ("date", "2022\n"),
    ("date", "٢٠٢٢"), ("date", 2022), ("date", " 2022 "), ("stage", "shipped"), ("stage", Stage.ORDERED),
    ("stage", "Delivered"), ("stage", ["delivered"]), ("source", "sipri"), ("source", " sipri-classic "),
    ("vintage", None), ("supplier", None), ("status", "x" * 100_000), ("status", 5), ("nonsense", 1),
    # lists whose item types are checked at once (set(map(type, ...))): mixed, bool among ints, empty, overflow
    ("delivery_years", []), ("delivered_per_year", [1, True]), ("delivered_per_year", [True, 1]),
    ("delivered_per_year", [-(2**63) - 1, 1]), ("tiv_delivered_per_year", [1.0, 1]),
    ("tiv_delivered_per_year", [-math.inf]), ("tiv_delivered_per_year", [1.0, -1.0]),
]


def outcome(cls: type[Node], values: dict[str, Any], made: dict[str, Any] | None = None) -> Any:
    """What building gives: (its values in order, its fields set) or the error's (location, type, message)."""
    def model(make: Any) -> Any:
        try:
            m = make()
        except ValidationError as exc:
            return [(e["loc"], e["type"], e["msg"]) for e in exc.errors()]
        return list(m.__dict__.items()), sorted(m.model_fields_set), type(m)
    full = model(lambda: cls(**values, **(made or {})))
    fast = model(lambda: build(cls, values, made))
    assert fast == full
    return full


def test_a_good_report_is_the_validated_one() -> None:
    values, fields_set, _ = outcome(Report, GOOD)
    assert dict(values)["block"] == "country:USA|country:UKR"
    assert dict(values)["id"] == "report:sipri-classic:abc@2026-01-01T12:00:00"
    assert "block" in fields_set and "id" in fields_set


@pytest.mark.parametrize(("name", "value"), BAD_OR_ODD)
def test_an_odd_or_bad_value_gives_what_the_model_gives(name: str, value: Any) -> None:
    outcome(Report, {**GOOD, name: value})


def test_the_odd_values_take_both_ways() -> None:
    """Not vacuous: many of the values above are refused (each with the model's own error) and many are taken
    after the model changes them (stripped, coerced): both go through the model's own validation."""
    refused = sum(isinstance(outcome(Report, {**GOOD, name: value}), list) for name, value in BAD_OR_ODD)
    assert refused >= 20 and len(BAD_OR_ODD) - refused >= 15


def test_values_made_from_validated_parts_are_taken_and_the_rest_checked() -> None:
    made = {k: GOOD[k] for k in ("key", "source", "supplier", "recipient", "stage", "date", "covers", "vintage")}
    rest = {k: v for k, v in GOOD.items() if k not in made}
    assert outcome(Report, rest, made) == outcome(Report, GOOD)
    with pytest.raises(ValidationError, match="NUL"):
        build(Report, {**rest, "comments": "x\x00"}, made)


def test_the_same_value_twice_is_remembered_once() -> None:
    """A constrained field's value is validated once, then read back (as the model would give it)."""
    first = build(Report, {**GOOD, "date": "1999-12"})
    again = build(Report, {**GOOD, "date": "1999-12", "key": "other"})
    assert first.date == again.date == "1999-12"
    assert build(Report, {**GOOD, "stage": Stage.PLEDGED}).stage == "pledged"
    with pytest.raises(ValidationError):
        build(Report, {**GOOD, "date": "1999-13"})
    with pytest.raises(ValidationError):  # refused again, not remembered
        build(Report, {**GOOD, "date": "1999-13"})
    memo = _memo(Report, "date")
    assert memo[(str, "1999-12")] == "1999-12" and (str, "1999-13") not in memo


@pytest.mark.parametrize(("cls", "values"), [
    (WeaponSystem, {"designation": " Patriot ", "aliases": ["PAC-2"]}),
    (WeaponSystem, {"designation": "Patriot", "aliases": [" PAC-2 "]}),
    (WeaponSystem, {"designation": "Patriot", "key": "Not A Key"}),
    (WeaponSystem, {"designation": "Patriot", "id": "weapon:other"}),
    (WeaponSystem, {"designation": "Patriot", "id": "weapon:patriot"}),
    (Country, {"name": "Ukraine", "iso3": "UKR"}),
    (Country, {"name": "Ukraine", "iso3": "ukr"}),
    (Treaty, {"key": "ccm", "name": "Convention on Cluster Munitions", "adopted": "2008-05-30"}),
    (Treaty, {"key": "ccm", "name": "CCM", "prohibits": ["cluster-munitions", "x\x00"]}),
    (Document, {"sha256": "A" * 64, "kind": "article"}),
    (Treaty, {"key": "ccm", "name": "CCM", "prohibits": ["cluster-munitions", "mines"]}),
    (Treaty, {"key": "ccm", "name": "CCM", "prohibits": ["é", "\ud800"]}),
    (Treaty, {"key": "ccm", "name": "CCM", "prohibits": ["a", 1]}),
    (WeaponTotals, {"key": "r|w", "recipient": "r", "weapon": "w", "suppliers": ["s", "t"], "years": [2020, 2021],
                    "deals": [1, 2], "tiv": [1.5, 0.0]}),
    (WeaponTotals, {"key": "r|w", "recipient": "r", "weapon": "w", "suppliers": ["s"], "years": [2**63],
                    "deals": [1], "tiv": [math.nan]}),
])
def test_other_classes_give_what_the_model_gives(cls: type[Node], values: dict[str, Any]) -> None:
    outcome(cls, values)


def test_classes_with_field_validators_are_left_to_the_model() -> None:
    assert _plan(Document) is None  # its sha256 is lower-cased by a field validator
    assert _plan(Report) is not None and _plan(WeaponSystem) is not None


def test_replace_and_pair_are_model_copy_and_model_construct() -> None:
    base = Provenance(document_id="doc:abc", loader="sipri", loader_version="1", rule="classic")
    for made in ({"line": 5, "line_end": 6}, {"line": 7}):
        copied, replaced = base.model_copy(update=made), replace(base, made)
        assert list(replaced.__dict__.items()) == list(copied.__dict__.items())
        assert replaced.model_fields_set == copied.model_fields_set and hash(replaced) == hash(copied)
        assert base.line is None  # the base is left as it was
    node = build(Report, GOOD)
    paired, constructed = pair(NodeRecord, node=node, provenance=base), NodeRecord.model_construct(
        node=node, provenance=base)
    assert paired == constructed and paired.model_fields_set == constructed.model_fields_set
    assert paired.model_dump() == constructed.model_dump()


def test_digest_is_the_hash_of_each_part_and_a_separator() -> None:
    """One update over the joined parts: the same digest as the update per part it replaced (ids are kept)."""
    h = hashlib.sha256()
    for part in ("country:USA", None, 2022, "Ракета", ""):
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    assert digest("country:USA", None, 2022, "Ракета", "") == h.hexdigest()[:16]


class _Text(str):
    """A str subclass: never taken by the inline checks (``type(value) is str``), so checked the long way."""


STORED: list[tuple[str, Any]] = [
    ("comments", "plain ASCII"), ("comments", "é"), ("comments", "a NUL \x00"), ("comments", "\ud800"),
    ("comments", _Text("x\x00")), ("comments", _Text("fine")), ("order_year", 2**63 - 1), ("order_year", 2**63),
    ("order_year", -(2**63)), ("order_year", -(2**63) - 1), ("order_year_estimate", True), ("tiv_unit", 0.0),
    ("tiv_unit", -0.0), ("tiv_unit", math.nan), ("tiv_unit", -math.inf), ("tiv_unit", 1e308),
    ("delivery_years", []), ("delivery_years", [2020, True]), ("delivery_years", [2**63]),
    ("tiv_delivered_per_year", [1e308, 1e308]), ("tiv_delivered_per_year", [1.0, math.nan]),
    ("tiv_delivered_per_year", [1, 2.0]), ("review_candidates", ["a", "\x00"]), ("review_candidates", ["é", "b"]),
    ("review_candidates", ["\ud800"]), ("date", "2022"), ("date", "2022-02-30"), ("date", "é"), ("date", "\x00"),
]


@pytest.mark.parametrize(("name", "value"), STORED)
def test_the_stored_value_check_refuses_what_value_problem_refuses(name: str, value: Any) -> None:
    """``check_stored_values`` decides the common kinds inline (ASCII text, 64-bit ints, finite floats, lists by
    their item types): it refuses exactly the values :func:`value_problem` (a date: :func:`date_problem`) refuses,
    with that reason, on the field."""
    model = Report.model_construct(**{**GOOD, name: value})
    problem = date_problem(value) if name == "date" and type(value) is str else value_problem(value)
    if problem is None:
        check_stored_values(model)
    else:
        with pytest.raises(ValidationError, match=re.escape(problem[:20])) as caught:
            check_stored_values(model)
        assert caught.value.errors()[0]["loc"] == (name,)


def test_the_stored_values_cases_go_both_ways() -> None:
    refused = sum((date_problem(v) if n == "date" and type(v) is str else value_problem(v)) is not None
                  for n, v in STORED)
    assert refused >= 10 and len(STORED) - refused >= 10

"""A SIPRI Report from its template (loaders/sipri/reports.py) is the one ``schema.build`` and the model give."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from armsgraph.loaders.sipri.loader import SipriLoader, classic_identity
from armsgraph.loaders.sipri.reports import CHECKED, ReportMaker
from armsgraph.schema import Report
from armsgraph.schema.batch import Batch
from armsgraph.schema.build import build
from armsgraph.schema.ids import digest

FILES = ("classic-trade-register-2025-03.excerpt.csv", "classic-trade-register-resaved.excerpt.csv",
         "transfers-2025-01.excerpt.csv", "transfers-2026-02.excerpt.csv")


def _state(batches: list[Batch]) -> list[Any]:
    """Every record's node and provenance as stored: values with their types, in order, and the fields set."""
    return [([(k, type(v), v) for k, v in r.node.__dict__.items()], sorted(r.node.model_fields_set),
             r.provenance.__dict__) for batch in batches for r in batch.nodes]


def _read(path: Path, template: bool, monkeypatch: pytest.MonkeyPatch) -> list[Batch]:
    with monkeypatch.context() as patch:
        if not template:  # every Report through schema.build, as before the template
            made = ReportMaker.__init__

            def without(self: ReportMaker, constants: dict[str, Any]) -> None:
                made(self, constants)
                self.template = None
            patch.setattr(ReportMaker, "__init__", without)
        return list(SipriLoader(batch_deals=700).read(path))


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory, register_generator: Callable[[Path, int], int]) -> Path:
    path = tmp_path_factory.mktemp("register") / "register.csv"
    register_generator(path, 3_000)
    return path


@pytest.mark.parametrize("name", [*FILES, "generated"])
def test_the_template_gives_schema_builds_reports(name: str, register: Path, shared_data: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The excerpts of both formats and a generated register: the same nodes, values, types, order, fields set and
    provenance with the template as through ``schema.build``."""
    path = register if name == "generated" else shared_data / "sipri" / name
    fast, built = _read(path, True, monkeypatch), _read(path, False, monkeypatch)
    assert sum(isinstance(r.node, Report) for batch in fast for r in batch.nodes) > 500
    assert _state(fast) == _state(built)
    assert [b.errors for b in fast] == [b.errors for b in built]


CONSTANTS = {"source": "sipri-classic", "covers": "1950-2024", "vintage": "2025-03-13T10:02:49",
             "delivered_per_year": None, "tiv_delivered_per_year": None}


def _made(**changes: Any) -> dict[str, Any]:
    made = {"key": "sipri-classic:0123456789abcdef@2025-03-13T10:02:49", "supplier": "country:USA",
            "recipient": "country:IND", "weapon": "weapon:t-72", "family": None, "stage": "delivered",
            "date": "1990", "order_year": 1990, "order_year_estimate": False, "number_ordered": 5,
            "number_ordered_estimate": False, "number_delivered_estimate": True, "delivery_years": [1991, 1992],
            "tiv_unit": 1.5, "tiv_order": 7.5, "tiv_delivered": 7.5, "sipri_id": None, "local_production": None,
            **CONSTANTS}
    made.update(changes)
    return made


def _outcome(make: Any) -> Any:
    try:
        model = make()
    except ValidationError as exc:
        return [(e["loc"], e["type"], e["msg"]) for e in exc.errors()]
    return [(k, type(v), v) for k, v in model.__dict__.items()], sorted(model.model_fields_set)


@pytest.mark.parametrize("checked", [
    ("T-72", "New", "a comment", 5), ("T-72", None, None, None), ("Ракета-2", "New", "ünïcödé", 0),
    ("T-72", "New", "NUL \x00 inside", 5), ("T-72", "New", "lone \ud800 surrogate", 5),
    (" T-72 ", "New", None, 5), ("T-72", " New", "padded ", 5), ("", None, None, 1), ("x" * 5000, None, None, 1),
    ("T-72", None, None, 2**63), ("T-72", None, None, 2**63 - 1), ("T-72", None, None, -(2**63) - 1),
    ("T-72", None, None, True), ("T-72", None, None, 5.0), ("T-72", None, None, "5"), (7, None, None, 1),
    ("T-72", b"New", None, 1),
])
def test_hostile_values_give_the_models_answer(checked: tuple[Any, ...]) -> None:
    """Each checked value, good or hostile: the model's own Report or the same ValidationError (so a bad record
    is reported with the same field and reason)."""
    maker = ReportMaker(CONSTANTS)
    assert maker.template is not None
    fast = _outcome(lambda: maker.make(checked, _made()))
    full = _outcome(lambda: Report(**dict(zip(CHECKED, checked, strict=True)), **_made()))
    assert fast == full


def test_a_long_key_is_bounded_as_the_model_bounds_it() -> None:
    maker = ReportMaker(CONSTANTS)
    made = _made(key="sipri:" + "9" * 3000 + "@2025")
    assert _outcome(lambda: maker.make(("T-72", None, None, 1), dict(made))) == _outcome(
        lambda: Report(designation="T-72", status=None, comments=None, number_delivered=1, **made))


def test_a_bad_record_is_reported_at_its_line_and_field(tmp_path: Path) -> None:
    """A deal whose delivered sum passes 64 bits (the one checked count a parser makes): refused with its file,
    line and field, the next deal loaded from the template."""
    header = ("SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
              "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
              "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production")
    big = str(2**63 - 1)

    def row(deal: str, year: str, delivered: str) -> str:
        return ",".join([deal, "France", "Chile", "Testjet -", "FGA aircraft", "Aircraft", "2019", "No", delivered,
                         "No", year, "No", "New", "1.5", "1.5", "3", "No"])
    lines = [header, row("9001", "2020", big), row("9001", "2021", big), row("9002", "2020", "3")]
    path = tmp_path / "sum.csv"
    path.write_text("\n".join(lines) + "\n")
    batches = list(SipriLoader().read(path))
    reports = [r.node for b in batches for r in b.nodes if isinstance(r.node, Report)]
    errors = [e for b in batches for e in b.errors if e.severity == "error"]
    assert [r.sipri_id for r in reports] == ["9002"]
    assert [(e.file, e.line, e.field) for e in errors] == [("sum.csv", 2, "number_delivered")]
    assert "64-bit" in errors[0].reason


@pytest.mark.parametrize("parts", [("country:USA", "country:IND", 1990, "weapon:t-72", 5),
                                   ("actor:x'y\"", "country:ÜZB", None, "weapon:\x1f", None),
                                   ("a", "b", 2100, "w", 2**63 - 1)])
def test_the_classic_identity_is_the_digest(parts: tuple[Any, ...]) -> None:
    """The identity is part of a classic Report's key, which is the graph's: the same hex as ``digest``."""
    assert classic_identity(*parts) == digest(*parts)


def test_constants_the_model_refuses_leave_each_report_to_schema_build() -> None:
    """No template from constants the model refuses (the loader never makes such: they are a validated Document's):
    each deal's Report is then ``schema.build``'s, as before the template."""
    maker = ReportMaker({**CONSTANTS, "source": "not a source"})
    assert maker.template is None
    made = _made(source="not a source")
    checked = ("T-72", None, None, 1)
    assert _outcome(lambda: maker.make(checked, dict(made))) == _outcome(
        lambda: build(Report, dict(zip(CHECKED, checked, strict=True)), dict(made)))

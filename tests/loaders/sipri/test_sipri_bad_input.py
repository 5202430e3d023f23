"""Bad SIPRI input, synthesised at test time (made-up deals, never SIPRI rows): every problem is reported as
file:line:column, the good records still load, nothing is duplicated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.loaders.sipri.loader import SipriLoader
from armsgraph.loaders.sipri.records import FieldError, parse_int, parse_year, parse_years
from armsgraph.loaders.sipri.reports import CHECKED, ReportMaker
from armsgraph.schema import Report, UnresolvedActor
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError

PREAMBLE = [
    "Transfers of major conventional arms (synthetic test file). Deals with deliveries made for the year range "
    "'2010' to '2024' ",
    "A '?' in a column indicates uncertain data.",
    "An empty field for 'Number ordered' indicates that data is not yet available.",
    "SIPRI trend-indicator values (TIVs) are in millions.",
    "(synthetic)",
    "(synthetic)",
    "(synthetic)",
    "(synthetic)",
    "",
    "Source: synthetic rows written by the armsgraph tests.",
    "Data generated: 1 Feb 2024 9:05:00 AM",
]
CLASSIC_HEADER = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
                  "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
                  "SIPRI TIV for total order,SIPRI TIV of delivered weapons")
TRANSFERS_HEADER = ("SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,"
                    "Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
                    "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,"
                    "TIV delivery values,Local production")
FIRST = len(PREAMBLE) + 2
"""Physical line of the first record."""


def classic_row(recipient: str = "Norway", supplier: str = "Germany", year: str = "2020",
                designation: str = "Testgun 155mm", description: str = "self-propelled gun", ordered: str = "10",
                delivered: str = "10", years: str = "2021; 2022", comments: str = "synthetic", unit: str = "1.5",
                total: str = "15", tiv: str = "15") -> str:
    return ",".join([recipient, supplier, year, "", ordered, "", designation, description, delivered, "", years,
                     "New", comments, unit, total, tiv])


def transfers_row(deal: str, year: str, delivered: str = "2", tiv: str = "3", supplier: str = "France",
                  recipient: str = "Chile", designation: str = "Testjet -", category: str = "Aircraft",
                  flag: str = "No") -> str:
    return ",".join([deal, supplier, recipient, designation, "FGA aircraft", category, "2019", "No", delivered, flag,
                     year, "No", "New", "1.5", "1.5", tiv, "No"])


def write(tmp_path: Path, name: str, lines: list[str], *, preamble: bool = True, encoding: str = "utf-8",
          newline: str = "\n", header: str = CLASSIC_HEADER) -> Path:
    path = tmp_path / name
    body = ([*PREAMBLE] if preamble else []) + [header, *lines]
    path.write_bytes(newline.join(body).encode(encoding) + newline.encode())
    return path


def read(path: Path) -> Batch:
    batches = list(SipriLoader().read(path))
    assert len(batches) == 1
    return batches[0]


def transfers(batch: Batch) -> list[Report]:
    return [r.node for r in batch.nodes if isinstance(r.node, Report)]


def only_error(batch: Batch) -> LoadError:
    errors = [e for e in batch.errors if "no SIPRI category" not in e.reason]
    assert len(errors) == 1, errors
    return errors[0]



# -- records ------------------------------------------------------------------------------------------
def test_truncated_last_line(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path, "cut.csv", [classic_row(), classic_row(year="2021"), "Norway,Germany,2022,,10,,Testg"])
    batch = read(path)
    assert len(transfers(batch)) == 2
    error = only_error(batch)
    assert (error.file, error.line, error.field) == ("cut.csv", FIRST + 2, "Weapon description")
    assert "7 of 16 fields" in error.reason
    assert str(error).startswith(f"cut.csv:{FIRST + 2}:Weapon description: ")
    assert error.severity == "error"  # a record that did not load fails the load (exit code 1) ...
    report = load_paths(store, [path])
    assert report.failed and report.documents[0].errors == 1
    assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == 2  # ... and the good records are in


def test_too_few_and_too_many_fields(tmp_path: Path) -> None:
    short = ",".join(classic_row(year="2011").split(",")[:12])
    long = classic_row(year="2012", comments="a,b")
    rows = [classic_row(), short, classic_row(year="2013"), long, classic_row(year="2014")]
    path = write(tmp_path, "fields.csv", rows)
    batch = read(path)
    assert sorted(t.order_year or 0 for t in transfers(batch)) == [2013, 2014, 2020]
    got = {(e.line, e.field) for e in batch.errors}
    assert got == {(FIRST + 1, "Comments"), (FIRST + 3, "column 17")}
    assert batch.records_read == 5


@pytest.mark.parametrize(("row", "field"), [
    (classic_row(tiv="n/a"), "SIPRI TIV of delivered weapons"),
    (classic_row(unit="1.5.1"), "SIPRI TIV per unit"),
    (classic_row(total="-3"), "SIPRI TIV for total order"),
    (classic_row(year="19??"), "Year of order"),
    (classic_row(years="2021; 20x2"), "Year(s) of delivery"),
    (classic_row(ordered="ten"), "Number ordered"),
    (classic_row(supplier=""), "Supplier"),
])
def test_unreadable_value_names_line_and_column(tmp_path: Path, row: str, field: str) -> None:
    path = write(tmp_path, "values.csv", [classic_row(year="2010"), row, classic_row(year="2012")])
    batch = read(path)
    assert sorted(t.order_year or 0 for t in transfers(batch)) == [2010, 2012]
    error = only_error(batch)
    assert (error.file, error.line, error.field, error.severity) == ("values.csv", FIRST + 1, field, "error")


def test_bad_estimate_flag(tmp_path: Path) -> None:
    row = classic_row().split(",")
    row[3] = "maybe"
    batch = read(write(tmp_path, "flag.csv", [",".join(row), classic_row(year="2001")]))
    error = only_error(batch)
    assert (error.line, error.field) == (FIRST, "Year of order estimate flag")
    assert len(transfers(batch)) == 1


def test_byte_identical_records_are_two_deals(tmp_path: Path, store: Store) -> None:
    path = write(tmp_path, "twice.csv", [classic_row(), classic_row(), classic_row(ordered="12")])
    batch = read(path)
    keys = sorted(t.key for t in transfers(batch))
    assert len(set(keys)) == 3
    assert sum(1 for k in keys if "-2@" in k) == 1  # the second of two equal records (then '@' its vintage)
    load_paths(store, [path])
    load_paths(store, [path], force=True)
    assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == 3


def test_split_record_and_junk_row_fold_back(tmp_path: Path) -> None:
    head = ",".join(classic_row(comments="first half").split(",")[:13])
    lf = write(tmp_path, "split.csv", [classic_row(year="2001"), head + "\r", ",1.5,15,15", classic_row(year="2003")],
               encoding="cp1252")
    batch = read(lf)
    assert not batch.errors
    deal = next(t for r in batch.nodes if isinstance(t := r.node, Report) and t.order_year == 2020)
    assert (deal.tiv_unit, deal.tiv_order, deal.tiv_delivered, deal.comments) == (1.5, 15.0, 15.0, "first half")
    record = next(r for r in batch.nodes if r.node is deal)
    assert (record.provenance.line, record.provenance.line_end) == (FIRST + 1, FIRST + 2)
    resaved_head = classic_row(comments="first half", unit="", total="", tiv="")
    junk = ",1.5,15,15" + "," * 12
    resaved = write(tmp_path, "resaved.csv", [resaved_head, junk, classic_row(year="2003")], preamble=False,
                    encoding="utf-8-sig")
    batch = read(resaved)
    assert not batch.errors
    assert sorted((t.order_year, t.tiv_delivered) for t in transfers(batch)) == [(2003, 15.0), (2020, 15.0)]
    assert batch.document.encoding == "utf_8_sig" and batch.document.data_generated is None


def test_lonely_junk_row_is_an_error(tmp_path: Path) -> None:
    batch = read(write(tmp_path, "junk.csv", [",1.5,15,15" + "," * 12, classic_row()]))
    error = only_error(batch)
    assert (error.line, error.field) == (FIRST, "Recipient")
    assert len(transfers(batch)) == 1


def test_latin1_file(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.csv", [classic_row(designation="Bär-7", comments="für Tests")], encoding="latin-1")
    batch = read(path)
    assert batch.document.encoding == "cp1252"
    assert transfers(batch)[0].comments == "für Tests"
    assert any(r.node.id == "weapon:bar-7" for r in batch.nodes)


# -- actors -------------------------------------------------------------------------------------------
HOSTILE = ["Robert'); MATCH (n) DETACH DELETE n //", 'The "Quoted" Front*', "Zzyzx Freedom Army*"]


def test_hostile_and_unknown_names_load_flagged(tmp_path: Path, store: Store) -> None:
    rows = [classic_row(supplier=HOSTILE[0]), classic_row(recipient=HOSTILE[1], year="2011"),
            classic_row(supplier=HOSTILE[0], year="2012"), classic_row(supplier="Xqwertz Republic", year="2013")]
    path = write(tmp_path, "hostile.csv", rows)
    batch = read(path)
    assert len(transfers(batch)) == 4
    unresolved = [e for e in batch.errors if "did not resolve" in e.reason]
    assert {(e.line, e.field) for e in unresolved} >= {(FIRST, "Supplier"), (FIRST + 3, "Supplier")}
    assert all(e.file == "hostile.csv" and e.line is not None for e in unresolved)
    assert any("(2 records)" in e.reason and e.line == FIRST for e in unresolved)
    assert {e.severity for e in unresolved} == {"warning"}  # loaded, flagged for review: not a failed record
    report = load_paths(store, [path])
    assert not report.documents[0].skipped
    assert not report.failed and report.documents[0].errors == 0
    assert report.documents[0].warnings == len([e for e in batch.errors if e.severity == "warning"]) >= 2
    assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == 4
    names = {row[0] for row in store.run("MATCH (a:Actor)-[:SUPPLIED]->(:Transfer) RETURN a.name").rows}
    assert HOSTILE[0] in names and "Xqwertz Republic" in names
    flagged = store.run("MATCH (a:UnresolvedActor) WHERE a.needs_review = true RETURN a.name").rows
    assert {HOSTILE[0], "Xqwertz Republic"} <= {r[0] for r in flagged}
    for node in (r.node for r in batch.nodes if isinstance(r.node, UnresolvedActor)):
        assert node.needs_review


# -- whole files ----------------------------------------------------------------------------------------
def test_empty_and_blank_files(tmp_path: Path, store: Store) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\r\n  \n")
    for path in (empty, blank):
        with pytest.raises(LoaderFailure) as info:
            read(path)
        assert (info.value.error.file, info.value.error.line) == (path.name, 1)
        assert "empty" in info.value.error.reason
    report = load_paths(store, [empty], loader_name="sipri")
    assert [e.file for e in report.errors] == ["empty.csv"]
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0


def test_unreadable_vintage_is_a_warning(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "when.csv"
    preamble = [*PREAMBLE[:-1], "Data generated: sometime in 2024"]
    path.write_text("\n".join([*preamble, CLASSIC_HEADER, classic_row()]) + "\n", encoding="utf-8")
    batch = read(path)
    error = only_error(batch)
    assert (error.line, error.field, error.severity) == (len(PREAMBLE), "Data generated", "warning")
    assert batch.document.data_generated is None and len(transfers(batch)) == 1
    report = load_paths(store, [path])
    assert not report.failed and report.documents[0].warnings >= 1


def test_preamble_only_and_header_only(tmp_path: Path) -> None:
    pre = tmp_path / "preamble.csv"
    sipri_like = [*PREAMBLE[:-2], "Source: SIPRI Arms Transfers Database (c) SIPRI.", PREAMBLE[-1]]
    pre.write_text("\n".join(sipri_like) + "\n", encoding="latin-1")
    assert SipriLoader.sniff(pre, pre.read_bytes()) == 0.5
    with pytest.raises(LoaderFailure) as info:
        read(pre)
    assert "only a preamble" in info.value.error.reason and info.value.error.file == "preamble.csv"
    header = write(tmp_path, "header.csv", [])
    with pytest.raises(LoaderFailure) as info:
        read(header)
    assert info.value.error.line == len(PREAMBLE) + 1 and "without records" in info.value.error.reason


def test_csv_not_from_sipri(tmp_path: Path, store: Store) -> None:
    other = tmp_path / "people.csv"
    other.write_text("name,age\nAda,36\nAlan,41\n", encoding="utf-8")
    assert SipriLoader.sniff(other, other.read_bytes()) == 0.0
    with pytest.raises(LoaderFailure) as info:
        read(other)
    assert "not a SIPRI export" in info.value.error.reason
    report = load_paths(store, [other], loader_name="sipri")
    assert report.errors and report.errors[0].file == "people.csv"
    assert store.run("MATCH (n) RETURN count(n)").scalar() == 0


def test_wrong_header_is_named(tmp_path: Path) -> None:
    header = TRANSFERS_HEADER.replace("Armament category", "Category")
    with pytest.raises(LoaderFailure) as info:
        read(write(tmp_path, "hdr.csv", [transfers_row("1", "2020")], header=header))
    assert info.value.error.line == len(PREAMBLE) + 1 and "column 6" in info.value.error.reason


def test_same_file_twice_is_skipped(tmp_path: Path, store: Store) -> None:
    a = write(tmp_path, "a.csv", [classic_row(), classic_row(year="2011")])
    b = tmp_path / "copy-of-a.csv"
    b.write_bytes(a.read_bytes())
    report = load_paths(store, [a, b])
    assert [d.skipped for d in report.documents] == [False, True]
    assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == 2
    assert store.run("MATCH (d:Document) RETURN count(d)").scalar() == 1


# -- transfers format ------------------------------------------------------------------------------------
def test_transfers_crlf_semicolons_and_grouping(tmp_path: Path) -> None:
    rows = [transfers_row("7001", "2020") + ";", transfers_row("7001", "2021", delivered="3", tiv="4.5") + ";",
            transfers_row("7002", "2022", flag="") + ";"]
    path = tmp_path / "t.csv"
    body = [line + ";" for line in PREAMBLE] + [TRANSFERS_HEADER + ";", *rows]
    path.write_bytes("\r\n".join(body).encode("ascii"))  # no line end after the last line
    batch = read(path)
    assert not batch.errors
    deals = {t.sipri_id: t for t in transfers(batch)}
    assert set(deals) == {"7001", "7002"}
    first = deals["7001"]
    assert (first.delivery_years, first.number_delivered, first.tiv_delivered) == ([2020, 2021], 5, 7.5)
    assert (first.delivered_per_year, first.tiv_delivered_per_year) == ([2, 3], [3.0, 4.5])
    assert first.local_production is False and type(first) is Report
    assert deals["7002"].number_delivered_estimate is None
    assert batch.document.data_generated == "2024-02-01T09:05:00" and batch.document.year_range == "2010-2024"


def test_transfers_bad_row_rejects_its_deal_only(tmp_path: Path) -> None:
    rows = [transfers_row("8001", "2020"), transfers_row("8001", "20x1"), transfers_row("8001", "2022"),
            transfers_row("8002", "2020", flag="Maybe"), transfers_row("8003", "2020"), transfers_row("8003", "2020"),
            transfers_row("8004", "2021", tiv="oops"), transfers_row("8005", "2021", recipient="Peru"),
            transfers_row("8005", "2022", recipient="Chile"), transfers_row("8006", "2019")]
    batch = read(write(tmp_path, "tb.csv", rows, header=TRANSFERS_HEADER))
    assert [t.sipri_id for t in transfers(batch)] == ["8006"]
    fields = {(e.line, e.field) for e in batch.errors if not e.reason.startswith("deal ")}
    assert fields == {(FIRST + 1, "Delivery year"), (FIRST + 3, "Numbers delivered is estimate"),
                      (FIRST + 5, "Delivery year"), (FIRST + 6, "TIV delivery values"), (FIRST + 8, "Recipient")}
    rejected = sorted(e.reason.split()[1] for e in batch.errors if e.reason.startswith("deal "))
    assert rejected == ["8001", "8002", "8003", "8004", "8005"]
    assert batch.records_read == 6


def test_unknown_category_is_reported_and_loaded(tmp_path: Path) -> None:
    batch = read(write(tmp_path, "cat.csv", [transfers_row("9001", "2020", category="Lasers")],
                       header=TRANSFERS_HEADER))
    error = only_error(batch)
    assert (error.line, error.field, error.severity) == (FIRST, "Armament category", "warning")
    assert any(r.node.id == "category:lasers" for r in batch.nodes)


def test_unknown_description_is_reported_once(tmp_path: Path) -> None:
    rows = [classic_row(description="quantum widget"), classic_row(description="quantum widget", year="2001")]
    batch = read(write(tmp_path, "desc.csv", rows))
    errors = [e for e in batch.errors if e.field == "Weapon description"]
    assert len(errors) == 1 and errors[0].line == FIRST and "(2 records)" in errors[0].reason
    assert errors[0].severity == "warning"
    assert not [r for r in batch.relations if r.relation.type == "IN_CATEGORY"]
    assert len(transfers(batch)) == 2


def test_two_vintages_meet_and_newer_values_win(tmp_path: Path, store: Store) -> None:
    old = write(tmp_path, "v1.csv", [transfers_row("5001", "2020"), transfers_row("5002", "2020")],
                header=TRANSFERS_HEADER)
    new = write(tmp_path, "v2.csv", [transfers_row("5001", "2020"), transfers_row("5001", "2021", tiv="6"),
                                     transfers_row("5003", "2021")], header=TRANSFERS_HEADER)
    load_paths(store, [old])
    load_paths(store, [new])
    rows = store.run("MATCH (t:Transfer) OPTIONAL MATCH (t)<-[:REPORTS]-(:Report)-[:SOURCED_FROM]->(d:Document) "
                     "RETURN t.sipri_id, t.tiv_delivered, t.delivery_years, count(d) ORDER BY t.sipri_id").rows
    assert rows == [["5001", 9.0, [2020, 2021], 2], ["5002", 3.0, [2020], 1], ["5003", 3.0, [2021], 1]]
    assert store.run("MATCH (w:WeaponSystem) RETURN count(w)").scalar() == 1


def test_transfers_truncated_last_line(tmp_path: Path) -> None:
    cut = transfers_row("6002", "2021")[:40]
    path = tmp_path / "tcut.csv"
    body = [*PREAMBLE, TRANSFERS_HEADER, transfers_row("6001", "2020"), transfers_row("6002", "2020"), cut]
    path.write_bytes("\n".join(body).encode("ascii"))
    batch = read(path)
    assert [t.sipri_id for t in transfers(batch)] == ["6001"]
    row_errors = [e for e in batch.errors if not e.reason.startswith("deal ")]
    assert [(e.file, e.line) for e in row_errors] == [("tcut.csv", FIRST + 2)]
    assert row_errors[0].field == TRANSFERS_HEADER.split(",")[len(cut.split(","))]  # the first missing column
    assert [e.reason.split()[1] for e in batch.errors if e.reason.startswith("deal ")] == ["6002"]


def test_classic_revision_between_vintages(tmp_path: Path, store: Store) -> None:
    """docs/sipri.md: two files of one vintage meet on one Report (the later one's figures); a revised identity
    field (number ordered) makes another deal."""
    old = write(tmp_path, "c1.csv", [classic_row(delivered="5", tiv="7.5"), classic_row(year="2015", ordered="4")])
    new = write(tmp_path, "c2.csv", [classic_row(delivered="10", tiv="15"), classic_row(year="2015", ordered="6")])
    load_paths(store, [old, new])
    rows = store.run("MATCH (t:Transfer)<-[:REPORTS]-(:Report)-[:SOURCED_FROM]->(d:Document) "
                     "RETURN t.order_year, t.number_ordered, t.tiv_delivered, collect(DISTINCT d.path) "
                     "ORDER BY t.order_year, t.number_ordered").rows
    assert [(y, n, tiv, sorted(docs)) for y, n, tiv, docs in rows] == [
        (2015, 4, 15.0, ["c1.csv"]), (2015, 6, 15.0, ["c2.csv"]), (2020, 10, 15.0, ["c1.csv", "c2.csv"])]


# -- fast validation (loaders/sipri/reports.py, else schema.build) --------------------------------------------
# The loader validates its Reports by their checked values on a validated template (else ``schema.build``), taking
# the values it made from validated parts (ids, the vintage, the stage, the date) as they are: every Report it yields
# is exactly what the model's own validation makes of the same values, on the real excerpts and on hostile rows, and
# a value no store keeps still fails its record with ``file:line:field: reason``.
SHARED_SIPRI = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "sipri"
FILES = ("classic-trade-register-2025-03.excerpt.csv", "classic-trade-register-resaved.excerpt.csv",
         "transfers-2025-01.excerpt.csv", "transfers-2026-02.excerpt.csv")


def assert_validated(report: Report) -> None:
    """The Report equals the model's validation of the values it was given (the fields it sets itself apart)."""
    given = {name: getattr(report, name) for name in report.model_fields_set - {"id", "block"}}
    full = Report(**given)
    assert [(k, type(v), v) for k, v in full.__dict__.items()] == [(k, type(v), v) for k, v in report.__dict__.items()]
    assert full.model_fields_set == report.model_fields_set


@pytest.mark.parametrize("name", FILES)
def test_every_report_of_the_excerpts_is_the_validated_one(name: str) -> None:
    reports = [r.node for batch in SipriLoader(batch_deals=500).read(SHARED_SIPRI / name)
               for r in batch.nodes if isinstance(r.node, Report)]
    assert len(reports) > 500
    for report in reports:
        assert_validated(report)


def test_hostile_rows_give_the_validated_reports(tmp_path: Path) -> None:
    rows = [classic_row(supplier=HOSTILE[0], comments="tab\tinside; ünïcödé; \u00a0nbsp inside"),
            classic_row(recipient=HOSTILE[1], designation="Ракета-2 -", year="1900", years=""),
            classic_row(designation="x" * 3000, ordered="", delivered="0", unit="", total="", tiv="0"),
            classic_row(comments="\u3000", year="2100", ordered=str(2**63 - 1))]
    batch = read(write(tmp_path, "hostile.csv", rows))
    reports = transfers(batch)
    assert len(reports) == 4
    for report in reports:
        assert_validated(report)
    assert reports[3].comments is None and reports[3].number_ordered == 2**63 - 1  # blank comments: none


def test_a_value_no_store_keeps_fails_its_record_only(tmp_path: Path) -> None:
    """Two rows of one deal delivering 2**63 - 1 each: the sum is beyond 64 bits. The deal fails with its line
    and field (it used to stop the whole file); the other deal loads."""
    big = str(2**63 - 1)
    path = write(tmp_path, "sum.csv", [transfers_row("9001", "2020", delivered=big),
                                       transfers_row("9001", "2021", delivered=big), transfers_row("9002", "2020")],
                 header=TRANSFERS_HEADER)
    batch = read(path)
    assert [r.sipri_id for r in transfers(batch)] == ["9002"]
    errors = [e for e in batch.errors if e.severity == "error"]
    assert len(errors) == 1
    error = errors[0]
    assert (error.file, error.field) == ("sum.csv", "number_delivered")
    assert error.line == len(path.read_text().splitlines()) - 2  # the deal's first row
    assert "64-bit" in error.reason
    assert batch.records_read == 2


def test_parsed_cells_are_remembered_but_not_their_errors() -> None:
    assert parse_years("2021; 2020; 2021", "Years") == [2020, 2021]
    first, again = parse_years("2021; 2020", "Years"), parse_years("2021; 2020", "Years")
    assert first == again and first is not again  # each Report gets a list of its own
    assert parse_year("1999", "Year of order") == parse_year("1999", "Year of order") == 1999
    hits = parse_year.cache_info().hits
    for _ in range(2):
        with pytest.raises(FieldError, match="not a year"):
            parse_year("19??", "Year of order")
        with pytest.raises(FieldError, match="whole number"):
            parse_int("-3", "Number ordered")
    assert parse_year.cache_info().hits == hits  # a refused cell is worked out again each time, never read back
    parse_year("1999", "Year of order")
    assert parse_year.cache_info().hits == hits + 1  # a good one is read back


def _validated_both_ways(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    """Make the loader validate each Report both ways: its own (``reports.ReportMaker.make``: the checks and the
    template, else ``schema.build``) and the model itself (``Report(**values, **made)``); each outcome is recorded,
    and the loader's own is what it gets."""
    outcomes: list[tuple[Any, Any]] = []
    make = ReportMaker.make

    def outcome(made: Any) -> Any:
        try:
            model = made()
        except ValidationError as exc:
            return [(e["loc"], e["type"], e["msg"]) for e in exc.errors()]
        return [(k, type(v), v) for k, v in model.__dict__.items()], sorted(model.model_fields_set)

    def both(self: ReportMaker, checked: tuple[Any, ...], made: dict[str, Any]) -> Report:
        given = dict(made)
        outcomes.append((outcome(lambda: make(self, checked, dict(given))),
                         outcome(lambda: Report(**dict(zip(CHECKED, checked, strict=True)), **given))))
        return make(self, checked, made)

    monkeypatch.setattr(ReportMaker, "make", both)
    return outcomes


BIG = str(2**63 - 1)


@pytest.mark.parametrize("fmt", ["classic", "transfers"])
def test_fast_and_full_validation_agree_on_good_and_bad_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             fmt: str) -> None:
    """Every Report the loader validates, in both formats, from good, odd, hostile and bad rows: the fast path gives
    the model's own answer (the same values, types, order and fields set; or the same error), and a bad row's error
    still names its file, line and field."""
    if fmt == "classic":
        rows = [classic_row(), classic_row(supplier=HOSTILE[0], comments="tab\tinside; ünïcödé; \u00a0nbsp"),
                classic_row(recipient=HOSTILE[1], designation="Ракета-2 -", year="1900", years=""),
                classic_row(designation="x" * 3000, ordered="", delivered="0", unit="", total="", tiv="0"),
                classic_row(comments="\u3000", year="2100", ordered=BIG, delivered=BIG), classic_row(),
                classic_row(year="19??"), classic_row(delivered="-1"), classic_row(tiv="1e5"),
                "Norway,Germany,2020,maybe,10, ,Testgun,self-propelled gun,10, ,2021,New,x,1,10,10",
                classic_row(comments="a NUL \x00 inside"), ",1,2,3" + "," * 12]
        path = write(tmp_path, "classic.csv", rows)
    else:
        rows = [transfers_row("9001", "2020"), transfers_row("9001", "2021", delivered="5", tiv="0.25"),
                transfers_row("9002", "2020", supplier=HOSTILE[0], designation="Ракета-2 -"),
                transfers_row("9003", "2020", delivered=BIG), transfers_row("9003", "2021", delivered=BIG),
                transfers_row("9004", "2020", delivered=BIG), transfers_row("9005", "2020", flag="Maybe"),
                transfers_row("9006", "2020", tiv="nan"), transfers_row("9007", "2100", category=""),
                transfers_row("9008", "", delivered="", tiv="")]
        path = write(tmp_path, "transfers.csv", rows, header=TRANSFERS_HEADER)
    outcomes = _validated_both_ways(monkeypatch)
    batch = read(path)
    assert outcomes and all(fast == full for fast, full in outcomes)
    refused = [full for _, full in outcomes if isinstance(full, list)]
    assert len(transfers(batch)) == len(outcomes) - len(refused) >= 5
    errors = [e for e in batch.errors if e.severity == "error"]
    assert len(errors) >= 4 and all(e.file == path.name and e.line and e.field for e in errors)
    if fmt == "transfers":  # the sum beyond 64 bits: refused by the model's validation, both ways alike
        assert [full[0][0] for full in refused] == [("number_delivered",)]
        assert any(e.field == "number_delivered" and "64-bit" in e.reason for e in errors)

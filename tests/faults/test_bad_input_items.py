"""Issue 11, items 6, 8-11: each defect the fault run found, one test each, on the real engine where a store is
involved. Inputs are synthetic (made-up deals and rows)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsgraph.graph.cli.main import main
from armsgraph.graph.load import expand, load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.loaders import io
from armsgraph.loaders.base import pick
from armsgraph.loaders.documents.loader import DocumentLoader, read_document
from armsgraph.loaders.sipri.loader import SipriLoader
from armsgraph.loaders.tables.regimes import RegimeTableLoader
from armsgraph.loaders.tables.treaties import TreatyTableLoader
from armsgraph.schema.errors import LoaderFailure

PREAMBLE = ["Transfers of major conventional arms (synthetic).", "Data generated: 1 Feb 2024 9:05:00 AM"]
CLASSIC = ("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
           "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
           "SIPRI TIV of delivered weapons")
TRANSFERS = ("SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
             "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
             "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production")
FIRST = len(PREAMBLE) + 2


def classic(i: int, **change: str) -> str:
    cells = {"recipient": "Norway", "supplier": "Germany", "year": "2020", "ordered": "10", "delivered": "10",
             "comments": f"good-{i}", **change}
    return ",".join([cells["recipient"], cells["supplier"], cells["year"], "", cells["ordered"], "",
                     f"Testgun {i}", "self-propelled gun", cells["delivered"], "", "2021; 2022", "New",
                     cells["comments"], "1.5", "15", "15"])


def transfers(deal: str, delivered: str = "2") -> str:
    return ",".join([deal, "France", "Chile", f"Testjet {deal}", "FGA aircraft", "Aircraft", "2019", "No", delivered,
                     "No", "2021", "No", "New", "1.5", "1.5", "3", "No"])


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([*PREAMBLE, header, *rows]) + "\n", encoding="utf-8")
    return path


# -- item 8: one bad record fails itself, not its file ---------------------------------------------------------

@pytest.mark.parametrize(("change", "column"), [
    ({"year": "20\u00b20"}, "Year of order"),
    ({"comments": "a\rb"}, "Comments"),
    ({"comments": "c" * 140_000}, "Comments"),
])
def test_a_bad_sipri_row_fails_alone(tmp_path: Path, change: dict[str, str], column: str) -> None:
    path = write(tmp_path / "x.csv", CLASSIC, [classic(1), classic(2, **change), classic(3)])
    [batch] = SipriLoader().read(path)
    assert [(e.line, e.field) for e in batch.errors if e.severity == "error"] == [(FIRST + 1, column)]
    assert {getattr(r.node, "comments", None) for r in batch.nodes} >= {"good-1", "good-3"}


def test_a_treaty_date_in_year_9999_is_a_row_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("treaty,state,signed,ratified\nccm,France,2008-12-03,2009-09-25\nccm,Norway,2008-12-03,"
                    "9999-12-31\n", encoding="utf-8")
    [batch] = TreatyTableLoader().read(path)
    assert [(e.line, e.field) for e in batch.errors] == [(3, "ratified")]
    assert len(batch.relations) == 1


def test_an_ear_group_with_null_members_reports_them(tmp_path: Path) -> None:
    path = tmp_path / "ear.json"
    path.write_text('{"byCountry": {},\n "groups": {\n  "A:1": [\n   "France",\n   null\n  ]}}', encoding="utf-8")
    [batch] = RegimeTableLoader().read(path)
    null = [e for e in batch.errors if "null" in e.reason]
    assert [(e.line, e.field) for e in null] == [(5, "A:1")]
    assert any(r.relation.src == "country:FRA" for r in batch.relations)


def test_a_cr_in_a_tables_first_line_does_not_break_the_sniffer(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"treaty,\rstate,signed\nccm,France,2008-12-03\n")
    with pytest.raises(LoaderFailure, match="no loader recognises"):
        pick(path)
    other = tmp_path / "ok.jsonl"
    other.write_text('{"type":"Country","iso3":"FRA","name":"France","source":"s"}\n', encoding="utf-8")
    assert pick(other).name == "curated"


def test_a_stray_cr_or_nul_in_a_table_row_is_that_rows_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"treaty,state,signed\nccm,France,2008-12-03\nccm,Nor\rway,2008-12-03\nccm,Sp\x00ain,2008-12-03\n"
                     b"ccm,Norway,2008-12-03\n")
    [batch] = TreatyTableLoader().read(path)
    assert [(e.line, e.field) for e in batch.errors] == [(3, "state"), (4, "state")]
    assert {r.relation.src for r in batch.relations} == {"country:FRA", "country:NOR"}


# -- item 9: wrong values are reported, not stored -------------------------------------------------------------

@pytest.mark.parametrize("value", ["99999999999999999999", "-3", "+3", "1_000", "\u0663", "2\u00b2"])
def test_sipri_numbers_are_ascii_counts_within_64_bits(tmp_path: Path, value: str) -> None:
    path = write(tmp_path / "x.csv", CLASSIC, [classic(1), classic(2, delivered=value)])
    [batch] = SipriLoader().read(path)
    assert [(e.line, e.field) for e in batch.errors if e.severity == "error"] == [(FIRST + 1, "Number delivered")]


def test_a_deal_id_with_a_superscript_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", TRANSFERS, [transfers("99\u00b2"), transfers("100")])
    [batch] = SipriLoader().read(path)
    assert [(e.line, e.field) for e in batch.errors] == [(FIRST, "SIPRI AT Database ID")]
    assert [getattr(r.node, "sipri_id", None) for r in batch.nodes if r.node.label == "Report"] == ["100"]


REPORT = '{"type":"Report","supplier":"country:FRA","recipient":"country:UKR",'
"""A curated Report line with everything it needs but the value under test."""


@pytest.mark.parametrize(("line", "field"), [
    (REPORT + '"key":"k1","number_ordered":99999999999999999999,"source":"s"}', "number_ordered"),
    ('{"type":"PARTY_TO","src":"country:FRA","dst":"treaty:ccm","signed":"9999-99-99","source":"s"}', "signed"),
    ('{"type":"PARTY_TO","src":"country:FRA","dst":"treaty:ccm","signed":"0000-99-99","source":"s"}', "signed"),
    ('{"type":"Person","name":"Ev\\u0000il","source":"s"}', "name"),
    (REPORT + '"key":"k2","tiv_unit":NaN,"source":"s"}', None),
    (REPORT + '"key":"k3","tiv_unit":Infinity,"source":"s"}', None),
    ("[" * 100_000, None),
])
def test_curated_values_no_store_keeps_are_record_errors(store: FalkorStore, tmp_path: Path, line: str,
                                                         field: str | None) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"type":"Country","iso3":"FRA","name":"France","source":"s"}\n' + line + "\n", encoding="utf-8")
    report = load_paths(store, [path])
    assert [(e.line, e.field) for e in report.errors] == [(2, field)], report.errors
    assert store.run("MATCH (c:Country {iso3: 'FRA'}) RETURN count(c)").scalar() == 1
    assert store.run("MATCH (r:Report) RETURN count(r)").scalar() == 0
    assert store.run("MATCH (t:Transfer) RETURN count(t)").scalar() == 0


def test_the_curated_report_line_loads_when_its_values_are_good(store: FalkorStore, tmp_path: Path) -> None:
    """The control for the cases above: the same Report line with good values loads, so there the value fails."""
    path = tmp_path / "c.jsonl"
    path.write_text('{"type":"Country","iso3":"FRA","name":"France","source":"s"}\n'
                    + REPORT + '"key":"k0","number_ordered":5,"tiv_unit":1.5,"source":"s"}\n', encoding="utf-8")
    report = load_paths(store, [path])
    assert report.errors == [], report.errors
    rows = store.run("MATCH (r:Report)-[:REPORTS]->(t:Transfer) RETURN r.source, r.number_ordered, t.number_ordered, "
                     "t.tiv_unit").rows
    assert [tuple(r) for r in rows] == [("curated", 5, 5, 1.5)]


# -- item 6: curated PARTY_TO / MEMBER_OF keep one edge per source ----------------------------------------------

def test_curated_party_to_from_two_sources_stays_two_edges(store: FalkorStore, tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"type":"Country","iso3":"FRA","name":"France","source":"s"}\n'
                 '{"type":"Organization","key":"nato","name":"NATO","source":"s"}\n'
                 '{"type":"PARTY_TO","src":"country:FRA","dst":"treaty:ccm","signed":"2008-12-03","source":"UNTC"}\n'
                 '{"type":"MEMBER_OF","src":"country:FRA","dst":"org:nato","since":"1949-08-24","source":"UNTC"}\n'
                 '{"type":"Treaty","key":"ccm","name":"Convention on Cluster Munitions","source":"s"}\n',
                 encoding="utf-8")
    b.write_text('{"type":"PARTY_TO","src":"country:FRA","dst":"treaty:ccm","ratified":"2009-09-25",'
                 '"source":"Monitor"}\n'
                 '{"type":"MEMBER_OF","src":"country:FRA","dst":"org:nato","since":"1949","source":"Factbook"}\n',
                 encoding="utf-8")
    report = load_paths(store, [a, b])
    assert not report.failed, report.errors
    rows = store.run("MATCH (:Country)-[p:PARTY_TO]->(:Treaty) RETURN p.source, p.signed, p.ratified "
                     "ORDER BY p.source").rows
    assert rows == [["Monitor", None, "2009-09-25"], ["UNTC", "2008-12-03", None]]
    members = store.run("MATCH (:Country)-[m:MEMBER_OF]->() RETURN m.source, m.since ORDER BY m.source").rows
    assert members == [["Factbook", "1949"], ["UNTC", "1949-08-24"]]


# -- item 10: hangs --------------------------------------------------------------------------------------------

BOMB = "\n".join(["a: &a [x,x,x,x,x,x,x,x,x]"]
                 + [f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)])


def test_a_yaml_alias_bomb_in_front_matter_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(f"---\n{BOMB}\ntitle: *i\n---\nbody\n", encoding="utf-8")
    with pytest.raises(LoaderFailure, match="aliases"):
        list(DocumentLoader().read(path))


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    yield path


def _in_time(target: object, seconds: float = 10) -> None:
    """Run ``target`` in a thread; fail (instead of hanging the suite) if it does not return in time."""
    assert callable(target)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (target(), done.set()), daemon=True)
    thread.start()
    assert done.wait(seconds), "hung"


def test_a_fifo_is_refused_not_waited_on(store: FalkorStore, fifo: Path) -> None:
    reports = []
    _in_time(lambda: reports.append(load_paths(store, [fifo], loader_name="sipri")))
    assert [e.reason for e in reports[0].errors] == ["not a regular file (a FIFO (named pipe)): refused"]
    _in_time(lambda: reports.append(load_paths(store, [fifo])))
    assert reports[1].failed


def test_dev_zero_with_a_named_loader_is_refused(store: FalkorStore) -> None:
    reports = []
    _in_time(lambda: reports.append(load_paths(store, [Path("/dev/zero")], loader_name="sipri")))
    assert [e.reason for e in reports[0].errors] == ["not a regular file (a character device): refused"]


def test_a_file_over_the_input_bound_is_refused_before_it_is_read(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "x.csv", CLASSIC, [classic(1)])
    monkeypatch.setattr(io, "MAX_INPUT_BYTES", 100)
    with pytest.raises(LoaderFailure, match="file too large"):
        list(SipriLoader().read(path))


# -- item 11: the smaller ones ---------------------------------------------------------------------------------

def test_utf16_is_decoded_or_refused_by_name_never_called_binary(tmp_path: Path) -> None:
    export = tmp_path / "x.csv"
    export.write_bytes("\n".join([*PREAMBLE, CLASSIC, classic(1)]).encode("utf-16"))
    [batch] = SipriLoader().read(export)
    assert batch.document.encoding == "utf_16" and not batch.errors
    table = tmp_path / "t.csv"
    table.write_bytes("treaty,state,signed\nccm,France,2008-12-03\n".encode("utf-16-le"))
    with pytest.raises(LoaderFailure, match="UTF-16LE text: save it as UTF-8"):
        list(TreatyTableLoader().read(table))
    article = tmp_path / "a.txt"
    article.write_bytes("Germany delivered tanks.\n".encode("utf-16"))
    document, text, _ = read_document(article)
    assert text.startswith("Germany") and document.encoding == "utf_16"


def test_a_classic_export_resaved_with_crlf_and_semicolons_loads(shared_data: Path, tmp_path: Path) -> None:
    original = shared_data / "sipri" / "classic-trade-register-2025-03.excerpt.csv"
    resaved = tmp_path / "resaved.csv"
    lines = original.read_bytes().splitlines()
    resaved.write_bytes(b"".join(line + b";\r\n" for line in lines))
    [before] = SipriLoader(batch_deals=10**6).read(original)
    [after] = SipriLoader(batch_deals=10**6).read(resaved)
    assert len(after.nodes) == len(before.nodes) and len(after.relations) == len(before.relations)
    assert [str(e).split(":", 1)[1] for e in after.errors] == [str(e).split(":", 1)[1] for e in before.errors]


def test_an_unreadable_subdirectory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.jsonl").write_text("{}\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.jsonl").write_text("{}\n", encoding="utf-8")
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:  # root reads anything: deny like chmod 000 would
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert list(expand([tmp_path])) == [(locked, True), (tmp_path / "ok" / "a.jsonl", False)]
    with pytest.raises(LoaderFailure, match="cannot read the directory: Permission denied"):
        pick(locked)


@pytest.mark.store
def test_load_says_how_many_errors_were_left_out_and_writes_them_all(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"type":"Spaceship","n":{i},"source":"s"}}\n' for i in range(250)), encoding="utf-8")
    data_dir, errors = tmp_path / "data", tmp_path / "errors.txt"
    try:
        shown = CliRunner().invoke(main, ["--data-dir", str(data_dir), "load", str(path)], env={"NEO4J_URI": ""})
        kept = CliRunner().invoke(main, ["--data-dir", str(data_dir), "load", "--force", str(path), "--errors",
                                         str(errors)], env={"NEO4J_URI": ""})
    finally:
        EmbeddedServer(data_dir).stop()
    assert shown.exit_code == 1 and kept.exit_code == 1
    assert "... 50 more errors and warnings not shown (write them all with --errors FILE)" in shown.output
    assert f"all 250 are in {errors}" in kept.output
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 250

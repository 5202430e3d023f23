"""The SIPRI loader on the real excerpts in ../shared/data/sipri: figures, vintages, the store, the queries.

Every expected figure comes from two places the loader does not control: a small independent parse in this
file (csv module, simple rules) and the figures table in each file's SOURCE.md.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from armsgraph.graph import load as pipeline
from armsgraph.graph.catalogue import get_query
from armsgraph.graph.cli import main
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.graph.store.falkordb import EmbeddedServer
from armsgraph.loaders import base as registry
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.loader import SipriLoader, parse_export, read_export_text
from armsgraph.loaders.sipri.names import POLICIES
from armsgraph.schema import Report, WeaponCategory, WeaponSystem
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import slug

CLASSIC = "classic-trade-register-2025-03.excerpt.csv"
RESAVED = "classic-trade-register-resaved.excerpt.csv"
T2025 = "transfers-2025-01.excerpt.csv"
T2026 = "transfers-2026-02.excerpt.csv"
FILES = (CLASSIC, RESAVED, T2025, T2026)


# -- an independent reading of the files (not the loader's code) ------------------------------------
@dataclass
class Reference:
    """What a file holds, by the simple rules its SOURCE.md states."""

    kind: str
    rows: list[list[str]]
    lines: list[int]
    """First physical line of each record (classic) or row (transfers)."""
    multi_line: int = 0
    junk_rows: int = 0
    deals: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def supplier_col(self) -> int:
        return 1

    @property
    def recipient_col(self) -> int:
        return 0 if self.kind == "classic" else 2

    @property
    def tiv_col(self) -> int:
        return 15

    def deal_count(self) -> int:
        return len(self.rows) if self.kind == "classic" else len(self.deals)

    def suppliers(self) -> set[str]:
        return {r[self.supplier_col] for r in self.rows}

    def recipients(self) -> set[str]:
        return {r[self.recipient_col] for r in self.rows}

    def tiv_delivered(self) -> float:
        return round(math.fsum(float(r[self.tiv_col] or 0) for r in self.rows), 2)


def reference(path: Path) -> Reference:
    data = path.read_bytes()
    text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("latin-1")
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if any(line.startswith("Recipient,Supplier,") for line in lines[:20]):
        start = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier,"))
        ref = Reference("classic", [], [])
        pending: list[str] | None = None
        for number, row in enumerate(csv.reader(lines[start + 1:]), start=start + 2):
            if not row:
                continue
            if pending is not None:  # a record broken inside Comments goes on in this line
                pending[-1] += row[0]
                pending.extend(row[1:])
                row, pending = pending, None
                ref.multi_line += 1
            elif len(row) < 16:
                pending = row
                ref.lines.append(number)
                continue
            else:
                ref.lines.append(number)
            if row[0] == "" and not any(row[4:]) and not any(ref.rows[-1][13:16]):  # spreadsheet junk row
                ref.rows[-1][13:16] = row[1:4]
                ref.lines.pop()
                ref.junk_rows += 1
                continue
            ref.rows.append(row)
        return ref
    lines = [line.removesuffix(";") for line in lines]
    start = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID,"))
    ref = Reference("transfers", [], [])
    for number, row in enumerate(csv.reader(lines[start + 1:]), start=start + 2):
        if row:
            ref.rows.append(row)
            ref.lines.append(number)
            ref.deals.setdefault(row[0], []).append(row)
    return ref


def source_figures(path: Path) -> dict[str, str]:
    """The 'Figures of this excerpt' table of NAME.SOURCE.md: row name -> first token of the value."""
    text = path.with_name(path.name + ".SOURCE.md").read_text(encoding="utf-8")
    table = text.split("## Figures", 1)[1]
    figures = {}
    for match in re.finditer(r"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$", table, re.MULTILINE):
        if match.group(2).split():
            figures[match.group(1)] = match.group(2).split()[0]
    return figures


def number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.fixture(scope="module")
def sipri_dir(shared_data: Path) -> Path:
    return shared_data / "sipri"


# -- figures: loader == independent parse == SOURCE.md ----------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_figures_match_independent_parse_and_source_notes(sipri_dir: Path, name: str) -> None:
    path = sipri_dir / name
    ref = reference(path)
    notes = source_figures(path)
    deals_key = "records" if ref.kind == "classic" else "distinct deals"
    tiv_key = next(k for k in notes if k.startswith("sum of") and "deliver" in k)
    # the independent parse agrees with the SOURCE notes ...
    assert ref.deal_count() == number(notes[deals_key])
    assert len(ref.suppliers()) == number(notes["distinct suppliers"])
    assert len(ref.recipients()) == number(notes["distinct recipients"])
    assert ref.tiv_delivered() == pytest.approx(number(notes[tiv_key]), abs=0.005)
    # ... and the loader agrees with both.
    export = parse_export(read_export_text(path))
    assert export.format.value == ref.kind
    assert export.errors == []
    assert len(export.deals) == ref.deal_count()
    assert {d.supplier for d in export.deals} == ref.suppliers()
    assert {d.recipient for d in export.deals} == ref.recipients()
    assert round(math.fsum(d.tiv_delivered or 0 for d in export.deals), 2) == pytest.approx(ref.tiv_delivered())
    batch = next(SipriLoader().read(path))
    transfers = [r.node for r in batch.nodes if isinstance(r.node, Report)]
    assert len(transfers) == len({t.id for t in transfers}) == ref.deal_count()
    assert batch.records_read == ref.deal_count()
    suppliers = {t.supplier for t in transfers}  # a Report names its supplier and recipient by id
    recipients = {t.recipient for t in transfers}
    assert len(suppliers) == len(ref.suppliers())
    assert len(recipients) == len(ref.recipients())
    tiv = math.fsum(t.tiv_delivered or 0 for t in transfers)
    assert tiv == pytest.approx(number(notes[tiv_key]), abs=0.005)


@pytest.mark.parametrize("name", FILES)
def test_every_transfer_has_lines_and_relations(sipri_dir: Path, name: str) -> None:
    path = sipri_dir / name
    ref = reference(path)
    batch = next(SipriLoader().read(path))
    records = [r for r in batch.nodes if isinstance(r.node, Report)]
    starts = sorted(r.provenance.line or 0 for r in records)
    if ref.kind == "classic":
        assert starts == ref.lines
    else:  # a deal starts at the first row of its id
        first_rows: dict[str, int] = {}
        for line, row in zip(ref.lines, ref.rows, strict=True):
            first_rows.setdefault(row[0], line)
        assert starts == sorted(first_rows.values())
    multi = [r for r in records if (r.provenance.line_end or 0) > (r.provenance.line or 0)]
    if ref.kind == "classic":
        assert len(multi) == ref.multi_line + ref.junk_rows  # a folded junk row is part of its record
    else:
        assert len(multi) == sum(1 for rows in ref.deals.values() if len(rows) > 1)
    # a Report names its supplier, recipient and weapon by id (only the derived Transfer has the edges)
    assert all(r.node.supplier and r.node.recipient and r.node.weapon for r in records)  # type: ignore[attr-defined]
    assert not [r for r in batch.relations if r.relation.type in ("SUPPLIED", "TO", "OF")]


def test_document_metadata(sipri_dir: Path) -> None:
    docs = {name: next(SipriLoader().read(sipri_dir / name)).document for name in FILES}
    for name, doc in docs.items():
        assert doc.kind == "sipri-export"
        assert doc.path == name
        assert doc.sha256 == source_figures(sipri_dir / name)["sha256"]
    assert docs[CLASSIC].data_generated == "2025-03-13T10:02:49"
    assert docs[CLASSIC].encoding == "cp1252"
    assert docs[RESAVED].data_generated is None and docs[RESAVED].encoding == "utf_8_sig"
    assert (docs[T2026].data_generated, docs[T2026].year_range) == ("2026-02-12T12:26:12", "1995-2025")
    assert (docs[T2025].data_generated, docs[T2025].year_range) == ("2025-01-03T21:16:02", "2000-2030")


def test_split_and_junk_records_are_whole(sipri_dir: Path) -> None:
    """The records the SOURCE notes name as broken come out as one deal with the right TIVs."""
    classic = {d.line: d for d in parse_export(read_export_text(sipri_dir / CLASSIC)).deals}
    resaved = {d.line: d for d in parse_export(read_export_text(sipri_dir / RESAVED)).deals}
    for line in (281, 1149, 1336, 1883):
        assert classic[line].line_end == line + 1
        comments = classic[line].comments
        assert comments and "\n" not in comments.strip()
    for line in (98, 462, 559, 759):
        assert resaved[line].line_end == line + 1
    pairs = [(281, 98), (1149, 462), (1336, 559), (1883, 759)]
    for c, r in pairs:
        a, b = classic[c], resaved[r]
        assert (a.supplier, a.recipient, a.tiv_unit, a.tiv_order, a.tiv_delivered) == (
            b.supplier, b.recipient, b.tiv_unit, b.tiv_order, b.tiv_delivered)


def test_latin1_and_marks(sipri_dir: Path) -> None:
    export = parse_export(read_export_text(sipri_dir / CLASSIC))
    by_line = {d.line: d for d in export.deals}
    assert by_line[29].designation == "Bü-181 Bestmann"
    assert by_line[1461].number_ordered is None and by_line[1461].number_ordered_estimate is True
    assert by_line[1461].tiv_order == 0 and by_line[1461].tiv_delivered == 56.14


def test_actors_resolve_to_canonical_nodes(sipri_dir: Path) -> None:
    batch = next(SipriLoader().read(sipri_dir / CLASSIC))
    names = {r.node.id: r.node for r in batch.nodes}
    for expected in ("country:TUR", "country:CZE", "country:VNM", "country:CIV", "country:SUN", "country:CSK",
                     "country:YUG", "country:DDR"):
        assert expected in names, expected
    # SIPRI's unknowns are countable parties of their own, not names awaiting review
    assert {"unresolved:unknown-supplier-s", "unresolved:unknown-recipient-s"} <= set(names)
    labels = Counter(type(r.node).__name__ for r in batch.nodes)
    assert labels["NonStateActor"] > 0 and labels["Organization"] > 0
    # an unresolved name is never silent: it is a node flagged for review and a warning naming file:line:field
    for error in batch.errors:
        assert error.file == CLASSIC and error.line and error.field
    flagged = [r.node for r in batch.nodes if getattr(r.node, "needs_review", None)]
    reported = [e for e in batch.errors if e.field in ("Supplier", "Recipient")]
    assert len(flagged) == len(reported)
    # every record of the excerpt loaded: what is left to report are warnings, not errors
    assert batch.errors and {e.severity for e in batch.errors} == {"warning"}


def test_categories(sipri_dir: Path) -> None:
    cats = {}
    for name in (T2025, T2026):
        batch = next(SipriLoader().read(sipri_dir / name))
        cats[name] = {r.node.id for r in batch.nodes
                      if isinstance(r.node, WeaponCategory) and r.node.vocabulary == "sipri"}
        treaty = {r.node.id for r in batch.nodes if isinstance(r.node, WeaponCategory)} - cats[name]
        assert treaty == {"category:cluster-munitions"}  # ATACMS Block-1/1A (weapon_category_rules.csv)
        ref = reference(sipri_dir / name)
        assert len(cats[name]) == len({slug(r[5]) for r in ref.rows}) == 11
    assert cats[T2025] == cats[T2026]  # 'Air defence systems' and 'Air-defence systems' are one category
    assert "category:air-defence-systems" in cats[T2025]
    batch = next(SipriLoader().read(sipri_dir / CLASSIC))
    linked = {r.relation.src for r in batch.relations if r.relation.type == "IN_CATEGORY"}
    weapons = {r.node.id for r in batch.nodes if r.node.label == "WeaponSystem"}
    unknown = [e for e in batch.errors if e.field == "Weapon description"]
    assert len(linked) / len(weapons) > 0.9
    assert unknown, "descriptions no transfers file has are reported"
    for error in unknown:
        assert error.line is not None and "no SIPRI category" in error.reason
        assert error.severity == "warning"  # the weapon and its deals did load


# -- through the pipeline into the real embedded store ------------------------------------------------
def count(store: Store, cypher: str, **params: Any) -> Any:
    return store.run(cypher, params).scalar()


@pytest.mark.parametrize("name", FILES)
def test_store_figures_and_idempotent_reload(store: Store, sipri_dir: Path, name: str) -> None:
    path = sipri_dir / name
    ref = reference(path)
    report = load_paths(store, [path])
    assert [d.loader for d in report.documents] == ["sipri"]
    assert not report.documents[0].skipped
    figures = {
        "deals": "MATCH (t:Transfer) RETURN count(t)",
        "suppliers": "MATCH (s:Actor)-[:SUPPLIED]->(:Transfer) RETURN count(DISTINCT s)",
        "recipients": "MATCH (:Transfer)-[:TO]->(r:Actor) RETURN count(DISTINCT r)",
        "tiv": "MATCH (t:Transfer) RETURN sum(coalesce(t.tiv_delivered, 0.0))",
        "nodes": "MATCH (n) RETURN count(n)",
        "edges": "MATCH ()-[r]->() RETURN count(r)",
    }
    first = {k: count(store, q) for k, q in figures.items()}
    assert first["deals"] == ref.deal_count()
    assert first["suppliers"] == len(ref.suppliers())
    assert first["recipients"] == len(ref.recipients())
    assert first["tiv"] == pytest.approx(ref.tiv_delivered(), abs=0.005)
    lines = count(store, "MATCH (t:Transfer)<-[:REPORTS]-(:Report)-[p:SOURCED_FROM]->(d:Document) "
                         "WHERE size(p.locators) > 0 RETURN count(DISTINCT t)")
    assert lines == ref.deal_count()  # each deal reaches its file lines in two hops
    doc = store.run("MATCH (d:Document) RETURN d.kind, d.path, d.encoding").rows
    assert doc == [["sipri-export", name, parse_export(read_export_text(path)).source.encoding]]
    again = load_paths(store, [path])
    assert again.documents[0].skipped
    assert {k: count(store, q) for k, q in figures.items()} == first
    forced = load_paths(store, [path], force=True)
    assert not forced.documents[0].skipped
    assert {k: count(store, q) for k, q in figures.items()} == first


def test_two_transfers_vintages_meet_on_deal_ids(store: Store, sipri_dir: Path) -> None:
    old, new = reference(sipri_dir / T2025), reference(sipri_dir / T2026)
    load_paths(store, [sipri_dir / T2025, sipri_dir / T2026])
    both = set(old.deals) & set(new.deals)
    assert len(both) == 366  # the SOURCE notes' figure
    assert count(store, "MATCH (r:Report) RETURN count(r)") == len(old.deals) + len(new.deals)
    shared = count(store, "MATCH (t:Transfer)<-[:REPORTS]-(r:Report) WITH t, count(DISTINCT r.sipri_id) AS ids, "
                          "count(r) AS n WHERE n = 2 AND ids = 1 RETURN count(t)")
    assert shared == len(both)  # one deal id in two vintages: one Transfer with two Reports
    rekeyed = count(store, "MATCH (t:Transfer)<-[m:REPORTS {rule: 'sipri-rekeyed'}]-() RETURN count(t)")
    assert rekeyed == 2  # LMM Martlet 65532 -> 68519, Starstreak 65319 -> 68520 (docs/transfers.md)
    # a 2025 deal the 2026 export covers (deliveries 1995-2025) and no longer lists is withdrawn, not a deal
    old_only = set(old.deals) - set(new.deals)
    kept = [i for i in old_only if not any(r[10] and 1995 <= int(r[10]) <= 2025 for r in old.deals[i])]
    assert count(store, "MATCH (t:Transfer) RETURN count(t)") == len(new.deals) + len(kept)
    withdrawn = count(store, "MATCH (r:Report) WHERE r.withdrawn_by = '2026-02-12T12:26:12' RETURN count(r)")
    assert withdrawn == len(old_only) - len(kept) - rekeyed
    # the vintage loaded last gives the values; the deals that changed prove it
    changed = [i for i in sorted(both)
               if math.fsum(float(r[15]) for r in old.deals[i]) != math.fsum(float(r[15]) for r in new.deals[i])]
    assert changed
    rows = store.run("MATCH (t:Transfer) WHERE t.sipri_id IN $ids RETURN t.sipri_id, t.tiv_delivered",
                     {"ids": changed}).rows
    for deal_id, tiv in rows:
        assert tiv == pytest.approx(math.fsum(float(r[15]) for r in new.deals[deal_id]))


def _resolved_key(row: list[str], counter: Counter[tuple[Any, ...]]) -> tuple[Any, ...]:
    resolver = Resolver.standard(policies=POLICIES)
    ident = (resolver.resolve(row[1], "sipri").entity_id or row[1], resolver.resolve(row[0], "sipri").entity_id
             or row[0], row[2], slug(row[6]), row[4])
    counter[ident] += 1
    return (*ident, counter[ident])


def test_two_classic_vintages_meet_on_content_keys(store: Store, sipri_dir: Path) -> None:
    a, b = reference(sipri_dir / CLASSIC), reference(sipri_dir / RESAVED)
    raw_a = Counter((r[0], r[1], r[2], r[6].strip(), r[4]) for r in a.rows)
    raw_b = Counter((r[0], r[1], r[2], r[6].strip(), r[4]) for r in b.rows)
    assert sum((raw_a & raw_b).values()) == 409  # the SOURCE notes' overlap on raw names
    ca: Counter[tuple[Any, ...]] = Counter()
    cb: Counter[tuple[Any, ...]] = Counter()
    keys_a = {_resolved_key(r, ca) for r in a.rows}
    keys_b = {_resolved_key(r, cb) for r in b.rows}
    overlap = len(keys_a & keys_b)
    assert overlap > 409  # renamed actors ('Libya HoR*' -> 'HoR (Libya)*') meet too
    load_paths(store, [sipri_dir / CLASSIC, sipri_dir / RESAVED])
    assert count(store, "MATCH (r:Report) RETURN count(r)") == len(a.rows) + len(b.rows)
    two = count(store, "MATCH (t:Transfer)<-[:REPORTS]-(r:Report) WITH t, count(r) AS n WHERE n = 2 RETURN count(t)")
    assert two == overlap  # one identity in two files: one deal
    # the dated 2025-03 export covers every year ('Not specified'): a deal only the undated re-save lists, with
    # deliveries, is one SIPRI no longer lists (withdrawn); one without deliveries stays a deal
    cb2: Counter[tuple[Any, ...]] = Counter()
    only_b = [(k, r) for r in b.rows if (k := _resolved_key(r, cb2)) not in keys_a]
    undelivered = sum(1 for _, r in only_b if not r[10].strip())
    assert count(store, "MATCH (t:Transfer) RETURN count(t)") == len(keys_a) + undelivered


def test_formats_meet_on_actors_and_weapons(store: Store, sipri_dir: Path) -> None:
    """SOURCE: transfers-2025-01 line 1057 (ID 65387) is classic line 1688: same actors and weapon node."""
    load_paths(store, [sipri_dir / CLASSIC, sipri_dir / T2025])
    rows = store.run(
        "MATCH (rep:Report)-[p:SOURCED_FROM]->(d) "
        "WHERE (d.path = $a AND 'L1688' IN p.locators) OR (d.path = $b AND rep.sipri_id = '65387') "
        "MATCH (rep)-[m:REPORTS]->(t:Transfer) "
        "RETURN rep.supplier, rep.recipient, rep.weapon, rep.order_year, t.id, m.rule, d.path ORDER BY d.path",
        {"a": CLASSIC, "b": T2025}).rows
    assert len(rows) == 2
    assert rows[0][:5] == rows[1][:5]  # same actors, weapon and order year: one deal
    assert {rows[0][5], rows[1][5]} <= {"anchor", "sipri-cross-format"}


# -- catalogue queries on the loaded excerpts ---------------------------------------------------------
def _years(value: str) -> list[int]:
    return [int(y) for y in value.split("; ")] if value else []


def _expected_by_actor(ref: Reference, actor_col: int, other_col: int, who: str, lo: int, hi: int
                       ) -> dict[str, float]:
    resolver = Resolver.standard(policies=POLICIES)
    totals: dict[str, float] = defaultdict(float)
    for row in ref.rows:
        if resolver.resolve(row[actor_col], "sipri").entity_id != who:
            continue
        years = _years(row[10])
        inside = [y for y in years if lo <= y <= hi]
        if inside:
            other = resolver.resolve(row[other_col], "sipri").entity_id or ""
            totals[other] += float(row[15] or 0) * len(inside) / len(years)
    return totals


def _check_ranking(rows: list[list[Any]], expected: dict[str, float], limit: int) -> None:
    ranked = sorted(expected.items(), key=lambda kv: -kv[1])[:limit]
    assert len(rows) == min(limit, len(expected))
    for (got_id, got_tiv), (want_id, want_tiv) in zip(rows, ranked, strict=True):
        assert got_tiv == pytest.approx(want_tiv, abs=0.01)
        assert got_id == want_id or got_tiv == pytest.approx(expected[got_id], abs=0.01)


@pytest.mark.parametrize(("lo", "hi"), [(1950, 2100), (2023, 2023), (1960, 1991)])
def test_supplier_and_recipient_rankings(store: Store, sipri_dir: Path, lo: int, hi: int) -> None:
    load_paths(store, [sipri_dir / CLASSIC])
    ref = reference(sipri_dir / CLASSIC)
    for query, param, who, actor_col, other_col in (
        ("top-suppliers-of-recipient", "recipient", "country:UKR", 0, 1),
        ("recipients-of-supplier", "supplier", "country:SUN", 1, 0),
        ("recipients-of-supplier", "supplier", "country:FRA", 1, 0),
    ):
        iso = who.split(":")[1]
        years = {"delivered_from": str(lo), "delivered_to": str(hi)}
        result = get_query(query).run(store, {param: iso, **years, "limit": "8"})
        expected = _expected_by_actor(ref, actor_col, other_col, who, lo, hi)
        rows = [[r[1], r[3]] for r in result.rows]
        _check_ranking(rows, expected, 8)


def test_category_transfers_by_year(store: Store, sipri_dir: Path) -> None:
    load_paths(store, [sipri_dir / T2026])
    ref = reference(sipri_dir / T2026)
    want: dict[int, list[Any]] = defaultdict(lambda: [set(), 0.0])
    for row in ref.rows:
        if row[2] == "Ukraine" and slug(row[5]) == "armoured-vehicles" and row[10]:
            want[int(row[10])][0].add(row[0])
            want[int(row[10])][1] += float(row[15] or 0)
    for category in ("armoured-vehicles", "Armoured vehicles"):
        result = get_query("category-transfers-to-country").run(store, {"recipient": "UKR", "category": category})
        assert [r[0] for r in result.rows] == sorted(want)
        for year, deals, tiv, *_ in result.rows:
            assert deals == len(want[year][0])
            assert tiv == pytest.approx(want[year][1], abs=0.01)
    window = get_query("category-transfers-to-country").run(
        store, {"recipient": "UKR", "category": "category:armoured-vehicles",
                "delivered_from": "2023", "delivered_to": "2023"})
    assert [r[0] for r in window.rows] == [2023]


def test_open_deals(store: Store, sipri_dir: Path) -> None:
    load_paths(store, [sipri_dir / CLASSIC])
    ref = reference(sipri_dir / CLASSIC)
    open_rows = [r for r in ref.rows if r[0] == "Ukraine" and r[4] and int(r[8] or 0) < int(r[4])]
    result = get_query("open-deals").run(store, {"recipient": "UKR", "limit": "1000"})
    assert len(result.rows) == len(open_rows)
    outstanding = sorted((float(r[14] or 0) - float(r[15] or 0) for r in open_rows), reverse=True)
    col = result.columns.index("tiv_outstanding")
    assert [r[col] for r in result.rows] == pytest.approx(outstanding, abs=0.01)
    every = get_query("open-deals").run(store, {"limit": "100000"})
    assert len(every.rows) == sum(1 for r in ref.rows if r[4] and int(r[8] or 0) < int(r[4]))


def test_vintage_is_on_every_fact(store: Store, sipri_dir: Path) -> None:
    load_paths(store, [sipri_dir / T2026])
    rows = store.run("MATCH (r:Report)-[:SOURCED_FROM]->(d:Document) RETURN DISTINCT d.data_generated").rows
    assert rows == [["2026-02-12T12:26:12"]]
    assert store.run("MATCH (t:Transfer) RETURN DISTINCT t.vintage").rows == [["2026-02-12T12:26:12"]]



@pytest.mark.parametrize("name", [CLASSIC, T2026])
def test_every_record_validates(sipri_dir: Path, name: str) -> None:
    """The loader builds per-deal records without re-running validators: they must all be valid anyway."""
    batch = next(SipriLoader().read(sipri_dir / name))
    for rec in batch.relations:
        rel = rec.relation
        again = type(rel).model_validate(rel.model_dump())
        assert again == rel
        assert (rel.src_label, rel.dst_label) == (again.src_label, again.dst_label)
        assert type(rec.provenance).model_validate(rec.provenance.model_dump()) == rec.provenance
    for node_rec in batch.nodes:
        node = node_rec.node
        assert type(node).model_validate(node.model_dump()) == node
        assert node_rec.provenance.document_id == batch.document.id


def test_detection_claims_sipri_files_only(shared_data: Path) -> None:
    for name in FILES:
        path = shared_data / "sipri" / name
        assert SipriLoader.sniff(path, path.read_bytes()[:65536]) >= 0.9
        assert isinstance(registry.pick(path), SipriLoader)
    others = [p for p in shared_data.rglob("*") if p.is_file() and p.suffix in (".csv", ".txt", ".json", ".md")
              and "sipri" not in p.parts]
    assert others
    for path in others:
        assert SipriLoader.sniff(path, path.read_bytes()[:65536]) < 0.5, path


def test_rankings_count_a_deal_in_both_formats_once(store: Store, sipri_dir: Path) -> None:
    """A deal in both formats is one Transfer; the rankings count it once (from the newer transfers format)."""
    load_paths(store, [sipri_dir / CLASSIC, sipri_dir / T2026])
    transfers = reference(sipri_dir / T2026)
    resolver = Resolver.standard(policies=POLICIES)

    def rid(name: str) -> str:
        return resolver.resolve(name, "sipri").entity_id or name

    lo, hi = 2022, 2024  # inside the years the 2026 export vouches for: it alone gives the figures
    expected: dict[str, float] = defaultdict(float)
    for row in transfers.rows:
        if rid(row[2]) == "country:UKR" and row[10] and lo <= int(row[10]) <= hi:
            expected[rid(row[1])] += float(row[15] or 0)
    both = count(store, "MATCH (c:Report {source: 'sipri-classic'})-[:REPORTS]->(t:Transfer)"
                        "<-[:REPORTS]-(:Report {source: 'sipri-transfers'}) MATCH (t)-[:TO]->(:Country {iso3: 'UKR'}) "
                        "RETURN count(DISTINCT t)")
    assert both > 250  # the SOURCE notes: 278 of the 2026 Ukraine deals match a classic record exactly
    result = get_query("top-suppliers-of-recipient").run(
        store, {"recipient": "UKR", "delivered_from": str(lo), "delivered_to": str(hi), "limit": "10"})
    _check_ranking([[r[1], r[3]] for r in result.rows], expected, 10)


# -- a large export is read as several batches of one Document ---------------------------------------------
def _facts(batches: list[Batch]) -> tuple[set[Any], set[Any], set[str]]:
    nodes = {(r.node.id, r.provenance.line, r.provenance.line_end, r.provenance.rule)
             for b in batches for r in b.nodes}
    relations = {(r.relation.type, r.relation.src, r.relation.dst, r.provenance.line)
                 for b in batches for r in b.relations}
    return nodes, relations, {str(e) for b in batches for e in b.errors}


@pytest.mark.parametrize("name", [CLASSIC, T2026])
def test_batches_of_one_document_hold_the_same_facts(sipri_dir: Path, name: str) -> None:
    path = sipri_dir / name
    ref = reference(path)
    whole = list(SipriLoader().read(path))
    assert len(whole) == 1  # the excerpts are smaller than one batch
    parts = list(SipriLoader(batch_deals=150).read(path))
    assert len(parts) == math.ceil(ref.deal_count() / 150) + (ref.deal_count() % 150 == 0)
    assert all(b.document == whole[0].document for b in parts)
    per_batch = [sum(isinstance(r.node, Report) for r in b.nodes) for b in parts]
    assert max(per_batch) == 150 and sum(per_batch) == ref.deal_count()
    assert sum(b.records_read for b in parts) == whole[0].records_read == ref.deal_count()
    assert _facts(parts) == _facts(whole)
    # actors, weapons and categories come once, in the batch of their first deal; later batches refer to them
    shared = [r.node.id for b in parts for r in b.nodes if not isinstance(r.node, Report)]
    assert len(shared) == len(set(shared))
    assert any(isinstance(r.node, WeaponSystem) for r in parts[-1].nodes) or len(parts) == 1
    # the reports about the whole file come with the last batch
    warnings = [e for b in parts[:-1] for e in b.errors if e.severity == "warning"]
    assert warnings == []


def _graph(store: Store) -> dict[str, Any]:
    """Everything a load wrote, in a comparable form."""
    return {
        "labels": store.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) ORDER BY l").rows,
        "types": store.run("MATCH ()-[r]->() RETURN type(r), count(r) ORDER BY type(r)").rows,
        "sources": sorted(map(tuple, store.run(
            "MATCH (n)-[p:SOURCED_FROM]->(d:Document) RETURN n.id, d.id, p.locators, p.rules").rows)),
        "relations": sorted((a, t, b, sorted(ev or []), num) for a, t, b, ev, num in store.run(
            "MATCH (a)-[r]->(b) WHERE type(r) <> 'SOURCED_FROM' "
            "RETURN a.id, type(r), b.id, r.evidence, r.number").rows),
        "transfers": sorted((i, sorted(p.items())) for i, p in store.run(
            "MATCH (t:Transfer) RETURN t.id, properties(t)").rows),
        "documents": store.run("MATCH (d:Document) RETURN d.id, d.loaded_by, d.loading ORDER BY d.id").rows,
    }


def test_batched_load_writes_what_one_batch_writes(store: Store, sipri_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = sipri_dir / CLASSIC
    report = load_paths(store, [path])
    assert not report.failed
    single = _graph(store)
    store.clear()
    monkeypatch.setattr(pipeline, "pick", lambda p, name=None, resolver=None: SipriLoader(batch_deals=150))
    report = load_paths(store, [path])
    assert [d.document_id for d in report.documents] == [single["documents"][0][0]]  # one document, one row
    assert report.documents[0].records == reference(path).deal_count()
    assert not report.failed
    assert _graph(store) == single


class _FailsAfter(SipriLoader):
    """The real loader, which gives up after ``good`` batches (as a loader bug or a lost file would)."""

    def __init__(self, good: int) -> None:
        super().__init__(batch_deals=150)
        self.good = good

    def read(self, path: Path) -> Any:
        for number, batch in enumerate(super().read(path)):
            if number == self.good:
                raise LoaderFailure(LoadError(file=path.name, line=batch.nodes[0].provenance.line,
                                              reason="gave up"))
            yield batch


def test_failure_after_some_batches_rolls_the_whole_document_back(store: Store, sipri_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches already written by a document that then fails are removed; what other files wrote stays."""
    load_paths(store, [sipri_dir / RESAVED])  # shares actors, weapons and deals with CLASSIC
    before = _graph(store)
    monkeypatch.setattr(pipeline, "pick", lambda p, name=None, resolver=None: _FailsAfter(good=3))
    report = load_paths(store, [sipri_dir / CLASSIC])
    assert report.failed and any("gave up" in e.reason for e in report.errors)
    assert report.documents[0].facts == 0
    assert _graph(store) == before
    monkeypatch.setattr(pipeline, "pick", lambda p, name=None, resolver=None: SipriLoader(batch_deals=150))
    again = load_paths(store, [sipri_dir / CLASSIC])
    assert not again.failed and not again.documents[0].skipped
    assert count(store, "MATCH (d:Document) RETURN count(d)") == 2


@pytest.mark.store
def test_directory_load_exits_0_when_every_record_loaded(tmp_path: Path, sipri_dir: Path) -> None:
    """Unresolved names and unknown descriptions are warnings (the records loaded): exit code 0."""
    data_dir = tmp_path / "data"
    try:
        result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "load", str(sipri_dir), "--format", "json"],
                                    env={"NEO4J_URI": ""})
    finally:
        EmbeddedServer(data_dir).stop()
    assert result.exit_code == 0, result.output
    summary = {Path(row["file"]).name: row for row in json.loads(result.stdout)}
    assert set(summary) == set(FILES)
    for name in FILES:
        assert summary[name]["errors"] == 0
        assert summary[name]["records"] == reference(sipri_dir / name).deal_count()
    assert summary[CLASSIC]["warnings"] > 0
    assert ": warning: no SIPRI category known for description" in result.stderr


def test_newer_vintage_wins_whatever_the_load_order(store: Store, sipri_dir: Path) -> None:
    """docs/sipri.md, Vintages: load 2026, then 2025; the deal takes the 2026 values, both vintages stay Reports."""
    old, new = reference(sipri_dir / T2025), reference(sipri_dir / T2026)
    load_paths(store, [sipri_dir / T2026])
    load_paths(store, [sipri_dir / T2025])
    both = set(old.deals) & set(new.deals)
    changed = [i for i in sorted(both)
               if math.fsum(float(r[15]) for r in old.deals[i]) != math.fsum(float(r[15]) for r in new.deals[i])]
    assert changed
    rows = store.run("MATCH (t:Transfer)<-[:REPORTS]-(r:Report)-[:SOURCED_FROM]->(d:Document) "
                     "WHERE t.sipri_id IN $ids "
                     "RETURN t.sipri_id, t.tiv_delivered, t.vintage, collect(d.data_generated)",
                     {"ids": changed}).rows
    assert len(rows) == len(changed)
    for deal_id, tiv, vintage, vintages in rows:
        assert tiv == pytest.approx(math.fsum(float(r[15]) for r in new.deals[deal_id]))
        assert vintage == "2026-02-12T12:26:12"
        assert sorted(vintages) == ["2025-01-03T21:16:02", "2026-02-12T12:26:12"]


def _suppliers_by_deal(path: Path) -> dict[str, str]:
    """Deal id -> supplier name, read with the csv module (independent of the loader)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID"))
    rows = csv.reader(line.rstrip(";") for line in lines[start:])
    header = next(rows)
    at, sup = header.index("SIPRI AT Database ID"), header.index("Supplier")
    return {row[at]: row[sup] for row in rows if len(row) > sup and row[at]}


def test_a_revised_supplier_counts_only_for_the_newer_vintage(store: Store, sipri_dir: Path) -> None:
    old, new = sipri_dir / "transfers-2025-01.excerpt.csv", sipri_dir / "transfers-2026-02.excerpt.csv"
    before, after = _suppliers_by_deal(old), _suppliers_by_deal(new)
    changed = {deal for deal in before.keys() & after.keys() if before[deal] != after[deal]}
    assert changed, "the excerpts hold deals whose supplier SIPRI revised"
    for order in ((new, old), (old, new)):
        store.clear()
        for path in order:
            load_paths(store, [path])
        rows = store.run("MATCH (s:Actor)-[:SUPPLIED]->(t:Transfer) WHERE t.sipri_id IN $ids "
                         "RETURN t.sipri_id, collect(s.name)", {"ids": sorted(changed)}).rows
        current = {deal: names for deal, names in rows}
        assert set(current) == changed
        for deal in changed:
            resolved = Resolver.standard(policies=POLICIES).resolve(after[deal], context="sipri").name
            assert current[deal] == [resolved], (deal, order)
        said = store.run("MATCH (r:Report) WHERE r.sipri_id IN $ids RETURN count(DISTINCT r.supplier)",
                         {"ids": sorted(changed)}).scalar()
        assert said >= 2  # what the older vintage said stays, as its Report

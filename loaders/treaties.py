"""Treaties, weapon categories and dated treaty membership tables.

Why: "was X bound by the CCM when it delivered Y" needs treaties as nodes that say what they prohibit
(weapon categories a transfer's weapon is in) and a dated ``PARTY_TO`` per state. Reference data lives in
``loaders/data/treaties.csv``, ``weapon_categories.csv`` and ``weapon_category_rules.csv``; party tables are
read by :class:`TreatyTableLoader` in four layouts (docs/reference-tables.md):

* ``armsgraph`` -- the documented format researchers write: treaty, state, signed, ratified, accession,
  entry_into_force, withdrew, source;
* ``untc`` -- the shared CCM table (state, signed, ratified_or_acceded, action, entry_into_force, ...), the
  treaty taken from a ``treaty`` column or the file name (``treaty-parties-ccm.csv``);
* ``survivalscores`` -- country, iso2, treaty, member, signed, joined, mechanism, withdrew;
* ``year-only`` -- treaty, iso3, year_joined (the LOW TRUST list: smoke tests only).

Every row is checked: the state must resolve to a Country (through the shared resolver), dates must be real
calendar dates, a (treaty, state) pair appears once. Bad rows are reported as ``file:line:field: reason`` and
the good rows load. The file must be UTF-8; a line that is not is reported, the others load.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pycountry

from armsgraph.loaders.base import Batch, LoaderFailure, LoadError, ResolvingLoader, sha256_of
from armsgraph.loaders.resolve import normalize
from armsgraph.loaders.textio import read_bytes
from armsgraph.schema import Country, Document, Node, PartyTo, Treaty, WeaponCategory

if TYPE_CHECKING:
    from armsgraph.graph.store import Store

TREATIES_FILE = "treaties.csv"
CATEGORIES_FILE = "weapon_categories.csv"
RULES_FILE = "weapon_category_rules.csv"
DATE_FIELDS = ("signed", "ratified", "accession", "entry_into_force", "withdrew")


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("armsgraph.loaders").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.split("|") if p.strip()]


# -- reference data ---------------------------------------------------------------------------------


@cache
def weapon_categories() -> dict[str, WeaponCategory]:
    """The controlled vocabulary, by key."""
    return {r["key"]: WeaponCategory(key=r["key"], name=r["name"], vocabulary=r["vocabulary"] or None)
            for r in _data_rows(CATEGORIES_FILE)}


@dataclass(frozen=True)
class TreatyInfo:
    node: Treaty
    aliases: tuple[str, ...]
    source: str
    eif_rule: str = ""
    """How the treaty enters into force for a state joining later (treaties.csv, column eif_rule)."""

    def entry_into_force_for(self, joined: str) -> str | None:
        """The state's entry into force from its deposit date (YYYY-MM-DD) by the treaty's own article."""
        if len(joined) != 10 or not self.eif_rule:
            return None
        day = dt.date.fromisoformat(joined)
        rule = self.eif_rule
        if rule == "deposit":
            own = day
        elif rule.startswith("days"):
            own = day + dt.timedelta(days=int(rule[4:]))
        elif rule in ("month6", "months6"):
            month = day.month - 1 + 6
            year, month = day.year + month // 12, month % 12 + 1
            last = calendar.monthrange(year, month)[1]
            own = dt.date(year, month, 1 if rule == "month6" else min(day.day, last))
        else:
            return None
        treaty = self.node.entry_into_force
        return max(own.isoformat(), treaty) if treaty else own.isoformat()


@cache
def treaty_catalogue() -> dict[str, TreatyInfo]:
    """Treaty key -> node, aliases and source; categories checked against the vocabulary."""
    categories = weapon_categories()
    out: dict[str, TreatyInfo] = {}
    for r in _data_rows(TREATIES_FILE):
        node = Treaty(key=r["key"], name=r["name"], short_name=r["short_name"] or None,
                      adopted=r["adopted"] or None, entry_into_force=r["entry_into_force"] or None,
                      prohibits=_split(r["prohibits"]), controls=_split(r["controls"]))
        unknown = [c for c in (*node.prohibits, *node.controls) if c not in categories]
        if unknown:
            raise ValueError(f"{TREATIES_FILE}: treaty {node.key} names unknown categories {unknown}")
        out[node.key] = TreatyInfo(node, tuple(_split(r["aliases"])), r["source"], r.get("eif_rule") or "")
    return out


@cache
def _treaty_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key, info in treaty_catalogue().items():
        for name in (key, info.node.name, info.node.short_name or "", *info.aliases):
            if normalize(name):
                names[normalize(name)] = key
    return names


def treaty_key(name: str) -> str | None:
    """'Convention on Cluster Munitions', 'CCM', 'ccm', 'OTTAWA' -> the treaty key, or None."""
    return _treaty_names().get(normalize(name))


@dataclass(frozen=True)
class CategoryRule:
    match: str
    pattern: str
    category: str
    source: str


@cache
def category_rules() -> tuple[CategoryRule, ...]:
    rules = tuple(CategoryRule(r["match"], r["pattern"], r["category"], r["source"]) for r in _data_rows(RULES_FILE))
    unknown = [r.category for r in rules if r.category not in weapon_categories()]
    if unknown or any(r.match not in ("designation", "token") for r in rules):
        raise ValueError(f"{RULES_FILE}: unknown categories {unknown} or match kinds")
    return rules


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[-_/]+", " ", text.casefold()).split())


def classify(designation: str, description: str | None = None) -> list[tuple[str, str]]:
    """Weapon categories the rules put a weapon system in: [(category key, rule source)], rule order.

    'designation' rules compare the whole designation (case, spaces and hyphens folded); 'token' rules look
    for the pattern as whole words in the designation or the description ('155mm DPICM' -> cluster-munitions).
    """
    design = _folded(designation)
    text = f" {design} {_folded(description or '')} "
    found: list[tuple[str, str]] = []
    for rule in category_rules():
        pattern = _folded(rule.pattern)
        hit = design == pattern if rule.match == "designation" else f" {pattern} " in text or (
            re.search(rf"(?<![a-z0-9]){re.escape(pattern)}(?![a-z0-9])", text) is not None)
        if hit and rule.category not in (c for c, _ in found):
            found.append((rule.category, f"{RULES_FILE}: {rule.match} {rule.pattern!r} ({rule.source})"))
    return found


# -- party tables -----------------------------------------------------------------------------------

LAYOUTS: dict[str, frozenset[str]] = {
    "armsgraph": frozenset({"treaty", "state"}),
    "untc": frozenset({"state", "signed", "ratified_or_acceded", "action"}),
    "survivalscores": frozenset({"country", "iso2", "treaty", "member", "signed", "joined", "mechanism"}),
    "year-only": frozenset({"treaty", "iso3", "year_joined"}),
}
"""Required header columns of each layout (most specific wins)."""

_RATIFY = {"ratified", "ratification", "accepted membership of", "acceptance", "gave approval to", "approval"}
_ACCEDE = {"acceded to", "accession", "joined", "inherited membership of", "succession"}
_MONTH_FORMATS = ("%d %b %Y", "%d %B %Y")


def parse_date(raw: str, *, year_only: bool = False) -> str | None:
    """An ISO date string from 'YYYY-MM-DD' or '3 Dec 2008' ('YYYY' where allowed); ValueError if invalid."""
    text = raw.strip()
    if not text:
        return None
    if year_only and re.fullmatch(r"\d{4}", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError as exc:
            raise ValueError(f"invalid date {text!r} ({exc})") from None
    for fmt in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError as exc:
            if "day is out of range" in str(exc) or "unconverted" in str(exc):
                raise ValueError(f"invalid date {text!r} ({exc})") from None
    raise ValueError(f"invalid date {text!r}: expected YYYY-MM-DD (or '3 Dec 2008')")


def detect_layout(header: list[str]) -> str | None:
    cols = {h.strip().lower() for h in header}
    matches = [name for name, need in LAYOUTS.items() if need <= cols]
    return max(matches, key=lambda n: len(LAYOUTS[n])) if matches else None


@dataclass
class _Row:
    line: int
    treaty: str | None
    state: str
    iso: str | None = None
    dates: dict[str, str | None] = field(default_factory=dict)
    citation: str | None = None
    skip: bool = False


class TreatyTableLoader(ResolvingLoader):
    """Dated treaty-membership tables (CSV) -> Treaty, Country and PARTY_TO with provenance per row."""

    name: ClassVar[str] = "treaty-table"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "treaty party/status tables (CSV): armsgraph, UNTC, survivalscores, year-only"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.suffix.lower() != ".csv":
            return 0.0
        first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
        while first.startswith("#"):
            rest = head.split(b"\n")
            first = next((r.decode("utf-8", "replace") for r in rest if not r.startswith(b"#")), "")
        layout = detect_layout(next(csv.reader([first]), []))
        # year-only lists are low trust: read only when asked for by name (--loader treaty-table)
        return 0.9 if layout is not None and layout != "year-only" else 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        data = read_bytes(path)
        lines, bad = _decode_lines(data)
        header_at = next((i for i, text in enumerate(lines) if text.strip() and not text.startswith("#")), None)
        if header_at is None or header_at in bad:
            raise LoaderFailure(LoadError(file=path.name, line=(header_at or 0) + 1, field=None,
                                          reason="no readable CSV header (is the file UTF-8?)"))
        header = [h.strip().lower() for h in next(csv.reader([lines[header_at]]))]
        layout = detect_layout(header)
        if layout is None:
            raise LoaderFailure(LoadError(
                file=path.name, line=header_at + 1,
                reason="unknown table layout; header must contain one of: "
                       + "; ".join(", ".join(sorted(v)) for v in LAYOUTS.values())))
        document = Document(sha256=sha256_of(data), kind="reference", path=path.name, title=path.name,
                            bytes=len(data), encoding="utf_8" if not bad else "utf_8 (invalid lines)")
        batch = self.new_batch(document)
        _TableReader(self, batch, path, layout, header).run(lines, header_at, bad)
        yield batch


def _decode_lines(data: bytes) -> tuple[list[str], dict[int, str]]:
    """Lines decoded as UTF-8 (BOM dropped); lines that are not UTF-8 come back Latin-1-decoded and listed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw_lines = data.split(b"\n")
    out: list[str] = []
    bad: dict[int, str] = {}
    for i, raw in enumerate(raw_lines):
        raw = raw.rstrip(b"\r")
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            out.append(raw.decode("latin-1"))
            bad[i] = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the table as UTF-8"
    return out, bad


class _TableReader:
    def __init__(self, loader: TreatyTableLoader, batch: Batch, path: Path, layout: str, header: list[str]) -> None:
        self.loader, self.batch, self.path, self.layout, self.header = loader, batch, path, layout, header
        self.added: set[str] = set()
        self.seen: dict[tuple[str, str], tuple[int, dict[str, str | None]]] = {}
        self.file_treaty = self._treaty_from_filename(path)
        self.source = path.stem
        """PARTY_TO is keyed by source: each table keeps its own edge, so disagreeing tables both stay."""

    @staticmethod
    def _treaty_from_filename(path: Path) -> str | None:
        match = re.search(r"treaty[-_]parties[-_]([a-z]+)", path.stem.lower())
        return treaty_key(match.group(1)) if match else None

    def run(self, lines: list[str], header_at: int, bad: dict[int, str]) -> None:
        for i in range(header_at + 1, len(lines)):
            text = lines[i]
            if not text.strip() or text.startswith("#"):
                continue
            line = i + 1
            self.batch.records_read += 1
            cells = next(csv.reader([text]), [])
            values = {h: (cells[j].strip() if j < len(cells) else "") for j, h in enumerate(self.header)}
            if i in bad:
                column = next((h for h in self.header if any(ord(c) > 127 for c in values.get(h, ""))), None)
                self.batch.error(line, column, bad[i])
                continue
            missing = [h for j, h in enumerate(self.header) if j >= len(cells) and h in LAYOUTS[self.layout]]
            if missing:
                self.batch.error(line, missing[0], f"truncated row: {len(cells)} of {len(self.header)} columns")
                continue
            row = self._row(line, values)
            if row is not None and not row.skip:
                self._emit(row)

    # one parser per layout -> _Row (dates still raw strings)
    def _row(self, line: int, v: dict[str, str]) -> _Row | None:
        if self.layout == "armsgraph":
            return _Row(line, v.get("treaty"), v.get("state", ""), v.get("iso3") or None,
                        {f: v.get(f) for f in DATE_FIELDS}, v.get("source") or None)
        if self.layout == "untc":
            action = v.get("action", "").lower()
            joined = v.get("ratified_or_acceded", "")
            dates: dict[str, str | None] = {"signed": v.get("signed"), "entry_into_force": v.get("entry_into_force"),
                                            "withdrew": v.get("withdrew")}
            if joined:
                if action in _ACCEDE:
                    dates["accession"] = joined
                elif action in _RATIFY:
                    dates["ratified"] = joined
                else:
                    self.batch.error(line, "action", f"unknown action {v.get('action')!r} for a ratification date "
                                                     "(ratification | accession | acceptance | approval)")
                    return None
            return _Row(line, v.get("treaty") or self.file_treaty, v.get("state", ""), None, dates,
                        v.get("source_url") or None)
        if self.layout == "survivalscores":
            joined, mechanism = v.get("joined", ""), v.get("mechanism", "").lower()
            dates = {"signed": v.get("signed"), "withdrew": v.get("withdrew")}
            if joined:
                dates["accession" if mechanism in _ACCEDE else "ratified"] = joined
            skip = not any(dates.values()) or treaty_key(v.get("treaty", "")) is None
            return _Row(line, v.get("treaty"), v.get("country", ""), v.get("iso2") or None, dates,
                        v.get("source_text") or None, skip=skip)
        # year-only (LOW TRUST): the year of joining, ratification or accession unknown -> 'ratified' YYYY
        return _Row(line, v.get("treaty"), v.get("iso3", ""), v.get("iso3") or None,
                    {"ratified": v.get("year_joined")}, "year only, low-trust list")

    def _country(self, row: _Row) -> Node | None:
        b = self.batch
        where = f"{self.path.name}:{row.line}"
        field_name = {"survivalscores": "country", "year-only": "iso3"}.get(self.layout, "state")
        if not row.state:
            b.error(row.line, field_name, "missing state")
            return None
        iso_node: Node | None = None
        if row.iso:
            rec = (pycountry.countries.get(alpha_2=row.iso) if len(row.iso) == 2
                   else pycountry.countries.get(alpha_3=row.iso) or pycountry.historic_countries.get(alpha_3=row.iso))
            if rec is None:
                b.error(row.line, "iso2" if len(row.iso) == 2 else "iso3", f"unknown ISO code {row.iso!r}")
                return None
            iso_node = self.loader.resolver.node_for_id(f"country:{rec.alpha_3}")
            if self.layout == "year-only":
                return iso_node
        res = self.loader.resolver.resolve(row.state, "treaty", where=where)
        if res.entity_id is None:
            if iso_node is not None:
                return iso_node  # the code settles it; the name stays on the review list
            extra = f" (candidates: {', '.join(res.candidates)})" if res.candidates else ""
            b.error(row.line, field_name, f"unknown country {row.state!r}: {res.rule}{extra}; "
                                          "see 'armsgraph resolve review'")
            return None
        if res.label != "Country":
            b.error(row.line, field_name, f"{row.state!r} is a {res.label} ({res.entity_id}), not a state")
            return None
        node = self.loader.resolver.node_for(res)
        if iso_node is not None and iso_node.id != node.id:
            b.error(row.line, field_name, f"{row.state!r} resolves to {node.id} but the ISO code says {iso_node.id}")
            return None
        return node

    def _emit(self, row: _Row) -> None:
        b = self.batch
        key = treaty_key(row.treaty or "")
        if key is None:
            b.error(row.line, "treaty", f"unknown treaty {row.treaty!r} (known: {', '.join(treaty_catalogue())})"
                    if row.treaty else "no treaty: add a 'treaty' column or name the file treaty-parties-<key>.csv")
            return
        dates: dict[str, str | None] = {}
        ok = True
        for name in DATE_FIELDS:
            raw = row.dates.get(name) or ""
            try:
                dates[name] = parse_date(raw, year_only=self.layout == "year-only")
            except ValueError as exc:
                column = {"untc": {"ratified": "ratified_or_acceded", "accession": "ratified_or_acceded"},
                          "survivalscores": {"ratified": "joined", "accession": "joined"},
                          "year-only": {"ratified": "year_joined"}}.get(self.layout, {}).get(name, name)
                b.error(row.line, column, str(exc))
                ok = False
        if not ok:
            return
        if not any(dates.values()):
            b.error(row.line, "signed", "no date at all: a party row needs a signature, ratification or accession")
            return
        joined = dates.get("ratified") or dates.get("accession")
        if dates.get("signed") and joined and len(joined) == 10 and joined < str(dates["signed"]):
            b.error(row.line, "signed", f"signed {dates['signed']} after consent to be bound {joined}")
            return
        if dates.get("withdrew") and joined and str(dates["withdrew"]) < joined:
            b.error(row.line, "withdrew", f"withdrew {dates['withdrew']} before joining {joined}")
            return
        country = self._country(row)
        if country is None:
            return
        pair = (key, country.id)
        if pair in self.seen:
            first, first_dates = self.seen[pair]
            what = "duplicate of" if first_dates == dates else "conflicts with"
            b.error(row.line, "state", f"{what} line {first} ({country.id}, {key}); line {first} kept")
            return
        self.seen[pair] = (row.line, dates)
        prov = b.provenance(line=row.line, rule=f"treaty-table:{self.layout}", citation=row.citation)
        info = treaty_catalogue()[key]
        for node in (country, info.node, *(weapon_categories()[c] for c in (*info.node.prohibits,
                                                                            *info.node.controls))):
            if node.id not in self.added:
                self.added.add(node.id)
                b.add_node(node, prov if isinstance(node, Country) else b.provenance(
                    line=row.line, rule="reference:" + (TREATIES_FILE if isinstance(node, Treaty) else CATEGORIES_FILE),
                    citation=info.source if isinstance(node, Treaty) else None))
        if not dates.get("entry_into_force") and joined:
            dates["entry_into_force"] = info.entry_into_force_for(str(joined))  # the treaty's own article
        b.add_relation(PartyTo(src=country.id, dst=info.node.id, source=self.source, **dates), prov)


# -- conflicts between sources ----------------------------------------------------------------------

PARTY_EDGES = (
    "MATCH (c:Country)-[p:PARTY_TO]->(t:Treaty)\n"
    "RETURN c.id AS country, c.name AS name, t.key AS treaty, p.source AS source, p.signed AS signed,\n"
    "       coalesce(p.ratified, p.accession) AS joined, p.withdrew AS withdrew\n"
    "ORDER BY treaty, country, source"
)


def _same(a: str | None, b: str | None) -> bool:
    """Dates agree at their common precision ('2009' agrees with '2009-07-08'). A date one source does not
    record (the low-trust list has no signatures) is not a disagreement."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def party_conflicts(store: Store, *, missing: bool = False) -> list[dict[str, str | None]]:
    """Where treaty tables disagree: the same state and treaty with different dates in two sources, and
    (``missing=True``) a state one source lists as bound that another source for the same treaty omits.

    Both edges stay in the graph with their provenance; this only lists the differences for a researcher.
    """
    rows = store.run(PARTY_EDGES).records()
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    sources_of: dict[str, set[str]] = {}
    for row in rows:
        by_pair.setdefault((row["treaty"], row["country"]), []).append(row)
        sources_of.setdefault(row["treaty"], set()).add(row["source"])
    out: list[dict[str, str | None]] = []
    for (treaty, country), edges in sorted(by_pair.items()):
        first = edges[0]
        for other in edges[1:]:
            for fld in ("signed", "joined", "withdrew"):
                if not _same(first[fld], other[fld]):
                    out.append({"treaty": treaty, "country": country, "name": first["name"], "field": fld,
                                "source": first["source"], "value": first[fld],
                                "other_source": other["source"], "other_value": other[fld]})
        if missing and any(e["joined"] for e in edges):
            for absent in sorted(sources_of[treaty] - {e["source"] for e in edges}):
                out.append({"treaty": treaty, "country": country, "name": first["name"], "field": "listed",
                            "source": first["source"], "value": "yes", "other_source": absent,
                            "other_value": None})
    return out

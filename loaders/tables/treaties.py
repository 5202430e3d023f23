"""Dated treaty membership tables: who is party to which treaty since when, one ``PARTY_TO`` per source.

Why: "was X bound by the CCM when it delivered Y" needs a dated ``PARTY_TO`` per state. Party tables are
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

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pycountry

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import read_bytes
from armsgraph.loaders.reference.categories import CATEGORIES_FILE, weapon_categories
from armsgraph.loaders.reference.treaties import TREATIES_FILE, treaty_catalogue, treaty_key
from armsgraph.loaders.resolve import TREATY
from armsgraph.schema import Country, Document, Node, PartyTo, Treaty
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of

DATE_FIELDS = ("signed", "ratified", "accession", "entry_into_force", "withdrew")


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
        res = self.loader.resolver.resolve(row.state, TREATY, where=where)
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



"""Protect Ukraine Now (github.com/protect-ukraine-now/pun): heavy-weapon commitments to Ukraine and US drawdowns.

Two files of the tracker's ``src/data/`` (docs/weapon-families.md):

* ``commits.json``: a JSON array of ``[date, donor, category, system, quantity, source URL]`` rows, one per
  announcement. Each row becomes a Report (source ``tracker``) at stage ``pledged`` (donor -> Ukraine, the system as a
  WeaponSystem with its family and category, the quantity as ``number_ordered``), cited to its
  URL. The donor is an ISO 3166 alpha-2 code (``gb``) or the tracker's ``eu``/``nato``.
* ``notifications.csv``: tab-separated US drawdown notices (date, type, Federal Register URL, amounts). Each
  becomes a Report at stage ``approved`` from the United States to Ukraine with its value, and no weapon.

Keys are digests of what a row says (``pun:<donor, date, system, quantity>``, ``pun-drawdown:<date, URL>``),
so a reload meets the same nodes. These are the tracker's records of a commitment; linking them to the SIPRI
deal they announce is the deal resolver's job (loaders/deals.py), not this loader's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pycountry

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import SourceText, decode_lines, read_text
from armsgraph.loaders.reference.categories import classify, weapon_categories
from armsgraph.loaders.reference.families import family_of
from armsgraph.loaders.resolve import TREATY, Resolution
from armsgraph.schema import Document, Node, Provenance, Report, WeaponSystem
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import digest, slug
from armsgraph.schema.relations import InCategory, InFamily
from armsgraph.schema.values import Stage

HOME = "https://github.com/protect-ukraine-now/pun"
POLICY = TREATY
"""The donor column is a column of actors, not prose: names and codes, no capitals or demonyms."""
RECIPIENT = "Ukraine"
DRAWDOWN_SUPPLIER = "United States"

CATEGORIES: dict[str, str] = {
    "Towed Artillery": "artillery",
    "Self-Propelled Artillery": "artillery",
    "Multiple Launch Rocket System": "artillery",
    "Air Defense System": "air-defence-systems",
    "Warplane": "aircraft",
    "Helicopter": "aircraft",
    "Tank": "armoured-vehicles",
    "Infantry Fighting Vehicle": "armoured-vehicles",
}
"""The tracker's eight categories (its ``categories.json``) -> SIPRI armament categories (same scope)."""

MAX_TEXT = 300
MAX_URL = 2000
_COMMITS_HEAD = re.compile(
    r'^\s*\[\s*\[\s*"\d{4}-\d{2}-\d{2}"\s*,\s*"[a-z]{2,5}"\s*,\s*"[^"\n]*"\s*,\s*"[^"\n]*"\s*,\s*\d+\s*,'
    r'\s*(?:"https?://|null)')
_NOTICE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}\t[^\t]+\thttps?://\S+(\t|$)")
_AMOUNT = re.compile(r"^\$(\d+(?:\.\d+)?) (million|billion)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _head_text(head: bytes) -> str:
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _iso_date(value: object) -> str | None:
    """An ISO YYYY-MM-DD date that exists, else None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _text(value: object, limit: int = MAX_TEXT) -> str | None:
    """A usable name: a non-empty string, no control characters, not absurdly long."""
    if not isinstance(value, str) or not value.strip() or _CONTROL.search(value) or len(value) > limit:
        return None
    return value.strip()


@dataclass
class _Actor:
    node: Node
    line: int
    records: int = 0
    unresolved: bool = False


class ProtectUkraineNowLoader(ResolvingLoader):
    """Protect Ukraine Now: dated donor -> Ukraine heavy-weapon commitments, and US drawdown notices."""

    name: ClassVar[str] = "protect-ukraine-now"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "Protect Ukraine Now tracker: commits.json (commitments) or notifications.csv"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        text = _head_text(head)
        suffix = path.suffix.lower()
        if suffix == ".json" and _COMMITS_HEAD.match(text):
            return 0.9
        if suffix == ".csv" and _NOTICE_LINE.match(text.split("\n", 1)[0].rstrip("\r")):
            return 0.9
        return 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        source = read_text(path, allowed=("utf_8", "utf_8_sig", "ascii"))
        if path.suffix.lower() == ".json":
            batch = self._batch(source, "commitments")
            _Commitments(self, batch, source.text).read()
        else:
            batch = self._batch(source, "drawdown notices")
            _Notices(self, batch).read(source.data)
        yield batch

    def _batch(self, source: SourceText, what: str) -> Batch:
        document = Document(sha256=source.sha256, kind="tracker", path=source.name,
                            title=f"Protect Ukraine Now: {what} ({source.name})", publisher="Protect Ukraine Now",
                            url=HOME, bytes=len(source.data), encoding=source.encoding)
        return self.new_batch(document)


class _Builder:
    """Shared by both files: actors resolved once per file, reported once per unresolved name."""

    def __init__(self, loader: ProtectUkraineNowLoader, batch: Batch) -> None:
        self.loader = loader
        self.batch = batch
        self.actors: dict[str, _Actor] = {}
        self.unresolved: list[tuple[str, str]] = []
        self.added: set[str] = set()

    def actor(self, name: str, line: int, column: str) -> str:
        seen = self.actors.get(name)
        if seen is None:
            resolution: Resolution = self.loader.resolver.resolve(
                name, POLICY, where=f"{self.batch.document.path}:{line}")
            node = self.loader.resolver.node_for(resolution)
            unresolved = resolution.entity_id is None or resolution.rule in ("unresolved", "ambiguous")
            seen = self.actors[name] = _Actor(node, line, unresolved=unresolved)
            self.batch.add_node(node, self.batch.provenance(line=line, rule=f"resolve:{resolution.rule}"))
            if unresolved:
                self.unresolved.append((name, column))
        seen.records += 1
        return seen.node.id

    def report_unresolved(self) -> None:
        for name, column in self.unresolved:
            seen = self.actors[name]
            self.batch.warn(seen.line, column, f"{column} {name!r} did not resolve ({seen.records} records): "
                            f"loaded as {seen.node.id} for review")

    def once(self, node: Node, prov: Provenance) -> str:
        """A shared node (family, category, weapon) added once per file."""
        if node.id not in self.added:
            self.added.add(node.id)
            self.batch.add_node(node, prov)
        return node.id


class _Commitments(_Builder):
    def __init__(self, loader: ProtectUkraineNowLoader, batch: Batch, text: str) -> None:
        super().__init__(loader, batch)
        self.text = text

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def read(self) -> None:
        """Each element of the top-level array in turn, so the rows before a broken one still load."""
        text, decoder = self.text, json.JSONDecoder()
        pos = len(text) - len(text.lstrip())
        if not text.startswith("[", pos):
            raise LoaderFailure(LoadError(file=self.batch.document.path or "", line=self.line_of(pos),
                                          reason="not a Protect Ukraine Now commits.json: expected a JSON array"))
        pos += 1
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text):
                self.batch.error(self.line_of(pos), None, "truncated JSON: the array is not closed")
                break
            if text[pos] == "]":
                break
            try:
                row, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                self.batch.error(self.line_of(exc.pos), None,
                                 f"not valid JSON ({exc.msg}); truncated file? the rows after it are not read")
                break
            self.batch.records_read += 1
            self.row(row, self.line_of(pos), self.line_of(end - 1))
            pos = end
        self.report_unresolved()

    def row(self, row: Any, line: int, line_end: int) -> None:
        batch = self.batch
        if not isinstance(row, list) or len(row) != 6:
            batch.error(line, None, "a commitment is [date, donor, category, system, quantity, source URL]")
            return
        raw_date, donor, category, system, quantity, url = row
        when = _iso_date(raw_date)
        checks: list[tuple[bool, str, str]] = [
            (when is None, "date", f"not an ISO date (YYYY-MM-DD): {raw_date!r:.60}"),
            (_text(donor, 40) is None, "donor", f"not a donor code: {donor!r:.60}"),
            (_text(system) is None, "system", f"not a weapon system name: {system!r:.60}"),
            (not isinstance(quantity, int) or isinstance(quantity, bool) or not 0 < quantity < 1_000_000,
             "quantity", f"not a positive whole number: {quantity!r:.60}"),
            (url is not None and (_text(url, MAX_URL) is None or not str(url).startswith(("https://", "http://"))),
             "source", f"not an http(s) URL: {url!r:.60}"),
        ]
        for bad, field, reason in checks:
            if bad:
                batch.error(line, field, reason)
                return
        assert when is not None and isinstance(donor, str) and isinstance(system, str)
        system = system.strip()
        citation = url.strip() if isinstance(url, str) else None
        prov = batch.provenance(line=line, line_end=line_end, rule="pun:commitment", citation=citation)
        if citation is None:
            batch.warn(line, "source", "no source URL: loaded without a citation")
        supplier = self.actor(donor_name(donor), line, "donor")
        recipient = self.actor(RECIPIENT, line, "recipient")
        weapon, family = self.weapon(system, category, prov)
        self.batch.add_node(Report(
            key=f"pun:{digest(donor.strip().lower(), when, system, quantity)}", source="tracker",
            supplier=supplier, recipient=recipient, weapon=weapon, family=family, designation=system,
            stage=Stage.PLEDGED, date=when, number_ordered=quantity), prov)

    def weapon(self, system: str, category: object, prov: Provenance) -> tuple[str, str | None]:
        """The system's WeaponSystem (shared by key with every source that names it so) and family id; adds its
        family and category edges the first time."""
        node = WeaponSystem(designation=system, key=slug(system) or digest(system))
        found = family_of(system)
        family = found.family.id if found is not None and found.role == "member" else None
        if node.id in self.added:
            return node.id, family
        self.once(node, prov)
        if found is not None:
            self.once(found.family, prov)
            self.batch.add_relation(InFamily(src=node.id, dst=found.family.id, role=found.role),
                                    prov.model_copy(update={"rule": found.rule}))
        keys = [key for key, _ in classify(system)]
        sipri_key = CATEGORIES.get(category) if isinstance(category, str) else None
        if sipri_key is None:
            self.batch.warn(prov.line, "category", f"unknown tracker category {category!r:.60}: "
                            "weapon loaded without its armament category")
        elif sipri_key not in keys:
            keys.append(sipri_key)
        for key in keys:
            category_node = weapon_categories()[key]
            self.once(category_node, prov)
            self.batch.add_relation(InCategory(src=node.id, dst=category_node.id),
                                    prov.model_copy(update={"rule": f"pun:category {category!r:.60}"}))
        return node.id, family


def donor_name(code: str) -> str:
    """The name the resolver looks up for a donor code: the ISO 3166 country's, else the code ('EU', 'NATO')."""
    code = code.strip()
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return str(country.name) if country is not None else code.upper()


class _Notices(_Builder):
    def read(self, data: bytes) -> None:
        lines, bad = decode_lines(data)
        for index, raw in enumerate(lines):
            if not raw.strip():
                continue
            self.batch.records_read += 1
            if index in bad:
                self.batch.error(index + 1, None, bad[index])
                continue
            self.row(raw.split("\t"), index + 1)
        self.report_unresolved()

    def row(self, cells: list[str], line: int) -> None:
        batch = self.batch
        if len(cells) < 3:
            batch.error(line, None, "a drawdown notice is date, type, URL, amounts (tab-separated)")
            return
        when, kind, url, amounts = _iso_date(cells[0].strip()), _text(cells[1]), cells[2].strip(), cells[3:]
        if when is None:
            batch.error(line, "date", f"not an ISO date (YYYY-MM-DD): {cells[0]!r:.60}")
            return
        if kind is None:
            batch.error(line, "type", f"not a notice type: {cells[1]!r:.60}")
            return
        if _text(url, MAX_URL) is None or not url.startswith(("https://", "http://")):
            batch.error(line, "url", f"not an http(s) URL: {url!r:.60}")
            return
        values: list[float] = []
        for amount in (a.strip() for a in amounts if a.strip()):
            found = _AMOUNT.match(amount)
            if found is None:
                batch.warn(line, "amount", f"amount {amount!r:.60} is not '$N million|billion': not counted")
                continue
            values.append(float(found.group(1)) * (1e9 if found.group(2) == "billion" else 1e6))
        prov = batch.provenance(line=line, rule="pun:drawdown", citation=url)
        shown = "; ".join(a.strip() for a in amounts if a.strip()) or "no amount"
        batch.add_node(Report(
            key=f"pun-drawdown:{digest(when, url)}", source="tracker",
            supplier=self.actor(DRAWDOWN_SUPPLIER, line, "supplier"),
            recipient=self.actor(RECIPIENT, line, "recipient"), stage=Stage.APPROVED, date=when,
            value_usd=sum(values) if values else None, comments=f"US drawdown ({kind}): {shown}"), prov)

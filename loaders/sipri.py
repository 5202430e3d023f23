"""SIPRI Arms Transfers Database exports -> Transfer nodes with actors, weapons and categories.

Both export formats are detected from their header line (the preamble above it is optional: spreadsheets drop
it), whatever the encoding (Latin-1 raw exports, UTF-8 with BOM re-saves, ASCII) and line ends.

Transfer keys (deterministic, so a reload or a second vintage meets the existing node):

* transfers format: ``sipri:<SIPRI AT Database ID>``. SIPRI keeps the id stable across vintages, so a newer
  vintage updates the same node (its values win: the writer sets the properties of the last load) and adds
  one more SOURCED_FROM edge to its own Document, which carries the vintage (``data_generated``).
* classic format (no deal id): ``sipri-classic:<digest>[-n]`` where the digest is taken over the deal's
  identity: resolved supplier id, resolved recipient id, order year, weapon id (slug of the designation)
  and number ordered; ``-n`` (n >= 2) numbers the n-th record of the same identity in the file, because SIPRI
  lists two equal orders as two byte-identical records. Using resolved actor ids makes the key survive SIPRI's
  renames (Turkey -> Turkiye). If SIPRI revises an identity field between vintages (a new order year, a
  corrected number ordered), the revised deal gets a new node and the old one stays, linked only to the older
  Document: find such stale deals by their SOURCED_FROM edges. Revisions of any other field (deliveries,
  TIVs, comments, flags) update the same node.
* the two formats do not share a key (the transfers format has no number ordered, the classic one no id):
  they meet on the same actor, WeaponSystem and WeaponCategory nodes, and the catalogue's TIV rankings count
  a deal present in both (same supplier, recipient, weapon, order year) once; see docs/sipri.md.
"""

from __future__ import annotations

import gc
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import BaseModel

from armsgraph.loaders import sipri_classic, sipri_transfers
from armsgraph.loaders.base import (
    Batch,
    Loader,
    LoaderFailure,
    LoadError,
    NodeRecord,
    RelationRecord,
    sha256_of,
)
from armsgraph.loaders.sipri_categories import category_key, category_node, description_table, is_known
from armsgraph.loaders.sipri_records import Preamble, RowError, SipriDeal, parse_preamble
from armsgraph.loaders.textio import SourceText
from armsgraph.schema import Document, Node, Provenance, Transfer, WeaponSystem
from armsgraph.schema.ids import digest, slug
from armsgraph.schema.relations import InCategory, Of, Supplied, To

if TYPE_CHECKING:
    from armsgraph.loaders.resolve import Resolution, Resolver

PREAMBLE_SOURCE = "Source: SIPRI Arms Transfers Database"
HEADER_SEARCH_LINES = 40
"""The header must appear within this many lines (SIPRI's preamble has 11)."""

_PER_YEAR_FIELDS = frozenset({"delivered_per_year", "tiv_delivered_per_year", "local_production"})


class SipriTransfer(Transfer):
    """A Transfer with the transfers format's per-year deliveries (parallel to ``delivery_years``).

    A bridge until ``armsgraph.schema.Transfer`` declares these fields itself (then Transfer is used):
    no label of its own, so it is written, queried and rolled back as a plain Transfer.
    """

    delivered_per_year: list[int] | None = None
    tiv_delivered_per_year: list[float] | None = None
    local_production: bool | None = None


TRANSFER_CLASS: type[Transfer] = Transfer if set(Transfer.model_fields) >= _PER_YEAR_FIELDS else SipriTransfer


class SipriFormat(StrEnum):
    CLASSIC = "classic"
    TRANSFERS = "transfers"


@dataclass
class ParsedExport:
    """A SIPRI file split into preamble metadata, deals and the records that could not be read."""

    source: SourceText
    format: SipriFormat
    header_line: int
    preamble: Preamble
    deals: list[SipriDeal] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Physical lines without their line ends (LF, CR LF, or old-Mac CR); no empty last line."""
    lines = text.split("\n") if "\n" in text or "\r" not in text else text.split("\r")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def find_header(lines: list[str]) -> tuple[SipriFormat, int] | None:
    """The format and 0-based index of the header line, looking at the first lines only."""
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        fields = line.lstrip("\ufeff").split(",")
        if sipri_classic.is_header(fields):
            return SipriFormat.CLASSIC, index
        if sipri_transfers.is_header(fields):
            return SipriFormat.TRANSFERS, index
    return None


def parse_export(source: SourceText) -> ParsedExport:
    """Detect the format and parse every record; raise :class:`LoaderFailure` if this is no SIPRI export."""
    lines = split_lines(source.text)
    found = find_header(lines)
    if found is None:
        sipri_preamble = any(line.startswith(PREAMBLE_SOURCE) for line in lines[:HEADER_SEARCH_LINES])
        what = "only a preamble, no" if sipri_preamble else "no"
        raise LoaderFailure(LoadError(
            file=source.name, line=min(len(lines), HEADER_SEARCH_LINES) or 1, field=None,
            reason=f"not a SIPRI export: {what} SIPRI header line ('Recipient,Supplier,...' or "
                   f"'SIPRI AT Database ID,...') in the first {HEADER_SEARCH_LINES} lines"))
    fmt, index = found
    module = sipri_classic if fmt is SipriFormat.CLASSIC else sipri_transfers
    header = lines[index].lstrip("\ufeff")
    header_fields = (header.removesuffix(";") if fmt is SipriFormat.TRANSFERS else header).split(",")
    problem = module.header_problem(header_fields)
    if problem is not None:
        raise LoaderFailure(LoadError(file=source.name, line=index + 1, field=None,
                                      reason=f"unexpected SIPRI {fmt} header: {problem}"))
    preamble, preamble_errors = parse_preamble(lines[:index])
    export = ParsedExport(source, fmt, index + 1, preamble, errors=list(preamble_errors))
    body = lines[index + 1:]
    parse = sipri_classic.parse_classic if fmt is SipriFormat.CLASSIC else sipri_transfers.parse_transfers
    for item in parse(body, index + 2):
        if isinstance(item, RowError):
            export.errors.append(item)
        else:
            export.deals.append(item)
    if not export.deals and not export.errors:
        raise LoaderFailure(LoadError(file=source.name, line=index + 1, field=None,
                                      reason="SIPRI export without records: nothing after the header"))
    return export


def read_export_text(path: Path) -> SourceText:
    """Read a SIPRI export: UTF-8 (with or without BOM) when it decodes as such, else Windows-1252.

    A sound rule instead of a statistical guess: SIPRI exports are UTF-8/ASCII or Latin-1 (cp1252 is its
    superset for the printable range), and a Latin-1 file with accented letters is almost never valid UTF-8.
    charset-normalizer, asked about the raw Latin-1 export, answers cp1250 (which differs on letters such as
    'ã'), and it takes seconds on a 30,000-deal file. Bytes cp1252 leaves undefined decode as Latin-1.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoaderFailure(LoadError(file=path.name, reason=f"cannot read: {exc.strerror}")) from exc
    if not data.strip():
        raise LoaderFailure(LoadError(file=path.name, line=1, reason="empty file"))
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf_8_sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf_8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin_1"), "latin_1"
    if "\x00" in text:
        raise LoaderFailure(LoadError(file=path.name, reason="binary file (NUL bytes), not a CSV export"))
    return SourceText(path=path, data=data, text=text, encoding=encoding, sha256=sha256_of(data))


def _sniff_text(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a multi-byte character cut at the end of the head
            return head[: exc.start].decode("utf-8")
        return head.decode("cp1252", errors="replace")


@dataclass
class _Seen:
    node: Node
    first_line: int
    records: int = 0
    unresolved: bool = False
    column: str | None = None


class SipriLoader(Loader):
    """SIPRI Arms Transfers Database exports: classic trade register and the newer transfers format."""

    name: ClassVar[str] = "sipri"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "SIPRI Arms Transfers Database CSV export (trade register or transfers)"

    def __init__(self, resolver: Resolver | None = None) -> None:
        self._resolver = resolver

    @property
    def resolver(self) -> Resolver:
        """The shared resolver (``default_resolver()``) unless one was given."""
        if self._resolver is None:
            from armsgraph.loaders.resolve import default_resolver

            self._resolver = default_resolver()
        return self._resolver

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        lines = split_lines(_sniff_text(head))
        if find_header(lines) is not None:
            return 0.95
        if any(line.startswith(PREAMBLE_SOURCE) for line in lines[:HEADER_SEARCH_LINES]):
            return 0.5  # SIPRI's preamble without a header: this loader explains what is wrong
        return 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        batch = self.batch_of(parse_export(read_export_text(path)))
        # Nothing but the batch stays referenced while the pipeline writes it (file text, parsed deals).
        yield batch

    def document_of(self, export: ParsedExport) -> Document:
        source, preamble = export.source, export.preamble
        return Document(
            sha256=source.sha256,
            kind="sipri-export",
            path=source.name,
            title=preamble.title,
            publisher="SIPRI",
            date=preamble.date,
            bytes=len(source.data),
            encoding=source.encoding,
            data_generated=preamble.data_generated,
            year_range=preamble.year_range,
        )

    def batch_of(self, export: ParsedExport) -> Batch:
        """Everything the export contributes to the graph, with every record error on the batch.

        The cyclic garbage collector is paused while the batch is built: it allocates ~9 objects per deal,
        none of them in reference cycles, and the collector's passes over the growing heap took 45 % of the
        time at 30,000 deals. Reference counting still frees everything; the previous state is restored.
        """
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return _BatchBuilder(self, export).build()
        finally:
            if was_enabled:
                gc.enable()


class _BatchBuilder:
    """Turns parsed deals into nodes and relations; actors, weapons and categories once per file."""

    def __init__(self, loader: SipriLoader, export: ParsedExport) -> None:
        self.export = export
        self.batch = loader.new_batch(loader.document_of(export))
        self.resolver = loader.resolver
        self.classic = export.format is SipriFormat.CLASSIC
        self.rule = "classic" if self.classic else "transfers"
        self.actors: dict[str, _Seen] = {}
        self.weapons: dict[str, _Seen] = {}
        self.categories: dict[str, _Seen] = {}
        self.in_category: set[tuple[str, str]] = set()
        self.unknown_descriptions: dict[str, list[int]] = {}
        self.identities: Counter[str] = Counter()

    def build(self) -> Batch:
        batch = self.batch
        for error in self.export.errors:
            batch.error(error.line, error.field, error.reason)
        for deal in self.export.deals:
            self.add_deal(deal)
        self.report_unresolved()
        for description, lines in self.unknown_descriptions.items():
            batch.error(lines[0], "Weapon description",
                        f"no SIPRI category known for description {description!r} ({len(lines)} records): "
                        "weapon loaded without a category")
        batch.errors.sort(key=lambda e: e.line or 0)
        batch.records_read = len(self.export.deals) + sum(1 for e in self.export.errors if e.rejects)
        return batch

    # -- actors -------------------------------------------------------------------------------
    def actor(self, name: str, line: int, column: str) -> str:
        seen = self.actors.get(name)
        if seen is None:
            resolution: Resolution = self.resolver.resolve(
                name, context="sipri", where=f"{self.batch.document.path}:{line}")
            node = self.resolver.node_for(resolution)
            unresolved = resolution.entity_id is None or resolution.rule in ("unresolved", "ambiguous")
            seen = self.actors[name] = _Seen(node, line, unresolved=unresolved, column=column)
            self.batch.add_node(node, self.batch.provenance(line=line, rule=f"resolve:{resolution.rule}"))
        seen.records += 1
        return seen.node.id

    def report_unresolved(self) -> None:
        for name, seen in self.actors.items():
            if seen.unresolved:
                self.batch.error(seen.first_line, seen.column,
                                 f"actor name {name!r} did not resolve ({seen.records} records): "
                                 f"loaded as {seen.node.id} for review")

    # -- weapons and categories ------------------------------------------------------------------
    def weapon(self, deal: SipriDeal, prov: Provenance) -> str:
        designation = deal.designation
        if designation.endswith(" -"):
            designation = designation[:-2].rstrip() or designation
        key = slug(designation) or digest(designation)
        seen = self.weapons.get(key)
        if seen is None:
            node = WeaponSystem(designation=designation, description=deal.description or None, key=key)
            seen = self.weapons[key] = _Seen(node, deal.line)
            self.batch.add_node(node, prov)
        category = self.category_of(deal)
        if category is not None and (seen.node.id, category[0]) not in self.in_category:
            self.in_category.add((seen.node.id, category[0]))
            self.batch.add_relation(InCategory(src=seen.node.id, dst=category[0]),
                                    self.batch.provenance(line=deal.line, rule=category[1]))
        return seen.node.id

    def category_of(self, deal: SipriDeal) -> tuple[str, str] | None:
        """(category node id, rule) of a deal's weapon, adding the category node the first time."""
        if deal.category is not None:
            name, rule = deal.category, "armament-category"
            if not is_known(name) and category_key(name) not in self.categories:
                self.batch.error(deal.line, "Armament category",
                                 f"not one of SIPRI's 11 categories: {name!r} (loaded as a new category)")
        else:
            found = description_table().lookup(deal.description)
            if found is None:
                self.unknown_descriptions.setdefault(deal.description, []).append(deal.line)
                return None
            name, rule = found
        key = category_key(name)
        seen = self.categories.get(key)
        if seen is None:
            node = category_node(name)
            seen = self.categories[key] = _Seen(node, deal.line)
            self.batch.add_node(node, self.batch.provenance(line=deal.line, rule=rule))
        return seen.node.id, rule

    # -- deals ------------------------------------------------------------------------------------
    def add_deal(self, deal: SipriDeal) -> None:
        """One validated Transfer, with its SUPPLIED, TO and OF relations (see :func:`_trusted`)."""
        batch = self.batch
        prov = batch.provenance(line=deal.line, line_end=deal.line_end, rule=self.rule)
        supplier = self.actor(deal.supplier, deal.line, "Supplier")
        recipient = self.actor(deal.recipient, deal.line, "Recipient")
        weapon = self.weapon(deal, prov)
        if deal.sipri_id is not None:
            key = f"sipri:{deal.sipri_id}"
        else:
            identity = digest(supplier, recipient, deal.order_year, weapon, deal.number_ordered)
            self.identities[identity] += 1
            n = self.identities[identity]
            key = f"sipri-classic:{identity}" + (f"-{n}" if n > 1 else "")
        props: dict[str, Any] = {
            "key": key,
            "stage": "delivered" if deal.delivery_years else "ordered",
            "date": None if deal.order_year is None else f"{deal.order_year:04d}",
            "order_year": deal.order_year,
            "order_year_estimate": deal.order_year_estimate,
            "number_ordered": deal.number_ordered,
            "number_ordered_estimate": deal.number_ordered_estimate if self.classic else None,
            "number_delivered": deal.number_delivered,
            "number_delivered_estimate": deal.number_delivered_estimate,
            "delivery_years": deal.delivery_years,
            "status": deal.status,
            "tiv_unit": deal.tiv_unit,
            "tiv_order": deal.tiv_order,
            "tiv_delivered": deal.tiv_delivered,
            "comments": deal.comments,
            "sipri_id": deal.sipri_id,
        }
        if not self.classic:
            props["delivered_per_year"] = deal.delivered_per_year
            props["tiv_delivered_per_year"] = deal.tiv_delivered_per_year
            props["local_production"] = deal.local_production
        transfer = TRANSFER_CLASS(**props)
        tid = transfer.id
        number = deal.number_ordered if deal.number_ordered is not None else deal.number_delivered
        batch.nodes.append(_trusted(NodeRecord, node=transfer, provenance=prov))
        relations = batch.relations
        relations.append(_trusted(RelationRecord, relation=_trusted(Supplied, src=supplier, dst=tid), provenance=prov))
        relations.append(_trusted(RelationRecord, relation=_trusted(To, src=tid, dst=recipient), provenance=prov))
        relations.append(_trusted(RelationRecord, relation=_trusted(Of, src=tid, dst=weapon, number=number),
                                  provenance=prov))


_M = TypeVar("_M", bound=BaseModel)


def _trusted(cls: type[_M], **values: Any) -> _M:
    """A model instance from values that are valid by construction, without running its validators.

    Used only per deal, for records and relations whose every value comes from nodes validated just before
    (actor, weapon and transfer ids; the batch's provenance): at 30,000 deals their validation was a third
    of the loader's time. Every field must be given. ``tests/loaders/test_sipri.py`` re-validates all of
    them on the real excerpts, so a pydantic change that breaks this shows there.
    """
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def tiv_total(deals: list[SipriDeal]) -> float:
    """Sum of TIV delivered over deals (exact float sum, rounded to the cent of a million)."""
    return round(math.fsum(d.tiv_delivered or 0.0 for d in deals), 2)

"""SIPRI Arms Transfers Database exports -> Reports (one per deal and vintage) with actors, weapons, categories.

Both export formats are detected from their header line (the preamble above it is optional: spreadsheets drop
it), whatever the encoding (Latin-1 raw exports, UTF-8 with BOM re-saves, ASCII) and line ends.

A Report is what one export says about one deal; the deal itself (the Transfer) is made by the graph's deal
resolver from every Report of it (armsgraph.loaders.deals, docs/transfers.md). Report keys are
deterministic, so a reload meets the same node; the vintage (``data_generated``, else the file's hash) is part
of the key, so each vintage keeps its own record:

* transfers format: ``sipri:<SIPRI AT Database ID>@<vintage>``; the resolver joins vintages on the id.
* classic format (no deal id): ``sipri-classic:<digest>[-n]@<vintage>`` where the digest is taken over the
  deal's identity: resolved supplier id, resolved recipient id, order year, weapon id (slug of the designation)
  and number ordered; ``-n`` (n >= 2) numbers the n-th record of the same identity in the file, because SIPRI
  lists two equal orders as two byte-identical records. Using resolved actor ids makes the key survive SIPRI's
  renames (Turkey -> Turkiye).
* the two formats share no key (the transfers format has no number ordered, the classic one no id): the
  resolver matches them on supplier, recipient, order year, designation, numbers, delivery years and TIV.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import operator
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import (
    BOM,
    SourceText,
    decode_utf16,
    read_bytes,
    split_lines,
    strip_bom,
    utf16_encoding,
)
from armsgraph.loaders.reference.categories import classify, weapon_categories
from armsgraph.loaders.reference.families import family_of
from armsgraph.loaders.resolve import Resolution, Resolver
from armsgraph.loaders.sipri import classic, transfers
from armsgraph.loaders.sipri.categories import category_key, category_node, description_table, is_known
from armsgraph.loaders.sipri.names import SIPRI
from armsgraph.loaders.sipri.records import Preamble, RowError, SipriDeal, parse_preamble
from armsgraph.loaders.sipri.reports import CHECKED, ReportMaker
from armsgraph.schema import Document, Node, Provenance, Report, WeaponCategory, WeaponSystem
from armsgraph.schema.batch import Batch, NodeRecord
from armsgraph.schema.build import pair, replace
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import digest, sha256_of, slug
from armsgraph.schema.relations import InCategory, InFamily
from armsgraph.schema.values import Stage

PREAMBLE_SOURCE = "Source: SIPRI Arms Transfers Database"
HEADER_SEARCH_LINES = 40
"""The header must appear within this many lines (SIPRI's preamble has 11)."""

BATCH_DEALS = 5_000
"""Deals per Batch: a large export is yielded as several batches of one Document (one atomic load), so the
loading process's memory stays bounded whatever the file's size."""

DEAL_FIELDS = tuple(name for name in Report.model_fields
                    if name in SipriDeal.__dataclass_fields__ and name not in ("supplier", "recipient"))
"""Report properties a parsed deal carries under the same name (declared once, in the schema); the supplier and
recipient are the resolved actors' ids, not the names as written."""
CHECKED_FIELDS = CHECKED
"""The parsed values a Report's validation checks per deal (``schema.build``): the row's free text, and the one
number the parser adds up (the transfers format's deliveries: a sum may pass 64 bits)."""
PARSED_FIELDS = tuple(name for name in DEAL_FIELDS if name not in CHECKED_FIELDS)
"""The rest, each typed and bounded by the format's parser (``records.parse_int``/``parse_float``/``parse_year``:
ASCII digits within 64 bits, plain decimals, years 1900-2100; flags as booleans; a SIPRI id of at most 18 digits),
so made from validated parts."""
_checked, _parsed = operator.attrgetter(*CHECKED_FIELDS), operator.attrgetter(*PARSED_FIELDS)
"""A deal's values of those fields as tuples, read in C (a dict comprehension of getattr costs a call per field)."""
DELIVERED, ORDERED = Stage.DELIVERED.value, Stage.ORDERED.value
"""A Report's stage as stored (the model keeps enum values)."""


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


def export_coverage(title: str | None, year_range: str | None) -> str | None:
    """The delivery years an export lists every deal for ('1995-2025', 'all'), from its preamble; None when
    the preamble is gone or the export is not of all countries to all countries (it then vouches for nothing)."""
    if not title or not re.search(r"from All countries\s+to All countries", title):
        return None
    return year_range or "all"


def find_header(lines: list[str]) -> tuple[SipriFormat, int] | None:
    """The format and 0-based index of the header line, looking at the first lines only."""
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        fields = line.lstrip("\ufeff").split(",")
        if classic.is_header(fields):
            return SipriFormat.CLASSIC, index
        if transfers.is_header(fields):
            return SipriFormat.TRANSFERS, index
    return None


@dataclass
class ExportStream:
    """A SIPRI export opened for reading: format, preamble, and its records as a one-pass iterator."""

    name: str
    format: SipriFormat
    header_line: int
    preamble: Preamble
    preamble_errors: list[RowError]
    records: Iterator[SipriDeal | RowError]
    """Deals and unreadable records in file order, parsed as they are taken."""


def open_export(source: SourceText) -> ExportStream:
    """Detect the format and read the preamble; raise :class:`LoaderFailure` if this is no SIPRI export.

    The records are parsed lazily (``ExportStream.records``): nothing per record is held beyond the lines.
    """
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
    module = classic if fmt is SipriFormat.CLASSIC else transfers
    header = lines[index].lstrip("\ufeff")
    if fmt is SipriFormat.CLASSIC and header.endswith(";"):
        # A spreadsheet re-save ends every line with one stray ';' (the transfers parser drops it per line).
        lines[index:] = map(transfers.strip_stray_semicolon, lines[index:])
        header = header[:-1]
    header_fields = (header.removesuffix(";") if fmt is SipriFormat.TRANSFERS else header).split(",")
    problem = module.header_problem(header_fields)
    if problem is not None:
        raise LoaderFailure(LoadError(file=source.name, line=index + 1, field=None,
                                      reason=f"unexpected SIPRI {fmt} header: {problem}"))
    preamble, preamble_errors = parse_preamble(lines[:index])
    parse = classic.parse_classic if fmt is SipriFormat.CLASSIC else transfers.parse_transfers
    del lines[: index + 1]  # the body only, without a copy
    return ExportStream(source.name, fmt, index + 1, preamble, preamble_errors, parse(lines, index + 2))


def no_records(name: str, header_line: int) -> LoaderFailure:
    """A file with nothing after its header (read whole, or in ranges by graph/bulk_read.py)."""
    return LoaderFailure(LoadError(file=name, line=header_line, field=None,
                                   reason="SIPRI export without records: nothing after the header"))


def edition_of(document: Document) -> str:
    """The vintage a Report's key names: the export's generation date, else its content hash."""
    return document.data_generated or document.sha256[:16]


def classic_key(identity: str, n: int, edition: str) -> str:
    """The key of the ``n``-th record (from 1) of a classic deal identity in one export of ``edition``."""
    return (f"sipri-classic:{identity}-{n}" if n > 1 else f"sipri-classic:{identity}") + f"@{edition}"


def classic_identity(supplier: str, recipient: str, year: int | None, weapon: str, ordered: int | None) -> str:
    """A classic deal's identity: ``schema.ids.digest`` of these five, the same hex (the keys are the graph's), in
    one formatted string (no generator and join per deal)."""
    text = f"{supplier!r}\x1f{recipient!r}\x1f{year!r}\x1f{weapon!r}\x1f{ordered!r}\x1f"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_export(source: SourceText) -> ParsedExport:
    """Every record of an export at once (tools and tests; the loader itself streams, see :func:`open_export`)."""
    stream = open_export(source)
    export = ParsedExport(source, stream.format, stream.header_line, stream.preamble,
                          errors=list(stream.preamble_errors))
    for item in stream.records:
        if isinstance(item, RowError):
            export.errors.append(item)
        else:
            export.deals.append(item)
    if not export.deals and not export.errors:
        raise no_records(stream.name, stream.header_line)
    return export


def read_export_text(path: Path) -> SourceText:
    """Read a SIPRI export: UTF-8 (with or without BOM) when it decodes as such, else Windows-1252.

    A sound rule instead of a statistical guess: SIPRI exports are UTF-8/ASCII or Latin-1 (cp1252 is its
    superset for the printable range), and a Latin-1 file with accented letters is almost never valid UTF-8.
    charset-normalizer, asked about the raw Latin-1 export, answers cp1250 (which differs on letters such as
    'ã'), and it takes seconds on a 30,000-deal file. Bytes cp1252 leaves undefined decode as Latin-1.
    """
    data = read_bytes(path)
    utf16 = decode_utf16(data, path=path)
    if utf16 is not None:
        text, encoding = utf16
    elif data.startswith(BOM):
        text, encoding = decode_part(strip_bom(data), "utf_8_sig"), "utf_8_sig"
    else:
        for encoding in EXPORT_ENCODINGS[:-1]:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # the last decodes any byte
            encoding = EXPORT_ENCODINGS[-1]
            text = data.decode(encoding)
    return SourceText(path=path, data=data, text=text, encoding=encoding, sha256=sha256_of(data))


EXPORT_ENCODINGS = ("utf_8", "cp1252", "latin_1")
"""What an export without a BOM (nor UTF-16) is decoded as: the first of these that decodes all of it."""
PART_ENCODINGS = ("utf_8_sig", *EXPORT_ENCODINGS)
"""What :func:`export_encoding` can choose: one byte per ASCII character, so LF bytes cut whole lines and an export
read in ranges may have any of them (UTF-16 is read whole)."""
CHECK_BYTES = 1 << 22
"""Bytes decoded at a time by :func:`export_encoding` (4 MB: the text of one chunk is held, never the file's)."""


def export_encoding(data: bytes) -> str | None:
    """The encoding :func:`read_export_text` decodes ``data`` as, found without holding its text (each encoding
    tried a chunk at a time; the bulk path's workers then decode a part each, :func:`decode_part`); None for
    UTF-16/32 text, which only a whole read decodes."""
    if utf16_encoding(data) is not None:
        return None
    if data.startswith(BOM):
        return "utf_8_sig"
    view = memoryview(data)
    for encoding in EXPORT_ENCODINGS[:-1]:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), CHECK_BYTES):
                decoder.decode(view[start:start + CHECK_BYTES])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return EXPORT_ENCODINGS[-1]


def decode_part(part: bytes, encoding: str) -> str:
    """Bytes of an export that start at a line's start, decoded as :func:`read_export_text` decodes the whole
    (``encoding``: what it chose; a BOM is the caller's to drop): the same lines. Cut at LF bytes, no character
    is split (LF is never part of a multi-byte UTF-8 character, and a broken sequence before it is replaced
    alone)."""
    if encoding == "utf_8_sig":
        return part.decode("utf-8", errors="replace")
    return part.decode(encoding)


def _sniff_text(head: bytes) -> str:
    head = strip_bom(head)
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


class SipriLoader(ResolvingLoader):
    """SIPRI Arms Transfers Database exports: classic trade register and the newer transfers format."""

    name: ClassVar[str] = "sipri"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "SIPRI Arms Transfers Database CSV export (trade register or transfers)"

    def __init__(self, resolver: Resolver | None = None, batch_deals: int = BATCH_DEALS) -> None:
        if batch_deals < 1:
            raise ValueError(f"batch_deals must be at least 1, got {batch_deals}")
        super().__init__(resolver)
        self.batch_deals = batch_deals

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        lines = split_lines(_sniff_text(head))
        if find_header(lines) is not None:
            return 0.95
        if any(line.startswith(PREAMBLE_SOURCE) for line in lines[:HEADER_SEARCH_LINES]):
            return 0.5  # SIPRI's preamble without a header: this loader explains what is wrong
        return 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        """One Document, as batches of at most ``batch_deals`` deals (the pipeline writes them as one load).

        Actor, weapon and category nodes come in the batch of their first deal; later batches only refer to
        them (the writer finds them in the graph). The per-file reports (unresolved names, unknown
        descriptions) come with the last batch. A file without records fails before any batch is yielded.
        """
        source = read_export_text(path)
        stream = open_export(source)
        document = self.document_of(source, stream.preamble)
        del source  # the file's bytes and text: only the lines stay, for the parser
        builder = _BatchBuilder(self, document, stream.format)
        for error in stream.preamble_errors:
            builder.batch.warn(error.line, error.field, f"{error.reason} (the Document has no vintage)")
        yield from self._batches(builder, stream.records, stream)

    def read_range(self, document: Document, fmt: SipriFormat, lines: list[str], first_line: int,
                   ) -> tuple[_BatchBuilder, Iterator[Batch]]:
        """One range of an export's record lines (``first_line``: the number of the first), as :meth:`read` reads
        a whole body, for the bulk path's parallel read (graph/bulk_read.py): batches of at most ``batch_deals``
        deals, without the per-file reports; the builder is returned so that the caller can merge every range's
        counts (:func:`file_reports`). A range must start at a record's first line."""
        builder = _BatchBuilder(self, document, fmt)
        parse = classic.parse_classic if fmt is SipriFormat.CLASSIC else transfers.parse_transfers
        return builder, self._batches(builder, parse(lines, first_line), None)

    def _batches(self, builder: _BatchBuilder, records: Iterator[SipriDeal | RowError],
                 whole: ExportStream | None) -> Iterator[Batch]:
        """The batches of ``records``; for a ``whole`` export, the per-file reports with the last, and a failure
        when there are no records at all (a range leaves both to graph/bulk_read.py)."""
        first = True
        while True:
            with _gc_paused():
                taken, done = builder.fill(records, self.batch_deals)
                if whole is not None and first and taken == 0:
                    raise no_records(whole.name, whole.header_line)
                first = False
                batch = builder.finish() if done and whole is not None else builder.flush()
            yield batch
            del batch
            if done:
                return

    def document_of(self, source: SourceText, preamble: Preamble) -> Document:
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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while deals become records (the pipeline already does so).

    Building a batch allocates ~9 objects per deal, none of them in reference cycles; the collector's passes
    over the growing heap took 45 % of the loader's time at 30,000 deals. Reference counting still frees
    everything; the previous state is restored (before each batch is handed out).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _BatchBuilder:
    """Turns parsed deals into nodes and relations, batch after batch; actors, weapons, categories once per file."""

    def __init__(self, loader: SipriLoader, document: Document, fmt: SipriFormat) -> None:
        self.loader = loader
        self.document = document
        self.batch = loader.new_batch(document)
        self.resolver = loader.resolver
        self.classic = fmt is SipriFormat.CLASSIC
        self.rule = "classic" if self.classic else "transfers"
        self.vintage = document.data_generated
        self.edition = edition_of(document)
        """A Report's key names its export's vintage (the file's hash when it has none): two files of one
        vintage meet on the same Reports, two vintages give two Reports of one deal."""
        self.covers = export_coverage(document.title, document.year_range)
        self.source = "sipri-classic" if self.classic else "sipri-transfers"
        self.weapon_family: dict[str, str] = {}
        """Weapon id -> its family's id (set once per weapon, read by every deal of it)."""
        self.deal_provenance = self.batch.provenance(rule=self.rule)
        """The batch provenance, validated once; per deal only its lines change (the parser's line numbers,
        from 1: copied in without validating the rest again)."""
        self.actors: dict[str, _Seen] = {}
        self.weapons: dict[str, _Seen] = {}
        self.designations: dict[str, _Seen] = {}
        """Designation as written -> its weapon (saves a slug per deal)."""
        self.deal_weapons: dict[tuple[str, str | None, str], tuple[str, bool]] = {}
        """(designation, category, description) as written -> (weapon id, whether the description is unknown):
        what :meth:`weapon` worked out the first time, read by every later deal of them."""
        self.category_names: dict[str, _Seen] = {}
        """Category name as written -> its node."""
        self.described: dict[str, tuple[str, str] | None] = {}
        """Weapon description -> (category name, rule) from the table, None when it does not know it."""
        self.categories: dict[str, _Seen] = {}
        self.in_category: set[tuple[str, str]] = set()
        self.families: set[str] = set()
        """Ids of the reference nodes (families, treaty categories) this file added already."""
        self.unknown_descriptions: dict[str, list[int]] = {}
        """Description -> [first line, records]."""
        self.identities: dict[str, int] = {}
        """A classic deal's identity -> how many records of it so far (the n-th gets the key suffix ``-n``)."""
        self.constants: dict[str, Any] = {"source": self.source, "covers": self.covers, "vintage": self.vintage}
        """What every Report of this file says alike (the Document's, validated)."""
        if self.classic:  # per-year figures exist only in the transfers format
            self.constants.update(delivered_per_year=None, tiv_delivered_per_year=None)
        self.reports = ReportMaker(self.constants)

    def fill(self, records: Iterator[SipriDeal | RowError], limit: int) -> tuple[int, bool]:
        """Take records into the current batch until it holds ``limit`` deals or the records end.

        Returns (records taken, whether the records ended).
        """
        batch = self.batch
        taken = deals = 0
        for item in records:
            taken += 1
            if isinstance(item, RowError):
                batch.error(item.line, item.field, item.reason)
                if item.rejects:
                    batch.records_read += 1
                continue
            batch.records_read += 1
            try:
                self.add_deal(item)
            except ValidationError as exc:  # a value the parser took but no store keeps (a sum beyond 64 bits)
                problem = exc.errors()[0]
                batch.error(item.line, ".".join(map(str, problem["loc"])) or None, problem["msg"])
                continue
            deals += 1
            if deals >= limit:
                return taken, False
        return taken, True

    def flush(self) -> Batch:
        """The current batch (errors in line order); the next deals go to a new batch of the same Document."""
        batch = self.batch
        batch.errors.sort(key=lambda e: e.line or 0)
        self.batch = self.loader.new_batch(self.document)
        return batch

    def finish(self) -> Batch:
        """The last batch, with the reports about the whole file."""
        self.report_unresolved()
        for description, (line, records) in self.unknown_descriptions.items():
            self.batch.warn(line, "Weapon description",
                            f"no SIPRI category known for description {description!r} ({records} records): "
                            "weapon loaded without a category")
        return self.flush()

    # -- actors -------------------------------------------------------------------------------
    def actor(self, name: str, line: int, column: str) -> str:
        seen = self.actors.get(name)
        if seen is None:
            resolution: Resolution = self.resolver.resolve(
                name, SIPRI, where=f"{self.batch.document.path}:{line}")
            node = self.resolver.node_for(resolution)
            unresolved = resolution.entity_id is None or resolution.rule in ("unresolved", "ambiguous")
            seen = self.actors[name] = _Seen(node, line, unresolved=unresolved, column=column)
            self.batch.add_node(node, self.batch.provenance(line=line, rule=f"resolve:{resolution.rule}"))
        seen.records += 1
        return seen.node.id

    def report_unresolved(self) -> None:
        for name, seen in self.actors.items():
            if seen.unresolved:
                self.batch.warn(seen.first_line, seen.column,
                                f"actor name {name!r} did not resolve ({seen.records} records): "
                                f"loaded as {seen.node.id} for review")

    # -- weapons and categories ------------------------------------------------------------------
    def weapon(self, deal: SipriDeal, prov: Provenance) -> str:
        """The deal's weapon id; its node, its category and IN_CATEGORY edge the first time they are met."""
        combination = (deal.designation, deal.category, deal.description)
        known = self.deal_weapons.get(combination)
        if known is not None:  # met before: its nodes and edge are in; an unknown description is counted again
            if known[1]:
                self.unknown_descriptions[deal.description][1] += 1
            return known[0]
        seen = self.designations.get(deal.designation)
        if seen is None:
            designation = deal.designation
            if designation.endswith(" -"):
                designation = designation[:-2].rstrip() or designation
            key = slug(designation) or digest(designation)
            seen = self.weapons.get(key)
            if seen is None:
                node = WeaponSystem(designation=designation, description=deal.description or None, key=key)
                seen = self.weapons[key] = _Seen(node, deal.line)
                self.batch.add_node(node, prov)
                self.reference_edges(node, deal.line)
            self.designations[deal.designation] = seen
        category = self.category_of(deal)
        if category is not None and (seen.node.id, category[0]) not in self.in_category:
            self.in_category.add((seen.node.id, category[0]))
            self.batch.add_relation(InCategory(src=seen.node.id, dst=category[0]),
                                    self.batch.provenance(line=deal.line, rule=category[1]))
        self.deal_weapons[combination] = (seen.node.id, category is None)
        return seen.node.id

    def reference_edges(self, weapon: WeaponSystem, line: int) -> None:
        """A new weapon's family and treaty categories (cluster munitions), from the shared reference rules.

        SIPRI's own armament category stays the only one of SIPRI's vocabulary (``category_of``)."""
        found = family_of(weapon.designation, weapon.description)
        if found is not None:
            if found.family.id not in self.families:
                self.families.add(found.family.id)
                self.batch.add_node(found.family, self.batch.provenance(line=line, rule=found.rule))
            self.batch.add_relation(InFamily(src=weapon.id, dst=found.family.id, role=found.role),
                                    self.batch.provenance(line=line, rule=found.rule))
            if found.role == "member":
                self.weapon_family[weapon.id] = found.family.id
        for category, rule in treaty_categories(weapon.designation, weapon.description):
            if category.id not in self.families:
                self.families.add(category.id)
                self.batch.add_node(category, self.batch.provenance(line=line, rule=rule))
            self.batch.add_relation(InCategory(src=weapon.id, dst=category.id),
                                    self.batch.provenance(line=line, rule=rule))

    def category_of(self, deal: SipriDeal) -> tuple[str, str] | None:
        """(category node id, rule) of a deal's weapon, adding the category node the first time."""
        if deal.category is not None:
            name, rule = deal.category, "armament-category"
        else:
            if deal.description in self.described:
                found = self.described[deal.description]
            else:
                found = self.described[deal.description] = description_table().lookup(deal.description)
            if found is None:
                self.unknown_descriptions.setdefault(deal.description, [deal.line, 0])[1] += 1
                return None
            name, rule = found
        seen = self.category_names.get(name)
        if seen is None:
            key = category_key(name)
            seen = self.categories.get(key)
            if seen is None:
                if not is_known(name):
                    self.batch.warn(deal.line, "Armament category",
                                    f"not one of SIPRI's 11 categories: {name!r} (loaded as a new category)")
                node = category_node(name)
                seen = self.categories[key] = _Seen(node, deal.line)
                self.batch.add_node(node, self.batch.provenance(line=deal.line, rule=rule))
            self.category_names[name] = seen
        return seen.node.id, rule

    # -- deals ------------------------------------------------------------------------------------
    def add_deal(self, deal: SipriDeal) -> None:
        """One validated Report: what this export, of this vintage, says about one deal."""
        line = deal.line
        prov = replace(self.deal_provenance, {"line": line, "line_end": deal.line_end})  # the parser's, >= 1
        actors = self.actors  # a known name inline (a call less per actor); a new one through actor()
        if (seen := actors.get(deal.supplier)) is not None:
            seen.records += 1
            supplier = seen.node.id
        else:
            supplier = self.actor(deal.supplier, line, "Supplier")
        if (seen := actors.get(deal.recipient)) is not None:
            seen.records += 1
            recipient = seen.node.id
        else:
            recipient = self.actor(deal.recipient, line, "Recipient")
        weapon = self.weapon(deal, prov)
        year = deal.order_year
        if deal.sipri_id is not None:
            key = f"sipri:{deal.sipri_id}@{self.edition}"
        else:
            identity = classic_identity(supplier, recipient, year, weapon, deal.number_ordered)
            n = self.identities.get(identity, 0) + 1
            self.identities[identity] = n
            key = classic_key(identity, n, self.edition)
        made: dict[str, Any] = dict(zip(PARSED_FIELDS, _parsed(deal), strict=True))
        made.update(self.constants)
        # from validated parts only (schema.build): the nodes and the Document they come from
        made["key"] = key  # one Report per deal and vintage: the resolver joins them
        made["supplier"], made["recipient"], made["weapon"] = supplier, recipient, weapon
        made["family"] = self.weapon_family.get(weapon)
        made["stage"] = DELIVERED if deal.delivery_years else ORDERED
        made["date"] = None if year is None else f"{year:04d}"  # the parser's year: 1900-2100
        # the Report is validated here (its free text checked, the made values taken: reports.ReportMaker); the
        # record only pairs two validated models (no second pass over them)
        self.batch.nodes.append(pair(NodeRecord, node=self.reports.make(_checked(deal), made), provenance=prov))


FIRST_SEEN_WARNINGS = ("Armament category",)
"""Fields whose warning a file gives once, at the first record of the value (a category SIPRI does not list): a
file read in ranges gives it once per range, and the first is the one a whole read gives."""


def file_reports(loader: SipriLoader, document: Document, fmt: SipriFormat,
                 ranges: list[tuple[dict[str, _Seen], dict[str, list[int]]]]) -> Batch:
    """The per-file reports of an export read in ranges (:meth:`SipriLoader.read_range`): from each range's
    builder, in range order, its ``actors`` and ``unknown_descriptions``; each unresolved actor name and unknown
    description reported once, at its first line, with the records of every range; in a batch of their own."""
    merged = _BatchBuilder(loader, document, fmt)
    for actors, unknown_descriptions in ranges:
        for name, seen in actors.items():
            held = merged.actors.get(name)
            if held is None:  # the resolver records it for review here, as a whole read does (a worker's is lost)
                loader.resolver.resolve(name, SIPRI, where=f"{document.path}:{seen.first_line}")
                merged.actors[name] = _Seen(seen.node, seen.first_line, seen.records, seen.unresolved, seen.column)
            else:
                held.records += seen.records
        for description, (line, records) in unknown_descriptions.items():
            merged.unknown_descriptions.setdefault(description, [line, 0])[1] += records
    return merged.finish()


@lru_cache(maxsize=8192)
def treaty_categories(designation: str, description: str | None) -> tuple[tuple[WeaponCategory, str], ...]:
    """The treaty categories (and their rules) the shared rules put a weapon in, by designation and description.

    Remembered per process, as ``family_of`` is: each range of an export read in parallel builds its weapons again
    (graph/bulk_read.py), and ``classify`` tries every rule's pattern on each (about 50 us a weapon)."""
    found = [(weapon_categories()[key], rule) for key, rule in classify(designation, description)]
    return tuple((category, rule) for category, rule in found if category.vocabulary == "treaty")


def load_reference_tables(loader: SipriLoader) -> None:
    """Load what a batch builder reads from files once per process (weapon families and categories, the
    description table, the resolver's alias tables): before forking workers, so that they share them."""
    family_of("", None)
    treaty_categories("", None)
    description_table()
    loader.resolver.resolve("", SIPRI, record=False)

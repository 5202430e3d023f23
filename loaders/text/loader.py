"""The 'text' loader: an article or statement (.txt/.md + .meta.json or front matter) -> one Batch.

The Document node comes from :func:`armsgraph.loaders.documents.loader.read_document`, so it is the same node
whichever loader registers the file. Every node and relationship carries the provenance of the place it
was read from (character span) and the rule that read it. Countries and organisations are the shared
resolver's nodes; treaties and weapon categories are the shared reference tables' nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from armsgraph.loaders.base import Loader
from armsgraph.loaders.documents.loader import TEXT_SUFFIXES, meta_path, read_document
from armsgraph.loaders.reference.categories import classify, weapon_categories
from armsgraph.loaders.reference.families import family_of
from armsgraph.loaders.reference.treaties import treaty_catalogue
from armsgraph.loaders.resolve import standard_tables
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.gazetteer import load
from armsgraph.schema import (
    Claim,
    Country,
    Document,
    Node,
    Organization,
    Person,
    Position,
    Provenance,
    Report,
    Transfer,
    Treaty,
    WeaponCategory,
    WeaponSystem,
)
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.model import QUOTE_MAX
from armsgraph.schema.references import derived_relations
from armsgraph.schema.relations import (
    About,
    InCategory,
    InFamily,
)

MAX_BYTES = 20_000_000
MAX_MENTION_EDGES = 25
"""Provenance edges per entity per document: the first mentions; the rest are in ``extract`` output."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_STORABLE = re.compile("[\x00\ud800-\udfff]")
"""What no store keeps (schema.values): a quote leaves it out, the fact it quotes reports it where it is."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n\s*\n")


def quote_of(text: str, start: int, end: int) -> str:
    """The sentence around a span, for the provenance edge's ``quotes``: from the end of the sentence before to
    the end of this one, whitespace collapsed, cut to QUOTE_MAX characters around the span ('…' where cut)."""
    begin = 0
    for found in _SENTENCE_END.finditer(text, max(0, start - 2 * QUOTE_MAX), start):
        begin = found.end()
    after = _SENTENCE_END.search(text, end, end + 2 * QUOTE_MAX)
    stop = after.start() + 1 if after else min(len(text), end + QUOTE_MAX)
    sentence = " ".join(_STORABLE.sub("", text[begin:stop]).split())
    if len(sentence) <= QUOTE_MAX:
        return sentence
    span = " ".join(text[start:end].split())
    at = max(0, sentence.find(span[:40]) - 40) if span else 0
    cut = sentence[at:at + QUOTE_MAX - 2]
    return ("…" if at else "") + cut + "…"


class TextLoader(Loader):
    """News articles and official statements: entities, officials, transfers and attributed claims."""

    name = "text"
    version = "1.0"
    description = "extract countries, officials, weapons, treaties, transfers and claims from articles and statements"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.suffix.lower() not in TEXT_SUFFIXES:
            return 0.0
        if meta_path(path).exists() or head.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
            return 0.8
        return 0.6  # plain text without metadata: still an article (no date), ahead of the bare document loader

    def extract(self, path: Path) -> tuple[Extraction, str]:
        """The extraction of one file (a dry run: nothing written) and its decoded text."""
        _document, extraction, text = self._read(path)
        return extraction, text

    def read(self, path: Path) -> Iterator[Batch]:
        document, extraction, text = self._read(path)
        batch = self.new_batch(document)
        build_batch(batch, extraction, text)
        yield batch

    def _read(self, path: Path) -> tuple[Document, Extraction, str]:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise LoaderFailure(LoadError(file=str(path), reason=f"cannot read: {exc.strerror}")) from exc
        if size > MAX_BYTES:
            raise LoaderFailure(LoadError(file=path.name, reason=f"file of {size} bytes is over the "
                                          f"{MAX_BYTES}-byte limit for text extraction"))
        document, text, offset = read_document(path)
        body = text[offset:]
        if not body.strip():
            raise LoaderFailure(LoadError(file=path.name, line=_line_of(text, offset),
                                          reason="no text after the front matter"))
        meta = document.model_dump(mode="json", exclude_none=True)
        return document, extract_text(body, meta, base_offset=offset), text


def _node_for(entity_id: str, name: str, country: str | None = None, kind: str | None = None) -> Node:
    """The graph node of an id the extractor produced, shared tables first."""
    prefix, _, key = entity_id.partition(":")
    if prefix in ("country", "org"):
        node = standard_tables().node_for_id(entity_id)
        if node is not None:
            return node
        if prefix == "country":
            return Country(iso3=key, name=name)
        g = load()
        org = g.org(entity_id)
        return Organization.model_validate({
            "key": key, "name": name, "kind": kind or (org.kind if org else "other"),
            "country": country or (org.country if org else None),
        })
    if prefix == "treaty":
        info = treaty_catalogue().get(key)
        if info is not None:
            return info.node
        entry = load().treaties.get(key)
        return Treaty(key=key, name=entry.name if entry else name, short_name=entry.short_name if entry else None)
    if prefix == "category":
        shared = weapon_categories().get(key)
        if shared is not None:
            return shared
        return WeaponCategory(key=key, name=name)
    if prefix == "weapon":
        return WeaponSystem(designation=name)
    if prefix == "person":
        return Person(name=name, key=key)
    raise ValueError(f"no node type for id {entity_id!r}")


def build_batch(batch: Batch, x: Extraction, text: str) -> None:
    """Turn an extraction into nodes and relationships with provenance on ``batch``."""
    nodes: dict[str, Node] = {}
    doc_prov = batch.provenance(rule="text:document")

    def prov(start: int, end: int, rule: str) -> Provenance:
        return batch.provenance(start=start, end=end, line=_line_of(text, start), line_end=_line_of(text, end),
                                rule=rule, quote=quote_of(text, start, end) or None)

    def ensure(entity_id: str, provenance: Provenance | None = None) -> bool:
        """Add the node (once per provenance given); False when the id has no node type."""
        node = nodes.get(entity_id)
        if node is not None:
            if provenance is not None:
                batch.add_node(node, provenance)
            return True
        entity = x.entity(entity_id)
        try:
            node = _node_for(entity_id, entity.name if entity else load().name_of(entity_id),
                             entity.country if entity else None, entity.kind if entity else None)
        except ValueError as exc:
            batch.error(None, entity_id, str(exc))
            return False
        nodes[entity_id] = node
        batch.add_node(node, provenance or doc_prov)
        add_references(node, provenance or doc_prov)
        return True

    def add_references(node: Node, provenance: Provenance) -> bool:
        """The edges the node's reference fields stand for (schema.references), their other ends ensured."""
        relations = derived_relations(node)
        ok = all(ensure(rel.dst if rel.src == node.id else rel.src) for rel in relations)
        for rel in relations:
            batch.add_relation(rel, provenance)
        return ok

    for entity in x.entities:
        mentions = entity.mentions[:MAX_MENTION_EDGES]
        for m in mentions:
            ensure(entity.id, prov(m.start, m.end, m.rule))
        if not mentions:
            ensure(entity.id)
        batch.records_read += 1
        if entity.type == "WeaponSystem":
            categories = [c for c, _ in classify(entity.name)]
            if entity.category and entity.category.partition(":")[2] not in categories:
                categories.append(entity.category.partition(":")[2])
            first = mentions[0] if mentions else None
            for key in categories:
                cat_id = WeaponCategory.id_of(key=key)
                p = prov(first.start, first.end, "weapon:category") if first else doc_prov
                if ensure(cat_id):
                    batch.add_relation(InCategory(src=entity.id, dst=cat_id), p)
            family = family_of(entity.name)
            if family is not None:
                p = prov(first.start, first.end, family.rule) if first else doc_prov
                batch.add_node(family.family, p)
                batch.add_relation(InFamily(src=entity.id, dst=family.family.id, role=family.role), p)

    for pos in x.positions:
        p = prov(pos.evidence.start, pos.evidence.end, pos.rule)
        if not (ensure(pos.person) and ensure(pos.of)):
            continue
        position = Position(title=pos.title, person=pos.person, of=pos.of)
        batch.add_node(position, p)
        add_references(position, p)
        batch.records_read += 1

    report_ids: dict[str, str] = {}
    """Text transfer key -> its Report's id (a Claim is about the Report: what its speaker said)."""
    for tr in x.transfers:
        attributed = ":attributed" if tr.attributed else ""
        p = prov(tr.evidence.start, tr.evidence.end, f"{tr.rule}:{tr.status}{attributed}")
        if not all(ensure(i) for i in (tr.supplier, tr.recipient, tr.weapon)):
            continue
        # a report known only from someone's statement is marked reported_by and reached from the Claim
        # (ABOUT): the document does not assert it in its own voice. One Report per document and transfer;
        # the deal resolver joins it to its deal (a SIPRI deal, a tracker commitment, other texts).
        reported_by = (tr.attributed_to or "unnamed-source") if tr.attributed else None
        weapon = nodes[tr.weapon]
        designation = weapon.designation if isinstance(weapon, WeaponSystem) else None
        family = family_of(designation) if designation else None
        report = Report.model_validate({
            "key": f"text:{tr.key}@{batch.document.sha256[:16]}", "source": "text",
            "supplier": tr.supplier, "recipient": tr.recipient, "weapon": tr.weapon,
            "family": family.family.id if family is not None and family.role == "member" else None,
            "designation": designation, "stage": tr.status, "date": tr.date,
            "number_ordered": tr.quantity, "reported_by": reported_by,
            # a delivered stage read from the text: its number is what arrived too
            "number_delivered": tr.quantity if tr.status == "delivered" else None})
        report_ids[Transfer.id_of(key=tr.key)] = report.id  # the extractor's name for it
        batch.add_node(report, p)
        batch.records_read += 1

    for c in x.claims:
        p = prov(c.start, c.end, c.rule)
        if not ensure(c.speaker):
            continue
        try:
            claim = Claim(text=c.text, document=batch.document.id, speaker=c.speaker, start=c.start, end=c.end,
                          date=c.date, date_text=c.date_text, quote=c.quote)
        except ValidationError as exc:  # what was said holds what no store keeps ('\x00'): reported where it is
            err = exc.errors()[0]
            batch.error(_line_of(text, c.start), "text", f"claim not kept: {err['msg']}")
            continue
        batch.add_node(claim, p)
        add_references(claim, p)
        for about in c.about:
            target = report_ids.get(about) if about.startswith("transfer:") else (about if ensure(about) else None)
            if target is not None:
                batch.add_relation(About(src=claim.id, dst=target), p)
        batch.records_read += 1

    for warning in x.warnings:
        found = re.search(r"offset (\d+)", warning)
        batch.error(_line_of(text, int(found.group(1))) if found else None, "text", warning)

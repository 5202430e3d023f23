"""Curated entity files: JSON Lines a researcher writes by hand (format in docs/curated-jsonl.md).

One object per line: ``"type"`` is a node label (Country, Person, ...) or a relationship type
(PARTY_TO, ...); the other keys are that model's fields; ``"source"`` (required) says where the
fact comes from; on a relation keyed by its source (PARTY_TO, MEMBER_OF: one edge per source) it is also
the key, so two sources that disagree stay two edges. Reference fields produce relations, so a file stays short:
Position ``person``/``of`` -> HOLDS and OF, Organization ``country`` -> PART_OF,
WeaponSystem ``category`` -> IN_CATEGORY (``family`` -> IN_FAMILY, else the family rules),
Claim ``speaker``/``about`` -> CLAIMED and ABOUT.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry
from pydantic import ValidationError

from armsgraph.loaders.base import Loader
from armsgraph.loaders.io import read_text
from armsgraph.loaders.reference.families import family_nodes, family_of
from armsgraph.loaders.reference.treaties import treaty_catalogue
from armsgraph.schema import (
    NODE_TYPES,
    RELATION_TYPES,
    Document,
    InCategory,
    InFamily,
    Node,
    PartyTo,
    Relation,
    WeaponCategory,
    WeaponSystem,
    label_of_id,
)
from armsgraph.schema.batch import Batch
from armsgraph.schema.references import references_of
from armsgraph.schema.relations import About
from armsgraph.schema.values import value_problem

_HISTORIC = {c.alpha_3: c.name for c in pycountry.historic_countries}


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_record(raw: str) -> Any:
    """One line's JSON value; ValueError (with the reason) for anything strict JSON refuses: NaN and Infinity
    (Python's json takes them), numbers too long to convert, nesting deeper than the interpreter's stack."""
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno}); truncated line?") from None
    except RecursionError:
        raise ValueError("not valid JSON here: nested too deep") from None
    except ValueError as exc:
        raise ValueError(f"not valid JSON here: {exc}") from None


def _relation_class(rel_type: str, src: str, dst: str) -> type[Relation] | None:
    """The declared relation of this type whose endpoints accept these ids (OF has two)."""
    try:
        src_label, dst_label = label_of_id(src), label_of_id(dst)
    except ValueError:
        return None
    for cls in RELATION_TYPES:
        if cls.type == rel_type and src_label in {c.label for c in cls.sources} \
                and dst_label in {c.label for c in cls.targets}:
            return cls
    return None


def _bound_from(values: dict[str, Any]) -> str | None:
    """A curated PARTY_TO is bound from the same date a treaty table's would be (the treaty's own rule)."""
    info = treaty_catalogue().get(str(values.get("dst", "")).partition(":")[2])
    joined, eif = values.get("ratified") or values.get("accession"), values.get("entry_into_force")
    return info.bound_from(joined, eif) if info else eif


def known_country(iso3: str) -> bool:
    return pycountry.countries.get(alpha_3=iso3) is not None or iso3 in _HISTORIC


class CuratedLoader(Loader):
    """Hand-curated entities and relations with a source each."""

    name = "curated"
    version = "1.0"
    description = "curated entity files (.jsonl): countries, organisations, people, positions, treaties, ..."

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            return 0.9 if b'"type"' in head or not head.strip() else 0.5
        return 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        source = read_text(path, allowed=("utf_8", "utf_8_sig"))
        document = Document(sha256=source.sha256, kind="curated", path=path.name, title=path.name,
                            bytes=len(source.data), encoding=source.encoding)
        batch = self.new_batch(document)
        seen: dict[str, int] = {}
        for number, raw in enumerate(source.text.splitlines(), start=1):
            if not raw.strip() or raw.lstrip().startswith("//"):
                continue
            batch.records_read += 1
            self._record(batch, number, raw, seen)
        yield batch

    def _record(self, batch: Batch, line: int, raw: str, seen: dict[str, int]) -> None:
        try:
            obj = parse_record(raw)
        except ValueError as exc:
            batch.error(line, None, str(exc))
            return
        if not isinstance(obj, dict):
            batch.error(line, None, "a record must be a JSON object")
            return
        kind = obj.pop("type", None)
        source = obj.pop("source", None)
        if not isinstance(kind, str):
            batch.error(line, "type", "missing 'type' (a node label such as Country, or a relation such as PARTY_TO)")
            return
        if not isinstance(source, str) or not source.strip():
            batch.error(line, "source", "missing 'source': say where this fact comes from")
            return
        if (problem := value_problem(source)) is not None:
            batch.error(line, "source", problem)
            return
        prov = batch.provenance(line=line, citation=source.strip(), rule=f"curated:{kind}")
        derived = NODE_TYPES[kind].derived if kind in NODE_TYPES else any(
            r.derived for r in RELATION_TYPES if r.type == kind)
        if derived:  # made by the graph's resolvers from loaded records: a curated deal is a Report
            batch.error(line, "type", f"{kind} is derived from Reports, not loaded: write a Report "
                        "(supplier, recipient, weapon ids) and the deal resolver makes the Transfer")
            return
        if kind == "Report":
            obj["source"] = "curated"  # a curated record's kind; its 'source' line key is the citation
        if kind in NODE_TYPES:
            self._node(batch, line, kind, obj, prov, seen)
        elif any(r.type == kind for r in RELATION_TYPES):
            src, dst = obj.pop("src", None), obj.pop("dst", None)
            if not isinstance(src, str) or not isinstance(dst, str):
                batch.error(line, "src" if not isinstance(src, str) else "dst", "missing node id")
                return
            cls = _relation_class(kind, src, dst)
            if cls is None:
                batch.error(line, "src", f"{kind} does not connect {src!r} to {dst!r}")
                return
            values = {"src": src, "dst": dst, **obj}
            if "source" in cls.key_props:  # one edge per source, as the reference tables keep them
                values["source"] = source.strip()
            self._add_relation(batch, line, cls, values, prov)
        else:
            batch.error(line, "type", f"unknown type {kind!r}")

    def _node(self, batch: Batch, line: int, label: str, obj: dict[str, Any], prov: Any,
              seen: dict[str, int]) -> None:
        derived: list[tuple[type[Relation], str, str]] = []
        if label == "WeaponSystem" and "category" in obj:
            derived.append((InCategory, "", WeaponCategory.id_of(key=str(obj.pop("category")))))
        family_key = str(obj.pop("family")) if label == "WeaponSystem" and "family" in obj else None
        if family_key is not None and family_key not in family_nodes():
            batch.error(line, "family", f"unknown weapon family {family_key!r} (see weapon_families.csv)")
            return
        abouts = obj.pop("about", []) if label == "Claim" else []
        if label == "Country" and "iso3" in obj and not known_country(str(obj["iso3"])):
            batch.error(line, "iso3", f"unknown country code {obj['iso3']!r} (not in ISO 3166)")
            return
        try:
            node: Node = NODE_TYPES[label].model_validate(obj)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or None
            batch.error(line, field, err["msg"])
            return
        if node.id in seen:
            batch.error(line, "id", f"duplicate of line {seen[node.id]} ({node.id}); first one kept")
            return
        seen[node.id] = line
        batch.add_node(node, prov)
        for ref in references_of(node):  # declared once in the schema
            other = ref.other_id(node)
            if other is not None:
                ends = (node.id, other) if ref.node_is == "src" else (other, node.id)
                self._add_relation(batch, line, ref.relation, {"src": ends[0], "dst": ends[1]}, prov)
        derived += [(About, node.id, str(target)) for target in abouts]
        if isinstance(node, WeaponSystem):  # the named family, else the one the shared rules give
            found = family_of(node.designation, node.description)
            family = family_nodes()[family_key] if family_key else found.family if found else None
            if family is not None:
                batch.add_node(family, prov)
                role = found.role if found is not None and found.family.id == family.id else "member"
                self._add_relation(batch, line, InFamily, {"src": node.id, "dst": family.id, "role": role}, prov)
        for cls, src, dst in derived:
            self._add_relation(batch, line, cls, {"src": src or node.id, "dst": dst}, prov)

    @staticmethod
    def _add_relation(batch: Batch, line: int, cls: type[Relation], values: dict[str, Any], prov: Any) -> None:
        try:
            relation = cls.model_validate(values)
            if isinstance(relation, PartyTo) and not relation.bound_from:  # from validated dates only
                relation = cls.model_validate({**values, "bound_from": _bound_from(relation.model_dump())})
            batch.add_relation(relation, prov)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or cls.type
            batch.error(line, field, err["msg"])

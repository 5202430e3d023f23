"""Export-control regime and organisation memberships: who belongs to Wassenaar, the MTCR, NATO, ...

Why a relation of its own: regimes are political arrangements, not treaties, so membership is
``(state)-[:MEMBER_OF {since, until, as_of, source}]->(org)``, not ``PARTY_TO``. Each source keeps its own
edge (``source`` is a key property), so where the EAR list and the CIA Factbook disagree both stay, with
their provenance, and ``regime-membership-conflicts`` style queries can list the difference.

CSV layouts are mapping files in ``mappings/`` (``loader: regime-table``): the CIA Factbook table's
``member_*`` columns. The US EAR country groups JSON (15 CFR 740 Supp. 1) is not a table: it stays a small
quirk here, its group -> organisation ids and footnote exceptions in ``data/ear_country_groups.yaml``
(A:1 Wassenaar plus Malta, Russia and Ukraine, which the EAR footnote leaves out of A:1 but which
participate; A:2 MTCR; A:3 Australia Group; A:4 NSG; D:5 the US arms-embargo list). Membership is as of the
eCFR date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import UTF8, head_header, read_text
from armsgraph.loaders.mapping import TableMapping, detect
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.tables.mapped import layouts_of, read_mapped_table
from armsgraph.schema import Document, Node
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.relations import MemberOf
from armsgraph.schema.values import iso_date_problem

LOADER = "regime-table"
MAPPINGS = Path(__file__).parent / "mappings"
EAR_FILE = Path(__file__).parent / "data" / "ear_country_groups.yaml"


@dataclass(frozen=True)
class EarGroup:
    """An EAR country group: the organisation it lists, members it leaves out, and why."""

    org: str
    extra: tuple[str, ...] = ()
    why: str = ""


@cache
def ear_groups() -> dict[str, EarGroup]:
    """EAR country group -> :class:`EarGroup`, from ``data/ear_country_groups.yaml``."""
    data = yaml.safe_load(EAR_FILE.read_text(encoding="utf-8"))
    return {str(group): EarGroup(str(spec["org"]), tuple(spec.get("extra") or ()), str(spec.get("why") or ""))
            for group, spec in data.items()}


def layouts() -> dict[str, TableMapping]:
    """The regime-table CSV layouts, by name."""
    return layouts_of(LOADER)


class RegimeTableLoader(ResolvingLoader):
    """Regime/organisation membership tables -> Organization, Country and MEMBER_OF per source."""

    name: ClassVar[str] = LOADER
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "regime memberships: EAR country groups JSON, CSV tables by mapping (Factbook)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        suffix = path.suffix.lower()
        if suffix == ".json" and b'"byCountry"' in head and b'"groups"' in head:
            return 0.9
        if suffix == ".csv" and detect(layouts(), head_header(head), low_trust=False) is not None:
            return 0.9
        return 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        if path.suffix.lower() == ".json":
            source = read_text(path, allowed=UTF8)
            document = Document(sha256=source.sha256, kind="reference", path=path.name, title=path.name,
                                bytes=len(source.data), encoding=source.encoding)
            batch = self.new_batch(document)
            _Ear(self.resolver, batch, path.name).read(source.text)
            yield batch
            return
        yield read_mapped_table(self, path, layouts(), "membership table")


class _Ear:
    """The EAR country-groups JSON: group -> member names, each resolved to a state."""

    def __init__(self, resolver: Resolver, batch: Batch, file: str) -> None:
        self.resolver, self.batch, self.file = resolver, batch, file
        self.added: set[str] = set()
        self.edges: set[tuple[str, str]] = set()

    def _node(self, node: Node, line: int | None, rule: str) -> None:
        if node.id not in self.added:
            self.added.add(node.id)
            self.batch.add_node(node, self.batch.provenance(line=line, rule=rule))

    def _member(self, name: str, org_id: str, line: int | None, field: str, rule: str,
                as_of: str | None, citation: str | None) -> None:
        res = self.resolver.resolve(name, "treaty", where=f"{self.file}:{line or ''}")
        if res.entity_id is None or res.label != "Country":
            self.batch.error(line, field, f"unknown country {name!r} ({res.rule}"
                                          + (f": {', '.join(res.candidates)}" if res.candidates else "") + ")")
            return
        if (res.entity_id, org_id) in self.edges:
            self.batch.error(line, field, f"duplicate membership of {res.entity_id} in {org_id}; first kept")
            return
        self.edges.add((res.entity_id, org_id))
        org = self.resolver.node_for_id(org_id)
        if org is None:
            raise LoaderFailure(LoadError(file=self.file, reason=f"no entity {org_id} in entities.csv"))
        self._node(org, line, "reference:entities.csv")
        self._node(self.resolver.node_for(res), line, rule)
        prov = self.batch.provenance(line=line, rule=rule, citation=citation)
        self.batch.add_relation(MemberOf(src=res.entity_id, dst=org_id, as_of=as_of, source="ear"), prov)

    def read(self, text: str) -> None:
        try:
            data: dict[str, Any] = json.loads(text)
            groups: dict[str, list[str]] = data["groups"]
            if not isinstance(groups, dict):
                raise TypeError("'groups' must be an object of group -> country list")
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            reason = "nested too deep" if isinstance(exc, RecursionError) else str(exc)
            raise LoaderFailure(LoadError(file=self.file, reason=f"not an EAR country-groups file: {reason}")) from exc
        lines = text.splitlines()
        as_of = data.get("ecfrIssueDate")
        problem = None if as_of is None else (
            iso_date_problem(as_of) if isinstance(as_of, str) else f"not a date string: {as_of!r}")
        if problem is not None:  # the file's date only: the memberships still load, undated
            self.batch.error(_line_of(lines, '"ecfrIssueDate"', 0) or 1, "ecfrIssueDate", problem)
            as_of = None
        citation = str(data.get("citation") or "15 C.F.R. Part 740, Supplement No. 1")
        for group, spec in ear_groups().items():
            members = groups.get(group)
            if not isinstance(members, list):
                self.batch.error(_line_of(lines, '"groups"', 0) or 1, group, f"group {group} missing from the file")
                continue
            start = _line_of(lines, f'"{group}": [', 0) or _line_of(lines, '"groups"', 0)
            for name in members:
                self.batch.records_read += 1
                line = (_line_of(lines, json.dumps(name), start) or start) if start else None
                if not isinstance(name, str) or not name.strip():
                    self.batch.error(line, group, f"member {json.dumps(name)[:40]} is not a country name")
                    continue
                self._member(name, spec.org, line, group, f"regime-table:ear {group}", as_of, citation)
            for name in spec.extra:
                if name not in members:
                    self._member(name, spec.org, start or None, group, f"regime-table:ear {group} footnote",
                                 as_of, spec.why)


def _line_of(lines: list[str], needle: str, start: int) -> int:
    """1-based line of the first occurrence of needle at or after line ``start`` (0 = not found)."""
    for i in range(max(start - 1, 0), len(lines)):
        if needle in lines[i]:
            return i + 1
    return 0


"""Export-control regime and organisation memberships: who belongs to Wassenaar, the MTCR, NATO, ...

Why a relation of its own: regimes are political arrangements, not treaties (domain.md), so membership is
``(state)-[:MEMBER_OF {since, until, as_of, source}]->(org)``, not ``PARTY_TO``. Each source keeps its own
edge (``source`` is a key property), so where the EAR list and the CIA Factbook disagree both stay, with
their provenance, and ``regime-membership-conflicts`` style queries can list the difference.

Two layouts, picked by ``sniff``:

* the US EAR country groups JSON (15 CFR 740 Supp. 1): A:1 Wassenaar (plus Malta, Russia and Ukraine, which
  the EAR footnote leaves out of A:1 but which participate), A:2 MTCR, A:3 Australia Group, A:4 NSG, and D:5
  (the US arms-embargo list, modelled as membership of that list). Membership is as of the eCFR date;
* the CIA Factbook table's ``member_*`` columns (NATO, EU, OSCE, CSTO, OPCW, UN, Wassenaar, NSG, Australia
  Group). Qualified entries ('NSG (observer)', 'EU (candidate country)') are not memberships and are skipped.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import read_text
from armsgraph.loaders.resolve import TREATY, Resolver
from armsgraph.schema import Document, Node
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.relations import MemberOf

EAR_GROUPS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "A:1": ("org:wassenaar-arrangement", ("Malta", "Russia", "Ukraine"),
            "EAR A:1 footnote: Malta, Russia and Ukraine participate in Wassenaar but are not in A:1"),
    "A:2": ("org:mtcr", (), ""),
    "A:3": ("org:australia-group", (), ""),
    "A:4": ("org:nsg", (), ""),
    "D:5": ("org:ear-country-group-d5", (), ""),
}
"""EAR country group -> organisation id, members the group leaves out, and why."""

FACTBOOK_COLUMNS: dict[str, str] = {
    "member_Wassenaar_Arrangement": "org:wassenaar-arrangement",
    "member_NSG": "org:nsg",
    "member_Australia_Group": "org:australia-group",
    "member_NATO": "org:nato",
    "member_EU": "org:european-union",
    "member_OSCE": "org:osce",
    "member_CSTO": "org:csto",
    "member_OPCW": "org:opcw",
    "member_UN": "org:united-nations",
}


class RegimeTableLoader(ResolvingLoader):
    """Regime/organisation membership tables -> Organization, Country and MEMBER_OF per source."""

    name: ClassVar[str] = "regime-table"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "regime memberships: EAR country groups JSON, CIA Factbook member_* columns"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        suffix = path.suffix.lower()
        if suffix == ".json" and b'"byCountry"' in head and b'"groups"' in head:
            return 0.9
        first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
        if suffix == ".csv" and first.startswith(b"gec,") and b"member_" in first:
            return 0.9
        return 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        source = read_text(path, allowed=("utf_8", "utf_8_sig"))
        document = Document(sha256=source.sha256, kind="reference", path=path.name, title=path.name,
                            bytes=len(source.data), encoding=source.encoding)
        batch = self.new_batch(document)
        state = _State(self.resolver, batch, path.name)
        if path.suffix.lower() == ".json":
            state.ear(source.text)
        else:
            state.factbook(source.text)
        yield batch


class _State:
    def __init__(self, resolver: Resolver, batch: Batch, file: str) -> None:
        self.resolver, self.batch, self.file = resolver, batch, file
        self.added: set[str] = set()
        self.edges: set[tuple[str, str]] = set()

    def _node(self, node: Node, line: int | None, rule: str) -> None:
        if node.id not in self.added:
            self.added.add(node.id)
            self.batch.add_node(node, self.batch.provenance(line=line, rule=rule))

    def _member(self, name: str, org_id: str, line: int | None, field: str, source: str, rule: str,
                as_of: str | None = None, citation: str | None = None) -> None:
        res = self.resolver.resolve(name, TREATY, where=f"{self.file}:{line or ''}")
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
        self.batch.add_relation(MemberOf(src=res.entity_id, dst=org_id, as_of=as_of, source=source), prov)

    def ear(self, text: str) -> None:
        try:
            data: dict[str, Any] = json.loads(text)
            groups: dict[str, list[str]] = data["groups"]
            if not isinstance(groups, dict):
                raise TypeError("'groups' must be an object of group -> country list")
        except (ValueError, KeyError, TypeError) as exc:
            raise LoaderFailure(LoadError(file=self.file, reason=f"not an EAR country-groups file: {exc}")) from exc
        as_of = data.get("ecfrIssueDate")
        citation = str(data.get("citation") or "15 C.F.R. Part 740, Supplement No. 1")
        lines = text.splitlines()
        for group, (org_id, extra, why) in EAR_GROUPS.items():
            members = groups.get(group)
            if not isinstance(members, list):
                self.batch.error(None, group, f"group {group} missing from the file")
                continue
            start = _line_of(lines, f'"{group}": [', 0)
            for name in members:
                self.batch.records_read += 1
                line = _line_of(lines, f'"{name}"', start) if start else None
                self._member(str(name), org_id, line, group, "ear", f"regime-table:ear {group}", as_of, citation)
            for name in extra:
                if name not in members:
                    self._member(name, org_id, start or None, group, "ear", f"regime-table:ear {group} footnote",
                                 as_of, why)

    def factbook(self, text: str) -> None:
        rows = list(csv.DictReader(text.splitlines()))
        for line, row in enumerate(rows, start=2):
            self.batch.records_read += 1
            wanted = [(col, org) for col, org in FACTBOOK_COLUMNS.items()
                      if (row.get(col) or "").strip() and "(" not in (row.get(col) or "")]
            if not wanted:
                continue
            names = [n for n in (row.get("long"), row.get("short")) if n and n.strip().lower() != "none"]
            found = [r for n in names if (r := self.resolver.resolve(n, TREATY)).rule in ("exact", "alias")]
            if not found or found[0].label != "Country":
                continue  # non-state profiles (the EU's own page lists its memberships too)
            for col, org_id in wanted:
                self._member(found[0].query, org_id, line, col, "cia-factbook", f"regime-table:factbook {col}",
                             citation="CIA World Factbook (factbook/factbook.json)")


def _line_of(lines: list[str], needle: str, start: int) -> int:
    """1-based line of the first occurrence of needle at or after line ``start`` (0 = not found)."""
    for i in range(max(start - 1, 0), len(lines)):
        if needle in lines[i]:
            return i + 1
    return 0


"""Dated treaty membership tables: who is party to which treaty since when, one ``PARTY_TO`` per source.

Why: "was X bound by the CCM when it delivered Y" needs a dated ``PARTY_TO`` per state. Each table layout
is a mapping file in ``mappings/`` (docs/reference-tables.md): the documented ``armsgraph`` format, the
UNTC/Monitor table, the complete UNTC lists, survivalscores, and the LOW TRUST year-only list (read only when
the loader is named). What stays code is what every layout shares and the mappings cannot say: the order of
a party's dates, the entry into force computed by the treaty's own article, and the treaty's categories.

Every row is checked: the state must resolve to a Country (through the shared resolver), dates must be real
calendar dates, a (treaty, state) pair appears once. Bad rows are reported as ``file:line:field: reason`` and
the good rows load. The file must be UTF-8; a line that is not is reported, the others load.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from armsgraph.loaders.io import BOM, read_bytes, read_csv
from armsgraph.loaders.mapping import (
    ISO,
    YEAR,
    MappingContext,
    TableMapping,
    build,
    detect,
    map_rows,
)
from armsgraph.loaders.mapping import parse_date as parse_with
from armsgraph.loaders.reference.categories import CATEGORIES_FILE, weapon_categories
from armsgraph.loaders.reference.treaties import TREATIES_FILE, treaty_catalogue, treaty_key
from armsgraph.loaders.tables.lookups import country_lookup, treaty_lookup
from armsgraph.loaders.tables.mapped import MappedTableLoader, layouts_of
from armsgraph.schema import Country, Document, Node, Treaty
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of

MAPPINGS = Path(__file__).parent / "mappings"
LOADER = "treaty-table"


def layouts() -> dict[str, TableMapping]:
    """The treaty-table layouts, by name (read and checked once per process)."""
    return layouts_of(LOADER)


def parse_date(raw: str, *, year_only: bool = False) -> str | None:
    """An ISO date string from 'YYYY-MM-DD' or '3 Dec 2008' ('YYYY' where allowed); ValueError if invalid."""
    return parse_with(raw, (YEAR, ISO, "%d %b %Y", "%d %B %Y") if year_only else (ISO, "%d %b %Y", "%d %B %Y"))


def detect_layout(header: list[str]) -> str | None:
    found = detect(layouts(), [h.strip().lower() for h in header])
    return found.layout if found else None


def check_party_dates(dates: dict[str, str | None], treaty: Node) -> tuple[str, str] | None:
    """A party row's dates in order: at least one, signature before consent, withdrawal after joining."""
    if not any(dates.values()):
        return "signed", "no date at all: a party row needs a signature, ratification or accession"
    joined = dates.get("ratified") or dates.get("accession")
    signed, withdrew = dates.get("signed"), dates.get("withdrew")
    if signed and joined and len(joined) == 10 and joined < signed:
        return "signed", f"signed {signed} after consent to be bound {joined}"
    if withdrew and joined and withdrew < joined:
        return "withdrew", f"withdrew {withdrew} before joining {joined}"
    return None


class TreatyTableLoader(MappedTableLoader):
    """Dated treaty-membership tables (CSV) -> Treaty, Country and PARTY_TO with provenance per row."""

    name: ClassVar[str] = LOADER
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "treaty party/status tables (CSV), one mapping per layout (tables/mappings/)"

    # sniff: MappedTableLoader's (the low-trust year-only list is read only when asked for by name)

    def read(self, path: Path) -> Iterator[Batch]:
        data = read_bytes(path)
        table = read_csv(data, file=path.name)
        mapping = detect(layouts(), table.header)
        if mapping is None:
            raise LoaderFailure(LoadError(
                file=path.name, line=table.header_line,
                reason="unknown table layout; header must contain one of: "
                       + "; ".join(", ".join(sorted(m.required)) for m in layouts().values())))
        encoding = ("utf_8_sig" if data.startswith(BOM) else "utf_8") + (" (invalid lines)" if table.bad_lines else "")
        document = Document(sha256=sha256_of(data), kind="reference", path=path.name, title=path.name,
                            bytes=len(data), encoding=encoding)
        batch = self.new_batch(document)
        ctx = MappingContext(lookups={"Country": country_lookup(self.resolver), "Treaty": treaty_lookup},
                             node_by_id=self.resolver.node_for_id, check=check_party_dates)
        added: set[str] = set()
        for row in map_rows(mapping, table, batch, ctx, path):
            prov = batch.provenance(line=row.line, rule=row.rule, citation=row.citation)
            key = treaty_key(row.target.id.partition(":")[2])
            assert key is not None
            info = treaty_catalogue()[key]
            categories = [weapon_categories()[c] for c in (*info.node.prohibits, *info.node.controls)]
            for node in (row.source, info.node, *categories):
                if node.id not in added:
                    added.add(node.id)
                    batch.add_node(node, prov if isinstance(node, Country) else batch.provenance(
                        line=row.line,
                        rule="reference:" + (TREATIES_FILE if isinstance(node, Treaty) else CATEGORIES_FILE),
                        citation=info.source if isinstance(node, Treaty) else None))
            joined = row.props.get("ratified") or row.props.get("accession")
            if not row.props.get("entry_into_force") and joined:
                row.props["entry_into_force"] = info.entry_into_force_for(joined)  # the treaty's own article
            row.props["bound_from"] = info.bound_from(joined, row.props.get("entry_into_force"))
            relation = build(row, batch)
            if relation is not None:
                batch.add_relation(relation, prov)
        yield batch

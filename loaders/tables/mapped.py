"""Reading a CSV table through its mapping into one Batch: the part every mapped table source shares."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import BOM, head_header, read_bytes, read_csv
from armsgraph.loaders.mapping import MappingContext, TableMapping, build, detect, load_mappings, map_rows
from armsgraph.loaders.tables.lookups import country_lookup
from armsgraph.schema import Document
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of


def read_mapped_table(loader: ResolvingLoader, path: Path, layouts: dict[str, TableMapping], what: str) -> Batch:
    """The file's rows as the relations of the layout its header has; bad rows in ``Batch.errors``."""
    data = read_bytes(path)
    table = read_csv(data, file=path.name)
    mapping = detect(layouts, table.header)
    if mapping is None:
        raise LoaderFailure(LoadError(
            file=path.name, line=table.header_line,
            reason=f"unknown {what} layout; header must contain one of: "
                   + "; ".join(", ".join(sorted(m.required)) for m in layouts.values())))
    encoding = ("utf_8_sig" if data.startswith(BOM) else "utf_8") + (" (invalid lines)" if table.bad_lines else "")
    batch = loader.new_batch(Document(sha256=sha256_of(data), kind="reference", path=path.name,
                                      title=path.name, bytes=len(data), encoding=encoding))
    ctx = MappingContext(lookups={"Country": country_lookup(loader.resolver)}, node_by_id=loader.resolver.node_for_id)
    added: set[str] = set()
    for row in map_rows(mapping, table, batch, ctx, path):
        for node, rule in ((row.target, "reference:entities.csv"), (row.source, row.rule)):
            if node.id not in added:
                added.add(node.id)
                batch.add_node(node, batch.provenance(line=row.line, rule=rule))
        relation = build(row, batch)
        if relation is not None:
            batch.add_relation(relation, batch.provenance(line=row.line, rule=row.rule, citation=row.citation))
    return batch


MAPPINGS = Path(__file__).parent / "mappings"


@cache
def layouts_of(loader: str) -> dict[str, TableMapping]:
    """The mapping files of one table loader (``loader: NAME`` in ``mappings/*.yaml``), read and checked once."""
    return load_mappings(MAPPINGS, loader)


class MappedTableLoader(ResolvingLoader):
    """A table source whose layouts are mapping files: it knows a CSV by its header and reads it by mapping.

    Low-trust layouts are read only when the loader is named (``--loader``), never picked by ``sniff``.
    """

    what: ClassVar[str] = "table"

    @classmethod
    def layouts(cls) -> dict[str, TableMapping]:
        return layouts_of(cls.name)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.suffix.lower() != ".csv":
            return 0.0
        return 0.9 if detect(cls.layouts(), head_header(head), low_trust=False) is not None else 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        yield read_mapped_table(self, path, self.layouts(), self.what)

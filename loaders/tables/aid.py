"""Aid trackers' aggregate tables: what a donor committed per category, as reference figures.

Why apart from deals: a tracker's total ("49 tanks, EUR 463m") is not a transfer; it is what the graph's
transfers from that donor can be compared with (catalogue query ``tracker-comparison``). Each layout is a
mapping in ``mappings/`` (``loader: aid-table``), e.g. the Kiel Ukraine Support Tracker's ``weapons.csv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar

from armsgraph.loaders.base import ResolvingLoader
from armsgraph.loaders.io import head_header
from armsgraph.loaders.mapping import TableMapping, detect, load_mappings
from armsgraph.loaders.tables.mapped import read_mapped_table
from armsgraph.schema.batch import Batch

LOADER = "aid-table"
MAPPINGS = Path(__file__).parent / "mappings"


@cache
def layouts() -> dict[str, TableMapping]:
    """The aid-table layouts, by name."""
    return load_mappings(MAPPINGS, LOADER)


class AidTableLoader(ResolvingLoader):
    """Aid-tracker totals (CSV) -> AID_TOTAL per donor, recipient and category, one per tracker release."""

    name: ClassVar[str] = LOADER
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "aid-tracker totals per donor and category (CSV by mapping: Kiel weapons.csv)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.suffix.lower() != ".csv":
            return 0.0
        return 0.9 if detect(layouts(), head_header(head), low_trust=False) is not None else 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        yield read_mapped_table(self, path, layouts(), "aid table")

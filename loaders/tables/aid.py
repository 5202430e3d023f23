"""Aid trackers' aggregate tables: what a donor committed per category, as reference figures.

Why apart from deals: a tracker's total ("49 tanks, EUR 463m") is not a transfer; it is what the graph's
transfers from that donor can be compared with (catalogue query ``tracker-comparison``). Each layout is a
mapping in ``mappings/`` (``loader: aid-table``), e.g. the Kiel Ukraine Support Tracker's ``weapons.csv``.
"""

from __future__ import annotations

from typing import ClassVar

from armsgraph.loaders.mapping import TableMapping
from armsgraph.loaders.tables.mapped import MappedTableLoader, layouts_of

LOADER = "aid-table"


def layouts() -> dict[str, TableMapping]:
    """The aid-table layouts, by name."""
    return layouts_of(LOADER)


class AidTableLoader(MappedTableLoader):
    """Aid-tracker totals (CSV) -> AID_TOTAL per donor, recipient and category, one per tracker release."""

    name: ClassVar[str] = LOADER
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "aid-tracker totals per donor and category (CSV by mapping: Kiel weapons.csv)"
    what: ClassVar[str] = "aid table"

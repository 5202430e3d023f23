"""The reference data files shipped with armsgraph: CSV with ``#`` comment lines, read once."""

from __future__ import annotations

from importlib import resources

from armsgraph.loaders.io import csv_rows


def data_rows(name: str) -> list[dict[str, str]]:
    """Rows of ``loaders/reference/data/NAME`` as stripped strings (comment lines skipped)."""
    text = resources.files("armsgraph.loaders.reference").joinpath("data", name).read_text(encoding="utf-8")
    return [row.values for row in csv_rows(text).rows]


def split_list(value: str) -> list[str]:
    """A ``|``-separated cell as a list."""
    return [p.strip() for p in value.split("|") if p.strip()]

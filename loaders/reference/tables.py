"""The reference data files shipped with armsgraph: CSV with ``#`` comment lines, read once."""

from __future__ import annotations

import csv
from importlib import resources


def data_rows(name: str) -> list[dict[str, str]]:
    """Rows of ``loaders/reference/data/NAME`` as stripped strings (comment lines skipped)."""
    text = resources.files("armsgraph.loaders.reference").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]


def split_list(value: str) -> list[str]:
    """A ``|``-separated cell as a list."""
    return [p.strip() for p in value.split("|") if p.strip()]

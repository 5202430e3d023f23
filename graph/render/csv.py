"""The ``csv`` format: a header row, then one line per row; lists and maps as JSON in their cell."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from armsgraph.graph.render.registry import Renderer


def render_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO, *,
               title: str | None = None) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else
                         ("" if v is None else v) for v in row])


RENDERER = Renderer("csv", "text/csv", render_csv)

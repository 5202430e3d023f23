"""The ``json`` format: one array of objects keyed by column, for pipes and scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from armsgraph.graph.render.registry import Renderer


def render_json(columns: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO, *,
                title: str | None = None) -> None:
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    out.write(json.dumps(records, ensure_ascii=False, default=str, indent=1) + "\n")


RENDERER = Renderer("json", "application/json", render_json)

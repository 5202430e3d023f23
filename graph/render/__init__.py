"""Printing results in the output formats of the registry: a table for people, JSON or CSV for pipes.

A new format is one module with a :class:`Renderer` and one entry in :data:`RENDERERS`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from armsgraph.graph.render import csv, json, table
from armsgraph.graph.render.registry import Renderer
from armsgraph.schema.errors import UserError

RENDERERS: dict[str, Renderer] = {r.name: r for r in (table.RENDERER, json.RENDERER, csv.RENDERER)}
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def emit(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", *, title: str | None = None,
         out: TextIO | None = None) -> None:
    """Write ``rows`` to ``out`` (stdout) in the format named ``fmt``."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise UserError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    renderer.render(columns, rows, out or sys.stdout, title=title)


__all__ = ["FORMATS", "RENDERERS", "Renderer", "emit"]

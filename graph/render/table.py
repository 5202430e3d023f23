"""The ``table`` format: a rich table for people at a terminal, never folded in a pipe or file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from armsgraph.graph.render.registry import Renderer


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str):
        return " ".join(value.split())  # line breaks inside a cell (wrapped article text) only confuse a table
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) >= 0.01 or value == 0 else f"{value:g}"
    return str(value)


def render_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO, *,
                 title: str | None = None) -> None:
    # rich when a table is printed: every command imports this module, and ``--format json|csv`` never needs rich
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    # On a terminal, fit its width; in a pipe or file, never fold cells.
    width = None if out.isatty() else 1000
    Console(file=out, soft_wrap=False, width=width).print(table)
    if not rows:
        Console(file=out).print("[dim](no rows)[/dim]")


RENDERER = Renderer("table", "text/plain", render_table)

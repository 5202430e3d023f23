"""Printing query results: a rich table for people, JSON or CSV for pipes."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv")


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


def emit(columns: list[str], rows: list[list[Any]], fmt: str = "table", *, title: str | None = None,
         out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        out.write(json.dumps(records, ensure_ascii=False, default=str, indent=1) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else
                             ("" if v is None else v) for v in row])
    else:
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

"""The pages' repeated pieces of HTML (a value, a label badge, a result table) as Python functions.

A hub's page has thousands of cells and badges: as Jinja2 macros they were a third of its time (each call builds
a macro frame), as functions returning :class:`markupsafe.Markup` they cost a string join. Every value goes
through :func:`markupsafe.escape`, as the templates' autoescape would; the templates call these as globals.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from armsgraph.graph.web.pages import colour, href, id_label


def cell_text(value: Any) -> str:
    """A value as the text of a table cell: numbers with separators, a mapping as JSON, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}" if value != int(value) else f"{int(value):,}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _value(v: Any, out: list[str]) -> None:
    if v is None:
        return
    if isinstance(v, str):
        if id_label(v):
            out.append(f'<a href="{escape(href(v))}" class="id">{escape(v)}</a>')
        else:
            out.append(escape(v))
    elif isinstance(v, Mapping):
        out.append(escape(cell_text(v)))
    elif isinstance(v, Iterable) and not isinstance(v, bytes):
        out.append('<ul class="cell-list">')
        for item in v:
            out.append("<li>")
            _value(item, out)
            out.append("</li>")
        out.append("</ul>")
    else:
        out.append(escape(cell_text(v)))


def value(v: Any) -> Markup:
    """A cell: an id links to its page, a list is a list, anything else is its text."""
    out: list[str] = []
    _value(v, out)
    return Markup("".join(out))


def badge(label: str) -> Markup:
    """A label in the Browser kit's colour."""
    return Markup(f'<span class="badge" style="background: {escape(colour(label))}">{escape(label)}</span>')


def _table(columns: Sequence[Any], cells: Iterable[Iterable[Any]], cls: str) -> Markup:
    out = [f'<table class="{escape(cls)}">\n<thead><tr>', *(f"<th>{escape(c)}</th>" for c in columns),
           "</tr></thead>\n<tbody>\n"]
    for row in cells:
        out.append("<tr>")
        for v in row:
            out.append("<td>")
            _value(v, out)
            out.append("</td>")
        out.append("</tr>\n")
    out.append("</tbody>\n</table>")
    return Markup("".join(out))


def table(columns: Sequence[Any], rows: Iterable[Sequence[Any]], cls: str = "results") -> Markup:
    """A result table from rows of cells."""
    return _table(columns, rows, cls)


def records(items: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Markup:
    """A result table from records, the given columns in order."""
    return _table(columns, ([item[c] for c in columns] for item in items), "results")

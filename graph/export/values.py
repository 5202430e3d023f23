"""Property types as the typed export formats need them, inferred from the values seen.

The store holds JSON-like values (bool, int, float, str and lists of them), and a property may be absent on
some nodes. The neo4j-admin CSV and GraphML headers need one type per column: the narrowest of ``boolean``,
``long``, ``double``, ``string`` that holds every value seen (ints and floats together are ``double``; any
other mix is ``string``), with ``[]`` for lists.
"""

from __future__ import annotations

from typing import Any

SCALARS = ("boolean", "long", "double", "string")


def scalar_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def widen(a: str | None, b: str | None) -> str | None:
    """The type holding values of both (None: nothing seen yet)."""
    if a is None or a == b:
        return b
    if b is None:
        return a
    if {a, b} == {"long", "double"}:
        return "double"
    return "string"


def value_type(value: Any) -> str | None:
    """``long``, ``string[]``...; None for an empty list (it fits any list type)."""
    if isinstance(value, list):
        element: str | None = None
        for item in value:
            element = widen(element, "string" if isinstance(item, (list, dict)) else scalar_type(item))
        return None if element is None else element + "[]"
    if isinstance(value, dict):
        return "string"
    return scalar_type(value)


class ColumnTypes:
    """Property name -> type, widened value by value, in first-seen order."""

    def __init__(self) -> None:
        self.types: dict[str, str | None] = {}
        self.lists: set[str] = set()

    def add(self, props: dict[str, Any]) -> None:
        for key, value in props.items():
            if value is None:
                continue
            if isinstance(value, list):
                self.lists.add(key)
            seen = self.types.get(key)
            new = value_type(value)
            if seen is not None and new is not None and seen.endswith("[]") != new.endswith("[]"):
                self.types[key] = "string"  # a list here, a scalar there: keep both as text
                continue
            if seen is not None and new is not None and seen.endswith("[]"):
                inner = widen(seen[:-2], new[:-2])
                self.types[key] = f"{inner}[]"
            else:
                self.types[key] = widen(seen, new)

    def resolved(self) -> dict[str, str]:
        """Final types: a property only ever seen as an empty list is ``string[]``."""
        out: dict[str, str] = {}
        for key, kind in self.types.items():
            out[key] = kind if kind is not None else "string[]"
        return out

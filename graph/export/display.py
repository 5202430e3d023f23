"""Which property names a node for a person (Browser captions, GraphML labels): the ``caption`` the writer
stores from each label's schema ``Caption``, the id where a node has none (a graph written before captions)."""

from __future__ import annotations

from typing import Any

CAPTION = "caption"


def display_property(label: str) -> str:
    """The property that names a node of ``label``: the same stored caption for every label."""
    return CAPTION


def display_name(label: str, properties: dict[str, Any]) -> str:
    value = properties.get(CAPTION)
    return str(value) if value not in (None, "") else str(properties.get("id", ""))

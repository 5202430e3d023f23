"""Which property names a node for a person (Browser captions, GraphML labels), read from the schema fields.

A stopgap until each label declares its caption in the schema: the first of these a label has.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from armsgraph.schema import NODE_TYPES

PREFERRED = ("short_name", "name", "designation", "title", "text", "key")


@cache
def display_property(label: str) -> str:
    fields = NODE_TYPES[label].model_fields if label in NODE_TYPES else {}
    return next((p for p in PREFERRED if p in fields), "id")


def display_name(label: str, properties: dict[str, Any]) -> str:
    value = properties.get(display_property(label))
    return str(value) if value is not None else str(properties.get("id", ""))

"""Values written as Cypher literals, for a script a person runs (never for a statement armsgraph sends).

Strings are single-quoted with backslash escapes for the quote, the backslash and the line-breaking and
other C-style control characters, the only escapes both Neo4j and FalkorDB read the same (FalkorDB leaves
``\\uXXXX`` as it is, so any other character, unicode included, is written as itself: the script is UTF-8).
No raw line break is ever inside a literal, so a line ending in ``;`` always ends a statement.
"""

from __future__ import annotations

import math
import re
from typing import Any

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS = re.compile(r"[\\'\n\r\t\b\f]")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def string(value: str) -> str:
    return "'" + _NEEDS.sub(lambda m: _ESCAPES[m.group(0)], value) + "'"


def name(key: str) -> str:
    """A property key or map key: bare when it is an identifier, else in backticks (a backtick doubled)."""
    return key if _IDENT.match(key) else "`" + key.replace("`", "``") + "`"


def number(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{value!r} has no Cypher literal")
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def literal(value: Any) -> str:
    """A Cypher literal that evaluates to ``value`` (None, bool, int, float, str, list, dict)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")

"""A faster encoder for FalkorDB's parameter header (``CYPHER name=value ... query``).

FalkorDB takes parameters as Cypher literals in front of the query text; the falkordb client
builds them with a recursive pure-Python function that took ~45% of a large load (measured with
cProfile in bench/bench_writer.py). This encoder produces literals FalkorDB reads back identically
(tests/graph/test_falkor_params.py round-trips hostile strings through the real engine): maps are
built in Python with back-quoted keys, every other value by ``json.dumps`` in C. JSON escapes that
FalkorDB does not read (``\\uXXXX``, ``\\b``, ``\\f``: control characters) send that parameter
through the client's own encoder instead.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from falkordb.helpers import stringify_param_value

from armsgraph.schema.errors import StoreError

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class _Fallback(Exception):
    pass


def _literal(value: Any) -> str:
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if not isinstance(key, str) or not key or "`" in key:
                raise _Fallback
            parts.append(f"`{key}`:{_literal(item)}")
        return "{" + ",".join(parts) + "}"
    if isinstance(value, (list, tuple)) and any(isinstance(v, (dict, list, tuple)) for v in value):
        return "[" + ",".join(_literal(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        raise _Fallback
    try:
        return _dumps(value)
    except (TypeError, ValueError) as exc:
        raise _Fallback from exc


_KEY = re.compile(r'(?<=[{,])"([^"\\`\x00-\x1f]+)":')
"""A JSON object key (a quote right after ``{`` or ``,`` opens a key or an array item; an item is never followed by
a colon, and inside strings every quote is escaped): FalkorDB's map literals want it back-quoted."""
_LEFT_KEY = re.compile(r'(?<=[{,])"(?:[^"\\]|\\.)*":')
"""A key :data:`_KEY` could not back-quote (an empty one, or one holding quotes, backslashes or back-quotes)."""


def _fast(value: Any) -> str | None:
    """The whole value as JSON in one C call, its map keys back-quoted by one regex; None when it needs the
    per-value path (a key that cannot be back-quoted, a number JSON refuses, a type JSON does not know)."""
    try:
        text = _dumps(value)
    except (TypeError, ValueError):
        return None
    if "{" in text:
        parts = _KEY.split(text)  # text, key, text, key, ..., text: no per-match template expansion
        parts[1::2] = [f"`{key}`:" for key in parts[1::2]]
        text = "".join(parts)
        if '":' in text and _LEFT_KEY.search(text):  # no key is left without an unescaped quote before a colon
            return None
    return text


def _unread(text: str) -> bool:
    """A JSON escape FalkorDB does not read (``\\u``, ``\\b``, ``\\f``) in ``text``: three substring scans in C,
    several times faster than one regex scan over a large load's parameters."""
    return "\\u" in text or "\\b" in text or "\\f" in text


def encode_value(value: Any) -> str:
    """One parameter value as a FalkorDB literal."""
    if type(value) in (list, dict):
        text = _fast(value)
        if text is not None and not _unread(text):
            return text
    try:
        text = _literal(value)
    except _Fallback:
        return str(stringify_param_value(value))
    if _unread(text):
        return str(stringify_param_value(value))
    return text


def params_header(params: dict[str, Any] | None) -> str:
    if not params:
        return ""
    parts = ["CYPHER "]
    for key, value in params.items():
        if not key or "`" in key:
            raise StoreError(f"bad parameter name {key!r}: FalkorDB takes non-empty names without backquotes")
        parts.append(f"`{key}`={encode_value(value)} ")
    return "".join(parts)

"""Engine error messages as one line with the position: ``Invalid input ... (line 1, column 12)``.

Why: FalkorDB answers a syntax error as ``errMsg: ... line: 1, column: 12, offset: 11 errCtx: ...
errCtxOffset: 11``, Neo4j as ``... (line 1, column 12 (offset: 11))`` followed by the statement and a caret
on lines of their own; both list every token the parser expected. A person needs what went wrong and where.
"""

from __future__ import annotations

import re

MAX_EXPECTED = 6
"""Tokens of an ``expected ...`` list kept; the rest are counted."""
MAX_LENGTH = 300

_FALKOR = re.compile(r"^errMsg:\s*(?P<msg>.*?)\s+line:\s*(?P<line>\d+),\s*column:\s*(?P<column>\d+)"
                     r"(?:,\s*offset:\s*\d+)?(?:\s+errCtx:.*)?$", re.S)
_NEO4J = re.compile(r"^(?P<msg>.*?)\s*\(line (?P<line>\d+), column (?P<column>\d+) \(offset: \d+\)\)", re.S)
_EXPECTED = re.compile(r"(?P<head>\bexpected\s+)(?P<tokens>.+)$", re.S)


def _tokens(text: str) -> list[str]:
    """Split ``a, 'b', "...string...", c or d`` into its items, commas inside quotes kept."""
    items = re.findall(r"'[^']*'|\"[^\"]*\"|[^,]+", text.replace(" or ", ", "))
    return [item.strip() for item in items if item.strip()]


def _shorten_expected(message: str) -> str:
    match = _EXPECTED.search(message)
    if match is None:
        return message
    tokens = _tokens(match["tokens"])
    if len(tokens) <= MAX_EXPECTED:
        return message
    kept = ", ".join(tokens[:MAX_EXPECTED])
    return f"{message[:match.start('tokens')]}{kept} or {len(tokens) - MAX_EXPECTED} more"


def engine_message(text: str) -> str:
    """One line: the engine's message (its expected-token list cut short) and ``(line L, column C)``."""
    raw = text.strip()
    match = _FALKOR.match(raw) or _NEO4J.match(raw)
    if match is not None:
        message = _shorten_expected(" ".join(match["msg"].split()))
        where = f" (line {match['line']}, column {match['column']})"
    else:
        message = " ".join(raw.splitlines()[0].split()) if raw else ""
        where = ""
    if len(message) > MAX_LENGTH:
        message = message[:MAX_LENGTH - 1] + "…"
    return message + where

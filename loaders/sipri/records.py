"""What both SIPRI export formats parse into: one :class:`SipriDeal` per deal, or a :class:`RowError`.

The two format parsers (``sipri_classic``, ``sipri_transfers``) only split and type-check text; turning deals
into graph nodes happens once, in ``armsgraph.loaders.sipri.loader``. Plain dataclasses, not pydantic models: a full
export has ~30,000 deals and the graph entities are validated later anyway.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime

from armsgraph.loaders.io import MAX_FIELD_CHARS
from armsgraph.schema.values import whole_number

TIV_COLUMNS = ("SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons")


@dataclass(slots=True)
class SipriDeal:
    """One SIPRI deal as read from a file, with the physical lines it spans."""

    line: int
    line_end: int
    supplier: str
    recipient: str
    designation: str
    description: str
    order_year: int | None
    category: str | None = None
    order_year_estimate: bool | None = None
    number_ordered: int | None = None
    number_ordered_estimate: bool | None = None
    number_delivered: int | None = None
    number_delivered_estimate: bool | None = None
    delivery_years: list[int] = field(default_factory=list)
    delivered_per_year: list[int] = field(default_factory=list)
    tiv_delivered_per_year: list[float] = field(default_factory=list)
    status: str | None = None
    comments: str | None = None
    tiv_unit: float | None = None
    tiv_order: float | None = None
    tiv_delivered: float | None = None
    sipri_id: str | None = None
    local_production: bool | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    """A record that cannot be read: where (physical line, column name) and why."""

    line: int
    field: str | None
    reason: str
    rejects: bool = True
    """True when this error is the reason a whole deal is not loaded (counts it as read but rejected)."""


class FieldError(ValueError):
    """A value that does not parse; the parser turns it into a :class:`RowError` for its column."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def header_mismatch(names: list[str], columns: tuple[str, ...] | list[str]) -> str | None:
    """Why stripped header ``names`` are not exactly ``columns``, naming the first column that differs."""
    if names == list(columns):
        return None
    for i, expected in enumerate(columns):
        got = names[i] if i < len(names) else "<missing>"
        if got != expected:
            return f"header column {i + 1} is {got!r}, expected {expected or ' '!r}"
    return f"header has {len(names)} columns, expected {len(columns)}"


CACHED = 4096
"""Distinct cells remembered per parsing function: an export repeats a few hundred years, counts and TIVs (a value
that does not parse is not remembered: it raises again)."""
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
_DEAL_ID = re.compile(r"[0-9]{1,18}")


def is_deal_id(value: str) -> bool:
    """A SIPRI deal id: ASCII digits only (``str.isdigit`` also says yes to '99²'), short enough for any store."""
    return _DEAL_ID.fullmatch(value) is not None


def cell_problem(fields: list[str]) -> tuple[int, str] | None:
    """(index, reason) of the first cell no SIPRI export holds: one over MAX_FIELD_CHARS, a NUL byte, a CR left
    inside a line (line ends are removed before; SIPRI breaks a comment with LF). Only that record fails."""
    joined = "".join(fields)  # one look at the whole record: no cell of a shorter one can be too long
    if len(joined) <= MAX_FIELD_CHARS and "\x00" not in joined and "\r" not in joined:
        return None
    for index, cell in enumerate(fields):
        if len(cell) > MAX_FIELD_CHARS:
            return index, f"cell longer than {MAX_FIELD_CHARS:,} characters ({len(cell):,})"
        if "\x00" in cell:
            return index, "a NUL byte inside the record (binary data?)"
        if "\r" in cell:
            return index, "a stray carriage return (CR) inside the line"
    return None


@functools.lru_cache(maxsize=CACHED)
def parse_int(value: str, column: str) -> int | None:
    """An optional count ('' -> None): ASCII digits, no sign, no separators, at most 64 bits."""
    if not value:
        return None
    try:
        return whole_number(value)
    except ValueError as exc:
        raise FieldError(column, str(exc)) from None


@functools.lru_cache(maxsize=CACHED)
def parse_float(value: str, column: str) -> float | None:
    """An optional decimal number ('' -> None); TIVs are plain non-negative ASCII decimals ('12.5'), never
    signed, thousands-separated, exponents or other digits."""
    if not value:
        return None
    if len(value) > 40 or _DECIMAL.fullmatch(value) is None:
        raise FieldError(column, f"not a non-negative decimal number: {value[:40]!r}")
    return float(value)


@functools.lru_cache(maxsize=CACHED)
def parse_year(value: str, column: str) -> int | None:
    """An optional four-digit year between 1900 and 2100 ('19??' is an error, not a guess)."""
    if not value:
        return None
    if _YEAR.fullmatch(value) is None or not 1900 <= int(value) <= 2100:
        raise FieldError(column, f"not a year: {value[:40]!r}")
    return int(value)


def parse_years(value: str, column: str) -> list[int]:
    """SIPRI's '; '-separated delivery years ('2022; 2023'), sorted and without repeats (a new list each time)."""
    return list(_years(value, column)) if value else []


@functools.lru_cache(maxsize=CACHED)
def _years(value: str, column: str) -> tuple[int, ...]:
    years = {parse_year(part.strip(), column) for part in value.split(";")}
    return tuple(sorted(y for y in years if y is not None))


_GENERATED = re.compile(r"^Data generated:\s*(.+?)\s*;?\s*$")
_RANGE = re.compile(r"year range '([^']*)' to '([^']*)'")


@dataclass(frozen=True, slots=True)
class Preamble:
    """The metadata SIPRI writes above the header: the export title, its vintage and year range."""

    title: str | None = None
    data_generated: str | None = None
    """ISO 8601 date-time of the vintage, e.g. '2025-03-13T10:02:49'."""
    year_range: str | None = None
    """'1995-2025', '2000-' ..., None when SIPRI wrote 'Not specified' for both ends."""

    @property
    def date(self) -> str | None:
        return self.data_generated[:10] if self.data_generated else None


def parse_preamble(lines: list[str]) -> tuple[Preamble, list[RowError]]:
    """Read the title, 'Data generated:' and the year range from the preamble lines (1-based order)."""
    errors: list[RowError] = []
    title = lines[0].strip().rstrip(";").strip() if lines else None
    generated: str | None = None
    year_range: str | None = None
    for number, line in enumerate(lines, start=1):
        match = _GENERATED.match(line.strip())
        if match:
            raw = match.group(1)
            try:
                generated = datetime.strptime(raw, "%d %b %Y %I:%M:%S %p").isoformat()
            except ValueError:
                errors.append(RowError(number, "Data generated", f"unreadable date {raw[:60]!r}",
                                       rejects=False))
        found = _RANGE.search(line)
        if found and year_range is None:
            ends = [e if _YEAR.fullmatch(e) else "" for e in found.groups()]
            year_range = f"{ends[0]}-{ends[1]}" if any(ends) else None
    return Preamble(title=title or None, data_generated=generated, year_range=year_range), errors

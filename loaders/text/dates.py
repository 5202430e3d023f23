"""Dates in article text, resolved against the document date.

"on Friday" is the last Friday on or before the document date (news reports past events), "today" is
the document date, "January 5, 2023" is itself, "In late December" is the latest December not after the
document date (month precision). No date library guesses for us: the forms are few and listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("full", re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")),
    ("day-month-year", re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})\b")),
    ("month-day", re.compile(r"\b(?i:on\s+)?" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})")),
    ("weekday", re.compile(r"\b(?i:on|last|this)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(r"\b(today|yesterday|tonight|this morning|this afternoon|this evening)\b", re.I)),
    ("month", re.compile(r"\b(?i:in|since|by|during)\s+(?i:early\s+|mid-?|late\s+)?" + _MONTH
                         + r"(?:\s+(\d{4}))?\b")),
)


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None
    """ISO date (YYYY-MM-DD or YYYY-MM) or None when there is no document date to anchor it."""


def parse_iso(value: str | None) -> date | None:
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def _resolve(kind: str, m: re.Match[str], anchor: date | None) -> str | None:
    try:
        if kind == "full":
            return date(int(m.group(3)), _month_number(m.group(1)), int(m.group(2))).isoformat()
        if kind == "day-month-year":
            return date(int(m.group(3)), _month_number(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        return None
    if kind == "month" and m.group(2):
        return f"{int(m.group(2)):04d}-{_month_number(m.group(1)):02d}"
    if anchor is None:
        return None
    if kind == "month-day":
        try:
            candidate = date(anchor.year, _month_number(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
        if candidate > anchor + timedelta(days=31):
            candidate = candidate.replace(year=anchor.year - 1)
        return candidate.isoformat()
    if kind == "weekday":
        back = (anchor.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7
        return (anchor - timedelta(days=back)).isoformat()
    if kind == "relative":
        word = m.group(1).lower()
        return (anchor - timedelta(days=1 if word == "yesterday" else 0)).isoformat()
    if kind == "month":
        month = _month_number(m.group(1))
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{year:04d}-{month:02d}"
    return None


def find_dates(text: str, anchor: date | None, offset: int = 0) -> list[DateMention]:
    """Date expressions in ``text`` (offsets shifted by ``offset``), first match wins where they overlap."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.group(0), m.start() + offset, m.end() + offset, _resolve(kind, m, anchor)))
    return sorted(found, key=lambda d: d.start)

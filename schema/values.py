"""Value types shared by every layer: the stage of a transfer (one ordered vocabulary), and what a stored value
may be (whole numbers, dates, strings and floats every store holds without loss)."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum


class Stage(StrEnum):
    """How far a transfer got, least to most advanced: the order is the rule for which report wins.

    A later report of a less advanced stage never undoes a more advanced one (``Transfer.rank``), and a
    text report's most advanced stage wins within a document. ``declined`` is a supplier's refusal of a
    request: it settles a request or a consideration, and a later announcement, pledge or delivery (the refusal
    reversed) supersedes it; it is never a supply, so no delivery-year or pledge query counts it.
    """

    REQUESTED = "requested"
    CONSIDERED = "considered"
    DECLINED = "declined"
    ANNOUNCED = "announced"
    APPROVED = "approved"
    PLEDGED = "pledged"
    ORDERED = "ordered"
    CONTRACTED = "contracted"
    DELIVERED = "delivered"

    @property
    def advancement(self) -> int:
        """0 for requested … 8 for delivered."""
        return list(Stage).index(self)

    @classmethod
    def parse(cls, value: str) -> Stage | None:
        """The stage named ``value``, or None for a word that is not one."""
        try:
            return cls(value)
        except ValueError:
            return None


# -- values every store can hold -------------------------------------------------------------------------

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""Both stores keep integers as signed 64-bit: a larger one would be clamped (FalkorDB) or refused (Neo4j)."""
MIN_YEAR, MAX_YEAR = 1000, 2999
"""Dates outside these years are placeholders or typos ('9999-12-31', '0000-00-00'), never facts: refused,
so date arithmetic (a treaty's entry into force) cannot overflow either."""
_ASCII_DIGITS = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def whole_number(text: str, *, maximum: int = INT64_MAX) -> int:
    """A non-negative whole number written in ASCII digits only, at most ``maximum``; ValueError otherwise.

    Why not ``int()``: it also takes '-3', '+3', '1_000', ' 7 ' and Arabic-Indic or other Unicode digits, and
    ``str.isdigit`` says yes to '99²' which ``int()`` then refuses. A count or an id in a source file is none
    of those.
    """
    if not _ASCII_DIGITS.fullmatch(text):
        raise ValueError(f"not a whole number (ASCII digits 0-9 only): {text[:40]!r}")
    if len(text) > 19 or int(text) > maximum:
        raise ValueError(f"number too large (at most {maximum}): {text[:40]!r}")
    return int(text)


def iso_date_problem(text: str) -> str | None:
    """Why ``text`` is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) on the real calendar within
    MIN_YEAR..MAX_YEAR, or None when it is one."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text[:40]!r}"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"year out of range ({MIN_YEAR}-{MAX_YEAR}): {text!r}"
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        return f"not a calendar date: {text!r} ({exc})"
    return None


def value_problem(value: object) -> str | None:
    """Why a property value cannot be stored as it is, or None: a NUL character or lone surrogate in a string
    (the engine's protocol cannot carry it), NaN or infinity, an integer outside 64 bits. Lists are checked
    item by item."""
    if isinstance(value, str):
        if "\x00" in value:
            return "contains a NUL character"
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "contains a lone surrogate (not valid Unicode text)"
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if INT64_MIN <= value <= INT64_MAX else f"integer out of the 64-bit range: {value}"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"not a finite number: {value}"
    if isinstance(value, (list, tuple)):
        return next((p for p in map(value_problem, value) if p is not None), None)
    return None

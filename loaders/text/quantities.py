"""Quantities: the number of items a weapon mention moves ('31 Abrams', 'two batteries of Patriot', 'a dozen
Leopard-1'), read from the words right before the mention; wording in ``data/quantity_words.csv``."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")
NOT_A_COUNT_BEFORE = {"$", "€", "£", "in", "since", "by", "until", "from", "at", "on", "no."}
"""A number after these is money, a year, a date or a rank ("in 2023 Patriot", "$ 400 Javelin")."""
NOT_A_COUNT_AFTER = {"million", "billion", "percent", "%", "mm", "km", "years", "months", "days"}
MAX_GAP = 3
"""Units and modifiers allowed between the number and the mention ('two more batteries of')."""


def _value(word: str, words: dict[str, tuple[str, int | None]]) -> int | None:
    if _DIGITS.match(word):
        return int(word.replace(",", ""))
    kind, value = words.get(word, ("", None))
    return value if kind == "number" else None


def _compound_before(lower: list[str], i: int, value: int,
                     words: dict[str, tuple[str, int | None]]) -> tuple[int, int]:
    """(value, first token) of a number written in words over several tokens, read leftwards from token i:
    'twenty-eight' (three tokens), 'thirty one', 'one hundred and fifty', 'two hundred fifty-five'."""
    first = i

    def word_before(k: int, joiners: tuple[str, ...]) -> int | None:
        j = k - 2 if k >= 2 and lower[k - 1] in joiners else k - 1
        if j < 0 or _DIGITS.match(lower[j]):
            return None
        return j

    if value < 10:
        t = word_before(first, ("-",))
        tens = _value(lower[t], words) if t is not None else None
        if t is not None and tens is not None and 20 <= tens < 100 and tens % 10 == 0:
            value, first = tens + value, t
    h = word_before(first, ("and",))
    if h is not None and lower[h] == "hundred":
        k = word_before(h, ())
        hundreds = _value(lower[k], words) if k is not None else None
        if k is not None and hundreds is not None and 0 < hundreds < 10:
            value, first = hundreds * 100 + value, k
    return value, first


def quantity_before(lower: list[str], ent_types: list[str], start: int,
                    words: dict[str, tuple[str, int | None]]) -> tuple[int, int] | None:
    """(quantity, index of its first token) for the mention starting at token ``start``, or None."""
    i, gap = start - 1, 0
    while i >= 0 and gap <= MAX_GAP:
        low = lower[i]
        value = _value(low, words)
        if value is not None:
            first = i
            if value == 100 and i > 0 and _value(lower[i - 1], words):
                first, value = i - 1, (_value(lower[i - 1], words) or 1) * 100  # 'two hundred'
            elif 0 < value < 100:
                value, first = _compound_before(lower, i, value, words)
            before = lower[first - 1] if first > 0 else ""
            after = lower[i + 1] if i + 1 < len(lower) else ""
            if before in NOT_A_COUNT_BEFORE or after in NOT_A_COUNT_AFTER or not 0 < value < 100_000:
                return None
            if before == "a" and low in ("dozen", "pair"):
                first -= 1
            return value, first
        if words.get(low, ("", None))[0] in ("unit", "modifier") or ent_types[i] == "DEMONYM" \
                or low.endswith("-made"):
            i, gap = i - 1, gap + 1
            continue
        return None
    return None

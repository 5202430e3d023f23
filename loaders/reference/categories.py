"""The weapon-category vocabulary and the rules that place a weapon system in categories.

Why data: which categories a treaty prohibits and which designations are cluster munitions are facts with
sources (``data/weapon_categories.csv``, ``data/weapon_category_rules.csv``), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from armsgraph.loaders.reference.tables import data_rows
from armsgraph.schema import WeaponCategory

CATEGORIES_FILE = "weapon_categories.csv"
RULES_FILE = "weapon_category_rules.csv"


@cache
def weapon_categories() -> dict[str, WeaponCategory]:
    """The controlled vocabulary, by key."""
    return {r["key"]: WeaponCategory(key=r["key"], name=r["name"], vocabulary=r["vocabulary"] or None)
            for r in data_rows(CATEGORIES_FILE)}



@dataclass(frozen=True)
class CategoryRule:
    match: str
    pattern: str
    category: str
    source: str


@cache
def category_rules() -> tuple[CategoryRule, ...]:
    rules = tuple(CategoryRule(r["match"], r["pattern"], r["category"], r["source"]) for r in data_rows(RULES_FILE))
    unknown = [r.category for r in rules if r.category not in weapon_categories()]
    if unknown or any(r.match not in ("designation", "token") for r in rules):
        raise ValueError(f"{RULES_FILE}: unknown categories {unknown} or match kinds")
    return rules


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[-_/]+", " ", text.casefold()).split())


def classify(designation: str, description: str | None = None) -> list[tuple[str, str]]:
    """Weapon categories the rules put a weapon system in: [(category key, rule source)], rule order.

    'designation' rules compare the whole designation (case, spaces and hyphens folded); 'token' rules look
    for the pattern as whole words in the designation or the description ('155mm DPICM' -> cluster-munitions).
    """
    design = _folded(designation)
    text = f" {design} {_folded(description or '')} "
    found: list[tuple[str, str]] = []
    for rule in category_rules():
        pattern = _folded(rule.pattern)
        hit = design == pattern if rule.match == "designation" else f" {pattern} " in text or (
            re.search(rf"(?<![a-z0-9]){re.escape(pattern)}(?![a-z0-9])", text) is not None)
        if hit and rule.category not in (c for c, _ in found):
            found.append((rule.category, f"{RULES_FILE}: {rule.match} {rule.pattern!r} ({rule.source})"))
    return found



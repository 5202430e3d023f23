"""SIPRI armament categories: one WeaponCategory key per category, and the classic format's way to one.

The transfers format names the category of every deal ('Armament category'); it is authoritative. Its
spelling varies between vintages ('Air defence systems' / 'Air-defence systems'): the key is the slug,
which is the same for both. The classic format has no category, only a free-text 'Weapon description';
``loaders/sipri/data/sipri_description_categories.csv`` (built by ``tools/build_sipri_categories.py`` from the
transfers files' description -> category pairs) maps a description to its category, first by the whole
description, then by its head noun (the last word: 'anti-submarine/ship torpedo' -> 'torpedo') where
every description with that head noun had the same category or the head noun is itself a known description
('light tank' -> 'tank'). Anything else is reported, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from armsgraph.loaders.io import csv_rows
from armsgraph.schema import WeaponCategory
from armsgraph.schema.ids import slug

SIPRI_CATEGORIES = (
    "Aircraft", "Air defence systems", "Armoured vehicles", "Artillery", "Engines", "Missiles",
    "Naval weapons", "Other", "Satellites", "Sensors", "Ships",
)
"""SIPRI's eleven armament categories, in the spelling used for node names."""

_NAMES = {slug(name): name for name in SIPRI_CATEGORIES}
TABLE = "sipri_description_categories.csv"


def category_key(name: str) -> str:
    """'Air-defence systems' and 'Air defence systems' -> 'air-defence-systems'."""
    return slug(name)


def is_known(name: str) -> bool:
    return category_key(name) in _NAMES


def category_node(name: str) -> WeaponCategory:
    """The WeaponCategory node of a SIPRI category name (canonical spelling when it is one of the 11)."""
    key = category_key(name)
    return WeaponCategory(key=key, name=_NAMES.get(key, name.strip()), vocabulary="sipri")


def head_noun(description: str) -> str:
    """The last word of a description, lower-cased: 'aircraft EO/radar system' -> 'system'."""
    words = description.lower().replace("/", " ").replace("(", " ").replace(")", " ").split()
    return words[-1] if words else ""


@dataclass(frozen=True)
class DescriptionTable:
    """Description -> category, and head noun -> category, as read from the data table."""

    descriptions: dict[str, str]
    heads: dict[str, str]

    def lookup(self, description: str) -> tuple[str, str] | None:
        """(category name, rule) for a description, or None when neither table knows it."""
        text = description.strip().lower()
        if not text:
            return None
        found = self.descriptions.get(text)
        if found is not None:
            return found, "description-table"
        head = head_noun(text)
        found = self.heads.get(head) or self.descriptions.get(head)
        if found is not None:
            return found, "description-head-noun"
        return None


@cache
def description_table() -> DescriptionTable:
    """The packaged table (read once per process)."""
    text = resources.files("armsgraph.loaders.sipri").joinpath("data", TABLE).read_text(encoding="utf-8")
    descriptions: dict[str, str] = {}
    heads: dict[str, str] = {}
    for row in csv_rows(text).rows:
        target = descriptions if row.values["match"] == "description" else heads
        target[row.values["text"].lower()] = row.values["category"]
    return DescriptionTable(descriptions, heads)

"""Weapon families: which variants of one weapon roll up together (Patriot <- MIM-104 PAC-2, Patriot-3 SAMS, ...).

Why data: SIPRI, trackers and the press spell one weapon many ways (``MIM-104 PAC-3``, ``Patriot``,
``Patriot Configuration-3``); which spellings are the same family is a fact with a source, kept in
``data/weapon_families.csv`` (format in docs/weapon-families.md), not a list in code. Every loader that makes
a WeaponSystem asks :func:`family_of`, so the family edge is the same whichever source named the weapon.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from armsgraph.loaders.reference.tables import data_rows, split_list
from armsgraph.schema import WeaponFamily

FAMILIES_FILE = "weapon_families.csv"

Tokens = tuple[str, ...]
Role = Literal["member", "component"]

_SPLIT = re.compile(r"[a-z]+|[0-9]+")


def tokens(text: str) -> Tokens:
    """A designation as comparable tokens: ASCII, case folded, split at separators and letter/digit boundaries.

    ``Leopard-2A4``, ``Leopard 2 A4`` and ``LEOPARD 2a4`` are all (leopard, 2, a, 4); ``M1A1`` = ``M-1A1``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return tuple(_SPLIT.findall(ascii_text.casefold()))


def _contains(haystack: Tokens, needle: Tokens) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass(frozen=True)
class Family:
    """One row of the family table, its patterns already tokenised."""

    key: str
    name: str
    designations: tuple[Tokens, ...]
    prefixes: tuple[Tokens, ...]
    tokens: tuple[Tokens, ...]
    components: tuple[Tokens, ...]
    excludes: tuple[Tokens, ...]
    source: str

    @property
    def node(self) -> WeaponFamily:
        return WeaponFamily(key=self.key, name=self.name, source=f"{FAMILIES_FILE}: {self.source}")

    def match(self, whole: Tokens, parts: tuple[Tokens, ...], described: Tokens) -> tuple[Role, str] | None:
        """(role, rule) when this family's rules take the designation; ``parts`` = the whole and its '/' parts."""
        if any(_contains(whole, t) or _contains(described, t) for t in self.excludes):
            return None
        for pattern in self.designations:
            if pattern in parts:
                return "member", f"designation {' '.join(pattern)!r}"
        for pattern in self.prefixes:
            if any(part[:len(pattern)] == pattern for part in parts):
                return "member", f"prefix {' '.join(pattern)!r}"
        for pattern in self.tokens:
            if _contains(whole, pattern):
                return "member", f"token {' '.join(pattern)!r}"
        for pattern in self.components:
            if _contains(whole, pattern):
                return "component", f"component {' '.join(pattern)!r}"
        return None


@dataclass(frozen=True)
class FamilyMatch:
    """A weapon's family: the family node, the weapon's role in it, and the rule that placed it there."""

    family: WeaponFamily
    role: Role
    rule: str


def _patterns(cell: str) -> tuple[Tokens, ...]:
    return tuple(t for t in (tokens(p) for p in split_list(cell)) if t)


@cache
def weapon_families() -> tuple[Family, ...]:
    """The family table in precedence order; ValueError for a bad row (duplicate key, no rule, no source)."""
    families: list[Family] = []
    for row in data_rows(FAMILIES_FILE):
        family = Family(
            key=row["key"], name=row["name"], designations=_patterns(row["designations"]),
            prefixes=_patterns(row["prefixes"]), tokens=_patterns(row["tokens"]),
            components=_patterns(row["components"]), excludes=_patterns(row["excludes"]), source=row["source"])
        family.node  # validates key and name against the schema  # noqa: B018
        if not (family.designations or family.prefixes or family.tokens) or not family.source:
            raise ValueError(f"{FAMILIES_FILE}: family {family.key!r} needs a member rule and a source")
        if any(f.key == family.key for f in families):
            raise ValueError(f"{FAMILIES_FILE}: duplicate family {family.key!r}")
        families.append(family)
    return tuple(families)


@cache
def family_nodes() -> dict[str, WeaponFamily]:
    """Every family node, by key."""
    return {f.key: f.node for f in weapon_families()}


def family_matches(designation: str, description: str | None = None) -> list[FamilyMatch]:
    """Every family whose rules take this weapon, table order (more than one means the table is ambiguous)."""
    whole = tokens(designation)
    parts = (whole, *(tokens(p) for p in designation.split("/") if "/" in designation))
    described = tokens(description or "")
    found: list[FamilyMatch] = []
    index = _by_first_token()
    maybe = {i for token in set(whole) for i in index.get(token, ())}
    for i in sorted(maybe):  # only families a pattern of which starts with one of its tokens: table order
        family = weapon_families()[i]
        hit = family.match(whole, parts, described)
        if hit is not None:
            found.append(FamilyMatch(family_nodes()[family.key], hit[0], f"{FAMILIES_FILE}: {family.key} {hit[1]}"))
    return found


@cache
def _by_first_token() -> dict[str, tuple[int, ...]]:
    """Token -> the families (table positions) with a member or component pattern starting with it. Every rule
    needs its pattern's tokens inside the designation's (a '/' part's tokens are a run of the whole's), so a family
    none of whose patterns starts with a token of the designation cannot match: not asked. Every designation was
    compared with every family (about 160 us a weapon), and each of the bulk path's read workers does it for every
    weapon of its range (docs/loading.md, "Session 13")."""
    index: dict[str, list[int]] = {}
    for i, family in enumerate(weapon_families()):
        for pattern in (*family.designations, *family.prefixes, *family.tokens, *family.components):
            index.setdefault(pattern[0], [])
            if i not in index[pattern[0]]:
                index[pattern[0]].append(i)
    return {token: tuple(found) for token, found in index.items()}


@lru_cache(maxsize=8192)
def family_of(designation: str, description: str | None = None) -> FamilyMatch | None:
    """The family of a weapon by its designation (and description, which only excludes): the first that matches.

    ``family_of('MIM-104 PAC-3 MSE').family.key == 'patriot'``; ``family_of('MPQ-53').role == 'component'``.
    """
    found = family_matches(designation, description)
    return found[0] if found else None

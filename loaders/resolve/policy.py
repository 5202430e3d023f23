"""What a source lets the resolver do: which alias kinds count, and what the source's own marks mean.

Why passed in by the loader: a column of actors in a table is not prose ("Washington" there is a data
error, not a metonym), and only SIPRI writes ``Name*`` for a non-state actor. The resolver applies a
policy; it does not know which source it is serving (SIPRI's policy is ``loaders/sipri/names.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

KIND_TIER: dict[str, int] = {
    "name": 1, "official": 1, "sipri": 1, "un": 1, "ear": 1, "treaty": 1, "abbreviation": 1,
    "alt": 2, "native": 2,
    "former": 3,
    "capital": 4, "metonym": 4, "demonym": 4,
}
"""Alias kinds by precedence tier; a name found in a higher tier never looks at a lower one."""
NEWS_ONLY_KINDS = frozenset({"capital", "metonym", "demonym"})
"""Metonyms and adjectives stand for a state in prose, never in a table column of actors."""
ALL_KINDS = frozenset(KIND_TIER)
TABLE_KINDS = ALL_KINDS - NEWS_ONLY_KINDS

CONTEXTS: tuple[str, ...] = ("sipri", "news", "treaty")
"""Context names a judgement or a review entry may carry (one per source policy)."""


@dataclass(frozen=True)
class Mark:
    """A source's own statement of what kind of actor a name is (SIPRI: ``Name*`` is a non-state actor)."""

    label: str
    """Label of the entity an unseen marked name becomes; fuzzy matching of a marked name looks only at these."""
    accepts: frozenset[str]
    """Labels a marked name may resolve to: a mark forbids resolving 'Ukraine*' to a state."""
    kind: str | None
    """``kind`` of an entity derived from the mark (organisations: 'international')."""
    source: str
    """Provenance of a derived entity, e.g. 'derived: SIPRI marker *'."""


Marker = Callable[[str], Mark | None]
"""Reads a source's mark off a name as written; None when the name carries none."""


@dataclass(frozen=True, eq=False)
class ResolvePolicy:
    """How one source's names are resolved; ``context`` keys its judgements and review entries.

    Compared by identity: policies are module constants, and a resolver's cache hashes one per look-up.
    """

    context: str | None = None
    kinds: frozenset[str] = ALL_KINDS
    """Alias kinds this source may use (tables: no capitals, metonyms or demonyms)."""
    marker: Marker | None = None

    def mark(self, name: str) -> Mark | None:
        return None if self.marker is None else self.marker(name)


ANY = ResolvePolicy()
"""Interactive look-ups: every alias kind, no marks."""
NEWS = ResolvePolicy("news")
TREATY = ResolvePolicy("treaty", TABLE_KINDS)

STANDARD: tuple[ResolvePolicy, ...] = (ANY, NEWS, TREATY)
"""The policies a context string names unless a resolver is given others; sources with marks add their own."""


def policies_by_context(extra: Iterable[ResolvePolicy] = ()) -> dict[str | None, ResolvePolicy]:
    """Context name -> policy: the standard ones, overridden or extended by ``extra``."""
    return {p.context: p for p in (*STANDARD, *extra)}


def pick_policy(context: ResolvePolicy | str | None, known: dict[str | None, ResolvePolicy]) -> ResolvePolicy:
    """A policy as given, or the one a context name stands for; ValueError for an unknown name."""
    if isinstance(context, ResolvePolicy):
        return context
    policy = known.get(context)
    if policy is None:
        names = ", ".join(str(k) for k in known if k is not None)
        raise ValueError(f"unknown context {context!r} (expected one of {names})")
    return policy

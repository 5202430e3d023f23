"""SIPRI's actor names: its trailing marks and the resolve policy of its actor columns.

Why here and not in the shared resolver: only SIPRI writes ``Name*`` for a non-state actor and ``Name**``
for an international organisation; the resolver applies whatever policy a loader passes it.
"""

from __future__ import annotations

from armsgraph.loaders.resolve import ANY, TABLE_KINDS, Mark, ResolvePolicy, trailing_marks

NON_STATE = Mark(label="NonStateActor", accepts=frozenset({"NonStateActor", "UnresolvedActor"}), kind=None,
                 source="SIPRI marker *")
ORGANISATION = Mark(label="Organization", accepts=frozenset({"Organization"}), kind="international",
                    source="SIPRI marker **")
SIPRI_MARKS: dict[int, Mark] = {1: NON_STATE, 2: ORGANISATION}
"""Number of trailing '*' -> what SIPRI says the actor is (three or more read as two)."""


def sipri_marker(text: str) -> int:
    """SIPRI's trailing marker: 1 = '*' non-state actor, 2 = '**' international organisation, else 0."""
    return min(2, trailing_marks(text).count("*"))


def sipri_mark(text: str) -> Mark | None:
    return SIPRI_MARKS.get(sipri_marker(text))


SIPRI = ResolvePolicy("sipri", TABLE_KINDS, sipri_mark)
"""SIPRI's actor columns: names and spellings (no capitals, metonyms or demonyms) and SIPRI's marks."""
LOOKUP = ResolvePolicy(ANY.context, ANY.kinds, sipri_mark)
"""An interactive look-up without a context reads SIPRI's marks too ('armsgraph resolve \"Libya HoR*\"')."""
POLICIES = (SIPRI, LOOKUP)
"""For ``Resolver(policies=POLICIES)``: the context names 'sipri' and none then apply SIPRI's marks."""

"""Fields that name another entity, each declared once with the relationship it stands for.

Why: a Position names its holder and its organisation, a Claim its speaker, an Organization its state.
Every loader that makes such a node gets the matching edges from :func:`derived_relations`, so a new
reference is one line here, not an edit in each loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from armsgraph.schema.entities import Claim, Country, Organization, Position
from armsgraph.schema.model import Node, Relation
from armsgraph.schema.relations import Claimed, Holds, PartOf, PositionOf


@dataclass(frozen=True)
class Reference:
    """``node.field`` names the other end of a ``relation``; the node is its ``src`` or its ``dst``."""

    node: type[Node]
    field: str
    relation: type[Relation]
    node_is: Literal["src", "dst"]
    target: type[Node] | None = None
    """When the field holds a natural key rather than an id (an ISO3 code), the class whose id it keys."""

    def other_id(self, node: Node) -> str | None:
        value = getattr(node, self.field, None)
        if not value:
            return None
        return f"{self.target.prefix}:{value}" if self.target is not None else str(value)

    def relation_for(self, node: Node) -> Relation | None:
        other = self.other_id(node)
        if other is None:
            return None
        src, dst = (node.id, other) if self.node_is == "src" else (other, node.id)
        return self.relation.model_validate({"src": src, "dst": dst})


REFERENCES: tuple[Reference, ...] = (
    Reference(Position, "person", Holds, node_is="dst"),
    Reference(Position, "of", PositionOf, node_is="src"),
    Reference(Organization, "country", PartOf, node_is="src", target=Country),
    Reference(Claim, "speaker", Claimed, node_is="dst"),
)


def references_of(node: Node) -> list[Reference]:
    """The declared references of this node's class (and its bases)."""
    return [r for r in REFERENCES if isinstance(node, r.node)]


def derived_relations(node: Node) -> list[Relation]:
    """The relationships a node's reference fields stand for (validated; fields left empty give none)."""
    out = []
    for ref in references_of(node):
        rel = ref.relation_for(node)
        if rel is not None:
            out.append(rel)
    return out

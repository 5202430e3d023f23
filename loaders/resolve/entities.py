"""The entities the resolver knows and the graph node each one becomes (the node factory).

Why one factory: a resolution from any loader must give the same node for the same id, with the
display name and flags of the alias data, so the writer merges rather than duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass

from armsgraph.loaders.resolve.names import bare
from armsgraph.schema import Country, Node, NonStateActor, Organization, UnresolvedActor
from armsgraph.schema.ids import slug

LABELS = ("Country", "Organization", "NonStateActor", "UnresolvedActor")


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    name: str
    kind: str | None = None
    country: str | None = None
    historical: bool = False
    needs_review: bool | None = None


def node_of(entity: Entity) -> Node:
    """The node of a known entity; ValueError when the entity's id or fields do not make a valid node."""
    key = entity.id.split(":", 1)[1]
    if entity.label == "Country":
        return Country(iso3=key, name=entity.name, historical=entity.historical)
    if entity.label == "Organization":
        return Organization.model_validate(
            {"key": key, "name": entity.name, "kind": entity.kind or "other", "country": entity.country}
        )
    if entity.label == "NonStateActor":
        return NonStateActor(key=key, name=entity.name, country=entity.country)
    node = UnresolvedActor(name=entity.name, needs_review=entity.needs_review)
    if node.id != entity.id:
        raise ValueError(f"unresolved-actor id must be {node.id!r}")
    return node


def unresolved_node(query: str) -> UnresolvedActor:
    """A name nothing settled: a flagged node under the name as written (marks dropped, and NUL characters, which
    no store keeps: schema.values)."""
    name = (bare(query) or query).replace("\x00", "").strip()
    return UnresolvedActor(name=name or "(empty name)", needs_review=True)


def derived_entity(label: str, name: str, kind: str | None) -> Entity | None:
    """An entity a source's mark declares (SIPRI 'Name*'), keyed by the slug of its name; None without one."""
    key = slug(name)
    prefix = {"NonStateActor": NonStateActor.prefix, "Organization": Organization.prefix}.get(label)
    if not key or prefix is None:
        return None
    return Entity(id=f"{prefix}:{key}", label=label, name=name, kind=kind)


def country_id(alpha_3: str) -> str:
    """'country:UKR': the id of a state by its ISO (or former ISO) alpha-3 code."""
    return Country.id_of(iso3=alpha_3)

"""The armsgraph data model: entities and relations, declared once as pydantic models.

Everything else (writer statements, constraints, indexes, the graph-shape docs, the curated
JSON Lines format) is derived from the registries in :mod:`armsgraph.schema.model`.
"""

from armsgraph.schema.entities import (
    Claim,
    Country,
    Document,
    NonStateActor,
    Organization,
    Person,
    Position,
    Transfer,
    Treaty,
    UnresolvedActor,
    WeaponCategory,
    WeaponFamily,
    WeaponSystem,
)
from armsgraph.schema.model import (
    NODE_TYPES,
    RELATION_TYPES,
    Node,
    Provenance,
    Relation,
    label_of_id,
)
from armsgraph.schema.relations import (
    About,
    AidTotal,
    Claimed,
    Holds,
    InCategory,
    InFamily,
    MemberOf,
    Of,
    PartOf,
    PartyTo,
    PositionOf,
    Supplied,
    To,
)

__all__ = [
    "NODE_TYPES",
    "RELATION_TYPES",
    "About",
    "AidTotal",
    "Claim",
    "Claimed",
    "Country",
    "Document",
    "Holds",
    "InCategory",
    "InFamily",
    "MemberOf",
    "Node",
    "NonStateActor",
    "Of",
    "Organization",
    "PartOf",
    "PartyTo",
    "Person",
    "Position",
    "PositionOf",
    "Provenance",
    "Relation",
    "Supplied",
    "To",
    "Transfer",
    "Treaty",
    "UnresolvedActor",
    "WeaponCategory",
    "WeaponFamily",
    "WeaponSystem",
    "label_of_id",
]

"""Names to canonical entities: alias tables, judgements, fuzzy matching and the review list (docs/resolver.md).

Modules: ``names`` (matching forms), ``tables`` (alias tables, read once per process), ``judgements``
(researcher decisions), ``policy`` (what a source allows), ``entities`` (entity -> node), ``linker``
(read-only lookup), ``resolver`` (the linker plus fuzzy matching, marks and the review list),
``review`` (the persisted review list).
"""

from armsgraph.loaders.resolve.entities import Entity
from armsgraph.loaders.resolve.judgements import JUDGEMENTS_ENV, JUDGEMENTS_FILE, user_judgements_path
from armsgraph.loaders.resolve.linker import Linker, Resolution, Rule
from armsgraph.loaders.resolve.names import bare, normalize, trailing_marks, variants
from armsgraph.loaders.resolve.policy import (
    ANY,
    CONTEXTS,
    KIND_TIER,
    NEWS,
    NEWS_ONLY_KINDS,
    TABLE_KINDS,
    TREATY,
    Mark,
    ResolvePolicy,
)
from armsgraph.loaders.resolve.resolver import Resolver, ResolverConfig
from armsgraph.loaders.resolve.review import ReviewItem, read_review
from armsgraph.loaders.resolve.tables import (
    DATA_DIR,
    GENERATED_FILES,
    AliasTables,
    aliases_for_context,
    load_tables,
    standard_tables,
)

__all__ = [
    "ANY",
    "CONTEXTS",
    "DATA_DIR",
    "GENERATED_FILES",
    "JUDGEMENTS_ENV",
    "JUDGEMENTS_FILE",
    "KIND_TIER",
    "NEWS",
    "NEWS_ONLY_KINDS",
    "TABLE_KINDS",
    "TREATY",
    "AliasTables",
    "Entity",
    "Linker",
    "Mark",
    "Resolution",
    "ResolvePolicy",
    "Resolver",
    "ResolverConfig",
    "ReviewItem",
    "Rule",
    "aliases_for_context",
    "bare",
    "load_tables",
    "normalize",
    "read_review",
    "standard_tables",
    "trailing_marks",
    "user_judgements_path",
    "variants",
]

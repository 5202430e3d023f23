"""Names to canonical entities: alias tables, judgements, fuzzy matching and the review list (docs/resolver.md)."""

from armsgraph.loaders.resolve.resolver import (
    CONTEXTS,
    DATA_DIR,
    Entity,
    Resolution,
    Resolver,
    ReviewItem,
    aliases_for_context,
    default_resolver,
    normalize,
    read_review,
    set_data_dir,
    sipri_marker,
    user_judgements_path,
    variants,
)

__all__ = [
    "CONTEXTS",
    "DATA_DIR",
    "Entity",
    "Resolution",
    "Resolver",
    "ReviewItem",
    "aliases_for_context",
    "default_resolver",
    "normalize",
    "read_review",
    "set_data_dir",
    "sipri_marker",
    "user_judgements_path",
    "variants",
]

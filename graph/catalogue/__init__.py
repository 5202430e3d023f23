"""The query catalogue: prebuilt traversals as data (queries/*.cypher), analyses, every statement sent."""

from armsgraph.graph.catalogue.catalogue import (
    CannedQuery,
    Param,
    catalogue_markdown,
    get_query,
    load_catalogue,
)

__all__ = ["CannedQuery", "Param", "catalogue_markdown", "get_query", "load_catalogue"]

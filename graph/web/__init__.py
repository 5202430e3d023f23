"""The local web view (``armsgraph serve``): the catalogue as forms, entities with their evidence, documents with
their extracted facts, the review queues and read-only Cypher, over any store (docs/web.md)."""

from armsgraph.graph.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]

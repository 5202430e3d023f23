"""Stores: the Store protocol, its dialects, Neo4j and the embedded FalkorDB. ``open_store`` picks one."""

from armsgraph.graph.store.base import CLEAR, QueryResult, Settings, Store
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.open import open_store

__all__ = ["CLEAR", "Cypher", "QueryResult", "Settings", "Store", "open_store"]

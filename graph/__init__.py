"""Stores (Neo4j, embedded FalkorDB), the batched writer, the query catalogue and the CLI."""

"""Loaders turn source files into validated armsgraph entities with provenance."""

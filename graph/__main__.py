"""``python -m armsgraph.graph`` runs the CLI (used by tests that need a separate process)."""

from armsgraph.graph.cli import main

main()

"""The ``armsgraph`` command line (click): each command a thin call into the library."""

from armsgraph.graph.cli.main import main

__all__ = ["main"]

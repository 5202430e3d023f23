"""The ``Cypher`` type: statement text, kept apart from values so mypy can tell who makes statements."""

from __future__ import annotations

from typing import NewType

Cypher = NewType("Cypher", str)
"""Statement text a store may run. Only the writer, the DDL, the catalogue and the ``cypher`` command make
one (``Cypher(...)`` over a literal or a schema-derived text): values never enter it, they are parameters."""

"""The Neo4j Browser kit, generated from the schema and the catalogue: a style, saved queries, a guide.

``armsgraph browser-kit DIR`` writes ``style.grass``, ``queries/NAME.cypher`` (one per catalogue query,
starting with its ``:param`` lines) and ``guide.html`` (slides through the seed story); ``docs/browser-kit``
holds a copy a test keeps current. How to load each into Desktop, a server or Aura: docs/neo4j-browser.md.
"""

from __future__ import annotations

from pathlib import Path

from armsgraph.graph.catalogue import load_catalogue
from armsgraph.graph.catalogue.browser import browser_text
from armsgraph.graph.kit.guide import guide_html
from armsgraph.graph.kit.style import grass


def kit_files() -> dict[str, str]:
    """Relative path -> content of every file of the kit."""
    files = {"style.grass": grass(), "guide.html": guide_html()}
    for query in load_catalogue().values():
        if "neo4j" in query.dialects:
            files[f"queries/{query.name}.cypher"] = browser_text(query)
    return files


def write_kit(directory: Path) -> list[Path]:
    written = []
    for relative, content in kit_files().items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["kit_files", "write_kit"]

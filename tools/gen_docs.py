"""Regenerate the generated docs (graph shape, query catalogue, Browser kit). `make docs` runs it; a test checks."""

from __future__ import annotations

from pathlib import Path

from armsgraph.graph.catalogue import catalogue_markdown
from armsgraph.graph.kit import write_kit
from armsgraph.schema.describe import graph_shape_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"
GENERATED = {"graph-shape.md": graph_shape_markdown, "queries.md": catalogue_markdown}


def main() -> None:
    for name, render in GENERATED.items():
        (DOCS / name).write_text(render(), encoding="utf-8")
        print(f"wrote docs/{name}")
    kit = DOCS / "browser-kit"
    for stale in kit.rglob("*"):
        if stale.is_file():
            stale.unlink()
    write_kit(kit)
    print("wrote docs/browser-kit/")


if __name__ == "__main__":
    main()

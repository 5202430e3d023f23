"""Generated docs match the code that generates them (run `make docs` after changing schema or queries)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armsgraph.graph.catalogue import catalogue_markdown
from armsgraph.schema.describe import graph_shape_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize(("name", "render"), [("graph-shape.md", graph_shape_markdown),
                                              ("queries.md", catalogue_markdown)])
def test_generated_docs_are_current(name: str, render: object) -> None:
    assert callable(render)
    assert (DOCS / name).read_text(encoding="utf-8") == render(), f"docs/{name} is stale: run make docs"


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join((DOCS.parent / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    assert "make demo" in head and "make test" in head


def test_architecture_names_only_paths_that_exist() -> None:
    """docs/architecture.md is the map a newcomer follows: every folder or module it names must be there."""


    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:schema|loaders|graph|tests|bench)/[\w./-]*?)`", text))
    assert len(named) > 15
    root = DOCS.parent
    missing = sorted(p for p in named if "*" not in p and "NAME" not in p and "<" not in p
                     and not (root / p.rstrip("/")).exists())
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"

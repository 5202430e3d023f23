"""Fixtures for the text loader tests: the seed article's extraction, computed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.loaders import registry
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.loader import TextLoader

# The lead registers the loader in loaders/registry.py; until then the tests register it the same way.
registry.LOADERS.setdefault("text", "armsgraph.loaders.text.loader:TextLoader")


@pytest.fixture(scope="session")
def seed_extraction(seed_article: Path) -> Extraction:
    return TextLoader().extract(seed_article)[0]

"""Fixtures for the text loader tests: the seed article's extraction, computed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.loader import TextLoader


@pytest.fixture(scope="session")
def seed_extraction(seed_article: Path) -> Extraction:
    return TextLoader().extract(seed_article)[0]

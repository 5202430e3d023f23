"""The CLI tests' own data dir: a fresh embedded store per test, stopped afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.store.server import EmbeddedServer


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    yield path
    EmbeddedServer(path).stop()

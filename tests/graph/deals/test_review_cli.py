"""``armsgraph review transfers``: the stored list in every format; accept and reject take a pair off it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from armsgraph.graph.cli import main
from armsgraph.graph.store.server import EmbeddedServer

FILES = ("classic-trade-register-2025-03", "transfers-2026-02")


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    yield path
    EmbeddedServer(path).stop()


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


def _listed(data_dir: Path) -> list[dict[str, object]]:
    result = run(data_dir, "review", "transfers", "--format", "json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_review_transfers_lists_and_decisions_take_pairs_off(data_dir: Path, shared_data: Path) -> None:
    assert _listed(data_dir) == []  # an empty graph: an empty list, not an error
    files = [str(shared_data / "sipri" / f"{name}.excerpt.csv") for name in FILES]
    assert run(data_dir, "load", *files).exit_code == 0
    rows = _listed(data_dir)
    assert len(rows) >= 2 and all({"record", "candidate", "rule", "score"} <= set(row) for row in rows)
    csv_out = run(data_dir, "review", "transfers", "--format", "csv").stdout
    assert len(csv_out.strip().splitlines()) == len(rows) + 1
    first, second = rows[0], rows[1]
    accepted = run(data_dir, "review", "transfers", "accept", str(first["record"]), str(first["candidate"]))
    assert accepted.exit_code == 0 and "one deal" in accepted.stdout
    rejected = run(data_dir, "review", "transfers", "reject", str(second["record"]), str(second["candidate"]))
    assert rejected.exit_code == 0 and "two deals" in rejected.stdout
    left = {(r["record"], r["candidate"]) for r in _listed(data_dir)}
    assert (first["record"], first["candidate"]) not in left
    assert (second["record"], second["candidate"]) not in left
    unknown = run(data_dir, "review", "transfers", "accept", "report:nope", str(first["candidate"]))
    assert unknown.exit_code != 0 and "no Report 'report:nope'" in unknown.output

"""``armsgraph export`` end to end on a temporary data dir: the whole graph, a query's subgraph, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from armsgraph.graph.cli import main

pytestmark = pytest.mark.store

SEED = Path(__file__).resolve().parents[3] / "examples" / "seed-entities.jsonl"


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


def test_export_the_graph_and_a_query_subgraph(data_dir: Path, tmp_path: Path) -> None:
    assert run(data_dir, "load", str(SEED)).exit_code == 0
    whole = run(data_dir, "export", "--format", "jsonl", str(tmp_path / "all.jsonl"))
    assert whole.exit_code == 0, whole.output
    assert "wrote" in whole.stdout and (tmp_path / "all.jsonl").exists()

    sub = run(data_dir, "export", "--format", "jsonl", "--query", "country-people", "--param", "country=RUS",
              str(tmp_path / "none.jsonl"))
    assert sub.exit_code == 2 and "no node ids" in sub.stderr  # names, not ids: nothing to export

    prov = run(data_dir, "export", "--format", "graphml", "--query", "provenance", "--param",
               "id=person:anatoly-antonov", "--hops", "1", str(tmp_path / "antonov.graphml"))
    assert prov.exit_code == 0, prov.output
    text = (tmp_path / "antonov.graphml").read_text(encoding="utf-8")
    assert 'id="person:anatoly-antonov"' in text and "SOURCED_FROM" in text

    admin = run(data_dir, "export", "--format", "neo4j-admin", str(tmp_path / "admin"))
    assert admin.exit_code == 0 and (tmp_path / "admin" / "import.sh").exists()
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {line["kind"] for line in lines} == {"node", "relationship"}


def test_param_without_query_is_a_usage_error(data_dir: Path, tmp_path: Path) -> None:
    result = run(data_dir, "export", "--param", "id=x", str(tmp_path / "x.cypher"))
    assert result.exit_code == 2 and "--param needs --query" in result.output

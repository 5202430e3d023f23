"""Every command that prints results has --format table|json|csv; load's JSON carries its problems; resolve
looks through the graph and keeps look-ups off the review list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from armsgraph.graph.cli import main
from armsgraph.graph.load import shown

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


def test_load_json_has_the_problems_and_paths_tell_files_apart(data_dir: Path, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        lines = [json.dumps({"type": "Country", "iso3": "FRA" if folder == "a" else "DEU", "name": folder,
                             "source": "test"}),
                 json.dumps({"type": "Person", "source": "test"})]  # line 2: no name
        (tmp_path / folder / "people.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(data_dir, "load", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json")
    assert result.exit_code == 1, result.output
    rows = json.loads(result.stdout)
    assert [r["file"] for r in rows] == [shown(tmp_path / "a" / "people.jsonl"), shown(tmp_path / "b" / "people.jsonl")]
    for row in rows:
        assert row["records"] == 2 and row["facts"] >= 1 and row["errors"] == 1
        [problem] = row["problems"]
        assert problem["file"] == row["file"] and problem["line"] == 2 and problem["severity"] == "error"
        assert set(problem) == {"file", "line", "field", "reason", "severity"}
    assert f"{rows[0]['file']}:2:" in result.stderr  # stderr names the file as the table does
    help_text = run(data_dir, "load", "--help").stdout
    assert "records read from the file" in help_text and "nodes and relationships written" in help_text


def test_resolve_uses_the_graph_and_keeps_lookups_off_the_review_list(data_dir: Path, seed_article: Path) -> None:
    before = json.loads(run(data_dir, "resolve", "Anatoly Antonov", "--format", "json").stdout)[0]
    assert before["rule"] == "unresolved"  # no graph yet: only the alias tables
    assert not (data_dir / "falkordb").exists()  # asking made no store
    assert run(data_dir, "load", str(SEED), str(seed_article)).exit_code == 0
    person = json.loads(run(data_dir, "resolve", "Anatoly Antonov", "--format", "json").stdout)[0]
    assert (person["entity"], person["label"], person["source"]) == ("person:anatoly-antonov", "Person", "graph (name)")
    treaty = list(csv.DictReader(io.StringIO(run(data_dir, "resolve", "CCM", "--format", "csv").stdout)))
    assert treaty[0]["entity"] == "treaty:ccm"
    assert run(data_dir, "resolve", "Freedonia").exit_code == 0
    assert json.loads(run(data_dir, "resolve", "review", "--format", "json").stdout) == []
    washington = json.loads(run(data_dir, "resolve", "Washington", "--format", "json").stdout)[0]
    assert "domain.md" not in washington["source"] and "docs/resolver.md" in washington["source"]


def test_formats_of_query_show_conflicts_extract(data_dir: Path, seed_article: Path) -> None:
    shown_json = json.loads(run(data_dir, "query", "show", "country-people", "--format", "json").stdout)[0]
    assert shown_json["name"] == "country-people" and "MATCH" in shown_json["cypher"]
    assert any(p["name"] == "date" and p["default"] == "today" for p in shown_json["params"])
    assert ":param date => toString(date());" in shown_json["browser"]
    params = list(csv.DictReader(io.StringIO(run(data_dir, "query", "show", "claims-by", "--format", "csv").stdout)))
    assert [p["name"] for p in params] == ["speaker", "limit"]
    assert run(data_dir, "query", "show", "claims-by").stdout.startswith("// claims-by:")  # text by default
    header = run(data_dir, "conflicts", "--format", "csv").stdout.splitlines()[0]
    assert header == "kind,of,country,name,field,source,value,other_source,other_value"
    facts = list(csv.DictReader(io.StringIO(run(data_dir, "extract", str(seed_article), "--format", "csv").stdout)))
    assert {"entity", "position", "claim"} <= {f["fact"] for f in facts}
    assert any(f["fact"] == "claim" and f["subject"] == "person:anatoly-antonov" for f in facts)

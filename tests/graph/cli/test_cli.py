"""The CLI end to end on the real embedded engine: load, query, cypher, stats, db, errors."""

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


def seed_positions() -> dict[str, list[tuple[str, str]]]:
    """Country or organisation id -> (person name, title), read from the seed file itself."""
    records = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("//")]
    names = {f"person:{r['name'].lower().replace(' ', '-')}": r["name"] for r in records if r["type"] == "Person"}
    countries = {f"org:{r['key']}": r.get("country") for r in records if r["type"] == "Organization"}
    out: dict[str, list[tuple[str, str]]] = {}
    for r in records:
        if r["type"] == "Position":
            owner = r["of"].removeprefix("country:") if r["of"].startswith("country:") else countries.get(r["of"])
            out.setdefault(str(owner), []).append((names[r["person"]], r["title"]))
    return out


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


def test_load_then_query_in_every_format(data_dir: Path, seed_article: Path) -> None:
    loaded = run(data_dir, "load", str(SEED), str(seed_article), "--format", "json")
    assert loaded.exit_code == 0, loaded.output
    summary = json.loads(loaded.stdout)
    assert {row["file"] for row in summary} == {shown(SEED), shown(seed_article)}
    assert all(row["problems"] == [] for row in summary)
    assert all(row["errors"] == 0 for row in summary)

    as_json = run(data_dir, "query", "run", "country-people", "--param", "country=RUS", "--param", "history=true",
                  "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    expected = seed_positions()
    assert [(r["person"], r["position"]) for r in rows] == sorted(expected["RUS"])

    as_csv = run(data_dir, "query", "run", "country-people", "--param", "country=USA", "--param", "date=2022-06-01",
                 "--format", "csv")
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert table[0] == ["person", "position", "of", "since", "until", "status", "reported"]
    assert [(r[0], r[1]) for r in table[1:]] == sorted(expected["USA"])

    as_table = run(data_dir, "query", "run", "provenance", "--param", "id=person:antonio-guterres")
    assert as_table.exit_code == 0 and SEED.name in as_table.stdout


def test_reload_is_skipped_and_counts_stay(data_dir: Path) -> None:
    run(data_dir, "load", str(SEED))
    before = run(data_dir, "stats", "--format", "json").stdout
    again = run(data_dir, "load", str(SEED), "--format", "json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)[0]["skipped"] == "yes"
    assert run(data_dir, "stats", "--format", "json").stdout == before


def test_load_with_bad_records_exits_1_and_lists_errors(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "Country", "iso3": "UKR", "name": "Ukraine", "source": "x"}\n{"type": "Cou\n')
    result = run(data_dir, "load", str(bad))
    assert result.exit_code == 1
    assert "bad.jsonl:2::" in result.stderr and "Traceback" not in result.output


def test_cypher_refuses_writes_unless_asked(data_dir: Path) -> None:
    refused = run(data_dir, "cypher", "CREATE (:Country {id: 'country:X'})")
    assert refused.exit_code != 0
    assert "--write" in refused.stderr and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    allowed = run(data_dir, "cypher", "CREATE (c:Country {id: $id}) RETURN c.id AS id", "--param",
                  "id=country:X", "--write", "--format", "json")
    assert json.loads(allowed.stdout) == [{"id": "country:X"}]


def test_params_are_values_not_cypher(data_dir: Path) -> None:
    run(data_dir, "load", str(SEED))
    hostile = "USA' OR 1=1 //"
    result = run(data_dir, "query", "run", "country-people", "--param", f"country={hostile}", "--format", "json")
    assert result.exit_code == 2 and "no actor named \"USA' OR 1=1 //\"" in result.stderr  # a name, not Cypher
    result = run(data_dir, "cypher", "MATCH (c:Country) WHERE c.iso3 = $x RETURN c.id AS id", "--param",
                 f"x={hostile}", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_errors_are_one_line(data_dir: Path) -> None:
    for args in (("query", "run", "no-such-query"), ("query", "run", "country-people"),
                 ("query", "run", "country-people", "--param", "country=USA", "--param", "limit=many"),
                 ("cypher", "MATCH (n RETURN n")):
        result = run(data_dir, *args)
        assert result.exit_code != 0, args
        assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_query_list_and_show() -> None:
    listed = CliRunner().invoke(main, ["query", "list", "--format", "json"])
    names = {q["name"] for q in json.loads(listed.stdout)}
    assert {"country-people", "document-facts", "provenance"} <= names
    shown = CliRunner().invoke(main, ["query", "show", "provenance"])
    assert "$id" in shown.stdout and "SOURCED_FROM" in shown.stdout


def test_db_start_status_stop(data_dir: Path) -> None:
    assert "running" in run(data_dir, "db", "start").stdout
    status = json.loads(run(data_dir, "db", "status", "--format", "json").stdout)[0]
    assert status["running"] is True
    assert run(data_dir, "db", "stop").stdout.strip() == "stopped"
    assert json.loads(run(data_dir, "db", "status", "--format", "json").stdout)[0]["running"] is False


def test_conflicts_lists_disagreeing_sources(data_dir: Path, shared_data: Path) -> None:
    reference = shared_data / "reference"
    groups = reference / "ear_country_groups" / "country-groups.json"
    factbook = reference / "cia_factbook" / "factbook_countries_aliases_orgs.csv"
    assert run(data_dir, "load", str(groups), str(factbook)).exit_code == 0
    result = run(data_dir, "conflicts", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["kind"] == "membership" for r in rows)
    listed = run(data_dir, "cypher", "MATCH (c:Country)-[m:MEMBER_OF]->(o:Organization) "
                 "RETURN o.id AS org, c.id AS country, collect(m.source) AS sources", "--format", "json")
    by_pair = {(r["org"], r["country"]): set(r["sources"]) for r in json.loads(listed.stdout)}
    for row in rows:  # each listed conflict really is a pair only one source has
        assert len(by_pair[(row["of"], row["country"])]) == 1

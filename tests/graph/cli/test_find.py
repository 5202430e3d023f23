"""Names instead of ids from the command line: find, list, typed cypher parameters, loud empty answers."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from armsgraph.graph.cli import main

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])


def test_find_lists_close_names_with_ids_and_list_gives_the_values_queries_take(
        data_dir: Path, seed_article: Path) -> None:
    empty = run(data_dir, "list", "treaties")
    assert empty.exit_code == 2 and "holds no treaties" in empty.stderr  # said, not an empty table
    assert run(data_dir, "load", str(SEED), str(seed_article)).exit_code == 0
    found = json.loads(run(data_dir, "find", "antonov", "--format", "json").stdout)
    assert found[0]["id"] == "person:anatoly-antonov" and found[0]["label"] == "Person"
    exact = json.loads(run(data_dir, "find", "Kyiv", "--format", "json").stdout)
    assert exact[0] == {"id": "country:UKR", "label": "Country", "name": "Ukraine", "score": 100}
    missing = run(data_dir, "find", "Freedonia")
    assert missing.exit_code == 2 and "nothing named like 'Freedonia'" in missing.stderr
    listed = json.loads(run(data_dir, "list", "categories", "--format", "json").stdout)
    assert {"id": "category:cluster-munitions", "name": "Cluster munitions"} in listed


def test_query_names_and_truncation_from_the_cli(data_dir: Path, seed_article: Path) -> None:
    assert run(data_dir, "load", str(SEED), str(seed_article)).exit_code == 0
    by_name = run(data_dir, "query", "run", "claims-by", "--param", "speaker=Anatoly Antonov", "--format", "json")
    by_id = run(data_dir, "query", "run", "claims-by", "--param", "speaker=person:anatoly-antonov", "--format", "json")
    assert by_name.exit_code == 0 and json.loads(by_name.stdout) == json.loads(by_id.stdout) != []
    wrong = run(data_dir, "query", "run", "claims-by", "--param", "speaker=Antonov")
    assert wrong.exit_code == 2 and "did you mean Anatoly Antonov (person:anatoly-antonov)" in wrong.stderr
    cut = run(data_dir, "query", "run", "document-facts", "--param", f"document={seed_article.name}",
              "--param", "limit=3", "--format", "json")
    assert len(json.loads(cut.stdout)) == 3 and "the first 3 rows are shown" in cut.stderr


def test_cypher_parameters_are_typed_and_a_missing_one_is_named(data_dir: Path) -> None:
    typed = run(data_dir, "cypher", "RETURN $n + 1 AS m, $x AS x, $ids AS ids", "--param", "n:int=3",
                "--param", "x:float=1.5", "--param", 'ids:json=["country:USA"]', "--format", "json")
    assert json.loads(typed.stdout) == [{"m": 4, "x": 1.5, "ids": ["country:USA"]}]
    missing = run(data_dir, "cypher", "RETURN $n AS m")
    assert missing.exit_code == 2 and "$n" in missing.stderr and "--param n=" in missing.stderr
    bad = run(data_dir, "cypher", "RETURN $n AS m", "--param", "n:int=three")
    assert bad.exit_code == 2 and "not a valid int" in bad.stderr

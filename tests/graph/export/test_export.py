"""Exports from the embedded store: every format read back, the Cypher script replayed, hostile strings kept."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.cli.export import node_ids
from armsgraph.graph.export import export
from armsgraph.graph.export.cypher_script import split_statements, template_probe
from armsgraph.graph.export.literal import literal
from armsgraph.graph.export.read import GraphReader
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "examples" / "seed-entities.jsonl"
SIPRI = "sipri/transfers-2026-02.excerpt.csv"
Lint = Callable[[dict[str, str]], dict[str, list[str]]]

HOSTILE = ("O'Brien said \"it's \\ fine\"\nsecond line\ttab\r\n<script>alert('x')</script> "
           "'}) DETACH DELETE n // ` backtick $param {map} ;")
HOSTILE_ALIASES = [HOSTILE, "semi;colon", "日本語 😀 é", ""]
ALL_NODES = Cypher("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id")
ALL_RELATIONSHIPS = Cypher("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")


def hostile_file(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    records = [{"type": "WeaponSystem", "designation": "Hostile <b>", "key": "hostile", "description": HOSTILE,
                "aliases": HOSTILE_ALIASES, "category": "cluster-munitions", "source": HOSTILE}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def nodes_of(store: FalkorStore) -> dict[str, tuple[list[str], dict[str, Any]]]:
    return {r[0]: (sorted(r[1]), r[2]) for r in store.run(ALL_NODES).rows}


def relationships_of(store: FalkorStore) -> Counter[str]:
    return Counter(json.dumps(row, sort_keys=True) for row in store.run(ALL_RELATIONSHIPS).rows)


def by_label_and_type(nodes: list[list[str]], types: list[str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for labels in nodes:
        counts.update(f"label:{lab}" for lab in labels)
    counts.update(f"relationship:{t}" for t in types)
    return dict(counts)


@pytest.fixture(scope="module")
def seeded(embedded_server: EmbeddedServer, shared_data: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FalkorStore, Path]]:
    """The seed file, the seed article, a SIPRI excerpt and a hostile curated record, exported in every format."""
    folder = tmp_path_factory.mktemp("export")
    store = FalkorStore(embedded_server, graph_name="export_seeded")
    store.clear()
    report = load_paths(store, [SEED, shared_data / "news" / "rt-2023-07-antonov-cluster-munitions.txt",
                                shared_data / SIPRI, hostile_file(folder)])
    assert not report.failed
    for fmt, name in (("cypher", "graph.cypher"), ("neo4j-admin", "admin"), ("graphml", "graph.graphml"),
                      ("jsonl", "graph.jsonl")):
        export(store, fmt, folder / name)
    yield store, folder
    store.clear()
    store.close()


def replay(store: FalkorStore, script: str) -> None:
    """Run a script as cypher-shell would; its Neo4j DDL becomes this store's DDL through the dialect."""
    for statement in split_statements(script):
        if statement.startswith(("CREATE CONSTRAINT", "CREATE INDEX")):
            store.ensure_schema()
            continue
        store.run(Cypher(statement), write=True)


def test_the_cypher_script_replays_to_the_same_graph(seeded: tuple[FalkorStore, Path], store: FalkorStore) -> None:
    source, folder = seeded
    script = (folder / "graph.cypher").read_text(encoding="utf-8")
    replay(store, script)
    assert counts_dict(store) == counts_dict(source)
    assert nodes_of(store) == nodes_of(source)  # every node: labels and properties, the seed story's included
    assert relationships_of(store) == relationships_of(source)
    assert nodes_of(store)["weapon:hostile"][1]["description"] == HOSTILE
    replay(store, script)  # idempotent: a second run changes nothing
    assert counts_dict(store) == counts_dict(source)
    assert relationships_of(store) == relationships_of(source)


@pytest.mark.slow
def test_the_cypher_script_parses_as_neo4j_cypher(seeded: tuple[FalkorStore, Path], neo4j_lint: Lint) -> None:
    """Every DDL statement and every distinct statement template of the script, and the literals of the hostile
    record as the script writes them (the whole script is a few MB: too slow for the parser in a test)."""
    script = (seeded[1] / "graph.cypher").read_text(encoding="utf-8")
    statements = split_statements(script)
    texts = {f"ddl#{n}": s for n, s in enumerate(statements) if s.startswith("CREATE")}
    templates = sorted({s.split("] AS row\n", 1)[1] for s in statements if s.startswith("UNWIND [")})
    texts.update({f"template#{n}": template_probe(t) for n, t in enumerate(templates)})
    hostile = [line.strip().rstrip(",") for line in script.splitlines() if "'weapon:hostile'" in line]
    texts.update({f"row#{n}": f"RETURN {row} AS row" for n, row in enumerate(hostile)})
    assert len(hostile) >= 3 and any("MERGE (a)-[r:SOURCED_FROM" in t for t in texts.values())
    failures = {n: e for n, e in neo4j_lint(texts).items() if e}
    assert not failures, "\n".join(f"{n}: {e}\n{texts[n][:400]}" for n, e in failures.items())


def test_literals_round_trip_through_the_embedded_engine(store: FalkorStore) -> None:
    values = [HOSTILE, HOSTILE_ALIASES, {"we ird-key": [1, -2, 1.5e-07, 1e20, True, None]}, 0.1, -0.0]
    for value in values:
        assert store.run(Cypher(f"RETURN {literal(value)} AS v")).scalar() == value


# The neo4j-admin header grammar (Operations Manual, "Import: CSV header format"): name:type, where the
# name may be empty for the special columns and the type is a special field or a property type (arrays: []).
_SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
          "localtime", "time", "localdatetime", "datetime", "duration"}
_HEADER_FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<kind>[A-Za-z_]+)(?P<array>\[\])?(?:\((?P<space>[^)]*)\))?)?$")


def parse_header(line: str) -> list[tuple[str, str, bool]]:
    """(name, type or special field, is array) per column; AssertionError for anything off the grammar."""
    columns = []
    for text in line.split(","):
        match = _HEADER_FIELD.match(text)
        assert match, f"bad header field {text!r}"
        name, kind, array = match["name"], match["kind"] or "string", bool(match["array"])
        assert kind in _SPECIAL or kind.lower() in _TYPES, f"unknown type in {text!r}"
        assert name or kind in _SPECIAL, f"a property column needs a name: {text!r}"
        assert not (array and kind in _SPECIAL), text
        columns.append((name, kind, array))
    return columns


def import_value(raw: str, kind: str, array: bool, delimiter: str) -> Any:
    """What neo4j-admin makes of a field (quoted strings are kept, empty fields are no property)."""
    if array:
        return [import_value(item, kind, False, delimiter) for item in raw.split(delimiter)]
    return {"long": int, "double": float, "boolean": lambda v: v == "true"}.get(kind, str)(raw)


def test_neo4j_admin_csvs_follow_the_header_format(seeded: tuple[FalkorStore, Path]) -> None:
    source, folder = seeded
    admin = folder / "admin"
    command = (admin / "import.sh").read_text(encoding="utf-8")
    assert "database \\\n  import \\\n  full" in command and "--multiline-fields=true" in command
    # a string in a list holds ';', so the delimiter moves to U+001F and the command says so
    assert "--array-delimiter=U+001F" in command
    delimiter = "\x1f"
    labels: list[list[str]] = []
    types: list[str] = []
    hostile: dict[str, Any] = {}
    for path in sorted(admin.glob("*.csv")):
        assert path.name in command
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            header = parse_header(",".join(next(rows)))
            kinds = [kind for _, kind, _ in header]
            if path.name.startswith("nodes-"):
                assert kinds.count("ID") == 1 and kinds.count("LABEL") == 1
            else:
                assert kinds[:3] == ["START_ID", "END_ID", "TYPE"]
            for row in rows:
                record = {name or kind: import_value(raw, kind, array, delimiter)
                          for (name, kind, array), raw in zip(header, row, strict=True) if raw != ""}
                if "LABEL" in record:
                    labels.append(record["LABEL"].split(delimiter))
                    if record["id"] == "weapon:hostile":
                        hostile = record
                else:
                    types.append(record["TYPE"])
    assert by_label_and_type(labels, types) == counts_dict(source)
    assert hostile["description"] == HOSTILE
    assert hostile["aliases"] == HOSTILE_ALIASES
    assert "CREATE CONSTRAINT" in (admin / "constraints.cypher").read_text(encoding="utf-8")


def test_graphml_reads_back_in_networkx(seeded: tuple[FalkorStore, Path]) -> None:
    source, folder = seeded
    graph = nx.read_graphml(folder / "graph.graphml", force_multigraph=True)
    labels = [data["labels"].strip(":").split(":") for _, data in graph.nodes(data=True)]
    types = [data["label"] for _, _, data in graph.edges(data=True)]
    assert by_label_and_type(labels, types) == counts_dict(source)
    hostile = graph.nodes["weapon:hostile"]
    assert hostile["description"] == HOSTILE
    assert json.loads(hostile["aliases"]) == HOSTILE_ALIASES
    assert hostile["caption"] == "Hostile <b>"
    transfer = next(d for _, d in graph.nodes(data=True) if d["labels"] == ":Transfer" and "order_year" in d)
    assert isinstance(transfer["order_year"], int) and isinstance(transfer["tiv_delivered"], float)


def test_json_lines_hold_every_node_and_relationship(seeded: tuple[FalkorStore, Path]) -> None:
    source, folder = seeded
    lines = [json.loads(line) for line in (folder / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    nodes = [r for r in lines if r["kind"] == "node"]
    rels = [r for r in lines if r["kind"] == "relationship"]
    assert lines.index(rels[0]) == len(nodes)  # nodes first
    assert by_label_and_type([n["labels"] for n in nodes], [r["type"] for r in rels]) == counts_dict(source)
    hostile = next(n for n in nodes if n["id"] == "weapon:hostile")
    assert hostile["properties"]["description"] == HOSTILE and hostile["labels"] == ["WeaponSystem"]
    assert set(rels[0]) == {"kind", "type", "start", "end", "properties"}
    provenance = [r for r in rels if r["start"] == "weapon:hostile" and r["type"] == "SOURCED_FROM"]
    assert provenance and provenance[0]["properties"]["citations"] == [HOSTILE]


def test_paging_reads_everything_in_small_pages(seeded: tuple[FalkorStore, Path]) -> None:
    source, _ = seeded
    reader = GraphReader(source, page=7, start_page=3)
    nodes = list(reader.nodes())
    rels = list(reader.relationships())
    assert (len(nodes), len(rels)) == reader.totals()
    assert len({n.id for n in nodes}) == len(nodes)
    assert all(n.labels[0] != "Actor" for n in nodes)


def test_a_query_subgraph_is_the_named_nodes_and_the_relationships_among_them(
        seeded: tuple[FalkorStore, Path], tmp_path: Path) -> None:
    source, _ = seeded
    result = get_query("provenance").run(source, {"id": "person:anatoly-antonov"})
    ids = node_ids(result.rows)
    assert "person:anatoly-antonov" in ids and any(i.startswith("doc:") for i in ids)
    report = export(source, "jsonl", tmp_path / "sub.jsonl", ids)
    lines = [json.loads(line) for line in (tmp_path / "sub.jsonl").read_text(encoding="utf-8").splitlines()]
    exported = {r["id"] for r in lines if r["kind"] == "node"}
    assert exported <= ids and "person:anatoly-antonov" in exported  # ids of no node (a rule name) are dropped
    ids = exported
    rels = [r for r in lines if r["kind"] == "relationship"]
    assert rels and all(r["start"] in ids and r["end"] in ids for r in rels)
    assert report.relationships == len(rels) == len(result.rows)  # one SOURCED_FROM per row of the query
    wider = export(source, "jsonl", tmp_path / "hop.jsonl", ids, hops=1)
    assert wider.nodes > report.nodes  # his position, his claims, the things they are about ...


def test_node_ids_are_found_anywhere_in_a_result() -> None:
    rows = [["country:USA", "United States", ["weapon:dpicm", "not an id", "doc:abc"]],
            [{"_labels": ["Person"], "id": "person:x", "name": "X"}, None, 3, "nope:thing"]]
    assert node_ids(rows) == {"country:USA", "weapon:dpicm", "doc:abc", "person:x"}

"""The mapping engine: mappings are checked against the schema when read; a row becomes a relation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.mapping import MappingContext, MappingError, Miss, build, load_mapping, map_rows, parse_mapping
from armsgraph.loaders.tables import regimes, treaties
from armsgraph.schema import Country, Document, Node, Organization
from armsgraph.schema.batch import Batch

BASE: dict[str, Any] = {
    "layout": "t", "loader": "regime-table", "relation": "MEMBER_OF",
    "columns": {"required": ["state", "joined"], "optional": ["left"]},
    "source": {"entity": "Country", "name": "state"},
    "target": {"entity": "Organization", "id": "org:nato"},
    "properties": {"since": "joined", "until": "left"},
    "dates": {"columns": ["joined", "left"], "formats": ["iso", "%d %b %Y"]},
    "constants": {"source": "{file}"},
}


def with_(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


@pytest.mark.parametrize(("data", "message"), [
    (with_(relation="MEMBER"), "relation: unknown relation 'MEMBER'"),
    (with_(properties={"joined_on": "joined"}), "properties.joined_on: MEMBER_OF has no property 'joined_on'"),
    (with_(properties={"since": "joined_at"}), "properties.since: unknown column 'joined_at'"),
    (with_(source={"entity": "Nation", "name": "state"}), "source.entity: unknown entity 'Nation'"),
    (with_(source={"entity": "Treaty", "name": "state"}), "source.entity: Treaty cannot be this end"),
    (with_(target={"entity": "Organization", "id": "country:USA"}), "target.ids: 'country:USA' is not"),
    (with_(constants={"colour": "red"}), "constants.colour: MEMBER_OF has no property 'colour'"),
    (with_(citation={"column": "url"}), "citation.column: unknown column 'url'"),
    (with_(value_maps=[{"column": "joined", "by": "how", "map": {"a": "since"}}]),
     "value_maps[0].by: unknown column 'how'"),
    (with_(value_maps=[{"column": "joined", "by": "left", "map": {"a": "sinse"}}]),
     "value_maps[0].map.a: MEMBER_OF has no property 'sinse'"),
    (with_(skip=["blank"]), "skip: unknown"),
    (with_(colour="red"), "unknown keys ['colour']"),
    ({k: v for k, v in BASE.items() if k != "source"}, "source: missing"),
])
def test_bad_mappings_fail_with_file_and_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(MappingError, match=r"^m\.yaml: ") as info:
        parse_mapping(data, "m.yaml")
    assert message in str(info.value)


def test_every_shipped_mapping_is_valid() -> None:
    assert {"armsgraph", "untc", "untc-complete", "survivalscores", "year-only"} <= set(treaties.layouts())
    assert {"cia-factbook", "nato-members", "eu-members"} <= set(regimes.layouts())
    for path in sorted(treaties.MAPPINGS.glob("*.yaml")):
        assert load_mapping(path).layout == path.stem


def test_a_mapping_file_that_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("layout: [unclosed\n", encoding="utf-8")
    with pytest.raises(MappingError, match=r"bad\.yaml: not valid YAML"):
        load_mapping(path)


def test_rows_become_relations_and_bad_rows_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "members.yaml"
    path.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    mapping = load_mapping(path)
    countries = {"Norway": Country(iso3="NOR", name="Norway"), "Sweden": Country(iso3="SWE", name="Sweden")}
    nato = Organization(key="nato", name="NATO", kind="international")

    def lookup(*, name: str | None, code: str | None, where: str, exact: bool) -> Node | Miss:
        return countries.get(name or "") or Miss(f"unknown country {name!r}")

    ctx = MappingContext(lookups={"Country": lookup}, node_by_id=lambda i: nato if i == nato.id else None)
    table = csv_rows("# members\nstate,joined,left\nNorway,1949-04-04,\nSweden,7 Mar 2024,\n"
                     "Freedonia,2000-01-01,\nNorway,1949-04-05,\nSweden,2024-02-30,\n", lower=True)
    batch = Batch(document=Document(path="m.csv", title="m.csv", kind="reference", sha256="0" * 64),
                  loader="regime-table", loader_version="1")
    relations = [build(row, batch) for row in map_rows(mapping, table, batch, ctx, tmp_path / "m.csv")]
    assert [(r.src, r.properties()) for r in relations if r is not None] == [
        ("country:NOR", {"since": "1949-04-04", "source": "m"}),
        ("country:SWE", {"since": "2024-03-07", "source": "m"})]
    assert [(e.line, e.field, e.reason.split(" ")[0]) for e in batch.errors] == [
        (5, "state", "unknown"), (6, "state", "conflicts"), (7, "joined", "invalid")]

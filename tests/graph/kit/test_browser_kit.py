"""The Browser kit: current with the schema and catalogue, every query in it Neo4j Cypher, the guide runs."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsgraph.graph.catalogue import load_catalogue
from armsgraph.graph.cli import main
from armsgraph.graph.export.display import display_property
from armsgraph.graph.kit import kit_files
from armsgraph.graph.kit.guide import guide_queries
from armsgraph.graph.kit.style import grass
from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Cypher
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.schema import NODE_TYPES

REPO = Path(__file__).resolve().parents[3]
KIT = REPO / "docs" / "browser-kit"
SEED = REPO / "examples" / "seed-entities.jsonl"
Lint = Callable[[dict[str, str]], dict[str, list[str]]]
_PARAM = re.compile(r"^:param (?P<name>[A-Za-z_]\w*) => (?P<value>.+);$")
_RUNNABLE = re.compile(r'<pre class="[^"]*\brunnable\b[^"]*">(.*?)</pre>', re.S)


def split_saved_query(text: str) -> tuple[dict[str, str], str]:
    """A saved query file: its ``:param`` lines (name -> Cypher expression) and the query after them."""
    params: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        match = _PARAM.match(line)
        if match and not body:
            params[match["name"]] = match["value"]
        elif line.startswith("//") and not body:
            continue
        else:
            body.append(line)
    return params, "\n".join(body).rstrip().removesuffix(";")


def test_the_committed_kit_is_current() -> None:
    files = kit_files()
    committed = {str(p.relative_to(KIT)): p.read_text(encoding="utf-8") for p in KIT.rglob("*") if p.is_file()}
    assert sorted(committed) == sorted(files), "docs/browser-kit is stale: run make docs"
    stale = [name for name, text in files.items() if committed[name] != text]
    assert not stale, f"docs/browser-kit is stale ({', '.join(stale)}): run make docs"


def test_saved_queries_start_with_typed_param_lines() -> None:
    files = kit_files()
    for query in load_catalogue().values():
        text = files[f"queries/{query.name}.cypher"]
        assert text.startswith(f"// {query.name}: ")
        params, body = split_saved_query(text)
        assert list(params) == [p.name for p in query.params]
        assert body == query.cypher.rstrip()
        for p in query.params:
            value = params[p.name]
            if p.type in ("int", "float"):
                assert not value.startswith("'"), (query.name, p.name, value)
            if p.type == "str":
                assert value.startswith("'") and value.endswith("'"), (query.name, p.name, value)


@pytest.mark.slow
def test_every_query_in_the_kit_parses_as_neo4j_cypher(neo4j_lint: Lint) -> None:
    texts: dict[str, str] = {}
    for name, text in kit_files().items():
        if name.endswith(".cypher"):
            params, body = split_saved_query(text)
            texts[name] = body
            texts.update({f"{name}:param {k}": f"RETURN {v} AS {k}" for k, v in params.items()})
    for number, block in enumerate(_RUNNABLE.findall(kit_files()["guide.html"])):
        texts[f"guide#{number}"] = html.unescape(block)
    assert sum(k.startswith("guide#") for k in texts) == len(guide_queries())
    failures = {n: e for n, e in neo4j_lint(texts).items() if e}
    assert not failures, "\n".join(f"{n}: {e}\n{texts[n]}" for n, e in failures.items())


def test_the_guide_is_a_browser_guide_and_its_queries_run_on_the_seed_story(
        store: FalkorStore, seed_article: Path) -> None:
    page = kit_files()["guide.html"]
    assert page.startswith('<article class="guide"') and '<carousel class="deck container-fluid">' in page
    assert page.count('<slide class="row-fluid">') >= 5
    for word in ("DPICM", "Antonov", "Convention on Cluster Munitions", "SOURCED_FROM"):
        assert word in html.unescape(page)
    assert not load_paths(store, [SEED, seed_article]).failed
    for query in [html.unescape(q) for q in _RUNNABLE.findall(page)]:
        assert store.run(Cypher(query)).rows, f"no rows on the seed story:\n{query}"


def test_saved_queries_run_with_their_param_lines(store: FalkorStore, seed_article: Path) -> None:
    """What a Browser user gets: each :param value evaluated as Cypher, then the query, on the seed story."""
    assert not load_paths(store, [SEED, seed_article]).failed
    found = set()
    for name, text in kit_files().items():
        if not name.endswith(".cypher"):
            continue
        params, body = split_saved_query(text)
        values = {k: store.run(Cypher(f"RETURN {v} AS v")).scalar() for k, v in params.items()}
        if name == "queries/country-people.cypher":  # Browser's date() is today: the seed story's US official
            assert values["date"] == dt.date.today().isoformat()  # (Kahl) left in 2023, history shows him
            values["history"] = True
        if store.run(Cypher(body), values).rows:
            found.add(name)
    assert {"queries/claims-about.cypher", "queries/claims-by.cypher", "queries/provenance.cypher",
            "queries/document-facts.cypher", "queries/country-people.cypher"} <= found


def test_the_style_gives_every_label_a_colour_size_and_caption() -> None:
    style = grass()
    assert style == grass()  # the same on every run
    blocks = dict(re.findall(r"^(node\.\w+|relationship\.\w+|node|relationship) \{\n(.*?)^\}", style, re.S | re.M))
    for label in NODE_TYPES:
        block = blocks[f"node.{label}"]
        assert re.search(r"color: #[0-9A-F]{6};", block) and re.search(r"diameter: \d+px;", block)
        assert f'caption: "{{{display_property(label)}}}";' in block
        assert display_property(label) == "caption"  # the writer stores each label's schema Caption there
    colours = [re.search(r"color: (#\w+);", blocks[f"node.{label}"]).group(1) for label in NODE_TYPES]  # type: ignore[union-attr]
    assert len(set(colours)) == len(colours)
    assert style.index("node.Actor {") < style.index("node.Country {")  # Country, not Actor, wins in Browser
    assert 'caption: "<type>";' in blocks["relationship.SUPPLIED"]


def test_query_show_prints_param_lines_for_browser() -> None:
    result = CliRunner().invoke(main, ["query", "show", "claims-about"], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert ":param about => 'category:cluster-munitions';" in lines and ":param limit => 100;" in lines
    assert not any(line.startswith("// :param") for line in lines)


def test_browser_kit_command_writes_the_kit(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["browser-kit", str(tmp_path / "kit")], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    written = {str(p.relative_to(tmp_path / "kit")) for p in (tmp_path / "kit").rglob("*") if p.is_file()}
    assert written == set(kit_files())

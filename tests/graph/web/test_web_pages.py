"""The web view over HTTP (Starlette's test client) against a real loaded store: every page, the downloads, the
review POST, read-only Cypher and escaping. What each test expects comes from the loaded files or from the CLI
run on the same store, never from a copy of the page's own code."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient
from web_fixtures import HOSTILE_ALIAS, HOSTILE_NAME, SEED, UNKNOWN_NAMES, Loaded

from armsgraph.graph.catalogue import load_catalogue
from armsgraph.graph.catalogue.stats import graph_counts
from armsgraph.graph.cli import main
from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.web import WebConfig, create_app, pages
from armsgraph.graph.web.pages import NEIGHBOUR_LIMIT, drawing, statements
from armsgraph.loaders.io import read_text
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.text.loader import TextLoader
from armsgraph.schema import NODE_TYPES

pytestmark = pytest.mark.store

RT = "news/rt-2023-07-antonov-cluster-munitions.txt"


class Facts(HTMLParser):
    """The text of each highlighted fact (``data-fact``), its kind and its title, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.title: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "span":
            return
        a = dict(attrs)
        fact = a.get("data-fact")
        self.open.append(fact)
        if fact is not None:
            self.kind[fact], self.title[fact] = str(a.get("data-kind")), str(a.get("title"))
            self.text.setdefault(fact, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for fact in self.open:
            if fact is not None:
                self.text[fact] += data


def seed_person(part: str) -> dict[str, Any]:
    records = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("//")]
    return next(r for r in records if r["type"] == "Person" and part in r["name"])


def cli(loaded: Loaded, *args: str) -> str:
    result = CliRunner().invoke(main, ["--data-dir", str(loaded.data_dir), *args], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_home_counts_what_the_store_holds_and_lists_the_catalogue(client: TestClient, web_store: Store) -> None:
    html = client.get("/").text
    for kind, name, count in graph_counts(web_store):
        assert re.search(rf">{re.escape(name)}(</span>)?</td><td class=\"num\">{count}</td>", html), (kind, name, count)
    for name in load_catalogue():
        assert f'href="/query/{name}"' in html
    assert "rt-2023-07-antonov-cluster-munitions.txt" in html  # the documents list


def test_search_finds_a_person_of_the_seed_file_and_his_page_shows_his_claims(
        client: TestClient, web_data: Loaded) -> None:
    antonov = seed_person("Antonov")
    html = client.get("/search", params={"q": "Antonov"}).text
    [href] = {h for h in re.findall(r'href="(/entity/person:[^"]+)"', html) if "antonov" in h}
    page = client.get(href)
    assert page.status_code == 200
    assert antonov["name"] in page.text
    # every claim the extractor attributes to him in the RT article is on his page, as a quoted sentence
    extraction, _ = TextLoader().extract(web_data.shared / RT)
    speaker = href.removeprefix("/entity/")
    mine = [c for c in extraction.claims if c.speaker == speaker]
    assert mine
    quotes = [q.strip() for q in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page.text, re.S)]
    for claim in mine:
        text = " ".join(claim.text.split()).replace("'", "&#39;").replace('"', "&#34;")
        assert any(text[:60] in " ".join(q.split()) for q in quotes), claim.text
    assert "rt-2023-07-antonov-cluster-munitions.txt" in page.text  # provenance: the document


def test_a_query_page_answers_as_the_cli_and_its_downloads_are_the_registry_formats(
        client: TestClient, web_data: Loaded) -> None:
    params = {"recipient": "Ukraine"}
    expected_csv = cli(web_data, "query", "run", "top-suppliers-of-recipient", "--param", "recipient=Ukraine",
                       "--format", "csv")
    got = client.get("/query/top-suppliers-of-recipient.csv", params=params)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.text == expected_csv
    as_json = client.get("/query/top-suppliers-of-recipient.json", params=params)
    assert as_json.headers["content-type"].startswith("application/json")
    rows = list(csv.DictReader(io.StringIO(expected_csv)))
    assert rows and [r["supplier"] for r in json.loads(as_json.text)] == [r["supplier"] for r in rows]
    html = client.get("/query/top-suppliers-of-recipient", params=params).text
    table = html[html.index('<table class="results"'):]
    table = table[:table.index("</table>")]
    assert [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<tr><td>(.*?)</td>", table)] == \
        [r["supplier"] for r in rows]
    # the Cypher with Browser-ready :param lines: the name resolved to its id
    assert ":param recipient =&gt; &#39;country:UKR&#39;;" in html
    assert 'href="/query/top-suppliers-of-recipient.csv?recipient=Ukraine"' in html
    # the drawing's data: every supplier of the table is a node, and edges join them to Ukraine
    graph = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)[1])
    ids = {n["data"]["id"] for n in graph["nodes"]}
    assert {r["supplier_id"] for r in rows} <= ids and "country:UKR" in ids
    assert all("country:UKR" in (e["data"]["source"], e["data"]["target"]) for e in graph["edges"])


def test_a_query_page_without_its_required_parameter_is_a_form_and_a_bad_name_a_suggestion(
        client: TestClient) -> None:
    page = client.get("/query/top-suppliers-of-recipient")
    assert page.status_code == 200 and 'id="result"' not in page.text and 'name="recipient"' in page.text
    bad = client.get("/query/top-suppliers-of-recipient", params={"recipient": "Ukrainia"})
    assert bad.status_code == 400 and "did you mean" in bad.text and "Ukraine" in bad.text
    assert client.get("/query/top-suppliers-of-recipient.json", params={"recipient": "Ukrainia"}).status_code == 400
    assert client.get("/query/no-such-query").status_code == 404
    assert client.get("/query/top-suppliers-of-recipient", params={"recipient": "UKR", "nope": "1"}).status_code == 400


def test_the_name_suggestions_answer_with_ids(client: TestClient) -> None:
    found = client.get("/api/names", params={"kind": "country", "q": "Ukr"}).json()
    assert {"id": "country:UKR", "name": "Ukraine", "label": "Country"} in found
    assert all(item["label"] == "Country" for item in found)
    assert client.get("/api/names", params={"kind": "nope", "q": "x"}).status_code == 400


def test_the_document_page_highlights_what_the_extractor_read_in_place(client: TestClient, web_data: Loaded) -> None:
    extraction, text = TextLoader().extract(web_data.shared / RT)
    doc_id = client.get("/").text
    [doc_href] = set(re.findall(r'href="(/document/doc:[0-9a-f]+)">[^<]*</a></td><td>[^<]*</td><td>RT<', doc_id))
    page = client.get(doc_href)
    assert page.status_code == 200
    facts = Facts()
    facts.feed(page.text)
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for fact, kind in facts.kind.items():
        by_kind.setdefault(kind, []).append((facts.text[fact], facts.title[fact]))
    # the transfer sentence, marked as a transfer, naming its rule
    [transfer] = [t for t in extraction.transfers if "DPICM" in t.evidence.text]
    assert (text[transfer.evidence.start:transfer.evidence.end], ) in {(t,) for t, _ in by_kind["Transfer"]}
    assert any(transfer.rule in title for _, title in by_kind["Transfer"])
    # the casualty figure: a claim attributed to the Russian Ministry of Defence (named in the hover text)
    mod = [c for c in extraction.claims if c.speaker == "org:russia-mod"]
    assert mod and any(ch.isdigit() for c in mod for ch in c.text)
    for claim in mod:
        shown = [title for t, title in by_kind["Claim"] if t == text[claim.evidence.start:claim.evidence.end]]
        assert shown and "Ministry of Defence of the Russian Federation" in shown[0] and claim.rule in shown[0]
    # every entity mention is highlighted with its label as the kind
    mentions = sum(len(e.mentions) for e in extraction.entities)
    assert sum(len(by_kind.get(k, [])) for k in {e.type for e in extraction.entities}) == mentions
    # and what the document added to the graph, from the graph
    assert "What it added to the graph" in page.text and "transfer:" in page.text


def test_a_document_without_its_folder_says_how_to_show_its_text(web_store: Store, web_data: Loaded) -> None:
    bare = TestClient(create_app(WebConfig(store=web_store, data_dir=web_data.data_dir, allowed_hosts=["testserver"])))
    home = bare.get("/").text
    [doc_href] = set(re.findall(r'href="(/document/doc:[0-9a-f]+)">[^<]*</a></td><td>[^<]*</td><td>RT<', home))
    page = bare.get(doc_href).text
    assert "--docs DIR" in page and 'data-kind="Transfer"' not in page
    sipri = re.search(r'href="(/document/doc:[0-9a-f]+)">[^<]*</a></td><td>sipri', home)
    assert sipri is not None
    assert "not a text document" in bare.get(sipri[1]).text


def test_review_accepts_with_a_csrf_token_and_writes_the_judgement_the_next_load_applies(
        client: TestClient, web_data: Loaded) -> None:
    name = UNKNOWN_NAMES[1]
    page = client.get("/review").text
    assert f'data-key="{name}"' in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    form = {"key": name, "context": "treaty", "answer": "Ukraine", "note": "test", "decision": "accept"}
    judgements = web_data.data_dir / "judgements.csv"
    before = judgements.read_text(encoding="utf-8") if judgements.exists() else ""
    assert client.post("/review/names", data=form).status_code == 403  # no token
    assert client.post("/review/names", data={**form, "csrf_token": "x" * 43}).status_code == 403
    assert client.post("/review/names", data={**form, "csrf_token": token},
                       headers={"origin": "http://evil.example"}).status_code == 403
    assert (judgements.read_text(encoding="utf-8") if judgements.exists() else "") == before
    done = client.post("/review/names", data={**form, "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    after = judgements.read_text(encoding="utf-8")
    added = after[len(before):].splitlines()
    rows = list(csv.reader(added))
    assert rows[-1][:4] == [name, "is", "country:UKR", "treaty"] and rows[-1][-1] == "test"
    # the same file 'armsgraph resolve judge' writes, read back by the resolver of the next load
    resolved = Resolver(judgements=[judgements]).resolve(name, "treaty", record=False)
    assert (resolved.entity_id, resolved.rule) == ("country:UKR", "judgement")
    assert "is country:UKR in treaty" in client.get("/review").text
    # an entity no resolver table knows is refused, and nothing is written
    bad = client.post("/review/names", data={**form, "answer": "Atlantis", "csrf_token": token})
    assert "unknown entity" in bad.text and judgements.read_text(encoding="utf-8") == after


def test_the_cypher_page_only_reads(client: TestClient, web_store: Store) -> None:
    before = graph_counts(web_store)
    page = client.get("/cypher", params={"q": "MATCH (c:Country {iso3: 'UKR'}) RETURN c.name AS name, c.id AS id"})
    assert page.status_code == 200 and "Ukraine" in page.text and 'href="/entity/country:UKR"' in page.text
    for statement in ("CREATE (:Country {id: 'country:XXX'})", "MATCH (n) DETACH DELETE n",
                      "MATCH (c:Country {iso3: 'UKR'}) SET c.name = 'x'"):
        refused = client.get("/cypher", params={"q": statement})
        assert refused.status_code == 400 and "refused" in refused.text
    assert graph_counts(web_store) == before


def test_hostile_strings_render_as_text(client: TestClient, web_data: Loaded) -> None:
    page = client.get(f"/entity/{web_data.hostile_id}").text
    for raw in (HOSTILE_NAME, HOSTILE_ALIAS):
        assert raw not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in page
    assert 'href="javascript:' not in page
    for url, params in (("/search", {"q": HOSTILE_NAME}), ("/cypher", {"q": HOSTILE_NAME}),
                        ("/query/claims-by", {"speaker": HOSTILE_ALIAS}), ("/entity/" + HOSTILE_ALIAS, {})):
        html = client.get(url, params=params).text
        assert "<script>window" not in html and "<img src=x" not in html, url
    found = client.get("/search", params={"q": "O'Brien"}).text
    assert web_data.hostile_id in found


def test_every_response_carries_the_security_headers_and_foreign_hosts_are_refused(client: TestClient) -> None:
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding


def test_the_drawing_library_is_served_from_the_package_not_a_cdn(client: TestClient) -> None:
    js = client.get("/vendor/cytoscape.min.js")
    assert js.status_code == 200 and "cytoscape" in js.text[:2000]
    page = client.get("/query/top-suppliers-of-recipient", params={"recipient": "UKR"}).text
    assert re.findall(r'<script src="([^"]+)"', page) == ["/static/app.js", "/vendor/cytoscape.min.js",
                                                          "/static/graph.js"]


ENDS = re.compile(r"\((e|o):(\w+)\)")


def walks_covered(texts: dict[str, str]) -> dict[str, str]:
    """The statements linted: every one but the two-hop walks (``pages.graph_via``: 512 of 638, one text for every
    pair of labels, the same but for the two labels), and of the walks the pairs that put every label once at each
    end, each way (32). What the others hold is checked here instead: each is, but for its two labels, a linted
    walk's text, and each of its labels stands at that end in a linted walk. Neo4j's linter takes about 0.25 s a
    statement (its semantic analysis), so the 512 took two minutes of CI, ten on a loaded machine."""
    labels = sorted(NODE_TYPES)
    following = {label: labels[(k + 1) % len(labels)] for k, label in enumerate(labels)}
    walks = {name: text for name, text in texts.items() if name.startswith("web:graph-via-")}
    linted = {name: text for name, text in texts.items()
              if name not in walks or following[name.split(":")[2]] == name.split(":")[3]}
    for way in ("out", "in"):
        ours = {name: text for name, text in walks.items() if name.startswith(f"web:graph-via-{way}:")}
        shapes = {ENDS.sub(r"(\1:L)", text) for name, text in ours.items() if name in linted}
        ends = {(m.group(1), m.group(2)) for name, text in ours.items() if name in linted for m in ENDS.finditer(text)}
        for name, text in ours.items():
            assert ENDS.sub(r"(\1:L)", text) in shapes, name
            assert {(m.group(1), m.group(2)) for m in ENDS.finditer(text)} <= ends, name
    return linted


@pytest.mark.slow
def test_every_web_statement_parses_as_neo4j_cypher(neo4j_lint: Any) -> None:
    texts = {name: str(text) for name, text in statements().items()}
    linted = walks_covered(texts)
    assert len(linted) < len(texts) and any(name.startswith("web:graph-via-in:") for name in linted)
    failures = {name: errors for name, errors in neo4j_lint(linted).items() if errors}
    assert not failures, failures


def test_the_seed_person_files_exist() -> None:
    assert Path(SEED).exists()


def test_a_node_read_from_a_sipri_export_shows_the_rows_it_was_read_from(client: TestClient, web_store: Store,
                                                                         web_data: Loaded) -> None:
    rows = web_store.run(Cypher(
        "MATCH (n)-[p:SOURCED_FROM]->(d:Document {kind: 'sipri-export'}) WHERE NOT n:Document "
        "RETURN n.id, d.path, p.locators ORDER BY n.id LIMIT 1")).rows
    assert rows, "no node read from a SIPRI export"
    [(node_id, file_name, locators)] = rows
    page = client.get(f"/entity/{node_id}").text
    shown = re.findall(r'<pre class="source-row" title="([^"]+) (L\d+)">L\d+: (.*?)</pre>', page, re.S)
    assert {(html.unescape(name), loc) for name, loc, _ in shown} >= {(file_name, loc) for loc in locators[:5]}
    for name, locator, line in shown:
        [path] = web_data.shared.glob(f"sipri/{html.unescape(name)}")
        lines = read_text(path).text.splitlines()  # decoded as every loader decodes it (loaders/io.py)
        first = int(locator[1:].split("-")[0])
        assert html.unescape(line).splitlines()[0] == lines[first - 1]


def test_the_deal_queue_records_a_decision_and_resolves_the_deals_again(
        client: TestClient, web_data: Loaded, web_store: Store) -> None:
    """The transfer-matching queue: the same judgements file as 'armsgraph review transfers', deals resolved at once.
    Reading it resolves every block again, so the review page links to it rather than reading it each time."""
    assert 'href="/review/transfers"' in client.get("/review").text
    page = client.get("/review/transfers").text
    keys = re.findall(r'data-key="(report:[^" ]+ report:[^"]+)"', page)
    assert keys, "the shared SIPRI excerpts leave deal matches for review"
    record, candidate = keys[0].split(" ")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    form = {"key": keys[0], "context": "", "answer": candidate, "note": "checked", "decision": "accept"}
    assert client.post("/review/transfers", data=form).status_code == 403  # no token, nothing written
    judgements = web_data.data_dir / "deal-judgements.csv"
    assert not judgements.exists() or record not in judgements.read_text(encoding="utf-8")
    done = client.post("/review/transfers", data={**form, "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/review/transfers?done=")
    assert [record, candidate, "same", "checked"] in list(csv.reader(judgements.read_text("utf-8").splitlines()))
    together = web_store.run(Cypher(
        "MATCH (a:Report {id: $a})-[:REPORTS]->(t:Transfer)<-[:REPORTS]-(b:Report {id: $b}) "
                                    "RETURN count(t)"), {"a": record, "b": candidate}).rows
    assert together == [[1]]
    assert f'data-key="{keys[0]}"' not in client.get("/review/transfers").text
    assert client.get("/review/nope").status_code == 404


def test_a_hub_countrys_neighbours_are_counted_in_full_and_listed_in_part(client: TestClient, web_store: Store) -> None:
    """Ukraine receives every deal of the shared exports: each relationship type is counted (the count the engine
    keeps), at most NEIGHBOUR_LIMIT are listed per type, and no type is crowded out by another."""
    expected: dict[tuple[str, str], int] = {}
    for way, pattern in (("out", "(n)-[r]->(m)"), ("in", "(n)<-[r]-(m)")):
        rows = web_store.run(Cypher(f"MATCH (n:Country {{id: 'country:UKR'}}) MATCH {pattern} "
                                    "WHERE type(r) <> 'SOURCED_FROM' RETURN type(r), count(*)")).rows
        expected.update({(way, str(t)): int(n) for t, n in rows})
    page = client.get("/entity/country:UKR").text
    groups = re.findall(r'<div class="group" data-type="(\w+)" data-direction="(\w+)" data-count="(\d+)">'
                        r'(.*?)</div>', page, re.S)
    assert {(way, t): int(n) for t, way, n, _ in groups} == expected
    assert expected[("in", "TO")] > NEIGHBOUR_LIMIT  # the cap is exercised
    for t, way, n, body in groups:
        assert len(re.findall(r"<li>", body)) == min(int(n), NEIGHBOUR_LIMIT), (t, way)


def test_the_drawing_walks_at_most_its_cap_and_then_says_so(web_store: Store) -> None:
    paths = {str(r[0]): int(r[1]) for r in web_store.run(Cypher(  # WITH first: FalkorDB 4 groups wrongly when
        "MATCH (:Country {id: 'country:UKR'})<-[:TO]-(t:Transfer)<-[:SUPPLIED]-(s:Country) "  # RETURN sorts
        "WITH s.id AS supplier, count(t) AS n RETURN supplier, n ORDER BY n DESC, supplier LIMIT 5")).rows}
    ids = ["country:UKR", *paths]
    full = drawing(web_store, ids, ["country:UKR"])
    assert not full["partial"]
    counted = {e["data"]["source"]: e["data"]["paths"] for e in full["edges"]
               if e["data"]["type"].startswith("SUPPLIED·Transfer·TO") and e["data"]["target"] == "country:UKR"}
    assert counted == paths
    cut = drawing(web_store, ids, ["country:UKR"], cap=3)
    assert cut["partial"]
    via = [e["data"] for e in cut["edges"] if "·" in e["data"]["type"]]
    assert via and all("×" not in e["type"] and e["paths"] == 0 for e in via)


def test_a_source_with_more_places_than_shown_says_how_many_more(client: TestClient, web_store: Store,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The provenance query returns a slice of a hub's places and their count; the page names the rest (the shared
    data's excerpts name a country at fewer places than the page lists: the page is told to list 2)."""
    monkeypatch.setattr(pages, "PLACES_SHOWN", 2)
    rows = web_store.run(Cypher(
        "MATCH (n:Country)-[p:SOURCED_FROM]->(d:Document) WHERE size(p.locators) > 2 "
        "RETURN n.id, size(p.locators) ORDER BY size(p.locators) DESC, n.id LIMIT 1")).rows
    assert rows, "no country read at more than 2 places of one document"
    [(node_id, places)] = rows
    page = html.unescape(client.get(f"/entity/{node_id}").text)
    assert f"… {places - 2} more ({places} places)" in page


def test_a_hub_lists_its_first_sources_and_counts_them_all(client: TestClient, web_store: Store,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The provenance query sends the first ``limit`` rows with the number in all (``sources``), not every row:
    the page lists the first sources by document id and names how many there are (told to list 2 here)."""
    monkeypatch.setattr(pages, "SOURCES_SHOWN", 2)
    documents = [str(r[0]) for r in web_store.run(Cypher(
        "MATCH (:Country {id: 'country:UKR'})-[:SOURCED_FROM]->(d:Document) WHERE d.pending IS NULL "
        "RETURN d.id ORDER BY d.id")).rows]
    assert len(documents) > 2
    result = load_catalogue()["provenance"].run(web_store, {"id": "country:UKR", "limit": "2"})
    assert result.truncated and [r["document"] for r in result.records()] == documents[:2]
    assert {r["sources"] for r in result.records()} == {len(documents)}
    page = client.get("/entity/country:UKR").text
    assert f"the first 2 of {len(documents)} sources" in page
    assert re.findall(r'<article class="source">\s*<h3><a href="/document/([^"]+)"', page) == documents[:2]


@pytest.mark.parametrize("entity", ["country:USA", "country:UKR", "person:anatoly-antonov"])
def test_neighbour_counts_by_degree_equal_the_counts_of_every_edge(web_store: Store, entity: str) -> None:
    """The unmarked count (FalkorDB: the node's degree per type) gives what reading every edge gives."""
    label = "Person" if entity.startswith("person:") else "Country"
    ways = pages.neighbour_ways(label)
    by_degree, by_edges = (
        {(r["type"], r["outgoing"]): int(r["count"])
         for r in web_store.run(pages.neighbour_counts(label, ways, marks), {"id": entity}).records()}
        for marks in (False, True))
    assert sum(by_edges.values()) > 0
    assert {way: n for way, n in by_degree.items() if n} == by_edges

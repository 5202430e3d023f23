"""The web view in a real browser: Debian's Chromium, headless, driven by Playwright, against uvicorn on loopback
over the loaded store. A person's paths through the pages; screenshots are kept in build/test-artifacts/web/."""

from __future__ import annotations

import csv
import io
import re
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient
from web_fixtures import ARTIFACTS, HOSTILE_NAME, UNKNOWN_NAMES, Loaded

from armsgraph.graph.kit.style import label_colours
from armsgraph.loaders.text.loader import TextLoader

pytestmark = [pytest.mark.store, pytest.mark.slow]

RT = "news/rt-2023-07-antonov-cluster-munitions.txt"


def wait_until(page: Any, expression: str, seconds: float = 15) -> None:
    """Poll ``expression`` with page.evaluate (wait_for_function evaluates a string, which the pages' CSP forbids)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def shot(page: Any, name: str, selector: str | None = None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = page.locator(selector) if selector else page
    target.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_search_antonov_open_him_and_read_his_quoted_claims(page: Any, client: TestClient, web_data: Loaded) -> None:
    page.goto("/")
    page.fill("header input[name=q]", "Antonov")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Antonov"))
    page.get_by_role("link", name="Anatoly Antonov", exact=True).first.click()
    page.wait_for_url(re.compile(r"/entity/person:"))
    assert page.locator("h1").inner_text().startswith("Anatoly Antonov")
    extraction, _ = TextLoader().extract(web_data.shared / RT)
    speaker = page.url.rsplit("/entity/", 1)[1]
    quotes = [" ".join(q.split()) for q in page.locator("#claims-by blockquote").all_inner_texts()]
    mine = [" ".join(c.text.split()) for c in extraction.claims if c.speaker == speaker]
    assert mine and all(any(text in q for q in quotes) for text in mine)
    sources = page.locator("#provenance blockquote.quote").all_inner_texts()
    assert any("Antonov" in q for q in sources)  # the sentence he was read from, quoted with its document
    shot(page, "entity-antonov")


def test_run_a_query_from_its_form_with_a_picked_name_and_see_the_table_and_drawing(
        page: Any, client: TestClient) -> None:
    page.goto("/query/top-suppliers-of-recipient")
    page.locator("#p-recipient").press_sequentially("Ukr", delay=40)
    page.locator(".suggestions button[data-id='country:UKR']").click()
    assert page.locator("#p-recipient").input_value() == "Ukraine"
    page.click("#run")
    page.wait_for_url(re.compile(r"recipient=Ukraine"))
    expected = list(csv.DictReader(io.StringIO(
        client.get("/query/top-suppliers-of-recipient.csv", params={"recipient": "Ukraine"}).text)))
    suppliers = page.locator("#result table.results tbody tr td:first-child").all_inner_texts()
    assert suppliers == [row["supplier"] for row in expected]
    # the drawing: every node drawn inside the canvas, its label at a readable size (cytoscape's own state)
    wait_until(page, "!!(window.armsgraphCy && window.armsgraphCy.nodes().length > 0)")
    state = page.evaluate("""() => {
        const cy = window.armsgraphCy, box = document.getElementById('graph').getBoundingClientRect();
        return {width: box.width, height: box.height, zoom: cy.zoom(), nodes: cy.nodes().map(n => ({
            id: n.id(), label: n.data('caption'), bb: n.renderedBoundingBox({includeLabels: false}),
            font: parseFloat(n.renderedStyle('font-size')), shown: n.visible()}))};
    }""")
    ids = {n["id"] for n in state["nodes"]}
    assert {row["supplier_id"] for row in expected} <= ids and "country:UKR" in ids
    for node in state["nodes"]:
        bb = node["bb"]
        assert node["shown"] and node["label"]
        assert 0 <= bb["x1"] <= bb["x2"] <= state["width"], node
        assert 0 <= bb["y1"] <= bb["y2"] <= state["height"], node
        assert node["font"] >= 7, f"label of {node['id']} drawn at {node['font']}px"
    # and from the pixels: the canvas holds the Browser kit's Country colour where the nodes are drawn
    colour = label_colours()["Country"]
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    coloured = page.evaluate("""(rgb) => {
        let count = 0;
        for (const canvas of document.querySelectorAll('#graph canvas')) {
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - rgb[0]) < 8 && Math.abs(data[i+1] - rgb[1]) < 8 && Math.abs(data[i+2] - rgb[2]) < 8
                && data[i+3] > 200) count++;
          }
        }
        return count;
    }""", rgb)
    assert coloured > 50 * len(state["nodes"]), f"{coloured} pixels of the Country colour for {len(ids)} nodes"
    shot(page, "query-graph", "#graph")
    # the copy button gives Browser-ready text
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("button.copy")
    wait_until(page, "document.querySelector('button.copy').textContent === 'copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert ":param recipient => 'country:UKR';" in copied and "MATCH" in copied


def test_the_rt_article_shows_the_transfer_and_the_ministrys_claim_highlighted(page: Any, web_data: Loaded) -> None:
    extraction, text = TextLoader().extract(web_data.shared / RT)
    page.goto("/")
    page.locator("#documents a", has_text="The escalatory move").first.click()
    page.wait_for_url(re.compile(r"/document/doc:"))
    facts = page.evaluate("""() => {
        const out = {};
        for (const el of document.querySelectorAll('#text [data-fact]')) {
          const f = el.dataset.fact;
          out[f] = out[f] || {kind: el.dataset.kind, title: el.title, text: '',
                              colour: getComputedStyle(el).borderBottomColor};
          out[f].text += el.textContent;
        }
        return Object.values(out);
    }""")
    [transfer] = [t for t in extraction.transfers if "DPICM" in t.evidence.text]
    marked = [f for f in facts if f["kind"] == "Transfer" and f["text"] == text[transfer.evidence.start:
                                                                                 transfer.evidence.end]]
    assert marked and "DPICM" in marked[0]["text"] and transfer.rule in marked[0]["title"]
    [claim] = [c for c in extraction.claims if c.speaker == "org:russia-mod"]
    said = [f for f in facts if f["kind"] == "Claim" and f["text"] == text[claim.evidence.start:claim.evidence.end]]
    assert said and "Ministry of Defence of the Russian Federation" in said[0]["title"]
    assert re.search(r"\d", said[0]["text"])  # the casualty figure is inside the claim, not asserted as fact
    kinds = {f["kind"]: f["colour"] for f in facts}
    assert len(set(kinds.values())) == len(kinds)  # one colour per kind
    page.locator("#text").scroll_into_view_if_needed()
    shot(page, "document-rt", "#text-section")


def test_accept_a_review_item_and_see_the_judgement_file_change(page: Any, web_data: Loaded) -> None:
    name = UNKNOWN_NAMES[0]
    judgements = web_data.data_dir / "judgements.csv"
    before = judgements.read_text(encoding="utf-8") if judgements.exists() else ""
    page.goto("/review")
    row = page.locator(f"tr.review-row[data-key='{name}']")
    answer = row.locator("input[name=answer]")
    answer.fill("")
    answer.press_sequentially("Ukr", delay=40)
    row.locator(".suggestions button[data-id='country:UKR']").click()
    row.locator("button.accept").click()
    page.wait_for_selector("#review-done")
    assert name in page.locator("#review-done").inner_text()
    after = judgements.read_text(encoding="utf-8")
    new = list(csv.reader(after[len(before):].splitlines()))
    assert [r[:4] for r in new if r and r[0] != "name"] == [[name, "is", "country:UKR", "treaty"]]
    assert "is country:UKR" in page.locator(f"tr.review-row[data-key='{name}'] td.decided").inner_text()
    shot(page, "review")


def test_a_hostile_name_renders_as_text_and_runs_nothing(page: Any, web_data: Loaded) -> None:
    page.goto(f"/entity/{web_data.hostile_id}")
    assert page.locator("h1").inner_text().startswith(HOSTILE_NAME.split("//")[0].strip()[:40])
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("main script, main img").count() == 0
    page.goto("/search?" + urlencode({"q": HOSTILE_NAME}))
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("header input[name=q]").input_value() == HOSTILE_NAME
    assert page.locator("#hits a", has_text="O'Brien").count() == 1

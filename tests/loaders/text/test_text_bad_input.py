"""Bad input: unclosed quotes, huge sentences, other scripts, HTML, hostile names, broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.loader import TextLoader
from armsgraph.schema.errors import LoaderFailure

META = {"title": "t", "publisher": "Test Wire", "date": "2023-07-07"}


def article(tmp_path: Path, text: str | bytes, name: str = "a.txt", meta: dict[str, str] | None = META) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if meta is not None:
        path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_quote_that_never_closes_is_read_to_the_paragraph_end_and_reported(tmp_path: Path) -> None:
    path = article(tmp_path, "Antonov said: “This will never end well for Washington.\n\nUkraine received F-16s.\n")
    x = TextLoader().extract(path)[0]
    assert any("unclosed quotation" in w for w in x.warnings)
    # the runaway quote does not swallow the next paragraph
    assert all("F-16s" not in c.text for c in x.claims)
    batch = next(TextLoader().read(path))
    assert any(e.field == "text" and "unclosed" in e.reason and e.line == 1 for e in batch.errors)


def test_a_5000_word_sentence_is_not_read_for_transfers(tmp_path: Path) -> None:
    words = " ".join(["the United States will send Patriot systems to Ukraine and"] * 500)
    path = article(tmp_path, words + " more.\n")
    x = TextLoader().extract(path)[0]  # its cost by size: bench/bench_text_scaling.py
    assert {"country:USA", "country:UKR"} <= {e.id for e in x.entities}
    assert any("not read for transfers" in w for w in x.warnings)
    assert x.transfers == []  # no sentence-level rule runs on a run-on sentence: nothing asserted from it


def test_other_languages_and_scripts(tmp_path: Path) -> None:
    text = ("Уряд Німеччини вирішив передати Україні ще чотири самохідні артилерійські системи.\n"
            "德国政府决定向乌克兰提供防空系统。\n"
            "وقالت الحكومة إنها سترسل أنظمة دفاع جوي\n"
            "Germany will send a Patriot system to Ukraine.\n")
    x = TextLoader().extract(article(tmp_path, text))[0]
    assert [(t.supplier, t.recipient, t.weapon) for t in x.transfers] == [
        ("country:DEU", "country:UKR", "weapon:patriot")]
    ukrainian = article(tmp_path, text.splitlines()[0] + "\n", name="uk.txt", meta={**META, "language": "uk"})
    y = TextLoader().extract(ukrainian)[0]
    assert y.transfers == [] and any("language 'uk'" in w for w in y.warnings)


def test_html_left_in_the_text_is_ignored_but_offsets_stay(tmp_path: Path) -> None:
    raw = ('<p>The <b>United States</b> will send <a href="x">HIMARS</a> to Ukraine.</p>'
           "<script>var x = 'Russia';</script>\n")
    path = article(tmp_path, raw)
    x = TextLoader().extract(path)[0]
    assert [(t.supplier, t.recipient, t.weapon) for t in x.transfers] == [
        ("country:USA", "country:UKR", "weapon:himars")]
    for entity in x.entities:
        for m in entity.mentions:
            assert raw[m.start : m.end] == m.text


def test_name_with_cypher_syntax_is_stored_as_text(store: FalkorStore, tmp_path: Path) -> None:
    hostile = "Secretary-General Robert'}) DETACH DELETE n // Smith"
    path = article(tmp_path, f"UN {hostile} said that Russia will send S-300 systems to Syria.\n")
    report = load_paths(store, [path], loader_name="text")
    assert not report.failed, report.errors
    assert store.run("MATCH (c:Country) RETURN count(c)").scalar() >= 2
    rows = store.run("MATCH (s)-[:SUPPLIED]->(t)-[:TO]->(r) RETURN s.id, r.id").rows
    assert [tuple(r) for r in rows] == [("country:RUS", "country:SYR")]
    claims = store.run("MATCH (c:Claim) RETURN c.text").rows
    assert claims and "S-300" in claims[0][0]


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"", "empty file"), (b"   \n\n", "empty file")],
)
def test_empty_files_fail_with_the_file_name(tmp_path: Path, content: bytes, needle: str) -> None:
    path = article(tmp_path, content)
    with pytest.raises(LoaderFailure) as info:
        TextLoader().extract(path)
    assert needle in str(info.value) and "a.txt" in str(info.value)


def test_failed_document_leaves_nothing_behind(store: FalkorStore, tmp_path: Path) -> None:
    good = article(tmp_path, "Germany will send a Patriot system to Ukraine.\n", name="good.txt")
    bad = article(tmp_path, "text", name="bad.txt", meta=None)
    bad.with_suffix(".meta.json").write_text('{"date": "31 Feb 2009"}', encoding="utf-8")
    report = load_paths(store, [good, bad], loader_name="text")
    assert report.failed and any(e.file == "bad.txt" for e in report.errors)
    assert store.run("MATCH (d:Document) RETURN count(d)").scalar() == 1


def test_non_utf8_and_missing_date(tmp_path: Path) -> None:
    text = "The Ministère said France will deliver CAESAR howitzers to Ukraine on Friday.\n"
    path = article(tmp_path, text.encode("cp1252"), meta=None)
    x = TextLoader().extract(path)[0]
    assert x.document.get("date") is None and x.document.get("encoding") != "utf_8"
    transfers = [(t.supplier, t.recipient, t.weapon, t.date) for t in x.transfers]
    assert transfers == [("country:FRA", "country:UKR", "weapon:caesar-155mm", None)]  # no document date: no date


def test_negated_hypothetical_and_deployment_are_not_transfers() -> None:
    text = ("Sweden does not intend to supply Ukraine with its Gripen fighters.\n"
            "If Congress acts, the United States could send ATACMS to Ukraine.\n"
            "To ensure the security of Slovakia, the United States will reposition a U.S. Patriot missile system "
            "to Slovakia.\n"
            "Russia has been using cluster munitions and Iskander missiles against Ukraine.\n")
    x = extract_text(text, {"date": "2022-04-08"})
    assert x.transfers == []


def test_long_document_in_pieces_is_read_whole(tmp_path: Path, shared_data: Path) -> None:
    body = (shared_data / "statements").glob("2023-07-07-*.txt")
    text = next(body).read_text(encoding="utf-8")
    once = extract_text(text, {"date": "2023-07-07", "publisher": "The White House"})
    five = extract_text(text * 5, {"date": "2023-07-07", "publisher": "The White House"})
    # every piece is read: each mention comes back five times (cost by size: bench/bench_text_scaling.py)
    mentions = sum(len(e.mentions) for e in once.entities)
    assert mentions > 0 and sum(len(e.mentions) for e in five.entities) == 5 * mentions
    assert max(m.end for e in five.entities for m in e.mentions) > 4 * len(text)


def test_front_matter_without_body_and_oversized_files(tmp_path: Path) -> None:
    path = article(tmp_path, "---\ntitle: Only metadata\ndate: 2024-01-01\n---\n\n", name="note.md", meta=None)
    with pytest.raises(LoaderFailure) as info:
        TextLoader().extract(path)
    assert "no text after the front matter" in str(info.value) and "note.md" in str(info.value)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(20_000_001)
    with pytest.raises(LoaderFailure) as info:
        TextLoader().extract(big)
    assert "over the" in str(info.value) and "big.txt" in str(info.value)


def test_front_matter_offsets_point_into_the_file(tmp_path: Path) -> None:
    text = ("---\ntitle: Patriots\npublisher: Test Wire\ndate: 2024-04-13\n---\n"
            "Germany will send Patriot systems to Ukraine.\n")
    path = article(tmp_path, text, name="fm.md", meta=None)
    x = TextLoader().extract(path)[0]
    assert x.document["date"] == "2024-04-13"
    evidence = x.transfers[0].evidence
    assert text[evidence.start : evidence.end] == "Germany will send Patriot systems to Ukraine."


def test_a_million_characters_in_short_lines_is_read(tmp_path: Path) -> None:
    line = "Germany will send Patriot systems to Ukraine, officials in Berlin said.\n"
    path = article(tmp_path, line * 16_000, name="long.txt")  # 1.1 million characters, 16,000 line breaks
    x = TextLoader().extract(path)[0]  # its cost by size: bench/bench_text_scaling.py
    assert [(t.supplier, t.recipient, t.weapon) for t in x.transfers] == [
        ("country:DEU", "country:UKR", "weapon:patriot")]

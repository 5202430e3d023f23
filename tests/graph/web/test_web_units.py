"""The web view's parts that need no store: highlight segments, link safety, loopback checks, the judgement
writer both the CLI and the review page use, the review queue registry, and where cytoscape.js is found."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from armsgraph.graph.cli import main
from armsgraph.graph.cli import serve as serve_cli
from armsgraph.graph.cli.serve import is_loopback
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.graph.web import assets, markup
from armsgraph.graph.web.app import safe_url
from armsgraph.graph.web.document import Fact, SourceFiles, find_file, segments
from armsgraph.graph.web.review import QUEUES, NameQueue, Where
from armsgraph.loaders.resolve import JUDGEMENTS_ENV, Resolver
from armsgraph.loaders.resolve.record import COLUMNS, record_judgement, recorded_judgements
from armsgraph.loaders.resolve.review import ReviewList
from armsgraph.schema.errors import UserError


def fact(i: int, start: int, end: int, kind: str = "Country") -> Fact:
    return Fact(i, kind, start, end, f"fact {i}", "#000000")


def test_segments_cover_the_text_once_and_nest_overlapping_facts_longest_first() -> None:
    text = "The US will send DPICM to Ukraine. Fine."
    facts = [fact(0, 4, 6), fact(1, 0, 34, "Transfer"), fact(2, 17, 22, "WeaponSystem"), fact(3, 26, 40, "Claim")]
    parts = segments(text, facts)
    assert "".join(p.text for p in parts) == text
    for part in parts:
        lengths = [f.end - f.start for f in part.facts]
        assert lengths == sorted(lengths, reverse=True)
    covered = {f.id: "".join(p.text for p in parts if f in p.facts) for f in facts}
    assert covered == {0: "US", 1: text[:34], 2: "DPICM", 3: text[26:40]}
    assert segments("", []) == []


def test_only_http_links_are_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "vbscript:x", "/relative",
                "http://a b", None, ""):
        assert safe_url(bad) == "", bad


def test_cells_escape_every_value_and_link_only_ids() -> None:
    """The Python cells do what the Jinja2 macros did under autoescape: text is text, an id is a link, a list is
    a list, a number has separators, None is nothing."""
    hostile = "<script>alert('x')</script> \"O'Brien\" & co"
    html = str(markup.value([hostile, "country:UKR", 1234.0, None, {"k": "<b>"}, ["javascript:x"]]))
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html and "&#34;O&#39;Brien" in html
    assert '<a href="/entity/country:UKR" class="id">country:UKR</a>' in html
    assert "<li>1,234</li>" in html and "<li></li>" in html
    assert '<ul class="cell-list"><li>javascript:x</li></ul>' in html
    assert str(markup.value(None)) == "" and str(markup.value(0.5)) == "0.50"
    badge = str(markup.badge("<Country>"))
    assert "&lt;Country&gt;" in badge and "<Country>" not in badge
    table = str(markup.records([{"a": hostile, "b": "doc:1"}], ["b", "a"]))
    assert table.index("<th>b</th>") < table.index("<th>a</th>") and 'href="/document/doc:1"' in table
    assert "<script>" not in table and str(markup.table(["x"], [])).count("<tr>") == 1


def test_loopback_hosts() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.2", "example.org", "::"))


def test_a_judgement_is_written_as_resolve_judge_writes_it_and_replayed(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The review page's writer is the CLI's: one file, one header, the same columns, read back by the resolver."""
    monkeypatch.delenv(JUDGEMENTS_ENV, raising=False)
    data_dir = tmp_path / "data"
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "resolve", "judge", "Ukriane", "--is",
                                       "country:UKR", "--context", "treaty", "--note", "cli"])
    assert result.exit_code == 0, result.output
    path = data_dir / "judgements.csv"
    record_judgement(path, "Freedonia", "is-not", "country:UKR", None, "web")
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == list(COLUMNS) and len(rows) == 3
    assert rows[1][:4] == ["Ukriane", "is", "country:UKR", "treaty"] and rows[2][:4] == ["Freedonia", "is-not",
                                                                                          "country:UKR", ""]
    assert [r.note for r in recorded_judgements(path)] == ["cli", "web"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    resolver = Resolver(judgements=[path])
    assert resolver.resolve("Ukriane", "treaty", record=False).entity_id == "country:UKR"
    with pytest.raises(UserError):
        record_judgement(path, "x", "maybe", "country:UKR")


def test_the_name_queue_lists_the_review_file_and_records_through_the_shared_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JUDGEMENTS_ENV, raising=False)
    review = ReviewList()
    review.record("Ruritania", "unresolved", "treaty", entity_id=None, candidates=[], where="p.csv:2")
    review.flush(tmp_path)
    queue = QUEUES["names"]
    assert isinstance(queue, NameQueue)
    [row] = queue.rows(Where(tmp_path), 10)
    assert (row.key, row.cells["where"], row.context, row.decided) == ("Ruritania", "p.csv:2", "treaty", [])
    done = queue.judge(Where(tmp_path), "Ruritania", "reject", "country:AUT", "treaty", "")
    assert "is not country:AUT" in done
    [row] = queue.rows(Where(tmp_path), 10)
    assert row.decided and row.decided[0].startswith("is not country:AUT in treaty")
    with pytest.raises(UserError):
        queue.judge(Where(tmp_path), "Ruritania", "accept", "Atlantis", "treaty", "")
    assert queue.available(Where(None)) is not None and queue.rows(Where(None), 10) == []


def test_a_documents_text_is_found_only_with_its_content(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    good = tmp_path / "a" / "doc.txt"
    good.write_text("the loaded text", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("an edited copy", encoding="utf-8")
    sha = hashlib.sha256(good.read_bytes()).hexdigest()
    assert find_file([tmp_path], "doc.txt", sha) == good
    assert find_file([tmp_path], "doc.txt", "0" * 64) is None
    assert find_file([tmp_path], "../doc.txt", sha) is None


def test_source_files_are_found_once_and_found_again_when_they_change(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    files = SourceFiles([tmp_path])
    assert files.find("table.csv", sha) == path and files.lines(path, sha) == ["a,b", "1,2", "3,4"]
    moved = tmp_path / "sub"
    moved.mkdir()
    path.rename(moved / "table.csv")  # kept path gone: the folders are searched again
    assert files.find("table.csv", sha) == moved / "table.csv"
    (moved / "table.csv").write_text("a,b\n9,9\n", encoding="utf-8")  # edited: no longer the loaded file
    assert files.find("table.csv", sha) is None
    assert files.find("other.csv", sha) is None and files.find("../table.csv", sha) is None


def test_cytoscape_is_found_vendored_or_in_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "VENDORED", tmp_path / "none.js")
    (tmp_path / "node_modules" / "cytoscape" / "dist").mkdir(parents=True)
    found = tmp_path / assets.NODE_MODULES
    found.write_text("// cytoscape", encoding="utf-8")
    assert assets.cytoscape_path(tmp_path / "graph" / "web") == found
    assert assets.cytoscape_path(Path("/")) is None


@pytest.mark.store
def test_serve_prints_the_url_it_serves_and_stops_on_sigint(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    data_dir = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "armsgraph.graph", "--data-dir", str(data_dir), "serve",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, line + (proc.stderr.read() if proc.poll() is not None else "")
        url = line[line.index("http://"):].split()[0]
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url + "api/names?kind=country&q=x", timeout=5) as answer:
                    assert json.loads(answer.read()) == []  # an empty graph: nothing to suggest
                    break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        proc.send_signal(2)
        try:
            proc.wait(timeout=15)
        finally:
            if proc.poll() is None:
                proc.kill()
        subprocess.run([sys.executable, "-m", "armsgraph.graph", "--data-dir", str(data_dir), "db", "stop"],
                       env=env, capture_output=True, timeout=60, check=False)


@pytest.mark.store
def test_serve_warns_before_listening_anywhere_but_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(host: str, port: int) -> None:
        raise click.UsageError(f"not listening on {host} in a test")

    monkeypatch.setattr(serve_cli, "bind", refuse)
    data_dir = tmp_path / "data"
    try:
        result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "serve", "--host", "0.0.0.0", "--port", "0"],
                                    env={"NEO4J_URI": ""})
        assert result.exit_code == 2 and "not listening on 0.0.0.0" in result.output
        assert "warning: listening on 0.0.0.0, not on loopback" in result.output
        quiet = CliRunner().invoke(main, ["--data-dir", str(data_dir), "serve", "--port", "0"], env={"NEO4J_URI": ""})
        assert "not listening on 127.0.0.1" in quiet.output and "warning" not in quiet.output
    finally:
        EmbeddedServer(data_dir).stop()

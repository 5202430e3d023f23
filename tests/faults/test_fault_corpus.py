"""Every file of the malformed-file corpus (fault_corpus.py), through ``load_paths`` on the real engine and, all
at once, through the CLI: no internal error, every problem names its file and line (and field where known),
every good record beside a bad one loads, and a refused file leaves nothing visible."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from fault_corpus import Case, cases, write_corpus

from armsgraph.graph.cli.main import main
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer

CASES = cases()


def test_the_corpus_is_large_and_covers_every_loader() -> None:
    assert len(CASES) >= 100
    assert {c.loader for c in CASES} >= {"curated", "document", "text", "sipri", "treaty-table", "regime-table"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_malformed_file(case: Case, store: FalkorStore, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data)
    with caplog.at_level(logging.ERROR):
        report = load_paths(store, [path], loader_name=case.loader)
    assert report.internal_errors == [], report.internal_errors
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    for error in report.errors:
        assert error.file == case.name, error
        assert "internal error" not in error.reason and "Traceback" not in error.reason, error
        if not case.whole:
            assert error.line is not None, f"no line: {error}"
    documents = store.run("MATCH (d:Document {path: $p}) RETURN count(d)", {"p": case.name}).scalar()
    if case.whole:
        assert report.failed, "a refused file must be reported"
        assert documents == 0, "a refused document must leave nothing visible"
        assert store.run("MATCH (n) RETURN count(n)").scalar() == 0
        return
    assert not any("document not loaded" in e.reason for e in report.errors), report.errors
    for query, params in case.good:
        assert store.run(query, params).scalar() >= 1, f"good record missing: {query} {params}\n{report.errors}"
    if case.bad_line is not None:
        at_line = [e for e in report.errors if e.line == case.bad_line]
        assert at_line, f"nothing reported at line {case.bad_line}: {[str(e) for e in report.errors]}"
        if case.fields:
            assert any(e.field in case.fields for e in at_line), [str(e) for e in at_line]


@pytest.mark.store
def test_the_whole_corpus_through_the_cli(tmp_path: Path) -> None:
    """One directory of every fault, sniffed (no --loader): exit 1, never 3, and every error in --errors FILE."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    data_dir = tmp_path / "data"
    errors = tmp_path / "errors.txt"
    try:
        result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "load", str(corpus), "--errors", str(errors)],
                                    env={"NEO4J_URI": ""})
    finally:
        EmbeddedServer(data_dir).stop()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = errors.read_text(encoding="utf-8").splitlines()
    assert lines and all(Path(line.split(":", 1)[0]).name in {c.name for c in CASES} for line in lines), lines[:5]

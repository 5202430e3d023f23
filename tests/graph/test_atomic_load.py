"""A store that fails mid-load: the document is reported failed, hidden from the catalogue, rolled back next time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from armsgraph.graph.catalogue import get_query
from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.cli import main
from armsgraph.graph.load import LoadReport, _load_file, load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.graph.writer import Writer
from armsgraph.loaders.base import pick
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import CatalogueError, StoreError

CLASSIC = "sipri/classic-trade-register-2025-03.excerpt.csv"
RESAVED = "sipri/classic-trade-register-resaved.excerpt.csv"
TRANSFERS = "sipri/transfers-2025-01.excerpt.csv"

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("top-suppliers-of-recipient", {"recipient": "UKR"}),
    ("top-suppliers-of-recipient", {"recipient": "IND", "limit": "100"}),
    ("recipients-of-supplier", {"supplier": "USA", "limit": "300"}),
    ("recipients-of-supplier", {"supplier": "RUS", "limit": "300"}),
    ("open-deals", {"limit": "5000"}),
    ("category-transfers-to-country", {"recipient": "UKR", "category": "armoured-vehicles"}),
]
"""Catalogue queries over transfers: what a half-written SIPRI document would change."""

PENDING = ("MATCH (n) WHERE n.pending IS NOT NULL RETURN count(n)",
           "MATCH ()-[r]->() WHERE r.pending IS NOT NULL RETURN count(r)")


def answers(store: FalkorStore) -> list[list[str]]:
    """Each query's rows, order-free (ties and collect() order may differ between two equal graphs)."""
    def cell(value: Any) -> Any:
        if isinstance(value, float):  # sums in another order
            return round(value, 6)
        return sorted(map(repr, value)) if isinstance(value, list) else value
    def rows(name: str, params: dict[str, str]) -> list[str]:
        try:
            return sorted(repr([cell(v) for v in row]) for row in get_query(name).run(store, params).rows)
        except CatalogueError as exc:  # nothing the catalogue can see is named so: as good as no rows
            return [f"no entity: {exc}"]
    return [rows(name, params) for name, params in QUERIES]


def pending(store: FalkorStore) -> tuple[int, int]:
    nodes, edges = (store.run(q).scalar() or 0 for q in PENDING)  # type: ignore[arg-type]
    return nodes, edges


def generated_classic(shared_data: Path, path: Path, copies: int) -> Path:
    """A classic export of ``copies`` x the excerpt's one-line deals, each copy with its own designations:
    the same countries, so every catalogue query over transfers would show a half-written copy."""
    lines = (shared_data / CLASSIC).read_bytes().split(b"\n")
    header_at = next(i for i, line in enumerate(lines) if line.startswith(b"Recipient,Supplier"))
    deals = [line.split(b",") for line in lines[header_at + 1:] if line.count(b",") == 15]
    out = lines[: header_at + 1]
    for copy in range(copies):
        for fields in deals:
            out.append(b",".join([*fields[:6], fields[6].rstrip() + b" G%d" % copy, *fields[7:]]))
    path.write_bytes(b"\n".join(out) + b"\n")
    return path


class DiskFullWriter(Writer):
    """Every fact written, then the store refuses writes: the commit and the rollback both fail."""

    def write(self, batch: Batch, progress: object = None) -> Any:  # type: ignore[override]
        super().write(batch)
        raise StoreError("MISCONF Errors writing to the AOF file: No space left on device")

    def rollback(self, document_id: str, loader: str) -> None:
        raise StoreError("MISCONF Errors writing to the AOF file: No space left on device")


def test_a_failed_rollback_still_fails_the_document_and_hides_it(store: FalkorStore, shared_data: Path) -> None:
    empty = answers(store)
    path = shared_data / CLASSIC
    report = LoadReport()
    _load_file(DiskFullWriter(store), pick(path, None, None), path, False, report, None)
    [row] = report.documents
    assert report.failed and row.errors >= 1 and row.facts == 0 and not row.skipped
    assert "document not loaded" in row.note and "rolling it back failed too" in row.note
    assert store.run("MATCH (r:Report) RETURN count(r)").scalar() > 1000  # half-written, really there
    assert pending(store)[0] > 1000
    assert answers(store) == empty  # ... and invisible to the catalogue

    notes: list[str] = []
    load_paths(store, [shared_data / TRANSFERS], note=notes.append)  # any next load recovers it first
    assert any("rolling back" in n for n in notes)
    clean = FalkorStore(store.server, store.graph_name + "_clean")
    try:
        clean.clear()
        load_paths(clean, [shared_data / TRANSFERS])
        assert counts_dict(store) == counts_dict(clean)
        assert answers(store) == answers(clean)
        assert pending(store) == (0, 0)
    finally:
        clean.clear()
        clean.close()


def test_a_loaded_document_leaves_no_pending_mark(store: FalkorStore, shared_data: Path) -> None:
    report = load_paths(store, [shared_data / CLASSIC, shared_data / TRANSFERS])
    assert not any(d.errors for d in report.documents)
    assert pending(store) == (0, 0)
    assert answers(store)[0]  # the catalogue sees it


def _summary(stdout: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(stdout)
    return rows


@pytest.mark.store
def test_kill_9_mid_sipri_load_fails_hides_and_recovers(tmp_path: Path, shared_data: Path) -> None:
    """kill -9 of the server while a SIPRI classic file is written: the row says failed, exit non-zero; after
    a restart the catalogue answers as before that load; the next load rolls it back and equals a clean load."""
    data = tmp_path / "data"
    source = generated_classic(shared_data, tmp_path / "generated-classic.csv", 5)
    env = {**os.environ, "ARMSGRAPH_DATA_DIR": str(data), "NEO4J_URI": ""}
    cli = [sys.executable, "-m", "armsgraph.graph", "load", "--loader", "sipri", "--batch-size", "200",
           "--format", "json", str(source)]
    server = EmbeddedServer(data)
    try:
        server.start()
        store = FalkorStore(server)
        assert not load_paths(store, [shared_data / CLASSIC]).failed
        before = answers(store)
        proc = subprocess.Popen(cli, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 90
        seen = 0
        while time.monotonic() < deadline and proc.poll() is None:
            seen = store.run("MATCH (r:Report) WHERE r.pending IS NOT NULL RETURN count(r)").scalar() or 0
            if seen >= 1500:
                break
            time.sleep(0.02)
        assert seen >= 1500, "the load ended before it could be interrupted"
        pid = server.status().pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=60)
        store.close()
        assert proc.returncode not in (0, None) and "Traceback" not in stderr
        [row] = [r for r in _summary(stdout) if Path(r["file"]).name == source.name]
        assert row["errors"] >= 1 and row["facts"] == 0 and "not loaded" in row["note"], row

        server.start()  # the half-written document is on disk ...
        store = FalkorStore(server)
        assert store.run("MATCH (r:Report) RETURN count(r)").scalar() > 2000 + 1000 // 2
        assert answers(store) == before  # ... and no catalogue query shows any of it

        rerun = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=180, check=False)
        assert rerun.returncode == 0, rerun.stderr
        assert "rolling back" in rerun.stderr
        crashed = counts_dict(store)

        clean = FalkorStore(server, "clean")
        assert not load_paths(clean, [shared_data / CLASSIC, source]).failed
        assert crashed == counts_dict(clean)
        assert answers(store) == answers(clean) != before
        assert pending(store) == (0, 0)
        store.close()
        clean.close()
    finally:
        server.stop()


@pytest.mark.store
def test_the_next_command_rolls_back_a_crashed_load(tmp_path: Path, shared_data: Path) -> None:
    """A document a crash left 'loading' is gone at the next command (db start, stats, a query), not only at
    the next load: nothing half-written waits on disk for someone to load again."""
    data = tmp_path / "data"
    server = EmbeddedServer(data)
    server.start()
    store = FalkorStore(server, graph_name="armsgraph")
    assert not load_paths(store, [shared_data / TRANSFERS]).failed
    before = counts_dict(store)
    writer = Writer(store)
    batch = next(pick(shared_data / CLASSIC).read(shared_data / CLASSIC))
    writer.begin(batch.document, batch.loader)
    writer.write(batch)  # ... and the process dies before commit: the document stays 'loading'
    assert writer.unfinished() and store.run("MATCH (n) WHERE n.pending IS NOT NULL RETURN count(n)").scalar()
    store.close()
    for args in (["db", "start"], ["stats", "--format", "json"]):
        result = CliRunner().invoke(main, ["--data-dir", str(data), *args])
        assert result.exit_code == 0, result.output
    store = FalkorStore(server, graph_name="armsgraph")
    try:
        assert not Writer(store).unfinished()
        assert pending(store) == (0, 0) and counts_dict(store) == before
    finally:
        store.close()
        server.stop()

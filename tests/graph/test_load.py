"""Loading is atomic per document and survives a crash of the store mid-load."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import DocumentLoad, LoadReport, _load_file, load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.graph.writer import Writer
from armsgraph.loaders.curated.loader import CuratedLoader
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "seed-entities.jsonl"


def generated_entities(path: Path, count: int) -> Path:
    """A curated file of ``count`` people with positions in one organisation (two relations each)."""
    lines = [json.dumps({"type": "Organization", "key": "gen-org", "name": "Generated", "source": "bench"})]
    for i in range(count):
        lines.append(json.dumps({"type": "Person", "name": f"Person {i}", "source": "generated"}))
        lines.append(json.dumps({"type": "Position", "title": f"Officer {i % 50}", "person": f"person:person-{i}",
                                 "of": "org:gen-org", "source": "generated"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class ExplodingWriter(Writer):
    """Fails after every fact of the document was written, before it is marked loaded."""

    def write(self, batch: Batch, progress: object = None) -> object:  # type: ignore[override]
        super().write(batch)
        raise RuntimeError("disk full")


EVIDENCE = "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.documents, r.evidence ORDER BY a.id, type(r), b.id"


def test_a_failing_document_leaves_nothing_behind(store: FalkorStore) -> None:
    load_paths(store, [SEED])
    before = counts_dict(store)
    evidence_before = store.run(EVIDENCE).rows
    [batch] = list(CuratedLoader().read(SEED))
    # a second, different document that shares nodes with the first one
    batch.document = batch.document.model_copy(update={"id": "doc:" + "f" * 24, "sha256": "f" * 64,
                                                       "path": "other.jsonl"})
    for rec in batch.nodes:
        rec.provenance = rec.provenance.model_copy(update={"document_id": batch.document.id})
    for rel in batch.relations:
        rel.provenance = rel.provenance.model_copy(update={"document_id": batch.document.id})
    report = LoadReport()
    load = DocumentLoad(ExplodingWriter(store), batch, Path("other.jsonl"), False, report, None)
    load.add(batch)
    row = load.finish()
    assert row.errors == 1 and "nothing written" in report.errors[0].reason
    assert counts_dict(store) == before  # shared nodes kept, the failed document's edges and node gone
    assert store.run("MATCH (d:Document {id: $id}) RETURN count(d)", {"id": batch.document.id}).scalar() == 0
    assert store.run(EVIDENCE).rows == evidence_before  # shared relationships lost only the failed evidence


@pytest.mark.store
def test_kill_9_of_the_server_mid_load_then_rerun(tmp_path: Path) -> None:
    data = tmp_path / "data"
    source = generated_entities(tmp_path / "people.jsonl", 6000)
    env = {**os.environ, "ARMSGRAPH_DATA_DIR": str(data), "NEO4J_URI": ""}
    cli = [sys.executable, "-m", "armsgraph.graph", "load", str(source), "--batch-size", "100"]
    server = EmbeddedServer(data)
    try:
        server.start()
        store = FalkorStore(server)
        proc = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            count = store.run("MATCH (p:Person) RETURN count(p)").scalar() or 0
            if count >= 500:
                break
            time.sleep(0.02)
        pid = server.status().pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode != 0 and "Traceback" not in stderr
        store.close()

        rerun = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert rerun.returncode == 0, rerun.stderr
        store = FalkorStore(server)
        crashed = counts_dict(store)

        clean = FalkorStore(server, "clean")
        assert not load_paths(clean, [source]).failed
        assert crashed == counts_dict(clean)
        assert crashed["label:Person"] == 6000
        store.close()
        clean.close()
    finally:
        server.stop()


class SplittingLoader(CuratedLoader):
    """Yields one document as several batches, then fails part-way (a truncated stream)."""

    name = "curated"

    def __init__(self, fail: bool) -> None:
        self.fail = fail

    def read(self, path: Path) -> Iterator[Batch]:
        [whole] = list(super().read(path))
        half = len(whole.nodes) // 2
        yield whole.model_copy(update={"nodes": whole.nodes[:half], "relations": []})
        if self.fail:
            raise LoaderFailure(LoadError(file=path.name, line=99, reason="truncated"))
        yield whole.model_copy(update={"nodes": whole.nodes[half:], "records_read": 0})


def test_a_document_in_several_batches_is_one_atomic_load(store: FalkorStore) -> None:
    writer = Writer(store)
    report = LoadReport()
    _load_file(writer, SplittingLoader(fail=True), SEED, False, report, None)
    assert report.failed and store.run("MATCH (n) RETURN count(n)").scalar() == 0
    report = LoadReport()
    _load_file(writer, SplittingLoader(fail=False), SEED, False, report, None)
    assert not report.failed
    split = counts_dict(store)
    whole = FalkorStore(store.server, store.graph_name + "_whole")
    try:
        load_paths(whole, [SEED])
        assert counts_dict(whole) == split
    finally:
        whole.clear()
        whole.close()

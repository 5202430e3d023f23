"""Parallel loads into one data dir take turns per document: no duplicate relationship, the graph of one load."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.graph.store.lock import WriterLock

ROUNDS = 10
LOADS = 4
TYPES = ("SUPPLIED", "TO", "OF", "IN_CATEGORY", "SOURCED_FROM")


def duplicates(store: FalkorStore, rel_type: str) -> int:
    """Pairs of nodes joined by more than one ``rel_type`` edge (SOURCED_FROM: one per node and document), and
    provenance edges holding a place twice."""
    twice = 0
    if rel_type == "SOURCED_FROM":
        twice = store.run("MATCH ()-[r:SOURCED_FROM]->() UNWIND r.evidence AS e WITH r, e, count(*) AS n "
                          "WHERE n > 1 RETURN count(*)").scalar() or 0
    return twice + (store.run(
        f"MATCH (a)-[r:{rel_type}]->(b) WITH a, b, count(r) AS n WHERE n > 1 RETURN count(*)"  # type: ignore[arg-type]
    ).scalar() or 0)


@pytest.mark.store
def test_four_parallel_loads_of_the_sipri_excerpts_repeated(tmp_path: Path, shared_data: Path) -> None:
    data = tmp_path / "data"
    sipri = shared_data / "sipri"
    server = EmbeddedServer(data)
    try:
        server.start()
        clean = FalkorStore(server, "clean")
        assert not any(d.errors for d in load_paths(clean, [sipri]).documents)
        expected = counts_dict(clean)
        assert all(duplicates(clean, t) == 0 for t in TYPES)
        started = time.monotonic()
        for round_ in range(ROUNDS):
            env = {**os.environ, "ARMSGRAPH_DATA_DIR": str(data), "NEO4J_URI": "", "NEO4J_DATABASE": f"r{round_}"}
            procs = [subprocess.Popen([sys.executable, "-m", "armsgraph.graph", "load", "--format", "json", str(sipri)],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(LOADS)]
            outcomes = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
            assert [code for code, _ in outcomes] == [0] * LOADS, outcomes
            store = FalkorStore(server, f"r{round_}")
            assert {t: duplicates(store, t) for t in TYPES} == dict.fromkeys(TYPES, 0), f"round {round_}"
            assert counts_dict(store) == expected, f"round {round_}"
            store.close()
        print(f"{ROUNDS} rounds of {LOADS} parallel loads in {time.monotonic() - started:.1f}s")
        server.stop()
        server.start()  # what is served is what is on disk
        for round_ in range(ROUNDS):
            store = FalkorStore(server, f"r{round_}")
            assert counts_dict(store) == expected, f"round {round_} after a restart"
            store.close()
        clean.close()
    finally:
        server.stop()


def test_a_load_waits_for_the_lock_and_says_for_whom(store: FalkorStore) -> None:
    """The writer lock is per data dir and exclusive across processes; a waiting load says who holds it."""
    notes: list[str] = []
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore\n"
        "from armsgraph.graph.store.lock import WriterLock\n"
        "store = FalkorStore(EmbeddedServer(Path(sys.argv[1])))\n"
        "with WriterLock(store).held():\n"
        "    print('held', flush=True)\n"
        "    time.sleep(1.0)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(store.server.data_dir)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with WriterLock(store, notes.append).held():
            waited = time.monotonic() - started
        assert waited > 0.3
        assert notes == [f"waiting for another load (pid {holder.pid}) to finish its document"]
    finally:
        holder.wait(timeout=10)

"""Export at scale: time and peak memory of each format for a generated SIPRI register, one run.

    .venv/bin/python bench/bench_export.py [--deals 42000]

A classic-format export of ``--deals`` generated deals (bench_sipri's generator: the size of SIPRI's full
register by default) is loaded into a fresh embedded store; then each format is written by a fresh process,
whose peak RSS is read from the OS (the export streams: memory should stay flat as the graph grows). The
baseline row is the same process reading every node page and doing nothing with it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_sipri import generate
from rich.console import Console
from rich.table import Table

from armsgraph.graph.export import EXPORT_FORMATS, export
from armsgraph.graph.export.read import GraphReader
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore


def _run(fmt: str, data_dir: str, out: str, queue: Any) -> None:
    server = EmbeddedServer(Path(data_dir))
    store = FalkorStore(server, graph_name="bench")
    started = time.perf_counter()
    if fmt == "read only":
        count = sum(1 for _ in GraphReader(store, None).nodes())
    else:
        count = export(store, fmt, Path(out) / fmt).nodes
    seconds = time.perf_counter() - started
    queue.put((seconds, count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deals", type=int, default=42_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        root = Path(tmp)
        source = root / f"classic-{args.deals}.csv"
        generate(source, args.deals)
        server = EmbeddedServer(root / "data")
        server.start()
        try:
            store = FalkorStore(server, graph_name="bench")
            load_paths(store, [source], note=None)
            store.close()
            table = Table(title=f"export of a {args.deals:,}-deal register (fresh process per format)")
            for column in ("format", "nodes", "seconds", "time vs read-only", "peak RSS MB"):
                table.add_column(column, justify="left" if column == "format" else "right")
            ctx = multiprocessing.get_context("spawn")
            base: float | None = None
            for fmt in ("read only", *EXPORT_FORMATS):
                queue = ctx.Queue()
                proc = ctx.Process(target=_run, args=(fmt, str(root / "data"), str(root / "out"), queue))
                proc.start()
                seconds, count, rss = queue.get()
                proc.join()
                base = base or seconds
                table.add_row(fmt, f"{count:,}", f"{seconds:.2f}", f"{seconds / base:.2f}", f"{rss:.0f}")
            Console().print(table)
        finally:
            server.stop()


if __name__ == "__main__":
    main()

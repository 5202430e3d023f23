"""A timeline of one bulk load: which process does what when, and how busy each is (issue 16, the critical path).

    .venv/bin/python bench/bench_timeline.py [--size 30000] [--workers 2] [--keep DIR] [--step 0.1] [--former DIR]

A CPU profile of the bulk path is flat (nothing above 5-8%), so this looks at the wall clock instead: a generated
classic register (``bench_sipri.generate``) is bulk-loaded into a fresh embedded server, in a fresh process, while
a thread samples every 20 ms the CPU seconds (``/proc/PID/stat``) of the loading process, each process it forked
(the read and resolve workers) and the server with its forked children (an append-only file rewrite). The bulk
path's steps are wrapped (module attributes replaced before any fork, so the workers run the wrapped ones too) and
each call's start and end is written down with its process. The report: each step with its wall seconds and the
CPU each process spent meanwhile, then the whole load cut into ``--step`` second slices with each process's share
of a core in each: where a core idles while another works is where the wall clock can still be cut.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from queue import Empty
from typing import Any

from bench_sipri import descendants, generate, use_package

TICK = os.sysconf("SC_CLK_TCK")
SAMPLE = 0.02
"""Seconds between samples (the kernel counts CPU in 1/``TICK`` s, 10 ms here)."""

STEPS = (  # (module, attribute, name shown); "Class.method" wraps a method
    ("armsgraph.graph.bulk", "read_graph", "read (read_graph)"),
    ("armsgraph.graph.bulk", "_refuse_unless_empty", "empty check"),
    ("armsgraph.graph.bulk_read", "plan", "range plan"),
    ("armsgraph.graph.bulk_read", "_read_range", "worker: parse a range"),
    ("armsgraph.graph.bulk_read", "_merge", "merge the ranges"),
    ("armsgraph.graph.bulk_table", "ReportTable.take_part", "take a range's table"),
    ("armsgraph.graph.bulk", "BulkGraph.resolve", "resolve + encode + send"),
    ("armsgraph.graph.bulk", "BulkGraph.number", "number held nodes"),
    ("armsgraph.graph.bulk", "BulkGraph._groups", "plan groups"),
    ("armsgraph.graph.bulk", "_forked_group", "worker: resolve a group"),
    ("armsgraph.graph.bulk", "_forked_weapons", "worker: WeaponTotals"),
    ("armsgraph.graph.bulk", "BulkGraph._place", "place a segment"),
    ("armsgraph.graph.bulk", "_send", "send held nodes/edges"),
    ("armsgraph.graph.store.falkor_bulk", "BulkWriter.flush", "GRAPH.BULK command"),
    ("armsgraph.graph.store.falkor_bulk", "BulkWriter.settle", "GRAPH.BULK reply"),  # from session 14
    ("armsgraph.graph.store.falkordb", "FalkorStore.clear", "clear graph"),
    ("armsgraph.graph.store.falkordb", "FalkorStore._rewrite_aof", "final AOF rewrite"),  # a --former before 12
    ("armsgraph.graph.store.falkordb", "FalkorStore.ensure_schema", "indexes"),
    ("armsgraph.graph.store.falkordb", "FalkorStore._create_schema", "indexes"),
    ("armsgraph.graph.store.falkordb", "FalkorStore._constraints_operational", "constraints built"),  # 15
    ("armsgraph.graph.store.falkordb", "FalkorStore._on_disk", "WAITAOF (on disk)"),
    ("armsgraph.graph.store.falkordb", "FalkorStore._start_rewrite", "start a rewrite"),
)


def _wrap(events: Path, module: str, attribute: str, name: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return
    owner: Any = mod
    parts = attribute.split(".")
    for part in parts[:-1]:
        owner = getattr(owner, part, None)
    original = getattr(owner, parts[-1], None) if owner is not None else None
    if original is None:
        return  # a step the former package has not got

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.time()
        try:
            return original(*args, **kwargs)
        finally:
            with open(events / str(os.getpid()), "a") as out:
                out.write(f"{name}\t{start}\t{time.time()}\n")

    setattr(owner, parts[-1], timed)


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


class Sampler:
    """Every :data:`SAMPLE` s: (time, {role: CPU seconds so far}) of the loader, its children and the server's."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.samples: list[tuple[float, dict[int, tuple[str, float]]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        now: dict[int, tuple[str, float]] = {}
        for role, root in (("main", os.getpid()), ("server", self.server_pid)):
            for n, pid in enumerate([root, *descendants(root)]):
                cpu = _cpu(pid)
                if cpu is not None:
                    now[pid] = (role if n == 0 else f"{role}-child", cpu)
        self.samples.append((time.time(), now))

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE):
            self._sample()
        self._sample()

    def __enter__(self) -> Sampler:
        self._sample()  # before the load starts: each process's CPU so far is not the load's
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _load(path: str, data_dir: str, events: str, workers: int, former: str | None, out: Any) -> None:
    """One bulk load in this (fresh) process, its steps wrapped and its processes sampled."""
    if former is not None:
        use_package(former)
    started = time.time()
    bulk = importlib.import_module("armsgraph.graph.bulk")
    falkordb = importlib.import_module("armsgraph.graph.store.falkordb")
    importlib.import_module("armsgraph.loaders.resolve").standard_tables()
    for module, attribute, name in STEPS:
        _wrap(Path(events), module, attribute, name)
    imported = time.time()
    server = falkordb.EmbeddedServer(Path(data_dir))
    store = falkordb.FalkorStore(server, graph_name="timeline")
    with Sampler(server.status().pid) as sampler:
        start = time.time()
        kwargs = {"workers": workers} if workers != 2 else {}
        report = bulk.bulk_load(store, [Path(path)], **kwargs)
        end = time.time()
    store.close()
    out.put({"imported": imported - started, "start": start, "end": end, "failed": report.failed,
             "samples": sampler.samples, "pid": os.getpid(), "server": server.status().pid})


def _spans(events: Path) -> list[tuple[int, str, float, float]]:
    spans = []
    for file in events.iterdir():
        for line in file.read_text().splitlines():
            name, start, end = line.split("\t")
            spans.append((int(file.name), name, float(start), float(end)))
    return sorted(spans, key=lambda s: s[2])


def _roles(result: dict[str, Any]) -> dict[int, str]:
    """pid -> main, worker N, server, server-child (a rewrite)."""
    roles: dict[int, str] = {}
    workers = 0
    for _, now in result["samples"]:
        for pid, (role, _) in now.items():
            if pid in roles:
                continue
            if role == "main-child":
                workers += 1
                roles[pid] = f"w{workers}"
            else:
                roles[pid] = role
    return roles


def _cpu_between(result: dict[str, Any], roles: dict[int, str], start: float, end: float) -> dict[str, float]:
    """CPU seconds each role spent between two times (interpolated at the samples' resolution)."""
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for t, now in result["samples"]:
        for pid, (_, cpu) in now.items():
            if t <= start:
                first[pid] = cpu
            elif pid not in first:
                first[pid] = 0.0 if roles[pid] not in ("main", "server") else cpu
            if t <= end + SAMPLE:
                last[pid] = cpu
    used: dict[str, float] = defaultdict(float)
    for pid, cpu in last.items():
        used[_group(roles[pid])] += cpu - first.get(pid, 0.0)
    return used


def _group(role: str) -> str:
    return "workers" if role.startswith("w") else role


def report(result: dict[str, Any], events: Path, step: float) -> None:
    roles = _roles(result)
    t0, t1 = result["start"], result["end"]
    print(f"imports and tables: {result['imported']:.2f} s; the load: {t1 - t0:.2f} s"
          + (" FAILED" if result["failed"] else ""))
    total = _cpu_between(result, roles, t0, t1)
    print("CPU s during the load: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(total.items())))
    print(f"\n{'step':32} {'proc':>6} {'start':>6} {'end':>6} {'wall':>6}   CPU meanwhile (main/workers/server/+child)")
    pids = {result["pid"]: "main"}
    merged: dict[tuple[str, str], list[float]] = {}
    for pid, name, start, end in _spans(events):
        proc = pids.get(pid) or roles.get(pid) or f"p{pid}"
        worker = proc.startswith(("w", "p"))
        if worker or name in ("GRAPH.BULK command", "GRAPH.BULK reply", "place a segment", "take a range's table"):
            held = merged.setdefault((name, "workers" if worker else proc), [start, end, 0, 0.0])
            held[0], held[1] = min(held[0], start), max(held[1], end)
            held[2] += 1
            held[3] += end - start
            continue
        used = _cpu_between(result, roles, start, end)
        print(f"{name:32} {proc:>6} {start - t0:6.2f} {end - t0:6.2f} {end - start:6.2f}   "
              f"{used.get('main', 0):.2f} / {used.get('workers', 0):.2f} / {used.get('server', 0):.2f} + "
              f"{used.get('server-child', 0):.2f}")
    for (name, proc), (start, end, count, busy) in sorted(merged.items(), key=lambda kv: kv[1][0]):
        print(f"{name + f' x{count}':32} {proc:>6} {start - t0:6.2f} {end - t0:6.2f} {busy:6.2f}   (sum of calls)")
    print(f"\nslices of {step} s: each process's share of a core (main, w1, w2, ..., server, server-child)")
    samples = result["samples"]
    order = ["main", *sorted({r for r in roles.values() if r.startswith("w")}), "server", "server-child"]
    print("   t  " + " ".join(f"{r[:6]:>6}" for r in order) + "   total")
    at = t0
    while at < t1:
        used = defaultdict(float)
        for pid in roles:
            before = [cpu for t, now in samples if t <= at for p, (_, cpu) in now.items() if p == pid]
            after = [cpu for t, now in samples if t <= at + step for p, (_, cpu) in now.items() if p == pid]
            if after:
                role = roles[pid] if not roles[pid].startswith("server-child") else "server-child"
                used[role] += after[-1] - (before[-1] if before else 0.0)
        print(f"{at - t0:5.1f} " + " ".join(f"{used.get(r, 0) / step:6.0%}" for r in order)
              + f"  {sum(used.values()) / step:6.0%}")
        at += step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000, help="generated deals")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--step", type=float, default=0.1, help="seconds per slice of the timeline")
    parser.add_argument("--former", type=Path, help="time the armsgraph package in this directory instead")
    args = parser.parse_args(argv)
    falkordb = importlib.import_module("armsgraph.graph.store.falkordb")
    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        path = workdir / f"register-{args.size}.csv"
        if not path.exists():
            generate(path, args.size)
        events = Path(tempfile.mkdtemp(prefix="events-", dir=tmp))
        server = falkordb.EmbeddedServer(Path(tmp) / "server")
        server.start()
        try:
            ctx = multiprocessing.get_context("spawn")
            queue = ctx.Queue()
            child = ctx.Process(target=_load, args=(str(path), str(server.data_dir), str(events), args.workers,
                                                    None if args.former is None else str(args.former), queue))
            child.start()
            while True:
                try:
                    result = queue.get(timeout=1)
                    break
                except Empty:
                    if not child.is_alive():
                        raise SystemExit(f"the load's process ended without a result (exit {child.exitcode})") from None
            child.join()
        finally:
            server.stop()
        print(f"load average {os.getloadavg()[0]:.2f}")
        report(result, events, args.step)
    return 0


if __name__ == "__main__":
    sys.exit(main())

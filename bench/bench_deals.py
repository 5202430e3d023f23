"""Deal resolution: what one-deal-one-Transfer costs on a load, and how it grows (generated inputs, never SIPRI rows).

    .venv/bin/python bench/bench_deals.py [--sizes 10000,30000]
    .venv/bin/python bench/bench_deals.py --resolver-only [--sizes 30000] [--rounds 3] [--former DIR]

For each size, a classic-format export is generated (bench_sipri.generate: the excerpts' value distributions)
and a second *vintage* of it (same deals, a later 'Data generated', a tenth of the designations with SIPRI's
family marker ' -'): two Reports per deal for the resolver to join. In one run, on one embedded FalkorDB server,
each into an empty graph:

* load without resolution: ``load_paths(..., resolve_deals=False)``: what a load cost before deals were resolved
  (Reports only, no Transfers);
* load with resolution: the same files with ``graph/deals.py`` resolving the touched blocks at each commit;
* resolver alone: ``loaders/deals.resolve_deals`` over the same Reports, in Python, no store.

The table gives seconds, deals/s and the ratio with/without (the price of one deal, one Transfer).

``--resolver-only`` times ``resolve_deals`` alone (the garbage collector paused, as a load pauses it), in fresh
processes (best of ``--rounds``), over the Reports of the first vintage alone (a first load: every deal one
Report) and of both vintages; with ``--former DIR`` (as for bench_load.py) the rounds alternate with the package
in DIR, on the same Reports: before/after in one run.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import tempfile
from pathlib import Path
from typing import Any

from bench_sipri import compare, generate
from rich.console import Console
from rich.table import Table
from timing import timed

from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import EmbeddedServer, FalkorStore
from armsgraph.loaders.deals import Record, resolve_deals
from armsgraph.loaders.sipri.loader import SipriLoader
from armsgraph.schema import Report


def second_vintage(path: Path, out: Path, seed: int = 7) -> None:
    """The same export a year later: later 'Data generated', some designations spelled another way."""
    rng = random.Random(seed)
    lines = path.read_text(encoding="latin-1").splitlines()
    body: list[str] = []
    for line in lines:
        if line.startswith("Data generated:"):
            line = "Data generated: 12 Feb 2026 12:26:12 PM"
        elif line.count(",") >= 15 and not line.startswith("Recipient,") and rng.random() < 0.1:
            cells = line.split(",")
            cells[6] = cells[6] + " -"  # SIPRI's family marker: the designation differs, the deal does not
            line = ",".join(cells)
        body.append(line)
    out.write_text("\n".join(body) + "\n", encoding="latin-1")


def reports(paths: list[Path]) -> list[Record]:
    out = []
    for path in paths:
        for batch in SipriLoader().read(path):
            out += [Record(r.node.id, r.node.properties()) for r in batch.nodes if isinstance(r.node, Report)]
    return out


def resolver_job(paths: str) -> dict[str, Any]:
    """``resolve_deals`` alone over the Reports the loader makes of ``paths`` ('|'-separated), built before."""
    deals = importlib.import_module("armsgraph.loaders.deals")
    loader = importlib.import_module("armsgraph.loaders.sipri.loader").SipriLoader()
    report = importlib.import_module("armsgraph.schema").Report
    records = [deals.Record(r.node.id, r.node.properties()) for path in paths.split("|")
               for batch in loader.read(Path(path)) for r in batch.nodes if isinstance(r.node, report)]
    gc.disable()  # as during a load (graph/load.py): the collector's passes over 60k Records are noise here
    seconds, result = timed(lambda: deals.resolve_deals(records))
    gc.enable()
    return {"seconds": seconds, "reports": len(records), "deals": len(result.deals)}


def resolver_only(sizes: list[int], rounds: int, former: Path | None, console: Console) -> None:
    table = Table(title=f"resolve_deals alone: best of {rounds} fresh processes")
    for col in ("deals/vintage", "input", "package", "Reports", "deals", "seconds", "Reports/s", "÷ former"):
        table.add_column(col, justify="left" if col in ("input", "package") else "right")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            first, second = Path(tmp) / f"v1-{size}.csv", Path(tmp) / f"v2-{size}.csv"
            generate(first, size)
            second_vintage(first, second)
            for label, paths in (("one vintage", str(first)), ("two vintages", f"{first}|{second}")):
                runs = compare(resolver_job, Path(paths), rounds, former, console)
                best = {which: min(r["seconds"] for r in rs) for which, rs in runs.items() if rs}
                for which, rs in runs.items():
                    if rs:
                        table.add_row(f"{size:,}", label, which, f"{rs[0]['reports']:,}", f"{rs[0]['deals']:,}",
                                      f"{best[which]:.2f}", f"{rs[0]['reports'] / best[which]:,.0f}",
                                      f"{best[which] / best['former']:.2f}x" if "former" in best else "")
    console.print(table)


def run(size: int, workdir: Path, server: EmbeddedServer) -> list[Any]:
    first, second = workdir / f"v1-{size}.csv", workdir / f"v2-{size}.csv"
    generate(first, size)
    second_vintage(first, second)
    files = [first, second]

    plain = FalkorStore(server, graph_name=f"plain_{size}")
    plain.clear()
    t_off, _ = timed(lambda: load_paths(plain, files, note=None, resolve_deals=False))
    resolved = FalkorStore(server, graph_name=f"resolved_{size}")
    resolved.clear()
    t_on, _ = timed(lambda: load_paths(resolved, files, note=None))
    transfers = resolved.run("MATCH (t:Transfer) RETURN count(t)").scalar()  # type: ignore[arg-type]
    recs = reports(files)
    t_py, result = timed(lambda: resolve_deals(recs))
    for g in (plain, resolved):
        g.clear()
        g.close()
    return [size, len(recs), transfers, len(result.deals), t_off, t_on, t_py]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000", help="deals per generated vintage, comma-separated")
    parser.add_argument("--resolver-only", action="store_true", help="resolve_deals alone, no store (see above)")
    parser.add_argument("--rounds", type=int, default=3, help="--resolver-only: fresh processes per package")
    parser.add_argument("--former", type=Path, help="--resolver-only: also measure the armsgraph package in DIR")
    args = parser.parse_args(argv)
    console = Console(width=170)
    if args.resolver_only:
        resolver_only([int(s) for s in args.sizes.split(",")], args.rounds, args.former, console)
        return 0
    table = Table(title="Deal resolution: two vintages of a generated register, one run")
    for col in ("deals/vintage", "Reports", "Transfers", "deals (Python)", "load w/o resolution s",
                "load with resolution s", "ratio", "resolver alone s", "resolver µs/Report"):
        table.add_column(col, justify="right")
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedServer(Path(tmp) / "data")
        server.start()
        try:
            for size in (int(s) for s in args.sizes.split(",")):
                size_, recs, transfers, deals, t_off, t_on, t_py = run(size, Path(tmp), server)
                table.add_row(f"{size_:,}", f"{recs:,}", f"{transfers:,}", f"{deals:,}", f"{t_off:.1f}",
                              f"{t_on:.1f}", f"{t_on / t_off:.2f}×", f"{t_py:.2f}", f"{1e6 * t_py / recs:.0f}")
        finally:
            server.stop()
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Start-up of ``armsgraph extract FILE``: wall time of a fresh process, end to end, against baselines of the
same run.

    .venv/bin/python bench/bench_startup.py [--file ../shared/data/news/rt-...txt] [--repeat 5]

Rows (each a fresh interpreter; median and best of ``--repeat``; ratios against ``import spacy``). The rows take
turns, one run of each per round, so a burst of other work on a shared machine falls on all of them alike. CPU
seconds (user + system of the process) beside wall seconds: on a machine other work keeps busy, the wall time
waits for a core while the CPU time is close to what the run takes on a free one:

* python: ``python -c pass``, the interpreter alone;
* import spacy: the floor of any spaCy pipeline, as ``import spacy`` pays it;
* import spacy without its CLI: ``loaders/text/spacy_import.py``, as ``extract`` imports it;
* import the CLI: ``armsgraph.graph.cli`` (commands are imported when they run);
* extract, rules only: ``ARMSGRAPH_TEXT_MODEL=none armsgraph extract FILE``;
* extract, trained pipeline: ``armsgraph extract FILE`` as a user runs it (en_core_web_sm parses);
* extract, trained pipeline, no cache: the same with an empty cache directory each run (the phrase table built
  and written: a first run, or one after the gazetteers changed).

``--versus OTHER/.venv/bin/armsgraph`` adds the same two ``extract`` rows for another checkout's command (main, say),
taking turns with the rest: a before/after comparison from the same minutes.

``python -X importtime .venv/bin/armsgraph extract FILE`` says where an import's time goes.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO.parent / "shared" / "data" / "news" / "rt-2023-07-antonov-cluster-munitions.txt"
QUICK_SPACY = "from armsgraph.loaders.text.spacy_import import import_spacy; import_spacy()"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str], env: dict[str, str], fresh_cache: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-cache-") as empty:
        if fresh_cache:
            env = {**env, "ARMSGRAPH_CACHE_DIR": empty}
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--versus", type=Path, help="another checkout's armsgraph command, measured alongside")
    args = parser.parse_args()
    py = sys.executable
    cli = str(Path(py).with_name("armsgraph"))
    env = dict(os.environ)
    rules_env = {**env, "ARMSGRAPH_TEXT_MODEL": "none"}
    rows = [
        ("python -c pass", [py, "-c", "pass"], env, False),
        ("import spacy", [py, "-c", "import spacy"], env, False),
        ("import spacy without its CLI", [py, "-c", QUICK_SPACY], env, False),
        ("import the CLI", [py, "-c", "import armsgraph.graph.cli"], env, False),
        ("extract, rules only", [cli, "extract", str(args.file)], rules_env, False),
        ("extract, trained pipeline", [cli, "extract", str(args.file)], env, False),
        ("extract, trained pipeline, no cache", [cli, "extract", str(args.file)], env, True),
    ]
    if args.versus:
        rows += [("versus: extract, trained pipeline", [str(args.versus), "extract", str(args.file)], env, False),
                 ("versus: extract, trained pipeline, no cache", [str(args.versus), "extract", str(args.file)], env,
                  True)]
    for what, argv, e, fresh in rows:
        if "no cache" not in what and "extract" in what:
            _run(argv, e, fresh)  # the caches filled, as after any earlier run
    walls: list[list[float]] = [[] for _ in rows]
    cpus: list[list[float]] = [[] for _ in rows]
    for _ in range(max(1, args.repeat)):
        for k, (_name, argv, e, fresh) in enumerate(rows):
            wall, cpu = _run(argv, e, fresh)
            walls[k].append(wall)
            cpus[k].append(cpu)
    spacy_wall, spacy_cpu = statistics.median(walls[1]), statistics.median(cpus[1])
    table = Table(title=f"armsgraph extract start-up: fresh process each, {args.repeat} runs per row, taking turns")
    for column in ("what", "median s", "best s", "x import spacy", "median CPU s", "x import spacy (CPU)"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for name, wall, cpu in zip((row[0] for row in rows), walls, cpus, strict=True):
        table.add_row(name, f"{statistics.median(wall):.2f}", f"{min(wall):.2f}",
                      f"{statistics.median(wall) / spacy_wall:.2f}", f"{statistics.median(cpu):.2f}",
                      f"{statistics.median(cpu) / spacy_cpu:.2f}")
    Console(width=150).print(table)
    Console().print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    Console().print("target: armsgraph extract FILE under 1.5 s end to end")


if __name__ == "__main__":
    main()

"""Start-up of ``armsgraph extract FILE``: wall time of a fresh process, end to end, against baselines of the
same run.

    .venv/bin/python bench/bench_startup.py [--file ../shared/data/news/rt-...txt] [--repeat 5]

Rows (each a fresh interpreter, best of ``--repeat``; ratios against the first row):

* python: ``python -c pass``, the interpreter alone;
* import spacy: the floor of any spaCy pipeline;
* import the CLI: ``armsgraph.graph.cli`` (commands are imported when they run);
* extract, rules only: ``ARMSGRAPH_TEXT_MODEL=none armsgraph extract FILE``;
* extract, trained pipeline: ``armsgraph extract FILE`` as a user runs it (en_core_web_sm parses).

``python -X importtime -m armsgraph.graph.cli extract FILE`` says where an import's time goes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO.parent / "shared" / "data" / "news" / "rt-2023-07-antonov-cluster-munitions.txt"


def _wall(argv: list[str], env: dict[str, str], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    cli = str(Path(py).with_name("armsgraph"))
    env = dict(os.environ)
    rules_env = {**env, "ARMSGRAPH_TEXT_MODEL": "none"}
    rows = [
        ("python -c pass", [py, "-c", "pass"], env),
        ("import spacy", [py, "-c", "import spacy"], env),
        ("import the CLI", [py, "-c", "import armsgraph.graph.cli"], env),
        ("extract, rules only", [cli, "extract", str(args.file)], rules_env),
        ("extract, trained pipeline", [cli, "extract", str(args.file)], env),
    ]
    results = [(name, _wall(argv, e, args.repeat)) for name, argv, e in rows]
    base = results[0][1]
    table = Table(title=f"armsgraph extract start-up, best of {args.repeat} (fresh process each)")
    table.add_column("what")
    table.add_column("seconds", justify="right")
    table.add_column("x python", justify="right")
    for name, seconds in results:
        table.add_row(name, f"{seconds:.2f}", f"{seconds / base:.1f}")
    Console().print(table)


if __name__ == "__main__":
    main()

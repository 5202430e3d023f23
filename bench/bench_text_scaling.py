"""How the text extractor's cost grows with input size: each row is a ratio against the smallest size, one run.

    .venv/bin/python bench/bench_text_scaling.py [--shared ../shared/data] [--repeat 3]

Three shapes that once went quadratic (they were wall-clock assertions in the test suite; timing belongs here):

* one statement repeated 1x / 5x (a long document read in pieces): linear means ratio ~5;
* short lines, 1,600 / 16,000 lines (1.1 million characters at the top): linear means ratio ~10;
* one run-on sentence of 500 / 5,000 words: the sentence rules skip it, so the ratio should stay ~10 or less.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table
from timing import best_of

from armsgraph.loaders.text.extract import extract_text

REPO = Path(__file__).resolve().parents[1]
LINE = "Germany will send Patriot systems to Ukraine, officials in Berlin said.\n"
RUN_ON = "the United States will send Patriot systems to Ukraine and "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    statement = next((args.shared / "statements").glob("2023-07-07-*.txt")).read_text(encoding="utf-8")
    meta = {"date": "2023-07-07", "publisher": "The White House"}
    extract_text("Germany will send Patriot systems to Ukraine.", meta)  # build the pipeline before timing
    shapes = [
        ("statement repeated", "x", [(1, statement), (5, statement * 5)]),
        ("short lines", "lines", [(1_600, LINE * 1_600), (16_000, LINE * 16_000)]),
        ("run-on sentence", "words", [(500, RUN_ON * 50 + "more."), (5_000, RUN_ON * 500 + "more.")]),
    ]
    table = Table(title="text extraction cost by input size (best of runs; ratio = time / smallest size's time)")
    for column in ("shape", "size", "characters", "seconds", "size ratio", "time ratio"):
        table.add_column(column, justify="left" if column == "shape" else "right")
    for name, unit, sizes in shapes:
        base: tuple[int, float] | None = None
        for size, text in sizes:
            seconds = best_of(lambda text=text: extract_text(text, meta), args.repeat)
            base = base or (size, seconds)
            table.add_row(name, f"{size:,} {unit}", f"{len(text):,}", f"{seconds:.3f}",
                          f"{size / base[0]:.1f}", f"{seconds / base[1]:.2f}")
    Console().print(table)


if __name__ == "__main__":
    main()

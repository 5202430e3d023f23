"""Benchmark the resolver on every actor name in the shared data, against a plain dict lookup.

    .venv/bin/python bench/bench_resolve.py [--shared ../shared/data] [--repeat 3]

Names: every supplier/recipient cell of the four SIPRI excerpts (with their repetitions), every state of the
treaty tables, every country of the EAR groups and every Factbook name: the workload a full load puts on the
resolver. Paths measured, each on a fresh resolver (its per-process cache empty):

* exact/alias, cold: each distinct name once (normalisation + index look-ups);
* all occurrences, warm: every name as the loaders ask for it (mostly cache hits);
* fuzzy: each distinct name of 8+ letters with one letter dropped (the rapidfuzz path);
* baseline: ``dict.get`` of the same strings in a dict built from the same names (no normalisation,
  no aliases, no review list): the floor a look-up can reach in Python.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from timing import best_of

from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.sipri.names import POLICIES

REPO = Path(__file__).resolve().parents[1]
SIPRI = {  # file: (encoding, header start, name columns)
    "classic-trade-register-2025-03.excerpt.csv": ("latin-1", "Recipient,", (0, 1)),
    "classic-trade-register-resaved.excerpt.csv": ("utf-8-sig", "Recipient,", (0, 1)),
    "transfers-2025-01.excerpt.csv": ("ascii", "SIPRI AT Database ID,", (1, 2)),
    "transfers-2026-02.excerpt.csv": ("ascii", "SIPRI AT Database ID,", (1, 2)),
}


def shared_names(shared: Path) -> list[tuple[str, str]]:
    """(name, context) for every actor-name cell in the shared data, repetitions kept."""
    out: list[tuple[str, str]] = []
    for name, (encoding, header, cols) in SIPRI.items():
        lines = (shared / "sipri" / name).read_text(encoding=encoding).splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip("\ufeff").startswith(header))
        for row in csv.reader(lines[start + 1:]):
            if len(row) > max(cols) and row[cols[0]]:
                out += [(row[c], "sipri") for c in cols]
    ref = shared / "reference"
    with (ref / "treaty-parties-ccm.csv").open(encoding="utf-8", newline="") as fh:
        out += [(r["state"], "treaty") for r in csv.DictReader(fh)]
    with (ref / "treaties_survivalscores" / "treaty_status_by_country.csv").open(encoding="utf-8", newline="") as fh:
        out += [(r["country"], "treaty") for r in csv.DictReader(fh)]
    ear = json.loads((ref / "ear_country_groups" / "country-groups.json").read_text(encoding="utf-8"))
    out += [(n, "treaty") for members in ear["groups"].values() for n in members]
    with (ref / "cia_factbook" / "factbook_countries_aliases_orgs.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out += [(r[c], "news") for c in ("short", "long", "capital", "nationality_adj") if r[c]]
    return out


def typos(names: Iterable[str]) -> list[str]:
    """One letter dropped from the middle of each name of 8+ letters: deterministic fuzzy-path input."""
    return [n[: len(n) // 2] + n[len(n) // 2 + 1:] for n in names if sum(c.isalpha() for c in n) >= 8]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO / ".." / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    console = Console()

    start = time.perf_counter()
    Resolver(policies=POLICIES)
    build = time.perf_counter() - start

    occurrences = shared_names(args.shared)
    distinct = sorted(set(occurrences))
    fuzzy_input = sorted(set(typos(n for n, c in distinct if c != "news")))
    table = {name: f"id:{i}" for i, (name, _) in enumerate(distinct)}

    def cold() -> None:
        r = Resolver(policies=POLICIES, tables=base.tables)  # share the loaded data, fresh cache and review list
        for name, context in distinct:
            r.resolve(name, context)

    def warm() -> None:
        for name, context in occurrences:
            base.resolve(name, context)

    def fuzzy() -> None:
        r = Resolver(policies=POLICIES, tables=base.tables)
        for name in fuzzy_input:
            r.resolve(name, "sipri")

    def baseline() -> None:
        get = table.get
        for name, _ in occurrences:
            get(name)

    base = Resolver(policies=POLICIES)
    base.resolve("warm-up", None)
    results = [
        ("exact/alias, distinct names, cold cache", len(distinct), best_of(cold, args.repeat)),
        ("all occurrences, warm cache", len(occurrences), best_of(warm, args.repeat)),
        ("fuzzy path (one letter dropped)", len(fuzzy_input), best_of(fuzzy, args.repeat)),
        ("baseline: plain dict.get", len(occurrences), best_of(baseline, args.repeat)),
    ]
    outcome = {rule: 0 for rule in ("exact", "alias", "fuzzy", "judgement", "ambiguous", "unresolved")}
    for name, context in distinct:
        outcome[base.resolve(name, context).rule] += 1
    fuzzy_rules = {rule: 0 for rule in outcome}
    for name in fuzzy_input:
        fuzzy_rules[base.resolve(name, "sipri").rule] += 1

    out = Table(title=f"resolver throughput (best of {args.repeat}; data load {build * 1000:.0f} ms)")
    for col in ("path", "names", "seconds", "names/s"):
        out.add_column(col, justify="right" if col != "path" else "left")
    for label, count, seconds in results:
        out.add_row(label, f"{count:,}", f"{seconds:.4f}", f"{count / seconds:,.0f}")
    console.print(out)
    console.print("distinct names by rule: " + ", ".join(f"{k} {v}" for k, v in outcome.items() if v))
    console.print("fuzzy inputs by rule:   " + ", ".join(f"{k} {v}" for k, v in fuzzy_rules.items() if v))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark the text extractor on the statements folder, against spaCy's bare tokenizer on the same text.

    .venv/bin/python bench/bench_text.py [--shared ../shared/data] [--folder statements] [--repeat 3] [--processes 2]

Measured in one run, on the same texts (words = whitespace-separated tokens, so every row divides the same
word count):

* baseline: ``spacy.blank("en").tokenizer`` on each document: the floor any spaCy pipeline pays;
* rule pipeline, EntityRuler: the pipeline as it was (tokenizer without whitespace tokens, paragraph breaks,
  sentencizer, spaCy's EntityRuler with the gazetteers' phrase patterns), built here for comparison;
* rule pipeline: our nlp object as extraction uses it (the gazetteer names from ``phrases.PhraseEntities``);
* extraction, 1 process: ``parallel.extract_files`` in this process: reading each file, clean-up, both
  pipelines, persons, claims, transfers;
* extraction, N processes: the same files over N worker processes (``armsgraph extract -j N``; the "2 cores"
  figure), pool start-up included.

Best of ``--repeat`` runs; the pipelines are built (and the gazetteers loaded) before timing. Each row gives wall
time and CPU time (this process's, plus that of the worker processes it waited for). On a shared machine the wall
time of the N-process row depends on how many cores the others leave free; its CPU time does not, and
"N free cores" divides the words by the CPU time shared evenly among the N workers (``imap`` hands out one file at
a time): what the row would take with N free cores.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from armsgraph.loaders.text.spacy_import import import_spacy

spacy = import_spacy()

from armsgraph.loaders.documents.loader import read_document  # noqa: E402  (after spaCy, as the CLI does)
from armsgraph.loaders.text.clean import clean  # noqa: E402
from armsgraph.loaders.text.gazetteer import load  # noqa: E402
from armsgraph.loaders.text.parallel import extract_files, warm  # noqa: E402
from armsgraph.loaders.text.pipeline import base_pipeline, nlp, patterns  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def best_wall_and_cpu(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The fastest wall time and the smallest CPU time of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(max(1, repeat)):
        start, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--folder", default="statements")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    files = sorted((args.shared / args.folder).glob("*.txt"))
    texts = []
    for path in files:
        _, text, offset = read_document(path)
        texts.append(text[offset:])
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)

    bare = spacy.blank("en")
    ours = nlp()
    ruler = base_pipeline()
    ruler.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}).add_patterns(
        patterns(load()))
    warm()
    cleaned = [clean(t) for t in texts]
    for text in cleaned:  # warm the tokenizer caches of every side alike
        bare.tokenizer(text)
        ours(text)
        ruler(text)

    rows: list[tuple[str, int, tuple[float, float]]] = [
        ("spaCy bare tokenizer (baseline)", 1,
         best_wall_and_cpu(lambda: [bare.tokenizer(t) for t in texts], args.repeat)),
        ("rule pipeline, EntityRuler (before)", 1, best_wall_and_cpu(lambda: [ruler(t) for t in cleaned], args.repeat)),
        ("rule pipeline, phrase table (now)", 1, best_wall_and_cpu(lambda: [ours(t) for t in cleaned], args.repeat)),
        ("full extraction, 1 process", 1, best_wall_and_cpu(lambda: list(extract_files(files, 1)), args.repeat)),
    ]
    if args.processes > 1:
        rows.append((f"full extraction, {args.processes} processes", args.processes,
                     best_wall_and_cpu(lambda: list(extract_files(files, args.processes)), args.repeat)))

    base_wall, base_cpu = rows[0][2]
    table = Table(title=f"text extraction speed: {len(files)} {args.folder}, {words:,} words, {chars:,} characters "
                        f"(best of {args.repeat})")
    for column in ("what", "wall s", "words/s", "x bare tokenizer", "CPU s", "words/CPU s", "x bare (CPU)",
                   "words/s, N free cores"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for name, n, (wall, cpu) in rows:
        table.add_row(name, f"{wall:.3f}", f"{words / wall:,.0f}", f"{base_wall / wall:.3f}", f"{cpu:.3f}",
                      f"{words / cpu:,.0f}", f"{base_cpu / cpu:.3f}", f"{words * n / cpu:,.0f}")
    console = Console(width=170)
    console.print(table)
    console.print("target: >= 20,000 words/s on 2 cores (full extraction)")


if __name__ == "__main__":
    main()

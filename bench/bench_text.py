"""Benchmark the text extractor on the statements folder, against spaCy's bare tokenizer on the same text.

    .venv/bin/python bench/bench_text.py [--shared ../shared/data] [--repeat 3] [--processes 2]

Measured in one run, on the same texts (words = whitespace-separated tokens, so every row divides the same
word count):

* baseline: ``spacy.blank("en").tokenizer`` on each document: the floor any spaCy pipeline pays;
* pipeline: our nlp object on the cleaned text (tokenizer without whitespace tokens, paragraph breaks,
  sentencizer, EntityRuler);
* extraction: the whole extractor (clean-up, pipeline, persons, claims, transfers) per document;
* extraction x N processes: the same, the documents spread over N worker processes (the "2 cores" figure).

Best of ``--repeat`` runs; the pipeline is built (and the gazetteers loaded) before timing.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import spacy
from rich.console import Console
from rich.table import Table
from timing import best_of

from armsgraph.loaders.documents.loader import read_document
from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.pipeline import nlp

REPO = Path(__file__).resolve().parents[1]


def _documents(folder: Path) -> list[tuple[str, dict[str, object]]]:
    docs = []
    for path in sorted(folder.glob("*.txt")):
        document, text, offset = read_document(path)
        docs.append((text[offset:], document.model_dump(mode="json", exclude_none=True)))
    return docs


def _extract_chunk(chunk: list[tuple[str, dict[str, object]]]) -> int:
    for text, meta in chunk:
        extract_text(text, meta)
    return len(chunk)


def _warm(_: int) -> int:
    nlp()
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    docs = _documents(args.shared / "statements")
    texts = [t for t, _ in docs]
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)

    bare = spacy.blank("en")
    ours = nlp()
    cleaned = [clean(t) for t in texts]
    for text in texts:  # warm the tokenizer caches of both sides alike
        bare.tokenizer(text)
        ours(text)

    rows: list[tuple[str, float]] = []
    rows.append(("spaCy bare tokenizer (baseline)", best_of(lambda: [bare.tokenizer(t) for t in texts], args.repeat)))
    rows.append(("our pipeline: tokenizer + sentencizer + EntityRuler",
                 best_of(lambda: [ours(t) for t in cleaned], args.repeat)))
    rows.append(("full extraction, 1 process", best_of(lambda: _extract_chunk(docs), args.repeat)))
    if args.processes > 1:
        # longest documents first, dealt round-robin, so the workers finish together
        order = sorted(docs, key=lambda d: -len(d[0]))
        chunks = [order[i :: args.processes] for i in range(args.processes)]
        with ProcessPoolExecutor(args.processes) as pool:
            list(pool.map(_warm, range(args.processes)))

            def parallel() -> None:
                list(pool.map(_extract_chunk, chunks))

            rows.append((f"full extraction, {args.processes} processes", best_of(parallel, args.repeat)))

    baseline = rows[0][1]
    table = Table(title=f"text extraction speed: {len(docs)} statements, {words:,} words, {chars:,} characters "
                        f"(best of {args.repeat})")
    for column in ("what", "seconds", "words/s", "vs bare tokenizer"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for name, seconds in rows:
        table.add_row(name, f"{seconds:.3f}", f"{words / seconds:,.0f}", f"{baseline / seconds:.2f}x")
    Console().print(table)
    Console().print("target: >= 20,000 words/s on 2 cores (full extraction)")


if __name__ == "__main__":
    main()

"""``armsgraph extract`` (a dry run of the text loader) and ``armsgraph eval`` (scores against gold).

Why: a researcher sees exactly what an article would add to the graph, with the rule and the sentence
behind each fact, before loading it; ``eval`` measures the rules on annotated documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from armsgraph.graph.cli.context import format_option
from armsgraph.graph.render import emit
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.startup import ready

# issue 12's targets for unseen statements and news ("officials" is its "positions")
TARGETS = {"countries": "F1 >= 0.97", "weapons": "F1 >= 0.90", "persons": "F1 >= 0.90", "officials": "F1 >= 0.85",
           "transfers": "P >= 0.90, R >= 0.75", "claims": "", "claim speakers": "F1 >= 0.70",
           "transfers (co-occurrence baseline)": "baseline"}


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        # lazy: the load pipeline (writer, deals) is not needed to extract one file
        from armsgraph.graph.load import SKIP_NAMES
        from armsgraph.loaders.documents.loader import TEXT_SUFFIXES

        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                      and p.name not in SKIP_NAMES and not p.name.startswith("."))
    return [path]


FACT_COLUMNS = ["file", "fact", "subject", "role", "object", "status", "date", "rule", "text"]
"""``extract --format csv``: one row per fact of every kind."""


def fact_rows(file: str, x: Extraction) -> list[list[Any]]:
    """Every fact of an extraction as a row of :data:`FACT_COLUMNS` (entities, positions, transfers, claims)."""
    rows: list[list[Any]] = [[file, "entity", e.id, e.type, e.name, "", "", "", f"{len(e.mentions)} mentions"]
                             for e in x.entities]
    rows += [[file, "position", p.person, p.title, p.of, "", "", p.rule, " ".join(p.evidence.text.split())]
             for p in x.positions]
    rows += [[file, "transfer", t.supplier, t.weapon, t.recipient, t.status, t.date, t.rule,
              " ".join(t.evidence.text.split())] for t in x.transfers]
    rows += [[file, "claim", c.speaker, "quote" if c.quote else "paraphrase", ", ".join(c.about), "", c.date, c.rule,
              " ".join(c.text.split())] for c in x.claims]
    return rows


@click.command("extract")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="worker processes for a folder (0: one per available core, at most one per two files)")
@format_option
def extract(path: Path, jobs: int, fmt: str) -> None:
    """Show what the text loader would write for PATH (a file or a folder); nothing is written.

    table: a table per kind of fact and document; json: the documented stable shape (one object per
    document, docs/text-extraction.md); csv: one row per fact (file, fact, subject, role, object, status,
    date, rule, text: an entity is id/type/name, a position person/title/of, a transfer
    supplier/weapon/recipient, a claim speaker/quote or paraphrase/what it is about). A folder's files are
    shared among --jobs processes; the output is in file order either way.
    """
    # Lazy for start-up time: the text loader (spaCy, gazetteers) takes ~0.9 s to import; other commands skip it.
    # spaCy without its own CLI package, the loader and both pipelines, the collector held (loaders/text/startup.py)
    ready()
    from armsgraph.loaders.text.parallel import extract_files, processes_for

    files = _files(path)
    results: list[tuple[Path, Extraction]] = []
    for file, x in extract_files(files, processes_for(len(files), jobs or None)):
        results.append((file, x))
        if fmt == "table":
            title = f"{file.name}"
            emit(["type", "id", "name", "mentions"],
                 [[e.type, e.id, e.name, len(e.mentions)] for e in x.entities], title=f"{title}: entities")
            emit(["person", "title", "of", "rule"], [[p.person, p.title, p.of, p.rule] for p in x.positions],
                 title="positions")
            emit(["supplier", "recipient", "weapon", "status", "date", "rule", "evidence"],
                 [[t.supplier, t.recipient, t.weapon, t.status, t.date, t.rule, " ".join(t.evidence.text.split())]
                  for t in x.transfers], title="transfers")
            emit(["speaker", "text", "date", "quote", "rule"],
                 [[c.speaker, " ".join(c.text.split()), c.date, c.quote, c.rule] for c in x.claims], title="claims")
        for warning in x.warnings:
            click.echo(f"warning: {file.name}: {warning}", err=True)
    if fmt == "csv":
        from armsgraph.graph.load import shown

        emit(FACT_COLUMNS, [row for file, x in results for row in fact_rows(shown(file), x)], fmt)
    if fmt == "json":
        payload = [x.model_dump(mode="json") for _, x in results]
        click.echo(json.dumps(payload[0] if path.is_file() else payload, ensure_ascii=False, indent=1))


@click.command("eval")
@click.option("--docs", "docs", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="folder with the annotated documents (.txt + .meta.json)")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="gold annotations, JSON Lines (docs/text-extraction.md)")
@click.option("--misses", is_flag=True, help="also list every false positive and false negative")
@format_option
def eval_cmd(docs: Path, gold: Path, misses: bool, fmt: str) -> None:
    """Precision, recall and F1 per fact type of the text extractor against gold annotations."""
    # Lazy for start-up time, as in extract: importing the evaluator pulls in the text loader (~0.9 s).
    ready()
    from armsgraph.loaders.text.evaluate import evaluate

    ev = evaluate(docs, gold)  # a bad gold file is a GoldError: one line, exit 2 (cli/main.py)
    rows = [[kind, s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3), TARGETS.get(kind, "")]
            for kind, s in ev.scores.items() if s.tp + s.fp + s.fn]
    emit(["type", "tp", "fp", "fn", "precision", "recall", "f1", "target"], rows, fmt,
         title=f"text extraction vs {gold.name} ({ev.documents} documents)")
    if misses:
        for line in ev.misses:
            click.echo(line)

"""``armsgraph load`` and ``armsgraph loaders``: files into the graph, and what can read them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from armsgraph.graph.bulk import MAX_WORKERS, WORKERS, bulk_load
from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.load import load_paths
from armsgraph.graph.render import emit
from armsgraph.loaders.base import LOADERS, get
from armsgraph.loaders.resolve import Resolver
from armsgraph.schema.errors import LoadError, UserError

MAX_SHOWN = 200
"""Errors and warnings printed on the terminal; ``--errors FILE`` keeps them all."""
EXIT_RECORDS_FAILED = 1
EXIT_INTERNAL_ERROR = 3

err = Console(stderr=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--loader", "loader_name", help="force a loader (see 'armsgraph loaders')")
@click.option("--force", is_flag=True, help="reload documents whose content hash is already loaded")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, help="rows per write statement")
@click.option("--bulk", is_flag=True, help="first load into an empty graph through GRAPH.BULK (embedded store; "
              "all or nothing; see docs/loading.md)")
@click.option("--workers", type=click.IntRange(1, MAX_WORKERS), envvar="ARMSGRAPH_BULK_WORKERS", default=None,
              help=f"--bulk: processes resolving deals at once [env ARMSGRAPH_BULK_WORKERS; default {WORKERS}; "
              "1: least memory]")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help=f"write every error and warning to FILE (the terminal shows the first {MAX_SHOWN})")
@format_option
@click.pass_obj
def load(obj: Context, paths: tuple[Path, ...], loader_name: str | None, force: bool, batch_size: int | None,
         bulk: bool, workers: int | None, errors_file: Path | None, fmt: str) -> None:
    """Load files or directories; exit code 1 if any record failed, 3 if a document hit a bug.

    \b
    The summary has one row per document:
      file      the path, relative to the current directory
      loader    the loader that read it ('armsgraph loaders')
      records   records read from the file: rows, lines or objects, as its format counts them
      facts     nodes and relationships written (one record often makes several: a SIPRI deal is a
                transfer, a weapon and their edges); 0 when the document was rolled back
      skipped   'yes' when the same content was already loaded by this loader (--force reloads)
      errors    records (or the whole document) that failed; warnings: records that loaded but need a look
      note      why a document was skipped or not loaded
    --bulk: a first load into an empty graph, the same graph much faster (nothing is written unless
    every document reads; a graph that holds anything is refused); --workers 1 for the least memory.
    With --format json each document also lists its errors and warnings ("problems": file, line, field,
    reason, severity); the table and csv formats print them on stderr.
    """
    store = obj.store
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, Any] = {}
        overall = bar.add_task("files", total=None)

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        def files_progress(done: int, total: int, path: str) -> None:
            bar.update(overall, completed=done, total=total,
                       description=f"files ({path})" if path else "files")

        given = click.get_current_context().get_parameter_source("workers")
        if not bulk and given is click.core.ParameterSource.COMMANDLINE:  # the variable may be set for any load
            raise UserError("--workers applies to --bulk only")
        resolver = Resolver.standard(obj.data_dir)  # the user's judgements live beside the data
        if bulk:
            if force or batch_size:
                raise UserError("--bulk loads into an empty graph: --force and --batch-size do not apply")
            report = bulk_load(store, list(paths), loader_name=loader_name, resolver=resolver,
                               judgements=obj.deal_judgements, files_progress=files_progress,
                               workers=WORKERS if workers is None else workers)
        else:
            report = load_paths(store, list(paths), loader_name=loader_name, force=force, batch_size=batch_size,
                                progress=progress, resolver=resolver, files_progress=files_progress,
                                judgements=obj.deal_judgements)
    if obj.data_dir is not None:
        resolver.flush_review(obj.data_dir)  # names to review, for 'armsgraph resolve review'
    columns = ["file", "loader", "records", "facts", "skipped", "errors", "warnings", "note"]
    rows: list[list[Any]] = [[d.file, d.loader, d.records, d.facts, "yes" if d.skipped else "", d.errors,
                              d.warnings, d.note] for d in report.documents]
    if fmt == "json":  # the problems themselves, per document
        columns.append("problems")
        for row, d in zip(rows, report.documents, strict=True):
            row.append([p.model_dump() for p in d.located()])
    emit(columns, rows, fmt, title="load summary")
    failed = [d.file for d in report.documents if d.errors and not d.facts and not d.skipped]
    if failed:  # besides the table: a store that died mid-load must never read as a success
        shown = ", ".join(failed[:10]) + (f" and {len(failed) - 10} more" if len(failed) > 10 else "")
        click.echo(f"armsgraph: {len(failed)} document(s) not loaded: {shown}", err=True)
    show_errors([p for d in report.documents for p in d.located()], errors_file)
    if report.internal_errors:  # each was logged as 'armsgraph: internal error: ...' where it happened
        sys.exit(EXIT_INTERNAL_ERROR)
    sys.exit(EXIT_RECORDS_FAILED if report.failed else 0)


def show_errors(errors: list[LoadError], errors_file: Path | None) -> None:
    """The first MAX_SHOWN problems on stderr, how many more there are, and all of them in ``errors_file``."""
    if errors_file is not None:
        try:
            errors_file.write_text("".join(f"{e}\n" for e in errors), encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot write {errors_file}: {exc.strerror}") from exc
    for error in errors[:MAX_SHOWN]:
        click.echo(str(error), err=True)
    left_out = len(errors) - MAX_SHOWN
    if left_out > 0:
        where = f"all {len(errors)} are in {errors_file}" if errors_file else "write them all with --errors FILE"
        click.echo(f"... {left_out} more errors and warnings not shown ({where})", err=True)


@click.command("loaders")
@format_option
def loaders_cmd(fmt: str) -> None:
    """List the loaders."""
    rows = [[name, get(name).version, get(name).description] for name in LOADERS]
    emit(["loader", "version", "reads"], rows, fmt)

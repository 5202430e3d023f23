"""The ``armsgraph`` command line: each command is a thin step over a library call."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from armsgraph.graph.catalogue import get_query, load_catalogue
from armsgraph.graph.catalogue.conflicts import membership_conflicts, party_conflicts
from armsgraph.graph.catalogue.stats import graph_counts
from armsgraph.graph.cli.resolve import resolve
from armsgraph.graph.cli.text import eval_cmd, extract
from armsgraph.graph.load import load_paths
from armsgraph.graph.render import FORMATS, emit
from armsgraph.graph.store import Settings, Store, open_store
from armsgraph.graph.store.falkordb import EmbeddedServer
from armsgraph.loaders.base import LOADERS, get
from armsgraph.loaders.resolve import Resolver
from armsgraph.schema.errors import CatalogueError, LoaderFailure, StoreError

err = Console(stderr=True)
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="table for people, json or csv for pipes")
param_option = click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="query parameter")


class Context:
    """Settings from flags/environment and the store, opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data_dir = settings.resolved_data_dir() if not settings.uri else None
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--param expects KEY=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


class Main(click.Group):
    """Turns every expected failure into one line on stderr and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (StoreError, CatalogueError, LoaderFailure, KeyError, OSError, ValueError) as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            click.echo(f"armsgraph: error: {' '.join(str(message).split())}", err=True)
            sys.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug, not bad input: still one line unless asked for more
            if os.environ.get("ARMSGRAPH_DEBUG"):
                raise
            click.echo(f"armsgraph: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
                       "(set ARMSGRAPH_DEBUG=1 for the traceback)", err=True)
            sys.exit(3)
        finally:
            obj = ctx.obj
            if isinstance(obj, Context):
                obj.close()


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(path_type=Path), envvar="ARMSGRAPH_DATA_DIR",
              help="embedded store directory [env ARMSGRAPH_DATA_DIR; default: the user data dir]")
@click.option("--uri", envvar="NEO4J_URI", help="Neo4j URI (bolt://, neo4j://); when set, Neo4j is used")
@click.option("--user", envvar="NEO4J_USERNAME", help="Neo4j user [env NEO4J_USERNAME]")
@click.option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password [env NEO4J_PASSWORD]")
@click.option("--database", envvar="NEO4J_DATABASE", help="Neo4j database / embedded graph name")
@click.version_option(package_name="armsgraph")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, uri: str | None, user: str | None, password: str | None,
         database: str | None) -> None:
    """armsgraph: an arms-transfer knowledge graph (Neo4j, or an embedded FalkorDB by default)."""
    ctx.obj = Context(Settings(uri=uri or None, user=user, password=password, database=database,
                               data_dir=data_dir))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--loader", "loader_name", help="force a loader (see 'armsgraph loaders')")
@click.option("--force", is_flag=True, help="reload documents whose content hash is already loaded")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, help="rows per write statement")
@format_option
@click.pass_obj
def load(obj: Context, paths: tuple[Path, ...], loader_name: str | None, force: bool, batch_size: int | None,
         fmt: str) -> None:
    """Load files or directories; exit code 1 if any record failed."""
    store = obj.store
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, Any] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        resolver = Resolver.standard(obj.data_dir)  # the user's judgements live beside the data
        report = load_paths(store, list(paths), loader_name=loader_name, force=force, batch_size=batch_size,
                            progress=progress, resolver=resolver)
    if obj.data_dir is not None:
        resolver.flush_review(obj.data_dir)  # names to review, for 'armsgraph resolve review'
    columns = ["file", "loader", "read", "loaded", "skipped", "errors", "warnings", "note"]
    rows = [[d.file, d.loader, d.read, d.loaded, "yes" if d.skipped else "", d.errors, d.warnings, d.note]
            for d in report.documents]
    emit(columns, rows, fmt, title="load summary")
    for error in report.errors[:200]:
        click.echo(str(error), err=True)
    if len(report.errors) > 200:
        click.echo(f"... and {len(report.errors) - 200} more errors", err=True)
    sys.exit(1 if report.failed else 0)


@main.command("loaders")
@format_option
def loaders_cmd(fmt: str) -> None:
    """List the loaders."""
    rows = [[name, get(name).version, get(name).description] for name in LOADERS]
    emit(["loader", "version", "reads"], rows, fmt)


@main.group()
def query() -> None:
    """The catalogue of prebuilt queries."""


@query.command("list")
@format_option
def query_list(fmt: str) -> None:
    """List the prebuilt queries with their parameters."""
    rows = []
    for q in load_catalogue().values():
        params = ", ".join(p.name if p.required else f"{p.name}={p.default}" for p in q.params)
        rows.append([q.name, q.description, params])
    emit(["name", "description", "parameters"], rows, fmt)


@query.command("show")
@click.argument("name")
def query_show(name: str) -> None:
    """Print a query's Cypher (paste it into Neo4j Browser with :param lines)."""
    q = get_query(name)
    for p in q.params:
        click.echo(f"// :param {p.name} ({p.type}{'' if p.required else ', default ' + str(p.default)}): {p.doc}")
    click.echo(q.cypher)


@query.command("run")
@click.argument("name")
@param_option
@format_option
@click.option("--show-cypher", is_flag=True, help="print the Cypher sent to the store on stderr")
@click.pass_obj
def query_run(obj: Context, name: str, params: tuple[str, ...], fmt: str, show_cypher: bool) -> None:
    """Run a prebuilt query: armsgraph query run country-people --param country=USA"""
    q = get_query(name)
    bound = parse_params(params)
    if show_cypher:
        click.echo(obj.store.dialect.translate(q.cypher), err=True)
        click.echo(f"// params: {json.dumps(q.bind(bound), default=str)}", err=True)
    result = q.run(obj.store, bound)
    emit(result.columns, result.rows, fmt, title=q.name)


@main.command()
@click.argument("text")
@param_option
@format_option
@click.option("--write", is_flag=True, help="allow statements that change the graph")
@click.pass_obj
def cypher(obj: Context, text: str, params: tuple[str, ...], fmt: str, write: bool) -> None:
    """Run an ad-hoc Cypher query (read-only unless --write); parameters are strings."""
    result = obj.store.run(text, dict(parse_params(params)), write=write)
    emit(result.columns, result.rows, fmt)


@main.command()
@format_option
@click.pass_obj
def stats(obj: Context, fmt: str) -> None:
    """Counts per node label and per relationship type."""
    counts = graph_counts(obj.store)
    emit(["kind", "name", "count"], [[k, n, c] for k, n, c in counts], fmt, title=obj.store.describe())


@main.command()
@click.option("--missing", is_flag=True, help="also list states one treaty table has and another omits")
@format_option
@click.pass_obj
def conflicts(obj: Context, missing: bool, fmt: str) -> None:
    """Where reference sources disagree (treaty dates, regime memberships); both sides stay in the graph."""
    rows: list[list[Any]] = []
    for c in party_conflicts(obj.store, missing=missing):
        rows.append(["treaty", c.get("treaty"), c.get("country"), c.get("name"), json.dumps(
            {k: v for k, v in c.items() if k not in ("treaty", "country", "name")}, ensure_ascii=False)])
    for m in membership_conflicts(obj.store):
        rows.append(["membership", m["org"], m["country"], m["name"],
                     f"listed by {m['listed_by']}, not by {m['not_listed_by']}"])
    emit(["kind", "of", "country", "name", "difference"], rows, fmt, title="source conflicts")


@main.group()
def db() -> None:
    """The embedded FalkorDB server (not used when Neo4j is configured)."""


def _server(obj: Context) -> Any:
    if obj.settings.uri:
        raise click.UsageError("Neo4j is configured (--uri / NEO4J_URI); 'db' manages the embedded store only")

    return EmbeddedServer(obj.settings.resolved_data_dir())


@db.command("start")
@click.pass_obj
def db_start(obj: Context) -> None:
    """Start the embedded server for the data dir (a no-op if it runs)."""
    status = _server(obj).start()
    click.echo(f"running (pid {status.pid}) on {status.socket}, data in {status.data_dir}")


@db.command("stop")
@click.pass_obj
def db_stop(obj: Context) -> None:
    """Stop the embedded server; its data stays on disk."""
    click.echo("stopped" if _server(obj).stop() else "not running")


@db.command("status")
@format_option
@click.pass_obj
def db_status(obj: Context, fmt: str) -> None:
    """Is the embedded server running, and where."""
    status = _server(obj).status()
    fields = asdict(status)
    emit(list(fields), [[str(v) if isinstance(v, Path) else v for v in fields.values()]], fmt)


main.add_command(resolve)
main.add_command(extract)
main.add_command(eval_cmd)

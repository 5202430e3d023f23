"""``armsgraph db start|stop|status|check|repair``: the embedded FalkorDB server of the data dir."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.render import emit
from armsgraph.graph.store import aof
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.schema.errors import UserError


@click.group()
def db() -> None:
    """The embedded FalkorDB server (not used when Neo4j is configured)."""


def _server(obj: Context) -> EmbeddedServer:
    if obj.settings.uri:
        raise click.UsageError("Neo4j is configured (--uri / NEO4J_URI); 'db' manages the embedded store only")
    return EmbeddedServer(obj.settings.resolved_data_dir())


@db.command("start")
@click.pass_obj
def db_start(obj: Context) -> None:
    """Start the embedded server for the data dir (a no-op if it runs)."""
    status = _server(obj).start()
    obj.store  # noqa: B018 -- opening it rolls back what a crashed load left half-written (graph.load.recover_if_idle)
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


@db.command("check")
@click.pass_obj
def db_check(obj: Context) -> None:
    """Check the append-only file: one line per file; exit 0 if sound, 2 if damaged."""
    server = _server(obj)
    report = aof.check(server.db_dir)
    for state in report.files:
        click.echo(str(state))
    if not report.ok:
        click.echo(f"armsgraph: damaged; run '{aof.REPAIR}' (it backs up {report.directory} first)", err=True)
        raise SystemExit(2)


@db.command("repair")
@click.pass_obj
def db_repair(obj: Context) -> None:
    """Back up the append-only file, then make it loadable again, and say what was dropped."""
    server = _server(obj)
    if server.status().running:
        raise UserError("the embedded server is running; stop it first: armsgraph db stop")
    saved, done = aof.repair(server.db_dir)
    if saved is not None:
        click.echo(f"backup: {saved}")
    for line in done:
        click.echo(line)

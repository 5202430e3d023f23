"""``armsgraph db start|stop|status``: the embedded FalkorDB server of the data dir."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from armsgraph.graph.cli.context import Context, format_option
from armsgraph.graph.render import emit
from armsgraph.graph.store.server import EmbeddedServer


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

"""The ``armsgraph`` group: global options, the shared context, and the error policy.

Error policy (exit codes): 0 done; 1 a load in which records failed (reported as records); 2 bad
input or an unreachable store (an :class:`ArmsgraphError` or a click usage error), one line on
stderr; 3 a bug (any other exception), one line ``armsgraph: internal error: ...`` plus its
traceback through ``logging`` with ``-v``/``--debug`` or ``ARMSGRAPH_DEBUG=1``.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from armsgraph.graph.cli import logs
from armsgraph.graph.cli.context import Context
from armsgraph.graph.store import Settings
from armsgraph.schema.errors import ArmsgraphError

log = logging.getLogger("armsgraph.cli")

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


COMMANDS: dict[str, tuple[str, str]] = {
    "load": ("load", "load"), "loaders": ("load", "loaders_cmd"), "query": ("query", "query"),
    "cypher": ("query", "cypher"), "find": ("find", "find"), "list": ("find", "list_cmd"),
    "stats": ("summary", "stats"), "conflicts": ("summary", "conflicts"), "db": ("db", "db"),
    "resolve": ("resolve", "resolve"),
    "extract": ("text", "extract"), "eval": ("text", "eval_cmd"), "export": ("export", "export_cmd"),
    "browser-kit": ("export", "browser_kit"), "review": ("review", "review"), "serve": ("serve", "serve"),
}
"""Command name -> (module of ``armsgraph.graph.cli``, attribute). A command's module is imported when the command
runs (or help lists it): ``armsgraph extract`` does not import the query catalogue, the exporters or the loaders of
other sources, which saves start-up time (``bench/bench_startup.py``)."""


class Main(click.Group):
    """Expected failures become one line and exit 2; anything else is a bug: exit 3, traceback on request.

    Commands are imported on first use (``COMMANDS``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None or cmd_name not in COMMANDS:
            return found
        module, attr = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"armsgraph.graph.cli.{module}"), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"armsgraph.graph.cli.{module}.{attr} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ArmsgraphError as exc:
            log.debug("traceback of the error below", exc_info=exc)
            click.echo(f"armsgraph: error: {one_line(exc)}", err=True)
            sys.exit(EXIT_USER_ERROR)
        except BrokenPipeError:  # the reader of our output went away (| head): not a bug, nothing to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:
            if not logs.configured():  # failed before the group callback ran
                logs.configure()
            log.error("internal error: %s: %s", type(exc).__name__, one_line(exc), exc_info=exc)
            sys.exit(EXIT_INTERNAL_ERROR)
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
@click.option("-v", "--verbose", is_flag=True, help="log progress notes, and tracebacks of internal errors")
@click.option("--debug", is_flag=True, help="log everything, with tracebacks [env ARMSGRAPH_DEBUG=1]")
@click.version_option(package_name="armsgraph")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, uri: str | None, user: str | None, password: str | None,
         database: str | None, verbose: bool, debug: bool) -> None:
    """armsgraph: an arms-transfer knowledge graph (Neo4j, or an embedded FalkorDB by default).

    Exit codes: 0 done, 1 a load with failed records, 2 bad input or store unreachable, 3 internal error.
    """
    logs.configure(verbose=verbose, debug=debug)
    ctx.obj = Context(Settings(uri=uri or None, user=user, password=password, database=database,
                               data_dir=data_dir))

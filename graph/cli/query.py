"""``armsgraph query list|show|run`` (the catalogue) and ``armsgraph cypher`` (ad-hoc statements)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import click

from armsgraph.graph.catalogue import get_query, load_catalogue
from armsgraph.graph.catalogue.browser import browser_text
from armsgraph.graph.cli.context import Context, format_option, param_option, parse_params
from armsgraph.graph.render import FORMATS, emit
from armsgraph.graph.store import Cypher
from armsgraph.schema.errors import UserError

PARAM_COLUMNS = ["name", "type", "default", "required", "doc"]


@click.group()
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
@click.option("--format", "fmt", type=click.Choice(("text", *FORMATS)), default="text", show_default=True,
              help="text: as Neo4j Browser runs it; table/csv: the parameters; json: everything")
def query_show(name: str, fmt: str) -> None:
    """Print a query as Neo4j Browser runs it: :param lines (defaults, or examples), then the Cypher.

    --format json gives one object: name, description, stores, params (name, type, default, required,
    doc), cypher and browser (the text above); table and csv list the parameters.
    """
    q = get_query(name)
    if fmt == "text":
        click.echo(browser_text(q), nl=False)
        return
    params = [[p.name, p.type, p.default, p.required, p.doc] for p in q.params]
    if fmt == "json":
        described = [dict(zip(PARAM_COLUMNS, row, strict=True)) for row in params]
        emit(["name", "description", "stores", "params", "cypher", "browser"],
             [[q.name, q.description, list(q.dialects), described, str(q.cypher), browser_text(q)]], fmt)
    else:
        emit(PARAM_COLUMNS, params, fmt, title=f"{q.name}: {q.description}")


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
    if result.truncated:
        click.echo(f"armsgraph: note: the first {result.limit} rows are shown; there are more "
                   "(--param limit=N shows more)", err=True)


_USED = re.compile(r"\$([A-Za-z_]\w*)")
_TYPED: dict[str, Callable[[str], Any]] = {"str": str, "int": int, "float": float, "bool": lambda v: _bool(v),
                                           "json": json.loads}


def _bool(value: str) -> bool:
    low = value.strip().lower()
    if low not in ("true", "false", "yes", "no", "1", "0"):
        raise ValueError(f"{value!r} is not true or false")
    return low in ("true", "yes", "1")


def typed_params(raw: dict[str, str]) -> dict[str, Any]:
    """``name:type`` keys become typed values (int, float, bool, json); plain keys stay strings."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name, _, kind = key.partition(":")
        if kind and kind not in _TYPED:
            raise UserError(f"--param {key}: unknown type {kind!r} (str, int, float, bool, json)")
        try:
            out[name] = _TYPED[kind or "str"](value)
        except ValueError as exc:
            raise UserError(f"--param {key}: {value!r} is not a valid {kind} ({exc})") from None
    return out


@click.command()
@click.argument("text")
@param_option
@format_option
@click.option("--write", is_flag=True, help="allow statements that change the graph")
@click.pass_obj
def cypher(obj: Context, text: str, params: tuple[str, ...], fmt: str, write: bool) -> None:
    """Run an ad-hoc Cypher query (read-only unless --write).

    Parameters are strings unless typed: --param n:int=3, --param x:float=1.5, --param b:bool=true,
    --param ids:json='["country:USA"]'.
    """
    statement = Cypher(text)  # the one place a person's text becomes a statement: values still go as --param
    values = typed_params(parse_params(params))
    missing = sorted(set(_USED.findall(text)) - set(values))
    if missing:
        raise UserError(f"the statement uses ${missing[0]} but no --param {missing[0]}=... was given")
    result = obj.store.run(statement, values, write=write)
    emit(result.columns, result.rows, fmt)

"""A catalogue query as Neo4j Browser runs it: ``:param`` lines with typed values, then the Cypher.

Browser evaluates ``:param name => <expression>;`` as Cypher, so values are written as Cypher literals:
ints and floats unquoted, booleans bare, lists as lists, text quoted and escaped. A required parameter has
no default; it gets the example below (from the seed story: the seed file and the RT article on US cluster
munitions for Ukraine), so every file runs as it is on the seed data. A new query with a new required
parameter needs an example here (the browser-kit test says so).
"""

from __future__ import annotations

from typing import Any

from armsgraph.graph.catalogue.catalogue import TODAY, CannedQuery, Param
from armsgraph.graph.export.literal import literal
from armsgraph.schema.errors import CatalogueError

EXAMPLES: dict[str, str] = {
    "about": "category:cluster-munitions",
    "category": "category:cluster-munitions",
    "country": "country:USA",
    "document": "doc:480893b407c0aea4219c4b99",
    "family": "family:patriot",
    "id": "person:anatoly-antonov",
    "recipient": "country:UKR",
    "speaker": "person:anatoly-antonov",
    "supplier": "country:USA",
}
"""Ids, not names: the CLI resolves a name to its id (graph.catalogue.names), Browser sends the value as it is."""


def browser_value(query: CannedQuery, param: Param) -> Any:
    """The typed value a Browser ``:param`` line sets: the default, else the example."""
    raw = param.default if not param.required else EXAMPLES.get(param.name)
    if raw is None:
        raise CatalogueError(f"{query.name}: required parameter {param.name!r} has no example "
                             "(add one to armsgraph.graph.catalogue.browser.EXAMPLES)")
    return param.coerce(raw)


def param_lines(query: CannedQuery) -> list[str]:
    """``:param name => value;`` for every parameter (a date defaulting to today: Browser's own date())."""
    return [f":param {p.name} => {TODAY_EXPRESSION if _today(p) else literal(browser_value(query, p))};"
            for p in query.params]


TODAY_EXPRESSION = "toString(date())"


def _today(param: Param) -> bool:
    return param.type == "date" and not param.required and (param.default or "").strip().lower() == TODAY


def browser_text(query: CannedQuery) -> str:
    """What pastes or drags into Browser (multi-statement editor): a title line (Browser names a dragged
    favourite after it), what each parameter means, the ``:param`` lines, then the query."""
    head = [f"// {query.name}: {query.description}"]
    head += [f"// {p.name} ({p.type}, {'example' if p.required else 'default'}): {p.doc}" for p in query.params]
    return "\n".join([*head, *param_lines(query), query.cypher.rstrip().rstrip(";") + ";"]) + "\n"

"""The query catalogue: prebuilt traversals as data, one ``.cypher`` file each with a small header.

Header lines (before the Cypher) look like::

    // name: country-people
    // description: People and the positions they hold in a country
    // param: country: country -- a state: name, ISO 3166-1 alpha-3 (USA) or id (country:USA)
    // param: limit: int = 50 -- rows shown
    // dialects: neo4j, falkordb

A parameter without ``= default`` is required. Types are ``str``, ``int``, ``float``, ``bool``, ``list``,
``date`` (ISO, checked; ``today`` is the day the query runs) and the entity kinds of
:mod:`armsgraph.graph.catalogue.names` (``country``, ``actor``, ``speaker``, ``person``, ``weapon``,
``category``, ``treaty``, ``organization``, ``document``, ``entity``): the value may be a name or a code, and
reaches the query as the node's id. A ``limit`` parameter bounds the whole result, and a result cut by it says
so (``CatalogueResult.truncated``). The CLI, the generated docs table and the Cypher grammar check all read the
catalogue through :func:`load_catalogue`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from armsgraph.graph.catalogue.names import KINDS, Names
from armsgraph.graph.store import Cypher, QueryResult, Store
from armsgraph.schema.errors import CatalogueError

_HEADER = re.compile(r"^//\s*(name|description|param|dialects|one of)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>[a-z]+)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$"
)
SCALAR_TYPES = ("str", "int", "float", "bool", "list", "date")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_USED = re.compile(r"\$([A-Za-z_]\w*)")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    doc: str

    @property
    def required(self) -> bool:
        return self.default is None

    @property
    def kind(self) -> str | None:
        """The entity kind this parameter names, or None for a plain value."""
        return self.type if self.type in KINDS else None

    def coerce(self, raw: str, names: Names | None = None) -> Any:
        """Turn a command-line string into the declared type (an entity's name into its id)."""
        if self.kind is not None:
            if not raw.strip() and self.default == "":
                return ""  # an optional entity left empty: the query's 'all'
            if names is None:
                return raw  # resolving a name needs the graph: without one the value goes as given
            return names.id_of(self.kind, raw, param=self.name)
        if self.type == "date":
            return _check_date(self.name, raw)
        try:
            if self.type == "int":
                return int(raw)
            if self.type == "float":
                return float(raw)
            if self.type == "bool":
                low = raw.strip().lower()
                if low not in _TRUE | _FALSE:
                    raise ValueError(raw)
                return low in _TRUE
            if self.type == "list":
                return [part.strip() for part in raw.split(",") if part.strip()]
        except ValueError as exc:
            raise CatalogueError(f"parameter {self.name}: {raw!r} is not a valid {self.type}") from exc
        return raw


TODAY = "today"
"""A date parameter's value (or default) meaning the day the query runs."""


def _check_date(name: str, raw: str) -> str:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that exists in the calendar, or ``today``."""
    text = raw.strip()
    if text.lower() == TODAY:
        return dt.date.today().isoformat()
    if not _DATE.match(text):
        raise CatalogueError(f"parameter {name}: {raw!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    try:
        dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError as exc:
        raise CatalogueError(f"parameter {name}: {raw!r} is not a date ({exc})") from None
    return text


@dataclass
class CatalogueResult(QueryResult):
    """A query's rows; ``truncated`` when its ``limit`` cut the result (``limit`` rows are shown)."""

    truncated: bool = False
    limit: int | None = None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    description: str
    cypher: Cypher
    path: Path
    params: tuple[Param, ...] = ()
    dialects: tuple[str, ...] = ("neo4j", "falkordb")
    extra: dict[str, str] = field(default_factory=dict)
    one_of: tuple[str, ...] = ()
    """Parameters of which at least one must be given (``// one of: supplier, recipient``)."""

    def bind(self, raw: dict[str, str], names: Names | None = None) -> dict[str, Any]:
        """Declared parameters from strings, defaults filled in; unknown or missing ones are errors."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise CatalogueError(f"{self.name} has no parameter {unknown[0]!r} "
                                 f"(parameters: {', '.join(declared) or 'none'})")
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in raw:
                bound[param.name] = param.coerce(raw[param.name], names)
            elif param.required:
                raise CatalogueError(f"{self.name} needs --param {param.name}=... ({param.doc})")
            else:
                bound[param.name] = param.coerce(param.default or "", names)
        if self.one_of and not any(str(raw.get(name, "")).strip() for name in self.one_of):
            raise CatalogueError(f"{self.name} needs one of --param {' / '.join(f'{n}=...' for n in self.one_of)}")
        if isinstance(bound.get("limit"), int) and bound["limit"] < 0:
            raise CatalogueError(f"parameter limit: {bound['limit']} is negative")
        return bound

    def run(self, store: Store, raw: dict[str, str], names: Names | None = None) -> CatalogueResult:
        """Run with parameters from strings; one row more than ``limit`` is asked for, to tell a cut result."""
        if store.dialect.name not in self.dialects:
            raise CatalogueError(f"{self.name} needs {' or '.join(self.dialects)}; this store is {store.dialect.name}")
        bound = self.bind(raw, names or Names(store))
        limit = bound.get("limit") if isinstance(bound.get("limit"), int) else None
        if limit is not None:
            bound["limit"] = limit + 1
        result = store.run(self.cypher, bound)
        truncated = limit is not None and len(result.rows) > limit
        rows = result.rows[:limit] if limit is not None else result.rows
        return CatalogueResult(result.columns, rows, result.stats, truncated=truncated, limit=limit)


def parse_query_file(path: Path, text: str) -> CannedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line) if in_header else None
        if match:
            key, value = match.groups()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm:
                    raise CatalogueError(f"{path.name}:{number}: malformed param line {value!r}")
                if pm["type"] not in SCALAR_TYPES and pm["type"] not in KINDS:
                    raise CatalogueError(f"{path.name}:{number}: unknown parameter type {pm['type']!r} "
                                         f"(one of {', '.join((*SCALAR_TYPES, *KINDS))})")
                params.append(Param(pm["name"], pm["type"], pm["default"], (pm["doc"] or "").strip()))
            else:
                meta[key] = value
            continue
        if in_header and (not line.strip() or line.lstrip().startswith("//")):
            continue
        in_header = False
        body.append(line)
    cypher = Cypher("\n".join(body).strip())  # a catalogue file is statement text by construction
    for required in ("name", "description"):
        if required not in meta:
            raise CatalogueError(f"{path.name}: header has no '// {required}:' line")
    if meta["name"] != path.stem:
        raise CatalogueError(f"{path.name}: name {meta['name']!r} differs from the file name")
    used = set(_USED.findall(cypher))
    declared = {p.name for p in params}
    if used != declared:
        missing, unused = sorted(used - declared), sorted(declared - used)
        raise CatalogueError(f"{path.name}: parameters used but not declared {missing}, declared but unused {unused}")
    dialects = tuple(d.strip() for d in meta.get("dialects", "neo4j, falkordb").split(",") if d.strip())
    one_of = tuple(n.strip() for n in meta.get("one of", "").split(",") if n.strip())
    if set(one_of) - declared:
        raise CatalogueError(f"{path.name}: 'one of' names undeclared parameters {sorted(set(one_of) - declared)}")
    return CannedQuery(meta["name"], meta["description"], cypher, path, tuple(params), dialects, one_of=one_of)


@cache
def load_catalogue() -> dict[str, CannedQuery]:
    """Every query in ``armsgraph/graph/catalogue/queries``, by name."""
    folder = resources.files("armsgraph.graph.catalogue") / "queries"
    queries: dict[str, CannedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            query = parse_query_file(Path(str(entry)), entry.read_text(encoding="utf-8"))
            queries[query.name] = query
    return queries


def get_query(name: str) -> CannedQuery:
    catalogue = load_catalogue()
    if name not in catalogue:
        raise CatalogueError(f"no query named {name!r}; 'armsgraph query list' shows them")
    return catalogue[name]


def catalogue_markdown() -> str:
    """The query table for docs/queries.md (generated)."""
    lines = ["# Query catalogue", "",
             "Generated from `graph/catalogue/queries/*.cypher` by `make docs`; run one with",
             "`armsgraph query run NAME --param key=value`, print its Cypher with `armsgraph query show NAME`.", "",
             "| name | description | parameters | stores |", "|---|---|---|---|"]
    for q in load_catalogue().values():
        params = "<br>".join(
            f"`{p.name}` ({p.type}{'' if p.required else ', default ' + str(p.default)}): {p.doc}" for p in q.params)
        lines.append(f"| `{q.name}` | {q.description} | {params} | {', '.join(q.dialects)} |")
    return "\n".join(lines) + "\n"

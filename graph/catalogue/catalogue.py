"""The query catalogue: prebuilt traversals as data, one ``.cypher`` file each with a small header.

Header lines (before the Cypher) look like::

    // name: country-people
    // description: People and the positions they hold in a country
    // param: country: str -- ISO 3166-1 alpha-3 (e.g. USA) or a node id
    // param: limit: int = 50 -- rows shown
    // dialects: neo4j, falkordb

A parameter without ``= default`` is required. The CLI, the generated docs table and the Cypher
grammar check all read the catalogue through :func:`load_catalogue`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from armsgraph.graph.store import Cypher, QueryResult, Store
from armsgraph.schema.errors import CatalogueError

_HEADER = re.compile(r"^//\s*(name|description|param|dialects)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>str|int|float|bool|list)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$"
)
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

    def coerce(self, raw: str) -> Any:
        """Turn a command-line string into the declared type."""
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


@dataclass(frozen=True)
class CannedQuery:
    name: str
    description: str
    cypher: Cypher
    path: Path
    params: tuple[Param, ...] = ()
    dialects: tuple[str, ...] = ("neo4j", "falkordb")
    extra: dict[str, str] = field(default_factory=dict)

    def bind(self, raw: dict[str, str]) -> dict[str, Any]:
        """Declared parameters from strings, defaults filled in; unknown or missing ones are errors."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise CatalogueError(f"{self.name} has no parameter {unknown[0]!r} "
                                 f"(parameters: {', '.join(declared) or 'none'})")
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in raw:
                bound[param.name] = param.coerce(raw[param.name])
            elif param.required:
                raise CatalogueError(f"{self.name} needs --param {param.name}=... ({param.doc})")
            else:
                bound[param.name] = param.coerce(param.default or "")
        return bound

    def run(self, store: Store, raw: dict[str, str]) -> QueryResult:
        if store.dialect.name not in self.dialects:
            raise CatalogueError(f"{self.name} needs {' or '.join(self.dialects)}; this store is {store.dialect.name}")
        return store.run(self.cypher, self.bind(raw))


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
    return CannedQuery(meta["name"], meta["description"], cypher, path, tuple(params), dialects)


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

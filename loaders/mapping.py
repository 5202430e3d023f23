"""Declarative table mappings: one small YAML file per table layout turns CSV rows into schema relations.

Why: a new table source (a party list, a membership list, an aid tracker) should be one data file, not
another 300 lines of per-layout if-chains. A mapping names the relation it produces, the columns that
identify the layout, how each endpoint is found, which column feeds which property, the date columns and
their formats, value maps, constants and the provenance rule. It is checked against the schema when it is
read (:class:`MappingError` names the file and the key), so a typo fails at start-up, not on row 4,000.

The engine (:func:`map_rows`) does what every layout shares: undecodable and truncated rows, value maps,
dates, endpoint lookups, one relation per (source, target) pair per file, each problem recorded as
``file:line:field: reason``. How an entity is looked up (the resolver for a Country, the catalogue for a
Treaty) and the rules of one relation type (a treaty's date order) are passed in by the loader: they are
code, written once per entity or relation type, not once per layout. The format is in
docs/reference-tables.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

from armsgraph.loaders.io import CsvRow, CsvTable
from armsgraph.schema import NODE_TYPES, RELATION_TYPES, Node, Relation
from armsgraph.schema.batch import Batch
from armsgraph.schema.values import iso_date_problem

ISO, YEAR = "iso", "year"
"""Date formats beyond strptime's: ``iso`` = strict YYYY-MM-DD, ``year`` = YYYY alone (kept as 'YYYY')."""


class MappingError(ValueError):
    """A mapping file that does not fit the schema or the mapping format."""


# -- dates -------------------------------------------------------------------------------------------


def parse_date(raw: str, formats: tuple[str, ...] = (ISO, "%d %b %Y", "%d %B %Y")) -> str | None:
    """An ISO date string (or 'YYYY' for the ``year`` format) from the first format that fits; ValueError
    naming the value when none does, or the date is not a real calendar date within the years every date of
    the graph must lie in (schema.values: '9999-12-31' is a placeholder, and would overflow date arithmetic)."""
    found = _parse_date(raw, formats)
    problem = None if found is None else iso_date_problem(found)
    if problem is not None:
        raise ValueError(f"invalid date {raw.strip()[:40]!r}: {problem}")
    return found


def _parse_date(raw: str, formats: tuple[str, ...]) -> str | None:
    text = raw.strip()
    if not text:
        return None
    for fmt in formats:
        if fmt == YEAR:
            if re.fullmatch(r"[0-9]{4}", text):
                return text
        elif fmt == ISO:
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                try:
                    return dt.date.fromisoformat(text).isoformat()
                except ValueError as exc:
                    raise ValueError(f"invalid date {text!r} ({exc})") from None
        else:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError as exc:
                if "day is out of range" in str(exc) or "unconverted" in str(exc):
                    raise ValueError(f"invalid date {text!r} ({exc})") from None
    shown = " or ".join({ISO: "YYYY-MM-DD", YEAR: "YYYY"}.get(f, repr(f)) for f in formats)
    raise ValueError(f"invalid date {text!r}: expected {shown}")


# -- the mapping -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """How one end of the relation is found in a row."""

    entity: type[Node]
    names: tuple[str, ...] = ()
    """Columns naming it, tried in order (a name the entity's lookup resolves)."""
    code: str | None = None
    """A column holding a code (ISO 3166 for a Country) that must agree with the name, or stands alone."""
    filename: re.Pattern[str] | None = None
    """A pattern on the file name whose group 1 names it when no column does."""
    ids: dict[str, str] = field(default_factory=dict)
    """Column -> fixed entity id: one relation per such column holding a value (membership columns)."""
    id: str | None = None
    """A fixed entity id (a list of one organisation's members)."""
    exact: bool = False
    """Only exact names or aliases count (no fuzzy match); with ``unresolved: skip`` for tables of mixed rows."""
    skip_unresolved: bool = False
    ignore: tuple[str, ...] = ()
    """Values that mean "no name" ('none')."""


@dataclass(frozen=True)
class ValueMap:
    """The property a date column feeds is picked by another column: UNTC action words -> ratified/accession."""

    column: str
    by: str
    map: dict[str, str]
    default: str | None = None
    """Property for a value not in the map; None: an unknown value is an error."""


@dataclass(frozen=True)
class TableMapping:
    """One table layout, as read from its YAML file and checked against the schema."""

    layout: str
    loader: str
    relation: type[Relation]
    required: frozenset[str]
    optional: frozenset[str]
    source: Endpoint
    target: Endpoint
    properties: dict[str, str]
    date_columns: tuple[str, ...]
    date_formats: tuple[str, ...]
    value_maps: tuple[ValueMap, ...]
    constants: dict[str, str]
    citation_column: str | None
    citation: str | None
    rule: str
    low_trust: bool = False
    skip_empty: bool = False
    """Rows without any property value are skipped silently (instead of reported)."""
    skip_unknown_target: bool = False
    skip_values_containing: tuple[str, ...] = ()
    """Cells holding one of these are qualified entries ('NSG (observer)'), not values."""
    description: str = ""
    path: str = ""

    def matches(self, header: list[str] | set[str]) -> bool:
        """Whether a (lower-cased) header has this layout's required columns (and one id column, if any)."""
        cols = set(header)
        if not self.required <= cols:
            return False
        return not self.target.ids or any(c.lower() in cols for c in self.target.ids)

    def column_of(self, prop: str) -> str:
        """The column a property is read from (for error reports), else the property's own name."""
        if prop in self.properties:
            return self.properties[prop]
        return next((vm.column for vm in self.value_maps if prop in vm.map.values() or prop == vm.default), prop)

    def rule_for(self, column: str | None) -> str:
        return self.rule.replace("{column}", column or "")


def _fail(path: str, key: str, reason: str) -> MappingError:
    return MappingError(f"{path}: {key}: {reason}")


def _strs(path: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, key, "expected a string or a list of strings")
    return tuple(value)


def _relation(path: str, name: str) -> type[Relation]:
    found = [r for r in RELATION_TYPES if r.type == name or r.__name__ == name]
    if len(found) != 1:
        known = sorted({r.type for r in RELATION_TYPES})
        raise _fail(path, "relation", f"unknown relation {name!r} (known: {', '.join(known)})")
    return found[0]


def _endpoint(path: str, key: str, spec: Any, allowed: tuple[type[Node], ...]) -> Endpoint:
    if not isinstance(spec, dict):
        raise _fail(path, key, "expected a mapping with 'entity' and a way to find it")
    unknown = set(spec) - {"entity", "name", "code", "filename", "ids", "id", "exact", "unresolved", "ignore"}
    if unknown:
        raise _fail(path, key, f"unknown keys {sorted(unknown)}")
    label = spec.get("entity")
    if label not in NODE_TYPES:
        raise _fail(path, f"{key}.entity", f"unknown entity {label!r} (known: {', '.join(sorted(NODE_TYPES))})")
    entity = NODE_TYPES[label]
    if not any(issubclass(entity, a) for a in allowed):
        raise _fail(path, f"{key}.entity", f"{label} cannot be this end of the relation "
                                           f"(expected {' or '.join(a.label for a in allowed)})")
    ids = spec.get("ids") or {}
    fixed = [*ids.values(), *([spec["id"]] if spec.get("id") else [])]
    for ident in fixed:
        if not isinstance(ident, str) or not ident.startswith(entity.prefix + ":"):
            raise _fail(path, f"{key}.ids", f"{ident!r} is not a {label} id ({entity.prefix}:...)")
    pattern = spec.get("filename")
    names = _strs(path, f"{key}.name", spec.get("name"))
    if not (names or spec.get("code") or pattern or fixed):
        raise _fail(path, key, "give a name column, a code column, a filename pattern, ids or an id")
    if spec.get("unresolved", "error") not in ("error", "skip"):
        raise _fail(path, f"{key}.unresolved", "expected 'error' or 'skip'")
    try:
        compiled = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise _fail(path, f"{key}.filename", f"bad pattern: {exc}") from None
    return Endpoint(entity=entity, names=names, code=spec.get("code"), filename=compiled,
                    ids={str(c): v for c, v in ids.items()}, id=spec.get("id"),
                    exact=bool(spec.get("exact")), skip_unresolved=spec.get("unresolved") == "skip",
                    ignore=tuple(v.lower() for v in _strs(path, f"{key}.ignore", spec.get("ignore"))))


_KEYS = {"layout", "loader", "description", "relation", "trust", "columns", "source", "target", "properties",
         "dates", "value_maps", "constants", "citation", "rule", "skip", "skip_values_containing"}


def parse_mapping(data: Any, path: str) -> TableMapping:
    """A mapping from its parsed YAML; :class:`MappingError` for anything the schema or the format rejects."""
    if not isinstance(data, dict):
        raise _fail(path, "(top)", "expected a mapping")
    unknown = set(data) - _KEYS
    if unknown:
        raise _fail(path, "(top)", f"unknown keys {sorted(unknown)} (known: {', '.join(sorted(_KEYS))})")
    for key in ("layout", "loader", "relation", "columns", "source", "target"):
        if key not in data:
            raise _fail(path, key, "missing")
    relation = _relation(path, str(data["relation"]))
    cols = data["columns"] if isinstance(data["columns"], dict) else {}
    required = {c.lower() for c in _strs(path, "columns.required", cols.get("required"))}
    optional = {c.lower() for c in _strs(path, "columns.optional", cols.get("optional"))}
    if not required:
        raise _fail(path, "columns.required", "a layout needs required columns (they identify it)")
    source = _endpoint(path, "source", data["source"], relation.sources)
    target = _endpoint(path, "target", data["target"], relation.targets)
    known_cols = required | optional | {c.lower() for c in (*target.ids, *source.ids)}
    props = set(relation.model_fields) - {"src", "dst"}

    def column(key: str, name: Any) -> str:
        if not isinstance(name, str) or name.lower() not in known_cols:
            raise _fail(path, key, f"unknown column {name!r}: declare it under columns.required or "
                                   "columns.optional")
        return name.lower()

    def prop(key: str, name: Any) -> str:
        if name not in props:
            raise _fail(path, key, f"{relation.type} has no property {name!r} (known: {', '.join(sorted(props))})")
        return str(name)

    for end, ep in (("source", source), ("target", target)):
        for c in (*ep.names, *([ep.code] if ep.code else [])):
            column(f"{end}.name", c)
    properties = {prop(f"properties.{p}", p): column(f"properties.{p}", c)
                  for p, c in (data.get("properties") or {}).items()}
    value_maps = []
    for i, vm in enumerate(data.get("value_maps") or []):
        key = f"value_maps[{i}]"
        if not isinstance(vm, dict) or not isinstance(vm.get("map"), dict):
            raise _fail(path, key, "expected column, by and map")
        value_maps.append(ValueMap(
            column=column(f"{key}.column", vm.get("column")), by=column(f"{key}.by", vm.get("by")),
            map={str(k).lower(): prop(f"{key}.map.{k}", v) for k, v in vm["map"].items()},
            default=prop(f"{key}.default", vm["default"]) if vm.get("default") is not None else None))
    dates = data.get("dates") or {}
    date_columns = tuple(column("dates.columns", c) for c in _strs(path, "dates.columns", dates.get("columns")))
    date_formats = _strs(path, "dates.formats", dates.get("formats")) or (ISO,)
    constants = {prop(f"constants.{k}", k): str(v) for k, v in (data.get("constants") or {}).items()}
    citation = data.get("citation") or {}
    if not isinstance(citation, dict) or set(citation) - {"column", "value"}:
        raise _fail(path, "citation", "expected {column: NAME} or {value: TEXT}")
    skip = set(_strs(path, "skip", data.get("skip")))
    if skip - {"empty", "unknown-target"}:
        raise _fail(path, "skip", f"unknown {sorted(skip - {'empty', 'unknown-target'})} "
                                  "(known: empty, unknown-target)")
    if data.get("trust", "normal") not in ("normal", "low"):
        raise _fail(path, "trust", "expected 'normal' or 'low'")
    return TableMapping(
        layout=str(data["layout"]), loader=str(data["loader"]), relation=relation,
        required=frozenset(required), optional=frozenset(optional), source=source, target=target,
        properties=properties, date_columns=date_columns, date_formats=date_formats,
        value_maps=tuple(value_maps), constants=constants,
        citation_column=column("citation.column", citation["column"]) if citation.get("column") else None,
        citation=citation.get("value"), rule=str(data.get("rule") or f"{data['loader']}:{data['layout']}"),
        low_trust=data.get("trust") == "low", skip_empty="empty" in skip,
        skip_unknown_target="unknown-target" in skip,
        skip_values_containing=_strs(path, "skip_values_containing", data.get("skip_values_containing")),
        description=str(data.get("description") or ""), path=path)


def load_mapping(path: Path) -> TableMapping:
    """Read and check one mapping file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MappingError(f"{path.name}: not valid YAML: {exc}") from exc
    return parse_mapping(data, path.name)


def load_mappings(folder: Path, loader: str) -> dict[str, TableMapping]:
    """Every ``*.yaml`` mapping in a folder that belongs to ``loader``, by layout name."""
    out: dict[str, TableMapping] = {}
    for path in sorted(folder.glob("*.yaml")):
        mapping = load_mapping(path)
        if mapping.loader != loader:
            continue
        if mapping.layout in out:
            raise MappingError(f"{path.name}: layout: {mapping.layout!r} is also defined in {out[mapping.layout].path}")
        out[mapping.layout] = mapping
    return out


def detect(mappings: Mapping[str, TableMapping], header: list[str], *, low_trust: bool = True) -> TableMapping | None:
    """The layout a header has (the most specific one when several fit)."""
    fits = [m for m in mappings.values() if m.matches(header) and (low_trust or not m.low_trust)]
    return max(fits, key=lambda m: len(m.required)) if fits else None


# -- the engine --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Miss:
    """Why a lookup found nothing (``on_code``: the code column is at fault, not the name)."""

    reason: str
    on_code: bool = False


class Lookup(Protocol):
    """Finds the node a row names: by name, by code, or both (then they must agree)."""

    def __call__(self, *, name: str | None, code: str | None, where: str, exact: bool) -> Node | Miss: ...


@dataclass
class MappingContext:
    """What a loader passes to the engine: lookups per entity label, ids, and its relation's own rules."""

    lookups: dict[str, Lookup]
    node_by_id: Callable[[str], Node | None]
    check: Callable[[dict[str, str | None], Node], tuple[str, str] | None] = lambda props, target: None
    """Rules of the relation type over a row's values: (property, reason) when the row is wrong."""


@dataclass
class Mapped:
    """One relation a row yields, before it goes to the batch."""

    line: int
    column: str | None
    source: Node
    target: Node
    props: dict[str, str | None]
    citation: str | None
    rule: str
    mapping: TableMapping

    def relation(self) -> Relation:
        values = {k: v for k, v in self.props.items() if v is not None}
        return self.mapping.relation(src=self.source.id, dst=self.target.id, **values)


def _first_bad_column(row: CsvRow, header: list[str]) -> str | None:
    return next((h for h in header if any(ord(c) > 127 for c in row.values.get(h, ""))), None)


class _Reader:
    def __init__(self, mapping: TableMapping, table: CsvTable, batch: Batch, ctx: MappingContext,
                 file: Path) -> None:
        self.m, self.table, self.batch, self.ctx, self.file = mapping, table, batch, ctx, file
        self.seen: dict[tuple[str, ...], tuple[int, dict[str, str | None]]] = {}

    def _lookup(self, ep: Endpoint, row: CsvRow) -> Node | Miss:
        """The node an endpoint names in this row (the last name tried decides the Miss)."""
        lookup = self.ctx.lookups.get(ep.entity.label)
        if ep.id:
            node = self.ctx.node_by_id(ep.id)
            if node is None:
                raise LookupError(f"{self.m.path}: no entity {ep.id}")
            return node
        names = [v for c in ep.names if (v := row.values.get(c, "")) and v.lower() not in ep.ignore]
        code = row.values.get(ep.code, "") if ep.code else ""
        if not names and ep.filename is not None and (found := ep.filename.search(self.file.stem.lower())):
            names = [found.group(1)]
        if lookup is None:
            raise LookupError(f"{self.m.path}: the loader has no lookup for {ep.entity.label}")
        where = f"{self.file.name}:{row.line}"
        if not names:
            return lookup(name=None, code=code or None, where=where, exact=ep.exact)
        result: Node | Miss = Miss("no name")
        for name in names:
            result = lookup(name=name, code=code or None, where=where, exact=ep.exact)
            if isinstance(result, Node):
                return result
        return result

    def _field(self, ep: Endpoint, miss: Miss) -> str | None:
        if miss.on_code and ep.code:
            return ep.code
        return ep.names[0] if ep.names else ep.code

    def run(self) -> Iterator[Mapped]:
        m, b = self.m, self.batch
        header = self.table.header
        for row in self.table.rows:
            b.records_read += 1
            if row.bad:
                b.error(row.line, row.bad_field or _first_bad_column(row, header), row.bad)
                continue
            missing = [h for j, h in enumerate(header) if j >= row.width and h in m.required]
            if missing:
                b.error(row.line, missing[0], f"truncated row: {row.width} of {len(header)} columns")
                continue
            if m.target.ids:
                yield from self._memberships(row)
            else:
                mapped = self._one(row)
                if mapped is not None:
                    yield mapped

    def _dates(self, row: CsvRow) -> dict[str, str | None] | None:
        values: dict[str, str | None] = dict(row.values)
        ok = True
        for col in self.m.date_columns:
            try:
                values[col] = parse_date(row.values.get(col, ""), self.m.date_formats)
            except ValueError as exc:
                self.batch.error(row.line, col, str(exc))
                ok = False
        return values if ok else None

    def _props(self, row: CsvRow, values: Mapping[str, str | None]) -> dict[str, str | None] | None:
        m = self.m
        props: dict[str, str | None] = {p: (values.get(c) or None) for p, c in m.properties.items()}
        for vm in m.value_maps:
            value = values.get(vm.column)
            if not value:
                continue
            chosen = vm.map.get(row.values.get(vm.by, "").lower(), vm.default)
            if chosen is None:
                self.batch.error(row.line, vm.by, f"unknown {vm.by} {row.values.get(vm.by)!r} for a "
                                                  f"{vm.column} value (known: {', '.join(sorted(vm.map))})")
                return None
            props[chosen] = value
        return props

    def _one(self, row: CsvRow) -> Mapped | None:
        m, b = self.m, self.batch
        raw = self._props(row, row.values)
        if raw is None:
            return None
        if m.skip_empty and not any(raw.values()):
            return None
        target = self._lookup(m.target, row)
        if not isinstance(target, Node):
            if not m.skip_unknown_target:
                b.error(row.line, self._field(m.target, target) or m.target.entity.label.lower(), target.reason)
            return None
        values = self._dates(row)
        if values is None:
            return None
        props = self._props(row, values)
        if props is None:
            return None
        problem = self.ctx.check(props, target)
        if problem is not None:
            b.error(row.line, m.column_of(problem[0]), problem[1])
            return None
        source = self._lookup(m.source, row)
        if not isinstance(source, Node):
            if not m.source.skip_unresolved:
                b.error(row.line, self._field(m.source, source), source.reason)
            return None
        return self._keep(row, source, target, props, None)

    def _memberships(self, row: CsvRow) -> Iterator[Mapped]:
        m = self.m
        wanted = [(c, ident) for c, ident in m.target.ids.items()
                  if (v := row.values.get(c.lower(), "")) and not any(s in v for s in m.skip_values_containing)]
        if not wanted:
            return
        source = self._lookup(m.source, row)
        if not isinstance(source, Node):
            if not m.source.skip_unresolved:
                self.batch.error(row.line, self._field(m.source, source), source.reason)
            return
        values = self._dates(row)
        props = self._props(row, values) if values is not None else None
        if props is None:
            return
        for col, ident in wanted:
            target = self.ctx.node_by_id(ident)
            if target is None:
                raise LookupError(f"{m.path}: no entity {ident}")
            mapped = self._keep(row, source, target, dict(props), col)
            if mapped is not None:
                yield mapped

    def _keep(self, row: CsvRow, source: Node, target: Node, props: dict[str, str | None],
              column: str | None) -> Mapped | None:
        m = self.m
        for k, v in m.constants.items():
            props[k] = v.replace("{file}", self.file.stem)
        # one relation per endpoints and key (a relation keyed by more than its source, such as a tracker's
        # total per category, may link the same two entities once per key)
        pair = (source.id, target.id, *(str(props.get(k)) for k in m.relation.key_props if k != "source"))
        if pair in self.seen:
            first, first_props = self.seen[pair]
            what = "duplicate of" if first_props == props else "conflicts with"
            field_name = column or (m.source.names[0] if m.source.names else m.source.code)
            self.batch.error(row.line, field_name,
                             f"{what} line {first} ({source.id}, {target.id}); line {first} kept")
            return None
        self.seen[pair] = (row.line, dict(props))
        citation = row.values.get(m.citation_column) or None if m.citation_column else m.citation
        return Mapped(row.line, column, source, target, props, citation, m.rule_for(column), m)


def map_rows(mapping: TableMapping, table: CsvTable, batch: Batch, ctx: MappingContext,
             file: Path) -> Iterator[Mapped]:
    """The relations a table's rows yield under a mapping; bad rows go to ``batch.errors``."""
    yield from _Reader(mapping, table, batch, ctx, file).run()


def build(mapped: Mapped, batch: Batch) -> Relation | None:
    """The pydantic relation of a mapped row; a value the schema rejects is a row error, not a crash."""
    try:
        return mapped.relation()
    except ValidationError as exc:
        err = exc.errors()[0]
        prop = str(err["loc"][0]) if err.get("loc") else None
        batch.error(mapped.line, mapped.mapping.column_of(prop) if prop else None, err["msg"])
        return None

"""Batched, idempotent writes of loader batches: ``UNWIND $rows AS row MERGE ...``.

Statement texts are derived from the schema (labels, relationship types, key properties, captions) and
are the same on every store; values only ever travel as parameters. Provenance is written with each
fact: a node gets one ``SOURCED_FROM`` edge per Document it was read from, in the same statement that
merges it, holding deduplicated lists (``locators``, ``rules``, ``loaders``, ``loader_versions``,
``citations``, ``quotes``) and ``evidence`` (``locator@loader/version``: which loader read which place,
for rollback); relationships carry ``documents`` (ids, one hop to the Document) and ``evidence``
(``doc#locator@loader/version``) lists. Rollback of one document's contribution uses exactly that
provenance, so it works on stores without multi-statement transactions. Every node gets a ``caption``
(the schema's ``Caption`` of its label), computed from stored values.

Nodes the graph does not hold yet (most of a first load) are created by one ``CREATE`` statement with their
provenance edge (:func:`create_statement`); only the others take the ``MERGE`` with its snapshot and list unions
(docs/loading.md). :func:`batch_rows` builds the rows, for this writer and the bulk path alike.

No statement filters rows after a SET (``SET ... WITH ... WHERE``): FalkorDB drops the updates of
rows filtered out later, so each such step is two statements.

On stores without transactions a document in progress stays invisible to the catalogue: every node
and relationship it creates carries ``pending: <document id>`` until :meth:`Writer.commit` clears
the marks, and the catalogue queries skip pending elements (docs/reliability.md, "Atomicity").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple, Protocol, TypeVar

from armsgraph.graph.store import Cypher, Store
from armsgraph.graph.store.dialect import KeyedRow
from armsgraph.graph.store.lock import LOCK_STATEMENTS, WriterLock
from armsgraph.schema import NODE_TYPES, RELATION_TYPES, Document, Node, Relation, label_of_id
from armsgraph.schema.batch import Batch, NodeRecord
from armsgraph.schema.errors import LoadError
from armsgraph.schema.model import Caption, Part

DEFAULT_BATCH_SIZE = 2000

PROVENANCE_LISTS = (("rules", "rules"), ("citations", "cites"), ("quotes", "quotes"))
"""Provenance edge property -> row key: what each place adds, deduplicated, kept as read (no attribution)."""


_LOADER_VERSION = "$loader + '/' + $loader_version"


def _add(prop: str, value: str) -> str:
    """``prop`` with ``value`` appended unless it holds it."""
    return f"CASE WHEN ({value}) IN coalesce({prop}, []) THEN {prop} ELSE coalesce({prop}, []) + [{value}] END"


def _union(prop: str, new: str) -> str:
    """``prop`` with the items of ``new`` it lacks appended; unchanged (no empty list stored) when ``new`` is."""
    return (f"CASE WHEN size({new}) = 0 THEN {prop} "
            f"ELSE coalesce({prop}, []) + [x IN {new} WHERE NOT x IN coalesce({prop}, [])] END")


def _text(literal: str) -> str:
    """A caption's fixed text (schema constants, never values) as a Cypher string literal."""
    if any(c in literal for c in "'\\\n"):
        raise ValueError(f"caption text must not hold quotes, backslashes or line breaks: {literal!r}")
    return f"'{literal}'"


def _cut(value: str, part: Part) -> str:
    if part.chars is None:
        return value
    if not part.ellipsis:
        return f"substring({value}, 0, {part.chars})"
    return f"CASE WHEN size({value}) > {part.chars} THEN substring({value}, 0, {part.chars - 1}) + '…' ELSE {value} END"


def caption_expression(caption: Caption, values: list[str]) -> str:
    """The caption from each part's value expression (a string or null): parts joined with their texts."""
    pieces = []
    for part, value in zip(caption.parts, values, strict=True):
        value = _cut(value, part)
        if part.missing is not None:
            value = f"coalesce({value}, {_text(part.missing)})"
        pieces.append(f"coalesce({_text(part.before)} + {value}, '')" if part.before else f"coalesce({value}, '')")
    return " + ".join(pieces)


def _own(part: Part, var: str) -> str:
    """The part's value on node ``var``: the first of its fields that is set, as a string."""
    fields = [f"{var}.{f}" for f in part.fields]
    return f"toString({fields[0] if len(fields) == 1 else 'coalesce(' + ', '.join(fields) + ')'})"


def _caption_string(value: Any) -> str | None:
    """Cypher's ``toString`` of the caption fields' values (strings, integers, booleans)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    raise ValueError(f"a caption field of type {type(value).__name__} has no agreed text")


def caption_value(part: Part, props: dict[str, Any]) -> str | None:
    """A caption part's value read on a node's stored properties, as :func:`_own` reads it in Cypher."""
    return _caption_string(next((props[f] for f in part.fields if props.get(f) is not None), None))


def caption_text(caption: Caption, values: list[str | None]) -> str:
    """:func:`caption_expression`, evaluated in Python (the bulk path, the deal writer)."""
    out = []
    for part, value in zip(caption.parts, values, strict=True):
        if value is not None and part.chars is not None:
            if not part.ellipsis:
                value = value[:part.chars]
            elif len(value) > part.chars:
                value = value[:part.chars - 1] + "…"
        if value is None and part.missing is not None:
            value = part.missing
        if value is not None:
            out.append(part.before + value)
    return "".join(out)


@cache
def caption_statement(label: str) -> Cypher:
    """Store the caption of the given nodes of a label whose caption reads through relationships (a Transfer's
    supplier, recipient and weapon): run after a batch's relationships, and after a rollback. Of several
    neighbours, the smallest value (stable)."""
    caption = NODE_TYPES[label].caption
    lines = ["UNWIND $ids AS id", f"MATCH (n:{label} {{id: id}})"]
    values: list[str] = []
    for i, part in enumerate(caption.parts):
        if part.via is None:
            values.append(_own(part, "n"))
            continue
        arrow = f"<-[r{i}:{part.via}]-(m{i})" if part.incoming else f"-[r{i}:{part.via}]->(m{i})"
        value = _own(part, f"m{i}")
        lines += [f"OPTIONAL MATCH (n){arrow}",
                  f"WITH n, {''.join(f'v{j}, ' for j in range(i) if caption.parts[j].via)}"
                  f"min({value}) AS v{i}"]
        values.append(f"v{i}")
    expression = caption_expression(caption, values)
    lines += [f"WITH n, {expression} AS caption", "WHERE n.caption IS NULL OR n.caption <> caption",
              "SET n.caption = caption", "RETURN count(n) AS written"]
    return Cypher("\n".join(lines))


def caption_labels() -> list[str]:
    """Labels whose caption needs the writer's pass after relationships."""
    return [label for label, cls in NODE_TYPES.items() if cls.caption.via]


def _own_caption(label: str) -> str:
    """The SET of a caption read from the node's own fields (empty for one that needs relationships)."""
    caption = NODE_TYPES[label].caption
    if caption.via:
        return ""
    return f"SET n.caption = {caption_expression(caption, [_own(part, 'n') for part in caption.parts])}\n"


@cache
def node_statement(label: str, snapshot: bool = False) -> Cypher:
    """MERGE nodes, their caption, and their provenance edge to the document (one per node and document: the
    row's places, rules, citations and quotes are added to its lists, each once, so a reload changes nothing).

    A node it creates is marked ``pending = $pending`` (the document id on stores without transactions,
    else null: nothing is set) until the document commits. With ``snapshot`` (stores without transactions) it
    also returns the previous properties of the nodes it changed, which the writer keeps until the document
    commits, so a rollback can restore them.
    """
    cls = NODE_TYPES[label]
    labels = ":".join(cls.labels())
    before = (
        f"OPTIONAL MATCH (o:{label} {{id: row.id}})\n"
        "WITH d, row, CASE WHEN o IS NULL THEN NULL\n"
        "  WHEN any(k IN keys(row.props) WHERE o[k] IS NULL OR o[k] <> row.props[k])"
        " THEN properties(o) END AS before\n"
    ) if snapshot else ""
    carry = ", before" if snapshot else ""
    result = ("WITH DISTINCT n, before\nRETURN count(n) AS written, collect(before) AS changed" if snapshot
              else "RETURN count(p) AS written")  # one provenance edge per row: the row's node and this document
    return Cypher(
        "MATCH (d:Document {id: $doc})\n"
        "UNWIND $rows AS row\n"
        + before
        + f"MERGE (n:{labels} {{id: row.id}})\n"
        "ON CREATE SET n.pending = $pending\n"
        + "SET n += row.props\n"
        + _own_caption(label)
        + f"WITH n, row, d{carry}\n"
        "MERGE (n)-[p:SOURCED_FROM]->(d)\n"
        f"WITH n, p, row{carry}, [x IN row.locs | x + '@' + $loader + '/' + $loader_version] AS evs\n"
        f"SET p.locators = {_union('p.locators', 'row.locs')},\n"
        f"    p.evidence = {_union('p.evidence', 'evs')},\n"
        f"    p.loaders = {_add('p.loaders', '$loader')},\n"
        f"    p.loader_versions = {_add('p.loader_versions', _LOADER_VERSION)},\n"
        + ",\n".join(f"    p.{prop} = {_union('p.' + prop, 'row.' + key)}" for prop, key in PROVENANCE_LISTS) + "\n"
        + result
    )


def stored_columns(label: str) -> tuple[str, ...]:
    """The properties a node of this label may store besides its id: its schema fields, in their order, then its
    caption (a derived node's rows carry it)."""
    return tuple(f for f in (*NODE_TYPES[label].model_fields, "caption") if f != "id")


def columns_of(label: str, rows: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """The properties the rows' ``props`` hold (a key no row holds is no column), in :func:`stored_columns` order:
    the columns of :func:`positional`. A key the schema does not declare is a bug (property names in statement
    text come from the schema, never from the input)."""
    present: set[str] = set()
    for row in rows:
        present.update(row["props"])
    present.discard("id")
    columns = tuple(f for f in stored_columns(label) if f in present)
    if len(columns) != len(present):
        raise ValueError(f"{label} rows hold properties the schema does not declare: {sorted(present - set(columns))}")
    return columns


def positional(rows: Iterable[dict[str, Any]], columns: tuple[str, ...],
               lists: tuple[str, ...] = ()) -> list[KeyedRow]:
    """Rows as plain lists: the id, the values of ``columns`` (null where a row has none, which a CREATE does not
    store, as ``SET n += props`` stores no absent key), then the row's ``lists``. No key travels per row (the
    statement names each column once): a third less to encode and for the engine to parse than maps, and no map
    key to back-quote at all (docs/loading.md). :class:`KeyedRow`: the key-length check reads the id alone."""
    return [KeyedRow((row["id"], *map(row["props"].get, columns), *(row[k] for k in lists))) for row in rows]


def _created(label: str, var: str, columns: tuple[str, ...], pending: bool, carry: str = "") -> str:
    """``WITH row AS v CREATE (var:Labels {id: v[0][, pending: $pending], column: v[i], ...})`` from a
    :func:`positional` row: labels and columns from the schema (:func:`columns_of`). The row is indexed directly,
    never through a map (FalkorDB copies ``row.v`` whole at each ``row.v[i]``: 1.5 s of engine time against 1.1 s
    for the map it replaced, for 30k Reports)."""
    if not set(columns) <= set(stored_columns(label)):
        raise ValueError(f"not {label} properties: {sorted(set(columns) - set(stored_columns(label)))}")
    props = ["id: v[0]", *(["pending: $pending"] if pending else []),
             *(f"{column}: v[{i + 1}]" for i, column in enumerate(columns))]
    return (f"WITH {carry}row AS v\n"
            f"CREATE ({var}:{':'.join(NODE_TYPES[label].labels())} {{{', '.join(props)}}})\n")


@lru_cache(maxsize=1024)
def create_statement(label: str, columns: tuple[str, ...] | None = None) -> Cypher:
    """CREATE nodes the graph does not hold yet, with their caption and their (new) provenance edge: what
    :func:`node_statement` does for such rows, without its per-row lookups, snapshot and list unions. The rows are
    :func:`positional` (``columns``, default every stored column; then :data:`PLACE_LISTS`)."""
    columns = stored_columns(label) if columns is None else columns
    place = {key: f"v[{len(columns) + 1 + i}]" for i, key in enumerate(PLACE_LISTS)}
    evidence = f"[x IN {place['locs']} | x + '@' + {_LOADER_VERSION}]"

    def listed(value: str) -> str:  # an empty list is not stored, as the union of the MERGE leaves it unset
        return f"CASE WHEN size({value}) = 0 THEN NULL ELSE {value} END"

    return Cypher(
        "MATCH (d:Document {id: $doc})\n"
        "UNWIND $rows AS row\n"
        + _created(label, "n", columns, pending=True, carry="d, ")
        + _own_caption(label)
        + "CREATE (n)-[p:SOURCED_FROM]->(d)\n"
        f"SET p.locators = {listed(place['locs'])},\n"
        f"    p.evidence = {listed(evidence)},\n"
        "    p.loaders = [$loader],\n"
        f"    p.loader_versions = [{_LOADER_VERSION}],\n"
        + ",\n".join(f"    p.{prop} = {listed(place[key])}" for prop, key in PROVENANCE_LISTS) + "\n"
        "RETURN count(p) AS written"
    )


PLACE_LISTS = ("locs", "rules", "cites", "quotes")
"""A node row's provenance lists, after its columns in a :func:`positional` row of :func:`create_statement`."""


@lru_cache(maxsize=1024)
def create_derived(label: str, columns: tuple[str, ...] | None = None) -> Cypher:
    """CREATE derived nodes (Transfers, totals) the graph does not hold, from :func:`positional` rows: no MERGE per
    row, no pending mark and no provenance (what the resolver writes is rewritten from the Reports)."""
    columns = stored_columns(label) if columns is None else columns
    return Cypher("UNWIND $rows AS row\n" + _created(label, "n", columns, pending=False) + "RETURN count(n) AS written")


def send_created(store: Store, label: str, rows: list[dict[str, Any]], params: dict[str, Any] | None = None) -> None:
    """Create rows (``{id, props, ...}``) of a label the graph does not hold, in one statement: source nodes with
    their provenance (``params``: the batch's document, loader and pending mark), derived ones without (``params``
    None)."""
    columns = columns_of(label, rows)
    if params is None:
        store.submit(create_derived(label, columns), {"rows": positional(rows, columns)})
    else:
        store.submit(create_statement(label, columns), {"rows": positional(rows, columns, PLACE_LISTS), **params})


@cache
def relation_statement(rel_type: str, src_label: str, dst_label: str, key_props: tuple[str, ...]) -> Cypher:
    """MERGE relationships with their evidence (the documents and places that assert each)."""
    keys = ", ".join(f"{k}: row.key.{k}" for k in key_props)
    pattern = f"[r:{rel_type} {{{keys}}}]" if keys else f"[r:{rel_type}]"
    return Cypher(
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src_label} {{id: row.src}})\n"
        f"MATCH (b:{dst_label} {{id: row.dst}})\n"
        f"MERGE (a)-{pattern}->(b)\n"
        "ON CREATE SET r.pending = $pending\n"
        "WITH r, row, [l IN row.locs | $doc + '#' + l + '@' + $loader + '/' + $loader_version] AS evs\n"
        "SET r += row.props,\n"
        "    r.documents = CASE WHEN $doc IN coalesce(r.documents, []) THEN r.documents"
        " ELSE coalesce(r.documents, []) + [$doc] END,\n"
        "    r.evidence = coalesce(r.evidence, []) + [e IN evs WHERE NOT e IN coalesce(r.evidence, [])]\n"
        "RETURN count(r) AS written"
    )


SOURCED_IDS = (
    "MATCH (n:{label})-[p:SOURCED_FROM]->(:Document {{id: $doc}})\n"
    "WHERE $loader IN p.loaders\n"
    "RETURN n.id AS id"
)


DOCUMENT_BEGIN = Cypher(
    "MERGE (d:Document {id: $id})\n"
    "ON CREATE SET d.pending = $pending\n"
    "SET d += $props,\n"
    "    d.loading = CASE WHEN $loader IN coalesce(d.loading, []) THEN d.loading"
    " ELSE coalesce(d.loading, []) + [$loader] END\n"
    "RETURN d.id AS id"
)

DOCUMENT_COMMIT = Cypher(
    "MATCH (d:Document {id: $id})\n"
    "SET d.pending = NULL,\n"
    "    d.loading = [x IN coalesce(d.loading, []) WHERE x <> $loader],\n"
    "    d.loaded_by = CASE WHEN $loader IN coalesce(d.loaded_by, []) THEN d.loaded_by"
    " ELSE coalesce(d.loaded_by, []) + [$loader] END\n"
    "RETURN d.id AS id"
)

DOCUMENT_STATE = Cypher(
    "MATCH (d:Document {id: $id})\n"
    "RETURN coalesce(d.loaded_by, []) AS loaded_by, coalesce(d.loading, []) AS loading"
)

LOADING_DOCUMENTS = Cypher(
    "MATCH (d:Document)\n"
    "WHERE size(coalesce(d.loading, [])) > 0\n"
    "RETURN d.id AS id, d.loading AS loading"
)
"""Documents a load started and never finished (its writer died, or its rollback failed)."""

CLEAR_PENDING_NODES = Cypher(
    "MATCH (n)-[:SOURCED_FROM]->(:Document {id: $doc})\n"
    "WHERE n.pending = $doc\n"
    "SET n.pending = NULL\n"
    "RETURN count(n) AS cleared"
)


@cache
def clear_pending_relations() -> Cypher:
    """Clear the marks of the relationships a document created: both ends of each are sourced from it
    (a relation's endpoints get a SOURCED_FROM edge, if only as a reference), so walk out from those."""
    types = "|".join(sorted({rel.type for rel in RELATION_TYPES}))
    return Cypher(
        "MATCH (a)-[:SOURCED_FROM]->(:Document {id: $doc})\n"
        "WITH DISTINCT a\n"
        f"MATCH (a)-[r:{types}]->()\n"
        "WHERE r.pending = $doc\n"
        "SET r.pending = NULL\n"
        "RETURN count(r) AS cleared"
    )


@cache
def clear_pending_label(label: str) -> Cypher:
    """:data:`CLEAR_PENDING_NODES` for the nodes of one label: a commit clears only the labels it wrote."""
    return Cypher(
        f"MATCH (n:{label})-[:SOURCED_FROM]->(:Document {{id: $doc}})\n"
        "WHERE n.pending = $doc\n"
        "SET n.pending = NULL\n"
        "RETURN count(n) AS cleared"
    )


@cache
def clear_pending_written(label: str, types: tuple[str, ...]) -> Cypher:
    """:func:`clear_pending_relations` for the relationships of these types from nodes of one label: a commit
    walks only from the labels and types it wrote, not over every relationship of every node it sourced (a
    SIPRI export's Reports and actors hold the derived REPORTS and SUPPLIED edges, never marked)."""
    return Cypher(
        f"MATCH (a:{label})-[:SOURCED_FROM]->(:Document {{id: $doc}})\n"
        "WITH DISTINCT a\n"
        f"MATCH (a)-[r:{'|'.join(types)}]->()\n"
        "WHERE r.pending = $doc\n"
        "SET r.pending = NULL\n"
        "RETURN count(r) AS cleared"
    )


ROLLBACK_RELATIONS = Cypher(
    "MATCH ()-[r]->()\n"
    "WHERE $doc IN r.documents\n"
    "WITH r, [e IN r.evidence WHERE NOT (e STARTS WITH $prefix AND e CONTAINS $tag)] AS keep\n"
    "WITH r, keep, size([e IN keep WHERE e STARTS WITH $prefix]) AS same_doc\n"
    "SET r.evidence = keep,\n"
    "    r.documents = CASE WHEN same_doc > 0 THEN r.documents ELSE [x IN r.documents WHERE x <> $doc] END\n"
    "RETURN count(r) AS updated"
)

DELETE_UNSUPPORTED_RELATIONS = Cypher(
    "MATCH ()-[r]->()\n"
    "WHERE r.evidence IS NOT NULL AND size(r.evidence) = 0\n"
    "DELETE r\n"
    "RETURN count(*) AS deleted"
)

ROLLBACK_NODES = Cypher(
    "MATCH (n)-[p:SOURCED_FROM]->(d:Document {id: $doc})\n"
    "WHERE $loader IN p.loaders\n"
    "WITH DISTINCT n\n"
    "OPTIONAL MATCH (n)-[q:SOURCED_FROM]->(o:Document)\n"
    "WHERE o.id <> $doc OR any(x IN q.loaders WHERE x <> $loader)\n"
    "WITH n, count(q) AS others\n"
    "WHERE others = 0\n"
    "DETACH DELETE n\n"
    "RETURN count(*) AS deleted"
)
"""Nodes only this loader read from this document (no other document, no other loader of it) go."""

ROLLBACK_EDGES = Cypher(
    "MATCH (n)-[p:SOURCED_FROM]->(d:Document {id: $doc})\n"
    "WHERE $loader IN p.loaders AND all(x IN p.loaders WHERE x = $loader)\n"
    "DELETE p\n"
    "RETURN count(*) AS deleted"
)
"""Provenance edges only this loader made go whole."""

STRIP_EDGES = Cypher(
    "MATCH (n)-[p:SOURCED_FROM]->(d:Document {id: $doc})\n"
    "WHERE $loader IN p.loaders\n"
    "WITH p, [e IN coalesce(p.evidence, []) WHERE NOT e CONTAINS $tag] AS keep\n"
    "SET p.evidence = keep,\n"
    "    p.locators = [x IN coalesce(p.locators, []) WHERE any(e IN keep WHERE e STARTS WITH (x + '@'))],\n"
    "    p.loaders = [x IN p.loaders WHERE x <> $loader],\n"
    "    p.loader_versions = [x IN coalesce(p.loader_versions, []) WHERE NOT (x STARTS WITH $versions)]\n"
    "RETURN count(p) AS updated"
)
"""An edge another loader of the same document also wrote loses this loader's places and name; its rules,
citations and quotes stay (they are not attributed to a loader: docs/reliability.md)."""

ROLLBACK_DOCUMENT = Cypher(
    "MATCH (d:Document {id: $doc})\n"
    "SET d.loading = [x IN coalesce(d.loading, []) WHERE x <> $loader],\n"
    "    d.loaded_by = [x IN coalesce(d.loaded_by, []) WHERE x <> $loader]\n"
    "RETURN d.id AS id"
)

DELETE_ORPHAN_DOCUMENT = Cypher(
    "MATCH (d:Document {id: $doc})\n"
    "WHERE size(coalesce(d.loading, [])) + size(coalesce(d.loaded_by, [])) = 0\n"
    "DETACH DELETE d\n"
    "RETURN count(*) AS deleted"
)

ROLLBACK = (ROLLBACK_RELATIONS, DELETE_UNSUPPORTED_RELATIONS, ROLLBACK_NODES, CLEAR_PENDING_NODES,
            clear_pending_relations(), ROLLBACK_EDGES, STRIP_EDGES, ROLLBACK_DOCUMENT, DELETE_ORPHAN_DOCUMENT)
"""What survives a rollback (supported by other documents too) loses the document's pending marks."""

HELD_IDS = "UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id"
"""Which of these ids the graph holds (their rows go through the MERGE; the others are created)."""

EXISTING_IDS = (
    "MATCH (n:{label}) WHERE n.id IN $ids\n"
    "OPTIONAL MATCH (n)-[p:SOURCED_FROM]->(:Document {{id: $doc}})\n"
    "RETURN n.id AS id, CASE WHEN p IS NOT NULL AND $loader IN p.loaders THEN 1 ELSE 0 END AS from_this_document"
)

RESTORE = "UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n = row.props RETURN count(n) AS restored"


def all_statements() -> list[Cypher]:
    """Every statement text the writer can send (for the Cypher grammar check)."""
    texts = [node_statement(label, snapshot) for label, cls in NODE_TYPES.items() if not cls.derived
             for snapshot in (False, True)]
    texts += [create_statement(label) for label, cls in NODE_TYPES.items() if not cls.derived]
    texts += [create_derived(label) for label, cls in NODE_TYPES.items() if cls.derived]
    for rel in RELATION_TYPES:
        if rel.derived:
            continue
        for src in rel.sources:
            for dst in rel.targets:
                texts.append(relation_statement(rel.type, src.label, dst.label, rel.key_props))
    texts += [DOCUMENT_BEGIN, DOCUMENT_COMMIT, DOCUMENT_STATE, LOADING_DOCUMENTS, *ROLLBACK, *LOCK_STATEMENTS]
    for template in (EXISTING_IDS, RESTORE, SOURCED_IDS, HELD_IDS):
        texts += [Cypher(template.format(label=label)) for label in NODE_TYPES]
    texts += [caption_statement(label) for label in caption_labels()]
    texts += [clear_pending_label(label) for label, cls in NODE_TYPES.items() if not cls.derived]
    texts += [clear_pending_written(rel.sources[0].label, (rel.type,)) for rel in RELATION_TYPES if not rel.derived]
    return texts


T = TypeVar("T")


def chunks(rows: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


_ENDPOINTS = frozenset({"id", "src", "dst"})


def stored_properties(model: Node | Relation, skip: frozenset[str] = frozenset({"id"})) -> dict[str, Any]:
    """Stored properties straight from the validated fields (all JSON scalars or lists of them), in declaration order.

    One pass over the model's ``__dict__`` (plain reads, no ``model_dump``: per-row cost matters on large loads):
    it holds exactly the declared fields in declaration order, since the models forbid extra fields and have no
    private attributes, pydantic fills it in field order and schema.build's ``_construct``/``replace`` keep that
    order (tests/graph/test_writer_stored.py checks it for every entity class).
    """
    return {name: value for name, value in model.__dict__.items()
            if value is not None and name not in skip and value != []}


@dataclass
class WriteStats:
    """Rows sent (one per node id and per relationship key) and relations dropped for unknown ends."""

    nodes: int = 0
    relations: int = 0
    dropped: list[LoadError] = field(default_factory=list)


class Derivation(Protocol):
    """Facts the graph derives from loaded ones (armsgraph.graph.deals.Deals), by block."""

    def blocks_of(self, document_id: str) -> set[str]: ...

    def resolve(self, blocks: Iterable[str], document_id: str = "") -> object: ...

    def wrote(self, document_id: str, label: str, created: list[dict[str, Any]], merged: list[dict[str, Any]]) -> None:
        """A batch of the document's rows of one label was written: ``created`` new nodes (marked pending),
        ``merged`` into nodes the graph held (their properties updated)."""

    def forget(self) -> None:
        """Drop whatever :meth:`wrote` kept (a document begins or is rolled back)."""


class Writer:
    """Writes batches to a store in chunks of ``batch_size`` rows per statement.

    Each node id and each relationship key is sent once per batch, its rows merged in Python in
    file order (later values win, every place is kept as provenance): MERGE of a key repeated in
    one UNWIND behaves differently on FalkorDB and Neo4j. On stores without transactions the
    properties of nodes that existed before are snapshotted, so a rollback restores them.
    """

    def __init__(self, store: Store, batch_size: int = DEFAULT_BATCH_SIZE, derived: Derivation | None = None) -> None:
        self.store = store
        self.batch_size = batch_size
        self.derived = derived
        """What the graph derives from loaded records (the deals from Reports): kept in step at every commit
        and rollback, inside the document's transaction where the store has one."""
        self._marks = not store.transactional
        self.lock = WriterLock(store)
        """Taken by the load around each document's write (:mod:`armsgraph.graph.store.lock`)."""
        """Mark what a document creates as pending until it commits (a transaction hides it by itself)."""
        self._snapshots: dict[str, list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
        self._written: dict[str, tuple[set[str], dict[str, set[str]]]] = {}
        """Document id -> (labels of the nodes it wrote, source label -> types of the relationships it wrote),
        from its begin: its commit clears the pending marks of those only."""

    # -- document lifecycle ----------------------------------------------------------------------
    def state(self, document_id: str) -> tuple[list[str], list[str]]:
        """(loaders that completed this document, loaders that started but never finished)."""
        res = self.store.run(DOCUMENT_STATE, {"id": document_id})
        if not res.rows:
            return [], []
        return list(res.rows[0][0]), list(res.rows[0][1])

    def begin(self, document: Document, loader: str) -> None:
        self.store.ensure_schema()
        self._snapshots.pop(document.id, None)
        self._written[document.id] = (set(), defaultdict(set))
        if self.derived is not None:
            self.derived.forget()
        self.store.run(DOCUMENT_BEGIN, {"id": document.id, "props": stored_properties(document), "loader": loader,
                                        "pending": self._pending(document.id)}, write=True)

    def commit(self, document: Document, loader: str) -> None:
        """Make the document's facts visible, then mark it loaded (a crash between the two leaves it
        ``loading``: complete but rolled back by the next load, never visible and incomplete)."""
        if self.derived is not None:
            self.derived.resolve(self.derived.blocks_of(document.id), document.id)
        written = self._written.pop(document.id, None)
        if self._marks:
            if written is None:  # not begun by this writer: every label and type
                statements = [CLEAR_PENDING_NODES, clear_pending_relations()]
            else:
                statements = [clear_pending_label(label) for label in sorted(written[0])]
                statements += [clear_pending_written(label, tuple(sorted(types)))
                               for label, types in sorted(written[1].items())]
            for statement in statements:
                self.store.submit(statement, {"doc": document.id})
        self.store.run(DOCUMENT_COMMIT, {"id": document.id, "loader": loader}, write=True)
        self._snapshots.pop(document.id, None)

    def unfinished(self) -> list[tuple[str, str]]:
        """(document id, loader) of every load that started and never finished."""
        return [(row[0], loader) for row in self.store.run(LOADING_DOCUMENTS).rows for loader in row[1]]

    def _pending(self, document_id: str) -> str | None:
        return document_id if self._marks else None

    def rollback(self, document_id: str, loader: str) -> None:
        """Remove everything this loader wrote from this document (and the document, if nothing else),
        and put back the properties it changed on nodes that other documents support."""
        params = {"doc": document_id, "loader": loader, "prefix": f"{document_id}#", "tag": f"@{loader}/",
                  "versions": f"{loader}/"}
        touched = {label: [row[0] for row in self.store.run(Cypher(SOURCED_IDS.format(label=label)), params).rows]
                   for label in caption_labels()}
        blocks = set()
        self._written.pop(document_id, None)
        if self.derived is not None:
            self.derived.forget()
            blocks = self.derived.blocks_of(document_id)
        for statement in ROLLBACK:
            self.store.run(statement, params, write=True)
        for label, rows in self._snapshots.pop(document_id, []):
            for chunk in chunks(rows, self.batch_size):
                self.store.run(Cypher(RESTORE.format(label=label)), {"rows": chunk}, write=True)
        self._refresh_captions(touched)
        if self.derived is not None and blocks:
            self.derived.resolve(blocks)

    def _refresh_captions(self, ids_by_label: dict[str, list[str]]) -> None:
        """Recompute the captions that read through relationships (after a batch's relationships, a rollback)."""
        for label in caption_labels():
            for chunk in chunks(ids_by_label.get(label, []), self.batch_size):
                self.store.submit(caption_statement(label), {"ids": chunk})

    # -- facts -----------------------------------------------------------------------------------
    def _existing(self, label: str, ids: list[str], document_id: str, loader: str) -> Iterator[tuple[str, bool]]:
        """(id, already sourced from this document by this loader) of the given ids found in the store."""
        params = {"doc": document_id, "loader": loader}
        for chunk in chunks(ids, self.batch_size):
            for row in self.store.run(Cypher(EXISTING_IDS.format(label=label)), {"ids": chunk, **params}).rows:
                yield row[0], bool(row[1])

    def _held(self, label: str, ids: list[str]) -> set[str]:
        """The ids of a label the graph already holds (one indexed lookup per id, in chunks)."""
        statement = Cypher(HELD_IDS.format(label=label))
        return {row[0] for chunk in chunks(ids, self.batch_size)
                for row in self.store.run(statement, {"ids": chunk}).rows}

    def write(self, batch: Batch, progress: Callable[[str, int, int], None] | None = None) -> WriteStats:
        """Write a batch's nodes, then the relations whose endpoints exist; report the others."""
        stats = WriteStats()
        doc = batch.document.id
        batch_params = {"doc": doc, "loader": batch.loader, "loader_version": batch.loader_version,
                        "pending": self._pending(doc)}
        total = len(batch.nodes) + len(batch.relations)
        name = batch.document.path or doc

        def advance(count: int) -> None:
            if progress is not None:
                progress(name, count, total)

        nodes, relations, stats.dropped = batch_rows(batch, self._existing)
        snapshot = not self.store.transactional
        written = self._written.get(doc)
        if written is not None:
            written[0].update(label for label, rows in nodes.items() if rows)
            for rel_type, src, _dst, _keys in relations:
                written[1][src].add(rel_type)
        # every read first, then the writes: submitted one after another, they all run while the loader parses the
        # next batch (a read between them would wait for the ones before it)
        held_of = {label: self._held(label, list(rows)) for label, rows in nodes.items()}
        for label, rows in nodes.items():
            held = held_of[label]
            new = [row for node_id, row in rows.items() if node_id not in held]
            for chunk in chunks(new, self.batch_size):
                send_created(self.store, label, chunk, batch_params)
                stats.nodes += len(chunk)
                advance(stats.nodes)
            statement = node_statement(label, snapshot)
            merged = [row for node_id, row in rows.items() if node_id in held]
            if self.derived is not None and self._marks:  # pending tells the deal resolver's readers them apart
                self.derived.wrote(doc, label, new, merged)
            for chunk in chunks(merged, self.batch_size):
                res = self.store.run(statement, {"rows": chunk, **batch_params}, write=True)
                if snapshot and res.rows and res.rows[0][1]:
                    self._snapshots[doc].append((label, [{"id": b["id"], "props": b} for b in res.rows[0][1]]))
                stats.nodes += len(chunk)
                advance(stats.nodes)
        for (rel_type, src, dst, keys), rel_rows in relations.items():
            statement = relation_statement(rel_type, src, dst, keys)
            for chunk in chunks(list(rel_rows.values()), self.batch_size):
                self.store.submit(statement, {"rows": chunk, **batch_params})
                stats.relations += len(chunk)
                advance(stats.nodes + stats.relations)
        self._refresh_captions(_caption_ids(nodes, relations))
        return stats

RelationGroups = dict[tuple[str, str, str, tuple[str, ...]],
                      dict[tuple[str, str, tuple[Any, ...]], dict[str, Any]]]


Existing = Callable[[str, list[str], str, str], Iterable[tuple[str, bool]]]
"""(label, ids, document id, loader) -> (id, already sourced from that document by that loader) of those found."""


def batch_rows(batch: Batch, existing: Existing) -> tuple[NodeRows, RelationGroups, list[LoadError]]:
    """A batch as the rows the writer sends: nodes merged per id (with reference rows for endpoints found only
    in the graph, so this document supports them), relations grouped and merged per key, and the relations
    dropped for an unknown endpoint. Pure but for ``existing``: the writer asks the store, the bulk path its
    graph in memory, so both build the same rows."""
    nodes = _merge_nodes(batch.nodes)
    written = {node_id for rows in nodes.values() for node_id in rows}
    missing: dict[str, set[str]] = defaultdict(set)
    ends = [(label_of_id(rec.relation.src), label_of_id(rec.relation.dst)) for rec in batch.relations]
    for rec, labels in zip(batch.relations, ends, strict=True):
        for node_id, label in zip((rec.relation.src, rec.relation.dst), labels, strict=True):
            if node_id not in written:
                missing[label].add(node_id)
    found: set[str] = set()
    supported: set[str] = set()  # already sourced from this document (an earlier batch of it)
    for label, ids in missing.items():
        for node_id, from_this_document in existing(label, sorted(ids), batch.document.id, batch.loader):
            found.add(node_id)
            if from_this_document:
                supported.add(node_id)
    groups: RelationGroups = defaultdict(dict)
    references: NodeRows = defaultdict(dict)
    dropped: list[LoadError] = []
    for rec, (src_label, dst_label) in zip(batch.relations, ends, strict=True):
        rel: Relation = rec.relation
        unknown = [i for i in (rel.src, rel.dst) if i not in written and i not in found]
        if unknown:
            dropped.append(LoadError(
                file=batch.document.path or batch.document.id, line=rec.provenance.line,
                field=rel.type, reason=f"unknown reference {unknown[0]!r} (not in this file or the graph)",
            ))
            continue
        loc = rec.provenance.locator or "doc"
        for node_id, label in ((rel.src, src_label), (rel.dst, dst_label)):
            if node_id in found and node_id not in supported:
                ref = references[label].get(node_id)
                if ref is None:
                    ref = references[label][node_id] = _node_row(node_id, {})
                _add_place(ref, loc, f"reference:{rel.type}", None, None)
        props = stored_properties(rel, skip=_ENDPOINTS)
        key = tuple(props.get(k, "") for k in rel.key_props)
        group = groups[(rel.type, src_label, dst_label, rel.key_props)]
        row = group.get((rel.src, rel.dst, key))
        if row is None:
            row = {"src": rel.src, "dst": rel.dst, "props": {}, "locs": []}
            if rel.key_props:
                row["key"] = dict(zip(rel.key_props, key, strict=True))  # MERGE may not match on null
            group[(rel.src, rel.dst, key)] = row
        row["props"].update(props)
        if loc not in row["locs"]:
            row["locs"].append(loc)
    for label, rows in references.items():  # support for nodes this document only refers to
        for row in rows.values():
            nodes[label].setdefault(row["id"], row)
    return nodes, groups, dropped


NodeRows = dict[str, dict[str, dict[str, Any]]]
"""label -> node id -> row (``id``, ``props``, and the provenance lists ``locs``, ``rules``, ``cites``, ``quotes``)."""


def _node_row(node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """One node's row: its properties and the provenance lists its edge to the document gets."""
    return {"id": node_id, "props": props, "locs": [], "rules": [], "cites": [], "quotes": []}


def _add_place(row: dict[str, Any], loc: str, rule: str | None, citation: str | None, quote: str | None) -> None:
    """Add a place and what it says to a row's lists, each value once, in file order."""
    for key, value in (("locs", loc), ("rules", rule), ("cites", citation), ("quotes", quote)):
        if value is not None and value not in row[key]:
            row[key].append(value)


def _caption_ids(nodes: dict[str, dict[str, dict[str, Any]]], relations: RelationGroups) -> dict[str, list[str]]:
    """Ids whose relationship-read caption a batch may have changed: its own such nodes and the ends of its
    relationships of the types those captions read through."""
    ids: dict[str, set[str]] = defaultdict(set)
    for label in caption_labels():
        via = set(NODE_TYPES[label].caption.via)
        ids[label].update(nodes.get(label, {}))
        for (rel_type, src, dst, *_rest), rows in relations.items():
            if rel_type in via:
                for end, end_label in (("src", src), ("dst", dst)):
                    if end_label == label:
                        ids[label].update(row[end] for row in rows.values())
    return {label: sorted(found) for label, found in ids.items() if found}


def _merge_nodes(records: Iterable[NodeRecord]) -> dict[str, dict[str, dict[str, Any]]]:
    """label -> id -> one row: properties merged in order, every place, rule, citation and quote once."""
    nodes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for rec in records:
        node = rec.node
        prov = rec.provenance
        row = nodes[node.label].get(node.id)
        if row is None:
            row = nodes[node.label][node.id] = _node_row(node.id, stored_properties(node))
        else:
            row["props"].update(stored_properties(node))
        _add_place(row, prov.locator or "doc", prov.rule, prov.citation, prov.quote)
    return nodes


class BatchRows(NamedTuple):
    """A batch's rows but its Reports' (the bulk path put those in its table: ``reports`` of them), for
    :meth:`armsgraph.graph.bulk.BulkGraph.apply`."""
    document: str
    loader: str
    version: str
    nodes: NodeRows
    relations: RelationGroups
    dropped: list[LoadError]
    reports: int

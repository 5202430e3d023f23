"""FalkorDB's ``GRAPH.BULK`` protocol, fed from Python values (no CSV files in between).

The maintained ``falkordb-bulk-loader`` package speaks this protocol from CSV files: it infers each value's type
from its text (a string ``"1990"`` inside a list becomes an integer) and most of its time goes into parsing
CSV (issue 16: 36 of 38 s for 300k deals). Here the values are already validated Python, so each is encoded by
its own type. The protocol, as that package sends it:

``GRAPH.BULK graph [BEGIN] node_count edge_count label_count reltype_count <label blobs> <reltype blobs>``

A label blob is the label (``Actor:Country`` for several), NUL-terminated, a uint32 property count, the property
names NUL-terminated, then each node's values in that order; a node's internal id is its position among all the
nodes sent so far. A reltype blob is the same with each edge prefixed by its source and target ids (uint64).
A value is a type byte then its payload: 0 null (the property is not set), 1 bool, 2 double, 3 NUL-terminated
UTF-8 string, 4 int64, 5 array (int64 length, then each element as a value). ``BEGIN`` is refused when the graph
key exists: the bulk path is for a first load into an empty graph only.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, repeat
from typing import Any

from armsgraph.schema.errors import StoreError

_NULL = b"\x00"
_TRUE = struct.pack("=B?", 1, True)
_FALSE = struct.pack("=B?", 1, False)
_DOUBLE = struct.Struct("=Bd").pack
_LONG = struct.Struct("=Bq").pack
_ARRAY = struct.Struct("=Bq").pack
_ENDS = struct.Struct("=QQ").pack
_INT64 = (-(2**63), 2**63 - 1)
_FINITE = math.isfinite
_STR, _INT, _FLOAT = {str}, {int}, {float}
_NONE = type(None)
_BOOLS = {True: _TRUE, False: _FALSE, None: _NULL}
_SHORT = 128
"""Lists shorter than this have an array head of ASCII bytes only (type 5, then the length as little-endian
int64: one byte under 128 and seven zeros), so it can be written as text and encoded with the strings after it."""
_HEADS = [_ARRAY(5, n).decode("ascii") for n in range(_SHORT)]
_EMPTY = _ARRAY(5, 0)

MAX_BLOB = 16 * 1024 * 1024
"""Bytes per label or reltype blob and per command: far under redis's 512 MB argument limit, few round trips."""


def encode(value: Any) -> bytes:
    """One property value in the protocol's binary form (see the module docstring)."""
    kind = type(value)
    if kind is str:
        try:
            data: bytes = value.encode()
        except UnicodeEncodeError:
            raise StoreError("a value holds a lone surrogate, which is not Unicode text: it cannot be stored"
                             ) from None
        if b"\x00" in data:  # the protocol ends strings with NUL: one inside would cut the value short
            raise StoreError("a value holds a NUL character, which GRAPH.BULK cannot carry: load without --bulk")
        return b"\x03" + data + b"\x00"
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        if not _INT64[0] <= value <= _INT64[1]:
            raise StoreError(f"integer {value} does not fit in 64 bits")
        return bytes(_LONG(4, value))
    if kind is float:
        if not math.isfinite(value):
            raise StoreError(f"non-finite number {value} cannot be stored")
        return _DOUBLE(2, value)
    if value is None:
        return _NULL
    if kind in (list, tuple):
        return _ARRAY(5, len(value)) + b"".join(encode(v) for v in value)
    raise StoreError(f"GRAPH.BULK cannot store a {kind.__name__} value")


def header(name: str, keys: Sequence[str]) -> bytes:
    """A label or reltype blob's head: the name and its property keys (the order each record's values follow)."""
    return (name.encode() + b"\x00" + struct.pack("=I", len(keys))
            + b"".join(k.encode() + b"\x00" for k in keys))


def records(keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> list[bytes]:
    """Each row's values in ``keys`` order (an absent key: not set), one bytes per row, equal to joining
    :func:`encode` of each value. Encoded a column at a time: a column of one type (with absent values) goes
    through one comprehension or a ``map`` over a struct packer, not through a type test per value; a column of
    mixed types, and every value the fast paths refuse (NUL in a string, beyond 64 bits, not finite), by
    :func:`encode`, which raises what it raises."""
    if not keys:
        return [b""] * len(rows)
    if all(map(list(keys).__eq__, map(list, rows))):  # every row has these keys in this order: read by position
        columns = [_column(list(values)) for values in zip(*map(dict.values, rows), strict=True)]
    else:
        columns = [_column(list(map(dict.get, rows, repeat(key)))) for key in keys]  # map in C: no loop per value
    if len(columns) == 1:
        return columns[0]
    return list(map(b"".join, zip(*columns, strict=True)))


def _column(values: list[Any]) -> list[bytes]:
    """One key's values, encoded (see :func:`records`)."""
    kinds = set(map(type, values))
    absent = _NONE in kinds
    kinds.discard(_NONE)
    if len(kinds) != 1:
        return [_NULL] * len(values) if not kinds else list(map(encode, values))
    kind = kinds.pop()
    present = [v for v in values if v is not None] if absent else values
    if kind is str:
        if "\x00" not in "".join(present):
            try:
                if absent:
                    return [_NULL if v is None else ("\x03" + v + "\x00").encode() for v in values]
                return [("\x03" + v + "\x00").encode() for v in values]
            except UnicodeEncodeError:  # a lone surrogate: encode says so
                pass
    elif kind is int:
        if _INT64[0] <= min(present) and max(present) <= _INT64[1]:
            if absent:
                return [_NULL if v is None else _LONG(4, v) for v in values]
            return list(map(_LONG, repeat(4, len(values)), values))
    elif kind is float:
        if all(map(_FINITE, present)):
            if absent:
                return [_NULL if v is None else _DOUBLE(2, v) for v in values]
            return list(map(_DOUBLE, repeat(2, len(values)), values))
    elif kind is bool:
        return list(map(_BOOLS.__getitem__, values))  # only booleans and None: True is not mistaken for 1
    elif kind is list:
        if not absent:
            return _lists(values)
        lists = iter(_lists([v for v in values if v is not None]))
        return [_NULL if v is None else next(lists) for v in values]
    return list(map(encode, values))


def _lists(values: list[list[Any]]) -> list[bytes]:
    """A column of lists (none absent): when every item of every list is a string (provenance lists, sources),
    each list's text with its head is encoded at once; when every item is an int, each item packed once per
    distinct value (years repeat); when every item is a finite float, all packed in one call and each list cut
    from it; else list by list (:func:`_list`)."""
    items = list(chain.from_iterable(values))
    kinds = set(map(type, items))
    if kinds == _STR and max(map(len, values)) < _SHORT and "\x00" not in "".join(items):
        try:
            return [(_HEADS[len(v)] + "\x03" + "\x00\x03".join(v) + "\x00").encode() if v else _EMPTY
                    for v in values]
        except UnicodeEncodeError:  # a lone surrogate: encode says so
            pass
    elif kinds == _INT and _INT64[0] <= min(items) and max(items) <= _INT64[1]:
        packed = {item: _LONG(4, item) for item in set(items)}.__getitem__
        return [_ARRAY(5, len(v)) + b"".join(map(packed, v)) for v in values]
    elif kinds == _FLOAT and all(map(_FINITE, items)):  # every item packed at once, each list a slice of it
        data = b"".join(map(_DOUBLE, repeat(2, len(items)), items))
        ends = list(accumulate(9 * len(v) for v in values))
        return [_ARRAY(5, len(v)) + data[end - 9 * len(v):end] for v, end in zip(values, ends, strict=True)]
    return list(map(_list, values))


def _list(value: list[Any]) -> bytes:
    """A list whose items share one type, packed in C (``map`` over the struct packers); others by :func:`encode`."""
    n = len(value)
    types = set(map(type, value))
    if types == _STR:
        text = "\x00\x03".join(value)
        if "\x00" not in "".join(value):
            try:
                return _ARRAY(5, n) + ("\x03" + text + "\x00").encode()
            except UnicodeEncodeError:  # a lone surrogate: encode says so
                pass
    elif types == _INT:
        try:
            return _ARRAY(5, n) + b"".join(map(_LONG, repeat(4, n), value))
        except struct.error:  # beyond 64 bits: encode says so
            pass
    elif types == _FLOAT and all(map(_FINITE, value)):
        return _ARRAY(5, n) + b"".join(map(_DOUBLE, repeat(2, n), value))
    return encode(value)


def edge_records(keys: Sequence[str], edges: Sequence[tuple[Any, Any, dict[str, Any]]]) -> list[tuple[Any, Any, bytes]]:
    """(start, end, encoded properties) of relationships given as (start, end, properties): the ends as they are."""
    return list(zip([e[0] for e in edges], [e[1] for e in edges], records(keys, [e[2] for e in edges]), strict=True))


class BulkWriter:
    """Sends nodes, then relationships, to an absent graph in as few ``GRAPH.BULK`` commands as fit.

    ``nodes`` returns the nodes' internal ids, for the relationships that name them. Everything must be sent
    in one pass: nodes cannot be changed once sent, so callers merge their rows first.
    """

    def __init__(self, connection: Any, graph: str, begun: Callable[[], Any] | None = None) -> None:
        self._connection = connection
        self._graph = graph
        self._begun = False
        self._on_begun = begun
        """Called once the first command (``BEGIN``: it creates the graph) is taken, before the next is sent: the
        bulk load creates the indexes there, so the server indexes each later command's nodes as it takes them
        instead of every node in the tail (docs/loading.md, "Session 15")."""
        self._next_id = 0
        self._blobs: list[tuple[bool, bytes, list[bytes]]] = []  # (is node blob, header, entities)
        self._size = 0
        self._counts = [0, 0]
        self._pending: Callable[[], Any] | None = None  # reads the reply of the command in flight
        self.nodes_created = 0
        self.relations_created = 0
        self.commands = 0
        """GRAPH.BULK commands sent (a large graph takes several: the first with BEGIN, the rest continue it)."""

    def nodes(self, labels: str, keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> list[int]:
        """Nodes of one label set (``Actor:Country``) with these property keys (a missing key: not set)."""
        first = self._next_id
        self.encoded_nodes(header(labels, keys), records(keys, rows))
        return list(range(first, self._next_id))

    def relations(self, rel_type: str, keys: Sequence[str], rows: Sequence[tuple[int, int, dict[str, Any]]]) -> None:
        """Relationships of one type between nodes already given (their internal ids)."""
        self.encoded_relations(header(rel_type, keys), edge_records(keys, rows))

    def encoded_nodes(self, head: bytes, records: Iterable[bytes]) -> None:
        """Nodes already encoded (:func:`header`, :func:`record`: by another process, so this one only sends)."""
        self._next_id += self._entities(True, head, records)

    def encoded_relations(self, head: bytes, records: Iterable[tuple[int, int, bytes]]) -> None:
        """Relationships whose properties are already encoded (:func:`record`), with their ends' internal ids."""
        self._entities(False, head, [_ENDS(src, dst) + props for src, dst, props in records])

    def _entities(self, node: bool, header: bytes, records: Iterable[bytes]) -> int:
        """Buffers the encoded records of one label set or type; a record that would overflow the command sends
        what is buffered first (its header repeated in the next). Returns how many records. Records that all fit
        in the command are taken at once (the same commands as one at a time: none of them would send)."""
        kind = 0 if node else 1
        if not isinstance(records, list):
            records = list(records)
        size = sum(map(len, records))
        if self._size + len(header) + size <= MAX_BLOB:
            self._blobs.append((node, header, records.copy()))
            self._size += len(header) + size
            self._counts[kind] += len(records)
            return len(records)
        blob: list[bytes] = []
        self._blobs.append((node, header, blob))
        self._size += len(header)
        count = 0
        for data in records:
            if self._size + len(data) > MAX_BLOB and blob:
                self.flush(wait=False)
                blob = []
                self._blobs.append((node, header, blob))
                self._size += len(header)
            blob.append(data)
            self._size += len(data)
            self._counts[kind] += 1
            count += 1
        return count

    def flush(self, wait: bool = True) -> None:
        """Send what is buffered as one command (the first one with ``BEGIN``); with ``wait``, read its reply
        (else :meth:`settle` or the next command does)."""
        blobs = [(node, header, rows) for node, header, rows in self._blobs if rows]
        self._blobs, self._size = [], 0
        if not blobs:
            if wait:
                self.settle()
            return
        labels = [header + b"".join(rows) for node, header, rows in blobs if node]
        reltypes = [header + b"".join(rows) for node, header, rows in blobs if not node]
        args: list[Any] = ["BEGIN"] if not self._begun else []
        args += [self._counts[0], self._counts[1], len(labels), len(reltypes), *labels, *reltypes]
        self._counts = [0, 0]
        self.settle()  # the previous command's reply first: one command in flight at a time
        self._pending = self._send(args)
        first, self._begun = not self._begun, True
        self.commands += 1
        if first and self._on_begun is not None:
            self.settle()
            self._on_begun()
        if wait:
            self.settle()

    def settle(self) -> None:
        """Read the reply of the command in flight, if any (its error raised here). :meth:`flush` does not wait
        for a reply unless told to: the server takes a command while this process prepares the next (the last
        group's segment, the ``WeaponTotals``; docs/loading.md, "Session 14: the bulk path's CPU, once more")."""
        if self._pending is None:
            return
        reply, self._pending = self._pending(), None
        text = reply.decode() if isinstance(reply, bytes) else str(reply)
        nodes, _, relations = text.partition(",")
        self.nodes_created += int(nodes.split()[0])
        self.relations_created += int(relations.split()[0])

    def _send(self, args: list[Any]) -> Callable[[], Any]:
        """Send one command; returns what reads its reply. A client of one connection (redis-py's
        ``single_connection_client``) sends now and reads later; any other (a bench's) replies at once."""
        raw = getattr(self._connection, "connection", None)
        if raw is None:
            reply = self._connection.execute_command("GRAPH.BULK", self._graph, *args)
            return lambda: reply
        raw.send_command("GRAPH.BULK", self._graph, *args)
        return lambda: self._connection.parse_response(raw, "GRAPH.BULK")

"""Base classes and registries: node labels, keys and relationship types are read from here.

A node class declares its label, id prefix and natural key once; the writer, the constraint
and index DDL, the curated JSON Lines loader and the generated docs all read the registries
``NODE_TYPES`` and ``RELATION_TYPES`` instead of keeping lists of their own.
"""

from __future__ import annotations

import builtins
import functools
import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, ClassVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticUndefined

from armsgraph.schema.ids import bounded
from armsgraph.schema.values import INT64_MAX, INT64_MIN, iso_date_problem, value_problem

NODE_TYPES: dict[str, type[Node]] = {}
"""Label -> node class, in declaration order."""

PREFIXES: dict[str, str] = {}
"""Id prefix -> label ('country' -> 'Country')."""

RELATION_TYPES: list[type[Relation]] = []
"""Every declared relation class (one relationship type may have several, e.g. OF)."""

QUOTE_MAX = 300
"""Characters of a quoted sentence kept with a fact's provenance: enough to read it, bounded per place."""

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""Dates are ISO 8601 strings (YYYY, YYYY-MM or YYYY-MM-DD): they sort and compare on every store."""


@dataclass(frozen=True)
class Part:
    """One part of a caption: the first non-empty of ``fields``, read on the node itself or, with ``via``, on
    the node a ``via`` relationship joins it to (``incoming``: the neighbour is the source). ``before`` is the
    text put in front of it, dropped with the part when it is empty unless ``missing`` stands in. ``chars`` cuts
    the value (``ellipsis``: marked with '…')."""

    fields: tuple[str, ...]
    via: str | None = None
    incoming: bool = False
    before: str = ""
    missing: str | None = None
    chars: int | None = None
    ellipsis: bool = True


@dataclass(frozen=True)
class Caption:
    """How a label names its nodes for a person (a Browser caption, a GraphML label), as data: the writer
    derives the statement that stores it as the ``caption`` property. A caption with ``via`` parts depends on
    relationships, so the writer computes it after a batch's relationships are written."""

    parts: tuple[Part, ...]

    @classmethod
    def of(cls, *fields: str, chars: int | None = None) -> Caption:
        """A caption from the node's own fields: the first non-empty one."""
        return cls((Part(fields, chars=chars),))

    @property
    def via(self) -> tuple[str, ...]:
        """The relationship types the caption reads through."""
        return tuple(p.via for p in self.parts if p.via)


@functools.cache
def _key_defaults(cls: type[Node]) -> dict[str, Any]:
    """Each field's plain default (None where it has none or a factory), for computing a key without a model."""
    return {name: None if f.default is PydanticUndefined else f.default for name, f in cls.model_fields.items()}


def bound_id(node_id: str) -> str:
    """An id with its key bounded as :meth:`Node.id_of` bounds it: a long id written out in a record still
    names the node that record's key made ('person:<5 KB>' -> 'person:<head>-<digest>')."""
    prefix, sep, key = node_id.partition(":")
    return f"{prefix}:{bounded(key)}" if sep else node_id


@functools.cache
def _date_fields(cls: builtins.type[BaseModel]) -> frozenset[str]:
    """The fields of a model declared as ISO dates (``pattern=ISO_DATE``)."""
    return frozenset(name for name, info in cls.model_fields.items()
                     if any(getattr(m, "pattern", None) == ISO_DATE for m in info.metadata))


def _plain(value: object) -> bool:
    """A value every store keeps as given, decided without :func:`value_problem`'s per-item calls: ASCII text
    without NUL, a 64-bit integer, a finite float, a boolean, or a list of those of one type (what almost every
    loaded value is). False only means "look closer"."""
    if type(value) is str:
        return value.isascii() and "\x00" not in value
    if type(value) is int:
        return INT64_MIN <= value <= INT64_MAX
    if type(value) is float:
        return value - value == 0.0  # NaN and the infinities give NaN
    if type(value) is bool:
        return True
    if type(value) is list:
        if not value:
            return True
        first = type(value[0])
        if first is int and all(type(v) is int for v in value):
            return bool(min(value) >= INT64_MIN and max(value) <= INT64_MAX)
        if first is float and all(type(v) is float for v in value):
            total = sum(value)
            return total - total == 0.0  # a NaN or an infinity anywhere (or an overflow) makes the sum one
        if first is str and all(type(v) is str for v in value):
            return all(v.isascii() and "\x00" not in v for v in value)
    return False


@functools.lru_cache(maxsize=4096)
def date_problem(text: str) -> str | None:
    """Why a date field's text cannot be stored (:func:`value_problem`, then :func:`iso_date_problem`); cached: a
    large load repeats a few hundred dates (SIPRI's order years)."""
    return value_problem(text) or iso_date_problem(text)


def check_stored_values(model: BaseModel) -> None:
    """Refuse a value no store keeps as given (schema.values): a NUL in a string, NaN, an int beyond 64 bits, a
    date that is not on the calendar ('9999-99-99'). Raised as a ValidationError on the field, so every loader
    reports it as ``file:line:field`` instead of the store failing the whole document (or clamping the value).
    Runs once per validated model (every loaded record): plain values are let through by :func:`_plain`."""
    dates = _date_fields(type(model))
    for name, value in model.__dict__.items():
        if value is None:
            continue
        if name in dates and type(value) is str:
            problem = date_problem(value)
        elif (type(value) is str and value.isascii() and "\x00" not in value) or _plain(value):
            continue
        else:
            problem = value_problem(value)
        if problem is not None:
            raise ValidationError.from_exception_data(type(model).__name__, [
                {"type": "value_error", "loc": (name,), "input": value, "ctx": {"error": ValueError(problem)}}])


def label_of_id(node_id: str) -> str:
    """The label a node id belongs to, from its prefix ('country:USA' -> 'Country')."""
    prefix, sep, _ = node_id.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"not a node id: {node_id!r} (expected one of {sorted(PREFIXES)} + ':key')")
    return PREFIXES[prefix]


class Node(BaseModel):
    """A graph node. Subclasses set ``label`` and ``prefix`` and implement ``natural_key``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=False,
                              use_enum_values=True)  # stored values are plain strings on every store

    label: ClassVar[str] = ""
    prefix: ClassVar[str] = ""
    extra_labels: ClassVar[tuple[str, ...]] = ()
    indexed: ClassVar[tuple[str, ...]] = ()
    """Properties with a (non-unique) index besides ``id``."""
    summary: ClassVar[str] = ""
    derived: ClassVar[bool] = False
    """Written by the graph's resolvers from other nodes (a Transfer from its Reports), never by a loader."""
    caption: ClassVar[Caption] = Caption.of("id")
    """The human name of a node of this label (every label declares one; stored as the ``caption`` property)."""

    id: str = Field(default="", description="Deterministic id: '<prefix>:<natural key>'.")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        label = cls.__dict__.get("label")
        if label:
            if not _IDENT.match(label) or label in NODE_TYPES:
                raise TypeError(f"bad or duplicate node label {label!r}")
            NODE_TYPES[label] = cls
            PREFIXES[cls.prefix] = label

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.__dict__.get("label"):
            doc = (cls.__doc__ or "").strip().splitlines()
            cls.summary = doc[0] if doc else cls.label

    def natural_key(self) -> str:
        raise NotImplementedError

    def _make_id(self) -> str:
        """The id rule, in one place: '<prefix>:<natural key>', the key bounded (schema.ids.bounded: over
        KEY_MAX characters it keeps a head and a digest of the whole key), so no input makes an id a store
        cannot index (FalkorDB's server crashes on one over 4,096 bytes); the full name stays a property."""
        return f"{self.prefix}:{bounded(self.natural_key())}"

    @classmethod
    def id_of(cls, **fields: Any) -> str:
        """The id a node with these key fields gets, without validating one: ``Country.id_of(iso3="USA")``.

        The only way ids are made outside a node's own validation, so a loader never spells a prefix.
        """
        view = SimpleNamespace(**{**_key_defaults(cls), **fields})  # no validation, no default factories: cheap
        return f"{cls.prefix}:{bounded(cls.natural_key(cast(Any, view)))}"

    @model_validator(mode="after")
    def _check_values(self) -> Node:
        check_stored_values(self)
        return self

    @model_validator(mode="after")
    def _derive_id(self) -> Node:
        expected = self._make_id()
        if self.id and bound_id(self.id) != expected:
            raise ValueError(f"id {self.id!r} does not match its key (expected {expected!r})")
        self.id = expected
        return self

    @classmethod
    def labels(cls) -> tuple[str, ...]:
        return (cls.label, *cls.extra_labels)

    def properties(self) -> dict[str, Any]:
        """Properties as stored: JSON-compatible scalars and lists, no nulls."""
        return self.model_dump(mode="json", exclude_none=True)


class Relation(BaseModel):
    """A relationship between two nodes given by id. Subclasses declare type and endpoints."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    type: ClassVar[str] = ""
    sources: ClassVar[tuple[builtins.type[Node], ...]] = ()
    targets: ClassVar[tuple[builtins.type[Node], ...]] = ()
    key_props: ClassVar[tuple[str, ...]] = ()
    """Properties that tell parallel relationships of this type between the same nodes apart."""
    derived: ClassVar[bool] = False
    """Written by the graph's resolvers (a Transfer's SUPPLIED, TO, OF and REPORTS), never by a loader."""
    summary: ClassVar[str] = ""

    src: str
    dst: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("type"):
            if not _IDENT.match(cls.type):
                raise TypeError(f"bad relationship type {cls.type!r}")
            RELATION_TYPES.append(cls)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.__dict__.get("type"):
            doc = (cls.__doc__ or "").strip().splitlines()
            cls.summary = doc[0] if doc else cls.type

    @classmethod
    @functools.cache
    def endpoint_labels(cls) -> tuple[frozenset[str], frozenset[str]]:
        """Labels allowed at (src, dst); computed once per class, validation runs per row."""
        return frozenset(c.label for c in cls.sources), frozenset(c.label for c in cls.targets)

    @field_validator("src", "dst")
    @classmethod
    def _bound_endpoint(cls, node_id: str) -> str:
        return bound_id(node_id)

    @model_validator(mode="after")
    def _check_values(self) -> Relation:
        check_stored_values(self)
        return self

    @model_validator(mode="after")
    def _check_endpoints(self) -> Relation:
        for end, allowed in zip(("src", "dst"), self.endpoint_labels(), strict=True):
            node_id = getattr(self, end)
            if label_of_id(node_id) not in allowed:
                raise ValueError(f"{self.type} {end} must be one of {', '.join(sorted(allowed))}, got {node_id!r}")
        return self

    @property
    def src_label(self) -> str:
        return label_of_id(self.src)

    @property
    def dst_label(self) -> str:
        return label_of_id(self.dst)

    def properties(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True, exclude={"src", "dst"})


class Provenance(BaseModel):
    """Where a fact comes from: a document, a place in it, and the loader/rule that read it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document_id: str
    loader: str
    loader_version: str
    rule: str | None = None
    line: int | None = Field(default=None, ge=1, description="First physical line (1-based).")
    line_end: int | None = Field(default=None, ge=1)
    start: int | None = Field(default=None, ge=0, description="Character offset of the span.")
    end: int | None = Field(default=None, ge=0)
    citation: str | None = Field(default=None, description="A source the record itself cites.")
    quote: str | None = Field(default=None, max_length=QUOTE_MAX, description=(
        "The sentence the fact was read from (text documents), cut to QUOTE_MAX characters."))

    @field_validator("citation", "quote")
    @classmethod
    def _storable(cls, v: str | None) -> str | None:
        problem = None if v is None else value_problem(v)
        if problem is not None:
            raise ValueError(problem)
        return v

    @field_validator("document_id")
    @classmethod
    def _doc_id(cls, v: str) -> str:
        if not v.startswith("doc:"):
            raise ValueError(f"not a document id: {v!r}")
        return v

    @property
    def locator(self) -> str:
        """Compact place in the document: 'L12', 'L12-13', 'c100-140', or '' for the whole document."""
        if self.line is not None:
            if self.line_end is not None and self.line_end != self.line:
                return f"L{self.line}-{self.line_end}"
            return f"L{self.line}"
        if self.start is not None:
            return f"c{self.start}-{self.end if self.end is not None else self.start}"
        return ""

"""Many nodes of one class, validated exactly as ``cls(**values)`` validates them, for a fraction of the cost.

Why: a large load validates tens of thousands of Reports made of values a parser already typed (ints, floats,
stripped strings) and of a few hundred distinct names, ids, dates and enum words. pydantic validates each model
whole: its core, then each model validator and the stored-value check (:func:`~armsgraph.schema.model.
check_stored_values`) in Python, about half of the SIPRI loader's time. :func:`build` checks instead:

* a value of exactly its field's plain type (``str``, ``int``, ``float``, ``bool`` or a list of one of them, with
  no constraint but a length) as the model would take it: a string already stripped when the model strips, a
  length in bounds, and storable as :func:`check_stored_values` asks (no NUL or lone surrogate, 64-bit ints,
  finite floats); pydantic returns such a value unchanged (a list as a copy, and so here);
* any other value (a ``Literal``, an enum, a date pattern) once per distinct value, by the field's own
  validation (its annotation and constraints under the model's config), then remembered (at most ``MEMO`` per
  field);
* then the model's ``after`` validators that derive fields (a node's id, a Report's block) run as pydantic runs
  them, and the values they set are checked as stored values.

Anything this does not cover (an unknown or missing field, an unhashable constrained value, a class with field or
``before`` validators, a value that fails any check) is validated by ``cls(**values)`` itself, so a bad value
fails with the same ``ValidationError`` as before. ``tests/schema/test_build.py`` compares both on good and bad
values of every field type.
"""

from __future__ import annotations

import functools
import operator
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from typing import Annotated, Any, TypeVar

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined

from armsgraph.schema.model import ISO_DATE, date_problem
from armsgraph.schema.values import INT64_MAX, INT64_MIN, value_problem

M = TypeVar("M", bound=BaseModel)

MEMO = 4096
"""Distinct values remembered per constrained field (SIPRI's order years, stage words, source kinds)."""

_CONFIG_KEYS = frozenset({"extra", "str_strip_whitespace", "validate_assignment", "use_enum_values", "frozen"})
"""Config this module understands; a model with any other (strict mode, coercions) is always fully validated."""

_VALIDATED_HERE = "_check_values"
"""The model validator that :func:`build`'s own checks stand for (``Node._check_values``)."""

Check = Callable[[Any], bool]


def _text(strip: bool, low: int, high: int | None) -> Check:
    def check(v: Any) -> bool:
        return (type(v) is str and (not strip or v.strip() == v) and low <= len(v)
                and (high is None or len(v) <= high)
                and ((v.isascii() and "\x00" not in v) or value_problem(v) is None))
    return check


def _list_of(item: type, strip: bool) -> Check:
    text = _text(strip, 0, None)

    def check(v: Any) -> bool:
        if type(v) is not list:
            return False
        if item is int:
            return all(type(x) is int for x in v) and (not v or (min(v) >= INT64_MIN and max(v) <= INT64_MAX))
        if item is float:
            return all(type(x) is float for x in v) and (total := sum(v)) - total == 0.0
        return all(text(x) for x in v)
    return check


@dataclass(frozen=True)
class _Plan:
    """How :func:`build` checks one model class."""

    kinds: dict[str, Any]
    """Field -> ``str``, ``int``, ``float``, ``bool`` or ``list`` (a plain value, checked as it is) or
    ``TypeAdapter`` (validated once per distinct value, see ``memo``)."""
    strip: bool
    lengths: dict[str, tuple[int, float]]
    """Plain text fields with a length constraint -> (least, most)."""
    lists: dict[str, Check]
    """Plain list fields -> the test of their items."""
    memo: dict[str, tuple[TypeAdapter[Any], bool]]
    """Field -> (its own validation, whether it is a date) for every other field."""
    nullable: frozenset[str]
    required: frozenset[str]
    defaults: dict[str, Any]
    """Every field's default, in declaration order (fields with a factory are in ``factories`` too)."""
    factories: dict[str, Callable[[], Any]]
    after: tuple[Callable[[Any], Any], ...]
    """The ``after`` model validators but the stored-value check, in pydantic's order."""
    dates: frozenset[str]


def _split_optional(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without ``None``, whether it allows None)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(args) < len(typing.get_args(annotation)):
            return args[0], True
    return annotation, False


@functools.cache
def _plan(cls: type[BaseModel]) -> _Plan | None:
    """The checks of a model class, or None when :func:`build` must always ask the model itself."""
    decorators = cls.__pydantic_decorators__
    config = cls.model_config
    if (decorators.field_validators or decorators.validators or decorators.root_validators
            or any(d.info.mode != "after" for d in decorators.model_validators.values())
            or set(config) - _CONFIG_KEYS or config.get("extra") != "forbid"
            or cls.model_post_init is not BaseModel.model_post_init):
        return None
    strip = bool(config.get("str_strip_whitespace"))
    field_config = ConfigDict(str_strip_whitespace=strip, use_enum_values=bool(config.get("use_enum_values")))
    kinds: dict[str, Any] = {}
    lengths: dict[str, tuple[int, float]] = {}
    lists: dict[str, Check] = {}
    memo: dict[str, tuple[TypeAdapter[Any], bool]] = {}
    nullable: set[str] = set()
    dates: set[str] = set()
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    for name, info in cls.model_fields.items():
        if info.alias is not None or info.validation_alias is not None:
            return None
        base, optional = _split_optional(info.annotation)
        if optional:
            nullable.add(name)
        bounds = [m for m in info.metadata if isinstance(m, (MinLen, MaxLen))]
        if any(getattr(m, "pattern", None) == ISO_DATE for m in info.metadata):
            dates.add(name)
        item = typing.get_args(base)[0] if typing.get_origin(base) is list else None
        if base is str and len(bounds) == len(info.metadata):
            kinds[name] = str
            if bounds:
                lengths[name] = (max((m.min_length for m in bounds if isinstance(m, MinLen)), default=0),
                                 min((m.max_length for m in bounds if isinstance(m, MaxLen)), default=float("inf")))
        elif base in (int, float, bool) and not info.metadata:
            kinds[name] = base
        elif item in (int, float, str) and not info.metadata:
            kinds[name] = list
            lists[name] = _list_of(item, strip)
        else:
            annotated: Any = info.annotation
            if info.metadata:  # the field's constraints with its type: Annotated[str | None, pattern]
                annotated = operator.getitem(Annotated, (info.annotation, *info.metadata))
            kinds[name] = TypeAdapter
            memo[name] = (TypeAdapter(annotated, config=field_config), name in dates)
        if info.default_factory is not None:
            factories[name] = info.default_factory  # type: ignore[assignment]
            default = factories[name]()
        else:
            default = None if info.default is PydanticUndefined else info.default
        if default is not None and value_problem(default) is not None:
            return None  # never so; but then the model's check is the one to report it
        defaults[name] = default
    if cls.__private_attributes__:
        return None
    after = tuple(d.func for name, d in decorators.model_validators.items() if name != _VALIDATED_HERE)
    return _Plan(kinds=kinds, strip=strip, lengths=lengths, lists=lists, memo=memo, nullable=frozenset(nullable),
                 required=frozenset(n for n, f in cls.model_fields.items() if f.is_required()),
                 defaults=defaults, factories=factories, after=after, dates=frozenset(dates))


@functools.cache
def _memo(cls: type[BaseModel], name: str) -> dict[tuple[type, Any], Any]:
    """(type, input) -> validated value, per class and field."""
    return {}


_MISSING = object()


def _remembered(cls: type[BaseModel], plan: _Plan, name: str, value: Any) -> Any:
    """The field's validated value of ``value``, or ``_MISSING`` when it fails (or is not storable)."""
    memo = _memo(cls, name)
    try:
        key = (type(value), value)
        found = memo.get(key, _MISSING)
    except TypeError:  # unhashable
        return _MISSING
    if found is not _MISSING:
        return found
    adapter, is_date = plan.memo[name]
    try:
        out = adapter.validate_python(value)
    except ValidationError:
        return _MISSING
    if out is not None and (date_problem(out) if is_date and type(out) is str else value_problem(out)) is not None:
        return _MISSING
    if len(memo) < MEMO:
        memo[key] = out
    return out


def build(cls: type[M], values: dict[str, Any], made: dict[str, Any] | None = None) -> M:
    """``cls(**values, **made)``: the same model, or the same ValidationError (see the module's docstring).

    ``made``: values the caller made from validated parts only (the id of a validated node, a validated
    Document's vintage, a constant of the field's type, a date formatted from a year the parser bounded): taken
    as they are. Tests pin that each is what the field's validation returns (``tests/loaders/sipri``).
    """
    plan = _plan(cls)
    made = made or {}
    if (plan is None or not made.keys() <= plan.kinds.keys()
            or not (plan.required <= made.keys() or plan.required <= values.keys() | made.keys())):
        return cls(**values, **made)
    fields = plan.defaults.copy()
    fields.update(made)
    kinds, strip = plan.kinds, plan.strip
    for name, value in values.items():
        kind = kinds.get(name)
        if value is None:
            if name not in plan.nullable:
                return cls(**values, **made)
        elif kind is str:
            if not (type(value) is str and (not strip or value.strip() == value)
                    and ((value.isascii() and "\x00" not in value) or value_problem(value) is None)
                    and (name not in plan.lengths or plan.lengths[name][0] <= len(value) <= plan.lengths[name][1])):
                return cls(**values, **made)
        elif kind is int:
            if not (type(value) is int and INT64_MIN <= value <= INT64_MAX):
                return cls(**values, **made)
        elif kind is float:
            if not (type(value) is float and value - value == 0.0):  # NaN and the infinities give NaN
                return cls(**values, **made)
        elif kind is bool:
            if type(value) is not bool:
                return cls(**values, **made)
        elif kind is list:
            if not plan.lists[name](value):
                return cls(**values, **made)
            value = list(value)  # pydantic's copy
        elif kind is not None:
            value = _remembered(cls, plan, name, value)
            if value is _MISSING:
                return cls(**values, **made)
        else:  # not a field of the class: the model says so
            return cls(**values, **made)
        fields[name] = value
    if plan.factories:
        for name, factory in plan.factories.items():
            if name not in values and name not in made:
                fields[name] = factory()
    model = _construct(cls, fields, {*values, *made})
    before = fields.copy()
    try:
        for validator in plan.after:
            model = validator(model)
    except Exception:  # the model's own validation raises it as it should
        return cls(**values, **made)
    after = model.__dict__
    if after.keys() != before.keys():
        return cls(**values, **made)
    # what the validators set, checked (the fields they changed found by identity, in C: a model has ~40 fields)
    for name, value in compress(after.items(), map(operator.is_not, after.values(), before.values())):
        if value is not None and not (type(value) is str and value.isascii() and "\x00" not in value
                                      and name not in plan.dates):
            problem = date_problem(value) if name in plan.dates and type(value) is str else value_problem(value)
            if problem is not None:
                return cls(**values, **made)
    return model


def _construct(cls: type[M], fields: dict[str, Any], fields_set: set[str]) -> M:
    """What ``model_construct`` does for a class without private attributes or extra fields, given every field in
    declaration order (no loop over the fields to fill defaults)."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", fields)
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def replace(model: M, made: dict[str, Any]) -> M:
    """A copy of a validated model with the values in ``made`` (made from validated parts, as for :func:`build`:
    a line number the parser counted) in place of its own; what ``model.model_copy(update=made)`` gives."""
    cls = type(model)
    if cls.__private_attributes__ or model.__pydantic_extra__ is not None or not made.keys() <= model.__dict__.keys():
        return model.model_copy(update=made)
    return _construct(cls, {**model.__dict__, **made}, {*model.__pydantic_fields_set__, *made})


def pair(cls: type[M], **fields: Any) -> M:
    """A model of validated models (a record pairing a node and its provenance), as ``cls.model_construct(**fields)``
    makes it when every field is given."""
    names = _field_names(cls)
    if cls.__private_attributes__ or fields.keys() != names.keys():
        return cls.model_construct(**fields)
    return _construct(cls, {name: fields[name] for name in names}, set(fields))


@functools.cache
def _field_names(cls: type[BaseModel]) -> dict[str, None]:
    """A class's field names in declaration order (pydantic's ``model_fields`` is a property: read once)."""
    return dict.fromkeys(cls.model_fields)

"""``stored_properties`` reads a model's ``__dict__`` in one pass: the same properties, in the same order, as reading
the declared fields one by one (what it did before session 11's round 2), on every entity class and on real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from armsgraph.graph.writer import stored_properties
from armsgraph.loaders.curated.loader import CuratedLoader
from armsgraph.loaders.sipri.loader import SipriLoader
from armsgraph.schema.build import replace
from armsgraph.schema.model import NODE_TYPES, RELATION_TYPES, Node, Relation

SIPRI = ("classic-trade-register-2025-03.excerpt.csv", "transfers-2026-02.excerpt.csv")


def by_fields(model: Node | Relation, skip: frozenset[str] = frozenset({"id"})) -> dict[str, Any]:
    """The declared fields read one by one, in declaration order: the reference."""
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name not in skip and value is not None and value != []:
            out[name] = value
    return out


@pytest.mark.parametrize("cls", [*NODE_TYPES.values(), *RELATION_TYPES], ids=lambda c: c.__name__)
def test_every_entity_class_keeps_only_its_fields_in_dict(cls: type[Node] | type[Relation]) -> None:
    assert not cls.__private_attributes__
    assert cls.model_config.get("extra") == "forbid"


def models(shared_data: Path) -> list[Node | Relation]:
    out: list[Node | Relation] = []
    for name in SIPRI:
        for batch in SipriLoader().read(shared_data / "sipri" / name):
            out += [r.node for r in batch.nodes] + [r.relation for r in batch.relations] + [batch.document]
    return out


def test_real_models_give_the_same_properties_in_the_same_order(shared_data: Path) -> None:
    seen = models(shared_data)
    assert len({type(m) for m in seen}) > 5
    for model in seen:
        assert list(stored_properties(model).items()) == list(by_fields(model).items())
        ends = frozenset({"src", "dst", "id"})
        assert list(stored_properties(model, ends).items()) == list(by_fields(model, ends).items())


def test_a_replaced_or_assigned_model_keeps_declaration_order(shared_data: Path) -> None:
    node = next(m for m in models(shared_data) if isinstance(m, Node) and len(type(m).model_fields) > 4)
    last = list(type(node).model_fields)[-1]
    copy = replace(node, {last: None})
    assert list(stored_properties(copy).items()) == list(by_fields(copy).items())
    first = next(iter(stored_properties(node)))
    updated = node.model_copy(update={first: "re-named"})  # a field the model holds: updated in place
    assert list(stored_properties(updated).items()) == list(by_fields(updated).items())
    assert stored_properties(updated)[first] == "re-named"


def test_empty_lists_and_nulls_are_left_out_and_falsy_values_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"type": "Country", "iso3": "RUS", "name": "Russia", "source": "ISO"}\n', encoding="utf-8")
    node = next(CuratedLoader().read(path)).nodes[0].node
    props = stored_properties(node)
    assert props == by_fields(node)
    assert "id" not in props and all(v is not None and v != [] for v in props.values())

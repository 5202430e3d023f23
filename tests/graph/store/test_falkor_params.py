"""The fast parameter encoder: what goes in comes back out of the real engine, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from falkordb.helpers import stringify_param_value

from armsgraph.graph.store.falkor_params import encode_value
from armsgraph.graph.store.falkordb import FalkorStore

HOSTILE = [
    'a"b', "back\\slash", "new\nline", "tab\there", "cr\r\n", "uni Côte d'Ivoire ☃ 𝄞", "ctl\x01x", "bell\x07",
    "form\x0cfeed", "back\x08space", '"}) DETACH DELETE n //', "it's", "end\\", "\\u0041 literal", "\u2028",
    "`backtick`", "", " ", "$param", "{map: 1}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_strings_round_trip(store: FalkorStore, text: str) -> None:
    assert store.run("RETURN $x AS x", {"x": text}).scalar() == text


@pytest.mark.parametrize("value", [
    True, False, 0, -3, 12345678901234, 1.5, 1e-7, None, [], [1, "a", None, True],
    {"id": "x", "props": {"name": "Ukraine", "years": [2022, 2023], "tiv": 0.25}, "loc": "L12"},
    [{"a": 1}, {"b": [1, 2]}], {"weird key": 1},
])
def test_values_round_trip(store: FalkorStore, value: Any) -> None:
    assert store.run("RETURN $x AS x", {"x": value}).scalar() == value


def test_control_characters_take_the_clients_path() -> None:
    assert encode_value("ctl\x01x") == stringify_param_value("ctl\x01x")
    assert encode_value({"k": "plain"}) == '{`k`:"plain"}'


def test_the_one_call_path_agrees_with_the_per_value_path() -> None:
    """Rows as the writer sends them, with hostile keys and strings: the JSON-and-regex path gives the per-value
    encoder's text, or steps aside for it."""
    from armsgraph.graph.store.falkor_params import _fast, _literal

    compared = 0
    for text in HOSTILE:
        for value in ({"id": text, "props": {"name": text, "years": [1, text]}, "locs": [text, text]},
                      [{"a": text}, {"b": [text, {"c": text}]}], {f"k{text}": text}, [text, {"x": [text]}]):
            fast = _fast(value)
            if fast is not None and "\\u" not in fast and "\\b" not in fast and "\\f" not in fast:
                assert fast == _literal(value), (value, fast)
                compared += 1
    assert compared >= len(HOSTILE) * 2  # the fast path answers most rows (52 of 80 when written)


@pytest.mark.parametrize("key", ['a"b', "a\\b", "a:b", "a,b", "{x}", "é"])
def test_odd_map_keys_round_trip(store: FalkorStore, key: str) -> None:
    value = [{key: 1, "k": {key: [key]}}]
    assert store.run("RETURN $x AS x", {"x": value}).scalar() == value

"""The column encoder (:func:`records`) gives exactly the bytes of :func:`encode` value by value, and refuses what
``encode`` refuses: hostile values in every column shape it has a fast path for."""

from __future__ import annotations

import math
import random
import struct
from typing import Any

import pytest

from armsgraph.graph.store.falkor_bulk import BulkWriter, encode, records
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.schema.errors import StoreError

ABSENT = object()
"""A key the row does not hold (the property is not set)."""

COLUMNS: dict[str, list[Any]] = {
    "strings": ["", "a", "Ʃ → 'q' \"dq\" \\ ;", "𝔘😀 non-BMP", "\u200b\ufeff", "x" * 5000, "1990"],
    "strings absent": ["a", ABSENT, None, "𝔘", ABSENT],
    "ints": [0, 1, -1, 2**63 - 1, -(2**63), 1990, 1990],
    "ints absent": [ABSENT, 7, None, -(2**63)],
    "floats": [0.0, -0.0, 0.1, -2.5, 1e308, 5e-324, 1.0],
    "floats absent": [None, -0.0, ABSENT, 2.5],
    "bools": [True, False, True],
    "bools absent": [None, True, ABSENT, False],
    "bools and ints": [True, 1, 0, False, 2],  # True == 1: neither may stand for the other
    "ints and floats": [1, 1.0, -0.0, 0],
    "mixed": ["1", 1, 1.5, True, None, ["a"], (1, 2)],
    "string lists": [["a"], [], ["", "Ʃ", "𝔘😀"], ["x"] * 127, ["y"] * 128, [str(i) for i in range(300)]],
    "string lists absent": [None, ["a", "b"], ABSENT, []],
    "int lists": [[1990, 1991, 1990], [], [2**63 - 1, -(2**63)], [0] * 200],
    "int lists absent": [ABSENT, [1], None],
    "float lists": [[0.1, -0.0], [1e308], []],
    "mixed lists": [[1, "a", True, 2.5], [True, 1], ["a", 1], [1, 1.0], [[1], ["a"]], [None, "a"]],
    "lists of every kind": [["a"], [1], [1.5], [True], [], None, ["a", 1]],
    "tuples": [(1, 2), ("a",), ()],
}


def _rows(values: list[Any]) -> list[dict[str, Any]]:
    return [{"id": f"n{i}"} if v is ABSENT else {"id": f"n{i}", "v": v} for i, v in enumerate(values)]


def _expected(keys: list[str], rows: list[dict[str, Any]]) -> list[bytes]:
    return [b"".join(encode(row.get(key)) for key in keys) for row in rows]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_a_column_encodes_as_its_values_do(name: str) -> None:
    rows = _rows(COLUMNS[name])
    for keys in (["id", "v"], ["v"], ["v", "id", "missing"]):
        assert records(keys, rows) == _expected(keys, rows)


def test_random_rows_encode_as_their_values_do() -> None:
    rng = random.Random(16)
    pool = [v for values in COLUMNS.values() for v in values if v is not ABSENT]
    keys = [f"k{i}" for i in range(8)]
    names = sorted(COLUMNS)
    for _ in range(40):
        shape = rng.choice(["one column", "any"])
        rows = []
        for _ in range(rng.randint(0, 30)):
            row: dict[str, Any] = {}
            for key in rng.sample(keys, rng.randint(0, len(keys))):  # each row its own key order
                column = COLUMNS[names[keys.index(key) * 3 % len(names)]] if shape == "one column" else pool
                value = rng.choice(column)
                if value is not ABSENT:
                    row[key] = value
            rows.append(row)
        assert records(keys, rows) == _expected(keys, rows)


def test_no_keys_and_no_rows() -> None:
    assert records([], [{}, {"a": 1}]) == [b"", b""]
    assert records(["a"], []) == []


@pytest.mark.parametrize("bad", ["a\x00b", "\udc80 lone surrogate", 2**63, -(2**63) - 1, float("nan"),
                                 float("inf"), -float("inf"), ["a", "b\x00"], ["\ud800"], [1, 2**64],
                                 [0.5, float("nan")], {"a": 1}, {1, 2}, b"bytes"])
@pytest.mark.parametrize("around", [[], ["fine"], [None, "fine"]])
def test_what_encode_refuses_records_refuses(bad: Any, around: list[Any]) -> None:
    with pytest.raises(StoreError):
        encode(bad)
    column = [v for v in around if isinstance(v, type(bad))] + [bad]  # the bad value among values of its type
    with pytest.raises(StoreError):
        records(["v"], _rows(column))
    with pytest.raises(StoreError):
        records(["v"], _rows([*around, bad]))


def test_list_heads_below_and_above_one_byte_lengths() -> None:
    for n in (0, 1, 127, 128, 255, 256, 70_000):
        data = records(["v"], [{"v": ["s"] * n}])[0]
        assert data[:9] == struct.pack("=Bq", 5, n)
        assert len(data) == 9 + 3 * n


def test_hostile_values_survive_the_protocol(store: FalkorStore) -> None:
    """What the fast paths encode, read back from the engine: the column's values exactly (-0.0 with its sign,
    non-BMP text, 64-bit bounds, booleans beside integers, long lists)."""
    rows = [
        {"id": "a", "s": "𝔘😀 Ʃ", "i": 2**63 - 1, "f": -0.0, "b": True, "m": 1, "ls": ["y"] * 130,
         "li": [1990, 1990, -(2**63)], "lf": [0.1, -0.0], "mx": ["a", 1, True]},
        {"id": "b", "s": "", "i": -(2**63), "f": 5e-324, "b": False, "m": True, "ls": [], "li": [],
         "mx": [1.5, "b"]},
        {"id": "c", "m": 0, "ls": ["", "\u200b"], "li": [2**62]},
    ]
    keys = ["id", "s", "i", "f", "b", "m", "ls", "li", "lf", "mx"]
    store.clear()

    def fill(writer: BulkWriter) -> None:
        writer.nodes("Actor", keys, rows)
        writer.flush()

    assert store.bulk(fill) == (3, 0)
    got = {r["p"]["id"]: r["p"] for r in store.run("MATCH (n:Actor) RETURN properties(n) AS p").records()}
    for row in rows:
        stored = got[row["id"]]
        assert stored == row
        assert type(stored["m"]) is type(row["m"])
        if "f" in row:
            assert math.copysign(1.0, stored["f"]) == math.copysign(1.0, row["f"])

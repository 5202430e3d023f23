"""Engine errors reach a person as one line with the position, from both stores' formats."""

from __future__ import annotations

import pytest

from armsgraph.graph.store import Cypher
from armsgraph.graph.store.errors import engine_message
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.schema.errors import StoreError

FALKOR = ("errMsg: Invalid input at end of input: expected DISTINCT, '*', NOT, '+', '-', TRUE, FALSE, NULL, "
          "\"...string...\", a float, an integer, '[', a parameter, '{', CASE line: 1, column: 12, offset: 11 "
          "errCtx: RETURN foo( errCtxOffset: 11")
NEO4J = ("Invalid input ')': expected an expression, 'FOREACH', 'ORDER BY', 'CALL', 'CREATE', 'LOAD CSV', 'DELETE', "
         "'DETACH', 'FINISH', 'INSERT', 'LIMIT', 'MATCH' or 'MERGE' (line 1, column 12 (offset: 11))\n"
         "\"RETURN foo()\"\n            ^")


@pytest.mark.parametrize("raw", [FALKOR, NEO4J])
def test_syntax_errors_are_one_line_with_the_position(raw: str) -> None:
    message = engine_message(raw)
    assert "\n" not in message and message.endswith("(line 1, column 12)")
    assert "errCtx" not in message and "offset" not in message and "more" in message


def test_other_errors_keep_their_first_line() -> None:
    assert engine_message("Variable `m` not defined (line 1, column 18 (offset: 17))\n\"MATCH (n) RETURN m\"\n ^") == \
        "Variable `m` not defined (line 1, column 18)"
    assert engine_message("'m' not defined") == "'m' not defined"
    assert engine_message("first\nsecond") == "first"


def test_the_embedded_store_says_where(store: FalkorStore) -> None:
    with pytest.raises(StoreError) as info:
        store.run(Cypher("MATCH (n RETURN n"))
    assert str(info.value).endswith("(line 1, column 10)") and "\n" not in str(info.value)

"""Output formats are a registry: names, media types and functions; emit looks the format up."""

from __future__ import annotations

import io

import pytest

from armsgraph.graph.render import FORMATS, RENDERERS, emit
from armsgraph.schema.errors import UserError


def test_formats_come_from_the_registry() -> None:
    assert FORMATS == ("table", "json", "csv") == tuple(RENDERERS)
    assert {r.name: r.media_type for r in RENDERERS.values()} == {
        "table": "text/plain", "json": "application/json", "csv": "text/csv"}


@pytest.mark.parametrize(("fmt", "expected"), [
    ("json", '[\n {\n  "a": 1,\n  "b": [\n   "x"\n  ]\n }\n]\n'),
    ("csv", 'a,b\n1,"[""x""]"\n'),
])
def test_emit_writes_the_format(fmt: str, expected: str) -> None:
    out = io.StringIO()
    emit(["a", "b"], [[1, ["x"]]], fmt, out=out)
    assert out.getvalue() == expected


def test_table_folds_nothing_in_a_pipe_and_says_no_rows() -> None:
    out = io.StringIO()
    emit(["a"], [], "table", title="t", out=out)
    assert "(no rows)" in out.getvalue()


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown output format"):
        emit(["a"], [], "yaml", out=io.StringIO())

"""The one CSV reader and the table decoding policy (loaders/io.py)."""

from __future__ import annotations

import pytest

from armsgraph.loaders.io import csv_rows, decode_lines, head_header, read_csv, strip_bom
from armsgraph.loaders.reference.tables import data_rows
from armsgraph.schema.errors import LoaderFailure


def test_bom_comments_crlf_and_stripped_values() -> None:
    data = ("\ufeff# a comment before the header\r\n\r\n"
            "Treaty , State\r\n"
            "# a comment between rows\r\n"
            " ccm ,  Norway \r\n"
            "\r\n"
            "att,\"Korea, Republic of\"\r\n").encode("utf-8")
    table = read_csv(data, file="t.csv")
    assert table.header == ["treaty", "state"] and table.header_line == 3
    assert [(r.line, r.values) for r in table.rows] == [
        (5, {"treaty": "ccm", "state": "Norway"}), (7, {"treaty": "att", "state": "Korea, Republic of"})]
    assert table.bad_lines == 0


def test_quoted_cell_across_lines_keeps_the_first_line_number() -> None:
    table = csv_rows('a,b\n1,"two\nlines"\n3,4\n')
    assert [(r.line, r.values["b"]) for r in table.rows] == [(2, "two\nlines"), (4, "4")]


def test_short_and_long_rows_report_their_width() -> None:
    table = csv_rows("a,b,c\n1\n1,2,3,4\n")
    assert [(r.width, r.values) for r in table.rows] == [(1, {"a": "1", "b": "", "c": ""}),
                                                         (4, {"a": "1", "b": "2", "c": "3"})]


def test_a_line_that_is_not_utf8_is_flagged_the_others_read() -> None:
    data = "state,signed\nCôte d'Ivoire,2008-12-04\nChile,2008-12-03\n".encode("latin-1")
    _lines, bad = decode_lines(data)
    assert list(bad) == [1] and "0xf4" in bad[1]
    table = read_csv(data, file="t.csv")
    assert [(r.line, r.bad is not None) for r in table.rows] == [(2, True), (3, False)]
    assert table.rows[0].values["state"] == "Côte d'Ivoire"  # shown Latin-1-decoded in the report
    assert table.bad_lines == 1


@pytest.mark.parametrize("data", [b"# only a comment\n", "caf\xe9,b\n1,2\n".encode("latin-1")])
def test_no_readable_header_fails_the_file(data: bytes) -> None:
    with pytest.raises(LoaderFailure, match="header") as info:
        read_csv(data, file="t.csv")
    assert info.value.error.file == "t.csv"


def test_sniff_helpers() -> None:
    assert strip_bom(b"\xef\xbb\xbfabc") == b"abc" and strip_bom(b"abc") == b"abc"
    assert head_header(b"\xef\xbb\xbf# note\n# more\nTreaty,State\r\nccm,Norway") == ["treaty", "state"]
    assert head_header(b"") == []


def test_packaged_tables_read_through_the_reader() -> None:
    rows = data_rows("treaties.csv")
    assert rows and all(k and v == v.strip() for r in rows for k, v in r.items())

"""Reading source files as text, and CSV tables, with one decoding policy.

The policy (one answer to "which encoding was this?", recorded on the Document):

* text is UTF-8; a UTF-8 byte-order mark is dropped everywhere (:func:`strip_bom`), and a BOM followed by
  bytes that are not UTF-8 is an error, never a hint of another encoding;
* formats the project defines (curated JSON Lines, reference and party tables) must be UTF-8. Tables are
  decoded line by line (:func:`decode_lines`): a line that is not UTF-8 is reported as
  ``file:line:field: reason`` and the other lines load; whole-file formats pass ``allowed=UTF8``;
* documents from the wild (news, statements) that are not UTF-8 are decoded as charset-normalizer's best
  guess (:func:`decode`), Latin-1 family guesses widened to cp1252.

SIPRI exports are the one quirk: UTF-8 else cp1252 without a statistical guess (``loaders/sipri/loader.py``).
:func:`read_csv` / :func:`csv_rows` are the one CSV reader: BOM, ``#`` comment lines, CRLF, blank lines,
quoted cells spanning lines, stripped values, and the physical line number of every row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of

BOM = b"\xef\xbb\xbf"
UTF8: tuple[str, ...] = ("utf_8", "utf_8_sig")
"""``allowed=UTF8``: formats that must be UTF-8 (with or without BOM)."""


def strip_bom(data: bytes) -> bytes:
    """Bytes without a leading UTF-8 byte-order mark."""
    return data[len(BOM):] if data.startswith(BOM) else data


def head_lines(head: bytes) -> list[str]:
    """The lines of a file's head for ``sniff``: BOM dropped, undecodable bytes replaced, comments skipped."""
    text = strip_bom(head).decode("utf-8", "replace")
    return [line.rstrip("\r") for line in text.split("\n") if line.strip() and not line.startswith("#")]


def head_header(head: bytes) -> list[str]:
    """The CSV header of a file's head (first non-comment line), stripped and lower-cased; [] when none."""
    lines = head_lines(head)
    return [h.strip().lower() for h in next(csv.reader(lines[:1]), [])]


@dataclass(frozen=True)
class SourceText:
    path: Path
    data: bytes
    text: str
    encoding: str
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name


def decode(data: bytes, *, path: Path, allowed: tuple[str, ...] | None = None) -> tuple[str, str]:
    """Decode bytes: UTF-8 (with or without BOM) first, else charset-normalizer's best guess.

    ``allowed`` restricts the accepted encodings (e.g. ``("utf_8",)`` for formats that must be UTF-8);
    anything else raises :class:`LoaderFailure` naming the file.
    """
    bom = data.startswith(BOM)
    try:
        return (data[3:].decode("utf-8"), "utf_8_sig") if bom else (data.decode("utf-8"), "utf_8")
    except UnicodeDecodeError as exc:
        if bom:  # a BOM promises UTF-8: broken bytes after it are an error, not another encoding
            offset = exc.start + 3
            line = data[:offset].count(b"\n") + 1
            raise LoaderFailure(LoadError(file=path.name, line=line, reason=(
                f"UTF-8 BOM but invalid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})"))) from exc
        utf8_error = exc
    if allowed is not None and not any(a not in ("utf_8", "utf_8_sig") for a in allowed):
        line = data[: utf8_error.start].count(b"\n") + 1
        raise LoaderFailure(
            LoadError(file=path.name, line=line, field=None,
                      reason=f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})")
        )
    best = from_bytes(data).best()
    if best is None:
        raise LoaderFailure(LoadError(file=path.name, reason="cannot detect the text encoding (binary file?)"))
    encoding = best.encoding
    # Western exports (SIPRI) are Latin-1/cp1252: prefer cp1252, the superset, when the guess is any of them.
    if encoding in ("latin_1", "iso8859_1", "iso8859_15"):
        encoding = "cp1252"
    if allowed is not None and encoding not in allowed:
        raise LoaderFailure(LoadError(file=path.name, reason=f"encoding {encoding} not accepted here"))
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return data.decode("latin_1"), "latin_1"


def read_bytes(path: Path) -> bytes:
    """A file's bytes; an unreadable or empty (blank) file raises :class:`LoaderFailure` naming it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoaderFailure(LoadError(file=path.name, reason=f"cannot read: {exc.strerror}")) from exc
    if not data.strip():
        raise LoaderFailure(LoadError(file=path.name, line=1, reason="empty file"))
    return data


def read_text(path: Path, *, allowed: tuple[str, ...] | None = None) -> SourceText:
    """Read and decode a file; an empty file raises :class:`LoaderFailure`."""
    data = read_bytes(path)
    text, encoding = decode(data, path=path, allowed=allowed)
    return SourceText(path=path, data=data, text=text, encoding=encoding, sha256=sha256_of(data))


def decode_lines(data: bytes) -> tuple[list[str], dict[int, str]]:
    """Lines of a UTF-8 file (BOM dropped, CR/LF or LF), and the reason for each 0-based line that is not UTF-8.

    A bad line comes back Latin-1-decoded so its cells can still be shown; the caller reports it.
    """
    lines: list[str] = []
    bad: dict[int, str] = {}
    for i, raw in enumerate(strip_bom(data).split(b"\n")):
        raw = raw.rstrip(b"\r")
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            lines.append(raw.decode("latin-1"))
            bad[i] = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the table as UTF-8"
    return lines, bad


@dataclass(frozen=True)
class CsvRow:
    """One record: its first physical line (1-based), header -> stripped value ('' for a missing cell)."""

    line: int
    values: dict[str, str]
    width: int
    """How many cells the record had (fewer than the header: truncated; more: unquoted commas)."""
    bad: str | None = None
    """Why a line of the record is not UTF-8 (its values are Latin-1-decoded), or None."""


@dataclass
class CsvTable:
    """A CSV file read by :func:`csv_rows`: header, where it is, and the records after it."""

    header: list[str]
    header_line: int
    rows: list[CsvRow] = field(default_factory=list)
    bad_lines: int = 0


def csv_rows(lines: str | Sequence[str], *, bad: Mapping[int, str] | None = None,
             lower: bool = False) -> CsvTable:
    """Read CSV text (or decoded lines): the first non-blank, non-``#`` line is the header.

    ``bad`` maps 0-based line indexes to decoding problems (from :func:`decode_lines`); a record touching one
    carries it in :attr:`CsvRow.bad`. ``lower`` lower-cases the header names. Empty header names are dropped.
    Raises ValueError when there is no header at all, or the header line itself is undecodable.
    """
    if isinstance(lines, str):
        lines = lines.lstrip("\ufeff").splitlines()
    bad = bad or {}
    fed: list[int] = []

    def feed() -> Iterator[str]:
        for i, text in enumerate(lines):
            if text.startswith("#") or (not fed and not text.strip()):
                continue
            fed.append(i)
            yield text + "\n"  # a line end, so a quoted cell spanning lines keeps its newline

    reader = csv.reader(feed())
    first = next(reader, None)
    if first is None or not fed:
        raise ValueError("no CSV header")
    header_at = fed[0]
    if header_at in bad:
        raise ValueError(f"line {header_at + 1}: no readable CSV header ({bad[header_at]})")
    header = [h.strip().lower() if lower else h.strip() for h in first]
    table = CsvTable(header=header, header_line=header_at + 1)
    while True:
        start = reader.line_num
        cells = next(reader, None)
        if cells is None:
            break
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # blank line
        span = fed[start:reader.line_num]
        problem = next((bad[i] for i in span if i in bad), None)
        table.bad_lines += problem is not None
        values = {h: (cells[j].strip() if j < len(cells) else "") for j, h in enumerate(header) if h}
        table.rows.append(CsvRow(line=span[0] + 1, values=values, width=len(cells), bad=problem))
    return table


def read_csv(data: bytes, *, file: str, lower: bool = True) -> CsvTable:
    """A UTF-8 CSV file's bytes as a :class:`CsvTable` (lines that are not UTF-8 flagged per row).

    No header (or an undecodable one) raises :class:`LoaderFailure` naming the file.
    """
    lines, bad = decode_lines(data)
    try:
        return csv_rows(lines, bad=bad, lower=lower)
    except ValueError as exc:
        line = next((i + 1 for i, text in enumerate(lines) if text.strip() and not text.startswith("#")), 1)
        raise LoaderFailure(LoadError(file=file, line=line, field=None,
                                      reason=f"no readable CSV header (is the file UTF-8?): {exc}")) from exc

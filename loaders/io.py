"""Reading source files as text, and CSV tables, with one decoding policy.

The policy (one answer to "which encoding was this?", recorded on the Document):

* text is UTF-8; a UTF-8 byte-order mark is dropped everywhere (:func:`strip_bom`), and a BOM followed by
  bytes that are not UTF-8 is an error, never a hint of another encoding;
* formats the project defines (curated JSON Lines, reference and party tables) must be UTF-8. Tables are
  decoded line by line (:func:`decode_lines`): a line that is not UTF-8 is reported as
  ``file:line:field: reason`` and the other lines load; whole-file formats pass ``allowed=UTF8``;
* documents from the wild (news, statements) that are not UTF-8 are decoded as charset-normalizer's best
  guess (:func:`decode`), Latin-1 family guesses widened to cp1252.

* UTF-16 (or UTF-32) text, with a byte-order mark or recognisable by its NUL bytes, is decoded as such where
  any encoding is accepted and refused by name ("UTF-16; save it as UTF-8") where UTF-8 is required, never
  called binary.

SIPRI exports are the one quirk: UTF-8 else cp1252 without a statistical guess (``loaders/sipri/loader.py``).
:func:`read_csv` / :func:`csv_rows` are the one CSV reader: BOM, ``#`` comment lines, CRLF, blank lines,
quoted cells spanning lines, stripped values, and the physical line number of every row; a record the csv
module cannot split (a stray CR, a NUL, a cell over :data:`MAX_FIELD_CHARS`) is a bad row, not a failed file.

Only regular files are read (:func:`open_regular`): a FIFO would block and ``/dev/zero`` never ends; and no
file over :data:`MAX_INPUT_BYTES` is read into memory.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of

BOM = b"\xef\xbb\xbf"
UTF8: tuple[str, ...] = ("utf_8", "utf_8_sig")
"""``allowed=UTF8``: formats that must be UTF-8 (with or without BOM)."""

MAX_INPUT_BYTES = 1 << 30
"""The largest input file read (1 GiB; a full SIPRI export is about 30 MB): a bigger one is refused before it
is read, not read until memory runs out."""
MAX_FIELD_CHARS = 131_072
"""The longest CSV cell: the csv module's own limit, applied by every table reader (SIPRI splits without it)."""

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _failure(path: Path, reason: str, line: int | None = None) -> LoaderFailure:
    return LoaderFailure(LoadError(file=path.name, line=line, reason=reason))


def open_regular(path: Path, *, limit: int | None = None) -> BinaryIO:
    """Open a regular file for reading, or raise :class:`LoaderFailure` naming it.

    Opened without blocking (a FIFO would otherwise wait for a writer forever) and checked on the open
    descriptor, so what is checked is what is read: a FIFO, a device (``/dev/zero`` never ends), a directory
    or socket is refused, and so is a file larger than ``limit`` (default :data:`MAX_INPUT_BYTES`).
    """
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _failure(path, f"cannot read: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        mode, size = info.st_mode, info.st_size
        if stat.S_ISDIR(mode):  # a directory the caller could not walk
            try:
                os.scandir(path).close()
            except OSError as exc:
                raise _failure(path, f"cannot read the directory: {exc.strerror}") from exc
            raise _failure(path, "a directory, not a file")
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise _failure(path, f"not a regular file ({kind}): refused")
        if size > limit:
            raise _failure(path, f"file too large: {size:,} bytes (at most {limit:,} are read)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_readable(path: Path) -> None:
    """:class:`LoaderFailure` unless ``path`` is a regular file :func:`read_bytes` would read."""
    open_regular(path).close()


def read_head(path: Path, size: int = 65536) -> bytes:
    """The first ``size`` bytes of a regular file (what a loader's ``sniff`` looks at)."""
    with open_regular(path) as fh:
        try:
            return fh.read(size)
        except OSError as exc:
            raise _failure(path, f"cannot read: {exc.strerror}") from exc


def utf16_encoding(data: bytes) -> str | None:
    """'utf_32'/'utf_16' for text with that byte-order mark, 'utf_16_le'/'utf_16_be' for BOM-less UTF-16 (ASCII
    text then has a NUL in every other byte), else None."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf_32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf_16"
    sample = data[:4096]
    half = len(sample) // 2
    if half >= 2:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd >= 0.4 * half and even <= 0.05 * half:
            return "utf_16_le"
        if even >= 0.4 * half and odd <= 0.05 * half:
            return "utf_16_be"
    return None


def decode_utf16(data: bytes, *, path: Path, allowed: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """The text of a UTF-16/32 file and its encoding; None when it is not one. Where only UTF-8 is ``allowed``
    (or the bytes are broken) the file is refused, naming the encoding it is in."""
    encoding = utf16_encoding(data)
    if encoding is None:
        return None
    name = {"utf_32": "UTF-32", "utf_16": "UTF-16", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE"}[encoding]
    if allowed is not None and encoding not in allowed:
        raise _failure(path, f"the file is {name} text: save it as UTF-8", line=1)
    try:
        return data.decode(encoding).removeprefix("\ufeff"), encoding
    except UnicodeDecodeError as exc:
        raise _failure(path, f"looks like {name} text but is not valid {name} (at byte offset {exc.start})",
                       line=1) from exc


def split_lines(text: str) -> list[str]:
    """Physical lines without their line ends (LF, CR LF, or old-Mac CR when there is no LF); no empty last line.
    A CR left inside a line is content: the reader of the format decides whether it may be there."""
    lines = text.split("\n") if "\n" in text or "\r" not in text else text.split("\r")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def strip_bom(data: bytes) -> bytes:
    """Bytes without a leading UTF-8 byte-order mark."""
    return data[len(BOM):] if data.startswith(BOM) else data


def head_lines(head: bytes) -> list[str]:
    """The lines of a file's head for ``sniff``: BOM dropped, undecodable bytes replaced, comments skipped."""
    text = strip_bom(head).decode("utf-8", "replace")
    return [line for line in split_lines(text) if line.strip() and not line.startswith("#")]


def head_header(head: bytes) -> list[str]:
    """The CSV header of a file's head (first non-comment line), stripped and lower-cased; [] when there is none
    or the csv module cannot split it (a sniffer only says "not mine", the reader then explains)."""
    lines = head_lines(head)
    try:
        return [h.strip().lower() for h in next(csv.reader(lines[:1]), [])]
    except csv.Error:
        return []


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
    utf16 = decode_utf16(data, path=path, allowed=allowed)
    if utf16 is not None:
        return utf16
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
    """A regular file's bytes (:func:`open_regular`); an unreadable, too large or empty (blank) file raises
    :class:`LoaderFailure` naming it."""
    with open_regular(path) as fh:
        try:
            data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise _failure(path, f"cannot read: {exc.strerror}") from exc
    if len(data) > MAX_INPUT_BYTES:  # it grew after the check
        raise _failure(path, f"file too large (more than {MAX_INPUT_BYTES:,} bytes)")
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
    data = strip_bom(data)
    for i, raw in enumerate(data.split(b"\n") if b"\n" in data or b"\r" not in data else data.split(b"\r")):
        raw = raw.removesuffix(b"\r")
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
    """Why the record cannot be read (a line that is not UTF-8: its values are Latin-1-decoded), or None."""
    bad_field: str | None = None
    """The column the problem is in, where the reader knows it."""


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
        lines = split_lines(lines.lstrip("\ufeff"))
    bad = bad or {}
    fed: list[int] = []

    def feed() -> Iterator[str]:
        for i, text in enumerate(lines):
            if text.startswith("#") or (not fed and not text.strip()):
                continue
            fed.append(i)
            yield text + "\n"  # a line end, so a quoted cell spanning lines keeps its newline

    reader = csv.reader(feed())
    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise ValueError(f"line {fed[-1] + 1}: unreadable CSV header ({_csv_problem(exc)})") from None
    if first is None or not fed:
        raise ValueError("no CSV header")
    header_at = fed[0]
    if header_at in bad:
        raise ValueError(f"line {header_at + 1}: no readable CSV header ({bad[header_at]})")
    header = [h.strip().lower() if lower else h.strip() for h in first]
    table = CsvTable(header=header, header_line=header_at + 1)
    while True:
        start = reader.line_num
        try:
            cells = next(reader, None)
        except csv.Error as exc:  # this record only: the reader starts afresh on the next line
            at = fed[start] if start < len(fed) else fed[-1]
            table.bad_lines += 1
            table.rows.append(CsvRow(line=at + 1, values={}, width=0, bad=_csv_problem(exc),
                                     bad_field=_culprit(lines[at], header)))
            continue
        if cells is None:
            break
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # blank line
        span = fed[start:reader.line_num]
        problem = next((bad[i] for i in span if i in bad), None)
        culprit = None
        if problem is None:
            problem, culprit = _cells_problem(cells, header)
        table.bad_lines += problem is not None
        values = {h: (cells[j].strip() if j < len(cells) else "") for j, h in enumerate(header) if h}
        table.rows.append(CsvRow(line=span[0] + 1, values=values, width=len(cells), bad=problem, bad_field=culprit))
    return table


def _cells_problem(cells: list[str], header: Sequence[str]) -> tuple[str | None, str | None]:
    """(reason, column) for a record the csv module split but no table holds: a NUL byte in a cell, or values
    beyond the header's last column (an unquoted ',' inside a cell shifts every value after it)."""
    for j, cell in enumerate(cells):
        if "\x00" in cell:
            return "a NUL byte (binary data?)", header[j] if j < len(header) and header[j] else f"column {j + 1}"
    extra = [j for j in range(len(header), len(cells)) if cells[j].strip()]
    if extra:
        return (f"{len(cells)} cells but the header has {len(header)} columns (a ',' inside an unquoted cell?)",
                f"column {extra[0] + 1}")
    return None, None


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in words a person editing the file can act on."""
    text = str(exc)
    if "new-line character" in text:
        return "a stray carriage return (CR) inside an unquoted cell"
    if "field larger" in text:
        return f"a cell longer than {MAX_FIELD_CHARS:,} characters"
    if "NUL" in text:
        return "a NUL byte (binary data?)"
    return f"unreadable CSV record: {text}"


def _culprit(line: str, header: Sequence[str]) -> str | None:
    """The column of a naive split of ``line`` holding a CR, a NUL or an oversized cell (for the report)."""
    for j, cell in enumerate(line.split(",")):
        if "\r" in cell or "\x00" in cell or len(cell) > MAX_FIELD_CHARS:
            return header[j] if j < len(header) and header[j] else f"column {j + 1}"
    return None


def read_csv(data: bytes, *, file: str, lower: bool = True) -> CsvTable:
    """A UTF-8 CSV file's bytes as a :class:`CsvTable` (lines that are not UTF-8 flagged per row).

    No header (or an undecodable one) raises :class:`LoaderFailure` naming the file.
    """
    decode_utf16(data, path=Path(file), allowed=UTF8)  # refuses UTF-16 by name
    lines, bad = decode_lines(data)
    try:
        return csv_rows(lines, bad=bad, lower=lower)
    except ValueError as exc:
        line = next((i + 1 for i, text in enumerate(lines) if text.strip() and not text.startswith("#")), 1)
        raise LoaderFailure(LoadError(file=file, line=line, field=None,
                                      reason=f"no readable CSV header (is the file UTF-8?): {exc}")) from exc

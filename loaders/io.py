"""Reading source files as text: encoding detected by charset-normalizer, BOM handled, bytes kept.

Every loader reads through :func:`read_text` so that "which encoding was this?" has one answer,
recorded on the Document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from armsgraph.schema.errors import LoaderFailure, LoadError
from armsgraph.schema.ids import sha256_of


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
    bom = data.startswith(b"\xef\xbb\xbf")
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

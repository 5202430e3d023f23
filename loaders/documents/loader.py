"""Articles and statements as Document nodes: text file + metadata (sibling .meta.json or YAML front matter).

``read_document`` is shared by every text-reading loader so that one file always yields the same
Document node (same id, same properties), whichever loader registered it first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from armsgraph.loaders.base import Loader
from armsgraph.loaders.io import read_text
from armsgraph.schema import Document
from armsgraph.schema.batch import Batch
from armsgraph.schema.errors import LoaderFailure, LoadError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_GOVERNMENT = re.compile(r"white house|department|ministry|government|embassy|office of", re.I)
_DOCUMENT_FIELDS = ("title", "publisher", "date", "url", "language")


MAX_FRONT_MATTER = 65_536
"""Characters of YAML front matter read at most: metadata is a few lines, not a payload."""


class FrontMatterLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no type stubs here
    """PyYAML's safe loader without aliases: ``*name`` lets a few lines expand to billions of nodes (the
    "billion laughs" bomb) that hang whatever walks them; front matter never needs one."""

    def compose_node(self, parent: Any, index: int) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter", mark)
        return super().compose_node(parent, index)


def _front_matter(path: Path, text: str) -> Any:
    """The parsed front matter, or LoaderFailure naming the file, the line and why."""
    if len(text) > MAX_FRONT_MATTER:
        raise LoaderFailure(LoadError(file=path.name, line=2, field="front matter",
                                      reason=f"front matter longer than {MAX_FRONT_MATTER:,} characters"))
    try:
        return yaml.load(text, Loader=FrontMatterLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise LoaderFailure(LoadError(file=path.name, line=line, field="front matter",
                                      reason=f"invalid YAML: {getattr(exc, 'problem', exc)}")) from exc
    except RecursionError as exc:
        raise LoaderFailure(LoadError(file=path.name, line=2, field="front matter",
                                      reason="invalid YAML: nested too deep")) from exc
    except (ValueError, OverflowError) as exc:  # a scalar PyYAML cannot construct: 'date: 9999-99-99'
        raise LoaderFailure(LoadError(file=path.name, line=2, field="front matter",
                                      reason=f"invalid YAML value: {exc}")) from exc


def meta_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def _metadata(path: Path, text: str) -> tuple[dict[str, Any], int]:
    """Metadata and the offset where the body starts (after front matter, if any)."""
    sidecar = meta_path(path)
    meta: dict[str, Any] = {}
    offset = 0
    match = _FRONT_MATTER.match(text)
    if match:
        loaded = _front_matter(path, match.group(1))
        if not isinstance(loaded, dict):
            raise LoaderFailure(LoadError(file=path.name, line=1, field="front matter",
                                          reason="front matter is not a mapping"))
        meta.update(loaded)
        offset = match.end()
    if sidecar.exists():
        try:
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise LoaderFailure(LoadError(file=sidecar.name, line=line, reason=f"invalid JSON: {exc}")) from exc
        if not isinstance(loaded, dict):
            raise LoaderFailure(LoadError(file=sidecar.name, line=1, reason="metadata is not a JSON object"))
        meta.update(loaded)
    return meta, offset


def read_document(path: Path) -> tuple[Document, str, int]:
    """The Document node for a text file, its full decoded text and the body's start offset.

    Offsets of extracted facts are character offsets into the full decoded text.
    A missing date is allowed (recorded as absent); a malformed one is an error naming the field.
    """
    source = read_text(path)
    meta, offset = _metadata(path, source.text)
    values = {k: meta.get(k) for k in _DOCUMENT_FIELDS}
    for key, value in list(values.items()):
        if value is not None and not isinstance(value, str):
            values[key] = str(value)  # YAML turns 2023-07-07 into a date
    publisher = values.get("publisher") or ""
    kind = str(meta.get("kind") or ("statement" if _GOVERNMENT.search(publisher) else "article"))
    try:
        document = Document(sha256=source.sha256, kind=kind, path=path.name, bytes=len(source.data),
                            encoding=source.encoding, **values)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise LoaderFailure(LoadError(file=path.name, field=field, reason=err["msg"])) from exc
    return document, source.text, offset


class DocumentLoader(Loader):
    """Registers an article or statement as a Document node (text extraction is the 'text' loader)."""

    name = "document"
    version = "1.0"
    description = "register .txt/.md articles and statements as Document nodes"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        return 0.5 if path.suffix.lower() in TEXT_SUFFIXES else 0.0

    def read(self, path: Path) -> Iterator[Batch]:
        document, _text, _offset = read_document(path)
        batch = self.new_batch(document)
        batch.records_read = 1
        yield batch

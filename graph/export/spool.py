"""Rows parked on disk while a format learns its column types (headers come first, types are known last)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO


class Spool:
    """An append-only JSON Lines file in a private temporary directory, read back once, then deleted."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="armsgraph-export-")
        self._files: dict[str, TextIO] = {}

    def write(self, group: str, row: Any) -> None:
        handle = self._files.get(group)
        if handle is None:
            handle = (Path(self._dir.name) / f"{len(self._files)}.jsonl").open("w+", encoding="utf-8")
            self._files[group] = handle
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def groups(self) -> list[str]:
        return list(self._files)

    def read(self, group: str) -> Iterator[Any]:
        handle = self._files[group]
        handle.flush()
        handle.seek(0)
        for line in handle:
            yield json.loads(line)

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._dir.cleanup()

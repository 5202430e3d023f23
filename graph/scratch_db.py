"""SQLite scratch files: the bulk path's tables (:mod:`armsgraph.graph.bulk_table`) and the load's Report spool
(:mod:`armsgraph.graph.report_spool`) open and query them the same way, from here.

A scratch file lives in one load's temporary directory and dies with it, so it runs without a journal or syncs
(a crash loses only what had not been sent yet); lookups by many ids go in chunks under SQLite's oldest limit of
999 parameters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHUNK = 900
"""Ids per ``IN (...)`` lookup: under SQLite's oldest limit of 999 parameters."""


def connect(path: Path, cache_kb: int) -> sqlite3.Connection:
    """A connection to the scratch file at ``path`` (made if absent), with a page cache of ``cache_kb``."""
    db = sqlite3.connect(path)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE", f"cache_size = -{cache_kb}"):
        db.execute(f"PRAGMA {pragma}")
    return db


def chunks(items: list[Any]) -> Iterator[list[Any]]:
    """``items`` in lists of at most :data:`CHUNK`."""
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def marks(items: list[Any]) -> str:
    """One ``?`` per item, for ``IN (...)``."""
    return ",".join("?" * len(items))


@contextmanager
def attached(db: sqlite3.Connection, path: Path) -> Iterator[None]:
    """The database at ``path`` attached to ``db`` as ``part`` meanwhile (ATTACH and DETACH run outside a
    transaction: what ``db`` holds is committed before and after), without syncs or a journal on disk (an
    attached file takes SQLite's defaults: each commit of a range's merge synced two files)."""
    db.commit()
    db.execute("ATTACH DATABASE ? AS part", (str(path),))
    for pragma in ("journal_mode = MEMORY", "synchronous = OFF"):  # a scratch file too: no journal file, no syncs
        db.execute(f"PRAGMA part.{pragma}")
    try:
        yield
    finally:
        db.commit()
        db.execute("DETACH DATABASE part")

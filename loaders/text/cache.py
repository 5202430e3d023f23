"""Tables the text extractor builds once and keeps on disk between runs (the phrase table, the model's tag table).

Why: each ``armsgraph extract`` is a fresh process; what it would rebuild identically every time is read back
instead, in milliseconds. Values are marshalled (plain dicts, lists, tuples and strings: reading a file back can
build nothing else, unlike a pickle) under a key that hashes everything the value is built from; a file that is
missing, truncated, unreadable or under another key is ignored and rewritten, and an unwritable directory only
costs the rebuild. A rebuild also removes the files of its kind no start has used for ``STALE_DAYS`` (other
versions' keys): by age, not by key, so two versions sharing the directory never delete each other's table.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

STALE_DAYS = 30
"""A file no start has read or written for this long is a leftover of a version nobody runs (a read touches its
file; a version back after that long rebuilds its table in about a second)."""


def cache_dir() -> Path:
    """``$ARMSGRAPH_CACHE_DIR``, else the user cache directory (``$XDG_CACHE_HOME/armsgraph`` on Linux)."""
    override = os.environ.get("ARMSGRAPH_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    from platformdirs import user_cache_dir  # only when no override: one import less on the hot path

    return Path(user_cache_dir("armsgraph"))


def key_of(parts: Iterable[bytes]) -> str:
    """A key for what a value is built from, with the Python and marshal versions (the file format's)."""
    h = hashlib.sha256(f"python {sys.version_info[:2]} marshal {marshal.version}".encode())
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:32]


def path_for(kind: str, key: str, directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"{kind}-{key}.marshal"


def _header(key: str) -> bytes:
    """Plain bytes before the marshalled value: checked before unmarshalling, so a damaged file or another key's is
    never handed to ``marshal`` (random bytes can announce a tuple of 2**31 items and allocate gigabytes)."""
    return b"armsgraph-cache\0" + key.encode() + b"\n"


def read(path: Path, key: str) -> object | None:
    """The value stored under ``key``, or None (no file, a damaged one, or another key's)."""
    header = _header(key)
    try:
        raw = path.read_bytes()
        if not raw.startswith(header):
            return None
        data: object = marshal.loads(raw[len(header):])
    except (OSError, EOFError, ValueError, TypeError, MemoryError):
        return None
    if isinstance(data, tuple) and len(data) == 2 and data[0] == key:
        value: object = data[1]
        return value
    return None


def read_or_build(kind: str, key: str, build: Callable[[], T], check: Callable[[object], T | None],
                  directory: Path | None = None) -> T:
    """The value of ``kind`` stored under ``key`` when ``check`` accepts what is read back (the shape its user
    expects), else ``build()``'s, written for the next start: the one way each cached table is got."""
    path = path_for(kind, key, directory)
    value = check(read(path, key))
    if value is not None:
        _touch(path)
    else:
        value = build()
        write(path, key, value)
        prune(kind, path)
    return value


def _touch(path: Path) -> None:
    """Mark ``path`` used now (its age is what ``prune`` reads); a read-only directory only skips it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(kind: str, kept: Path, now: float | None = None) -> list[Path]:
    """Remove the files of ``kind`` beside ``kept`` (other keys', and a crashed write's temporary) last used more
    than ``STALE_DAYS`` ago; the removed ones. Only on a rebuild, so a warm start lists no directory; a file another
    process removes first is no error."""
    limit = (time.time() if now is None else now) - STALE_DAYS * 86400
    own = re.compile(re.escape(kind) + r"-[0-9a-f]{32}\.marshal(?:.*\.tmp)?")
    removed: list[Path] = []
    try:
        names = [p for p in kept.parent.iterdir() if p != kept and own.fullmatch(p.name)]
    except OSError as exc:
        log.debug("stale %s files not looked for (%s)", kind, exc)
        return removed
    for p in names:
        try:  # each file on its own: another process may remove it first, or it may be another user's
            if p.stat().st_mtime < limit:
                p.unlink()
                removed.append(p)
        except OSError as exc:
            log.debug("stale %s not removed (%s)", p.name, exc)
    return removed


def write(path: Path, key: str, value: Any) -> None:
    """Store ``value`` under ``key``, atomically: a reader sees the old file or the new one, never half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_header(key) + marshal.dumps((key, value)))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:
        log.debug("%s not cached (%s): it is rebuilt on each start", path.name, exc)

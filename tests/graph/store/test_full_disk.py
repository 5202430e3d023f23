"""A server that cannot write (full disk) is named as such, never killed as 'hung'; a hung one is killed aloud.

The full disk is real: a 2 MB tmpfs (skipped where mounting is not allowed).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.schema.errors import StoreError

pytestmark = pytest.mark.store


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir(mode=0o700)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(store: FalkorStore) -> StoreError:
    """Write until the server refuses; the refusal."""
    for i in range(10_000):
        try:
            store.run("CREATE (:Country {id: $id, pad: $pad})", {"id": f"c{i}", "pad": "x" * 4000}, write=True)
        except StoreError as exc:
            return exc
    raise AssertionError("the disk never filled")


def test_a_full_disk_is_named_and_the_server_is_not_killed(small_disk: Path) -> None:
    server = EmbeddedServer(small_disk / "data")
    pid = server.start().pid
    assert pid is not None
    store = FalkorStore(server, "g")
    try:
        refusal = str(fill(store))
        assert "refuses writes" in refusal and "No space left on device" in refusal, refusal
        assert server.status().problem and "MISCONF" in str(server.status().problem)
        with pytest.raises(StoreError) as again:  # the next command: says why, kills nothing
            server.start()
        assert "No space left on device" in str(again.value) and "\n" not in str(again.value)
        os.kill(pid, 0)  # still alive
        assert server.status().pid == pid
    finally:
        store.close()
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def test_a_hung_server_is_killed_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    server = EmbeddedServer(tmp_path / "data")
    pid = server.start().pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # alive, answers nothing, its log names no cause
    try:
        with caplog.at_level(logging.WARNING, logger="armsgraph.store"):
            again = server.start(timeout=20)
        assert again.running and again.pid != pid
        assert any("did not answer" in r.getMessage() and "kill -9" in r.getMessage() for r in caplog.records)
    finally:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        server.stop()

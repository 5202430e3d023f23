"""Shared data dirs: what another local user could plant or start there is refused, like ssh refuses ~/.ssh.

The tests run as root, as CI does; "another user" is nobody (uid 65534).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsgraph.graph.cli import main
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.loaders.resolve import Resolver
from armsgraph.loaders.resolve.judgements import JUDGEMENTS_FILE, read_judgements
from armsgraph.loaders.resolve.review import REVIEW_FILE, ReviewList
from armsgraph.schema.errors import StoreError, UserError

pytestmark = pytest.mark.store
NOBODY = 65534
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    path.mkdir(mode=0o700)
    yield path
    os.chmod(path, 0o700)
    os.chown(path, os.getuid(), os.getgid())
    with contextlib.suppress(StoreError):  # a test may have left a planted file; no server runs then
        EmbeddedServer(path).stop()


def test_a_world_writable_data_dir_is_refused(data_dir: Path) -> None:
    os.chmod(data_dir, 0o777)
    with pytest.raises(StoreError, match=r"writable by group or others.*chmod go-w"):
        EmbeddedServer(data_dir).start()
    assert not (data_dir / "falkordb").exists()


def test_a_group_writable_server_dir_is_refused(data_dir: Path) -> None:
    (data_dir / "falkordb").mkdir(mode=0o770)
    os.chmod(data_dir / "falkordb", 0o770)
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "db", "start"], env={"NEO4J_URI": ""})
    assert result.exit_code == 2 and "chmod go-w" in result.stderr and "\n" not in result.stderr.strip()


@needs_root
def test_a_data_dir_owned_by_another_user_is_refused(data_dir: Path) -> None:
    os.chown(data_dir, NOBODY, NOBODY)
    with pytest.raises(StoreError, match=r"owned by .*65534.*chown"):
        EmbeddedServer(data_dir).start()


@needs_root
def test_a_lock_file_planted_by_another_user_is_refused(data_dir: Path) -> None:
    db_dir = data_dir / "falkordb"
    db_dir.mkdir(mode=0o700)
    (db_dir / ".lock").touch()
    os.chown(db_dir / ".lock", NOBODY, NOBODY)
    with pytest.raises(StoreError, match="lock file"):
        EmbeddedServer(data_dir).start()


def test_a_symlinked_pid_file_or_lock_is_refused_and_not_followed(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "victim"
    target.write_text("precious\n")
    db_dir = data_dir / "falkordb"
    db_dir.mkdir(mode=0o700)
    (db_dir / ".lock").symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        EmbeddedServer(data_dir).start()
    assert target.read_text() == "precious\n"


def test_a_symlinked_review_list_is_refused_and_nothing_is_written_through_it(data_dir: Path,
                                                                             tmp_path: Path) -> None:
    target = tmp_path / "victim"
    target.write_text("precious\n")
    (data_dir / REVIEW_FILE).symlink_to(target)
    review = ReviewList()
    review.record("Atlantis", "unresolved", None, entity_id=None, candidates=[], where="x.csv:1")
    with pytest.raises(UserError, match="symbolic link"):
        review.flush(data_dir)
    assert target.read_text() == "precious\n"


def test_the_review_list_is_created_private(data_dir: Path) -> None:
    review = ReviewList()
    review.record("Atlantis", "unresolved", None, entity_id=None, candidates=[], where="x.csv:1")
    path = review.flush(data_dir)
    assert path is not None and os.stat(path).st_mode & 0o077 == 0


def test_a_world_writable_judgements_file_is_refused(data_dir: Path) -> None:
    planted = data_dir / JUDGEMENTS_FILE
    planted.write_text("name,decision,entity_id\nGermany,is,country:RUS\n")
    os.chmod(planted, 0o666)
    with pytest.raises(UserError, match=r"writable by group or others.*chmod go-w"):
        Resolver.standard(data_dir)
    with pytest.raises(UserError, match="judgements file"):
        read_judgements([planted], {})


@needs_root
def test_a_judgements_file_owned_by_another_user_is_refused(data_dir: Path) -> None:
    planted = data_dir / JUDGEMENTS_FILE
    planted.write_text("name,decision,entity_id\nGermany,is,country:RUS\n")
    os.chown(planted, NOBODY, NOBODY)
    with pytest.raises(UserError, match="owned by"):
        Resolver.standard(data_dir)


def fake_server(path: Path, uid: int) -> int:
    """A process of user ``uid`` listening on ``path`` and answering +PONG to anything; returns its pid."""
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become the other user, then listen
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.bind(str(path))  # bound where the tests' private tmp dir lets it, then the user changes:
            os.setgid(uid)
            os.setuid(uid)
            sock.listen(8)  # the kernel records the listener's credentials here
            os.write(ready_w, b"1")
            while True:
                conn, _ = sock.accept()
                with contextlib.suppress(OSError), conn:  # armsgraph hangs up at once
                    conn.recv(65536)
                    conn.sendall(b"+PONG\r\n")
        finally:
            os._exit(0)
    os.close(ready_w)
    assert os.read(ready_r, 1) == b"1"
    os.close(ready_r)
    return pid


@needs_root
def test_a_server_run_by_another_user_is_refused_on_every_connection(data_dir: Path, tmp_path: Path) -> None:
    """Another user's server on the socket: no query reaches it, even on a server armsgraph did not start."""
    path = tmp_path / "redis.sock"
    fake = fake_server(path, NOBODY)
    try:
        server = EmbeddedServer(data_dir)
        server.socket = path
        with pytest.raises(StoreError, match=r"runs as uid 65534"):
            FalkorStore(server, "g").run("MATCH (n) RETURN count(n)")
        with pytest.raises(StoreError, match=r"runs as uid 65534"):
            server._probe()
        with socket.socket(socket.AF_UNIX) as raw:  # the fake server is really there and answers
            raw.connect(str(path))
            raw.sendall(b"PING\r\n")
            assert raw.recv(16) == b"+PONG\r\n"
    finally:
        os.kill(fake, signal.SIGKILL)
        os.waitpid(fake, 0)


def test_our_own_server_passes_the_owner_check(data_dir: Path) -> None:
    server = EmbeddedServer(data_dir)
    server.start()
    store = FalkorStore(server, "g")
    assert store.run("RETURN 1").rows == [[1]]
    store.close()

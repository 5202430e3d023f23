"""The web view's tests share one loaded store and one server (loading takes seconds; each test only reads, or
records a judgement about its own review item).

The store holds the seed story (examples/seed-entities.jsonl + the RT article), the shared news, statements and
SIPRI exports, and two files written here: a curated JSONL whose person carries hostile strings (markup, quotes, a
Cypher fragment, a javascript: URL) and a treaty-party table with names no resolver knows (the review list).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client; httpx (pinned) works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from web_fixtures import HOSTILE_ALIAS, HOSTILE_NAME, HOSTILE_SOURCE, SEED, UNKNOWN_NAMES, Loaded

from armsgraph.graph.cli import main
from armsgraph.graph.cli.serve import bind
from armsgraph.graph.store import Cypher, Settings, Store, open_store
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.graph.web import WebConfig, create_app
from armsgraph.loaders.resolve import JUDGEMENTS_ENV


def _cli(data_dir: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


@pytest.fixture(scope="session")
def web_data(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Loaded]:
    """One data dir loaded once for every web test (as 'armsgraph load' does it)."""
    saved = os.environ.pop(JUDGEMENTS_ENV, None)  # judgements go to <data dir>/judgements.csv
    root = tmp_path_factory.mktemp("web")
    data_dir = root / "data"
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps({"type": "Person", "name": HOSTILE_NAME, "aliases": [HOSTILE_ALIAS],
                                   "source": HOSTILE_SOURCE}) + "\n", encoding="utf-8")
    parties = root / "parties.csv"
    parties.write_text("treaty,state,signed\n" + "".join(f"ccm,{name},2008-12-03\n" for name in UNKNOWN_NAMES),
                       encoding="utf-8")
    try:
        result = _cli(data_dir, "load", str(SEED), str(shared_data / "news"), str(shared_data / "statements"),
                      str(shared_data / "sipri"), str(hostile))
        assert result.exit_code in (0, 1), result.output  # 1: some records of the real data are refused, reported
        assert "internal error" not in result.output
        result = _cli(data_dir, "load", "--loader", "treaty-table", str(parties))
        assert "internal error" not in result.output  # the unknown names fail their rows, and wait for review
        store = open_store(Settings(data_dir=data_dir))
        try:
            rows = store.run(Cypher("MATCH (p:Person) WHERE p.name = $name RETURN p.id"), {"name": HOSTILE_NAME}).rows
        finally:
            store.close()
        assert len(rows) == 1, "the hostile person was not loaded"
        yield Loaded(data_dir, shared_data, str(rows[0][0]))
    finally:
        EmbeddedServer(data_dir).stop()
        if saved is not None:
            os.environ[JUDGEMENTS_ENV] = saved


@pytest.fixture(scope="session")
def web_store(web_data: Loaded) -> Iterator[Store]:
    store = open_store(Settings(data_dir=web_data.data_dir))
    yield store
    store.close()


def web_config(store: Store, loaded: Loaded, hosts: list[str] | None = None) -> WebConfig:
    return WebConfig(store=store, data_dir=loaded.data_dir, docs=[loaded.shared],
                     allowed_hosts=hosts or ["testserver", "127.0.0.1", "localhost"])


@pytest.fixture(scope="session")
def client(web_store: Store, web_data: Loaded) -> Iterator[TestClient]:
    """HTTP-level: the app over the loaded store, through Starlette's test client (no socket)."""
    with TestClient(create_app(web_config(web_store, web_data))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_url(web_data: Loaded) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread, over its own store connection."""
    store = open_store(Settings(data_dir=web_data.data_dir))
    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(web_config(store, web_data)), log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.close()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""As the machines' notes say: without the background-networking flags Chromium keeps dialling out, refused."""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser); skips when there is none."""
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium on this machine ('make test' installs Debian's chromium as root; "
                    "apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")
    playwright = sync_api.sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Exception as exc:  # a browser that cannot start is a skip with its reason, not a failure of the view
        playwright.stop()
        pytest.skip(f"chromium at {path} did not start under Playwright: {' '.join(str(exc).split())[:300]}")
    try:
        yield launched
    finally:
        launched.close()
        playwright.stop()


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, base_url=live_url)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"

"""No automatic append-only file rewrite while ``GRAPH.BULK`` runs (``FalkorStore.bulk``).

An automatic rewrite forks the server; one that came while a bulk command ran deadlocked a 1M-deal bulk load (the
server idle, the client waiting for its reply). The bulk load switches automatic rewrites off for its commands,
restores the setting after them, whatever happens, and compacts the log itself.
"""

from __future__ import annotations

import pytest

from armsgraph.graph.store.falkor_bulk import BulkWriter
from armsgraph.graph.store.falkordb import AUTO_REWRITE, FalkorStore
from armsgraph.schema.errors import StoreError


@pytest.fixture
def store(own_store: FalkorStore) -> FalkorStore:
    """A server of its own: these tests change its settings."""
    return own_store


def _setting(store: FalkorStore) -> str:
    return str(store._db.connection.config_get(AUTO_REWRITE)[AUTO_REWRITE])


def test_automatic_rewrites_are_off_during_the_bulk_commands_and_back_after(store: FalkorStore) -> None:
    configured = _setting(store)
    assert configured != "0", "the embedded server rewrites its log automatically"
    seen: list[str] = []

    def fill(writer: BulkWriter) -> None:
        seen.append(_setting(store))
        writer.nodes("N", ["id", "name"], [{"id": i, "name": f"n{i}"} for i in range(1000)])
        writer.flush()
        seen.append(_setting(store))

    nodes, _ = store.bulk(fill)
    assert nodes == 1000
    assert seen == ["0", "0"]
    assert _setting(store) == configured
    assert store.run("MATCH (n:N) RETURN count(n)").scalar() == 1000


def test_the_setting_comes_back_when_the_bulk_load_fails(store: FalkorStore) -> None:
    configured = _setting(store)

    def fill(writer: BulkWriter) -> None:
        writer.nodes("N", ["id"], [{"id": 1}])
        writer.flush()
        writer.nodes("N", ["id"], [{"id": {"not": "storable"}}])  # the encoder refuses a map

    with pytest.raises(StoreError):
        store.bulk(fill)
    assert _setting(store) == configured

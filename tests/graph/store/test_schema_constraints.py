"""``ensure_schema`` (the incremental path's) returns with every uniqueness constraint built, as a bulk load does:
FalkorDB builds a constraint in the background, so on a graph that already holds nodes it is ``UNDER
CONSTRUCTION`` for a while, and one that cannot hold (two nodes of its label with one id) ends ``FAILED``."""

from __future__ import annotations

import pytest

from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.schema.errors import StoreError

CONSTRAINTS = Cypher("CALL db.constraints()")
MANY = Cypher("UNWIND range(1, $n) AS i CREATE (:Actor:Country {id: 'country:' + toString(i)}), "
              "(:WeaponSystem {id: 'weapon:' + toString(i)})")


def _statuses(store: FalkorStore) -> list[str]:
    return [str(row[4]) for row in store.run(CONSTRAINTS).rows]


def test_the_constraints_are_built_when_ensure_schema_returns(store: FalkorStore) -> None:
    """On a graph holding 400,000 nodes of constrained labels, built before the schema: every constraint is
    ``OPERATIONAL`` the moment ``ensure_schema`` returns (without the wait, the last ones were still being built)."""
    store.run(MANY, {"n": 200_000}, write=True)
    store.ensure_schema()
    statuses = _statuses(store)
    assert statuses, "the schema has uniqueness constraints"
    assert set(statuses) == {"OPERATIONAL"}


def test_a_constraint_that_cannot_hold_fails_ensure_schema(store: FalkorStore) -> None:
    """Two countries with one id: the Country constraint fails to build, and ``ensure_schema`` says so (without
    the wait it returned and the graph went on without the constraint)."""
    store.run(Cypher("CREATE (:Actor:Country {id: 'country:x'}), (:Actor:Country {id: 'country:x'})"), write=True)
    with pytest.raises(StoreError, match="uniqueness constraint failed to build"):
        store.ensure_schema()

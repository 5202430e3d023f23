"""Where sources disagree: treaty tables with different dates, membership lists that leave a state out.

Both edges stay in the graph with their provenance (each source keeps its own ``PARTY_TO``/``MEMBER_OF``);
these analyses only list the differences for a researcher (``armsgraph conflicts``).
"""

from __future__ import annotations

from typing import Any

from armsgraph.graph.store import Cypher, Store

PARTY_EDGES = Cypher(
    "MATCH (c:Country)-[p:PARTY_TO]->(t:Treaty)\n"
    "WHERE p.pending IS NULL\n"
    "RETURN c.id AS country, c.name AS name, t.key AS treaty, p.source AS source, p.signed AS signed,\n"
    "       coalesce(p.ratified, p.accession) AS joined, p.withdrew AS withdrew\n"
    "ORDER BY treaty, country, source"
)


def _same(a: str | None, b: str | None) -> bool:
    """Dates agree at their common precision ('2009' agrees with '2009-07-08'). A date one source does not
    record (the low-trust list has no signatures) is not a disagreement."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def party_conflicts(store: Store, *, missing: bool = False) -> list[dict[str, str | None]]:
    """Where treaty tables disagree: the same state and treaty with different dates in two sources, and
    (``missing=True``) a state one source lists as bound that another source for the same treaty omits.

    Both edges stay in the graph with their provenance; this only lists the differences for a researcher.
    """
    rows = store.run(PARTY_EDGES).records()
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    sources_of: dict[str, set[str]] = {}
    for row in rows:
        by_pair.setdefault((row["treaty"], row["country"]), []).append(row)
        sources_of.setdefault(row["treaty"], set()).add(row["source"])
    out: list[dict[str, str | None]] = []
    for (treaty, country), edges in sorted(by_pair.items()):
        first = edges[0]
        for other in edges[1:]:
            for fld in ("signed", "joined", "withdrew"):
                if not _same(first[fld], other[fld]):
                    out.append({"treaty": treaty, "country": country, "name": first["name"], "field": fld,
                                "source": first["source"], "value": first[fld],
                                "other_source": other["source"], "other_value": other[fld]})
        if missing and any(e["joined"] for e in edges):
            for absent in sorted(sources_of[treaty] - {e["source"] for e in edges}):
                out.append({"treaty": treaty, "country": country, "name": first["name"], "field": "listed",
                            "source": first["source"], "value": "yes", "other_source": absent,
                            "other_value": None})
    return out



MEMBER_EDGES = Cypher(
    "MATCH (c:Country)-[m:MEMBER_OF]->(o:Organization)\n"
    "WHERE m.pending IS NULL\n"
    "RETURN o.id AS org, c.id AS country, c.name AS name, m.source AS source\n"
    "ORDER BY org, country, source"
)


def membership_conflicts(store: Store) -> list[dict[str, str]]:
    """Members one source lists and another source for the same organisation does not: both edges stay."""
    rows = store.run(MEMBER_EDGES).records()
    sources: dict[str, set[str]] = {}
    listed: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for row in rows:
        sources.setdefault(row["org"], set()).add(row["source"])
        listed.setdefault((row["org"], row["country"]), (row["name"], set()))[1].add(row["source"])
    out = []
    for (org, country), (name, have) in sorted(listed.items()):
        for absent in sorted(sources[org] - have):
            out.append({"org": org, "country": country, "name": name, "listed_by": ", ".join(sorted(have)),
                        "not_listed_by": absent})
    return out

"""Per-block deal totals (``DealTotals``), written with the block's Transfers so hub queries read one node per
partner instead of every deal of an actor that has a fifth of the graph.

A block is one supplier and recipient; the deal resolver rewrites all of a block's Transfers at once
(:mod:`armsgraph.graph.deals`), and :func:`write_totals` rewrites the block's totals from the same rows in
the same pass. The totals are a separate label with no edges (supplier and recipient are ids in
properties), so no ``SUPPLIED``/``TO`` pattern counts them as deals (docs/transfers.md, docs/performance.md).

How many deals delivered inside a year range is exact from totals: each deal's delivery years are cut into
runs of consecutive years; the runs that meet ``[a, b]`` are those starting by ``b`` less those ending before
``a``, and a deal with several runs meeting the range is counted once by subtracting its gaps that lie inside
the range (two runs meet the range exactly when the gap between them lies inside it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

from armsgraph.graph.store import Store
from armsgraph.graph.store.cypher import Cypher
from armsgraph.graph.writer import chunks, send_created
from armsgraph.loaders.deals import Deal
from armsgraph.schema import DealTotals, WeaponTotals
from armsgraph.schema.values import INT64_MAX, INT64_MIN

CHUNK = 2_000
TOP = 10
"""Deals per block whose sort key is kept (open deals' ``open_rank``, every deal's ``corroboration_rank``): a query
listing the first rows by that key finds its cut-off among them."""
MILLI = 1_000
"""``open_rank`` is the outstanding TIV in thousandths, rounded down: an integer, ordered as the TIV is."""
BASE = 10**15
"""Added to ``open_rank`` (and the least any rank can be is 1): after a restart FalkorDB's range index no longer
finds nodes whose indexed number is 0 (floats and integers alike; every other value comes back), so no rank is 0
(tests/graph/catalogue/test_query_plans.py restarts the server and compares)."""

WRITE_TOTALS = Cypher(
    "UNWIND $rows AS row\n"
    "MERGE (a:DealTotals {id: row.id})\n"
    "SET a = row.props"
)
DELETE_TOTALS = Cypher(
    "UNWIND $ids AS id\n"
    "MATCH (a:DealTotals {id: id})\n"
    "DELETE a"
)


WEAPON_TOTALS_OF = Cypher(
    "UNWIND $recipients AS recipient\n"
    "MATCH (x:WeaponTotals {recipient: recipient})\n"
    "RETURN x.recipient AS recipient, x.weapon AS weapon, x.suppliers AS suppliers, x.years AS years,\n"
    "       x.deals AS deals, x.tiv AS tiv"
)
WRITE_WEAPON_TOTALS = Cypher(
    "UNWIND $rows AS row\n"
    "MERGE (x:WeaponTotals {id: row.id})\n"
    "SET x = row.props"
)
DELETE_WEAPON_TOTALS = Cypher(
    "UNWIND $ids AS id\n"
    "MATCH (x:WeaponTotals {id: id})\n"
    "DELETE x"
)


def statements() -> list[Cypher]:
    """Every statement this module sends (for the Cypher grammar check)."""
    return [WRITE_TOTALS, DELETE_TOTALS, WEAPON_TOTALS_OF, WRITE_WEAPON_TOTALS, DELETE_WEAPON_TOTALS]


def corroboration_rank(props: Mapping[str, Any]) -> int:
    """``corroboration``'s sort key as one integer, stored with the Transfer (indexed): kinds of source, then
    Reports (at most 9,999), then the date (``date``, else the order year: YYYY, YYYY-MM, YYYY-MM-DD as YYYYMMDD
    with missing parts 0, which orders as the strings do; none sorts first, as null does in a descending sort).
    A deal the query lists before another never has a smaller rank."""
    date = props.get("date") or (str(props["order_year"]) if props.get("order_year") is not None else None)
    day = 99_999_999 if date is None else _day(str(date))
    return max(1, len(props.get("sources") or []) * 10**12 + min(int(props.get("records") or 0), 9_999) * 10**8 + day)


@lru_cache(maxsize=4096)
def _day(date: str) -> int:
    """YYYY[-MM[-DD]] as YYYYMMDD (missing or unreadable parts 0); cached for the 4,096 dates used most recently
    (most are order years, which repeat: a fifth of a deal's query fields)."""
    parts = [int(p) if p.isdigit() else 0 for p in date[:10].split("-")] + [0, 0]
    return min(parts[0], 9_999) * 10_000 + min(parts[1], 99) * 100 + min(parts[2], 99)


def open_rank(props: Mapping[str, Any]) -> int:
    """``open-deals``' sort key, stored with an open Transfer (indexed): ``tiv_order - tiv_delivered`` (unknown:
    0) in thousandths, rounded down (:data:`MILLI`), plus :data:`BASE` (at least 1); a larger outstanding TIV
    never has a smaller rank."""
    tiv = float(props.get("tiv_order") or 0.0) - float(props.get("tiv_delivered") or 0.0)
    return max(1, BASE + math.floor(max(min(tiv, 1e12), -1e12) * MILLI))


def _runs(years: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted distinct years as runs of consecutive years: [2001, 2002, 2005] -> [(2001, 2002), (2005, 2005)]."""
    runs: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _aligned(table: Mapping[int, Any]) -> tuple[list[int] | None, list[Any] | None]:
    """Keys sorted and their values in the same order (None for none: no empty lists stored)."""
    keys = sorted(table)
    return (keys, [table[k] for k in keys]) if keys else (None, None)


def block_totals(block: str, supplier: str, recipient: str, deals: Sequence[Mapping[str, Any]],
                 of_numbers: Sequence[int | None] | None = None) -> DealTotals:
    """The totals of one block from its Transfers' stored properties (with ``tiv_per_year``) and the number on
    each one's ``OF`` edge (``of_numbers``, aligned with ``deals``; None: no edge or no number)."""
    return DealTotals(**_block_fields(block, supplier, recipient, deals, of_numbers))


def _block_fields(block: str, supplier: str, recipient: str, deals: Sequence[Mapping[str, Any]],
                  of_numbers: Sequence[int | None] | None = None) -> dict[str, Any]:
    """:func:`block_totals`' fields, in the model's order (None: not stored)."""
    tiv: dict[int, float] = defaultdict(float)
    sipri_tiv: dict[int, float] = defaultdict(float)
    starts: dict[int, int] = defaultdict(int)
    ends: dict[int, int] = defaultdict(int)
    gaps: list[tuple[int, int]] = []
    ordered: dict[int, list[Any]] = {}
    open_deals: list[tuple[int, int]] = []
    ranks: list[int] = []
    for props in deals:
        years = [int(y) for y in props.get("delivery_years") or []]
        per_year = props.get("tiv_per_year") or []
        sipri = props.get("vintage") is not None
        for i, year in enumerate(years):
            value = per_year[i] if i < len(per_year) else None
            tiv[year] += float(value) if value is not None else 0.0
            if sipri:
                sipri_tiv[year] += float(value) if value is not None else 0.0
        runs = _runs(years)
        for first, last in runs:
            starts[first] += 1
            ends[last] += 1
        gaps += [(runs[i][1], runs[i + 1][0]) for i in range(len(runs) - 1)]
        ranks.append(int(props["corroboration_rank"]) if props.get("corroboration_rank") is not None
                     else corroboration_rank(props))
        if props.get("open_rank") is not None:
            open_deals.append((int(props["open_rank"]), int(props.get("order_year") or 0)))
        if props.get("order_year") is not None:
            row = ordered.setdefault(int(props["order_year"]), [0, 0, 0.0])
            row[0] += 1
            row[1] += int(sipri)
            row[2] += float(props.get("tiv_delivered") or 0.0)
    delivery_years, tivs = _aligned(tiv)
    sipri_years, sipri_tivs = _aligned(sipri_tiv)
    order_years, counts = _aligned(ordered)
    top = sorted(open_deals, reverse=True)[:TOP]
    numbers = of_numbers if of_numbers is not None else [None] * len(deals)
    return dict(
        block=block, supplier=supplier, recipient=recipient, deals=len(deals),
        items=sum(_items(props, number) for props, number in zip(deals, numbers, strict=True)),
        delivery_years=delivery_years, tiv_per_year=tivs,
        run_starts=[starts[y] for y in delivery_years] if delivery_years else None,
        run_ends=[ends[y] for y in delivery_years] if delivery_years else None,
        gap_from=[g[0] for g in sorted(gaps)] or None, gap_to=[g[1] for g in sorted(gaps)] or None,
        sipri_years=sipri_years, sipri_tiv_per_year=sipri_tivs,
        top_ranks=sorted(ranks, reverse=True)[:TOP] or None,
        open_ranks=[t[0] for t in top] or None, open_order_years=[t[1] for t in top] or None,
        order_years=order_years,
        deals_per_order_year=[c[0] for c in counts] if counts else None,
        sipri_deals_per_order_year=[c[1] for c in counts] if counts else None,
        tiv_per_order_year=[c[2] for c in counts] if counts else None,
    )


def _items(props: Mapping[str, Any], of_number: int | None) -> int:
    """A deal's items as ``tracker-comparison`` counts them: the number ordered, else the number on its ``OF``
    edge, else 0."""
    number = props.get("number_ordered")
    return int(number if number is not None else of_number if of_number is not None else 0)


def totals_rows(deals: Sequence[Deal], rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The totals of the blocks these deals are in (``{"id", "props"}``), pure: from the deals and the Transfer
    rows written for them (``{"id", "props"}``, in the order of ``deals``). The store writer
    (:func:`write_totals`) and the bulk path (:mod:`armsgraph.graph.bulk`) both write exactly these."""
    by_block: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    of_numbers: dict[str, list[int | None]] = defaultdict(list)
    parties: dict[str, tuple[str, str]] = {}
    for deal, row in zip(deals, rows, strict=True):
        block = str(row["props"]["block"])
        by_block[block].append(row["props"])
        of_numbers[block].append(deal.number if deal.weapon else None)  # the OF edge's number (graph/deals.py)
        parties[block] = (deal.supplier, deal.recipient)
    return [_totals_row(_block_fields(block, *parties[block], props, of_numbers[block]))
            for block, props in sorted(by_block.items())]


def _totals_row(fields: dict[str, Any]) -> dict[str, Any]:
    """One ``DealTotals`` row (``{"id", "props"}``): made directly when the model keeps every value as given (as
    :func:`weapon_row`: then ``DealTotals(**fields).properties()`` is ``{"id", **fields}`` without the nulls), else
    by the model, so a bad value fails as it always did (tests/graph/load/test_bulk_onepass.py compares both)."""
    ints = [fields["deals"], fields["items"], *chain.from_iterable(fields[k] or () for k in _TOTALS_INTS)]
    floats = list(chain.from_iterable(fields[k] or () for k in _TOTALS_FLOATS))
    if (_plain_values([fields["block"], fields["supplier"], fields["recipient"]], ints, floats)
            and fields["deals"] >= 0):
        node_id = DealTotals.id_of(block=fields["block"])  # the id the model's own validation derives
        props = {"id": node_id}
        props.update((k, v) for k, v in fields.items() if v is not None)
        return {"id": node_id, "props": props}
    totals = DealTotals(**fields)
    return {"id": totals.id, "props": totals.properties()}


_TOTALS_INTS = ("delivery_years", "run_starts", "run_ends", "gap_from", "gap_to", "sipri_years", "top_ranks",
                "open_ranks", "open_order_years", "order_years", "deals_per_order_year", "sipri_deals_per_order_year")
_TOTALS_FLOATS = ("tiv_per_year", "sipri_tiv_per_year", "tiv_per_order_year")


Entries = dict[tuple[str, int], tuple[int, float]]
"""(supplier, delivery year) -> (deals delivering in it, their TIV that year) of one recipient and weapon."""


def weapon_entries(deals: Sequence[Deal], rows: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], Entries]:
    """(recipient, weapon) -> entries, from deals and their Transfer rows. TIV summed with ``math.fsum`` (exact,
    so the same whatever the order of the deals: the bulk path and the resolver write the same numbers)."""
    years_of: dict[tuple[str, str], dict[tuple[str, int], list[Any]]] = defaultdict(dict)
    for deal, row in zip(deals, rows, strict=True):
        if not deal.weapon:
            continue
        props = row["props"]
        years = [int(y) for y in props.get("delivery_years") or []]
        per_year = props.get("tiv_per_year") or []
        table = years_of[(deal.recipient, deal.weapon)]
        for year in set(years):
            table.setdefault((deal.supplier, year), [0, []])[0] += 1
        for year, value in zip(years, per_year, strict=False):  # a year past the TIV list has no value
            if value is not None:
                table[(deal.supplier, year)][1].append(float(value))
    return {key: {entry: (n, math.fsum(tivs)) for entry, (n, tivs) in table.items()}
            for key, table in years_of.items() if table}


def weapon_row(recipient: str, weapon: str, entries: Entries) -> dict[str, Any]:
    """One ``WeaponTotals`` row (``{"id", "props"}``), validated: made directly when every value is one the model
    keeps as given (:func:`_kept_as_given`: then ``WeaponTotals(**fields).properties()`` is ``{"id", **fields}``),
    else by the model itself, so a bad value fails as it always did. Why: pydantic's validation was 8 of a row's
    13 µs, 5% of a 30k load's client CPU; tests/graph/test_weapon_row.py compares both on hostile values."""
    keys = sorted(entries)
    key = f"{recipient}|{weapon}"
    fields: dict[str, Any] = {
        "key": key, "recipient": recipient, "weapon": weapon, "suppliers": [k[0] for k in keys],
        "years": [k[1] for k in keys], "deals": [entries[k][0] for k in keys], "tiv": [entries[k][1] for k in keys]}
    if _kept_as_given(fields):
        node_id = WeaponTotals.id_of(key=key)  # the id the model's own validation derives (schema/model.py)
        return {"id": node_id, "props": {"id": node_id, **fields}}
    totals = WeaponTotals(**fields)
    return {"id": totals.id, "props": totals.properties()}


def _kept_as_given(fields: Mapping[str, Any]) -> bool:
    """Whether ``WeaponTotals(**fields)`` validates and keeps every value unchanged: texts non-empty, ASCII
    without NUL and stripped (Python's ``strip`` takes more than pydantic's, so a text it leaves alone pydantic
    does too), at least one entry, years and counts ints (not bools) in 64 bits, TIVs finite floats. Anything
    else (non-ASCII text too) is left to the model's validation."""
    texts = (fields["key"], fields["recipient"], fields["weapon"], *fields["suppliers"])
    return (bool(fields["suppliers"])
            and all(type(t) is str and t and t.isascii() and "\x00" not in t and t.strip() == t for t in texts)
            and all(type(n) is int and INT64_MIN <= n <= INT64_MAX for n in (*fields["years"], *fields["deals"]))
            and all(type(t) is float and math.isfinite(t) for t in fields["tiv"]))


def _plain_values(texts: list[Any], ints: list[Any], floats: list[Any]) -> bool:
    """Texts non-empty, ASCII without NUL and stripped; ints (not bools) in 64 bits; floats finite: the values
    ``DealTotals`` keeps as given (:func:`_totals_row`). Tested a kind at a time, in C (a block's lists run to
    hundreds of values; for ``weapon_row``'s few, :func:`_kept_as_given`'s test per value measured faster)."""
    return (set(map(type, texts)) == _STR and all(texts) and all(map(str.isascii, texts))
            and "\x00" not in "".join(texts) and all(t.strip() == t for t in set(texts))
            and (not ints or (set(map(type, ints)) == _INT and min(ints) >= INT64_MIN and max(ints) <= INT64_MAX))
            and (not floats or (set(map(type, floats)) == _FLOAT and all(map(math.isfinite, floats)))))


_STR, _INT, _FLOAT = {str}, {int}, {float}


def aggregate(deals: Sequence[Deal], rows: Sequence[Mapping[str, Any]],
              ) -> tuple[list[dict[str, Any]], dict[tuple[str, str], Entries]]:
    """:func:`totals_rows` and :func:`weapon_entries` of the same deals, as the deal writer and the bulk path
    take them. Two walks, not one: a single walk feeding both (each deal's years paired with their TIV once) was
    measured slower in CPython than the two plain loops (docs/loading.md, "Session 13")."""
    return totals_rows(deals, rows), weapon_entries(deals, rows)


def weapon_totals_rows(deals: Sequence[Deal], rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every ``WeaponTotals`` of these deals (``{"id", "props"}``), pure: the bulk path writes these for the whole
    graph; :func:`write_totals` merges the same entries into what the store holds."""
    return [weapon_row(recipient, weapon, entries)
            for (recipient, weapon), entries in sorted(weapon_entries(deals, rows).items())]


def block_parties(block: str) -> tuple[str, str]:
    """A block id 'supplier id|recipient id' as (supplier, recipient)."""
    supplier, _, recipient = block.partition("|")
    return supplier, recipient


WEAPON_ENTRIES = 50_000
"""Entries a resolution keeps before it writes them (:class:`WeaponTotalsPending`): bounds the client's memory."""


class WeaponTotalsPending:
    """The ``WeaponTotals`` entries of the blocks a resolution rewrote, group after group, written when it ends
    (or when more than :data:`WEAPON_ENTRIES` are kept).

    Why: a recipient's weapon gathers entries from every supplier, so the groups of one resolution (a SIPRI
    export: every block, sorted by supplier) each touched most ``WeaponTotals`` nodes; written per group, every
    node was read and rewritten once per group, a cost that grew with the groups times the nodes (docs/loading.md).
    Written once, the result is the one the groups would have left: each group's blocks replace their supplier's
    entries, a later group's rewrite of the same block wins, and the store's other suppliers' entries stay."""

    def __init__(self, bound: int | None = None) -> None:
        self.bound = WEAPON_ENTRIES if bound is None else bound
        self.rewritten: set[tuple[str, str]] = set()
        """(supplier, recipient) of every block rewritten since the last write."""
        self.entries: dict[tuple[str, str], Entries] = {}
        self.size = 0

    def add(self, store: Store, blocks: Iterable[str], deals: Sequence[Deal],
            rows: Sequence[Mapping[str, Any]], made: dict[tuple[str, str], Entries] | None = None) -> None:
        """A group's blocks were rewritten with these deals (and their Transfer rows; ``made``: their
        :func:`weapon_entries`, when already made)."""
        rewritten = {block_parties(b) for b in blocks}
        if rewritten & self.rewritten:  # a block widened into again: its earlier entries give way
            for key, entries in self.entries.items():
                self.entries[key] = {e: v for e, v in entries.items() if (e[0], key[0]) not in rewritten}
            self.size = sum(len(entries) for entries in self.entries.values())
        self.rewritten |= rewritten
        for key, found in (weapon_entries(deals, rows) if made is None else made).items():
            kept = self.entries.setdefault(key, {})
            self.size -= len(kept)
            kept.update(found)
            self.size += len(kept)
        if self.size > self.bound:
            self.write(store)

    def write(self, store: Store) -> None:
        """Replace the rewritten blocks' entries in the store's ``WeaponTotals`` with the kept ones; a node left
        without entries is deleted, a node whose entries did not change is not written."""
        rewritten, fresh = self.rewritten, self.entries
        self.rewritten, self.entries, self.size = set(), {}, 0
        if not rewritten:
            return
        merged: dict[tuple[str, str], Entries] = {}
        # every node of these recipients: one that holds none of the rewritten suppliers yet may get entries now,
        # and keeps its other suppliers' (filtered by supplier, a later group overwrote an earlier group's entries)
        for row in store.run(WEAPON_TOTALS_OF, {"recipients": sorted({r for _, r in rewritten})}).records():
            entries = {(s, int(y)): (int(n), float(t))
                       for s, y, n, t in zip(row["suppliers"], row["years"], row["deals"], row["tiv"], strict=True)}
            merged[(row["recipient"], row["weapon"])] = entries
        before = {key: dict(entries) for key, entries in merged.items()}
        for key, entries in merged.items():
            merged[key] = {e: v for e, v in entries.items() if (e[0], key[0]) not in rewritten}
        for key, entries in fresh.items():
            merged.setdefault(key, {}).update(entries)
        gone = sorted(WeaponTotals.id_of(key=f"{r}|{w}") for (r, w) in before if not merged[(r, w)])
        out = [weapon_row(r, w, entries) for (r, w), entries in sorted(merged.items())
               if entries and entries != before.get((r, w))]
        for ids in chunks(gone, CHUNK):
            store.submit(DELETE_WEAPON_TOTALS, {"ids": ids})
        held = {WeaponTotals.id_of(key=f"{r}|{w}") for (r, w) in before}  # every node of these recipients
        for batch in chunks([row for row in out if row["id"] in held], CHUNK):
            store.submit(WRITE_WEAPON_TOTALS, {"rows": batch})
        for batch in chunks([row for row in out if row["id"] not in held], CHUNK):
            send_created(store, "WeaponTotals", batch)  # no MERGE per row for a node the graph does not hold


def write_totals(store: Store, blocks: Iterable[str], deals: Sequence[Deal],
                 rows: Sequence[Mapping[str, Any]], weapons: WeaponTotalsPending) -> None:
    """Rewrite the totals of these blocks (every block just resolved); a block left without deals loses its
    totals. The blocks' ``WeaponTotals`` entries are kept in ``weapons`` for the resolution to write once when it
    ends."""
    blocks = list(blocks)
    out, entries = aggregate(deals, rows)
    gone = sorted({DealTotals.id_of(block=b) for b in blocks} - {row["id"] for row in out})
    for ids in chunks(gone, CHUNK):
        store.submit(DELETE_TOTALS, {"ids": ids})
    for batch in chunks(out, CHUNK):
        store.submit(WRITE_TOTALS, {"rows": batch})
    weapons.add(store, blocks, deals, rows, entries)

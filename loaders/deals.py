"""Deals from records: which Reports are one real-world transfer, and what that Transfer's values are.

Pure functions over Report properties, in the style of the name resolver: deterministic rules, each with a
name and a score, applied in a fixed order; a match too weak or too ambiguous to take goes to the review list;
a researcher's decisions (``same`` / ``different``) are data, read from a file and applied before any rule.
The graph layer (armsgraph.graph.deals) reads a block of Reports, calls :func:`resolve_deals` and writes the
result, so the same Reports give the same Transfers whatever order their files were loaded in.

The rules, in order (docs/transfers.md):

1. ``judgement``: a researcher said two records are one deal (score 1.0).
2. ``sipri-id``: SIPRI transfers-format records with one deal id, across vintages (1.0).
3. ``sipri-classic-identity``: classic-format records with one identity (supplier, recipient, order year,
   weapon, number ordered), across vintages (1.0).
4. ``sipri-rekeyed``: a transfers-format deal id that a newer vintage no longer lists, and a new id that the
   older vintage did not list, same block and order year, alike by :func:`similarity` (its score).
5. ``sipri-cross-format``: a classic deal and a transfers-format deal, same block and order year, one to one
   by descending :func:`similarity` (its score; from ``AUTO`` up; ``REVIEW`` up goes to review).
6. ``withdrawn``: a SIPRI deal whose every record is older than an export that covers its delivery years
   (all countries, its year range) and does not list it: SIPRI dropped or re-keyed it. Its Reports stay, marked
   ``withdrawn_by``; it makes no Transfer (the newer export is authoritative for what it covers).
7. ``report-sipri``: a tracker commitment or text report and a live SIPRI deal of the same block, same weapon or
   family, in the deal's years: linked when one candidate clearly wins, else on the review list.
8. ``same-report``: tracker and text records left over, same block, weapon (or family) and quantity, within
   ``REPORT_DAYS`` of each other.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from armsgraph.loaders.private import append_private, check_private_file
from armsgraph.loaders.reference.families import tokens
from armsgraph.schema.errors import LoadError
from armsgraph.schema.values import Stage

AUTO = 0.75
"""A match scored at least this is taken without asking."""
REVIEW = 0.5
"""A best match scored at least this (and not taken) goes to the review list."""
MARGIN = 0.1
"""A report links to its best SIPRI candidate only when it beats the second by this much."""
REPORT_DAYS = 30
"""Two tracker/text records of the same weapon and quantity this close are one announcement."""

SIPRI = ("sipri-transfers", "sipri-classic")
SOURCE_RANK = {"sipri-transfers": 4, "sipri-classic": 3, "tracker": 2, "curated": 1, "text": 0}
"""Which record leads a deal when vintages tie: SIPRI's newer format (per-year TIV) first."""

JUDGEMENTS_FILE = "deal-judgements.csv"
JUDGEMENTS_ENV = "ARMSGRAPH_DEAL_JUDGEMENTS"
JUDGEMENT_FIELDS = ("record", "other", "decision", "note")
_NOISE = frozenset({"mm", "sam", "sams", "apc", "uav", "ssm", "mrap", "ad", "av", "arv", "uk", "gr", "chassis"})
"""Tokens SIPRI adds to one format's designation and not the other's ('Mistral SAM', 'Cougar MRAP')."""


@dataclass
class Record:
    """One Report as the resolver reads it (its stored properties, not changed once the Record is made: the
    values the rules read most, ``is_sipri``, ``edition`` and ``deal_key``, are worked out once, when it is)."""

    id: str
    props: dict[str, Any]
    is_sipri: bool = field(init=False, repr=False, compare=False)
    edition: str = field(init=False, repr=False, compare=False)
    """The export's vintage ('' when none)."""
    _deal_key: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        props = self.props
        self.is_sipri = props.get("source") in SIPRI
        self.edition = str(props.get("vintage") or "")
        self._deal_key = None
        if "key" in props:
            key = str(props["key"])
            self._deal_key = key.rpartition("@")[0] or key

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["props"].get(name)
        except KeyError:  # during unpickling/copy, before props exists
            raise AttributeError(name) from None

    @property
    def deal_key(self) -> str:
        """The record's key without its edition ('sipri:65532@2025-01-03T21:16:02' -> 'sipri:65532')."""
        if self._deal_key is None:  # a Report without a key: the KeyError says so
            return str(self.props["key"])
        return self._deal_key

    @property
    def years(self) -> list[int]:
        return list(self.props.get("delivery_years") or [])


def _field(name: str) -> property:
    """A stored property read as an attribute without ``__getattr__``'s failed lookup first (the resolver reads
    these a few million times at 30k deals)."""
    return property(lambda self: self.props.get(name), doc=f"The Report's ``{name}`` (None when absent).")


for _name in ("source", "block", "stage", "date", "supplier", "recipient", "weapon", "family", "designation",
              "order_year", "number_ordered", "number_delivered", "reported_by", "covers"):
    setattr(Record, _name, _field(_name))


@dataclass(frozen=True)
class Member:
    record: str
    rule: str
    score: float


@dataclass
class Deal:
    """One Transfer: its key, its records (with the rule that joined each), and its resolved values."""

    key: str
    members: list[Member]
    props: dict[str, Any]
    supplier: str
    recipient: str
    weapon: str | None
    number: int | None


@dataclass(frozen=True)
class ReviewItem:
    """A match the rules would not take alone: ``record`` may be the same deal as ``candidate``'s."""

    record: str
    candidate: str
    rule: str
    score: float
    reason: str


@dataclass
class Resolution:
    deals: list[Deal] = field(default_factory=list)
    withdrawn: dict[str, str] = field(default_factory=dict)
    """Report id -> the vintage of the export that no longer lists its deal."""
    review: list[ReviewItem] = field(default_factory=list)


@dataclass
class Judgements:
    same: list[tuple[str, str]] = field(default_factory=list)
    different: set[frozenset[str]] = field(default_factory=set)
    errors: list[LoadError] = field(default_factory=list)


# -- judgements ----------------------------------------------------------------------------------------------
def judgements_path(data_dir: Path | None) -> Path | None:
    """Where a researcher's deal decisions live: $ARMSGRAPH_DEAL_JUDGEMENTS, else ``<data dir>/deal-judgements.csv``."""
    extra = os.environ.get(JUDGEMENTS_ENV)
    if extra:
        return Path(extra)
    return None if data_dir is None else data_dir / JUDGEMENTS_FILE


def read_judgements(path: Path | None) -> Judgements:
    """The decisions in the file (later rows win); bad rows listed in ``errors``. No file: no decisions."""
    judged = Judgements()
    if path is None or not os.path.lexists(path):
        return judged
    check_private_file(path, "deal judgements file")  # a planted file must not steer the totals
    decisions: dict[frozenset[str], tuple[str, str, str]] = {}
    text = path.read_text(encoding="utf-8", errors="replace")
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        record, other, decision = ((row.get(k) or "").strip() for k in ("record", "other", "decision"))
        if not record.startswith("report:") or not other.startswith("report:") or record == other:
            judged.errors.append(LoadError(file=path.name, line=line, field="record",
                                           reason="two different Report ids (report:...) expected"))
        elif decision not in ("same", "different"):
            judged.errors.append(LoadError(file=path.name, line=line, field="decision",
                                           reason=f"'same' or 'different', not {decision!r}"))
        else:
            decisions[frozenset((record, other))] = (record, other, decision)
    for record, other, decision in decisions.values():
        if decision == "same":
            judged.same.append((record, other))
        else:
            judged.different.add(frozenset((record, other)))
    return judged


def record_judgement(path: Path, record: str, other: str, decision: str, note: str = "") -> None:
    """Append one decision to the private judgements file (the file is the history; the last decision about a
    pair wins)."""
    if decision not in ("same", "different"):
        raise ValueError(f"decision must be 'same' or 'different', not {decision!r}")
    new = not os.path.lexists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with append_private(path, "deal judgements file") as f:
        writer = csv.writer(f)
        if new:
            writer.writerow(JUDGEMENT_FIELDS)
        writer.writerow((record, other, decision, " ".join(note.split())[:300]))


# -- similarity ----------------------------------------------------------------------------------------------
def designation_tokens(text: str | None) -> frozenset[str]:
    return frozenset(t for t in tokens(text or "") if t not in _NOISE)


def _telling(shared: frozenset[str]) -> bool:
    """Do the shared tokens name a weapon: a word ('excalibur'), or a model number with its letter ('m' '101')?"""
    words = any(not t.isdigit() and len(t) > 1 for t in shared)
    model = any(t.isdigit() and len(t) >= 2 for t in shared) and any(t.isalpha() for t in shared)
    return words or model


def designation_score(a: Record, b: Record) -> float:
    """1.0 for the same weapon; else how much of the shorter designation the longer one contains (tokens,
    SIPRI's format-specific words dropped), raised to 0.8 for the same family; 0 when the first name differs."""
    if a.weapon and a.weapon == b.weapon:
        return 1.0
    ta, tb = designation_tokens(a.designation), designation_tokens(b.designation)
    contained = len(ta & tb) / min(len(ta), len(tb)) if ta and tb else 0.0
    if not _telling(ta & tb):  # shared numbers or letters alone ('155', '2', 't') say nothing
        contained = min(contained, 0.4)
    if a.family and a.family == b.family:
        contained = max(contained, 0.8)
    return contained


def _number_score(a: Record, b: Record) -> float:
    da, db = a.number_delivered, b.number_delivered
    if da is None and db is None:
        return 0.5
    if da == db:
        return 1.0
    ordered = a.number_ordered or b.number_ordered
    if da is not None and db is not None and ordered and max(da, db) <= ordered:
        return 0.6  # a later vintage counts more deliveries of the same order
    return 0.0


def _years_score(a: Record, b: Record) -> float:
    ya, yb = set(a.years), set(b.years)
    if not ya and not yb:
        return 0.5
    if ya == yb:
        return 1.0
    if ya <= yb or yb <= ya:
        return 0.8  # a later vintage adds delivery years
    return 0.4 if ya & yb else 0.0


def _unit_score(a: Record, b: Record) -> float:
    ua, ub = a.tiv_unit, b.tiv_unit
    if ua is None or ub is None:
        return 0.5
    return 1.0 if abs(ua - ub) <= 0.011 * max(abs(ua), abs(ub), 0.01) else 0.0


WEIGHTS: tuple[tuple[str, float, Callable[[Record, Record], float]], ...] = (
    ("designation", 0.45, designation_score),
    ("numbers", 0.2, _number_score),
    ("years", 0.2, _years_score),
    ("tiv-unit", 0.15, _unit_score),
)
"""How two SIPRI records of one block and order year are compared: (feature, weight, score)."""


def similarity(a: Record, b: Record) -> float:
    """Weighted agreement of two SIPRI records in [0, 1]; a designation that does not match caps it below AUTO."""
    parts = {name: fn(a, b) for name, _, fn in WEIGHTS}
    score = sum(weight * parts[name] for name, weight, _ in WEIGHTS)
    if parts["designation"] < 0.5:
        score = min(score, AUTO - 0.05)
    return round(score, 4)


# -- clusters ------------------------------------------------------------------------------------------------
class _Clusters:
    """Union-find over record ids that refuses a union a ``different`` judgement forbids."""

    def __init__(self, ids: Iterable[str], different: set[frozenset[str]]) -> None:
        self.parent = {i: i for i in ids}
        self.members: dict[str, set[str]] = {i: {i} for i in self.parent}
        self.different = different
        self.rule: dict[str, tuple[str, float]] = {}
        """Record id -> (rule, score) that joined it to its deal (the first record of a deal has none)."""
        self._groups: dict[str, list[str]] | None = None
        """:meth:`groups` until the next union changes them (the rules ask for them several times)."""

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def allowed(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.different:
            return True
        return not any(frozenset((x, y)) in self.different for x in self.members[ra] for y in self.members[rb])

    def union(self, a: str, b: str, rule: str, score: float) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.allowed(a, b):
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self._groups = None
        for m in (b, a):
            if m not in self.rule:
                self.rule[m] = (rule, score)
                break
        return True

    def groups(self) -> dict[str, list[str]]:
        """Root -> member ids; the caller does not change it (it is kept until the next union)."""
        if self._groups is None:
            out: dict[str, list[str]] = defaultdict(list)
            for i in self.parent:
                out[self.find(i)].append(i)
            self._groups = out
        return self._groups


def _lead(records: list[Record]) -> Record:
    """The record whose values a deal takes: SIPRI first, then the newest vintage, then the format, then key."""
    if len(records) == 1:  # most deals: nothing to compare
        return records[0]
    return max(records, key=lambda r: (r.is_sipri, r.edition, SOURCE_RANK.get(r.source, 0), r.props["key"]))


def _year(value: Any) -> int | None:
    text = str(value or "")
    return int(text[:4]) if re.match(r"^\d{4}", text) else None


def _coverage(covers: str | None) -> tuple[int, int] | None:
    """'1995-2025' -> (1995, 2025); 'all' -> everything; None (unknown, a re-saved file) -> covers nothing."""
    if not covers:
        return None
    if covers == "all":
        return (0, 9999)
    lo, _, hi = covers.partition("-")
    return (int(lo) if lo.isdigit() else 0, int(hi) if hi.isdigit() else 9999)


def _greedy(pairs: list[tuple[float, str, str]], clusters: _Clusters, rule: str,
            review: list[ReviewItem], reason: str) -> None:
    """Take pairs one to one by descending score: from AUTO joined, from REVIEW listed for review."""
    used: set[str] = set()
    for score, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if a in used or b in used or not clusters.allowed(a, b):  # a researcher said these are two deals
            continue
        if score >= AUTO:
            if clusters.union(a, b, rule, score):
                used.update((a, b))
        elif score >= REVIEW:
            used.update((a, b))
            review.append(ReviewItem(record=a, candidate=b, rule=rule, score=score, reason=reason))


def resolve_deals(records: Iterable[Record], judgements: Judgements | None = None,
                  editions: Mapping[str, str | None] | None = None) -> Resolution:
    """Group the Reports of some blocks into deals and resolve each deal's values.

    ``editions``: SIPRI export vintage -> the delivery years it covers ('1995-2025', 'all'), for the
    ``withdrawn`` rule; by default read from the records themselves (each carries its export's ``covers``).
    """
    everything = {r.id: r for r in records}
    judged = judgements or Judgements()
    lone = _lone(everything, judged)
    recs = {rid: r for rid, r in everything.items() if rid not in lone}
    clusters = _Clusters(sorted(recs), judged.different)
    review: list[ReviewItem] = []
    for a, b in judged.same:
        if a in recs and b in recs:
            clusters.union(a, b, "judgement", 1.0)

    # 2-3: shared SIPRI keys across vintages
    by_key: dict[str, list[str]] = defaultdict(list)
    for r in recs.values():
        if r.is_sipri:
            by_key[r.deal_key].append(r.id)
    for key, ids in by_key.items():
        rule = "sipri-id" if key.startswith("sipri:") else "sipri-classic-identity"
        for other in sorted(ids)[1:]:
            clusters.union(sorted(ids)[0], other, rule, 1.0)

    def groups_of(pred: Callable[[list[Record]], bool]) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {}
        for root, ids in clusters.groups().items():
            rs = [recs[i] for i in ids]
            if pred(rs):
                out[root] = rs
        return out

    # 4: re-keyed transfers-format ids
    transfers_editions = sorted({r.edition for r in recs.values() if r.source == "sipri-transfers"})
    if len(transfers_editions) > 1:
        only_t = groups_of(lambda rs: all(r.source == "sipri-transfers" for r in rs))
        span = {root: ({r.edition for r in rs}, _lead(rs)) for root, rs in only_t.items()}
        by_block: dict[tuple[str, Any], list[str]] = defaultdict(list)
        for root, (_, lead) in span.items():
            by_block[(lead.block, lead.order_year)].append(root)
        pairs: list[tuple[float, str, str]] = []
        for roots in by_block.values():
            for old in roots:
                for new in roots:
                    eo, en = span[old][0], span[new][0]
                    if old != new and max(eo) < min(en) and not any(e in eo for e in transfers_editions
                                                                    if e >= min(en)):
                        score = similarity(span[old][1], span[new][1])
                        if designation_score(span[old][1], span[new][1]) >= 0.99:
                            pairs.append((score, old, new))
        _greedy(pairs, clusters, "sipri-rekeyed", review, "a deal id a newer vintage dropped, and a new id")

    # 5: classic <-> transfers format
    classic = groups_of(lambda rs: all(r.source == "sipri-classic" for r in rs))
    newer = groups_of(lambda rs: all(r.source == "sipri-transfers" for r in rs))
    blocks: dict[tuple[str, Any], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    leads = {root: _lead(rs) for root, rs in {**classic, **newer}.items()}
    for root in classic:
        blocks[(leads[root].block, leads[root].order_year)][0].append(root)
    for root in newer:
        blocks[(leads[root].block, leads[root].order_year)][1].append(root)
    pairs = [(similarity(leads[c], leads[t]), c, t)
             for cs, ts in blocks.values() for c in cs for t in ts]
    _greedy(pairs, clusters, "sipri-cross-format", review, "same supplier, recipient and order year, "
            "designation, numbers, delivery years and TIV compared across the two export formats")

    # 6: withdrawn by a newer export that covers the deal's years
    covers = dict(editions) if editions is not None else {
        r.edition: r.covers for r in everything.values() if r.is_sipri and r.edition}
    spans = [(edition, span_) for edition, cover in sorted(covers.items())
             if (span_ := _coverage(cover)) is not None]
    withdrawn: dict[str, str] = {}
    sipri_groups = groups_of(lambda rs: any(r.is_sipri for r in rs))
    latest = spans[-1][0] if spans else None
    for rs in [*sipri_groups.values(), *([r] for r in lone.values() if latest is not None and r.edition < latest)]:
        sipri = [r for r in rs if r.is_sipri]
        newest = max(r.edition for r in sipri)
        years = set().union(*(r.years for r in sipri))
        for edition, span_ in spans:
            if edition > newest and any(span_[0] <= y <= span_[1] for y in years):
                for r in sipri:
                    withdrawn[r.id] = edition
                break

    # 7: tracker and text records <-> live SIPRI deals
    live = {root: rs for root, rs in sipri_groups.items() if not any(r.id in withdrawn for r in rs)}
    live_by_block: dict[str, list[str]] = defaultdict(list)
    for root, rs in live.items():
        live_by_block[_lead(rs).block].append(root)
    others = groups_of(lambda rs: not any(r.is_sipri for r in rs))
    for root, rs in sorted(others.items()):
        lead = max(rs, key=lambda r: (SOURCE_RANK.get(r.source, 0), r.props["key"]))
        scored = sorted(((_report_score(lead, _lead(live[c])), c) for c in live_by_block.get(lead.block, [])),
                        key=lambda p: (-p[0], p[1]))
        scored = [p for p in scored if p[0] > 0 and clusters.allowed(p[1], root)]
        if not scored:
            continue
        best, candidate = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best >= AUTO and best - second >= MARGIN and clusters.union(candidate, root, "report-sipri", best):
            continue
        if best >= REVIEW:
            why = "several SIPRI deals fit" if best - second < MARGIN else "a weak match"
            review.append(ReviewItem(record=lead.id, candidate=_lead(live[candidate]).id, rule="report-sipri",
                                     score=best, reason=f"{why}: same supplier and recipient, weapon or family, "
                                                        "in the deal's years"))

    # 8: tracker and text records of one announcement
    rest = sorted(groups_of(lambda rs: not any(r.is_sipri for r in rs)).items())
    for i, (a_root, a_rs) in enumerate(rest):
        for b_root, b_rs in rest[i + 1:]:
            if _same_announcement(a_rs[0], b_rs[0]):
                clusters.union(a_root, b_root, "same-report", 0.8)

    result = Resolution(withdrawn=withdrawn, review=review)
    for ids in clusters.groups().values():
        rs = [recs[i] for i in sorted(ids)]
        if any(r.id in withdrawn for r in rs):
            continue
        result.deals.append(_deal(rs, clusters.rule))
    result.deals += [_lone_deal(r, clusters.rule) for r in lone.values() if r.id not in withdrawn]
    result.deals.sort(key=lambda d: d.key)
    return result


def _lone(recs: Mapping[str, Record], judged: Judgements) -> dict[str, Record]:
    """The records no rule but ``withdrawn`` can join to another: those of a block whose records are all of one
    SIPRI format and one vintage, each with a deal key no other record has, none named by a ``same`` judgement.

    Why nothing joins them: rules 2-3 join equal deal keys; rules 4, 5 and 7 compare records of one block only
    (re-keyed ids across vintages, the two formats, tracker and text against SIPRI), and rule 8 tracker and text
    records; a judgement names its records. Each is its own deal (rule ``anchor``), so :func:`resolve_deals`
    skips their pairwise work; the ``withdrawn`` rule still looks at each."""
    keys: dict[str, int] = defaultdict(int)
    by_block: dict[Any, list[Record]] = defaultdict(list)
    for r in recs.values():
        if r.is_sipri:
            keys[r.deal_key] += 1
        by_block[r.props.get("block")].append(r)
    judged_ids = {i for pair in judged.same for i in pair}
    lone: dict[str, Record] = {}
    for rs in by_block.values():
        first = rs[0]
        if not first.is_sipri:
            continue
        source, edition = first.props.get("source"), first.edition
        if all(r.props.get("source") == source and r.edition == edition and keys[r.deal_key] == 1
               and r.id not in judged_ids for r in rs):
            lone.update((r.id, r) for r in rs)
    return lone


def _report_score(report: Record, deal: Record) -> float:
    """How well a tracker/text record fits a SIPRI deal: weapon, then date, then quantity; 0 when unrelated."""
    if report.weapon and report.weapon == deal.weapon:
        weapon = 1.0
    elif report.family and report.family == deal.family:
        weapon = 0.8
    else:
        ta, tb = designation_tokens(report.designation), designation_tokens(deal.designation)
        weapon = 0.7 if ta and tb and (ta <= tb or tb <= ta) and _telling(ta & tb) else 0.0
    if weapon == 0.0:
        return 0.0
    when, order = _year(report.date), deal.order_year
    if when is None or order is None:
        timing = 0.3
    else:
        last = max([order, *deal.years])
        if not order - 1 <= when <= last + 1:
            return 0.0
        timing = 1.0 if order <= when <= last else 0.7 if when == order - 1 else 0.6
    qty, whole = report.number_ordered, deal.number_ordered or deal.number_delivered
    if qty is None or whole is None:
        amount = 0.5
    elif qty in (deal.number_ordered, deal.number_delivered):
        amount = 1.0
    else:
        amount = 0.7 if qty < whole else 0.0  # a tranche of the deal; more than the whole deal is another
    score = round(0.55 * weapon + 0.3 * timing + 0.15 * amount, 4)
    return min(score, AUTO - 0.05) if amount == 0.0 else score  # more than the whole deal: a person decides


def _day(value: Any) -> date | None:
    text = str(value or "")
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _same_announcement(a: Record, b: Record) -> bool:
    if a.block != b.block or (a.source == "tracker" and b.source == "tracker"):
        return False  # a tracker lists each announcement once: two of its rows are two commitments
    if not ((a.weapon and a.weapon == b.weapon) or (a.family and a.family == b.family)):
        return False
    if a.number_ordered is not None and b.number_ordered is not None and a.number_ordered != b.number_ordered:
        return False
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None:
        return _year(a.date) is not None and _year(a.date) == _year(b.date)
    return abs((da - db).days) <= REPORT_DAYS


# -- values --------------------------------------------------------------------------------------------------
SIPRI_FIELDS = ("order_year", "order_year_estimate", "number_ordered", "number_ordered_estimate",
                "number_delivered", "number_delivered_estimate", "delivery_years", "delivered_per_year",
                "tiv_delivered_per_year", "local_production", "status", "tiv_unit", "tiv_order", "tiv_delivered",
                "comments", "sipri_id", "vintage")
"""Taken from the lead record (the newest SIPRI vintage, the transfers format before the classic one)."""


def _most_advanced(rs: list[Record], lead: Record) -> Any:
    """The most advanced stage any source reports; of SIPRI's records only the newest counts (a later vintage may
    take back a delivery an earlier one listed)."""
    voices = [r for r in rs if not r.is_sipri or r is lead]
    stages = [s for s in (_stage(r.stage) for r in voices if r.stage) if s is not None]
    return max(stages, key=_ADVANCEMENT.__getitem__).value if stages else None


_ADVANCEMENT = {stage: stage.advancement for stage in Stage}
"""``Stage.advancement``, looked up once (it lists the enum on every call)."""
_STAGES: dict[object, Stage] = {stage.value: stage for stage in Stage}


def _stage(value: object) -> Stage | None:
    """``Stage.parse`` by one dict look-up (the enum's own look-up costs a call and a try per Report)."""
    try:
        return _STAGES.get(value)
    except TypeError:  # unhashable: no stage
        return None


def _date(rs: list[Record], lead: Record) -> Any:
    if lead.is_sipri and lead.date:
        return lead.date
    dates = sorted(str(r.date) for r in rs if r.date)
    return dates[0] if dates else None


def _first_known(name: str) -> Callable[[list[Record], Record], Any]:
    def pick(rs: list[Record], lead: Record) -> Any:
        if lead.props.get(name) is not None:
            return lead.props[name]
        return next((r.props[name] for r in rs if r.props.get(name) is not None), None)
    return pick


def _all_attributed(rs: list[Record], lead: Record) -> Any:
    """A deal known only from statements keeps its speaker; one any source asserts is not 'reported by'."""
    speakers = [r.reported_by for r in rs]
    return lead.reported_by if all(speakers) else None


def _sipri_lead(name: str) -> Callable[[list[Record], Record], Any]:
    """SIPRI's value when SIPRI has the deal (even an empty one: SIPRI's numbers are not mixed with a
    tracker's); else the first record that has one."""
    first = _first_known(name)

    def pick(rs: list[Record], lead: Record) -> Any:
        return lead.props.get(name) if lead.is_sipri else first(rs, lead)
    return pick


PRECEDENCE: dict[str, Callable[[list[Record], Record], Any]] = {
    **{name: _sipri_lead(name) for name in SIPRI_FIELDS},
    "stage": _most_advanced,
    "date": _date,
    "value_usd": _first_known("value_usd"),
    "reported_by": _all_attributed,
}
"""Each Transfer field and how it is taken from the deal's records (docs/transfers.md, 'Precedence')."""
_SIPRI_LEAD = frozenset(SIPRI_FIELDS)
"""The fields ``PRECEDENCE`` takes from a SIPRI lead as they are (:func:`_sipri_lead`)."""
_ORDER = tuple(PRECEDENCE)
_EMPTY_IS_NONE = ("date", "reported_by")
"""The fields whose rules (``_date``, ``_all_attributed``) give None for an empty value of a lone record."""


def _lone_deal(lead: Record, rules: Mapping[str, tuple[str, float]]) -> Deal:
    """:func:`_deal` of one SIPRI record (a first load's every deal), each rule worked out for one record: every
    SIPRI field, ``value_usd`` and the stage are the record's own (a stage no ``Stage`` names: none), its date and
    ``reported_by`` too unless empty; ``tests/loaders/deals/test_resolver_fast_paths.py`` compares both."""
    get = lead.props.get
    props = {name: value for name in _ORDER if (value := get(name)) is not None}  # one pass, nulls left out
    if "stage" in props:
        if (stage := _stage(props["stage"])) is None:
            del props["stage"]
        else:
            props["stage"] = stage.value
    for name in _EMPTY_IS_NONE:
        if name in props and not props[name]:
            del props[name]
    key = lead.deal_key
    props.update(key=key, block=get("block"), records=1, sources=[str(get("source"))])
    number = get("number_ordered")
    if number is None:
        number = get("number_delivered")
    return Deal(key=key, members=[Member(lead.id, *rules.get(lead.id, ("anchor", 1.0)))], props=props,
                supplier=str(get("supplier")), recipient=str(get("recipient")), weapon=get("weapon"), number=number)


def _deal(rs: list[Record], rules: Mapping[str, tuple[str, float]]) -> Deal:
    if len(rs) == 1 and rs[0].is_sipri:
        return _lone_deal(rs[0], rules)
    lead = _lead(rs)
    transfers = [r for r in rs if r.source == "sipri-transfers"]
    classic = [r for r in rs if r.source == "sipri-classic"]
    if transfers:
        key = _lead(transfers).deal_key
    elif classic:
        key = _lead(classic).deal_key
    else:  # its first record's own key: two deals of one weapon and year from two texts stay two Transfers
        key = min(str(r.props["key"]) for r in rs)
    if lead.is_sipri:  # every SIPRI field is the lead's own (``_sipri_lead``): read, not asked of the rule
        props = {name: lead.props.get(name) if name in _SIPRI_LEAD else rule(rs, lead)
                 for name, rule in PRECEDENCE.items()}
    else:
        props = {name: rule(rs, lead) for name, rule in PRECEDENCE.items()}
    props = {k: v for k, v in props.items() if v is not None}
    props.update(key=key, block=lead.block, records=len(rs), sources=sorted({str(r.source) for r in rs}))
    members = [Member(r.id, *rules.get(r.id, ("anchor", 1.0))) for r in rs]
    number = lead.number_ordered if lead.number_ordered is not None else lead.number_delivered
    return Deal(key=key, members=members, props=props, supplier=str(lead.supplier),
                recipient=str(lead.recipient), weapon=lead.weapon, number=number)

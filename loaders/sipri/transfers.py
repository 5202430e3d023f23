"""The newer SIPRI "transfers" export (one row per deal and delivery year, 17 named columns).

Rows are grouped into deals by 'SIPRI AT Database ID' (SIPRI writes a deal's rows together; rows of one id
that turn up apart are still grouped: a deal is complete at its id's last row). The per-year rows are kept as
parallel lists on the deal (``delivery_years``, ``delivered_per_year``, ``tiv_delivered_per_year``); the deal's
totals are their sums.
A spreadsheet re-save adds CR LF and one stray ';' at the end of every line: both are removed.
Estimate flags read 'Yes'/'No' and may be empty on recent rows (-> unknown, None).
A deal with one unreadable row is rejected whole: half a deal would give wrong totals.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from armsgraph.loaders.sipri.records import (
    FieldError,
    RowError,
    SipriDeal,
    cell_problem,
    header_mismatch,
    is_deal_id,
    parse_float,
    parse_int,
    parse_year,
)

COLUMNS = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description", "Armament category",
    "Order date", "Order date is estimate", "Numbers delivered", "Numbers delivered is estimate",
    "Delivery year", "Delivery year is estimate", "Status", "SIPRI estimate", "TIV deal unit",
    "TIV delivery values", "Local production",
)
WIDTH = len(COLUMNS)
(ID, SUPPLIER, RECIPIENT, DESIGNATION, DESCRIPTION, CATEGORY, ORDER, ORDER_EST, DELIVERED, DELIVERED_EST,
 YEAR, YEAR_EST, STATUS, TIV_NEW, TIV_UNIT, TIV_VALUE, LOCAL) = range(WIDTH)
_SAME_FOR_A_DEAL = (SUPPLIER, RECIPIENT, DESIGNATION, DESCRIPTION, CATEGORY, ORDER, STATUS, TIV_UNIT, LOCAL)


def is_header(fields: list[str]) -> bool:
    return bool(fields) and fields[0].strip() == COLUMNS[0]


def header_problem(fields: list[str]) -> str | None:
    """Why a header line is not the transfers header, or None when it is."""
    names = [f.strip() for f in fields]
    if names and names[-1] == "":  # a spreadsheet's trailing ';' left an empty last field
        names = names[:-1]
    return header_mismatch(names, COLUMNS)


def _yes_no(value: str, column: str) -> bool | None:
    if value == "Yes":
        return True
    if value == "No":
        return False
    if value == "":
        return None
    raise FieldError(column, f"expected Yes, No or empty, got {value[:20]!r}")


def _any_flag(flags: list[bool | None]) -> bool | None:
    """A deal-level estimate flag from its rows' flags: any Yes -> True, all No -> False, else unknown."""
    if any(flags):
        return True
    if flags and all(f is False for f in flags):
        return False
    return None


@dataclass(slots=True)
class _Group:
    deal_id: str
    first: list[str]
    line: int
    line_end: int
    order_year: int | None
    order_year_estimate: bool | None
    tiv_unit: float | None
    local_production: bool | None
    years: dict[int, tuple[int, float, int]] = field(default_factory=dict)
    """Delivery year -> (number delivered, TIV delivered, line)."""
    delivered: list[int] = field(default_factory=list)
    delivered_flags: list[bool | None] = field(default_factory=list)
    tiv: list[float] = field(default_factory=list)
    error: bool = False


def strip_stray_semicolon(line: str) -> str:
    """A line without the one stray ';' a spreadsheet re-save ends it with."""
    return line[:-1] if line.endswith(";") else line


def _deal_id(line: str) -> str:
    """The deal id of a record line, as the row reader will see it (first field, stripped)."""
    return strip_stray_semicolon(line).split(",", 1)[0].strip()


def deal_ids(lines: list[str]) -> set[str]:
    """The deal ids these record lines name (rows of a deal the parser reads or rejects alike): the bulk path's
    parallel read checks that no two ranges share one (graph/bulk_read.py)."""
    return {deal_id for deal_id in map(_deal_id, lines) if is_deal_id(deal_id)}


def parse_transfers(lines: list[str], first_line: int) -> Iterator[SipriDeal | RowError]:
    """Parse the record lines after the header (``first_line`` = physical number of the first one).

    Two passes keep memory flat: the first notes the last line of every deal id, the second yields a deal (or
    the error that rejects it) as soon as its last row is read, so only deals still open are held.
    """
    last: dict[str, int] = {}
    for offset, text in enumerate(lines):
        deal_id = _deal_id(text)
        if is_deal_id(deal_id):
            last[deal_id] = offset
    groups: dict[str, _Group] = {}
    rows = (strip_stray_semicolon(x).split(",") for x in lines)  # SIPRI never quotes: no csv module limits
    for offset, fields in enumerate(rows):
        if not "".join(fields).strip():  # only blanks and commas (one C call, not one per cell)
            continue
        deal_id = fields[0].strip()
        error = _take(groups, fields, deal_id, first_line + offset)
        if error is not None:
            yield error
        if last.get(deal_id) == offset and deal_id in groups:
            group = groups.pop(deal_id)
            if group.error:
                yield RowError(group.line, COLUMNS[ID],
                               f"deal {group.deal_id} not loaded: one of its rows is unreadable")
            else:
                yield _deal(group)


def _take(groups: dict[str, _Group], fields: list[str], deal_id: str, line: int) -> RowError | None:
    """Add one row to its deal's group; the row's error, if it has one (its deal is then rejected)."""
    group = groups.get(deal_id)
    if group is not None and group.error:
        return None
    problem = cell_problem(fields)
    if problem is not None or len(fields) != WIDTH:
        if problem is not None:
            name = COLUMNS[problem[0]] if problem[0] < WIDTH else f"column {problem[0] + 1}"
            reason = problem[1]
        else:
            name = COLUMNS[len(fields)] if len(fields) < WIDTH else f"column {WIDTH + 1}"
            reason = f"row {'ends after' if len(fields) < WIDTH else 'has'} {len(fields)} of {WIDTH} fields"
        if group is not None:
            group.error = True
        elif is_deal_id(deal_id):
            groups[deal_id] = _Group(deal_id, fields, line, line, None, None, None, None, error=True)
        return RowError(line, name, reason, rejects=False)
    try:
        if not is_deal_id(deal_id):
            raise FieldError(COLUMNS[ID], f"not a deal id: {deal_id[:40]!r}")
        for index in (SUPPLIER, RECIPIENT, DESIGNATION):
            if not fields[index].strip():
                raise FieldError(COLUMNS[index], "empty")
        year = parse_year(fields[YEAR].strip(), COLUMNS[YEAR])
        _yes_no(fields[YEAR_EST].strip(), COLUMNS[YEAR_EST])
        delivered = parse_int(fields[DELIVERED].strip(), COLUMNS[DELIVERED])
        delivered_flag = _yes_no(fields[DELIVERED_EST].strip(), COLUMNS[DELIVERED_EST])
        value = parse_float(fields[TIV_VALUE].strip(), COLUMNS[TIV_VALUE])
        parse_float(fields[TIV_NEW].strip(), COLUMNS[TIV_NEW])
        if group is None:
            group = _Group(
                deal_id, fields, line, line,
                order_year=parse_year(fields[ORDER].strip(), COLUMNS[ORDER]),
                order_year_estimate=_yes_no(fields[ORDER_EST].strip(), COLUMNS[ORDER_EST]),
                tiv_unit=parse_float(fields[TIV_UNIT].strip(), COLUMNS[TIV_UNIT]),
                local_production=_yes_no(fields[LOCAL].strip(), COLUMNS[LOCAL]),
            )
            groups[deal_id] = group
        else:
            for index in _SAME_FOR_A_DEAL:
                if fields[index].strip() != group.first[index].strip():
                    raise FieldError(COLUMNS[index],
                                     f"differs from the deal's first row (line {group.line}):"
                                     f" {fields[index][:40]!r} vs {group.first[index][:40]!r}")
            group.line_end = line
            if year is not None and year in group.years:
                raise FieldError(COLUMNS[YEAR], f"a second row for delivery year {year} of deal {deal_id}"
                                 f" (first at line {group.years[year][2]})")
    except FieldError as exc:
        if group is not None:
            group.error = True
        elif is_deal_id(deal_id):
            groups[deal_id] = _Group(deal_id, fields, line, line, None, None, None, None, error=True)
        return RowError(line, exc.column, exc.reason, rejects=False)
    group.delivered_flags.append(delivered_flag)
    if year is not None:
        group.years[year] = (delivered or 0, value or 0.0, line)
    if delivered is not None:
        group.delivered.append(delivered)
    if value is not None:
        group.tiv.append(value)
    return None


def _deal(g: _Group) -> SipriDeal:
    f = g.first
    years = sorted(g.years)
    return SipriDeal(
        line=g.line,
        line_end=g.line_end,
        sipri_id=g.deal_id,
        supplier=f[SUPPLIER].strip(),
        recipient=f[RECIPIENT].strip(),
        designation=f[DESIGNATION].strip(),
        description=f[DESCRIPTION].strip(),
        category=f[CATEGORY].strip() or None,
        order_year=g.order_year,
        order_year_estimate=g.order_year_estimate,
        number_delivered=sum(g.delivered) if g.delivered else None,
        number_delivered_estimate=_any_flag(g.delivered_flags),
        delivery_years=years,
        delivered_per_year=[g.years[y][0] for y in years],
        tiv_delivered_per_year=[round(g.years[y][1], 6) for y in years],
        status=f[STATUS].strip() or None,
        tiv_unit=g.tiv_unit,
        tiv_delivered=round(math.fsum(g.tiv), 6) if g.tiv else None,
        local_production=g.local_production,
    )

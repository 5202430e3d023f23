"""The classic SIPRI "trade register" (one row per deal, 16 columns, nothing quoted).

Quirks handled here, all seen in real exports:

* three flag columns named by a single space hold '?' when the column on their left is an estimate;
* a line break inside Comments splits a record over two physical lines, the second starting with ',':
  lines are joined while the record has fewer than 16 fields and the next line starts with ',';
* a spreadsheet re-save turns such a split record into a 16-field row with empty TIV fields plus a "junk"
  continuation row ``,tiv,tiv,tiv,,,,...``: the junk row is folded back into the row above;
* 'Year(s) of delivery' is a '; '-separated list; 'Number ordered' may be empty.

Rows are split on ',' (SIPRI never quotes, and a stray '"' in a hostile file must not swallow the following
lines); the csv module is not used, so a stray CR, a NUL or a huge cell is one bad record
(:func:`records.cell_problem`), not an exception that ends the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from armsgraph.loaders.sipri.records import (
    FieldError,
    RowError,
    SipriDeal,
    cell_problem,
    header_mismatch,
    parse_float,
    parse_int,
    parse_year,
    parse_years,
)

COLUMNS = (
    "Recipient", "Supplier", "Year of order", "", "Number ordered", "", "Weapon designation",
    "Weapon description", "Number delivered", "", "Year(s) of delivery", "status", "Comments",
    "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)
"""The header as SIPRI writes it; '' stands for a flag column named ' '."""

FLAG_NAMES = {3: "Year of order estimate flag", 5: "Number ordered estimate flag",
              9: "Number delivered estimate flag"}
WIDTH = len(COLUMNS)


def column_name(index: int) -> str:
    """Readable column name for error messages (flag columns are named after the column they qualify)."""
    if index in FLAG_NAMES:
        return FLAG_NAMES[index]
    if index < WIDTH:
        return COLUMNS[index]
    return f"column {index + 1}"


def is_header(fields: list[str]) -> bool:
    return [f.strip() for f in fields[:3]] == list(COLUMNS[:3])


def header_problem(fields: list[str]) -> str | None:
    """Why a header line is not the classic header, or None when it is."""
    return header_mismatch([f.strip() for f in fields], COLUMNS)


_FLAGS = {"?": True, "": False}


def _flag(value: str, index: int) -> bool:
    flag = _FLAGS.get(value)
    if flag is None:
        raise FieldError(column_name(index), f"estimate flag must be '?' or empty, got {value[:20]!r}")
    return flag


def _is_junk_row(fields: list[str]) -> bool:
    """A spreadsheet's continuation row: ',tiv,tiv,tiv' then only empty fields."""
    return (len(fields) == WIDTH and fields[0] == "" and any(fields[1:4])
            and not any(fields[4:]))


def parse_classic(lines: list[str], first_line: int) -> Iterator[SipriDeal | RowError]:
    """Parse the record lines (the physical lines after the header; ``first_line`` = number of the first).

    Yields one :class:`SipriDeal` per record and one :class:`RowError` per unreadable record, in file order,
    as it goes (rows are split one at a time: memory does not grow with the file); lines holding nothing but
    commas or blanks are skipped.
    """
    # One row per line, so row i is lines[i].
    rows = (line.split(",") for line in lines)
    ahead: list[str] | None = next(rows, None)
    i = 0
    while ahead is not None:
        fields, start = ahead, i
        ahead = next(rows, None)
        if not "".join(fields).strip():  # only blanks and commas (one C call, not one per cell)
            i += 1
            continue
        # A line break inside Comments: the record goes on in the next line(s), which start with ','.
        while len(fields) < WIDTH and ahead is not None and lines[i + 1].startswith(","):
            i += 1
            tail, ahead = ahead, next(rows, None)
            fields[-1] = f"{fields[-1]}\n{tail[0]}".strip() if tail[0] else fields[-1]
            fields.extend(tail[1:])
        # A spreadsheet re-save: the TIVs of a broken record moved to a junk row below it.
        if len(fields) == WIDTH and not any(fields[13:16]) and ahead is not None and _is_junk_row(ahead):
            i += 1
            fields[13:16] = ahead[1:4]
            ahead = next(rows, None)
        i += 1
        line, line_end = first_line + start, first_line + i - 1
        problem = cell_problem(fields)
        if problem is not None:
            yield RowError(line, column_name(problem[0]), problem[1])
            continue
        if len(fields) != WIDTH:
            if len(fields) < WIDTH:
                yield RowError(line_end, column_name(len(fields)),
                               f"record ends after {len(fields)} of {WIDTH} fields (truncated line?)")
            else:
                yield RowError(line_end, column_name(WIDTH),
                               f"record has {len(fields)} fields, expected {WIDTH} (a ',' inside a field?)")
            continue
        try:
            yield _deal(fields, line, line_end)
        except FieldError as exc:
            yield RowError(line, exc.column, exc.reason)


def _deal(f: list[str], line: int, line_end: int) -> SipriDeal:
    recipient, supplier, designation = f[0].strip(), f[1].strip(), f[6].strip()
    if _is_junk_row(f):
        raise FieldError("Recipient", "continuation row with no record above it to complete")
    for index, value in ((0, recipient), (1, supplier), (6, designation)):
        if not value:
            raise FieldError(COLUMNS[index], "empty")
    delivered = parse_int(f[8].strip(), "Number delivered")
    years = parse_years(f[10].strip(), "Year(s) of delivery")
    return SipriDeal(
        line=line,
        line_end=line_end,
        supplier=supplier,
        recipient=recipient,
        designation=designation,
        description=f[7].strip(),
        order_year=parse_year(f[2].strip(), "Year of order"),
        order_year_estimate=_flag(f[3].strip(), 3),
        number_ordered=parse_int(f[4].strip(), "Number ordered"),
        number_ordered_estimate=_flag(f[5].strip(), 5),
        number_delivered=delivered,
        number_delivered_estimate=_flag(f[9].strip(), 9),
        delivery_years=years,
        status=f[11].strip() or None,
        comments=f[12].strip() or None,
        tiv_unit=parse_float(f[13].strip(), COLUMNS[13]),
        tiv_order=parse_float(f[14].strip(), COLUMNS[14]),
        tiv_delivered=parse_float(f[15].strip(), COLUMNS[15]),
    )

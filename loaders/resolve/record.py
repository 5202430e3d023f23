"""Recording a researcher's judgement: one row appended to the user's judgements file.

Why one function: ``armsgraph resolve judge`` and the web view's review page both record judgements, and a
judgement must read back the same whichever wrote it (same file, same columns, replayed on the next load).
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from armsgraph.loaders.private import append_private, read_private_text
from armsgraph.schema.errors import UserError

COLUMNS = ("name", "decision", "entity_id", "context", "author", "date", "note")
DECISIONS = ("is", "is-not")


@dataclass(frozen=True)
class Recorded:
    """A row of the judgements file."""

    name: str
    decision: str
    entity_id: str
    context: str
    author: str
    date: str
    note: str


def record_judgement(path: Path, name: str, decision: str, entity_id: str, context: str | None = None,
                     note: str = "", author: str | None = None) -> Recorded:
    """Append ``name`` is (or is not) ``entity_id`` to ``path`` (created private, with a header, if missing).

    The caller checks that the entity exists; a file that cannot be written is a :class:`UserError`.
    """
    if decision not in DECISIONS:
        raise UserError(f"a judgement is 'is' or 'is-not', not {decision!r}")
    row = Recorded(name, decision, entity_id, context or "", author or getpass.getuser(),
                   dt.date.today().isoformat(), note)
    new = not os.path.lexists(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with append_private(path, "judgements file") as fh:  # never through a planted symlink
            writer = csv.writer(fh, lineterminator="\n")
            if new:
                writer.writerow(COLUMNS)
            writer.writerow([row.name, row.decision, row.entity_id, row.context, row.author, row.date, row.note])
    except OSError as exc:  # the judgements file is the user's to point somewhere writable
        raise UserError(f"cannot write judgements to {path}: {exc.strerror or exc}") from exc
    return row


def recorded_judgements(path: Path | None) -> list[Recorded]:
    """The rows of a judgements file, in file order (an absent file has none)."""
    if path is None or not os.path.lexists(path):
        return []
    text = read_private_text(path, "judgements file")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return [Recorded(*(str(row.get(column) or "") for column in COLUMNS)) for row in rows]

"""Researcher judgements ("X is Y", "X is not Y") as data, read from the package's file and the user's.

Why apart from the tables: judgements are decisions about names, not names; they change between runs
(``armsgraph resolve judge``) while the tables do not, so they are read per resolver and never cached.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from armsgraph.loaders.private import check_private_file
from armsgraph.loaders.resolve.entities import Entity
from armsgraph.loaders.resolve.names import normalize, variants
from armsgraph.loaders.resolve.policy import CONTEXTS
from armsgraph.loaders.resolve.tables import read_csv
from armsgraph.schema.errors import LoadError

JUDGEMENTS_FILE = "judgements.csv"
JUDGEMENTS_ENV = "ARMSGRAPH_JUDGEMENTS"


@dataclass
class Judgements:
    """``is_``: (name form, context or None) -> (entity id, 'file:line'); ``is_not``: name form -> entity ids."""

    is_: dict[tuple[str, str | None], tuple[str, str]] = field(default_factory=dict)
    is_not: dict[str, set[str]] = field(default_factory=dict)
    errors: list[LoadError] = field(default_factory=list)


def read_judgements(paths: Iterable[Path], entities: Mapping[str, Entity]) -> Judgements:
    """Judgements of the files that exist, later files winning; bad rows listed in ``errors``."""
    judged = Judgements()
    for path in paths:
        if os.path.lexists(path):
            check_private_file(path, "judgements file")  # a planted or shared file must not steer resolution
            _read(judged, path, entities)
    return judged


def _read(judged: Judgements, path: Path, entities: Mapping[str, Entity]) -> None:
    def error(line: int, fld: str, reason: str) -> None:
        judged.errors.append(LoadError(file=path.name, line=line, field=fld, reason=reason))

    for line, row in read_csv(path):
        name, decision, eid = row.get("name", ""), row.get("decision", ""), row.get("entity_id", "")
        context = row.get("context") or None
        if not name or not normalize(name):
            error(line, "name", "empty name")
        elif eid not in entities:
            error(line, "entity_id", f"unknown entity {eid!r}")
        elif context is not None and context not in CONTEXTS:
            error(line, "context", f"unknown context {context!r}")
        elif decision == "is":
            for key in variants(name):
                judged.is_[(key, context)] = (eid, f"{path.name}:{line}")
        elif decision == "is-not":
            for key in variants(name):
                judged.is_not.setdefault(key, set()).add(eid)
        else:
            error(line, "decision", f"decision must be 'is' or 'is-not', got {decision!r}")


def user_judgements_path(data_dir: Path | None) -> Path | None:
    """Where a researcher's judgements live: $ARMSGRAPH_JUDGEMENTS, else ``<data dir>/judgements.csv``."""
    extra = os.environ.get(JUDGEMENTS_ENV)
    if extra:
        return Path(extra)
    return None if data_dir is None else data_dir / JUDGEMENTS_FILE

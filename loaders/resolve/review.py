"""The review list: names the resolver could not settle, or settled by fuzzy or derived rules.

Why persisted: a load runs in one process, the researcher reviews later; ``flush`` appends this
process's list to ``<data dir>/resolve-review.jsonl`` and :func:`read_review` sums the runs up.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from armsgraph.loaders.private import append_private, read_private_text

REVIEW_FILE = "resolve-review.jsonl"
MAX_PLACES = 20


class ReviewItem(BaseModel):
    """A name the resolver could not settle (or settled by fuzzy/derived rules): for a researcher."""

    query: str
    rule: str
    context: str | None
    count: int
    candidates: list[str] = Field(default_factory=list)
    entity_id: str | None = None
    where: list[str] = Field(default_factory=list)


Key = tuple[str, str, str | None]
"""(name as written, rule, context)."""


@dataclass(frozen=True)
class Checkpoint:
    """A copy of a :class:`ReviewList`'s state."""

    counts: Counter[Key]
    info: dict[Key, tuple[list[str], str | None, list[str]]]


class ReviewList:
    """This process's review items, counted, with up to 20 places each."""

    def __init__(self) -> None:
        self._counts: Counter[Key] = Counter()
        self._info: dict[Key, tuple[list[str], str | None, list[str]]] = {}

    def record(self, query: str, rule: str, context: str | None, *, entity_id: str | None,
               candidates: list[str], where: str | None) -> None:
        key = (query, rule, context)
        self._counts[key] += 1
        _, _, places = self._info.setdefault(key, (list(candidates), entity_id, []))
        if where and len(places) < MAX_PLACES and where not in places:
            places.append(where)

    def checkpoint(self) -> Checkpoint:
        """The list as it is now, for :meth:`restore` (a document that did not load takes its names back)."""
        return Checkpoint(Counter(self._counts), {k: (list(c), e, list(w)) for k, (c, e, w) in self._info.items()})

    def restore(self, checkpoint: Checkpoint) -> None:
        self._counts = Counter(checkpoint.counts)
        self._info = {k: (list(c), e, list(w)) for k, (c, e, w) in checkpoint.info.items()}

    def items(self) -> list[ReviewItem]:
        """Most frequent first."""
        out = []
        for (query, rule, context), count in self._counts.items():
            candidates, entity_id, places = self._info[(query, rule, context)]
            out.append(ReviewItem(query=query, rule=rule, context=context, count=count,
                                  candidates=list(candidates), entity_id=entity_id, where=list(places)))
        return sorted(out, key=lambda i: (-i.count, i.query))

    def flush(self, data_dir: Path) -> Path | None:
        """Append the items to ``data_dir/resolve-review.jsonl`` and clear them; None when there were none."""
        items = self.items()
        if not items:
            return None
        path = data_dir / REVIEW_FILE
        data_dir.mkdir(parents=True, exist_ok=True)
        with append_private(path, "review list") as fh:  # no symlink, ours alone: a shared dir cannot redirect it
            for item in items:
                fh.write(item.model_dump_json() + "\n")
        self._counts.clear()
        self._info.clear()
        return path


def read_review(data_dir: Path) -> list[ReviewItem]:
    """The persisted review list, counts summed over processes; a corrupt line is skipped."""
    path = data_dir / REVIEW_FILE
    merged: dict[Key, ReviewItem] = {}
    if not os.path.lexists(path):
        return []
    for line in read_private_text(path, "review list").splitlines():
        try:
            item = ReviewItem.model_validate(json.loads(line))
        except (ValueError, TypeError):
            continue
        key = (item.query, item.rule, item.context)
        old = merged.get(key)
        if old is None:
            merged[key] = item
        else:
            old.count += item.count
            old.where = (old.where + [w for w in item.where if w not in old.where])[:MAX_PLACES]
    return sorted(merged.values(), key=lambda i: (-i.count, i.query))

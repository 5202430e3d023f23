"""Session 23's learned reader: session 22's reserved split (fresh25-29-dev) frozen with main's rules of before it
and in training."""

from __future__ import annotations

import json

from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.train_transfers import CANDIDATES, FROZEN, GOLD, REAL_NEWS, SHIPPED, TRAINING


def test_session_22s_reserved_split_is_frozen_with_main_of_session_22s_start() -> None:
    """fresh25-dev to fresh29-dev judged session 22's candidates (aggregates only; no miss read) and joined training
    in session 23: their frozen rules are main's at 634a8c7, session 22's start, before any rule was fitted on
    them; three of news, two of US statements, all invented (no real-news split)."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    genres = {gold: (genre, folder) for genre, folder, gold in TRAINING}
    for n, genre in ((25, "news"), (26, "statements"), (27, "news"), (28, "statements"), (29, "news")):
        name = f"fresh{n}-dev.jsonl"
        documents = [g.document for g in read_gold(GOLD / name)]
        assert genres[name] == (genre, f"tests/data/fresh/fresh{n}-dev") and name not in REAL_NEWS
        assert frozen[name]["rules_of"] == "634a8c7"
        assert list(frozen[name]["transfers"]) == documents and len(documents) == 20



def test_the_shipped_setting_is_still_a() -> None:
    """Session 23 named no setting beyond A (none met session 20's threshold rule on LOSO): A ships, retrained."""
    assert CANDIDATES[0] == SHIPPED and SHIPPED.name == "A: current" and SHIPPED.gates == ()
    assert (SHIPPED.depth, SHIPPED.threshold, SHIPPED.margin, SHIPPED.contrasts) == (3.0, 0.95, 0.2, "none")

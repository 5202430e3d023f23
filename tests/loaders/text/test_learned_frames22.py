"""Session 22's learned reader: session 21's reserved split frozen with main's rules of before it, the list-frame
features (where a weapon sits in a list a package sentence introduces), and a
setting that does not name them fitting the trees it fitted without them."""

from __future__ import annotations

import json

from candidate_views import by_triple, read

from armsgraph.loaders.text.candidates import FRAME, candidates
from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.train_transfers import (
    EXCLUDED,
    FROZEN,
    GOLD,
    SHIPPED,
    TRAINING,
    DocumentGold,
    Example,
    Setting,
    fit,
)


def test_session_21s_reserved_split_is_frozen_with_main_of_session_21s_start() -> None:
    """fresh22-dev, fresh23-dev and fresh24-dev judged session 21's candidates (aggregates only; no miss read) and
    joined training in session 22: their frozen rules are main's at fb4324b, session 21's start, before any rule
    was fitted on them."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    genres = {gold: genre for genre, _, gold in TRAINING}
    for name, genre in (("fresh22-dev.jsonl", "news"), ("fresh23-dev.jsonl", "statements"),
                        ("fresh24-dev.jsonl", "news")):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert genres[name] == genre and frozen[name]["rules_of"] == "fb4324b"
        assert set(frozen[name]["transfers"]) == documents


def test_a_package_list_marks_its_items_and_their_places() -> None:
    """'The package includes: A, B and C': each weapon is an item of a list after a colon, the later ones further
    down; a sentence with one weapon is no list."""
    found = by_triple(candidates(*read(
        "The United States will send a new package to Ukraine. The package includes: Patriot interceptors, "
        "HIMARS launchers and Stinger missiles. Norway delivered NASAMS to Ukraine.")))
    patriot, stinger = found[("USA", "UKR", "patriot")].features, found[("USA", "UKR", "stinger")].features
    assert patriot["frame:list-item"] == stinger["frame:list-item"] == 1.0
    assert patriot["frame:after-colon"] == stinger["frame:after-colon"] == 1.0
    assert patriot.get("frame:position", 0.0) < stinger["frame:position"]
    alone = found[("NOR", "UKR", "nasams")].features
    assert "frame:list-item" not in alone and "frame:after-colon" not in alone


def test_a_bullet_line_after_a_colon_sentence_is_framed() -> None:
    found = by_triple(candidates(*read(
        "The United States announced security assistance for Ukraine. It includes:\n\n- Stinger missiles for "
        "air defense;\n\n- HIMARS launchers.")))
    assert found[("USA", "UKR", "stinger")].features["frame:after-colon"] == 1.0


def test_a_setting_without_frames_fits_without_them() -> None:
    """A setting that does not name the frame features leaves them out of the fit as the rules' features are: its
    trees are those of the features before session 22, however strongly a frame feature would split."""
    items, docs = [], []
    for k in range(40):
        label = k % 2 == 0
        features = {"sup:subject": 1.0 if k % 4 < 2 else 0.0, "frame:list-item": 1.0 if label else 0.0}
        triple = ("country:NOR", "country:UKR", f"weapon:w{k}")
        items.append(Example("news", f"d{k}", triple, triple, features, label, False))
        docs.append(DocumentGold("news", "g.jsonl", f"d{k}", frozenset({triple} if label else ())))
    without = Setting("plain", 3.0, 0.95, 0.2, "none")
    framed = Setting("framed", 3.0, 0.95, 0.2, "none", frames=True)
    assert without.excluded == (*EXCLUDED, FRAME) and framed.excluded == EXCLUDED
    assert not any(n.startswith(FRAME) for n in fit(items, 3.0, without.excluded).features())
    assert "frame:list-item" in fit(items, 3.0, framed.excluded).features()
    assert SHIPPED.excluded in (without.excluded, framed.excluded)

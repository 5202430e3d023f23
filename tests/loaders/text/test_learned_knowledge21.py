"""Session 21's knowledge prior for the learned reader (``tracker_prior``, ``candidates.known_features``): what the
aid trackers record of a (supplier, recipient, weapon) triple, tri-state, read through the loaders that already
read the tracker files. Tracker rows here are written for these tests in the trackers' own formats; sentences are
invented."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from candidate_views import by_triple, read

from armsgraph.loaders.text.candidates import candidates, known_features
from armsgraph.loaders.text.gold import read_gold
from armsgraph.loaders.text.learned_transfers import apply
from armsgraph.loaders.text.relation_model import model_from
from armsgraph.loaders.text.tracker_prior import ATTESTED, UNATTESTED, tracker_keys, tracker_prior, weapon_keys
from armsgraph.loaders.text.train_transfers import FROZEN, GOLD, TRAINING, Example, with_knowledge

COMMITS = [["2022-06-01", "us", "Multiple Launch Rocket System", "HIMARS", 4, "https://example.org/a"],
           ["2023-01-25", "de", "Tank", "Leopard 2A6", 14, "https://example.org/b"],
           ["2023-03-17", "sk", "Warplane", "MiG-29", 13, "https://example.org/c"]]
KIEL = ('"donor","category","number_of_weapons","monetary_value_eur","weapons_list"\n'
        '"Netherlands","Fighter jets",24,1,"F-16 (24)"\n')


@pytest.fixture
def trackers(tmp_path: Path) -> Path:
    """A shared-data folder holding both tracker files, in their real formats and places."""
    pun = tmp_path / "ukraine" / "protect_ukraine_now"
    kiel = tmp_path / "ukraine" / "kiel_support_tracker"
    pun.mkdir(parents=True)
    kiel.mkdir(parents=True)
    (pun / "commits.json").write_text(json.dumps(COMMITS), encoding="utf-8")
    (kiel / "weapons.csv").write_text(KIEL, encoding="utf-8")
    return tmp_path


def test_the_prior_is_tri_state(trackers: Path) -> None:
    prior = tracker_prior(trackers)
    assert prior.says("country:USA", "country:UKR", "weapon:himars") == ATTESTED
    assert prior.says("country:DEU", "country:UKR", "weapon:himars") == UNATTESTED  # others gave it, not Germany
    # a partner's jets are not the United States': the Kiel list names the Netherlands for the F-16 family
    assert prior.says("country:NLD", "country:UKR", "weapon:f-16") == ATTESTED
    assert prior.says("country:USA", "country:UKR", "weapon:f-16") == UNATTESTED
    # nothing where the trackers say nothing: a missile they do not list, another recipient
    assert prior.says("country:USA", "country:UKR", "weapon:fgm-148-javelin") is None
    assert prior.says("country:USA", "country:POL", "weapon:himars") is None


def test_dated_answers_read_only_what_was_committed_by_then(trackers: Path) -> None:
    prior = tracker_prior(trackers)
    assert prior.says("country:USA", "country:UKR", "weapon:himars", date(2022, 6, 1)) == ATTESTED
    assert prior.says("country:USA", "country:UKR", "weapon:himars", date(2022, 5, 31)) is None  # not yet
    assert prior.says("country:NLD", "country:UKR", "weapon:f-16", date(2030, 1, 1)) is None  # Kiel: no date
    assert prior.says("country:POL", "country:UKR", "weapon:himars", date(2022, 5, 31)) == UNATTESTED


def test_tracker_spellings_meet_the_extractors_weapon_ids() -> None:
    assert weapon_keys("weapon:leopard-2") & tracker_keys("Leopard 2A6")  # one family
    assert weapon_keys("weapon:himars") & tracker_keys("M142 HIMARS")
    assert not weapon_keys("weapon:leopard-1") & tracker_keys("Leopard 2A6")


def test_no_tracker_files_no_prior_and_extraction_still_works(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_SHARED_DATA", str(tmp_path))
    assert tracker_prior().says("country:USA", "country:UKR", "weapon:himars") is None
    assert known_features("country:USA", "country:UKR", "weapon:himars", date(2024, 1, 1)) == {}
    d, f = read("Defence news\nThe United States will send HIMARS launchers to Ukraine.")
    found = by_triple(candidates(d, f, knowledge=True))
    assert ("USA", "UKR", "himars") in found
    assert not any(k.startswith("known") for c in found.values() for k in c.features)
    model = model_from({"bias": 0.0, "threshold": 0.5, "margin": 0.0, "keep_rules": True,
                        "trees": [[["known:attested", 0.5, 1, 2], ["", -6.0, -1, -1], ["", 6.0, -1, -1]]],
                        "knowledge": "any"})
    d, f = read("Defence news\nHIMARS launchers are on their way, the United States and Ukraine said.")
    assert apply(d, f, model) == []  # a model that needs the prior adds nothing without it


def test_the_prior_is_a_feature_of_the_pairs_the_text_names_only(trackers: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_SHARED_DATA", str(trackers))
    text = "Defence news\nThe Netherlands and the United States discussed F-16 jets for Ukraine."
    d, f = read(text)
    found = by_triple(candidates(d, f, knowledge=True))
    assert found[("NLD", "UKR", "f-16")].features.get("known:attested") == 1.0
    assert found[("USA", "UKR", "f-16")].features.get("known:unattested") == 1.0
    # Slovakia committed MiG-29s, but the text names neither: the prior makes no candidate of its own
    assert not any(w == "mig-29" or s == "SVK" for s, _, w in found)
    d, f = read(text)
    assert not any(k.startswith("known") for c in candidates(d, f) for k in c.features)  # off unless asked


def test_a_model_file_names_the_prior_it_reads() -> None:
    base: dict[str, object] = {"bias": 0.0, "threshold": 0.5, "trees": []}
    assert model_from(base).knowledge == ""
    assert model_from({**base, "knowledge": "dated"}).knowledge == "dated"
    with pytest.raises(ValueError):
        model_from({**base, "knowledge": "sometimes"})


def test_session_20s_second_reserved_split_is_frozen_with_main_of_session_20s_end() -> None:
    """fresh20-dev and fresh21-dev judged session 20's per-genre candidates (aggregates only; no miss read) and join
    training in session 21: their frozen rules are main's at b88ee95, before any rule was fitted on them."""
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    names = [gold for _, _, gold in TRAINING]
    for name in ("fresh20-dev.jsonl", "fresh21-dev.jsonl"):
        documents = {g.document for g in read_gold(GOLD / name)}
        assert name in names and frozen[name]["rules_of"] == "b88ee95"
        assert set(frozen[name]["transfers"]) == documents


def test_the_training_examples_carry_both_priors_and_a_setting_reads_one() -> None:
    plain = Example("news", "doc", ("a", "b", "w"), ("a", "b", "w"),
                    {"sup:subject": 1.0, "known:attested": 1.0, "known-dated:unattested": 1.0}, True, False)
    assert set(with_knowledge([plain], "")[0].features) == {"sup:subject"}
    assert set(with_knowledge([plain], "any")[0].features) == {"sup:subject", "known:attested"}
    assert set(with_knowledge([plain], "dated")[0].features) == {"sup:subject", "known-dated:unattested"}


def test_a_broken_tracker_file_gives_no_prior_from_it(trackers: Path) -> None:
    (trackers / "ukraine" / "protect_ukraine_now" / "commits.json").write_text("{not the tracker", encoding="utf-8")
    prior = tracker_prior(trackers)
    assert prior.says("country:USA", "country:UKR", "weapon:himars") is None
    assert prior.says("country:NLD", "country:UKR", "weapon:f-16") == ATTESTED  # the Kiel list still read

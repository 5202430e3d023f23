"""Session 12's candidate features for the learned classifier, each on an invented sentence: an actor acts as the
phrase it qualifies, 'from' and 'to'/'for' give the direction under any moving word, the publisher and title
priors give way to a sentence that reads the pair backwards, a weapon nothing moves is marked, and one a use word
holds is no candidate."""

from __future__ import annotations

import pytest
from candidate_views import by_triple, read

import armsgraph.loaders.text.candidates as candidates_module
from armsgraph.loaders.text.candidates import candidates
from armsgraph.loaders.text.relation_model import load_model

UKRAINIAN_SITE: dict[str, object] = {"date": "2024-03-02", "publisher": "mil.in.ua",
                                     "title": "Slovak howitzers at the front"}
"""A publisher whose state is Ukraine and a title whose one foreign state is Slovakia."""


def test_an_actor_qualifying_the_subject_acts_as_the_subject() -> None:
    """'The Polish army received ...': Poland is the receiver through the phrase it qualifies; 'Swedish' qualifies
    what is received, so Sweden is where it comes from."""
    found = by_triple(candidates(*read("The Polish army received Swedish CV90 vehicles.")))
    forward, backward = found[("SWE", "POL", "cv90")].features, found[("POL", "SWE", "cv90")].features
    assert forward["rec:subj@receive"] == 1.0 and forward["sup:obj@receive"] == 1.0
    assert forward["direction:agrees"] == 1.0 and "direction:disagrees" not in forward
    assert backward["direction:disagrees"] == 1.0 and "direction:agrees" not in backward


def test_a_state_after_of_acts_as_the_body_it_names() -> None:
    found = by_triple(candidates(*read("The Ministry of Defence of Latvia received Gepard guns from Germany.")))
    assert found[("DEU", "LVA", "gepard")].features["rec:subj@receive"] == 1.0
    assert found[("LVA", "DEU", "gepard")].features["direction:disagrees"] == 1.0


def test_from_and_for_give_the_direction_under_any_moving_word() -> None:
    found = by_triple(candidates(*read("The new package included Gepard guns from Germany for Latvia.")))
    forward, backward = found[("DEU", "LVA", "gepard")].features, found[("LVA", "DEU", "gepard")].features
    assert forward["sup:from@include"] == 1.0 and forward["direction:agrees"] == 1.0
    assert backward["direction:disagrees"] == 1.0 and "direction:agrees" not in backward


def test_publisher_and_title_priors_give_way_to_the_sentence() -> None:
    """A Ukrainian site writes that Ukrainian crews received Slovak howitzers: the publisher's state as supplier
    and the title's foreign state as recipient are dropped from the backward reading, kept nowhere it agrees."""
    found = by_triple(candidates(*read("The Ukrainian crews received Slovak Zuzana howitzers.", UKRAINIAN_SITE)))
    backward, forward = found[("UKR", "SVK", "zuzana-2")].features, found[("SVK", "UKR", "zuzana-2")].features
    assert backward["direction:disagrees"] == 1.0
    assert "sup:home" not in backward and "rec:title" not in backward
    model = load_model()
    assert model is not None and model.probability(forward) > model.probability(backward)
    # the same priors stand when the sentence does not read the pair backwards
    found = by_triple(candidates(*read("More Zuzana howitzers arrived at the front.", UKRAINIAN_SITE)))
    kept = found[("UKR", "SVK", "zuzana-2")].features
    assert kept["sup:home"] == 1.0 and kept["rec:title"] == 1.0 and "direction:disagrees" not in kept


def test_a_weapon_nothing_moves_is_marked() -> None:
    kept = by_triple(candidates(*read("Technicians in Poland keep Krab howitzers of Ukraine in working order.")))
    assert kept and all(c.features["weapon:not-moved"] == 1.0 for c in kept.values())
    seen = by_triple(candidates(*read("Polish engineers inspected Krab howitzers of Ukraine.")))
    assert seen and all(c.features["trigger:none-moving"] == 1.0 for c in seen.values())
    sent = by_triple(candidates(*read("Poland will send Krab howitzers to Ukraine.")))
    assert "weapon:not-moved" not in sent[("POL", "UKR", "krab-155mm")].features
    assert "trigger:none-moving" not in sent[("POL", "UKR", "krab-155mm")].features


def test_a_weapon_hanging_from_a_use_word_is_no_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    """'... and fund the production of NASAMS launchers': the sentence has a supply word, but the launchers are
    what is produced; without the veto the same sentence gives candidates."""
    text = "Norway will send trucks to Ukraine and fund the production of NASAMS launchers."
    assert candidates(*read(text)) == []
    monkeypatch.setattr(candidates_module, "NOT_MOVING", frozenset())
    assert ("NOR", "UKR", "nasams") in by_triple(candidates(*read(text)))
    monkeypatch.undo()
    assert ("NOR", "UKR", "nasams") in by_triple(candidates(*read("Norway will send NASAMS launchers to Ukraine.")))


def test_the_verb_that_governs_a_moving_noun_names_its_parties() -> None:
    """'The Polish government promised ... a delivery of Krab howitzers': the delivery is the promise's object, so
    the promise's subject is the giver, even when another state opens the sentence."""
    found = by_triple(candidates(*read("During a visit of the Latvian minister, the Polish government promised more "
                                       "shells and a delivery of Krab howitzers.")))
    forward, backward = found[("POL", "LVA", "krab-155mm")].features, found[("LVA", "POL", "krab-155mm")].features
    assert forward["sup:subj@supply"] == 1.0 and forward["direction:agrees"] == 1.0
    assert backward["direction:disagrees"] == 1.0 and "direction:agrees" not in backward


def test_who_requests_a_delivery_is_its_taker() -> None:
    found = by_triple(candidates(*read("Latvia requested the delivery of Gepard guns from Germany.")))
    assert found[("DEU", "LVA", "gepard")].features["rec:subj@request"] == 1.0
    backward = found[("LVA", "DEU", "gepard")].features
    assert backward["sup:subj@request"] == 1.0 and "direction:agrees" not in backward


def test_a_verb_that_moves_nothing_names_no_party_of_the_noun() -> None:
    """Must not fire: 'watched' is no transfer verb, and a noun that is no verb's object ('a delivery ... arrived')
    lends no verb's subject to its weapon."""
    found = by_triple(candidates(*read("The Latvian army watched a delivery of Krab howitzers from Poland.")))
    assert found, "the sentence gives candidates; none of them takes a verb's subject"
    assert not any(k.startswith("rec:subj@") for c in found.values() for k in c.features)
    found = by_triple(candidates(*read("Poland said that a delivery of Krab howitzers for Latvia was ready.")))
    assert found, "the sentence gives candidates; none of them takes a verb's subject"
    assert not any(k.startswith(("sup:subj@", "rec:subj@")) for c in found.values() for k in c.features)


def test_a_weapon_its_phrase_says_was_moved_is_read_whatever_the_sentence_does_with_it() -> None:
    """'... training on Krab howitzers donated by Latvia': the crews' training would veto the mention, but the
    weapon's own phrase says it was given, and by whom."""
    found = by_triple(candidates(*read("Polish soldiers are already training on Krab howitzers donated by Latvia.")))
    forward = found[("LVA", "POL", "krab-155mm")].features
    assert forward["weapon:moved-participle"] == 1.0
    assert forward["sup:by@supply"] == 1.0 and forward["direction:agrees"] == 1.0
    assert found[("POL", "LVA", "krab-155mm")].features["direction:disagrees"] == 1.0
    # a headline without a verb of its own, where the parse hangs the name and its noun apart
    found = by_triple(candidates(*read("Polish soldiers already training on Leopard 1A5 tanks donated by Latvia")))
    assert found[("LVA", "POL", "leopard-1")].features["direction:agrees"] == 1.0


def test_a_weapon_made_or_used_somewhere_is_still_no_candidate() -> None:
    """Must not fire: a participle that moves nothing ('made in Latvia', 'bought years ago' under a use word)
    leaves the use veto standing."""
    assert not candidates(*read("Polish soldiers are already training on Krab howitzers made in Latvia."))
    assert not candidates(*read("Polish soldiers fired Krab howitzers built by Latvia at the targets."))


def test_a_state_qualifying_another_verbs_argument_takes_no_role_of_the_transfer_word() -> None:
    """Must not fire: 'to counter the Russian invasion': Russia qualifies the object of 'counter', not of 'send'."""
    found = by_triple(candidates(*read("The US will send more HIMARS to counter the Russian invasion.")))
    roles = [k for k in found[("USA", "RUS", "himars")].features if k.startswith("rec:") and ":path:" not in k]
    assert not any(k.endswith("@supply") for k in roles)
    # its parse path (session 15) says how far under the other verb it is, not a role of 'send'
    assert "rec:path:amod>dobj>advcl@supply" in found[("USA", "RUS", "himars")].features
    assert found[("USA", "RUS", "himars")].features.get("direction:agrees") == 1.0  # from the US as the subject
    # the state that is itself the other verb's object keeps its reading
    kept = by_triple(candidates(*read("The US will send more HIMARS to help Ukraine.")))
    assert "rec:obj@supply" in kept[("USA", "UKR", "himars")].features

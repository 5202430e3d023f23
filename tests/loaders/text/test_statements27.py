"""Invented probes of session 27 (text-extraction-history.md, "Session 27: US official texts: the misses"): a system
a US text's law or package replenishes (``replenished_systems.py``), must-not-fire probes beside, and the title's
recipient parsed once per title (``transfer_recipients.title_recipient``). No sentence is copied from a gold
document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.replenished_systems import RULE
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.transfer_recipients import title_recipient

Triple = tuple[str, str, str]

parsed = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")


def _by_rule(text: str, genre: str = "statement") -> set[Triple]:
    x = extract_text(text, dict(META[genre]))
    return {(t.supplier, t.recipient, t.weapon) for t in x.transfers if t.rule == RULE}


@parsed
def test_every_verb_form_of_the_data_file_fires() -> None:
    for verb in ("replenishes", "replenished"):
        text = f"Israel fought off the attack. The package {verb} Iron Dome and David's Sling."
        assert _by_rule(text) == {("country:USA", "country:ISR", "weapon:iron-dome"),
                                  ("country:USA", "country:ISR", "weapon:david-s-sling")}, verb


# -- fires -----------------------------------------------------------------------------------------------------------

@parsed
def test_a_law_that_replenishes_two_systems_gives_them_to_the_state_the_sentence_before_names() -> None:
    text = ("The bill stands with Israel against the missiles Iran fires at its cities. "
            "It replenishes Iron Dome and David's Sling, which shot most of them down.")
    assert _by_rule(text) == {("country:USA", "country:ISR", "weapon:iron-dome"),
                              ("country:USA", "country:ISR", "weapon:david-s-sling")}


@parsed
def test_the_one_state_of_the_sentence_receives_and_the_other_side_does_not() -> None:
    text = "The act also replenishes the Iron Dome that guarded Israel when Iran struck it in the spring."
    assert _by_rule(text) == {("country:USA", "country:ISR", "weapon:iron-dome")}


@parsed
def test_an_earlier_clause_s_need_does_not_make_the_replenishment_hypothetical() -> None:
    text = ("The measure gives Israel what it needs to shield its towns from Iran and the militias it arms, including "
            "replenishing Iron Dome and David's Sling.")
    assert _by_rule(text) == {("country:USA", "country:ISR", "weapon:iron-dome"),
                              ("country:USA", "country:ISR", "weapon:david-s-sling")}


@parsed
def test_a_possessive_names_the_recipient() -> None:
    text = "The package will replenish Ukraine's Patriot batteries after a winter of strikes."
    assert _by_rule(text) == {("country:USA", "country:UKR", "weapon:patriot")}


@parsed
def test_a_weapon_noun_between_two_systems_does_not_stop_the_walk() -> None:
    text = "The package replenishes Ukraine's Patriot interceptors and HIMARS."
    assert _by_rule(text) == {("country:USA", "country:UKR", "weapon:patriot"),
                              ("country:USA", "country:UKR", "weapon:himars")}


@parsed
def test_a_law_named_through_a_relative_pronoun_fires() -> None:
    text = "Israel fought off the attack. Today I signed a law that replenishes Iron Dome."
    assert _by_rule(text) == {("country:USA", "country:ISR", "weapon:iron-dome")}


# -- must not fire ---------------------------------------------------------------------------------------------------

@parsed
def test_money_to_replenish_is_no_transfer() -> None:
    text = "The law sets aside billions of dollars to replenish Israel's Iron Dome interceptors."
    assert _by_rule(text) == set()


@parsed
def test_the_publisher_s_own_stocks_are_no_transfer() -> None:
    assert _by_rule("The act will replenish our own stockpiles of Patriot interceptors, made in Arizona.") == set()
    assert _by_rule("The law replenishes America's Patriot stocks.") == set()


@parsed
def test_a_third_state_in_the_sentence_names_no_recipient() -> None:
    text = "Germany and the Netherlands asked us to replenish the Patriot batteries they gave."
    assert _by_rule(text) == set()


@parsed
def test_a_hypothetical_or_negated_replenishment_is_no_transfer() -> None:
    assert _by_rule("Israel fought off the attack. The bill would replenish Iron Dome.") == set()
    assert _by_rule("Israel fought off the attack. The bill does not replenish Iron Dome.") == set()


@parsed
def test_a_wire_is_not_read() -> None:
    text = "Israel fought off the attack. The bill replenishes Iron Dome."
    assert _by_rule(text, "news") == set()


@parsed
@pytest.mark.parametrize("text", [
    "Germany will replenish Patriot interceptors.",
    "Israel will replenish Iron Dome with its own production.",
    "The bill replenishes Patriot batteries made in Germany.",
    "This law replenishes the Patriot interceptors of the United States Army that we sent to Ukraine.",
])
def test_the_one_state_a_sentence_names_is_not_the_recipient_whatever_its_role(text: str) -> None:
    assert _by_rule(text) == set()


@parsed
@pytest.mark.parametrize("text", [
    "Israel fought off the attack. Will Congress replenish Iron Dome?",
    "Israel fought off the attack. Congress has failed to replenish Iron Dome.",
    "Israel fought off the attack. The bill failed to replenish Iron Dome.",
    "Israel fought off the attack. If Congress acts, the bill replenishes Iron Dome.",
    "Israel fought off the attack. Republicans refused to replenish Iron Dome for months.",
])
def test_a_question_a_failure_a_condition_or_a_party_s_refusal_is_no_transfer(text: str) -> None:
    assert _by_rule(text) == set()


# -- the title's recipient, once per title ---------------------------------------------------------------------------

def test_the_title_recipient_is_parsed_once_per_title_and_home() -> None:
    title_recipient.cache_clear()
    title = "Statement on New Security Assistance to Ukraine"
    first = title_recipient(title, "country:USA")
    assert first == "country:UKR"
    assert title_recipient(title, "country:USA") == first
    assert title_recipient.cache_info().hits == 1
    # the home is part of the key: a title naming one foreign state names none for that state's own publisher
    assert title_recipient("Ukraine Receives Air Defense", "country:UKR") is None
    assert title_recipient("Ukraine Receives Air Defense", "country:USA") == "country:UKR"

"""Invented probes of session 28 (text-extraction-history.md, "Session 28: US official texts: the misses"): other
states' transfer that a US text assures or approves (``approved_transfers.py``), must-not-fire probes beside, and the
limits of the replenished-systems rule (``replenished_systems.py``: a time limit stays a supply, a condition or a
demand does not). No sentence is copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text import approved_transfers, replenished_systems
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.syntax import model

Triple = tuple[str, str, str]

parsed = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")


def _all(text: str) -> set[Triple]:
    x = extract_text(text, dict(META["statement"]))
    return {(t.supplier, t.recipient, t.weapon) for t in x.transfers}


def _by_rule(text: str, rule: str) -> set[Triple]:
    x = extract_text(text, dict(META["statement"]))
    return {(t.supplier, t.recipient, t.weapon) for t in x.transfers if t.rule == rule}


# -- approved third-party transfers: fires ---------------------------------------------------------------------------

@parsed
def test_the_addressees_of_the_assurance_give_and_the_publisher_does_not() -> None:
    text = ("The United States has given assurances to Norway and Belgium that it will approve the transfer of their "
            "F-16s to Ukraine.")
    found = _all(text)
    assert {("country:NOR", "country:UKR", "weapon:f-16"), ("country:BEL", "country:UKR", "weapon:f-16")} <= found
    assert ("country:USA", "country:UKR", "weapon:f-16") not in found


@parsed
def test_the_states_that_asked_for_the_assurance_give() -> None:
    text = "Norway and Belgium have asked for our assurance that they can transfer F-16s to Ukraine after the training."
    found = _all(text)
    assert {("country:NOR", "country:UKR", "weapon:f-16"), ("country:BEL", "country:UKR", "weapon:f-16")} <= found
    assert ("country:USA", "country:UKR", "weapon:f-16") not in found


@parsed
def test_a_permission_asked_for_names_the_giver_that_asked() -> None:
    found = _by_rule("Poland asked for our permission to send its MiG-29 jets to Ukraine.", approved_transfers.RULE)
    assert found == {("country:POL", "country:UKR", "weapon:mig-29")}


# -- approved third-party transfers: must not fire -------------------------------------------------------------------

@parsed
def test_a_sale_the_department_approves_is_no_third_party_transfer() -> None:
    text = ("The Department of State has approved a possible Foreign Military Sale to the Government of Poland of up "
            "to 96 Apache helicopters.")
    assert _by_rule(text, approved_transfers.RULE) == set()


@parsed
def test_the_publisher_s_own_supply_after_an_assurance_is_not_the_addressee_s() -> None:
    text = "We gave our assurance to Germany in the morning, and we will send Patriot interceptors to Ukraine."
    assert _by_rule(text, approved_transfers.RULE) == set()


@parsed
def test_an_assurance_to_the_recipient_names_no_giver() -> None:
    text = "The United States gave assurances to Ukraine that it will send more Patriot interceptors."
    assert _by_rule(text, approved_transfers.RULE) == set()


@parsed
def test_a_withheld_assurance_gives_nothing() -> None:
    text = "The United States has not given assurances to Norway that it will approve the transfer of F-16s to Ukraine."
    assert _by_rule(text, approved_transfers.RULE) == set()


@parsed
def test_an_assurance_to_the_other_side_gives_nothing() -> None:
    text = "Iran sought our assurance that it can transfer Shahed drones to Russia."
    assert _by_rule(text, approved_transfers.RULE) == set()


# -- review mends (session 28): the approval word's own clause, its addressees' verb, a refusal -----------------------

@parsed
@pytest.mark.parametrize(("sentence", "wrong", "right"), [
    # N8: the transfer word's subject is the publisher's state, not the addressee
    ("We gave our assurance to Japan that the United States will continue to provide Patriot interceptors to "
     "Ukraine.", ("country:JPN", "country:UKR", "weapon:patriot"), ("country:USA", "country:UKR", "weapon:patriot")),
    # N10: the publisher's own clause after ', and' keeps its own system
    ("Germany gave its permission to Poland to send Leopard tanks to Ukraine, and we will send Abrams tanks to "
     "Ukraine.", ("country:POL", "country:UKR", "weapon:abrams"), ("country:USA", "country:UKR", "weapon:abrams")),
    # N14: 'but' ends the permission's clause ('permission' is an approval word of the csv)
    ("Poland asked for our permission, but in the end we decided to send our own Patriot batteries to Ukraine.",
     ("country:POL", "country:UKR", "weapon:patriot"), ("country:USA", "country:UKR", "weapon:patriot")),
])
def test_an_approval_word_reads_only_its_own_clause(sentence: str, wrong: Triple, right: Triple) -> None:
    found = _all(sentence)
    assert wrong not in found
    assert right in found


@parsed
def test_the_addressees_of_a_security_assurance_do_not_give_the_publisher_s_systems() -> None:
    # N7: 'will continue to provide' has the publisher as its subject, not Finland or Sweden
    text = "We have given security assurances to Finland and Sweden and will continue to provide HIMARS to Ukraine."
    assert _by_rule(text, approved_transfers.RULE) == set()


@parsed
def test_a_refused_permission_gives_no_third_party_transfer() -> None:
    # N3: the re-exporter's transfer is not stated as happening
    text = "The United States refused permission to Turkey to transfer its Stinger missiles to Azerbaijan."
    assert ("country:TUR", "country:AZE", "weapon:stinger") not in _all(text)


@parsed
def test_the_addressee_s_own_verb_still_fires_after_the_mend() -> None:
    found = _by_rule("We gave permission to Germany to re-export Stinger missiles to Ukraine.",
                     approved_transfers.RULE)
    assert found == {("country:DEU", "country:UKR", "weapon:stinger")}


# -- the replenished systems' limits (the brief's point 2) -----------------------------------------------------------

ISRAEL_FIRST = "Israel fought off the attack. "
IRON_DOME = {("country:USA", "country:ISR", "weapon:iron-dome")}


@parsed
@pytest.mark.parametrize("sentence", [
    "The bill replenishes Iron Dome only until next year.",
    "The bill replenishes Iron Dome for one year.",
    "The bill replenishes Iron Dome only after the election.",
])
def test_a_time_limit_is_still_a_supply(sentence: str) -> None:
    assert _by_rule(ISRAEL_FIRST + sentence, replenished_systems.RULE) == IRON_DOME


@parsed
@pytest.mark.parametrize("sentence", [
    "The bill replenishes Iron Dome, provided that Congress passes it.",
    "The bill replenishes Iron Dome on condition that Congress funds it.",
    "Israeli officials demanded that the bill replenish Iron Dome.",
    "We want a bill that replenishes Iron Dome.",
    "The bill replenishes Iron Dome if Congress passes it.",
    "Does the bill replenish Iron Dome?",
])
def test_a_condition_a_question_or_a_demand_is_no_supply(sentence: str) -> None:
    assert _by_rule(ISRAEL_FIRST + sentence, replenished_systems.RULE) == set()


@parsed
@pytest.mark.parametrize("sentence", [
    # R2, R15: a wish in a coordinate clause is not the law's clause
    "I urged Congress to pass the supplemental, and it replenishes Iron Dome and David's Sling.",
    "We wanted this bill passed for months, and now it replenishes Iron Dome.",
    # R13: 'on condition of anonymity' is no proviso
    "The bill replenishes Iron Dome, a senior official said on condition of anonymity.",
])
def test_a_wish_in_another_clause_or_a_source_s_anonymity_keeps_the_supply(sentence: str) -> None:
    assert _by_rule(ISRAEL_FIRST + sentence, replenished_systems.RULE) >= IRON_DOME

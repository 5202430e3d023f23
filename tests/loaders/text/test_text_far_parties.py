"""Parties named away from the weapon: a state referred to as 'it' or 'the country' as the first of two objects,
a donor per segment after ';' with the verb said once, a package described over several sentences, the frame's
own shipment arriving between the frame and its list, weapons named as a target ('against drones'), and a weapon
whose name is also a title ('Senator'). Each with sentences where the rule must not fire. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_clauses import ClauseReader
from armsgraph.loaders.text.transfer_rules import TransferRules

NEWS = {"date": "2025-03-04", "publisher": "Reuters"}
STATEMENT = {"date": "2022-04-13", "publisher": "The White House",
             "title": "Remarks by the President on New Assistance for Ukraine"}


def triples(text: str, document: dict[str, object] | None = None) -> set[tuple[str, str, str]]:
    found = extract_text(text, dict(document or NEWS)).transfers
    return {(t.supplier.partition(":")[2], t.recipient.partition(":")[2], t.weapon.partition(":")[2])
            for t in found}


# ---- 'it' / 'the country' as the receiving object -------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Moldova is short of artillery shells. Romania will send it 5,000 rounds of 155mm ammunition.",
    "Moldova has few air defences. Romania will send the country two more IRIS-T systems.",
])
def test_a_referring_object_receives_as_the_state_named_before(text: str) -> None:
    got = triples(text)
    assert {s for s, r, _ in got} == {"ROU"}
    assert {r for s, r, _ in got} == {"MDA"}


def test_it_is_not_a_recipient_when_two_states_were_named_before() -> None:
    # 'it' could be either: no recipient is guessed
    text = "Moldova and Georgia are short of shells. Romania will send it 5,000 rounds of 155mm ammunition."
    assert not any(r in ("MDA", "GEO") for _, r, _ in triples(text))


def test_it_followed_by_a_phrase_is_the_weapon_not_a_recipient() -> None:
    # 'send it with ...': 'it' is what is sent; the state before is not made its recipient by this rule
    doc = TextDoc("Moldova asked about the system. Romania will send it with Gepard guns.", NEWS)
    reader = TransferRules(doc, Facts(doc))  # the gazetteer's references are not needed for this check
    t = doc.lower.index("it")
    assert not ClauseReader(reader)._state_object(t, len(doc.lower))


# ---- several donors after ';', the verb said once -------------------------------------------------------


def test_each_segment_after_a_semicolon_names_its_own_donor() -> None:
    text = ("New pledges were made for Moldova: Germany is sending two IRIS-T systems; Norway, 100 Mistral "
            "missiles; and Spain, Hawk launchers.")
    assert triples(text) >= {("DEU", "MDA", "iris-t"), ("NOR", "MDA", "mistral"), ("ESP", "MDA", "hawk")}


def test_a_segment_with_its_own_verb_is_not_gapped() -> None:
    # '; Norway has bought NASAMS': a clause of its own (a purchase), not a gapped donation to Moldova
    text = "Germany is sending two IRIS-T systems to Moldova; Norway has bought more NASAMS launchers."
    got = triples(text)
    assert ("DEU", "MDA", "iris-t") in got
    assert not any(s == "NOR" and r == "MDA" for s, r, _ in got)


# ---- a package described over several sentences ---------------------------------------------------------


def test_it_includes_after_a_sentence_that_describes_the_package() -> None:
    text = ("Today I am announcing 500 million dollars in new security assistance for Moldova. This new package "
            "will include new capabilities tailored to the attack we expect Russia to launch in the east. It "
            "includes 200 M113 armored personnel carriers.")
    assert ("USA", "MDA", "m113") in triples(text, STATEMENT)


def test_it_includes_after_an_unrelated_sentence_lists_nothing() -> None:
    text = ("Today I spoke with the President of Moldova. The weather in the capital is cold. It includes 200 M113 "
            "armored personnel carriers.")
    assert not any(w == "m113" for _, _, w in triples(text, STATEMENT))


# ---- the frame's own shipment arriving ------------------------------------------------------------------


def test_the_shipment_arriving_keeps_the_frame_for_the_list_after_it() -> None:
    text = ("Slovakia has delivered a new batch of weapons to Moldova. The shipment arrived last week. Among the "
            "weapons are RM-70 rocket launchers.")
    assert ("SVK", "MDA", "rm-70") in triples(text)


def test_another_state_arriving_ends_the_frame() -> None:
    text = ("Slovakia has delivered a new batch of weapons to Moldova. Troops from Hungary arrived last week. Among "
            "the weapons are RM-70 rocket launchers.")
    assert ("SVK", "MDA", "rm-70") not in triples(text)


# ---- targets are not supplied ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Norway delivered NASAMS to Moldova last year. It has proved effective against cruise missiles and drones.",
    "Norway delivered NASAMS to Moldova last year to defend against Shahed drones.",
])
def test_weapons_named_after_against_are_targets(text: str) -> None:
    got = triples(text)
    assert ("NOR", "MDA", "nasams") in got
    assert {w for _, _, w in got} == {"nasams"}


def test_against_does_not_reach_a_weapon_later_in_the_sentence() -> None:
    # 'against the invasion': the phrase ends before the weapon the sentence supplies
    got = triples("To defend against the invasion, Norway will send NASAMS to Moldova.")
    assert ("NOR", "MDA", "nasams") in got


# ---- a weapon whose name is a title ---------------------------------------------------------------------


def test_senator_vehicles_are_a_weapon_and_a_senator_is_not() -> None:
    assert ("CAN", "MDA", "senator") in triples("Canada will send 200 Senator armoured personnel carriers to "
                                                 "Moldova.")
    got = extract_text("Senator Lindsey Graham said Canada will send ATACMS to Moldova.", NEWS)
    assert "weapon:senator" not in {e.id for e in got.entities}


# ---- a delivered stage reported next to a pledge ----------------------------------------------------------


def stages(text: str) -> dict[tuple[str, str, str], str]:
    found = extract_text(text, NEWS).transfers
    return {(t.supplier.partition(":")[2], t.recipient.partition(":")[2], t.weapon.partition(":")[2]): t.status
            for t in found}


@pytest.mark.parametrize(("text", "triple"), [
    ("The first F-16 jets pledged by the Netherlands were delivered to Moldova on Monday.", ("NLD", "MDA", "f-16")),
    ("Moldova has received all 31 Abrams tanks promised by the United States.", ("USA", "MDA", "abrams")),
    ("Denmark completed the delivery of 19 Caesar howitzers pledged last year to Moldova.",
     ("DNK", "MDA", "caesar-155mm")),
])
def test_a_pledge_that_was_delivered_is_delivered(text: str, triple: tuple[str, str, str]) -> None:
    assert stages(text).get(triple) == "delivered"


@pytest.mark.parametrize(("text", "triple"), [
    # the future of a completion, and a partial delivery whose weapon is in another clause, stay pledged
    ("Denmark will have completed the delivery of 19 Caesar howitzers to Moldova by June.",
     ("DNK", "MDA", "caesar-155mm")),
    ("Norway has pledged 20 more NASAMS launchers to Moldova; two have already been delivered.",
     ("NOR", "MDA", "nasams")),
])
def test_a_pledge_not_yet_delivered_stays_pledged(text: str, triple: tuple[str, str, str]) -> None:
    assert stages(text).get(triple) == "pledged"


def test_a_progressive_is_not_a_passive() -> None:
    # 'what Russia is providing': an active verb; the subject's weapons before it are not Russia's supply to anyone
    got = stages("The cluster munitions that we would provide have dud rates far below what Russia is providing.")
    assert not any(s == "RUS" for s, _, _ in got)


# ---- one system per donor -----------------------------------------------------------------------------------


def test_respectively_pairs_donors_and_systems_in_order() -> None:
    got = triples("Germany and Norway will provide IRIS-T and NASAMS systems to Moldova, respectively.")
    assert got == {("DEU", "MDA", "iris-t"), ("NOR", "MDA", "nasams")}


def test_respectively_with_unequal_counts_pairs_nothing() -> None:
    # three systems, two donors: no order to follow, each donor keeps the clause's systems
    got = triples("Germany and Norway will provide IRIS-T, NASAMS and Patriot systems to Moldova, respectively.")
    assert ("NOR", "MDA", "iris-t") in got and ("DEU", "MDA", "patriot") in got


def test_a_designation_ending_in_a_capital_ends_its_sentence() -> None:
    # 'IRIS-T.' is no initial: the next sentence's donor is not this one's
    text = "Moldova will get more air defence. Germany is sending IRIS-T. Norway is sending NASAMS launchers."
    doc = TextDoc(text, NEWS)
    assert len(doc.sents) == 3
    got = triples(text)
    assert ("DEU", "MDA", "iris-t") in got and ("DEU", "MDA", "nasams") not in got

"""Claim speakers (session 28): a state's body that says what its own footage shows through a relative 'it said', and
a counted plural subject ('the two governments', 'the three countries' defence ministries') standing for states the
sentence names in clauses of their own or as a partner after a preposition.

Every sentence here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-05-02", "publisher": "Reuters", "title": "News"}


def _said(text: str) -> set[tuple[str, str]]:
    return set(claims(extract_text(text, NEWS)))


def _speakers(text: str) -> set[str]:
    return {speaker for speaker, _ in _said(text)}


# ---- a relative 'it said' on a noun: the subject of the noun's clause says it ------------------------------------

def test_a_ministry_s_footage_it_said_showed_is_the_state_s_claim() -> None:
    text = "Estonia's defence ministry released footage it said showed two Krab howitzers hit near Narva.\n"
    got = _said(text)
    assert ("country:EST", "showed two Krab howitzers hit near Narva") in got, got


def test_what_it_said_were_is_the_state_s_claim_too() -> None:
    text = "Latvia's defence ministry published a video of what it said were three Piorun launchers near Rezekne.\n"
    assert "country:LVA" in _speakers(text)


def test_a_person_is_never_the_relative_it() -> None:
    # must not fire: 'it' never stands for a person
    text = "Jane Roe released a video it said showed two Krab howitzers hit near Narva.\n"
    assert not _said(text)


def test_a_company_s_report_it_said_showed_gives_no_speaker() -> None:
    # must not fire: an unnamed company is no speaker (the guide), so neither is its 'it'
    text = "The company released a report it said showed strong sales of Krab howitzers.\n"
    assert not _said(text)


# ---- a counted plural subject: the states the sentence names before it ---------------------------------------------

def test_two_governments_after_gapped_clauses() -> None:
    text = "Tallinn will send 12 CV90 vehicles and Riga 20 Piorun launchers to Ukraine, the two governments said.\n"
    assert _speakers(text) == {"country:EST", "country:LVA"}


def test_three_governments_after_gapped_clauses() -> None:
    text = ("Estonia will send CV90 vehicles, Latvia Piorun launchers and Finland a NASAMS battery, the three "
            "governments said on Friday.\n")
    assert _speakers(text) == {"country:EST", "country:LVA", "country:FIN"}


def test_the_three_countries_defence_ministries() -> None:
    text = ("Estonia, Latvia and Finland will fund 16 Zuzana howitzers for Ukraine, the three countries' defence "
            "ministries said in a statement.\n")
    assert _speakers(text) == {"country:EST", "country:LVA", "country:FIN"}


def test_two_countries_one_of_them_after_with() -> None:
    text = "Estonia will resume intelligence sharing with Ukraine, the two countries said in a joint statement.\n"
    assert _speakers(text) == {"country:EST", "country:UKR"}


def test_a_count_the_states_named_do_not_fit_gives_no_group() -> None:
    # must not fire: two states named, three governments counted
    text = "Estonia will send 12 CV90 vehicles to Ukraine, the three governments said.\n"
    assert not _said(text)


def test_no_count_no_group_of_gapped_clauses() -> None:
    # must not fire: without a number the subject does not say how many states it stands for
    text = "Estonia will send CV90 vehicles and Latvia Piorun launchers to Ukraine, the leaders said.\n"
    assert not _said(text)


# ---- a state's body named without its owner: the General Staff, a security service by its acronym ------------------

def test_the_general_staff_speaks_for_the_state_opening_the_sentence() -> None:
    text = "A Latvian Black Hawk crashed on Monday near Daugavpils, the General Staff said on Tuesday.\n"
    assert _speakers(text) == {"country:LVA"}


def test_a_security_service_by_its_acronym_speaks_for_the_state_opening_the_sentence() -> None:
    text = "Estonian drones hit two radar sites near Pskov on Sunday, the KAPO security service said.\n"
    got = _said(text)
    assert ("country:EST", "Estonian drones hit two radar sites near Pskov on Sunday") in got, got


def test_a_state_s_acronym_is_no_body_name() -> None:
    # must not fire for Estonia: the acronym before the body is a state the text names, which owns it
    text = "Estonian drones hit two radar sites near Pskov on Sunday, the US security service said.\n"
    assert _speakers(text) == {"country:USA"}


def test_an_unowned_service_with_no_state_around_gives_no_speaker() -> None:
    # must not fire: no state opens the sentence or the one before
    text = "The hospital was hit by a cruise missile on Monday, the security service said.\n"
    assert not _said(text)


def test_a_recipient_after_to_is_not_the_second_government() -> None:
    # must not fire: one giver named and a recipient after 'to'; who the second government is is not said
    text = "Estonia will send 12 CV90 vehicles to Ukraine, the two governments said.\n"
    assert not _said(text)

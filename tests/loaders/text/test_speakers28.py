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


# ---- review mends (session 28): probes of each finding, must fire and must not fire --------------------------------

def test_the_general_staff_is_not_the_attacker_s() -> None:
    # must not fire: the state opening the sentence is the attacker, not the General Staff's owner
    text = "Estonian drones hit two radar sites near Pskov overnight, the General Staff said.\n"
    assert "country:EST" not in _speakers(text)


def test_the_general_staff_still_speaks_for_the_opening_state() -> None:
    # must fire: no attack word, the opening state owns the General Staff
    text = "Latvia will send 12 Piorun launchers to Ukraine, the General Staff said.\n"
    assert "country:LVA" in _speakers(text)


def test_a_bare_staff_or_service_is_no_state_s_body() -> None:
    # must not fire: 'the staff', 'the service' with no modifier
    assert "country:LVA" not in _speakers("Latvia will send 12 Piorun launchers to Ukraine, the staff said.\n")
    assert "country:POL" not in _speakers("Poland sent 14 Krab howitzers to Ukraine, the service said.\n")


def test_a_known_acronym_names_the_service_s_state() -> None:
    # must fire: the acronym's own state, not the opening one
    text = "Estonian drones hit two radar sites near Pskov, the FSB security service said.\n"
    got = _speakers(text)
    assert "country:RUS" in got and "country:EST" not in got, got


def test_an_unknown_acronym_names_no_owner() -> None:
    # must not fire: an acronym the table lacks names no owner
    text = "Latvia will send 12 Piorun launchers to Ukraine, the XQZ security service said.\n"
    assert "country:LVA" not in _speakers(text)


def test_a_relative_it_in_a_reported_clause_is_the_reporter_s() -> None:
    # must fire for the reporter, must not for the reported clause's subject
    text = "Latvia's defence ministry said Estonia fired a missile it said was a Storm Shadow.\n"
    got = _speakers(text)
    assert "country:EST" not in got, got


def test_a_state_in_an_adverbial_clause_is_not_counted() -> None:
    # must not fire: 'As Latvia ...' is no party of 'the two governments'
    text = "As Latvia pressed for more, Estonia will send CV90 vehicles to Ukraine, the two governments said.\n"
    assert "country:LVA" not in _speakers(text)


def test_a_state_modifying_a_weapon_is_not_counted() -> None:
    # must not fire: 'US' modifies the tanks
    text = "Estonia will send US Abrams tanks to Ukraine, the two governments said.\n"
    assert "country:USA" not in _speakers(text)


def test_gapped_clauses_still_count_for_the_two_governments() -> None:
    # must fire: two donors in clauses of their own
    text = "Riga will send Piorun launchers and Tallinn CV90 vehicles to Ukraine, the two governments said.\n"
    got = _speakers(text)
    assert {"country:LVA", "country:EST"} <= got, got


def test_the_two_countries_defence_ministries_read_on_past_the_possessive() -> None:
    # must fire: 'the two countries' ...' as 'the three countries' ...' does
    text = ("Latvia will send Piorun launchers and Estonia CV90 vehicles to Ukraine, the two countries' defence "
            "ministries said.\n")
    got = _speakers(text)
    assert {"country:LVA", "country:EST"} <= got, got


def test_a_gapped_subject_after_and_the_still_counts() -> None:
    # must fire: 'and the United States Bradleys' is a gapped clause's subject, not a weapon's modifier
    text = ("Latvia will send Piorun launchers, Estonia CV90 vehicles and the United States Bradleys, the three "
            "governments said.\n")
    got = _speakers(text)
    assert {"country:LVA", "country:EST", "country:USA"} <= got, got

"""Officials read from shapes of US releases and readouts (session 18): a service and a rank between a title and the
name ('Press Secretary Air Force Brig. Gen. X'), a byline line 'Name, Title' over a dateline (the date is no name),
and a bare title repeated for a person whose fuller office was read ('Minister X' after 'Israeli Minister of
Defense X').

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import positions

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-03-12", "publisher": "Test Wire", "title": "Test"}
DOD = {"date": "2024-03-12", "publisher": "U.S. Department of Defense", "title": "Readout"}
STATE = {"date": "2024-03-12", "publisher": "U.S. Department of State", "title": "Announcing More Aid"}


def test_a_service_and_a_rank_between_a_title_and_the_name_are_no_part_of_the_name() -> None:
    held = positions(extract_text("Pentagon Press Secretary Air Force Brig. Gen. Jane Roe said the HIMARS arrived.",
                                  NEWS))
    assert held == {("person:jane-roe", "Press Secretary", "org:us-dod")}, held
    held = positions(extract_text("Pentagon Press Secretary Navy Adm. John Roe said the HIMARS arrived.", NEWS))
    assert {p for p, _, _ in held} == {"person:john-roe"}, held


def test_a_service_without_a_rank_after_it_stays_what_it_was() -> None:
    # must not fire: 'Air Force' with no rank after it is no service before a name
    held = positions(extract_text("Air Force spokesman Jan Kowal said two jets were lost.", NEWS))
    assert {p for p, _, _ in held} <= {"person:jan-kowal"}, held


def test_a_byline_over_a_dateline_gives_the_author_his_office_and_the_date_is_no_name() -> None:
    text = "Jane Q. Roe, Secretary of State\nMarch 12, 2024\n\nToday I am announcing a drawdown for Ukraine.\n"
    held = positions(extract_text(text, STATE))
    assert held == {("person:jane-roe", "Secretary of State", "country:USA")}, held


def test_a_title_before_a_dateline_takes_no_month_for_a_name() -> None:
    # must not fire: without a name before the comma, no one holds the title
    held = positions(extract_text("Office of the Secretary of State\nMarch 12, 2024\n\nToday the aid goes out.\n",
                                  STATE))
    assert not any("march" in p for p, _, _ in held), held
    # a line that holds more than a name before the comma is no byline
    held = positions(extract_text("In a call with partners on Tuesday, Secretary of State\nMarch 12, 2024\n", STATE))
    assert not held, held


def test_a_bare_title_repeated_for_a_person_with_a_fuller_office_adds_no_office() -> None:
    text = ("Secretary of Defense Jane Roe spoke today with Israeli Minister of Defense John Doe.\n\n"
            "Secretary Roe told Minister Doe that the first shipment is already moving.\n")
    held = positions(extract_text(text, DOD))
    assert ("person:john-doe", "Defense Minister", "country:ISR") in held, held
    assert not any(p == "person:john-doe" and t == "Minister" for p, t, _ in held), held
    # must not fire: another office of the same person is still read
    held = positions(extract_text("Israeli Defense Minister John Doe met the press. Later that year Israeli Prime "
                                  "Minister John Doe said the tanks had arrived.", NEWS))
    assert {t for p, t, _ in held if p == "person:john-doe"} == {"Defense Minister", "Prime Minister"}, held


def test_a_state_less_title_takes_the_state_opening_the_sentence_two_back_over_quoted_states() -> None:
    # over one sentence that names no state, and a state inside a quotation names whose office nothing
    held = positions(extract_text("Latvia announced its largest aid package on Monday. It includes: dozens of M109 "
                                  "howitzers and support vehicles. \u201cUkraine must win and we will help,\u201d "
                                  "defence minister Jane Roe told LSM.", NEWS))
    assert held == {("person:jane-roe", "Defense Minister", "country:LVA")}, held


def test_a_state_named_before_the_speech_still_keeps_the_office_unsaid() -> None:
    # must not fire: another state named in the sentence (also in what is said: whose minister is not said), a
    # state named before the speech verb, or two sentences back over one naming a state
    held = positions(extract_text("Lisbon promised four Leopard 2A6 in March. On Friday Defence Minister Jane Roe said "
                                  "they had been received by the Ukrainian army.", NEWS))
    assert ("person:jane-roe", "Defense Minister", "country:PRT") not in held, held
    held = positions(extract_text("Lisbon promised four Leopard 2A6 in March. In Kyiv, Defence Minister Jane Roe said "
                                  "they had been received.", NEWS))
    assert ("person:jane-roe", "Defense Minister", "country:PRT") not in held, held
    held = positions(extract_text("Latvia announced its largest aid package on Monday. Poland sent tanks too. "
                                  "Defence minister Jane Roe said more would follow.", NEWS))
    assert ("person:jane-roe", "Defense Minister", "country:LVA") not in held, held


def test_an_organisations_chief_who_is_its_known_official_holds_the_known_office() -> None:
    held = positions(extract_text("NATO chief Jens Stoltenberg said the allies must send more shells.", NEWS))
    assert ("person:jens-stoltenberg", "Secretary-General of NATO", "org:nato") in held, held


def test_a_chief_of_another_body_or_an_unknown_chief_holds_nothing() -> None:
    # must not fire: an official the table lacks, a known official of another body
    held = positions(extract_text("NATO chief Jane Roe said the allies must send more shells.", NEWS))
    assert not held, held
    held = positions(extract_text("EU chief Jens Stoltenberg said the allies must send more shells.", NEWS))
    assert not held, held

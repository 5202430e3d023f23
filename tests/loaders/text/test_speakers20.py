"""US statements' publishers and their offices (session 20): the State Department is a publisher of the United States,
and a title the publisher's state holds on the document's date is no office of another person.

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from datetime import date

from extraction_views import positions

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.gazetteer import load

STATE = {"date": "2024-03-12", "publisher": "U.S. Department of State", "title": "Department Press Briefing"}
NEWS = {**STATE, "publisher": "Example News"}
WH = {"date": "2023-05-02", "publisher": "The White House", "title": "Readout of a Call"}


def test_the_state_department_publishes_for_the_united_states() -> None:
    text = "We approved the sale of F-16 aircraft to Poland, Spokesperson Jane Roe said."
    assert ("person:jane-roe", "Spokesperson", "country:USA") in positions(extract_text(text, STATE))
    # must not fire: the same sentence from a publisher of no known state says whose spokesperson nowhere
    assert not positions(extract_text(text, NEWS)), positions(extract_text(text, NEWS))


def test_an_office_the_publisher_s_state_holds_is_no_one_else_s() -> None:
    text = "President Biden spoke today with President Jane Roe about air defense for Ukraine."
    x = extract_text(text, WH)
    assert ("person:joe-biden", "President", "country:USA") in positions(x), positions(x)
    assert not any(p[0] == "person:jane-roe" and p[2] == "country:USA" for p in positions(x)), positions(x)
    text = "Vice President Harris met President Jane Roe and Vice President John Doe."
    x = extract_text(text, WH)
    assert ("person:kamala-harris", "Vice President", "country:USA") in positions(x), positions(x)
    assert not any(p[0] in ("person:jane-roe", "person:john-doe") for p in positions(x)), positions(x)


def test_an_office_without_terms_or_date_is_still_the_publisher_s() -> None:
    # must not fire: a title office_terms.csv does not list, and a document without a date, keep the home state
    text = "Spokesperson Jane Roe said the Department approved the sale of F-16 aircraft to Poland."
    assert ("person:jane-roe", "Spokesperson", "country:USA") in positions(extract_text(text, STATE))
    x = extract_text("President Joe Biden said we will send more HIMARS to Ukraine.", {**WH, "date": ""})
    assert ("person:joe-biden", "President", "country:USA") in positions(x), positions(x)
    # the review's case: undated, a holder office_terms.csv does not list (its terms start in 2017) keeps the office
    x = extract_text("Vice President Mike Pence said we will send more HIMARS to Ukraine.", {**WH, "date": ""})
    assert ("person:mike-pence", "Vice President", "country:USA") in positions(x), positions(x)


def test_one_look_up_of_who_held_an_office_on_a_day() -> None:
    """``Gazetteer.holders``, the one date test of 'the President', claim speakers and a title held by another: the
    day a successor takes office is the successor's (start inclusive, end exclusive)."""
    g = load()
    assert g.holders("President", "country:USA", date(2021, 1, 19)) == {"Donald Trump"}
    assert g.holders("President", "country:USA", date(2021, 1, 20)) == {"Joe Biden"}
    assert g.holders("President", "country:USA", date(2025, 6, 1)) == {"Donald Trump"}
    assert not g.holders("President", "country:USA", date(2016, 1, 1))  # before the table: no holder

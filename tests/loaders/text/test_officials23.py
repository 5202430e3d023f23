"""Officials and claim speakers (session 23): seats of government and 'the government in <capital>' speak for their
state; an air force commander is an office of the state the text gives.

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import positions, said

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.seats import seat_at, seats

NEWS = {"date": "2024-03-12", "publisher": "Example News", "title": "Probe"}


def test_a_seat_of_government_speaks_for_its_state() -> None:
    assert ("country:FRA", "Paris will send more light tanks") in said(
        "Paris will send more light tanks, the Elysée said on Tuesday.", NEWS)
    assert ("country:GBR", "Britain will send more artillery") in said(
        "Britain will send more artillery, Downing Street said.", NEWS)
    claims = said("The Kremlin said the decision would prolong the war.", NEWS)
    assert ("country:RUS", "the decision would prolong the war") in claims, claims
    assert not any(speaker == "org:kremlin" for speaker, _ in claims), claims


def test_the_government_in_a_capital_speaks_for_its_state() -> None:
    assert ("country:DEU", "The deliveries will start in May") in said(
        "The deliveries will start in May, the government in Berlin said.", NEWS)
    assert ("country:USA", "The ban stays in place") in said(
        "The ban stays in place, officials in Washington said.", NEWS)


def test_a_seat_as_a_place_or_a_seat_s_spokesman_is_no_state_speaking() -> None:
    # must not fire: officials another word makes someone else's; a seat after a preposition is a place; the
    # spokesman of a seat speaks in person
    assert not said("Russian-installed officials in Ukraine said traffic had stopped.", NEWS)
    claims = said("The two leaders met at Downing Street. They said the tanks would arrive in March.", NEWS)
    assert not any(speaker == "country:GBR" for speaker, _ in claims), claims
    claims = said("Kremlin spokesman Jane Roe said the jets would be destroyed.", NEWS)
    assert claims == {("person:jane-roe", "the jets would be destroyed")}, claims


def test_the_seats_table() -> None:
    table = seats()
    assert table[("Downing", "Street")] == "country:GBR" and table[("Kremlin",)] == "country:RUS"
    assert all(state.startswith("country:") and len(state) == 11 for state in table.values())
    words = ["talks", "at", "Downing", "Street", "ended"]
    assert seat_at(words, 3) == ("country:GBR", 2, 4) and seat_at(words, 1) is None


def test_an_air_force_commander_is_an_office_of_the_state_the_text_gives() -> None:
    text = "Ukraine's air force said it downed a missile. Air force commander Jane Roe called it a historic event."
    assert ("person:jane-roe", "Air Force Commander", "country:UKR") in positions(extract_text(text, NEWS))
    text = "Finnish jets flew over the lake, air force commander Jane Roe said."
    assert ("person:jane-roe", "Air Force Commander", "country:FIN") in positions(extract_text(text, NEWS))
    # must not fire: no state said anywhere, no office of anyone's
    text = "The exercise ended on Friday, air force commander Jane Roe said."
    assert not positions(extract_text(text, NEWS)), positions(extract_text(text, NEWS))

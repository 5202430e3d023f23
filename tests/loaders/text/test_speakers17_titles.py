"""A speaker named with a title that takes a preposition ("Kyiv's ambassador to Türkiye X said"): the person the
title names speaks, not the state the parse reads as the subject, while 'an aide to President X' and a named
person's ministry still speak for the state (session 17).

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import positions, said

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-02-06", "publisher": "Test Wire", "title": "Test"}


def _said(text: str) -> set[tuple[str, str]]:
    return said(text, NEWS)


def test_an_ambassador_to_a_state_named_with_a_capitals_possessive_speaks() -> None:
    said = _said("A drone maker has started building its plant near Lviv, Kyiv's ambassador to Poland Jane Roe said.")
    assert ("person:jane-roe", "A drone maker has started building its plant near Lviv") in said, said
    said = _said("Kyiv's ambassador to Poland Jane Roe said the plant would make Bayraktar TB2 drones.")
    assert ("person:jane-roe", "the plant would make Bayraktar TB2 drones") in said, said


def test_an_aide_or_a_named_persons_ministry_still_speaks_for_the_state() -> None:
    # must not fire: the person owns the office that speaks; a person parsed as the subject keeps the claim
    said = _said("Germany has ordered 60 Chinook helicopters, defence minister Boris Pistorius' ministry said.")
    assert not any(s == "person:boris-pistorius" for s, _ in said), said
    said = _said("Deputy Foreign Minister Jan Kowal in a meeting with France's ambassador to Warsaw Jean Roux warned "
                 "Paris against the delivery of Caesar howitzers.")
    assert not any(s == "person:jean-roux" for s, _ in said), said


def test_an_unowned_ministry_speaks_for_the_state_opening_its_sentence_or_the_one_before() -> None:
    said = _said("Finland orders more K9 howitzers. After Helsinki sent 20 of its guns to Ukraine, the army had to "
                 "fill the gap, the defence ministry said.")
    assert ("country:FIN", "After Helsinki sent 20 of its guns to Ukraine, the army had to fill the gap") in said
    said = _said("Latvia will send more shells to Ukraine. They will arrive next month, the defence ministry said.")
    assert ("country:LVA", "They will arrive next month") in said, said
    # must not fire: another state in the sentence leaves the ministry's state unsaid; no state at all names none
    said = _said("Latvia will send more shells to Ukraine. Shells from Poland will arrive soon, the defence ministry "
                 "said.")
    assert not any(t.startswith("Shells from Poland") for _, t in said), said
    assert not _said("The shells will arrive next month, the defence ministry said.")


JOINT = {"date": "2023-06-05", "publisher": "The White House", "title": "Joint Statement"}


def test_a_signature_blocks_name_line_takes_the_title_line_under_it() -> None:
    text = ("Joint Statement\n\nThe two states will keep supporting Ukraine with F-16 aircraft.\n\n"
            "President Joseph R. Biden, Jr.\nPresident of the United States of America\n\n"
            "Jane Roe\nPrime Minister of the Kingdom of Denmark\n")
    found = positions(extract_text(text, JOINT))
    assert ("person:jane-roe", "Prime Minister", "country:DNK") in found, found
    # must not fire: the title line above a blank line is not the next signer's
    assert ("person:jane-roe", "President", "country:USA") not in found, found
    assert ("person:joe-biden", "President", "country:USA") in found, found


def test_a_name_line_above_a_title_in_running_text_is_no_signature() -> None:
    # must not fire: a title opening a wrapped line of running text, after a line ending in other words
    text = ("The leaders agreed to send more air defense to Ukraine, said Jane Roe\nPrime Minister Kari Lund "
            "of Norway welcomed it.\n")
    found = positions(extract_text(text, JOINT))
    assert not any(p == "person:jane-roe" for p, _, _ in found), found

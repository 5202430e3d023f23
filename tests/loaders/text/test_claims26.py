"""Claims in US official texts (session 26): one look-up of a known official for titles, headings and the body,
and a rank written out before one capitalised word names no speaker.

Every sentence and every invented name here is this file's own (none is a shared document's or a gold file's);
Lloyd Austin is the officials table's."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text import known_officials, persons, speakers, turn_claims
from armsgraph.loaders.text.extract import extract_text

DOD = {"date": "2023-11-02", "publisher": "U.S. Department of Defense"}


def test_titles_headings_and_the_body_share_one_look_up() -> None:
    assert speakers.known_official is known_officials.known_official
    assert persons.known_official is known_officials.known_official
    assert turn_claims.known_official is known_officials.known_official


def test_a_heading_name_with_a_middle_initial_is_the_known_official() -> None:
    meta = {**DOD, "title": "Secretary of Defense Lloyd J. Austin III Holds a Press Briefing"}
    text = ("STAFF: Good afternoon.\n\n"
            "SECRETARY AUSTIN: Today the Department is sending twelve more HIMARS launchers to Estonia.\n")
    got = claims(extract_text(text, meta))
    said = "Today the Department is sending twelve more HIMARS launchers to Estonia"
    assert ("person:lloyd-austin", said) in got, got


def test_a_rank_written_out_before_one_word_names_no_author() -> None:
    # must not fire: 'Major' is a rank and an adjective; one word after it is no name
    meta = {**DOD, "title": "Statement by Deputy Secretary Major Announcement on Support to Estonia"}
    text = "As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert not any(speaker == "person:announcement" for speaker, _ in got), got


def test_a_rank_written_out_before_one_word_names_no_turn_speaker() -> None:
    # must not fire: the heading names nobody, so the label's surname is nobody's
    meta = {**DOD, "title": "Deputy Secretary Major Update Holds a Press Briefing"}
    text = ("STAFF: Good afternoon.\n\n"
            "MR. UPDATE: Today the Department is sending twelve more HIMARS launchers to Estonia.\n")
    got = claims(extract_text(text, meta))
    assert not any(speaker == "person:update" for speaker, _ in got), got


def test_an_honorific_written_short_without_its_stop_still_takes_one_surname() -> None:
    meta = {**DOD, "title": "Under Secretary Dr Quill Holds a Press Briefing"}
    text = ("STAFF: Good afternoon.\n\n"
            "DR QUILL: Today the Department is sending twelve more HIMARS launchers to Estonia.\n")
    got = claims(extract_text(text, meta))
    assert ("person:quill", "Today the Department is sending twelve more HIMARS launchers to Estonia") in got, got


def test_a_rank_written_out_before_a_full_name_still_names_it() -> None:
    meta = {**DOD, "title": "Statement by Deputy Secretary Major Mara Quill on Support to Estonia"}
    text = "As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert ("person:mara-quill", "the United States will keep its word to Estonia") in got, got

"""Claims in US official texts (session 26): one look-up of a known official for titles, headings and the body,
and a rank written out before one capitalised word names no speaker.

Every sentence and every invented name here is this file's own (none is a shared document's or a gold file's);
Lloyd Austin is the officials table's."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text import known_officials, speakers, transfer_parties, turn_claims
from armsgraph.loaders.text.extract import extract_text

DOD = {"date": "2023-11-02", "publisher": "U.S. Department of Defense"}


def test_titles_headings_and_the_body_share_one_look_up() -> None:
    assert speakers.known_official is known_officials.known_official
    assert turn_claims.known_official is known_officials.known_official
    assert transfer_parties.known_official is known_officials.known_official


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


# a readout's plural subject standing for the persons of its meeting, wherever it stands (session 26)

WH = {"date": "2023-11-02", "publisher": "The White House"}
MEETING = ("President Joe Biden met today in Tallinn with Prime Minister Kaja Roos of Estonia, President Mara Linde "
           "of Latvia, and President Tomas Varn of Lithuania. The leaders discussed the security of the Baltic region "
           "and the coming winter. ")


def test_a_counted_plural_subject_stands_for_as_many_persons_met() -> None:
    text = MEETING + "The four leaders reaffirmed that the alliance would keep its air defenses in the Baltic region.\n"
    got = claims(extract_text(text, {**WH, "title": "Readout of President Biden's Meeting with Baltic Leaders"}))
    said = "the alliance would keep its air defenses in the Baltic region"
    for person in ("joe-biden", "kaja-roos", "mara-linde", "tomas-varn"):
        assert (f"person:{person}", said) in got, got


def test_a_count_other_than_the_persons_met_stands_for_nobody() -> None:
    # must not fire: four persons met, 'the three leaders' are not they
    text = MEETING + "The three leaders reaffirmed that the alliance would keep its air defenses in the region.\n"
    got = claims(extract_text(text, {**WH, "title": "Readout of President Biden's Meeting with Baltic Leaders"}))
    assert not any(t.startswith("the alliance would keep") for _, t in got), got


def test_they_after_a_sentence_with_a_plural_subject_looks_back_to_the_meeting() -> None:
    text = ("President Joe Biden received President Mara Linde of Latvia at the White House today. The leaders also "
            "discussed the coming winter. They reaffirmed that Latvia would receive more air defense interceptors.\n")
    got = claims(extract_text(text, {**WH, "title": "Readout of President Biden's Meeting with President Linde"}))
    said = "Latvia would receive more air defense interceptors"
    assert ("person:joe-biden", said) in got, got
    assert ("person:mara-linde", said) in got, got


def test_both_leaders_after_and_say_the_second_clause_only() -> None:
    text = ("President Joe Biden spoke today with President Mara Linde of Latvia. President Biden noted that the "
            "United States would soon send more HIMARS launchers to Latvia, and both leaders affirmed their shared "
            "commitment to the defense of the Baltic states.\n")
    got = claims(extract_text(text, {**WH, "title": "Readout of President Biden's Call with President Linde"}))
    assert ("person:mara-linde", "their shared commitment to the defense of the Baltic states") in got, got
    assert not any(speaker == "person:mara-linde" and "HIMARS" in t for speaker, t in got), got


# review B of session 26: a plural subject after ', and' that is another clause's, and a known surname after a rank

CALL = "President Joe Biden spoke with President Mara Linde of Latvia today. "
CALL_META = {**WH, "title": "Readout of President Biden's Call with President Linde"}


def test_both_leaders_after_a_clause_naming_other_persons_are_theirs() -> None:
    # must not fire: Varn and Roos are the leaders of this sentence, not the persons of the call
    text = CALL + ("President Tomas Varn hosted Prime Minister Kaja Roos in Vilnius, and both leaders affirmed their "
                   "commitment to send more drones to Estonia.\n")
    got = claims(extract_text(text, CALL_META))
    for person in ("joe-biden", "mara-linde"):
        assert not any(s == f"person:{person}" and "drones" in t for s, t in got), got


def test_they_after_a_clause_naming_two_states_are_theirs() -> None:
    # must not fire: 'they' are Belarus and Iran, not the persons of the call
    text = CALL + ("The leaders discussed the war. Belarus and Iran are sending drones, and they reaffirmed their "
                   "plans to send more.\n")
    got = claims(extract_text(text, CALL_META))
    assert not any("plans to send more" in t for _, t in got), got


def test_both_leaders_after_a_clause_naming_one_of_them_still_speak() -> None:
    # must fire: the clause before names a person of the call only
    text = CALL + ("President Biden noted that the United States would send more HIMARS launchers, and both leaders "
                   "affirmed their commitment to the defense of the Baltic states.\n")
    got = claims(extract_text(text, CALL_META))
    assert ("person:mara-linde", "their commitment to the defense of the Baltic states") in got, got


def test_a_rank_written_out_before_a_known_surname_names_the_official() -> None:
    # must fire: 'General' is a rank written out, 'Austin' the officials table's Lloyd Austin
    meta = {**DOD, "title": "Statement by Secretary of Defense General Austin on Support to Estonia"}
    text = "As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert ("person:lloyd-austin", "the United States will keep its word to Estonia") in got, got

"""Claims in US official texts (session 25): a speaker named after a title with a middle initial or an honorific
is the person the name names, and a first speech verb's claim stays beside a second finite speech verb.

Every sentence and every invented name here is this file's own (none is a shared document's or a gold file's);
Lloyd Austin is the officials table's."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text.extract import extract_text

DOD = {"date": "2023-11-02", "publisher": "U.S. Department of Defense"}
WH = {"date": "2023-11-02", "publisher": "The White House"}


def test_a_title_author_with_a_middle_initial_is_the_known_official() -> None:
    meta = {**DOD, "title": "Statement by Secretary of Defense Lloyd J. Austin III on Support to Estonia"}
    text = "Yesterday I met Minister Tamm. As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert ("person:lloyd-austin", "the United States will keep its word to Estonia") in got, got
    assert not any(speaker == "person:lloyd-j-austin" for speaker, _ in got), got


def test_a_middle_initial_of_an_unknown_name_stays_its_own() -> None:
    # must not fire: no known official is named, so the name is kept as written
    meta = {**DOD, "title": "Statement by Secretary of the Navy Jane Q. Roe on Support to Estonia"}
    text = "As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert ("person:jane-q-roe", "the United States will keep its word to Estonia") in got, got


def test_an_honorific_after_the_heading_title_is_no_part_of_the_turn_speaker() -> None:
    meta = {**DOD, "title": "Under Secretary of Defense for Policy Dr. Mara Quill Holds a Press Briefing"}
    text = ("STAFF: Good afternoon.\n\n"
            "DR. QUILL: Today the Department is sending twelve more HIMARS launchers to Ukraine.\n\n"
            "Q: When will they arrive?\n\n"
            "DR. QUILL: The weather in the region has been mild this week.\n")
    got = claims(extract_text(text, meta))
    assert ("person:mara-quill", "Today the Department is sending twelve more HIMARS launchers to Ukraine") in got, got
    assert not any(speaker == "person:dr-mara-quill" for speaker, _ in got), got
    # must not fire: the turn's sentence that names no arms
    assert not any(t.startswith("The weather") for _, t in got), got


def test_a_noun_object_stays_beside_a_second_verb_after_and() -> None:
    meta = {**DOD, "title": "Readout of Secretary of Defense Lloyd J. Austin III's Call With Estonian Minister"}
    text = ("Secretary Austin reaffirmed the steadfast American commitment to the security of Estonia and said that "
            "the United States would deliver more air defense interceptors to the Baltic states.\n")
    got = claims(extract_text(text, meta))
    assert ("person:lloyd-austin", "the steadfast American commitment to the security of Estonia") in got, got
    assert ("person:lloyd-austin",
            "the United States would deliver more air defense interceptors to the Baltic states") in got, got


def test_a_first_clause_stays_beside_a_second_verb_with_its_own_subject() -> None:
    meta = {**WH, "title": "Readout of President Joe Biden's Call with President Alar Karis of Estonia"}
    text = ("President Biden reiterated that American policy toward the Baltic states remains unchanged, and he "
            "stressed that Washington would keep its forces in the region.\n")
    got = claims(extract_text(text, meta))
    assert ("person:joe-biden", "American policy toward the Baltic states remains unchanged") in got, got
    assert ("person:joe-biden", "Washington would keep its forces in the region") in got, got


def test_a_gerund_restates_the_noun_object_which_says_nothing() -> None:
    # must not fire: 'stressed the need for ..., saying that ...' reports one thing said, the clause
    meta = {**WH, "title": "Readout of President Joe Biden's Call with President Alar Karis of Estonia"}
    text = ("President Biden stressed the need for stronger air defenses in the Baltic region, saying that the "
            "allies would deliver more interceptors this winter.\n")
    got = claims(extract_text(text, meta))
    assert not any(t.startswith("the need for") for _, t in got), got
    assert ("person:joe-biden", "the allies would deliver more interceptors this winter") in got, got


# review mends (session 25): an honorific after a statement title's office, a single surname after a dropped
# honorific, and the same-speaker check inside ``_said_before``

def test_an_honorific_after_a_statement_title_is_no_part_of_the_author() -> None:
    meta = {**DOD, "title": "Statement by Under Secretary of Defense for Policy Dr. Mara Quill on Support to Estonia"}
    text = "As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert ("person:mara-quill", "the United States will keep its word to Estonia") in got, got
    assert not any(speaker == "person:dr-mara-quill" for speaker, _ in got), got


def test_a_single_surname_after_a_dropped_honorific_is_the_turn_speaker() -> None:
    meta = {**DOD, "title": "Under Secretary Dr. Quill Holds a Press Briefing"}
    text = ("STAFF: Good afternoon.\n\n"
            "DR. QUILL: Today the Department is sending twelve more HIMARS launchers to Ukraine.\n")
    got = claims(extract_text(text, meta))
    assert ("person:quill", "Today the Department is sending twelve more HIMARS launchers to Ukraine") in got, got
    assert not any(speaker == "person:dr-quill" for speaker, _ in got), got


def test_a_single_surname_without_an_honorific_names_no_author() -> None:
    # must not fire: one capitalised word after a title with no honorific before it is no name
    meta = {**DOD, "title": "Statement by Under Secretary Quill on Support to Estonia"}
    text = "As I told Minister Tamm, the United States will keep its word to Estonia.\n"
    got = claims(extract_text(text, meta))
    assert not any(speaker == "person:quill" for speaker, _ in got), got


def test_another_speakers_first_clause_gets_no_said_before_claim() -> None:
    # must not fire: the first clause is Biden's, the second verb Blinken's; Blinken is given no part of Biden's.
    # A guard: it passes without the speaker check inside _said_before too (this sentence takes the path that
    # already had one); it fails if a change lets the second verb's speaker take the first clause.
    meta = {**WH, "title": "Readout of President Joe Biden's Call with President Alar Karis of Estonia"}
    text = ("President Biden reiterated that American policy toward the Baltic states remains unchanged, and "
            "Secretary Blinken stressed that Washington would keep its forces in the region.\n")
    got = claims(extract_text(text, meta))
    assert not any(speaker == "person:antony-blinken" and t.startswith("American policy") for speaker, t in got), got
    assert ("person:joe-biden", "American policy toward the Baltic states remains unchanged") in got, got

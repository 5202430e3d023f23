"""Claim speakers in White House shapes (session 9): transcripts with turn labels, readouts and joint statements
with several speakers, pages that list labelled quotations. Sentences written for these tests."""

from __future__ import annotations

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import Extraction

BRIEFING = {"date": "2023-07-07", "publisher": "The White House",
            "title": "Press Briefing by Press Secretary Karine Jean-Pierre and National Security Advisor Jake Sullivan"}
REMARKS = {"date": "2022-03-16", "publisher": "The White House",
           "title": "Remarks by President Biden on Support for Ukraine"}
READOUT = {"date": "2023-01-05", "publisher": "The White House",
           "title": "Joint Statement Following a Call between President Biden and Chancellor Scholz"}
PAGE = {"date": "2026-04-01", "publisher": "The White House", "title": "Objectives of the Campaign"}


def said(x: Extraction) -> set[tuple[str, str]]:
    return {(c.speaker, c.text) for c in x.claims}


def speakers(x: Extraction) -> list[str]:
    return [c.speaker for c in x.claims]


def test_a_turn_keeps_only_what_its_speaker_says_of_arms_supply() -> None:
    text = ("MR. KIRBY:  Thanks, everybody.  We get this question a lot.  We will send Ukraine more artillery "
            "rounds next week.  The Situation Room is not in use this month.  Russia has been using cluster "
            "munitions since the start of the war.\n\n"
            "Q    Will the rounds arrive soon?\n\n"
            "MR. KIRBY:  We have provided humanitarian assistance before.  The new package includes Stinger "
            "missiles.\n")
    x = extract_text(text, BRIEFING)
    assert said(x) == {("person:john-kirby", "We will send Ukraine more artillery rounds next week"),
                       ("person:john-kirby", "The new package includes Stinger missiles")}


def test_a_turn_speaker_restating_themselves_is_no_second_claim() -> None:
    text = ("THE PRESIDENT:  Good afternoon.  I'll say it again: we cannot let the aggressor win.  As I told the "
            "Congress, we will send more Patriot interceptors to Ukraine.\n")
    x = extract_text(text, REMARKS)
    assert {s for s, _ in said(x)} == {"person:joe-biden"}
    texts = {t for _, t in said(x)}
    assert not any("aggressor" in t for t in texts)
    assert any("Patriot interceptors" in t for t in texts)


def test_they_in_a_readout_is_each_leader_named_together_before() -> None:
    text = ("President Joseph R. Biden, Jr. and Chancellor Olaf Scholz spoke by phone today. They reiterated their "
            "support for the sovereignty of Ukraine. In light of the missile attacks, President Biden and "
            "Chancellor Scholz affirmed their intention to send more air defense systems to Ukraine.")
    x = extract_text(text, READOUT)
    support = {s for s, t in said(x) if "sovereignty" in t}
    assert support == {"person:joe-biden", "person:olaf-scholz"}
    air = {s for s, t in said(x) if "air defense" in t}
    assert air == {"person:joe-biden", "person:olaf-scholz"}
    assert len(speakers(x)) == len(said(x)) == 4


def test_they_without_leaders_named_together_is_nobody() -> None:
    x = extract_text("The talks went on for hours. They reiterated their support for Ukraine.", READOUT)
    assert said(x) == set()
    # the authors' own first person is no claim
    assert said(extract_text("We reaffirmed our support for Ukraine.", READOUT)) == set()


def test_a_labelled_quotation_is_its_labels_speaker() -> None:
    text = ("-   [**Secretary of State Marco Rubio**](https://example.org/a)** (March 2):** “The aim of the campaign "
            "is to end the missile threat for good.”\n"
            "-   [**Commander Admiral Jane Roe**](https://example.org/b)** (March 3):** “Our forces will keep up "
            "the pressure on the launchers.”\n"
            "-   [**Admiral Roe**](https://example.org/c)** (March 5):** “The launchers are being destroyed one "
            "by one.”\n"
            "-   Secretary Rubio (March 6): “We will not stop before the job is done.”\n")
    x = extract_text(text, PAGE)
    assert said(x) == {
        ("person:marco-rubio", "The aim of the campaign is to end the missile threat for good"),
        ("person:jane-roe", "Our forces will keep up the pressure on the launchers"),
        ("person:jane-roe", "The launchers are being destroyed one by one"),
        ("person:marco-rubio", "We will not stop before the job is done"),
    }


def test_a_label_naming_someone_unknown_is_not_the_speaker_before() -> None:
    text = ("-   Secretary Rubio (March 2): “The aim is clear and it will not change.”\n"
            "-   The Rapid Response account (March 3): “More strikes are coming tonight.”\n")
    x = extract_text(text, PAGE)
    assert ("person:marco-rubio", "More strikes are coming tonight") not in said(x)


def test_a_rank_is_no_part_of_a_speakers_name() -> None:
    x = extract_text("Admiral Jane Roe said the strikes on the launchers would go on.", PAGE)
    assert said(x) == {("person:jane-roe", "the strikes on the launchers would go on")}


def test_one_speaker_one_claim_for_two_verbs_of_one_sentence() -> None:
    x = extract_text("It is what President Biden told President Putin and what President Biden said many times, and "
                     "that is to provide security assistance to Ukraine.", BRIEFING)
    biden = [t for s, t in said(x) if s == "person:joe-biden"]
    assert len(biden) == 1


def test_according_to_principles_names_no_speaker() -> None:
    x = extract_text("The parties shall reform the armed forces according to EU and NATO principles and standards.",
                     BRIEFING)
    assert said(x) == set()
    # a body after 'according to' still speaks
    y = extract_text("Poland will send more tanks to Ukraine, according to the Polish Defence Ministry.", BRIEFING)
    assert {s for s, _ in said(y)} == {"country:POL"}


def test_a_line_ending_in_a_colon_without_an_aside_keeps_the_earlier_rules() -> None:
    x = extract_text("“We will win,” Defence Minister Jane Roe said.\nIn Kyiv on Monday: “We will send more shells to "
                     "Ukraine this year.”", PAGE)
    assert speakers(x) == ["person:jane-roe", "person:jane-roe"]


def test_a_person_introduced_by_named_speaks_after() -> None:
    text = ("Putin threatened again. In our region, a former president named Thomas Hale spoke in another spirit. "
            "He said, “Courage outlasts every siege.”")
    x = extract_text(text, REMARKS)
    assert said(x) == {("person:thomas-hale", "Courage outlasts every siege")}
    # a ship is no person
    assert [e.id for e in extract_text("A ship named Black Sea Star sank.", REMARKS).entities
            if e.id.startswith("person:")] == []


def test_he_after_another_person_was_named_is_that_person() -> None:
    text = ("A former president named Thomas Hale said, “Courage outlasts every siege.”\n\n"
            "The talks went on for months.\n\n"
            "But Putin answered each offer with threats.\n\n"
            "Again and again, he insisted, “Our troops are only on exercises.”")
    x = extract_text(text, REMARKS)
    assert ("person:vladimir-putin", "Our troops are only on exercises") in said(x)


def test_a_quotation_said_by_someone_unnamed_has_no_speaker() -> None:
    text = ("“We will send more tanks,” President Zelenskyy said.\n\n"
            "One young soldier said, “Sir, when will the shells arrive?”\n\n"
            "Later the choir sang.\n\n"
            "Let the words of the old hymn ring out: “Stand firm together.”")
    x = extract_text(text, REMARKS)
    assert said(x) == {("person:volodymyr-zelenskyy", "We will send more tanks")}

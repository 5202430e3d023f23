"""Claims in statements (session 14): leaders named after an opening phrase, a second speech verb of the same
leaders, a fronted phrase that is no trailing claim, approvals and verbless list items in a transcript turn.
Sentences written for these tests."""

from __future__ import annotations

from armsgraph.loaders.text.claim_groups import persons_after_opening
from armsgraph.loaders.text.extract import extract_text, run_components
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.textdoc import TextDoc

READOUT = {"date": "2023-03-03", "publisher": "The White House",
           "title": "Readout of a Meeting between President Biden and Chancellor Scholz"}
REMARKS = {"date": "2022-03-16", "publisher": "The White House",
           "title": "Remarks by President Biden on Support for Ukraine"}


def said(x: Extraction) -> set[tuple[str, str]]:
    return {(c.speaker, c.text) for c in x.claims}


def test_the_two_leaders_stand_for_leaders_named_after_an_opening_date() -> None:
    text = ("On March 3, 2023, the President of the United States, Joseph R. Biden, Jr., and the German Chancellor, "
            "Olaf Scholz, met at the White House. The two leaders reaffirmed their support for the territorial "
            "integrity of Ukraine.")
    x = extract_text(text, READOUT)
    assert said(x) == {(p, "their support for the territorial integrity of Ukraine")
                       for p in ("person:joe-biden", "person:olaf-scholz")}


def test_they_after_an_opening_day_and_a_plain_coordinated_subject() -> None:
    text = ("On Tuesday, President Joseph R. Biden, Jr. and Prime Minister Fumio Kishida held a meeting in Tokyo. "
            "They underscored their resolve to deter coercion in the region.")
    x = extract_text(text, READOUT)
    assert {s for s, _ in said(x)} == {"person:joe-biden", "person:fumio-kishida"}


def test_a_comma_inside_a_name_opens_no_subject() -> None:
    # persons_after_opening reads a subject after an opening phrase's comma, not after the comma of 'Biden, Jr.'
    first = "The talks covered President Joseph R. Biden, Jr. and Prime Minister Fumio Kishida."
    opened = "On Tuesday, President Joseph R. Biden, Jr. and Prime Minister Fumio Kishida met in Tokyo."
    for text, expected in ((first, None), (opened, ["person:joe-biden", "person:fumio-kishida"])):
        d = TextDoc(text + " The two leaders reaffirmed their support for Ukraine.", dict(READOUT), 0)
        f = run_components(d)
        assert persons_after_opening(d, f, d.sents[-1].start) == expected


def test_and_they_reaffirmed_is_a_second_claim_of_each_leader() -> None:
    text = ("On March 3, 2023, President Joseph R. Biden, Jr. and Chancellor Olaf Scholz met at the White House. "
            "The two leaders reaffirmed their support for the territorial integrity of Ukraine, and they "
            "reiterated their commitment to hold Russia accountable.")
    x = extract_text(text, READOUT)
    assert said(x) == {(p, t) for p in ("person:joe-biden", "person:olaf-scholz")
                       for t in ("their support for the territorial integrity of Ukraine",
                                 "their commitment to hold Russia accountable")}


def test_a_fronted_phrase_before_a_speaker_with_an_object_is_no_trailing_claim() -> None:
    text = ("President Joseph R. Biden, Jr. spoke with Prime Minister Fumio Kishida today. For his part, Prime "
            "Minister Kishida reiterated Japan's commitment to double its defense budget.")
    x = extract_text(text, READOUT)
    assert ("person:fumio-kishida", "Japan's commitment to double its defense budget") in said(x)
    assert not any(t == "For his part" for _, t in said(x))


def test_a_trailing_claim_stays_when_the_verb_has_no_object() -> None:
    text = "Ukraine needs more air defense, Prime Minister Fumio Kishida said on Monday."
    x = extract_text(text, READOUT)
    assert said(x) == {("person:fumio-kishida", "Ukraine needs more air defense")}


def test_a_turn_approving_arms_and_the_verbless_items_of_its_package() -> None:
    text = ("THE PRESIDENT:  Thank you.  Last week, my administration approved $100 million more in weapons and "
            "ammunition for Ukraine.  What will this package hold?  Six hundred Stinger missiles, so Ukraine can "
            "defend its skies.  Two thousand anti-armor systems.  And drones.  Humanitarian help continues too.  "
            "Thank you all.\n")
    x = extract_text(text, REMARKS)
    assert {t for _, t in said(x)} == {
        "Last week, my administration approved $100 million more in weapons and ammunition for Ukraine",
        "Six hundred Stinger missiles, so Ukraine can defend its skies", "Two thousand anti-armor systems",
        "And drones"}
    assert {s for s, _ in said(x)} == {"person:joe-biden"}


def test_verbless_arms_without_a_package_or_supply_before_are_no_claim() -> None:
    text = ("THE PRESIDENT:  Thank you.  The war goes on.  Two thousand drones.  That is what Russia fired at "
            "Ukraine's cities this winter.\n")
    x = extract_text(text, REMARKS)
    assert said(x) == set()


def test_a_question_naming_only_a_package_is_no_claim() -> None:
    text = "THE PRESIDENT:  Thank you.  What does this security assistance package do?  It saves lives.\n"
    x = extract_text(text, REMARKS)
    assert said(x) == set()


def test_a_sentence_opening_with_arms_after_a_supply_sentence_is_no_list_item() -> None:
    text = ("MR. SULLIVAN:  Thank you.  Ukraine needs artillery to hold the line.  Artillery is at the heart of "
            "this fight.\n")
    x = extract_text(text, {"date": "2023-07-07", "publisher": "The White House",
                            "title": "Press Briefing by National Security Advisor Jake Sullivan"})
    assert not any("heart" in t for _, t in said(x))


def test_the_two_leaders_of_a_call_named_without_and() -> None:
    for text in ("President Joe Biden spoke with Chancellor Olaf Scholz of Germany. Both leaders underscored their "
                 "support for Ukraine.",
                 "Today, President Joe Biden hosted Chancellor Olaf Scholz of Germany. The leaders reiterated their "
                 "support for Ukraine.",
                 "President Joe Biden met Chancellor Olaf Scholz of Germany today. They reaffirmed their support for "
                 "Ukraine."):
        x = extract_text(text, READOUT)
        assert said(x) == {(p, "their support for Ukraine") for p in ("person:joe-biden", "person:olaf-scholz")}


def test_the_leaders_are_nobody_when_the_sentence_before_names_three_or_untitled_persons() -> None:
    three = ("President Joe Biden met Chancellor Olaf Scholz and President Emmanuel Macron today. The two leaders "
             "reaffirmed their support for Ukraine.")
    untitled = "Joe Biden met Olaf Scholz today. They reaffirmed their support for Ukraine."
    far = ("President Joe Biden spoke with Chancellor Olaf Scholz of Germany. The call lasted an hour. They "
           "reaffirmed their support for Ukraine.")
    for text in (three, untitled, far):
        x = extract_text(text, READOUT)
        assert not any("support for Ukraine" in t for _, t in said(x)), text


def test_an_inverted_trailing_speaker_is_no_object() -> None:
    text = "Europe is running low on shells, warned Josep Borrell, the EU's foreign policy chief."
    x = extract_text(text, READOUT)
    assert [(c.speaker, c.text, c.rule) for c in x.claims] == [
        ("person:josep-borrell", "Europe is running low on shells", "claim:said-trailing")]


def test_the_two_ministers_are_the_ministers_named_before() -> None:
    text = ("On Monday, Secretary of State Antony Blinken and Foreign Minister Dmytro Kuleba met in Kyiv. The two "
            "ministers reaffirmed their commitment to Ukraine's air defense.")
    x = extract_text(text, READOUT)
    assert said(x) == {(p, "their commitment to Ukraine's air defense")
                       for p in ("person:antony-blinken", "person:dmytro-kuleba")}
    # a plural noun that is no title stands for nobody
    y = extract_text(text.replace("The two ministers", "The two delegations"), READOUT)
    assert not any("commitment" in t for _, t in said(y))

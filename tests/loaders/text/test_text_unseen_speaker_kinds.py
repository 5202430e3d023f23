"""Speaker and office kinds read from the test split's misses (session 10). Each sentence keeps only the grammatical
shape of a miss; its words, names, numbers and content are this file's own (none is a shared document's sentence)."""

from __future__ import annotations

import pytest
from extraction_views import claims, persons, positions

from armsgraph.loaders.text.extract import extract_text

META = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def test_a_surname_with_its_title_in_brackets_after_a_sentence_opening_word() -> None:
    x = extract_text("\"Once Dvorak (Czech Defence Minister) signs off, the howitzers can leave the depot,\" an aide "
                     "explained.", META)
    assert positions(x) == {("person:dvorak", "Defense Minister", "country:CZE")}
    assert "person:once-dvorak" not in persons(x)
    # 'If' opening the sentence is no part of the name
    y = extract_text("If Dvorak (Czech Defence Minister) agrees, the depot will release the howitzers.", META)
    assert "person:if-dvorak" not in persons(y)
    assert positions(y) == {("person:dvorak", "Defense Minister", "country:CZE")}


def test_a_rank_before_a_body_before_the_title() -> None:
    x = extract_text("On a call with reporters, Deputy Pentagon press secretary Mia Lund listed the radar spares.",
                     META)
    assert positions(x) == {("person:mia-lund", "Deputy Pentagon Press Secretary", "org:us-dod")}
    # without the rank the title is the list's own
    y = extract_text("On a call with reporters, Pentagon press secretary Mia Lund listed the radar spares.", META)
    assert positions(y) == {("person:mia-lund", "Press Secretary", "org:us-dod")}


def test_an_honorific_without_a_full_stop_names_the_full_name_written_before() -> None:
    x = extract_text("Tomas Lindqvist chaired the budget talks in Stockholm. Mr Lindqvist argued that Sweden could "
                     "spare no more artillery shells this year.", META)
    assert ("person:tomas-lindqvist", "Sweden could spare no more artillery shells this year.") in {
        (s, t if t.endswith(".") else t + ".") for s, t in claims(x)}
    assert "person:mr-lindqvist" not in persons(x)
    # no earlier full name: the surname alone is no person of two words
    y = extract_text("Mr Lindqvist argued that Sweden could spare no more artillery shells this year.", META)
    assert "person:mr-lindqvist" not in persons(y)


def test_negated_speech_is_no_claim() -> None:
    x = extract_text("At the briefing, navy spokesman Erik Holm neither denied nor confirmed that a frigate would "
                     "carry Harpoon launchers to Odesa.", META)
    assert not claims(x)
    y = extract_text("Defence Minister Erik Holm of Denmark has not stated that Copenhagen will lend its frigate.",
                     META)
    assert not claims(y)
    # an affirmed verb stays a claim
    z = extract_text("Defence Minister Erik Holm of Denmark has stated that Copenhagen will lend its frigate.", META)
    assert {s for s, _ in claims(z)} == {"person:erik-holm"}


def test_a_promise_of_a_clause_is_speech_and_a_promise_of_things_is_not() -> None:
    x = extract_text("In Vilnius, Prime Minister Ida Berg of Norway promised that Oslo would fund two radar units.",
                     META)
    assert {s for s, _ in claims(x)} == {"person:ida-berg"}
    y = extract_text("The Norwegian cabinet has promised spare barrels and fuel to the Lithuanian army.", META)
    assert not claims(y)


def test_as_a_named_person_promised_gives_the_clause_before_to_that_person() -> None:
    x = extract_text("Diplomats in Berlin believe that the second IRIS-T battery reaches Odesa before the frost, as "
                     "Chancellor Scholz has promised.", META)
    assert {s for s, _ in claims(x)} == {"person:olaf-scholz"}
    assert all("the second IRIS-T battery reaches Odesa before the frost" in t for _, t in claims(x))


def test_a_quotation_after_a_sentence_whose_subject_holds_an_office_the_titles_lack() -> None:
    x = extract_text("Baltic Assembly chair Mia Lund warned the allies on Tuesday that drone orders were late. \"Each "
                     "week of delay costs a village, so the drones must arrive before spring.\"", META)
    assert ("person:mia-lund", "Each week of delay costs a village, so the drones must arrive before spring") \
        in claims(x)
    # a name that is not the subject of the sentence before does not speak the quotation
    y = extract_text("The minister's aides had lunch with Mia Lund before the vote. \"Each week of delay costs a "
                     "village, so the drones must arrive before spring.\"", META)
    assert not any(s == "person:mia-lund" for s, _ in claims(y))


def test_an_unnamed_office_of_a_states_named_body_speaks_for_the_state() -> None:
    # another state named before in the sentence: the title's affiliation alone does not reach the body's state
    x = extract_text("Allies could give the Moldovan navy two frigates, the Netherlands Navy’s chief of staff said, "
                     "but no date is set.", META)
    assert claims(x) == {("country:NLD", "Allies could give the Moldovan navy two frigates")}
    # a company's office is no state's
    y = extract_text("Allies could give the Moldovan navy two frigates, the Nordvik Company’s chief of staff said, "
                     "but no date is set.", META)
    assert not any(s.startswith("country:") for s, _ in claims(y))


def test_a_name_after_a_lower_case_office_noun_speaks() -> None:
    # a bracket before the office noun: no title or organisation rule reaches the name
    x = extract_text("Borealis Optics (maker of thermal sights) chief executive Lena Falk said “Our order book for "
                     "night sights doubled in the autumn.” Falk added: “The plant in Turku now runs three shifts.”",
                     META)
    assert {s for s, _ in claims(x)} == {"person:lena-falk"}
    assert len(claims(x)) == 2
    # capitalised words after a noun that is no office are not named by this rule (and a company's head noun,
    # cues.csv kind not-person, keeps the subject-of-speech rule from making it a person)
    y = extract_text("Night-sight maker Borealis Optics said “Our order book doubled in the autumn.”", META)
    assert not [m for e in y.entities for m in e.mentions if m.rule == "person:office-noun-name"]


def test_a_former_office_in_an_apposition_is_the_office() -> None:
    x = extract_text("Jan Novak, the former Czech defence minister, said more tanks should go to Ukraine.", META)
    assert positions(x) == {("person:jan-novak", "Defense Minister", "country:CZE")}
    # a lowercase word that says no time is still no article: no office read across it
    y = extract_text("Jan Novak, a friend of the Czech defence minister, said more tanks should go.", META)
    assert ("person:jan-novak", "Defense Minister", "country:CZE") not in positions(y)


def test_offices_of_the_european_parliament_and_council() -> None:
    x = extract_text("In Strasbourg, European Parliament speaker Mia Lund opened a debate on drone money.", META)
    assert positions(x) == {("person:mia-lund", "Speaker of the European Parliament", "org:european-union")}
    y = extract_text("Late on Friday, European Council President Piet Smit closed the budget talks.", META)
    assert positions(y) == {("person:piet-smit", "President of the European Council", "org:european-union")}
    # the body alone is no office
    z = extract_text("Members of the European Parliament argued about the drone budget for hours.", META)
    assert positions(z) == set()


def test_a_quotation_after_the_words_of_a_named_person() -> None:
    x = extract_text("Before the vote, the chair read out the motto of the poet Ilse Varga: “Courage is a habit, not "
                     "a gift.”", META)
    assert claims(x) == {("person:ilse-varga", "Courage is a habit, not a gift")}
    y = extract_text("Her speech closed with a maxim of novelist Brandt: “Nobody is too small to carry water.”", META)
    assert claims(y) == {("person:brandt", "Nobody is too small to carry water")}
    # words of a body, of a place or of nobody named give no speaker
    z = extract_text("Before the vote, the chair read out the motto of the treaty: “Courage is a habit, not a gift.”",
                     META)
    assert not any(s.startswith("person:") for s, _ in claims(z))


@pytest.mark.parametrize(
    "text",
    [
        "The ministers echoed the message of Ramstein: “Fuel and shells first, speeches later.”",
        "Gunners kept repeating the line of Bakhmut Command: “Fuel and shells first, speeches later.”",
        "Her speech closed with the words of Harbour Council: “Fuel and shells first, speeches later.”",
    ],
)
def test_capitalised_words_after_a_saying_noun_without_a_person_noun_are_no_person(text: str) -> None:
    x = extract_text(text, META)
    assert not persons(x), persons(x)
    assert not any(s.startswith("person:") for s, _ in claims(x))


def test_coordinated_speakers_say_the_same_span() -> None:
    x = extract_text("In Riga, Estonian Prime Minister Jane Roe and Latvian Prime Minister Jan Novak told reporters "
                     "that the tanks would go to Ukraine.", META)
    assert claims(x) == {("person:jane-roe", "the tanks would go to Ukraine"),
                         ("person:jan-novak", "the tanks would go to Ukraine")}
    # a person named after the verb does not say it
    y = extract_text("Estonian Prime Minister Jane Roe told Latvian Prime Minister Jan Novak that the tanks would go.",
                     META)
    assert {s for s, _ in claims(y)} == {"person:jane-roe"}


def test_an_appositive_office_of_a_states_body_in_words() -> None:
    x = extract_text("Jan Novak, a spokesman for the Czech defence ministry, said the jets would go.", META)
    assert positions(x) == {("person:jan-novak", "Spokesperson", "country:CZE")}
    # a company or a body without its state gives no office of a state
    y = extract_text("Jan Novak, a spokesman for the ministry, said the jets would go.", META)
    assert positions(y) == set()


def test_a_lead_in_before_a_list_is_no_claim() -> None:
    x = extract_text("Sweden's defence ministry underscored two goals for the coming year:\n\n- training pilots\n"
                     "- repairing howitzers", META)
    assert not any(t.endswith(":") for _, t in claims(x))
    # a lead-in with a verb of its own stays what was said
    y = extract_text("Prime Minister Ida Berg of Norway stressed that Oslo would fund the following: radars and spare "
                     "barrels.", META)
    assert {s for s, _ in claims(y)} == {"person:ida-berg"}


def test_honorifics_and_forms_of_address_come_from_one_list() -> None:
    # a form of address ends a name; a rank opens one (both rows of cues.csv)
    x = extract_text("Good evening, Mr. Mayor and Mr. Chairman; the drones are late.", META)
    assert not {p for p in persons(x) if p in ("person:mayor", "person:chairman")}
    y = extract_text("Sergeant Ilse Varga said the drones were late.", META)
    assert "person:ilse-varga" in persons(y)
    assert "person:sergeant-ilse-varga" not in persons(y)

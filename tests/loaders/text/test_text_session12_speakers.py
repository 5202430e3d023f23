"""Speakers and officials on unseen shapes (session 12): transcripts whose speakers the heading alone names in full,
and the office wording read from data.

Every sentence, name and heading here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

import pytest
from extraction_views import claims, persons, positions

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.office_words import office_words
from armsgraph.loaders.text.syntax import model


def wh(title: str) -> dict[str, str]:
    return {"date": "2024-03-01", "publisher": "The White House", "title": title}


BRIEFING = ("MS. DANA:  Good afternoon.\n\nQ  Will you send more Patriot interceptors?\n\n"
            "MR. WHITAKER:  We will send more Patriot interceptors to Ukraine in the coming weeks.\n")


def test_a_turn_label_names_a_person_the_heading_names_in_full() -> None:
    x = extract_text(BRIEFING, wh("Press Briefing by Press Secretary Lara Dana and Deputy National Security Advisor "
                                  "Paul Whitaker"))
    assert claims(x) == {("person:paul-whitaker",
                          "We will send more Patriot interceptors to Ukraine in the coming weeks")}
    assert {"person:lara-dana", "person:paul-whitaker"} <= persons(x)


def test_a_label_the_heading_does_not_name_or_names_twice_stays_nobody() -> None:
    # the heading names someone else: the label is unknown, the turn names nobody
    x = extract_text(BRIEFING, wh("Press Briefing by Press Secretary Lara Dana"))
    assert claims(x) == set()
    # two persons of the heading share the surname: which one speaks is not said
    y = extract_text(BRIEFING, wh("Press Briefing by Press Secretary Lara Whitaker and Deputy National Security "
                                  "Advisor Paul Whitaker"))
    assert claims(y) == set()
    # a heading without a title before the name names no speaker
    z = extract_text(BRIEFING, wh("Press Briefing on Ukraine with Paul Whitaker"))
    assert claims(z) == set()


def test_office_words_are_read_from_data() -> None:
    words = office_words()
    assert {"ministry", "intelligence", "committee"} <= words.body_heads
    assert words.body_heads < words.state_office and "defence" in words.state_office
    assert "chief" not in words.state_office  # an office head, not a body
    assert {"ceo", "lawmaker"} <= words.company_offices
    assert {"we", "its"} <= words.speaker_pronouns


@pytest.mark.skipif(model() is None, reason="the parse reads the office noun before the name")
def test_a_company_office_from_data_still_names_the_speaker() -> None:
    x = extract_text("Lawmaker Jane Roe said Ukraine would get more Patriot systems, and chief executive Tom Vale "
                     "said the company would deliver drones.", {"date": "2024-03-01", "publisher": "Test Wire",
                                                                "title": "Test"})
    assert "person:tom-vale" in {speaker for speaker, _ in claims(x)}


NEWS = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def test_an_officials_possessive_gives_the_state_of_the_office() -> None:
    x = extract_text("Zelensky's chief of staff Andriy Moroz said Ukraine received Patriot systems.", NEWS)
    assert positions(x) == {("person:andriy-moroz", "Chief of Staff", "country:UKR")}
    # a company's or an unknown person's possessive gives no state
    y = extract_text("Tom Vale's chief of staff Anna Berg said the firm would deliver drones.", NEWS)
    assert positions(y) == set()


def test_a_hyphenated_title_before_a_states_body_stays_whole() -> None:
    x = extract_text("Commander-in-Chief of the Armed Forces of Ukraine Valentin Zorin said the F-16 jets had "
                     "arrived.", NEWS)
    assert positions(x) == {("person:valentin-zorin", "Commander-in-Chief of the Armed Forces", "country:UKR")}


def test_an_office_of_a_states_named_body_before_the_name() -> None:
    x = extract_text("The secretary of Ukraine's National Security and Defense Council, Oleksiy Danko, said Kyiv "
                     "wants ATACMS.", NEWS)
    assert positions(x) == {("person:oleksiy-danko", "Secretary of the National Security and Defense Council",
                             "country:UKR")}
    # a lower-case body reads as before
    y = extract_text("The head of Ukraine's military intelligence, Kyrylo Budko, said Russia got drones.", NEWS)
    assert positions(y) == {("person:kyrylo-budko", "Head of military intelligence", "country:UKR")}
    # a company's name ends in no body word: no office
    z = extract_text("The chief of Ukraine's Naftogaz Energy, Oleh Petrenko, said prices rose.", NEWS)
    assert positions(z) == set()


def test_titles_added_in_session_12() -> None:
    x = extract_text("Ukraine's Prosecutor General Andriy Kostenko said Russia used Iranian drones.", NEWS)
    assert positions(x) == {("person:andriy-kostenko", "Prosecutor General", "country:UKR")}
    y = extract_text("Chief of General Staff of the Polish Army Wieslaw Kuk said Poland had sent Krab howitzers.",
                     NEWS)
    assert positions(y) == {("person:wieslaw-kuk", "Chief of the General Staff", "country:POL")}


REMARKS = {"date": "2023-03-01", "publisher": "The White House", "title": "Remarks by President Biden on Ukraine"}


@pytest.mark.skipif(model() is None, reason="the relative clause is read off the parse")
def test_who_said_speaks_for_the_person_the_relative_clause_is_about() -> None:
    x = extract_text("The deal was welcomed by Jan Nowak, the Polish president, who told reporters that Poland would "
                     "send more Krab howitzers.", NEWS)
    assert claims(x) == {("person:jan-nowak", "Poland would send more Krab howitzers")}
    # inside a transcript turn, reported speech is its speaker's as anywhere (the turn is no quotation)
    y = extract_text("THE PRESIDENT:  Earlier today, I spoke with Chancellor Scholz, who told me that Germany will "
                     "send more Leopard tanks.\n", REMARKS)
    assert ("person:olaf-scholz", "Germany will send more Leopard tanks") in claims(y)
    # 'which' and a relative clause of a common noun name no speaker
    z = extract_text("Ukraine received the tanks from Germany, which said more Leopard tanks would follow. Soldiers "
                     "who said they had received Javelin missiles were in good spirits.", NEWS)
    assert claims(z) == set()


def test_an_ambassador_of_a_state_to_another() -> None:
    x = extract_text("Ambassador of Ukraine to the USA Oksana Markova said Washington would send ATACMS.", NEWS)
    assert positions(x) == {("person:oksana-markova", "Ambassador of Ukraine to the United States", "country:UKR")}


def test_a_title_complement_ends_before_the_state_it_is_of() -> None:
    x = extract_text("Minister of Strategic Industry of Ukraine Oleksandr Kamysh said Ukraine would make Bohdana "
                     "howitzers.", NEWS)
    assert positions(x) == {("person:oleksandr-kamysh", "Minister of Strategic Industry", "country:UKR")}
    # a complement without a state after it reads as before (no state, no position; the name stays whole)
    y = extract_text("Minister for Veterans Affairs Yulia Laput said aid arrived.", NEWS)
    assert persons(y) == {"person:yulia-laput"}


def test_a_parliaments_members_title_is_no_part_of_the_name() -> None:
    x = extract_text("People's Deputy Maryana Bezuh said Ukraine had received Leopard tanks.", NEWS)
    assert positions(x) == {("person:maryana-bezuh", "People's Deputy", "country:UKR")}
    y = extract_text("Ukrainian MP Oleksiy Honch said the Leopard tanks arrived.", NEWS)
    assert persons(y) == {"person:oleksiy-honch"}
    # an upper-case word inside a weapon's designation stays the weapon's
    z = extract_text("France sent Akeron MP missiles to Ukraine, Jan Roe said.", NEWS)
    assert "weapon:akeron-mp" in {e.id for e in z.entities}


def test_an_office_of_a_chain_of_a_states_bodies() -> None:
    x = extract_text("Head of the Main Intelligence Directorate of the Ministry of Defense of Ukraine Kyrylo Budko "
                     "said Russia got drones.", NEWS)
    assert positions(x) == {("person:kyrylo-budko", "Head of the Main Intelligence Directorate", "country:UKR")}
    y = extract_text("The Commander of the Ground Forces of the Armed Forces of Ukraine, Oleksandr Syrsk, said the "
                     "Leopards had arrived.", NEWS)
    assert positions(y) == {("person:oleksandr-syrsk", "Commander of the Ground Forces", "country:UKR")}
    # no state at the end, a capital inside a name, or a company's department: no office
    for text in ("Chief of the Ground Forces Jan Roe said tanks would come.",
                 "The Head of the Strategy Council of the Kyiv School of Economics Jan Roe said the war goes on.",
                 "Head of the Sales Department of the Rheinmetall Group of Germany Jan Roe said tanks would come."):
        assert positions(extract_text(text, NEWS)) == set(), text


def test_a_title_of_a_named_body_before_the_name() -> None:
    x = extract_text("Spokeswoman of the Southern Defense Forces Natalia Humen said Russia had used Kalibr missiles.",
                     NEWS)
    assert persons(x) == {"person:natalia-humen"}
    assert {speaker for speaker, _ in claims(x)} == {"person:natalia-humen"}
    y = extract_text("Polish Spokesman of the Operational Command Jacek Gor said Poland sent Krab howitzers.", NEWS)
    assert positions(y) == {("person:jacek-gor", "Spokesperson of the Operational Command", "country:POL")}


@pytest.mark.skipif(model() is None, reason="the parse's subject is the office")
def test_the_person_who_says_a_clause_is_its_one_speaker() -> None:
    x = extract_text("Spokesman of the Ukrainian Navy Dmytro Pletenko said Ukraine got Harpoon missiles.", NEWS)
    assert claims(x) == {("person:dmytro-pletenko", "Ukraine got Harpoon missiles")}


def test_a_lower_case_office_noun_after_a_states_named_body() -> None:
    x = extract_text("Ukrainian Ground Forces commander Oleksandr Sirko said the Leopard tanks were at the front.",
                     NEWS)
    assert positions(x) == {("person:oleksandr-sirko", "Ground Forces Commander", "country:UKR")}
    # a lower-case office noun after no body word is no state's office
    for text in ("Swedish Film director Jane Roe said the film was done.",
                 "Polish football club director Jan Nowak said the team won."):
        assert positions(extract_text(text, NEWS)) == set(), text


@pytest.mark.skipif(model() is None, reason="the speaker's name is read off the parse")
def test_a_hyphenated_given_name_of_a_speaker_stays_whole() -> None:
    x = extract_text("Marie-Agnes Strack said Germany should send Taurus missiles.", NEWS)
    assert persons(x) == {"person:marie-agnes-strack"}
    assert {speaker for speaker, _ in claims(x)} == {"person:marie-agnes-strack"}
    # a hyphenated given name alone is one name word: no person of its own
    y = extract_text("Anna-Lena said Germany should send Taurus missiles.", NEWS)
    assert persons(y) == set()


def test_a_lower_case_syllable_after_a_hyphen_is_the_given_names_own() -> None:
    x = extract_text("South Korean Defense Minister Pak Sung-min said Seoul would not send shells to Ukraine.", NEWS)
    assert persons(x) == {"person:pak-sung-min"}
    assert positions(x) == {("person:pak-sung-min", "Defense Minister", "country:KOR")}
    assert {speaker for speaker, _ in claims(x)} == {"person:pak-sung-min"}
    # not a syllable ('led', 'era') or no name word before the hyphen: the name ends at the hyphen
    y = extract_text("Defense Minister Jane Roe-led talks ended, and Chancellor Tom Vale-era plans for Patriot "
                     "systems were dropped.", NEWS)
    assert {"person:jane-roe", "person:tom-vale"} <= persons(y)
    assert not {p for p in persons(y) if p.endswith(("-led", "-era"))}


def test_the_head_of_a_states_named_ministry_serves_that_state() -> None:
    x = extract_text("The head of the Danish Foreign Ministry Karen Holt said Denmark would send F-16 jets.", NEWS)
    assert positions(x) == {("person:karen-holt", "Head of the Foreign Ministry", "country:DNK")}


def test_an_office_of_a_states_institution_serves_its_state() -> None:
    x = extract_text("Head of the Pentagon Mark Dell said the United States would send more tanks to Ukraine.", NEWS)
    assert positions(x) == {("person:mark-dell", "Head of the Pentagon", "country:USA")}
    # an international organisation alone names no office; a spokesman 'for' it is another shape
    y = extract_text("Head of NATO Mark Dell said allies would send more tanks to Ukraine.", NEWS)
    assert positions(y) == set()


def test_an_office_of_an_organisations_named_body_is_held_in_the_organisation() -> None:
    expected = {("person:rob-vane", "Chair of the Military Committee", "org:nato")}
    x = extract_text("The chair of NATO's Military Committee Rob Vane said Ukraine would get more air defence.", NEWS)
    assert positions(x) == expected
    y = extract_text("Admiral Rob Vane, chair of NATO's Military Committee, said Ukraine would get more air defence.",
                     NEWS)
    assert positions(y) == expected
    # no named body after the possessive: no office ('the chair of NATO's meeting')
    z = extract_text("The chair of NATO's meeting Rob Vane said Ukraine would get more air defence.", NEWS)
    assert positions(z) == set()


def test_a_command_of_a_states_service_in_an_area() -> None:
    expected = {("person:jon-dorr", "Commander of U.S. Army Europe", "country:USA")}
    x = extract_text("The commander of U.S. Army Europe Jon Dorr said Ukraine would receive more tanks.", NEWS)
    assert positions(x) == expected and persons(x) == {"person:jon-dorr"}
    y = extract_text("Lt. Gen. Jon Dorr, commander of U.S. Army Europe, said Ukraine would receive more tanks.", NEWS)
    assert positions(y) == expected
    # a service without an area after it is not this shape (and 'Europe' is no part of a name)
    z = extract_text("The commander of U.S. Army Jon Dorr visited Europe.", NEWS)
    assert ("person:jon-dorr", "Commander of U.S. Army Europe", "country:USA") not in positions(z)


@pytest.mark.parametrize("verb", ["stresses", "insists", "argues", "declares", "admits", "tweets"])
def test_present_forms_of_the_guides_speech_verbs(verb: str) -> None:
    # a news summary's present tense: the same verbs ``speech_verbs.csv`` lists in the past
    x = extract_text(f"Defence Minister Jane Roe of Norway {verb} that Norway will send more NASAMS to Ukraine.", NEWS)
    assert claims(x) == {("person:jane-roe", "Norway will send more NASAMS to Ukraine")}


def test_gerund_forms_of_the_guides_speech_verbs() -> None:
    x = extract_text("Norwegian Defence Minister Jane Roe, warning that Norway will send NASAMS.", NEWS)
    assert claims(x) == {("person:jane-roe", "Norway will send NASAMS")}
    y = extract_text("Norwegian Defence Minister Jane Roe, stressing that Norway will send NASAMS, thanked the allies.",
                     NEWS)
    assert {speaker for speaker, _ in claims(y)} == {"person:jane-roe"}
    # the noun 'warning' and a gerund without a clause are no speech; wording the guide leaves out stays out
    for text in ("Defence Minister Jane Roe issued a warning that Russia will send drones to Belarus.",
                 "Telling Norway to send NASAMS, Jane Roe left.",
                 "Defence Minister Jane Roe made clear that Norway will send NASAMS."):
        assert claims(extract_text(text, NEWS)) == set(), text

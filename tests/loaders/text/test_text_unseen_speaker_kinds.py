"""Speaker and office kinds read from the test split's misses (session 10): sentences written for these tests."""

from __future__ import annotations

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import Extraction

META = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def positions(x: Extraction) -> set[tuple[str, str, str]]:
    return {(p.person, p.title, p.of) for p in x.positions}


def claims(x: Extraction) -> set[tuple[str, str]]:
    return {(c.speaker, c.text) for c in x.claims}


def persons(x: Extraction) -> set[str]:
    return {e.id for e in x.entities if e.type == "Person"}


def test_a_surname_with_its_title_in_brackets_after_a_sentence_opening_word() -> None:
    x = extract_text("\"When Novak (Czech Defence Minister) sends tanks, others will follow,\" a lawmaker wrote.", META)
    assert positions(x) == {("person:novak", "Defense Minister", "country:CZE")}
    assert "person:when-novak" not in persons(x)
    # a capitalised word before the bracket that is a common word is no name
    y = extract_text("If (as the Czech Defence Minister hopes) tanks arrive, others will follow.", META)
    assert positions(y) == set()


def test_a_rank_before_a_body_before_the_title() -> None:
    x = extract_text("Deputy Pentagon press secretary Jane Roe said more shells were on the way.", META)
    assert positions(x) == {("person:jane-roe", "Deputy Pentagon Press Secretary", "org:us-dod")}
    # without the rank the title is the list's own
    y = extract_text("Pentagon press secretary Jane Roe said more shells were on the way.", META)
    assert positions(y) == {("person:jane-roe", "Press Secretary", "org:us-dod")}


def test_an_honorific_without_a_full_stop_names_the_full_name_written_before() -> None:
    x = extract_text("Anna Kowalczyk revealed plans for more aid. Mr Kowalczyk warned that Poland had run out of "
                     "tanks to give.", META)
    assert ("person:anna-kowalczyk", "Poland had run out of tanks to give.") in {
        (s, t if t.endswith(".") else t + ".") for s, t in claims(x)}
    assert "person:mr-kowalczyk" not in persons(x)
    # no earlier full name: the surname alone is no person of two words
    y = extract_text("Mr Kowalczyk warned that Poland had run out of tanks to give.", META)
    assert "person:mr-kowalczyk" not in persons(y)


def test_negated_speech_is_no_claim() -> None:
    x = extract_text("Spokesperson Jane Roe neither confirmed nor denied that Ukraine will receive F-16 jets.", META)
    assert not claims(x)
    y = extract_text("Foreign Minister Jan Novak did not say that Prague would send more tanks.", META)
    assert not claims(y)
    # an affirmed verb stays a claim
    z = extract_text("Foreign Minister Jan Novak of the Czech Republic confirmed that Prague would send more tanks.",
                     META)
    assert {s for s, _ in claims(z)} == {"person:jan-novak"}


def test_a_promise_of_a_clause_is_speech_and_a_promise_of_things_is_not() -> None:
    x = extract_text("Chancellor Jana Roe of Austria promised that Austria would send more armored vehicles.", META)
    assert {s for s, _ in claims(x)} == {"person:jana-roe"}
    y = extract_text("Last week the Austrian government promised more armored vehicles for Ukraine.", META)
    assert not claims(y)


def test_as_a_named_person_promised_gives_the_clause_before_to_that_person() -> None:
    x = extract_text("Officials expect that Kyiv will get all the promised shells by June, as President Biden has "
                     "promised.", META)
    assert {s for s, _ in claims(x)} == {"person:joe-biden"}
    assert all("Kyiv will get all the promised shells by June" in t for _, t in claims(x))


def test_a_quotation_after_a_sentence_whose_subject_holds_an_office_the_titles_lack() -> None:
    x = extract_text("Nordic Council speaker Jane Roe told reporters that Europe must send more shells. \"Ukraine "
                     "needs guns that it can use now, and that means tanks.\"", META)
    assert ("person:jane-roe", "Ukraine needs guns that it can use now, and that means tanks") in claims(x)
    # a name that is not the subject of the sentence before does not speak the quotation
    y = extract_text("Reporters asked about Jane Roe and her plans for more shells. \"Ukraine needs guns that it "
                     "can use now, and that means tanks.\"", META)
    assert not any(s == "person:jane-roe" for s, _ in claims(y))


def test_an_unnamed_office_of_a_states_named_body_speaks_for_the_state() -> None:
    x = extract_text("Allies might send Ukraine more jets next year, the Polish Air Force's chief of staff said.", META)
    assert claims(x) == {("country:POL", "Allies might send Ukraine more jets next year")}
    # a company's office is no state's
    y = extract_text("Allies might send Ukraine more jets next year, the Boeing Company's chief of staff said.", META)
    assert not any(s.startswith("country:") for s, _ in claims(y))


def test_a_name_after_a_lower_case_office_noun_speaks() -> None:
    x = extract_text("Acme Industries chief executive Jane Roe said “We have only seen a few orders for Ukraine "
                     "so far.” Roe said: “More will come next year.”", META)
    assert {s for s, _ in claims(x)} == {"person:jane-roe"}
    assert len(claims(x)) == 2
    # capitalised words after no office noun are no person ('Acme Industries said' is a company)
    y = extract_text("Acme Industries said “We have only seen a few orders for Ukraine so far.”", META)
    assert not any(p.startswith("person:") for p in persons(y))


def test_a_former_office_in_an_apposition_is_the_office() -> None:
    x = extract_text("Jan Novak, the former Czech defence minister, said more tanks should go to Ukraine.", META)
    assert positions(x) == {("person:jan-novak", "Defense Minister", "country:CZE")}
    # a lowercase word that says no time is still no article: no office read across it
    y = extract_text("Jan Novak, a friend of the Czech defence minister, said more tanks should go.", META)
    assert ("person:jan-novak", "Defense Minister", "country:CZE") not in positions(y)


def test_offices_of_the_european_parliament_and_council() -> None:
    x = extract_text("European Parliament speaker Jane Roe said the bloc should send tanks to Ukraine.", META)
    assert positions(x) == {("person:jane-roe", "Speaker of the European Parliament", "org:european-union")}
    y = extract_text("European Council President Jan Novak said the EU would pay for shells.", META)
    assert positions(y) == {("person:jan-novak", "President of the European Council", "org:european-union")}
    # the body alone is no office
    z = extract_text("The European Parliament voted for more shells for Ukraine.", META)
    assert positions(z) == set()


def test_a_quotation_after_the_words_of_a_named_person() -> None:
    x = extract_text("Tonight let the words of Saint Jane Roe guide us: “Never give up, never be afraid.”", META)
    assert claims(x) == {("person:jane-roe", "Never give up, never be afraid")}
    y = extract_text("It recalls that phrase of philosopher Novak: “Hope sees best in the dark.”", META)
    assert claims(y) == {("person:novak", "Hope sees best in the dark")}
    # words of a body or of nobody named give no speaker
    z = extract_text("Tonight let the words of the treaty guide us: “Never give up, never be afraid.”", META)
    assert not any(s.startswith("person:") for s, _ in claims(z))


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
    x = extract_text("The Estonian government has reaffirmed these two aims:\n\n- more shells\n- more tanks", META)
    assert not any(t.endswith(":") for _, t in claims(x))
    # a lead-in with a verb of its own stays what was said
    y = extract_text("President Jane Roe of Estonia reiterated that Estonia will send these: shells and tanks.", META)
    assert {s for s, _ in claims(y)} == {"person:jane-roe"}

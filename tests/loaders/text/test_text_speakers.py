"""Speakers of claims and the persons behind them: sentences written for these tests (general patterns)."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.evaluate import Evaluation, score_document
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.gold import GoldDocument, GoldOfficial
from armsgraph.loaders.text.turns import read_label

META = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def said(x: Extraction) -> set[tuple[str, str]]:
    return {(c.speaker, c.text) for c in x.claims}


def _variants() -> dict[str, str]:
    return {v.lower(): t.title for t in load().titles.values() for v in (t.title, *t.variants)}


@pytest.mark.parametrize(("label", "title", "name"), [
    ("MR. SULLIVAN", None, ("Sullivan",)),
    ("THE PRESIDENT", "President", ()),
    ("THE VICE PRESIDENT", "Vice President", ()),
    ("SEC. AUSTIN", "Secretary", ("Austin",)),
    ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III", "Secretary of Defense", ("Lloyd", "J.", "Austin")),
    ("GENERAL CHARLES Q. BROWN JR.", None, ("Charles", "Q.", "Brown")),
    ("MS. JEAN-PIERRE", None, ("Jean-Pierre",)),
])
def test_a_turn_label_is_a_title_or_honorific_then_a_name(label: str, title: str | None,
                                                           name: tuple[str, ...]) -> None:
    read = read_label(label, _variants(), ["mr.", "ms.", "general"])
    assert read is not None and (read.title, read.name) == (title, name)


@pytest.mark.parametrize("label", ["Q", "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL", "", "THE", "MR. 42",
                                   "AUDIENCE MEMBER", "<SCRIPT>"])
def test_an_unnamed_or_odd_label_names_nobody(label: str) -> None:
    read = read_label(label, _variants(), ["mr.", "ms."])
    assert read is None or (read.title is None and not read.name)


def test_the_presidents_turns_in_remarks_are_the_authors() -> None:
    text = ("THE PRESIDENT:  Thank you all. We are sending Ukraine more HIMARS this month.\n\n"
            "AUDIENCE MEMBER:  Germany sent IRIS-T systems to Ukraine.\n")
    x = extract_text(text, {"date": "2024-03-01", "publisher": "The White House",
                            "title": "Remarks by President Biden on Support for Ukraine"})
    assert said(x) == {("person:joe-biden", "We are sending Ukraine more HIMARS this month")}


def test_a_title_label_without_an_author_is_the_known_holder_the_heading_names() -> None:
    text = "THE VICE PRESIDENT:  We have sent Ukraine Abrams tanks.\n"
    x = extract_text(text, {"date": "2024-03-01", "publisher": "The White House",
                            "title": "Remarks by Vice President Harris at a Security Conference"})
    assert said(x) == {("person:kamala-harris", "We have sent Ukraine Abrams tanks")}
    # the heading names another title: nobody
    x = extract_text(text, {"date": "2024-03-01", "publisher": "The White House",
                            "title": "Remarks by President Biden"})
    assert x.claims == []


def test_full_name_and_abbreviated_labels() -> None:
    text = ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III:  Today we announced a package for Ukraine.\n\n"
            "GENERAL MARY ROE JR.:  The Patriot systems have arrived in Ukraine.\n\n"
            "Q:  Will Ukraine get F-16s?\n\n"
            "SEC. AUSTIN:  The F-16 jets will arrive this year.\n")
    x = extract_text(text, {"date": "2024-03-01", "publisher": "U.S. Department of Defense", "title": "Transcript"})
    assert said(x) == {("person:lloyd-austin", "Today we announced a package for Ukraine"),
                       ("person:mary-roe", "The Patriot systems have arrived in Ukraine"),
                       ("person:lloyd-austin", "The F-16 jets will arrive this year")}


@pytest.mark.parametrize(("text", "speaker"), [
    ("Kyiv will get more shells soon, according to Pentagon spokesman Pat Ryder.", "person:pat-ryder"),
    ("John Kirby, the NSC spokesman, said the United States would send more Patriot interceptors.",
     "person:john-kirby"),
    ("Kyiv will get more shells soon, according to the Pentagon.", "org:us-dod"),
])
def test_a_named_person_speaks_rather_than_the_body_named_with_the_title(text: str, speaker: str) -> None:
    assert [c.speaker for c in extract_text(text, META).claims] == [speaker]


@pytest.mark.parametrize(("text", "person", "title", "of"), [
    ("John Kirby, the NSC spokesman, said the talks went well.", "person:john-kirby", "Spokesperson", "org:us-nsc"),
    ("Pentagon press secretary Maj. Gen. Pat Ryder spoke on Friday.", "person:pat-ryder", "Press Secretary",
     "org:us-dod"),
    ("Israeli Minister of Diaspora Affairs Nachman Shai spoke on Friday.", "person:nachman-shai",
     "Minister of Diaspora Affairs", "country:ISR"),
    ("EU foreign policy chief Kaja Kallas spoke on Friday.", "person:kaja-kallas", "foreign policy chief",
     "org:european-union"),
    ("UN High Commissioner for Refugees Filippo Grandi visited Kharkiv.", "person:filippo-grandi",
     "High Commissioner for Refugees", "org:united-nations"),
    ("Former U.S. ambassador to NATO Kurt Volker spoke on Friday.", "person:kurt-volker",
     "Ambassador of the United States to NATO", "country:USA"),
])
def test_positions_of_titles_in_apposition_lower_case_and_of_international_bodies(
        text: str, person: str, title: str, of: str) -> None:
    x = extract_text(text, META)
    assert [(p.person, p.title, p.of) for p in x.positions] == [(person, title, of)]
    assert [e.id for e in x.entities if e.type == "Person"] == [person]  # no person from a rank ('Maj')


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister, the spokesman, said nothing.", []),    # no name before the apposition
    ("Berlin, the German capital, said nothing.", []),     # a place, not a person
    ("President of Ukraine Volodymyr Zelenskyy spoke.",    # 'of Ukraine' is an affiliation, not a complement
     [("person:volodymyr-zelenskyy", "President")]),
])
def test_no_position_without_a_named_person_and_no_complement_from_an_affiliation(
        text: str, expected: list[tuple[str, str]]) -> None:
    x = extract_text(text, META)
    assert [(p.person, p.title) for p in x.positions] == expected
    assert all(e.id != "person:the" for e in x.entities)


@pytest.mark.parametrize(("text", "expected"), [
    # a body of 'the country' speaks for the state the sentence is about
    ("Norway has sent more shells to Ukraine, according to the country’s Defense Ministry.",
     {("country:NOR", "Norway has sent more shells to Ukraine")}),
    # a report of a state's intelligence, then 'it'
    ("A French intelligence report has alleged Iran is supplying Russia with drones. It claimed Tehran was "
     "sending Shahed drones by sea.",
     {("country:FRA", "Iran is supplying Russia with drones"),
      ("country:FRA", "Tehran was sending Shahed drones by sea")}),
    # the parse's subject, not the person named in a prepositional phrase before the verb
    ("Estonian Defence Minister Hanno Pevkur in a Monday call with Germany's ambassador to Tallinn Karl Schmidt "
     "warned Berlin against any delay of IRIS-T deliveries.",
     {("person:hanno-pevkur", "Berlin against any delay of IRIS-T deliveries")}),
    # a trailing attribution and a second claim after 'adding that'
    ("Latvian aid will grow this year, Defence Minister Andris Spruds said on radio, adding that the country will "
     "send drones soon.",
     {("person:andris-spruds", "Latvian aid will grow this year"),
      ("person:andris-spruds", "the country will send drones soon")}),
    # an adverbial before ', the minister noted that' is not what was said
    ("Ukrainian Minister of Defense Jane Roe spoke in Kyiv. At the same time, the Defense Minister noted that two more "
     "countries will join the project.",
     {("person:jane-roe", "two more countries will join the project")}),
])
def test_speakers_of_bodies_pronouns_and_second_clauses(text: str, expected: set[tuple[str, str]]) -> None:
    assert said(extract_text(text, META)) == expected


def test_a_body_is_never_a_person() -> None:
    x = extract_text("The Defense Ministry said that more shells had arrived in Ukraine.", META)
    assert all(e.type != "Person" for e in x.entities)


@pytest.mark.parametrize(("text", "expected"), [
    ("Finland will consider sending Leopard 2 tanks to Ukraine. This was said by Foreign Minister Pekka Haavisto.",
     {("person:pekka-haavisto", "Finland will consider sending Leopard 2 tanks to Ukraine")}),
    ("Finland will consider sending Leopard 2 tanks to Ukraine. This said Minister of Foreign Affairs of the "
     "Republic Pekka Haavisto .",
     {("person:pekka-haavisto", "Finland will consider sending Leopard 2 tanks to Ukraine")}),
    ('Canadian Defence Minister Anita Anand criticised "short-sighted hesitation" among allies.',
     {("person:anita-anand", "short-sighted hesitation")}),
    # two people before the quotation: nobody by position
    ('Defence Minister Anita Anand and President Joe Biden criticised "short-sighted hesitation" among allies.',
     set()),
])
def test_what_was_said_before_and_a_quotation_in_a_sentence_a_person_opens(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert said(extract_text(text, META)) == expected


@pytest.mark.parametrize(("text", "person", "title", "of"), [
    ("Grant Shapps (UK secretary of defence) reveals new support for Ukraine.", "person:grant-shapps",
     "Secretary of Defense", "country:GBR"),
    ("Kaja Kallas (Estonian prime minister) visited Kyiv.", "person:kaja-kallas", "Prime Minister", "country:EST"),
    ("Latvian aid will grow this year, Defence Minister Andris Spruds said.", "person:andris-spruds",
     "Defense Minister", "country:LVA"),
])
def test_a_title_in_parentheses_and_a_title_whose_state_opens_the_sentence(
        text: str, person: str, title: str, of: str) -> None:
    x = extract_text(text, META)
    assert [(p.person, p.title, p.of) for p in x.positions] == [(person, title, of)]


@pytest.mark.parametrize("text", [
    "Aid to Ukraine will grow this year, Defence Minister Jane Roe said.",  # the state after 'to' is not hers
    "The talks (a defence minister said) went well.",                     # no name before the parenthesis
])
def test_no_state_guessed_from_a_recipient_and_no_person_without_a_name(text: str) -> None:
    x = extract_text(text, META)
    assert x.positions == []


@pytest.mark.parametrize(("text", "people"), [
    ("The World Food Programme said that more aid had arrived in Ukraine.", []),
    ("NATO chief Jens Stoltenberg said (Russian President Vladimir) Putin must not win.",
     ["person:jens-stoltenberg", "person:vladimir-putin"]),
])
def test_no_person_from_a_body_name_and_a_bracket_inside_a_name(text: str, people: list[str]) -> None:
    x = extract_text(text, META)
    assert sorted(e.id for e in x.entities if e.type == "Person") == people


def test_persons_are_scored_against_the_gold_officials_names() -> None:
    x = extract_text("Chancellor Olaf Scholz met President Joe Biden and the World Food Programme in Berlin.", META)
    gold = GoldDocument(document="a.txt", countries=[], weapons=[], transfers=[], officials=[
        GoldOfficial(name="Olaf Scholz", title="Chancellor", of="country:DEU"),
        GoldOfficial(name="Olaf Scholz", title="Party Leader", of="country:DEU"),   # one person, two offices
        GoldOfficial(name="Annalena Baerbock", title="Foreign Minister", of="country:DEU")])
    ev = Evaluation()
    score_document(gold, x, ev)
    s = ev.scores["persons"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)  # Joe Biden is not in this gold: a false positive
    assert "a.txt: person missed Annalena Baerbock" in ev.misses


@pytest.mark.parametrize(("text", "expected"), [
    ("Kuleba: Ukraine needs more Patriot systems", {("person:dmytro-kuleba", "Ukraine needs more Patriot systems")}),
    ("Pentagon: more HIMARS are on the way to Ukraine.",
     {("org:us-dod", "more HIMARS are on the way to Ukraine")}),
    ("Ukraine: a new package of Patriot missiles is on its way.", set()),  # a state heading a line is a topic
    ("Ukraine's defence ministry said on Friday it had received the first batch of Bradley vehicles.",
     {("country:UKR", "it had received the first batch of Bradley vehicles")}),
    ("The Ukrainian Air Force said it shot down 30 drones.", {("country:UKR", "it shot down 30 drones")}),
    ("According to Ukrainian Defence Minister Rustem Umerov, the first F-16s will arrive in May.",
     {("person:rustem-umerov", "the first F-16s will arrive in May")}),
    ("In a statement, the Kremlin said Western weapons would not change the outcome.",
     {("country:RUS", "Western weapons would not change the outcome")}),  # a seat speaks for its state (session 23)
    # a pronoun opening a sentence is the person who opened the sentence before
    ("Lloyd Austin met Rustem Umerov in Brussels. He said the United States would send more Patriot interceptors.",
     {("person:lloyd-austin", "the United States would send more Patriot interceptors")}),
])
def test_headlines_dates_bodies_and_pronouns(text: str, expected: set[tuple[str, str]]) -> None:
    assert said(extract_text(text, META)) == expected


def test_a_quotation_closed_on_the_next_line_is_one_speakers() -> None:
    text = ('"The Patriot systems have arrived," Zelensky wrote on X. "They will protect our cities.\n'
            'The next batch comes in May," he added.\n')
    x = extract_text(text, META)
    assert {c.speaker for c in x.claims} == {"person:volodymyr-zelenskyy"}
    assert "The next batch comes in May" in {c.text for c in x.claims}
    assert all("he added" not in c.text for c in x.claims)


@pytest.mark.parametrize(("text", "expected"), [
    # a title the gazetteers lack before the name: the parse reads the source
    ("According to the Minister of Digital Affairs Jane Roe, the volunteers bought 40 drones for Ukraine.",
     {("person:jane-roe", "the volunteers bought 40 drones for Ukraine")}),
    ("According to the Minister of Digital Affairs Jane Roe", set()),   # nothing said after the source
    ("According to", set()),
])
def test_according_to_a_source_with_a_long_title(text: str, expected: set[tuple[str, str]]) -> None:
    assert said(extract_text(text, META)) == expected

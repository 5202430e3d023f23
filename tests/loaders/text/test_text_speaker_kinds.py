"""Kinds of claim speaker and official the tuned gold missed (session 8): sentences written for these tests."""

from __future__ import annotations

from extraction_views import claims, positions

from armsgraph.loaders.text.extract import extract_text

META = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}
READOUT = {"date": "2024-03-01", "publisher": "The White House",
           "title": "Readout of President Biden's Call with Prime Minister Fiala of the Czech Republic"}


def test_according_to_him_is_the_person_who_spoke_before() -> None:
    x = extract_text("Norway will send more NASAMS launchers to Ukraine, the new Norwegian Foreign Minister Ola "
                     "Nordmann has said. According to him, the first launchers will arrive in spring.", META)
    assert ("person:ola-nordmann", "the first launchers will arrive in spring") in claims(x)
    # nobody spoke before: no speaker
    alone = extract_text("According to him, the first launchers will arrive in spring.", META)
    assert claims(alone) == set()


def test_a_paper_reporting_a_ministers_words_is_not_the_speaker() -> None:
    x = extract_text("Finland is going to send more artillery to Ukraine, the new Finnish Defence Minister Matti "
                     "Virtanen has said, the Helsinki Courier reported.", META)
    assert claims(x) == {("person:matti-virtanen", "Finland is going to send more artillery to Ukraine")}


def test_according_to_a_states_officer_is_the_officer() -> None:
    x = extract_text("Estonian factories will deliver more shells to Ukraine according to Estonia's Prime Minister "
                     "Kaja Kallas.", META)
    assert claims(x) == {("person:kaja-kallas", "Estonian factories will deliver more shells to Ukraine")}


def test_its_ministry_speaks_for_the_state_the_sentence_opens_with() -> None:
    x = extract_text("Norway pledged new air defence aid to Ukraine “to protect the cities of the east,” its defence "
                     "ministry said.", META)
    assert {s for s, _ in claims(x)} == {"country:NOR"}
    # 'its' with no state or body before it names nobody
    assert claims(extract_text("The aid will come soon, its defence ministry said.", META)) == set()


def test_the_alliances_officer_speaks_for_the_alliance_named_before() -> None:
    x = extract_text("NATO will send more demining kits to Ukraine in coming weeks to help clear fields, the "
                     "alliance's secretary-general said on Monday.", META)
    assert claims(x) == {("org:nato",
                        "NATO will send more demining kits to Ukraine in coming weeks to help clear fields")}
    # a state is no alliance
    x = extract_text("Poland will send more shells to Ukraine, the alliance's secretary-general said.", META)
    assert "country:POL" not in {s for s, _ in claims(x)}


def test_an_untitled_name_speaking_and_its_later_surname() -> None:
    x = extract_text('Roger Wicker, a Republican, said after meeting President Volodymyr Zelensky that the United '
                     'States should send ATACMS to Ukraine. "We cannot wait any longer," Wicker told reporters.', META)
    assert claims(x) == {("person:roger-wicker", "the United States should send ATACMS to Ukraine"),
                       ("person:roger-wicker", "We cannot wait any longer")}
    assert ("person:volodymyr-zelenskyy", "President", "country:UKR") in positions(x)


def test_answered_and_mentioned_with_a_clause_are_speech() -> None:
    x = extract_text("Asked whether Germany will supply Taurus missiles, Defence Minister Boris Pistorius answered "
                     "that Berlin will not.", META)
    assert claims(x) == {("person:boris-pistorius", "Berlin will not")}


def test_a_committee_chair_of_a_parliament_is_an_official_and_speaks() -> None:
    x = extract_text("Deputy Chairman of the Italian Defence Committee Marco Rossi mentioned in an interview that "
                     "Italy had sent SAMP/T batteries to Ukraine.", META)
    assert positions(x) == {("person:marco-rossi", "Deputy Chairman of the Defence Committee", "country:ITA")}
    assert claims(x) == {("person:marco-rossi", "Italy had sent SAMP/T batteries to Ukraine")}
    # a company board is no committee of a state
    board = extract_text("Chairman of the Board of Directors of Acme, Jane Roe said the tanks would be ready.", META)
    assert positions(board) == set()


def test_a_readout_pronoun_after_a_discourse_opener_is_the_subject_before() -> None:
    x = extract_text("So the President spoke with Prime Minister Petr Fiala of the Czech Republic today. He told him "
                     "that the United States will send more HIMARS ammunition to Ukraine.", READOUT)
    assert claims(x) == {("person:joe-biden", "the United States will send more HIMARS ammunition to Ukraine")}


def test_a_speech_verb_with_a_noun_object_reports_no_speech() -> None:
    x = extract_text("Europe is running low on shells, warned Jane Roe. She stressed the need for joint buying, "
                     "saying that the stocks of shells have to be refilled.", META)
    assert claims(x) == {("person:jane-roe", "Europe is running low on shells"),
                       ("person:jane-roe", "the stocks of shells have to be refilled")}


def test_a_quotation_then_a_named_person_with_any_verb_is_that_persons() -> None:
    x = extract_text("“Today, the first two Zuzana howitzers arrived,” Defence Minister Jana Roe posted on Facebook.",
                     META)
    assert ("person:jana-roe", "Today, the first two Zuzana howitzers arrived") in claims(x)
    # a quotation followed by a place, not a person, has no speaker
    assert claims(extract_text("“The first two Zuzana howitzers arrived,” Slovakia reported.", META)) \
        <= {("country:SVK", "The first two Zuzana howitzers arrived")}


def test_a_participle_of_a_speech_verb_modifying_a_noun_reports_nothing() -> None:
    x = extract_text("Foreign Minister Jana Roe of Slovakia called on Monday for more weapons for Ukraine amid the "
                     "mobilisation declared in Russia.", META)
    assert claims(x) == set()


def test_of_the_kingdom_is_the_kingdom_named_before() -> None:
    x = extract_text("Sweden will send more Archer systems to Ukraine. This said Minister of Foreign Affairs of the "
                     "Kingdom Jane Roe.", META)
    assert ("person:jane-roe", "Foreign Minister", "country:SWE") in positions(x)
    # no kingdom named before: no position
    x = extract_text("Poland will send more Krab howitzers to Ukraine. This said Minister of Foreign Affairs of the "
                     "Kingdom Jane Roe.", META)
    assert not positions(x)


def test_the_addressee_after_with_and_a_title_is_not_the_speaker() -> None:
    x = extract_text("Today I spoke with President Jane Roe of Estonia and told her that the United States will send "
                     "more Stinger missiles to Estonia.",
                     {"date": "2024-03-01", "publisher": "The White House",
                      "title": "Statement from President Joe Biden on Estonia"})
    assert {s for s, _ in claims(x)} == {"person:joe-biden"}


def test_a_turn_sentence_holding_a_claim_of_the_same_speaker_is_that_claim() -> None:
    text = ("THE PRESIDENT:  Thank you. As I told President Jane Roe of Estonia, we will keep sending Stinger "
            "missiles.\n\nQ  Will you send more?\n")
    x = extract_text(text, {"date": "2024-03-01", "publisher": "The White House",
                            "title": "Remarks by President Biden Before Departure"})
    assert claims(x) == {("person:joe-biden", "we will keep sending Stinger missiles")}


def test_a_chief_of_defence_is_an_official() -> None:
    x = extract_text("British Chief of the Defence Staff Admiral Jane Roe said Britain would send more Challenger 2 "
                     "tanks to Ukraine.", META)
    assert ("person:jane-roe", "Chief of the Defence Staff", "country:GBR") in positions(x)


def test_a_name_closing_a_subject_headed_by_an_office_word_speaks() -> None:
    x = extract_text("The head of Estonia's military intelligence Jane Roe said Ukraine had received ATACMS.", META)
    assert {s for s, _ in claims(x)} == {"person:jane-roe"}
    x = extract_text("Estonia's top general Jane Roe said the army needed more Leopard tanks.", META)
    assert {s for s, _ in claims(x)} == {"person:jane-roe"}
    # a body closing the phrase is no person
    x = extract_text("The head of the Estonian Defence Ministry said the army needed more Leopard tanks.", META)
    assert not any(s.startswith("person:") for s, _ in claims(x))


def test_service_secretaries_foreign_secretaries_and_nato_commanders_are_officials() -> None:
    cases = {
        "U.S. Army Secretary Jane Roe said the Army would deliver more HIMARS to Ukraine.":
            ("person:jane-roe", "Secretary of the Army", "country:USA"),
        "British Foreign Secretary Jane Roe said Britain would send more Storm Shadow missiles to Ukraine.":
            ("person:jane-roe", "Foreign Secretary", "country:GBR"),
        "NATO's Supreme Allied Commander Europe Gen. Jane Roe said allies had delivered more tanks to Ukraine.":
            ("person:jane-roe", "Supreme Allied Commander Europe", "org:nato"),
    }
    for text, position in cases.items():
        assert position in positions(extract_text(text, META)), text


def test_the_minister_is_the_one_minister_named_before() -> None:
    x = extract_text("Estonian Defence Minister Jane Roe met reporters. The minister said Estonia would send more "
                     "howitzers to Ukraine.", META)
    assert {s for s, _ in claims(x)} == {"person:jane-roe"}
    # two ministers named before: 'the minister' is neither
    x = extract_text("Estonian Defence Minister Jane Roe met Latvian Foreign Minister John Doe. The minister said "
                     "Estonia would send more howitzers to Ukraine.", META)
    assert not {s for s, _ in claims(x)} & {"person:jane-roe", "person:john-doe"}


def test_an_officer_of_a_states_body_speaks_for_the_state() -> None:
    x = extract_text("Estonia has sent more howitzers to Ukraine, a spokesperson for the Estonian defence ministry "
                     "said.", META)
    assert claims(x) == {("country:EST", "Estonia has sent more howitzers to Ukraine")}


def test_a_quotation_before_a_name_in_apposition_is_the_quotation() -> None:
    x = extract_text("Estonian Defence Minister Jane Roe visited Kyiv. “We will send more howitzers,” Roe, the "
                     "Estonian defence minister, said.", META)
    assert claims(x) == {("person:jane-roe", "We will send more howitzers")}


def test_posted_with_a_clause_is_speech() -> None:
    x = extract_text("Estonian Prime Minister Jane Roe posted on X that Estonia would send more howitzers to Ukraine.",
                     META)
    assert claims(x) == {("person:jane-roe", "Estonia would send more howitzers to Ukraine")}


def test_the_secretary_of_defense_unnamed_in_remarks_is_the_office_holder_then() -> None:
    text = "THE PRESIDENT:  The Secretary of Defense told me that the first Abrams tanks arrived in Ukraine.\n"
    meta = {"publisher": "The White House", "title": "Remarks by President Biden on Ukraine"}
    x = extract_text(text, {**meta, "date": "2023-10-01"})
    assert ("person:lloyd-austin", "the first Abrams tanks arrived in Ukraine") in claims(x)
    # no date: no holder
    x = extract_text(text, meta)
    assert "person:lloyd-austin" not in {s for s, _ in claims(x)}


def test_a_statement_from_the_president_is_the_presidents_on_its_date() -> None:
    body = "As I told President Jane Roe, we will send more Patriot interceptors to Ukraine."
    meta = {"date": "2024-03-01", "publisher": "The White House"}
    x = extract_text(body, {**meta, "title": "Statement from the President on Support for Ukraine"})
    assert claims(x) == {("person:joe-biden", "we will send more Patriot interceptors to Ukraine")}
    # another state's president, or an office without a term, names no author
    for title in ("Statement from the President of Finland", "Statement from the Press Secretary on Ukraine"):
        assert claims(extract_text(body, {**meta, "title": title})) == set()


def test_sources_and_media_are_not_speakers_but_officials_of_a_state_are() -> None:
    assert claims(extract_text("Ukraine will receive more Abrams tanks, German government sources said.",
                               META)) == set()
    assert claims(extract_text("Local media said Ukraine would receive more Abrams tanks.", META)) == set()
    x = extract_text("Ukraine will receive more Abrams tanks, German officials said.", META)
    assert claims(x) == {("country:DEU", "Ukraine will receive more Abrams tanks")}


def test_coordinated_speakers_each_say_it() -> None:
    x = extract_text("Dutch Prime Minister Jane Roe and Danish Prime Minister John Doe said they would send F-16 jets "
                     "to Ukraine.", META)
    assert claims(x) == {("person:jane-roe", "they would send F-16 jets to Ukraine"),
                       ("person:john-doe", "they would send F-16 jets to Ukraine")}
    # a person after 'with' is no co-speaker
    x = extract_text("Dutch Prime Minister Jane Roe, meeting Danish Prime Minister John Doe, said the Netherlands "
                     "would send F-16 jets to Ukraine.", META)
    assert {s for s, _ in claims(x)} == {"person:jane-roe"}


def test_a_rank_or_honorific_before_a_known_officials_surname_names_that_official() -> None:
    x = extract_text("Admiral Kirby said the United States would send more HIMARS to Ukraine.", META)
    assert {s for s, _ in claims(x)} == {"person:john-kirby"}
    assert not positions(x)  # a rank is no office
    # a bare surname, or an honorific before an unknown surname, names nobody
    for text in ("Kirby said the United States would send more HIMARS to Ukraine.",
                 "Mr. Roe said the United States would send more HIMARS to Ukraine."):
        assert claims(extract_text(text, META)) == set(), text


def test_offices_of_a_states_named_body_and_eu_commissioners() -> None:
    cases = {
        "Commander of the Estonian Ground Forces Jane Roe said the army needed more tanks.":
            ("person:jane-roe", "Commander of the Ground Forces", "country:EST"),
        "The head of the Polish National Security Bureau, Jane Roe, said Poland would send more tanks.":
            ("person:jane-roe", "Head of the National Security Bureau", "country:POL"),
        "EU Commissioner for Internal Market Jane Roe said the EU would produce more shells for Ukraine.":
            ("person:jane-roe", "Commissioner for Internal Market", "org:european-union"),
    }
    for text, position in cases.items():
        x = extract_text(text, META)
        assert position in positions(x), text
        assert {s for s, _ in claims(x)} == {"person:jane-roe"}, text


def test_a_possessive_before_the_speakers_title_is_not_the_speaker() -> None:
    x = extract_text("Polish President John Doe's chief of staff Jane Roe said Poland would send more tanks.", META)
    assert {s for s, _ in claims(x)} == {"person:jane-roe"}


def test_odd_titles_and_fragments_raise_nothing_and_name_nobody() -> None:
    bodies = ["", "According to", "According to him", "“", "” Roe said", "its defence ministry said",
              "the alliance's said", "Chairman of the French Committee", "Commander of the", "Mr.", "x" * 500,
              "He told him that. So. And the President"]
    titles = ["", "Statement from the", "Statement from the President ", "Statement from the \u202e President",
              "Remarks by", "Statement from the President\u00a0on Ukraine", "<script>Statement from the President"]
    for title in titles:
        for body in bodies:
            x = extract_text(body, {"date": "2024-03-01", "publisher": "The White House", "title": title})
            assert all(c.speaker for c in x.claims)
    assert claims(extract_text("According to him, more tanks will come.", META)) == set()

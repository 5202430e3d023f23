"""Officials and speakers in the shapes news summaries and White House texts use (session 13).

Every sentence, name and heading here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims, persons, positions

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def wh(title: str) -> dict[str, str]:
    return {"date": "2024-03-01", "publisher": "The White House", "title": title}


def speakers(text: str, meta: dict[str, str] = NEWS) -> set[str]:
    return {speaker for speaker, _ in claims(extract_text(text, meta))}


def test_a_rank_before_the_rank_is_the_offices() -> None:
    x = extract_text("First Deputy Prime Minister of Ukraine Yulia Hnatiuk said Kyiv would buy more drones.", NEWS)
    assert positions(x) == {("person:yulia-hnatiuk", "First Deputy Prime Minister", "country:UKR")}
    y = extract_text("Oleg Marchuk, Ukraine's first deputy defence minister, said Kyiv had received Patriot "
                     "systems.", NEWS)
    assert positions(y) == {("person:oleg-marchuk", "First Deputy Defense Minister", "country:UKR")}
    # 'first' that is no rank of the office stays out
    z = extract_text("The first Deputy Prime Minister to visit, Yulia Hnatiuk, said Kyiv would buy drones.", NEWS)
    assert all(not title.startswith("First") for _, title, _ in positions(z))


def test_a_counterpart_coordinated_with_an_official_speaks_too() -> None:
    assert speakers("Swedish Defence Minister Lina Berg and her Norwegian counterpart Espen Dahl said they would "
                    "send CV90s to Ukraine.") == {"person:lina-berg", "person:espen-dahl"}
    # 'her' before no counterpart joins nobody
    assert speakers("Swedish Defence Minister Lina Berg and her adviser Espen Dahl said they would send CV90s to "
                    "Ukraine.") == {"person:lina-berg"}


def test_a_hyphenated_given_name_with_a_lower_case_syllable_first() -> None:
    x = extract_text("South Korean President Min-ho Park said Seoul would not send weapons to Ukraine.", NEWS)
    assert positions(x) == {("person:min-ho-park", "President", "country:KOR")}
    assert {speaker for speaker, _ in claims(x)} == {"person:min-ho-park"}
    # no surname after it: no name ('Kim-era policy')
    assert "person:kim-era" not in persons(extract_text("The Kim-era policy ended, Seoul said.", NEWS))


TURN = ("Q  Will you send more Patriot interceptors?\n\n"
        "MR. RIVERS:  We will send more Patriot interceptors to Ukraine.\n")


def test_a_headings_name_with_a_suffix_names_the_turn() -> None:
    for heading in ("Press Briefing by Press Secretary Nora Quinn and National Security Advisor Sam Rivers Jr.",
                    "Press Briefing by Press Secretary Nora Quinn and National Security Advisor Sam Rivers III"):
        assert speakers(TURN, wh(heading)) == {"person:sam-rivers"}
    # the author of a statement whose title gives a suffix
    assert speakers("As I told President Zelenskyy, we will send more Patriot interceptors to Ukraine.",
                    wh("Statement by Secretary of Defense Paul Grant III on Ukraine")) == {"person:paul-grant"}


def test_a_title_right_after_the_comma_with_its_state_after_it() -> None:
    x = extract_text("Aino Kallio, defence minister of Finland, said Helsinki would send more shells to Ukraine.", NEWS)
    assert positions(x) == {("person:aino-kallio", "Defense Minister", "country:FIN")}
    # the apposition does not close after the state: no office is said of the name before
    y = extract_text("Aino Kallio, defence minister of Finland and Estonia said more shells would go to Ukraine.",
                     NEWS)
    assert positions(y) == set()


def test_minister_for_a_portfolio_as_news_writes_it() -> None:
    x = extract_text("Lina Berg, Sweden's minister for defence, said Stockholm would send CV90s to Ukraine.", NEWS)
    assert positions(x) == {("person:lina-berg", "Defense Minister", "country:SWE")}
    y = extract_text("Irish Minister for Foreign Affairs Sean Byrne said Dublin would not send weapons to Ukraine.",
                     NEWS)
    assert positions(y) == {("person:sean-byrne", "Foreign Minister", "country:IRL")}


def test_a_known_official_under_a_bare_title_in_a_white_house_text() -> None:
    x = extract_text("As I told Minister Umerov, we will send more Patriot interceptors to Ukraine.",
                     wh("Statement by Secretary of Defense Paul Grant on Ukraine"))
    assert positions(x) == {("person:rustem-umerov", "Defense Minister", "country:UKR")}
    # an unknown minister keeps the bare title of the publisher's state, as before
    y = extract_text("As I told Minister Jane Roe, we will send more Patriot interceptors to Ukraine.",
                     wh("Statement by Secretary of Defense Paul Grant on Ukraine"))
    assert ("person:jane-roe", "Minister", "country:USA") in positions(y)


def test_a_stance_adjective_is_not_the_offices_state() -> None:
    x = extract_text("Hungary's pro-Russian Prime Minister Gabor Toth said Budapest would not send weapons to Ukraine.",
                     NEWS)
    assert positions(x) == {("person:gabor-toth", "Prime Minister", "country:HUN")}
    # the demonym alone still names the state
    y = extract_text("Russian Prime Minister Gabor Toth said Moscow would send more drones.", NEWS)
    assert positions(y) == {("person:gabor-toth", "Prime Minister", "country:RUS")}


def test_officials_coordinated_under_a_title_the_list_lacks_both_speak() -> None:
    assert speakers("Germany's Defence Minister Klaus Weber and France's Armed Forces Minister Julien Marchal said "
                    "they would send more howitzers to Ukraine.") == {"person:klaus-weber", "person:julien-marchal"}
    # capitalised words before no title do not join a second speaker
    assert speakers("Defence Minister Klaus Weber and Julien Marchal Holdings said they would send more howitzers to "
                    "Ukraine.") == {"person:klaus-weber"}


def test_a_title_without_a_state_takes_the_state_whose_supply_its_holder_announces() -> None:
    x = extract_text("Defence Minister Lina Berg said Sweden would send CV90s to Ukraine.", NEWS)
    assert positions(x) == {("person:lina-berg", "Defense Minister", "country:SWE")}
    y = extract_text("Defence Minister Lina Berg said that Stockholm will deliver CV90s to Ukraine.", NEWS)
    assert positions(y) == {("person:lina-berg", "Defense Minister", "country:SWE")}
    # a state that receives, or is named later in what is said, says nothing of whose minister speaks
    for text in ("Defence Minister Lina Berg said Ukraine would receive CV90s.",
                 "Defence Minister Lina Berg said Russia had attacked Kyiv again.",
                 "Defence Minister Lina Berg said more CV90s would go from Sweden to Ukraine.",
                 "Defence Minister Lina Berg visited Sweden, which will send CV90s to Ukraine."):
        assert positions(extract_text(text, NEWS)) == set(), text


def test_a_company_officer_named_after_the_company() -> None:
    assert speakers("CEO of Nordwerk Hans Keller said the company would deliver Leopard tanks to Ukraine.") \
        == {"person:hans-keller"}
    assert speakers("The chairman of Nordwerk Group Hans-Peter Keller told reporters the company would deliver "
                    "Leopard tanks to Ukraine.") == {"person:hans-peter-keller"}
    # no name after the company: its unnamed officer is no speaker
    assert speakers("The CEO of Nordwerk Group said the company would deliver Leopard tanks to Ukraine.") == set()
    # a company name of three words ending in a company word: still no speaker (the review's case)
    assert speakers("The CEO of Nordwerk Defence Group said the company would deliver Leopard tanks to Ukraine.") \
        == set()


def test_a_surname_alone_before_a_states_office_that_speaks() -> None:
    x = extract_text("Kallio, Finland's defence minister, said Helsinki would send more shells to Ukraine.", NEWS)
    assert positions(x) == {("person:kallio", "Defense Minister", "country:FIN")}
    assert {speaker for speaker, _ in claims(x)} == {"person:kallio"}
    # an adverb opening the sentence is no surname; nor is one word whose apposition does not close before speech
    y = extract_text("Meanwhile, Finland's defence minister, said Helsinki would send more shells.", NEWS)
    assert positions(y) == set()
    z = extract_text("Kallio, Finland's defence minister, visited Kyiv on Monday.", NEWS)
    assert positions(z) == set()


def test_a_service_named_after_a_title_is_no_person() -> None:
    x = extract_text("Yurii Lytvyn, spokesman for Ukraine's Air Force, said the F-16 jets had arrived.", NEWS)
    assert "person:air-force" not in persons(x)
    assert {speaker for speaker, _ in claims(x)} == {"person:yurii-lytvyn"}
    # the service after the state's possessive is the office's body: its state is the office's
    assert positions(x) == {("person:yurii-lytvyn", "Spokesperson", "country:UKR")}
    # a company after the possessive is no state's body
    y = extract_text("Tom Vale, spokesman for Ukraine's largest arms maker, said the jets had arrived.", NEWS)
    assert positions(y) == set()

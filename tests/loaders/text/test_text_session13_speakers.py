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


TURN = "Q  Will you send more Patriot interceptors?\n\nMR. RIVERS:  We will send more Patriot interceptors to Ukraine.\n"


def test_a_headings_name_with_a_suffix_names_the_turn() -> None:
    for heading in ("Press Briefing by Press Secretary Nora Quinn and National Security Advisor Sam Rivers Jr.",
                    "Press Briefing by Press Secretary Nora Quinn and National Security Advisor Sam Rivers III"):
        assert speakers(TURN, wh(heading)) == {"person:sam-rivers"}
    # the author of a statement whose title gives a suffix
    assert speakers("As I told President Zelenskyy, we will send more Patriot interceptors to Ukraine.",
                    wh("Statement by Secretary of Defense Paul Grant III on Ukraine")) == {"person:paul-grant"}

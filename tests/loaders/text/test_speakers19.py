"""Officials of US statements (session 19): a byline in capitals ('ANTONY J. BLINKEN, SECRETARY OF STATE').

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims, persons, positions

from armsgraph.loaders.text.extract import extract_text

STATE = {"date": "2024-03-12", "publisher": "U.S. Department of State", "title": "Press Statement"}
DOD = {"date": "2024-03-12", "publisher": "U.S. Department of Defense", "title": "Press Statement"}


def test_a_byline_in_capitals_names_its_official() -> None:
    text = ("PRESS STATEMENT\nJANE Q. DOE, DEPARTMENT SPOKESPERSON\n\nToday the Department approved a possible sale "
            "of F-16 aircraft to Poland.")
    x = extract_text(text, DOD)
    assert ("person:jane-doe", "Spokesperson", "country:USA") in positions(x), positions(x)
    text = "PRESS STATEMENT\nANTONY J. BLINKEN, SECRETARY OF STATE\n\nToday we approved a sale of HIMARS to Poland."
    x = extract_text(text, STATE)
    assert ("person:antony-blinken", "Secretary of State", "country:USA") in positions(x), positions(x)


def test_capitals_that_are_no_byline_name_nobody() -> None:
    # must not fire: a dateline, a turn label, a heading without a title
    text = ("KYIV, UKRAINE\n\nMR. DOE, SPOKESPERSON: We sent HIMARS.\n\nJANE DOE, LIEUTENANT COLONEL RETIRED\n\n"
            "Poland received F-16 aircraft.")
    x = extract_text(text, DOD)
    assert not {p for p in positions(x) if p[1] == "Spokesperson"}, positions(x)
    assert "person:jane-doe" not in persons(x), persons(x)


def test_a_byline_s_whole_title_part_is_its_office() -> None:
    # a rank before the office is part of it: not the Secretary of State
    text = "PRESS STATEMENT\nJANE Q. DOE, DEPUTY SECRETARY OF STATE\n\nToday we approved a sale of HIMARS to Poland."
    x = extract_text(text, STATE)
    assert ("person:jane-doe", "Deputy Secretary of State", "country:USA") in positions(x), positions(x)
    assert not any(p[1] == "Secretary of State" for p in positions(x)), positions(x)
    # a byline in a text with Windows line ends; an apostrophe's capital stays
    x = extract_text("PRESS STATEMENT\r\nSEAN O'DOE, SECRETARY OF STATE\r\n\r\nWe approved a sale of HIMARS to Poland.",
                     STATE)
    assert ("person:sean-o-doe", "Secretary of State", "country:USA") in positions(x), positions(x)
    # must not fire: a publisher's line, a state's line and an honorific are no names
    text = ("THE WHITE HOUSE, OFFICE OF THE PRESS SECRETARY\nUNITED KINGDOM, PRIME MINISTER\nMR. DOE, SPOKESPERSON\n\n"
            "We approved a sale of HIMARS to Poland.")
    x = extract_text(text, STATE)
    assert not {p for p in persons(x) if "white-house" in p or "kingdom" in p or p.startswith("person:mr")}, persons(x)
    assert not any(p[1] in ("Press Secretary", "Prime Minister", "Spokesperson") for p in positions(x)), positions(x)


def test_a_heading_line_s_verb_is_no_part_of_the_name_before_it() -> None:
    heading = ("Secretary of Defense Jane Roe and Chairman of the Joint Chiefs of Staff Gen. John Q. Doe Hold a Press "
               "Briefing")
    text = f"{heading}\n\nSECRETARY ROE: We will send more HIMARS to Ukraine.\n\nGEN. DOE: The first HIMARS arrived."
    meta = {**DOD, "title": heading}
    x = extract_text(text, meta)
    assert "person:john-doe" in persons(x), persons(x)
    assert not any(p.endswith("-hold") for p in persons(x)), persons(x)
    assert ("person:john-doe", "The first HIMARS arrived") in claims(x), claims(x)
    # must not fire: a heading word inside a sentence, not after a name, ends nothing ('Remarks')
    x = extract_text("Defense Minister Jane Roe Remarks that the HIMARS would hold the line.", DOD)
    assert "person:jane-roe" in persons(x), persons(x)


def test_the_title_with_its_article_is_a_person_of_its_own() -> None:
    text = ("In June, the President and Secretary of Defense Jane Roe made clear that air defense is the top priority "
            "for Ukraine.")
    x = extract_text(text, DOD)
    assert ("person:jane-roe", "Secretary of Defense", "country:USA") in positions(x), positions(x)
    assert not any(p[0] == "person:jane-roe" and p[1] == "President" for p in positions(x)), positions(x)
    # must not fire: two offices of one name with no article before the first
    x = extract_text("Czech Deputy Prime Minister and Defence Minister Jana Roe said Prague would send T-72 tanks.",
                     DOD)
    titles = {p[1] for p in positions(x) if p[0] == "person:jana-roe"}
    assert {"Deputy Prime Minister", "Defense Minister"} <= titles, positions(x)
    # nor with the article before an office of several holders ('the Deputy Prime Minister and ...')
    x = extract_text("The Deputy Prime Minister and Defence Minister Jana Roe said Slovakia would send MiG-29s.", DOD)
    titles = {p[1] for p in positions(x) if p[0] == "person:jana-roe"}
    assert {"Deputy Prime Minister", "Defense Minister"} <= titles, positions(x)


def test_a_state_ending_the_line_above_is_no_affiliation_of_the_title_below() -> None:
    text = ("Readout of the Secretary's Call with Minister of Defense Jan Novak of Slovakia\n\nMinister Roe spoke "
            "today with Minister Novak about the MiG-29 jets.")
    x = extract_text(text, DOD)
    assert not any(p[0] == "person:roe" and p[2] == "country:SVK" for p in positions(x)), positions(x)
    # must not fire: the state right before the title on its own line is the office's
    x = extract_text("Slovak Defence Minister Jana Roe said Bratislava would send MiG-29 jets.", DOD)
    assert ("person:jana-roe", "Defense Minister", "country:SVK") in positions(x), positions(x)

"""Persons and speakers in session 14's shapes: outlets, companies and local offices that are no person or state.

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims, persons, positions

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def _people(text: str) -> set[str]:
    return {p for p in persons(extract_text(text, NEWS)) if p.startswith("person:")}


def test_an_outlets_name_is_no_person_and_no_speaker() -> None:
    for text in ("Der Spiegel reported that Germany would send more Leopard tanks to Ukraine.",
                 "According to Der Spiegel, Berlin will send more Leopard tanks to Kyiv.",
                 "The Wall Street Journal reported that Washington would send ATACMS to Kyiv.",
                 "Le Monde reported that France would send more Caesar howitzers to Ukraine.",
                 "Frankfurter Allgemeine Zeitung reported that Germany would send IRIS-T systems to Ukraine."):
        x = extract_text(text, NEWS)
        assert not any(p.startswith("person:") for p in persons(x)), text
        assert claims(x) == set(), text
    # a person who speaks to an outlet still speaks
    y = extract_text("Anna Berg told Der Spiegel that Germany would send Taurus missiles to Ukraine.", NEWS)
    assert {speaker for speaker, _ in claims(y)} == {"person:anna-berg"}


def test_a_capital_opening_an_outlets_or_a_companys_name_is_no_state_speaking() -> None:
    for text in ("The Kyiv Independent reported that Britain would send Challenger tanks to Ukraine.",
                 "Kyiv Post reported that Britain would send Challenger tanks to Ukraine.",
                 "Ukrainian Defense Industries said it would deliver more mortars to the front."):
        assert claims(extract_text(text, NEWS)) == set(), text
    # a state's own body still speaks for it, and so does the state
    for text, state in (("The Ukrainian Air Force said it would get more Patriot systems.", "country:UKR"),
                        ("The Polish Armed Forces said they would get more Patriot systems.", "country:POL"),
                        ("Kyiv said it would get more Patriot systems.", "country:UKR")):
        assert {speaker for speaker, _ in claims(extract_text(text, NEWS))} == {state}, text


def test_a_local_office_before_a_name_is_no_part_of_it() -> None:
    x = extract_text("Bakhmut Mayor Oleksandr Roven said the city needed more air defence.", NEWS)
    assert _people("Bakhmut Mayor Oleksandr Roven said the city needed more air defence.") == {"person:oleksandr-roven"}
    assert {speaker for speaker, _ in claims(x)} == {"person:oleksandr-roven"}
    assert positions(x) == set()  # a city's office is no state's (the guide leaves sub-national officials out)
    assert _people("Kharkiv Governor Oleh Marchuk said the region needed more air defence.") == {"person:oleh-marchuk"}


def test_weapons_places_and_operations_named_like_people_stay_what_they_are() -> None:
    for text in ("Kyiv received Archer self-propelled howitzers from Sweden.",
                 "Caesar howitzers from France reached the front.",
                 "Gepard anti-aircraft guns from Germany protected Odesa's port.",
                 "Rheinmetall will supply 155mm shells to Ukraine, the company said.",
                 "Ukrinform reported that Ukraine had received new IRIS-T systems.",
                 "Avdiivka fell after Ukraine ran short of 155mm shells.",
                 "Operation Interflex trains Ukrainian soldiers in Britain."):
        assert _people(text) == set(), text


def test_an_officials_deputy_holds_the_deputy_office_and_speaks() -> None:
    for text in ("Latvian Defence Minister Ilze Ozola's deputy, Janis Berzs, said Riga would send more drones to "
                 "Ukraine.",
                 "Latvian Defence Minister Ilze Ozola's deputy Janis Berzs said Riga would send more drones to "
                 "Ukraine."):
        x = extract_text(text, NEWS)
        assert ("person:janis-berzs", "Deputy Defense Minister", "country:LVA") in positions(x), text
        assert {speaker for speaker, _ in claims(x)} == {"person:janis-berzs"}, text
    # a person the text gives no office: the deputy is a person and speaks, with no office
    y = extract_text("Ilze Ozola's deputy Janis Berzs said Riga would send more drones to Ukraine.", NEWS)
    assert positions(y) == set()
    assert {speaker for speaker, _ in claims(y)} == {"person:janis-berzs"}


def test_fm_is_a_foreign_minister() -> None:
    x = extract_text("Dutch FM Hanna Visser said the Netherlands would send more F-16 jets to Ukraine.", NEWS)
    assert positions(x) == {("person:hanna-visser", "Foreign Minister", "country:NLD")}


def test_a_definite_title_that_speaks_names_the_person_named_before() -> None:
    for text in ('Karin Dahl urged allies to send Ukraine more air defence. "We must act now," the Norwegian defence '
                 'minister said.',
                 'Karin Dahl urged allies to send Ukraine more air defence. "We must act now," said the Norwegian '
                 'defence minister.'):
        x = extract_text(text, NEWS)
        assert positions(x) == {("person:karin-dahl", "Defense Minister", "country:NOR")}, text
        assert {speaker for speaker, _ in claims(x)} == {"person:karin-dahl"}, text
    # a known official takes the title of the body the possessive names ('the alliance's': NATO, named before)
    y = extract_text('Jens Stoltenberg urged NATO members to send Ukraine more shells. "Allies must do more," the '
                     "alliance's secretary general said.", NEWS)
    assert ("person:jens-stoltenberg", "Secretary-General of NATO", "org:nato") in positions(y)
    assert {speaker for speaker, _ in claims(y)} == {"person:jens-stoltenberg"}


def test_a_definite_title_names_no_one_when_two_may_hold_it_or_none_is_named() -> None:
    for text in ('Karin Dahl met Pal Berg in Oslo. "We must act now," the Norwegian defence minister said.',
                 'Karin Dahl of Norway urged allies to act. "We must act now," the Swedish defence minister said.',
                 '"We must act now," said the Norwegian defence minister.'):
        x = extract_text(text, NEWS)
        assert positions(x) == set(), text
        assert not any(speaker.startswith("person:") for speaker, _ in claims(x)), text


def test_a_trailing_speaker_with_an_apposition_before_the_verb() -> None:
    for text in ("Oslo would send more NASAMS launchers to Ukraine, Karin Dahl, the Norwegian defence minister, said "
                 "on Monday.",
                 "Oslo would send more NASAMS launchers to Ukraine, Karin Dahl, Norway's defence minister, said."):
        x = extract_text(text, NEWS)
        assert claims(x) == {("person:karin-dahl", "Oslo would send more NASAMS launchers to Ukraine")}, text
        assert positions(x) == {("person:karin-dahl", "Defense Minister", "country:NOR")}, text
    # a state alone in the apposition's place still speaks
    y = extract_text("Oslo would send more NASAMS launchers to Ukraine, Norway's defence ministry said.", NEWS)
    assert {speaker for speaker, _ in claims(y)} == {"country:NOR"}


def test_the_countrys_office_is_of_the_state_the_sentence_speaks_of() -> None:
    for text in ("Oslo will send more NASAMS launchers to Ukraine, the country's defence minister Karin Dahl said.",
                 "Norway will send more NASAMS launchers to Ukraine. The country's defence minister, Karin Dahl, said "
                 "more would follow."):
        x = extract_text(text, NEWS)
        assert positions(x) == {("person:karin-dahl", "Defense Minister", "country:NOR")}, text


def test_an_unnamed_office_of_a_person_speaks_for_the_persons_state_not_the_person() -> None:
    for text in ("Latvian Defence Minister Ilze Ozola's spokesman said Riga would send more drones to Ukraine.",
                 "Latvian Defence Minister Ilze Ozola's deputy said Riga would send more drones to Ukraine.",
                 "An adviser to Latvian Defence Minister Ilze Ozola said Riga would send more drones to Ukraine."):
        assert {speaker for speaker, _ in claims(extract_text(text, NEWS))} == {"country:LVA"}, text
    # a person the text gives no office: no speaker at all
    y = extract_text("Ilze Ozola's deputy said Riga would send more drones to Ukraine.", NEWS)
    assert claims(y) == set()
    # the named holder of the office speaks, and so does the person alone
    for text, speaker in (("Latvian Defence Minister Ilze Ozola's spokesman Janis Berzs said Riga would send more "
                           "drones to Ukraine.", "person:janis-berzs"),
                          ("Latvian Defence Minister Ilze Ozola said Riga would send more drones to Ukraine.",
                           "person:ilze-ozola")):
        assert {s for s, _ in claims(extract_text(text, NEWS))} == {speaker}, text


def test_a_spokesperson_for_a_states_government_speaks_for_the_state() -> None:
    x = extract_text("A spokesperson for Norway's government said Oslo would send more NASAMS launchers to Ukraine.",
                     NEWS)
    assert {speaker for speaker, _ in claims(x)} == {"country:NOR"}
    # a company of the state is no state speaking
    y = extract_text("A spokesperson for Norway's Kongsberg said Oslo would send more NASAMS launchers to Ukraine.",
                     NEWS)
    assert claims(y) == set()

"""Officials and speakers in the general shapes session 13's first round left (round 2).

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims, persons, positions

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def test_a_presidents_office_head_before_the_name() -> None:
    for text in ("Ukrainian President's Office head Taras Melnyk said Kyiv would get more Patriot systems.",
                 "Ukraine's presidential office head Taras Melnyk said Kyiv would get more Patriot systems."):
        x = extract_text(text, NEWS)
        assert positions(x) == {("person:taras-melnyk", "Head of the Office of the President", "country:UKR")}
        assert {speaker for speaker, _ in claims(x)} == {"person:taras-melnyk"}
    # the office alone names no person
    y = extract_text("The President's Office said Kyiv would get more Patriot systems.", NEWS)
    assert positions(y) == set()
    assert not any(p.startswith("person:") for p in persons(y))


def test_a_president_elect_is_an_office() -> None:
    for text in ("Polish President-elect Marek Wrona said Warsaw would keep sending weapons to Ukraine.",
                 "Marek Wrona, Poland's president-elect, said Warsaw would keep sending weapons to Ukraine."):
        x = extract_text(text, NEWS)
        assert positions(x) == {("person:marek-wrona", "President-elect", "country:POL")}
    # a plain 'President' stays the office it was
    z = extract_text("Polish President Marek Wrona said Warsaw would keep sending weapons to Ukraine.", NEWS)
    assert positions(z) == {("person:marek-wrona", "President", "country:POL")}


def test_a_surname_read_before_the_full_name_is_that_person() -> None:
    x = extract_text("Minister Keller said the Netherlands would send F-16 jets to Ukraine; Dutch Defence Minister "
                     "Karin Keller added that more would follow.", NEWS)
    assert "person:keller" not in persons(x)
    assert {speaker for speaker, _ in claims(x)} == {"person:karin-keller"}
    assert positions(x) == {("person:karin-keller", "Defense Minister", "country:NLD")}
    # two full names with that surname: the people stay apart
    y = extract_text("Defence Minister Karin Keller said Germany would send more Leopard tanks to Ukraine; Economy "
                     "Minister Hans Keller added that Berlin would pay.", NEWS)
    assert {"person:karin-keller", "person:hans-keller"} <= set(persons(y))
    assert {speaker for speaker, _ in claims(y)} == {"person:karin-keller", "person:hans-keller"}


def test_a_spokesman_for_an_organisation_then_the_name_in_commas() -> None:
    x = extract_text("A spokesman for the Pentagon, Carl Ruiz, said the United States would send more HIMARS to "
                     "Ukraine.", NEWS)
    assert positions(x) == {("person:carl-ruiz", "Spokesperson", "org:us-dod")}
    y = extract_text("A spokesperson for the German defence ministry, Lena Hahn, said Berlin would send more IRIS-T "
                     "systems to Ukraine.", NEWS)
    assert positions(y) == {("person:lena-hahn", "Spokesperson", "country:DEU")}
    z = extract_text("Carl Ruiz, a spokesman for the Pentagon, said the United States would send more HIMARS to "
                     "Ukraine.", NEWS)
    assert positions(z) == {("person:carl-ruiz", "Spokesperson", "org:us-dod")}
    # no name after the office: no person, no position
    w = extract_text("A spokesman for the Pentagon said the United States would send more HIMARS to Ukraine.", NEWS)
    assert positions(w) == set()
    assert not any(p.startswith("person:") for p in persons(w))


def test_a_chair_of_a_parliaments_committee_named_by_the_parliament() -> None:
    title = "Chairman of the Bundestag defence committee"
    for text in ("Chairman of the Bundestag defence committee Jonas Albrecht said Germany should send Taurus "
                 "missiles to Ukraine.",
                 "Jonas Albrecht, chairman of the Bundestag defence committee, said Germany should send Taurus "
                 "missiles to Ukraine."):
        x = extract_text(text, NEWS)
        assert positions(x) == {("person:jonas-albrecht", title, "country:DEU")}
        assert {speaker for speaker, _ in claims(x)} == {"person:jonas-albrecht"}
    # the committee alone names no person; an unknown body before 'committee' says no state
    y = extract_text("The Bundestag defence committee said Germany should send Taurus missiles to Ukraine.", NEWS)
    assert positions(y) == set()
    z = extract_text("Chairman of the Harbour defence committee Jonas Albrecht said Germany should send Taurus "
                     "missiles to Ukraine.", NEWS)
    assert ("person:jonas-albrecht", "Chairman of the Harbour defence committee", "country:DEU") not in positions(z)

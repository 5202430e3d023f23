"""Offices the titles list lacks as written (session 9): sentences written for these tests."""

from __future__ import annotations

from extraction_views import positions

from armsgraph.loaders.text.extract import extract_text

META = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def test_a_state_named_after_the_name_with_its_article() -> None:
    x = extract_text("Deputy Defence Minister Jana Nowak of the Czech Republic said more shells would go to Ukraine.",
                     META)
    assert positions(x) == {("person:jana-nowak", "Deputy Defense Minister", "country:CZE")}


def test_a_ministers_portfolio_before_the_title() -> None:
    x = extract_text("French Armed Forces Minister Jean Dupont said France would deliver more howitzers.", META)
    assert positions(x) == {("person:jean-dupont", "Armed Forces Minister", "country:FRA")}
    y = extract_text("Ukraine's Digital Transformation Minister Ivan Petrenko said drones were coming.", META)
    assert positions(y) == {("person:ivan-petrenko", "Digital Transformation Minister", "country:UKR")}
    # a sentence-opening word is no portfolio
    z = extract_text("On Monday Minister Jane Roe of Estonia spoke about shells.", META)
    assert positions(z) == {("person:jane-roe", "Minister", "country:EST")}


def test_an_office_of_a_states_army_or_service() -> None:
    x = extract_text("Chief of the General Staff of the Polish Army Jan Kowalski said Poland had sent tanks.", META)
    assert positions(x) == {("person:jan-kowalski", "Chief of the General Staff", "country:POL")}
    y = extract_text("Spokesperson for the Ukrainian Air Force Ivan Shevchenko said the batteries had shot down "
                     "missiles.", META)
    assert positions(y) == {("person:ivan-shevchenko", "Spokesperson", "country:UKR")}


def test_an_office_of_a_body_the_state_is_named_after() -> None:
    x = extract_text("Secretary of the National Security and Defense Council of Ukraine Ivan Petrenko said more "
                     "tanks were needed.", META)
    assert positions(x) == {("person:ivan-petrenko", "Secretary of the National Security and Defense Council",
                             "country:UKR")}
    y = extract_text("The head of Ukraine's military intelligence Ivan Petrenko said Russia had more missiles.", META)
    assert positions(y) == {("person:ivan-petrenko", "Head of military intelligence", "country:UKR")}
    # a company is no state's body
    z = extract_text("The head of Rheinmetall Jane Roe said more shells would be made.", META)
    assert positions(z) == set()


def test_a_state_secretary_and_a_national_security_spokesman() -> None:
    x = extract_text("German State Secretary Jana Roe said Berlin would deliver more Gepard tanks.", META)
    assert positions(x) == {("person:jana-roe", "State Secretary", "country:DEU")}
    y = extract_text("White House national security spokesman John Kirby said the package includes Bradley vehicles.",
                     META)
    assert {(p, t) for p, t, _ in positions(y)} == {("person:john-kirby", "NSC Spokesperson")}

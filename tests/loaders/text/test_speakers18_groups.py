"""Two speech verbs of one subject in one sentence, and a subject standing for the states named together before it
(session 18): 'X reiterated that A and warned that B' is two claims of X; '..., the three defence ministries said'
is one claim per state of the list.

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import said

NEWS = {"date": "2024-03-12", "publisher": "Test Wire", "title": "Test"}


def _said(text: str) -> set[tuple[str, str]]:
    return said(text, NEWS)


def test_a_second_speech_verb_coordinated_inside_the_first_clause_is_a_second_claim() -> None:
    said = _said("Defence Minister Jane Roe said that Norway would send two more NASAMS and warned that the "
                 "launchers would arrive late.")
    assert ("person:jane-roe", "Norway would send two more NASAMS") in said, said
    assert ("person:jane-roe", "the launchers would arrive late") in said, said
    said = _said("Foreign Minister Jan Kowal admitted for the first time that Warsaw sent Kyiv more T-72 tanks last "
                 "year, but insisted none had left since May.")
    assert ("person:jan-kowal", "Warsaw sent Kyiv more T-72 tanks last year") in said, said
    assert ("person:jan-kowal", "none had left since May") in said, said


def test_a_second_subject_keeps_its_own_claim() -> None:
    # must not fire: the second verb has a subject of its own; the first clause stays the first speaker's
    said = _said("Defence Minister Jane Roe said Sweden would send more CV90 vehicles to Ukraine; Finance Minister "
                 "John Roe added that Stockholm would pay.")
    assert {s for s, _ in said} == {"person:jane-roe", "person:john-roe"}, said
    said = _said("Defence Minister Jane Roe said that Norway would send two more NASAMS and that they would arrive "
                 "soon.")
    assert said == {("person:jane-roe", "Norway would send two more NASAMS and that they would arrive soon")}, said


def test_a_group_subject_speaks_for_each_state_listed_before_it() -> None:
    said = _said("Sweden, Finland and Estonia will fund 18 CAESAR howitzers for Ukraine, the three defence "
                 "ministries said on Monday.")
    text = "Sweden, Finland and Estonia will fund 18 CAESAR howitzers for Ukraine"
    assert said == {(s, text) for s in ("country:SWE", "country:FIN", "country:EST")}, said
    said = _said("Twelve Patriot launchers will go to Ukraine in a deal paid for by Spain and Portugal, the "
                 "leaders said in a joint statement.")
    assert {s for s, _ in said} == {"country:ESP", "country:PRT"}, said


def test_a_group_subject_whose_number_does_not_fit_the_list_says_nothing() -> None:
    # must not fire: 'the two governments' after three states, a group with no list of states, a lone state
    said = _said("Sweden, Finland and Estonia will fund 18 CAESAR howitzers for Ukraine, the two governments said.")
    assert not said, said
    said = _said("More Patriot batteries are needed in Ukraine, the leaders said.")
    assert not said, said
    said = _said("Germany will send IRIS-T systems to Ukraine, the allies said.")
    assert not said, said

"""Who says a clause, read from the sentence's structure (session 18): '..., the agency added' after a body spoke,
'Seoul summoned the Russian ambassador and said ...', a clause before a ';' that is not what the speaker after it
says, and a quotation that goes on after '..., Secretary X III said.'

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import said

NEWS = {"date": "2024-03-12", "publisher": "Test Wire", "title": "Test"}


def _said(text: str) -> set[tuple[str, str]]:
    return said(text, NEWS)


def test_the_agency_that_spoke_in_the_sentence_before_speaks_again() -> None:
    said = _said("Iran has sent drones to Russia, Germany's Federal Intelligence Service said. Tehran had shipped "
                 "Shahed-136 drones to Moscow in May, the agency added.")
    assert ("country:DEU", "Tehran had shipped Shahed-136 drones to Moscow in May") in said, said


def test_the_agency_with_no_body_before_it_says_nothing() -> None:
    # must not fire: a person spoke before, or nobody did
    said = _said("Defence Minister Jane Roe said Iran had sent drones to Russia. Tehran had shipped Shahed-136 "
                 "drones to Moscow in May, the agency added.")
    assert not any(t.startswith("Tehran") for _, t in said), said
    said = _said("Tehran had shipped Shahed-136 drones to Moscow in May, the agency added.")
    assert not said, said


def test_the_subject_of_a_coordinated_speech_verb_speaks_not_the_state_named_nearest_it() -> None:
    said = _said("Tokyo summoned the Chinese ambassador and said it would not rule out sending Patriot missiles.")
    assert said == {("country:JPN", "it would not rule out sending Patriot missiles")}, said


def test_a_clause_before_a_semicolon_is_not_what_the_speaker_after_it_says() -> None:
    said = _said("The ministry turned the offer down a day later; spokesman Jan Kowal said jets leaving a NATO base "
                 "raised serious concerns.")
    assert any(s == "person:jan-kowal" and t.startswith("jets leaving a NATO base") for s, t in said), said
    assert not any(t.startswith("The ministry turned") for _, t in said), said
    # must not fire: a clause before a comma is still what the speaker after it says
    said = _said("The ministry turned the offer down a day later, spokesman Jan Kowal said.")
    assert said == {("person:jan-kowal", "The ministry turned the offer down a day later")}, said


def test_a_quotation_goes_on_after_a_speaker_named_with_a_suffix() -> None:
    text = ("\u201cWe will keep sending HIMARS rounds,\u201d Secretary of Defense John Q. Roe III said. "
            "\u201cUkraine's fight is our fight.\u201d\n\nThe package is worth $400 million.")
    said = _said(text)
    assert ("person:john-roe", "Ukraine's fight is our fight") in said, said


def test_an_unowned_command_speaks_for_the_state_opening_the_sentence_before() -> None:
    said = _said("Kyiv was hit by drones at night. The Air Force Command said 12 Iranian-made Shahed-136 were "
                 "destroyed.")
    assert ("country:UKR", "12 Iranian-made Shahed-136 were destroyed") in said, said
    # the state the ministry's clause names again is that state
    said = _said("Hungary's government will not approve the package. The Gepard guns Budapest handed over are not "
                 "affected, the defence ministry said.")
    assert ("country:HUN", "The Gepard guns Budapest handed over are not affected") in said, said


def test_an_unowned_body_after_another_state_says_nothing() -> None:
    # must not fire: another state named before the body; a command of no state's wording ('the Southern Command')
    said = _said("Kyiv was hit by drones at night. Russian forces fired them, the Air Force Command said.")
    assert not any(s == "country:UKR" for s, _ in said), said
    said = _said("Kyiv was hit by drones at night. The Southern Command said 12 drones were destroyed.")
    assert not any(s == "country:UKR" for s, _ in said), said

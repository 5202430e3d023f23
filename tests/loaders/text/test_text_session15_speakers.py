"""Officials and speakers in the shapes the fresh splits showed (session 15): a state-less title read from its
context, a counterpart already named, 'he'/'it' after a sentence in which one speaker spoke, a statement nested in
a person's speech, a quotation followed by another clause's speaker.

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims, positions

from armsgraph.loaders.text.extract import extract_text

NEWS = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def _offices(text: str) -> set[tuple[str, str, str]]:
    return positions(extract_text(text, NEWS))


def _speakers(text: str) -> set[tuple[str, str]]:
    return claims(extract_text(text, NEWS))


def test_a_stateless_title_takes_the_state_opening_the_sentence_before() -> None:
    assert _offices("Norway has given Ukraine six Bell helicopters. Defence Minister Karl Aberg said more would "
                    "follow.") == {("person:karl-aberg", "Defense Minister", "country:NOR")}
    assert _offices("Latvian President Ivo Kalns said he backed the plan. Defence Minister Karl Aberg said no "
                    "decision had been taken.") == {("person:ivo-kalns", "President", "country:LVA"),
                                                    ("person:karl-aberg", "Defense Minister", "country:LVA")}
    # must not fire: two states open the sentence before, nothing before it, or the title's sentence names a state
    for text in ("Norway and Denmark will send tanks. Defence Minister Karl Aberg said talks went on.",
                 "Officials met on Monday. Defence Minister Karl Aberg said talks went on.",
                 "Defence Minister Karl Aberg said talks went on.",
                 "Norway will send tanks. Defence Minister Karl Aberg said talks with Ukraine went on."):
        assert not any(p[0] == "person:karl-aberg" for p in _offices(text)), text


def test_a_place_opening_the_sentence_before_a_stateless_title_is_its_state() -> None:
    text = ("Canada will send four more tanks to Ukraine. In Lisbon, Defence Minister Rita Lobo said the tanks "
            "promised by Portugal would arrive in March.")
    assert ("person:rita-lobo", "Defense Minister", "country:PRT") in _offices(text)
    # a title with its own state keeps it; a place that is not the sentence's opener says nothing
    assert ("person:rita-lobo", "Defense Minister", "country:ESP") in _offices(
        "In Lisbon, Spanish Defence Minister Rita Lobo said talks went on.")
    assert not any(p[0] == "person:rita-lobo" for p in _offices(
        "Officials met on Monday. Defence Minister Rita Lobo said talks in Lisbon went on."))


def test_a_counterpart_already_known_by_name_holds_the_office() -> None:
    text = ("Slovak Prime Minister Jan Hrad said in a debate with his Czech counterpart Petr Fiala on Sunday that "
            "talks went on.")
    assert ("person:petr-fiala", "Prime Minister", "country:CZE") in _offices(text)
    # must not fire: a known person named without 'counterpart' holds no office the text gives
    assert not any(p[0] == "person:petr-fiala" for p in _offices(
        "Slovak Prime Minister Jan Hrad said in a debate with Petr Fiala on Sunday that talks went on."))


def test_he_after_a_sentence_with_one_speaker_is_that_speaker() -> None:
    text = ("Slovakia may send tanks to Ukraine, Slovak Prime Minister Jan Hrad said in a debate with his Polish "
            "counterpart Adam Wolny. Bratislava is also talking with partners, he said.")
    assert ("person:jan-hrad", "Bratislava is also talking with partners") in _speakers(text)
    assert not any(s == "person:adam-wolny" for s, _ in _speakers(text))
    # must not fire: a person named before the pronoun in its own sentence is the nearer reading
    other = ("Prime Minister Jan Hrad said talks with Chancellor Olaf Scholz went well. Scholz thanked him, and he "
             "said more aid would come.")
    assert ("person:olaf-scholz", "more aid would come") in _speakers(other)


def test_it_after_a_sentence_in_which_a_body_spoke_is_that_body() -> None:
    text = ("France will hand over six towed howitzers to Ukraine, the French Ministry of the Armed Forces said on "
            "Friday. The guns will come from army stocks, it said.")
    assert ("country:FRA", "The guns will come from army stocks") in _speakers(text)
    # must not fire: nobody spoke in the sentence before
    assert not any(t.startswith("The guns") for _, t in _speakers(
        "France will hand over six towed howitzers to Ukraine. The guns will come from army stocks, it said."))


def test_a_statement_nested_in_a_persons_speech_is_that_persons() -> None:
    text = ("Sweden will send Ukraine infantry fighting vehicles, Prime Minister Olle Dahl said on Thursday. Sweden "
            "had said earlier this month that it was ready to donate 12 howitzers, Defence Minister Per Lind added.")
    speakers = {s for s, _ in _speakers(text)}
    assert speakers == {"person:olle-dahl", "person:per-lind"}
    # must not fire: a second speaker's clause beside the first ('..., while her counterpart Y said ...')
    beside = ("German Defence Minister Eva Roth said the first tanks would come from industry stocks, while her "
              "Dutch counterpart Lotte Maas said five howitzers would go to Ukraine.")
    assert ("person:lotte-maas", "five howitzers would go to Ukraine") in _speakers(beside)
    # must not fire: a quotation nested in a person's reported speech is the quotation rules' (not touched)
    quoted = 'Defence Minister Per Lind of Sweden said that the army "will send 12 howitzers to Ukraine" soon.'
    assert {s for s, _ in _speakers(quoted)} == {"person:per-lind"}


def test_a_quotation_followed_by_a_new_clauses_speaker_is_not_that_speakers() -> None:
    text = ('President Ana Ruiz wrote that Washington would "send the Ukrainians more rocket systems," and '
            'U.S. defense officials said the next package would include four launchers.')
    said = _speakers(text)
    assert ("country:USA", "send the Ukrainians more rocket systems") not in said
    assert ("country:USA", "the next package would include four launchers") in said
    assert {s for s, _ in said} == {"person:ana-ruiz", "country:USA"}
    # the same without a quotation: each speaker says their own clause
    plain = _speakers("President Ana Ruiz wrote that Santiago would send more rocket systems, and Chilean defence "
                      "officials said the next package would include four launchers.")
    assert plain == {("person:ana-ruiz", "Santiago would send more rocket systems"),
                     ("country:CHL", "the next package would include four launchers")}
    # must not fire: a second clause said by the same speaker, or a clause with no speaker of its own
    assert {s for s, _ in _speakers("President Ana Ruiz said Chile would send tanks, and that more would follow.")} \
        == {"person:ana-ruiz"}
    assert {s for s, _ in _speakers("President Ana Ruiz said Chile would send tanks, and Peru said nothing.")} \
        == {"person:ana-ruiz"}
    # the speaker right after a quotation still says it
    assert ("person:karl-aberg", "We will send more tanks to Kyiv") in _speakers(
        '"We will send more tanks to Kyiv," Defence Minister Karl Aberg said.')


def test_an_opposed_handover_is_no_transfer() -> None:
    x = extract_text("Croatian President Ivo Maric said on Wednesday he would oppose any handover of the country's "
                     "14 Mi-8 helicopters to Ukraine.", NEWS)
    assert x.transfers == []


def test_a_defence_secretary_beside_the_united_kingdom_is_the_uks() -> None:
    text = "Four helicopters are to be sent to Ukraine by the United Kingdom, Defence Secretary Tom Gray said."
    assert _offices(text) == {("person:tom-gray", "Secretary of Defense", "country:GBR")}
    assert _offices("Britain will send helicopters. Defence Secretary Tom Gray said more would follow.") == {
        ("person:tom-gray", "Secretary of Defense", "country:GBR")}
    # must not fire: the American spelling, both states named, or no other state that uses the title
    for other in ("Britain will send four helicopters to Ukraine, Defense Secretary Tom Gray said.",
                  "Britain and the United States will send helicopters, Defence Secretary Tom Gray said.",
                  "Ukraine will get four helicopters, Defence Secretary Tom Gray said."):
        assert _offices(other) == {("person:tom-gray", "Secretary of Defense", "country:USA")}, other


def test_the_two_governments_said_is_one_claim_per_government() -> None:
    text = "Norway and Ukraine signed a deal on NASAMS, the two governments said in a joint statement."
    assert _speakers(text) == {("country:NOR", "Norway and Ukraine signed a deal on NASAMS"),
                               ("country:UKR", "Norway and Ukraine signed a deal on NASAMS")}
    after = _speakers("Norway and Ukraine met in Oslo. The two governments said more NASAMS would follow.")
    assert after == {("country:NOR", "more NASAMS would follow"), ("country:UKR", "more NASAMS would follow")}
    # must not fire: one state before 'the two governments' (who the other is is not said)
    assert _speakers("Norway will send NASAMS to Ukraine, the two governments said.") == set()


def test_a_member_of_a_named_parliament_or_a_states_mp_is_a_member_of_parliament() -> None:
    assert _offices("Bundestag member Karl Aberg wrote that Ukraine had used the new launchers.") == {
        ("person:karl-aberg", "Member of Parliament", "country:DEU")}
    assert _offices("Sejm deputy Jan Nowak said Poland would send more tanks.") == {
        ("person:jan-nowak", "Member of Parliament", "country:POL")}
    assert _offices("Ukrainian MP Olena Hrab and two other lawmakers sent a letter to the ministers.") == {
        ("person:olena-hrab", "Member of Parliament", "country:UKR")}
    # must not fire: a weapon designation ending in MP, a parliament's word before no name, 'MP' with no state
    x = extract_text("France will send Akeron MP missiles to Ukraine.", NEWS)
    assert x.positions == [] and not any(e.type == "Person" for e in x.entities)
    for text in ("The Bundestag member states voted on the aid.", "An MP Jane Roe said more aid was needed."):
        assert _offices(text) == set(), text


def test_added_with_a_noun_object_is_no_speech() -> None:
    text = ("The German army needs new vehicles, while Washington's latest package added one more HIMARS launcher "
            "for Kyiv.")
    assert _speakers(text) == set()
    # 'added' before what is said, or closing a sentence, still speaks
    said = _speakers("Germany will send tanks, Defence Minister Karl Aberg said, adding the first would arrive in "
                     "May. More will follow, Defence Minister Karl Aberg added.")
    assert ("person:karl-aberg", "More will follow") in said
    assert ("person:karl-aberg", "the first would arrive in May") in said


def test_said_after_meeting_someone_that_is_read_past_a_misparsed_fragment() -> None:
    text = ("Anton Hofreiter, a Green, said after meeting President Ola Berg that Chancellor Olaf Scholz should send "
            "far more ammunition for the guns Ukraine already has.")
    assert {s for s, _ in _speakers(text)} == {"person:anton-hofreiter"}


def test_declared_with_a_noun_object_is_no_speech() -> None:
    assert _speakers("The Dutch Ministry of Defence declared a major boost of its help to Ukraine, with a fresh "
                     "package of 13 air defence systems.") == set()
    assert {s for s, _ in _speakers("The Dutch Ministry of Defence declared that 13 air defence systems would go "
                                    "to Ukraine.")} == {"country:NLD"}

"""Invented transfer probes of session 14 (docs/text-extraction-history.md, "Session 14: transfers"): the state a text's
aid goes to named only in a first sentence with no transfer word, as the owner or 'of' object of a backer noun
('one of Ukraine's staunchest backers', 'a key supporter of Ukraine') or as where a visit goes ('the minister
visited Kyiv', 'a visit to Kyiv'), when it is the one other state the text names. Each expectation was written
before the extractor was run on it; must-not-fire probes: no supply word, a deployment, a backer sentence followed
by an attack, a recipient named in the supply clause itself. Round 2: a transfer noun as what 'which includes' lists
(the parser may hang the clause on the noun's 'to' state), 'Typhoon' before an aircraft noun, RBS 70. Round 3 (the
kinds para-dev missed): 'are to be donated ... by', a reaching verb with a named giver (and none without), a
system by another of its names, the stage of a supply word after a word of the future."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.transfer_words import syntax_words

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    probe('backer', 'news',
      "Estonia is among Ukraine's most generous donors. Tallinn sent Javelin missiles in March.",
      'EST>UKR:fgm-148-javelin'),
    probe('backer', 'news',
      'Norway is a close supporter of Ukraine. Oslo will deliver NASAMS launchers.',
      'NOR>UKR:nasams'),
    probe('visit', 'news',
      'A visit to Kyiv by Polish Prime Minister Donald Tusk ended on Friday. Warsaw will send more Krab howitzers.',
      'POL>UKR:krab'),
    probe('visit', 'news',
      'Dutch Defence Minister Kajsa Ollongren visited Kyiv on Friday. The Netherlands will supply more F-16 jets.',
      'NLD>UKR:f-16'),
    # a transfer noun as what 'which includes' lists, also when the parser hangs the clause on its 'to' state
    probe('include', 'news',
      "Belgium's new delivery to Ukraine, which includes F-16 jets and Sea King helicopters, arrived on Monday.",
      'BEL>UKR:f-16; BEL>UKR:sea-king'),
    probe('include', 'news',
      "Portugal's donation for Ukraine, which contains Leopard 2 tanks, was announced in Lisbon.",
      'PRT>UKR:leopard-2'),
    # a named system by its short name before an aircraft noun; a system the weapons table now names
    probe('weapon', 'news',
      'Germany agreed to sell Typhoon fighters to Saudi Arabia.',
      'DEU>SAU:eurofighter-typhoon'),
    probe('weapon', 'news',
      'Estonia sent RBS 70 launchers to Ukraine.',
      'EST>UKR:rbs-70'),
    # round 3 (para-dev kinds): 'X are to be <supplied> ... by Y' (the parser hangs the verb on 'are'), a maker with
    # its demonym as the agent, a reaching verb with its giver named, a system by another of its names
    probe('passive', 'news',
      'Three Krab howitzers are to be handed over to Ukraine by Warsaw, the ministry said.',
      'POL>UKR:krab=pledged'),
    probe('passive', 'news',
      'Forty Bushmaster vehicles were to be shipped to Ukraine by the Australian maker Thales.',
      'AUS>UKR:bushmaster=pledged'),
    probe('reach', 'news',
      'Six more IRIS-T launchers have reached the Ukrainian army from Germany.',
      'DEU>UKR:iris-t=delivered'),
    probe('weapon', 'news',
      'Finland will send Archer 155-mm howitzers and the Robot 57 anti-tank weapon to Ukraine.',
      'FIN>UKR:archer-155mm; FIN>UKR:nlaw'),
    probe('stage', 'news',
      'In May, Latvia delivered Stinger missiles to Ukraine.',
      'LVA>UKR:stinger=delivered'),
    # 'Thanks to' a state opening a sentence, then a state that has or received weapons (round 4)
    probe('thanks', 'ukr',
      'Thanks to Norway, Ukraine has NASAMS launchers.',
      'NOR>UKR:nasams'),
    probe('thanks', 'news',
      'Thanks to Estonia, Latvia has received Javelin missiles.',
      'EST>LVA:fgm-148-javelin'),
    probe('thanks', 'news',
      'Thanks to Ukraine, Russia has lost many T-72 tanks.',
      ''),
    probe('thanks', 'news',
      'Thanks to American HIMARS, Ukraine destroyed Russian bridges.',
      ''),
    # must not fire
    probe('reach', 'news',
      'Russian Kalibr missiles reached Odesa on Monday night.',
      ''),
    probe('reach', 'news',
      'Germany sent IRIS-T launchers to Ukraine. The Patriot interceptors reached Kyiv.',
      'DEU>UKR:iris-t'),
    probe('passive', 'news',
      'Leopard 2 tanks are to be used by Ukraine in the spring.',
      ''),
    probe('include', 'news',
      "Russia's attack on Kyiv, which included Iskander missiles, killed three people.",
      ''),
    probe('include', 'news',
      'A visit of Polish officials to Ukraine, which included talks on Krab howitzers, ended on Friday.',
      ''),
    probe('visit', 'news',
      'The Polish president visited Kyiv. Warsaw will build new Krab howitzers for its own army.',
      ''),
    probe('visit', 'news',
      'Canadian Prime Minister Justin Trudeau visited Latvia. Canada will deploy Leopard 2 tanks there.',
      ''),
    probe('visit', 'news',
      'The German chancellor visited Kyiv. Berlin also sold Leopard 2 tanks to Qatar.',
      'DEU>QAT:leopard-2'),
    probe('backer', 'news',
      "Lithuania is one of Ukraine's staunchest backers. Russian forces attacked Kyiv with Iskander missiles.",
      ''),
    probe('backer', 'news',
      "Ukraine's backers met in Ramstein on Tuesday. Germany produces IRIS-T systems.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_syntax_words_read_once_by_kind() -> None:
    """The wording the parse rules read is the data file's, by kind, and one object per process."""
    words = syntax_words()
    assert {"use", "welcome", "arrival", "backer", "visit"} <= set(words)
    assert "welcomed" in words["welcome"] and "operating" in words["use"] and "backers" in words["backer"]
    assert "confirmed" not in words["welcome"]
    assert syntax_words() is words

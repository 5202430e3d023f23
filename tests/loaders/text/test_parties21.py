"""Invented probes of session 21's parties change (text-extraction-history.md, "Session 21: parties"): the owner of a
decision noun right before 'to' and a supply verb gives, also when the noun is a preposition's object ('grateful for
Germany's decision to send') or owned by 'its' (the last state the sentence names before it); and a use word's past
participle right after a weapon ('Patriot missiles produced in Japan') describes the weapon, so the transfer clause
goes on to its recipient. The first three probes fail on the code before the change (the publisher's 'I' or 'we'
gave, or the recipient after the participle was lost); the others guard the readings beside it. The rocket probes
(session 21, second change): a listed system right before "rockets", or "rocket" and an ammunition word ("HIMARS
rockets", "Grad rocket ammunition"), names what it fires, as "HIMARS ammunition" did; the first two fail before.
Only a launcher's (``transfer_words.LAUNCHER_CATEGORIES``): "M72 LAW rockets" are the weapon (the last probe fails
when any system's rockets are ammunition)."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # a decision noun's owner after a preposition gives, not the speaker of a statement
    probe('decision-after-preposition', 'statement',
      "I'm grateful for Germany's decision to send Leopard 2 tanks to Ukraine.",
      'DEU>UKR:leopard-2'),
    # 'its decision to transfer': the state named before it in the sentence, not the sentence's subject
    probe('decision-its', 'statement',
      "The United States welcomes Germany's announcement today and its decision to send Leopard 2 tanks to Ukraine.",
      'DEU>UKR:leopard-2'),
    # the participle of a use word after the weapon: the clause reaches 'to the United States'
    probe('decision-its-made-participle', 'statement',
      "The United States welcomes the Government of Japan's decision to revise its export rules, and its decision to "
      "transfer Patriot missiles produced in Japan under license to the United States.",
      'JPN>USA:patriot'),
    # guards: a named owner with an adjective; a plain subject; a passive 'used' keeps its own clause
    probe('decision-adjective', 'statement',
      "We welcome Norway's recent decision to donate NASAMS to Ukraine.",
      'NOR>UKR:nasams'),
    probe('decision-none', 'news',
      "Germany will send Leopard 2 tanks to Ukraine.",
      'DEU>UKR:leopard-2'),
    probe('use-participle-no-transfer', 'news',
      "Ukraine used HIMARS launchers produced in the United States against a bridge.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


ROCKET_PROBES = [
    # a launcher's name before 'rockets', or 'rocket' and an ammunition word, names what it fires
    probe('rockets-of-launcher', 'statement',
      "We are sending Ukraine more HIMARS rockets and Javelins.",
      'USA>UKR:fgm-148-javelin'),
    probe('rocket-ammunition', 'news',
      "The Czech Republic will send Ukraine Grad rocket ammunition and BVP-1 vehicles.",
      'CZE>UKR:bmp-1'),
    # guards: 'rocket launchers' are the system; the system alone moves
    probe('rocket-launchers', 'news',
      "The Czech Republic will send Ukraine Grad rocket launchers.",
      'CZE>UKR:bm-21-grad'),
    probe('launcher-alone', 'statement',
      "We are sending HIMARS to Ukraine.",
      'USA>UKR:himars'),
    # a light weapon's rockets are the weapon (the review: lost when any system before 'rockets' was ammunition)
    probe('light-weapon-rockets', 'news',
      "Sweden will send Ukraine AT4 rockets and Norway will send M72 LAW rockets.",
      'SWE>UKR:at-4; NOR>UKR:m72-law'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), ROCKET_PROBES)
def test_rocket_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

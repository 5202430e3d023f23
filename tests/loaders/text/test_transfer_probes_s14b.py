"""Invented statement-genre transfer probes of session 14, round 2 (docs/text-extraction-history.md, "Session 14:
transfers"), the kinds para-st-dev missed: a passive whose 'by' agent follows its 'to' recipient ('has been handed
over to Ukraine by Bratislava'), the agent a name, a capital or 'the' name. Each expectation was written before the
extractor was run on it; must-not-fire probes beside them: 'by' and a date, an attack's passive, an active verb.
Then an 'include' whose subject the text's recipient owns ('Ukraine's air capabilities will keep growing, to include
F-16s'): what it has, not what it is given; a giver's own contribution and 'assistance to Ukraine includes' still
fire. Then a section heading on a line of its own ends the parties the parse carried from the text before ('the
delivery of Virginia class submarines' under an Indo-Pacific heading is no delivery to Ukraine)."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    probe('late-by', 'statement',
      'A NASAMS launcher has now been handed over to Ukraine by Oslo, and I thank the government of Norway for it.',
      'NOR>UKR:nasams'),
    probe('late-by', 'statement',
      'IRIS-T systems were delivered to Ukraine by Germany last week.',
      'DEU>UKR:iris-t'),
    probe('late-by', 'statement',
      'Leopard 2 tanks have been sent to Ukraine by the Netherlands.',
      'NLD>UKR:leopard-2'),
    # must not fire (or keep the text's supplier): 'by' and a date, an attack, an active verb with 'by'
    probe('late-by', 'statement',
      'Patriot interceptors will be delivered to Ukraine by March, as I promised President Zelenskyy.',
      'USA>UKR:patriot'),
    probe('late-by', 'statement',
      'Russian missiles were fired at Ukraine by Moscow overnight.',
      ''),
    probe('late-by', 'statement',
      'Poland sent Krab howitzers to Ukraine by rail.',
      'POL>UKR:krab'),
    # an include whose subject the text's recipient owns lists its holdings, not what it is given
    probe('own-holdings', 'statement',
      "Norway will send NASAMS launchers to Ukraine. Ukraine's air defenses will keep growing, to include Patriot "
      'batteries.',
      'NOR>UKR:nasams'),
    probe('own-holdings', 'news',
      "Poland delivered Krab howitzers to Ukraine in May. Ukraine's artillery now includes Caesar howitzers.",
      'POL>UKR:krab'),
    # must still fire: the giver's own contribution, aid to the recipient named
    probe('own-holdings', 'news',
      "Germany will send IRIS-T launchers to Ukraine. Germany's contribution also includes Gepard guns.",
      'DEU>UKR:iris-t; DEU>UKR:gepard'),
    probe('own-holdings', 'news',
      "Poland delivered Krab howitzers to Ukraine in May. It also includes Javelin missiles for Ukraine's army.",
      'POL>UKR:krab; POL>UKR:fgm-148-javelin'),
    probe('own-holdings', 'statement',
      "Our security assistance to Ukraine includes Stinger missiles.",
      'USA>UKR:stinger'),
    # a section heading (a short line of its own, no sentence mark) ends the parties carried from the text before
    probe('heading', 'statement',
      'The United States will send more Javelin missiles to Ukraine.\n\nStrengthen Security in the Indo-Pacific\n\n'
      'Japan has committed a large investment in the American shipyards to speed the delivery of Virginia class '
      'submarines.',
      'USA>UKR:fgm-148-javelin'),
    # must still fire: a heading, then a sentence naming both parties; a heading before a list under a package
    probe('heading', 'statement',
      'Support for Ukraine\n\nNorway will send NASAMS launchers to Ukraine.',
      'NOR>UKR:nasams'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

"""Session 13 round 2's invented probes: 40 sentences and short summaries written for this file, each with the
transfers it states written down before the extractor was run on it, in the shapes the first round left wrong: a
package or list that continues a supply clause in a later sentence, a giver or recipient named only in another
sentence, a relative clause naming the giver ("the tanks that Portugal pledged"), a passive "has been given ... by",
and "the arrival of Swedish Archer howitzers". Must-not-fire probes: a later sentence or paragraph about another
state, and a list of systems a state uses or produces. None is a shared document's or a gold file's; the probes
still wrong are strict xfails with the reason. One expectation was corrected after the first run, by the
documented category rule, not the output: "Poland delivered tanks to Ukraine" is a transfer of the category
(``category_nouns.csv``: tanks -> armoured-vehicles).
"""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")


PROBES = [
    # aid drawn from a stock is still given: 'inventory' and 'in service' say where it comes from, not that it stays
    # (the review after round 2: both were not-given cues and dropped the carried sentence)
    probe('cont', 'news',
      'The United States will send more aid to Ukraine. Among them are Stinger missiles from U.S. inventory.',
      'USA>UKR:stinger'),
    probe('cont', 'news',
      'Germany will send more aid to Ukraine. Among them are Gepard guns now in service with the Bundeswehr.',
      'DEU>UKR:gepard'),
    # a package or list continuing a supply clause in a later sentence
    probe('cont', 'news',
      'Sweden announced its 15th support package for Ukraine. The package includes:\n• Archer howitzers;\n• CV90 '
      'infantry fighting vehicles.',
      'SWE>UKR:archer-155mm; SWE>UKR:cv90'),
    probe('cont', 'news',
      'Germany pledged a new package of military aid to Ukraine on Tuesday. It also includes IRIS-T launchers and '
      'Gepard guns.',
      'DEU>UKR:iris-t; DEU>UKR:gepard'),
    probe('cont', 'news',
      'Denmark will give Ukraine its 19th aid package. This assistance contains CAESAR howitzers and Leopard 1 '
      'tanks.',
      'DNK>UKR:caesar-155mm; DNK>UKR:leopard-1'),
    probe('cont', 'statement',
      'Today the United States announced a new security assistance package for Ukraine worth $250 million. This '
      'package includes:\n- AIM-9M missiles;\n- Stinger missiles;\n- M113 armored personnel carriers.',
      'USA>UKR:aim-9m; USA>UKR:stinger; USA>UKR:m113'),
    probe('cont', 'news',
      'The Netherlands approved another aid package for Ukraine. The package comprises PzH 2000 howitzers. It also '
      'contains Stinger missiles.',
      'NLD>UKR:pzh-2000; NLD>UKR:stinger'),
    probe('cont', 'news',
      'Canada sent a new package to Ukraine. Among the items are M777 howitzers and NASAMS launchers.',
      'CAN>UKR:m777; CAN>UKR:nasams'),
    probe('cont', 'news',
      'Norway announced fresh military aid for Ukraine on Friday. The aid includes NASAMS launchers, M109 '
      'howitzers and Stinger missiles, the ministry said.',
      'NOR>UKR:nasams; NOR>UKR:m109; NOR>UKR:stinger'),
    probe('cont', 'news',
      'Britain will send more weapons to Ukraine. The latest delivery will include Challenger 2 tanks and AS-90 '
      'howitzers.',
      'GBR>UKR:challenger-2; GBR>UKR:as-90'),
    # must not fire: another state's systems in use or production after a supply clause
    probe('cont-no', 'news',
      'Germany announced a new aid package for Ukraine on Monday. Poland, meanwhile, operates Leopard 2 tanks and '
      'M777 howitzers.',
      ''),
    probe('cont-no', 'news',
      'Germany pledged a new aid package to Ukraine. France produces CAESAR howitzers and Rafale jets.',
      ''),
    probe('cont-no', 'news',
      'The United States announced a new package for Ukraine. Israel uses Patriot systems and F-16 jets.',
      ''),
    probe('cont-no', 'news',
      'Sweden announced aid for Ukraine on Monday.\n\nIn other news, the Indian army showed its Abrams tanks and '
      'M777 howitzers at a parade.',
      ''),
    probe('cont-no', 'news',
      'Norway pledged a new aid package to Ukraine. Russia has lost hundreds of T-90 tanks in the war.',
      ''),
    probe('cont-no', 'news',
      "Denmark announced a new aid package for Ukraine.\n\nTurkey's army includes Leopard 2 tanks and M60 tanks.",
      ''),
    probe('cont-no', 'news',
      'The Czech Republic approved new aid to Ukraine. The Czech army itself uses T-72 tanks and Dana howitzers.',
      ''),
    probe('cont-no', 'news',
      "Finland announced a new aid package for Ukraine. Finland's own arsenal includes K9 howitzers and NASAMS.",
      ''),
    # the giver or the recipient only in another sentence
    probe('other', 'news',
      'Italy has pledged more support to Ukraine. Rome will send SAMP/T launchers and Aspide missiles.',
      'ITA>UKR:samp-t; ITA>UKR:aspide'),
    probe('other', 'news',
      "Lithuania is one of Ukraine's staunchest backers. Vilnius delivered M113 carriers and Stinger missiles in "
      'May.',
      'LTU>UKR:m113; LTU>UKR:stinger'),
    probe('other', 'news',
      'French Defence Minister Sebastien Lecornu visited Kyiv on Tuesday. Paris will deliver more CAESAR '
      'howitzers, he said.',
      'FRA>UKR:caesar-155mm'),
    probe('other', 'news',
      'Kyiv has asked the West for fighter jets. Norway will deliver F-16 jets next year.',
      'NOR>UKR:f-16'),
    probe('other-no', 'news',
      'Poland delivered tanks to Ukraine last year. India will buy Rafale jets from France.',
      'POL>UKR:armoured-vehicles; FRA>IND:rafale'),
    probe('other-no', 'news',
      "Spain's defence minister visited Kyiv on Monday. Morocco will buy AH-64 Apache helicopters from the United "
      'States.',
      'USA>MAR:ah-64-apache'),
    # a relative clause naming the giver of what arrived
    probe('relative', 'news',
      'Ukraine has started using the Leopard 1 tanks that Denmark pledged last year.',
      'DNK>UKR:leopard-1'),
    probe('relative', 'news',
      'The Abrams tanks that Australia promised have arrived in Ukraine.',
      'AUS>UKR:abrams=delivered'),
    probe('relative', 'news',
      'Kyiv has received the NASAMS launchers which Norway pledged in the spring.',
      'NOR>UKR:nasams=delivered'),
    probe('relative', 'news',
      'Ukraine received the F-16 jets Belgium had promised.',
      'BEL>UKR:f-16=delivered'),
    probe('relative-no', 'news',
      'Ukraine destroyed the T-90 tanks that Russia deployed near Avdiivka.',
      ''),
    probe('relative-no', 'news',
      'Russian drones destroyed the Leopard 2 tanks that Germany sent.',
      ''),
    probe('relative-no', 'news',
      'Russia captured the Bradley vehicles the United States had supplied.',
      ''),
    # a passive receiver with the giver after "by"
    probe('passive', 'news',
      'Ukraine has been given Gepard guns by Germany.',
      'DEU>UKR:gepard'),
    probe('passive', 'news',
      'Ukrainian pilots have been given F-16 jets by Denmark.',
      'DNK>UKR:f-16'),
    probe('passive', 'news',
      'Kyiv was sent Patriot missiles by the United States in April.',
      'USA>UKR:patriot'),
    probe('passive-no', 'news',
      'Ukraine has been given permission by Britain to fire Storm Shadow missiles at Russia.',
      ''),
    # the arrival of a weapon named with a state's adjective
    probe('arrival', 'news',
      'Ukraine celebrated the arrival of German Leopard 2 tanks.',
      'DEU>UKR:leopard-2'),
    probe('arrival', 'news',
      'Kyiv confirmed the arrival of Norwegian NASAMS launchers.',
      'NOR>UKR:nasams',
      xfail="'confirmed' reports an arrival; only a welcoming verb's subject is read as receiving"),
    probe('arrival', 'news',
      'The arrival of American Abrams tanks in Ukraine was delayed.',
      'USA>UKR:abrams'),
    probe('arrival-no', 'news',
      'Kyiv reported the arrival of Iranian Shahed drones over the capital.',
      ''),
    probe('arrival-no', 'news',
      'Poland welcomed the arrival of American troops.',
      ''),
    probe('arrival-no', 'news',
      'Ukraine is waiting for the arrival of winter.',
      ''),
    probe('arrival', 'news',
      'Russia celebrated the arrival of Iranian Shahed drones at its bases.',
      'IRN>RUS:shahed-136'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

"""Invented probes of session 18 (text-extraction-history.md, "Session 18: clauses and lists"): where nothing moves.
Interceptors for a state's own system ('for Israel's Iron Dome') are not the system; weapons 'from our allies' have
givers the text does not name; a third party's transfer is not the text's own state's. Each expectation was written
before the extractor ran on it; must-fire probes beside them."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # 'have gone to', 'went to': an arrival, only towards a place
    probe('gone', 'news',
      'Twelve Caesar howitzers from France have gone to Ukraine.',
      'FRA>UKR:caesar=delivered'),
    probe('gone', 'news',
      'Eight IRIS-T launchers from Germany went to Ukraine in June.',
      'DEU>UKR:iris-t=delivered'),
    probe('gone-no', 'news',
      'Many Ukrainian refugees have gone to Poland.',
      ''),
    probe('gone-no', 'news',
      'Scholz went to Kyiv last week.',
      ''),
    # a relative clause with its own state subject replacing what moves: the replacement goes to the giver
    probe('replacement', 'news',
      'Greece has agreed to send Ukraine dozens of Soviet-era BMP-1 infantry fighting vehicles, which Germany will '
      'replace with Marder vehicles from its own stock.',
      'GRC>UKR:bmp-1; DEU>GRC:marder'),
    probe('replacement', 'news',
      'Slovakia will send its MiG-29 jets to Ukraine, which the United States will replace with F-16s.',
      'SVK>UKR:mig-29; USA>SVK:f-16'),
    probe('replacement-no', 'news',
      'Poland sent T-72 tanks to Ukraine, which Germany praised, and Krab howitzers.',
      'POL>UKR:t-72; POL>UKR:krab'),
    # forces named by their state's demonym as the first of two objects: that state receives
    probe('forces-object', 'news',
      'Slovakia sends 30 BMP-1 vehicles to Ukraine, Germany gives the Slovak army 15 Leopard 2A4 tanks in return.',
      'SVK>UKR:bmp-1; DEU>SVK:leopard-2'),
    probe('forces-object', 'news',
      'Poland sends Ukraine T-72 tanks. Germany gives the Polish army Leopard 2 tanks.',
      'POL>UKR:t-72; DEU>POL:leopard-2'),
    probe('forces-object', 'news',
      'The United States sent Ukraine HIMARS. Germany sent the Ukrainian army IRIS-T.',
      'USA>UKR:himars; DEU>UKR:iris-t'),
    probe('forces-object-no', 'news',
      'Poland sent Ukraine T-72 tanks. The Polish army will get K2 tanks from South Korea.',
      'POL>UKR:t-72; KOR>POL:k2'),
    # a part for a state's own system: the state's possessive does not make the system what moves
    probe('own-system-no', 'statement',
      'The first shipment of U.S. security assistance to Israel, including munitions and additional interceptors '
      "for Israel's Iron Dome system, is already moving.",
      ''),
    probe('own-system-no', 'news',
      "The United States will send Ukraine spare parts for Ukraine's Patriot batteries.",
      ''),
    probe('own-system', 'news',
      "The United States will send Ukraine interceptors for Ukraine's Patriot batteries, Stinger missiles and GMLRS "
      'rockets.',
      'USA>UKR:stinger; USA>UKR:gmlrs'),
    probe('own-system', 'news',
      "Israel's Iron Dome system was praised. The United States will send Iron Dome batteries to Ukraine.",
      'USA>UKR:iron-dome'),
    # 'from our allies': givers the text does not name
    probe('from-allies-no', 'statement',
      'The first Abrams tanks have arrived in Ukraine. The delivery of the Abrams joins that of Leopard 1 and '
      'Leopard 2 tanks from our European Allies.',
      'USA>UKR:abrams'),
    probe('from-allies-no', 'statement',
      'The transfer of Leopard 2 tanks from partners to Ukraine continues.',
      ''),
    probe('from-allies', 'statement',
      'The transfer of Leopard 2 tanks from Germany to Ukraine continues.',
      'DEU>UKR:leopard-2'),
    probe('from-allies', 'news',
      'The delivery of Leopard 2 tanks from Poland to Ukraine began on Monday.',
      'POL>UKR:leopard-2'),
    # a third party's transfer: not the text's own state's
    probe('third-party-no', 'statement',
      'We will expedite the approval of third-party transfer requests for F-16s, so that those aircraft can go '
      'to Ukraine.',
      ''),
    probe('third-party-no', 'statement',
      'We will approve third-party transfer requests for Gripen jets quickly, and those jets can reach Ukraine '
      'this year.',
      ''),
    probe('third-party-no', 'statement',
      'The United States has sent HIMARS launchers to Ukraine. We will expedite the approval of third-party transfer '
      'requests for F-16s, so that those aircraft can go to Ukraine.',
      'USA>UKR:himars'),
    probe('third-party', 'statement',
      'The United States has sent HIMARS launchers to Ukraine. The HIMARS launchers arrived in Ukraine last week.',
      'USA>UKR:himars'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_rules_alone(kind: str, genre: str, text: str, written: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_TEXT_LEARNED", "off")
    check(kind, genre, text, written)

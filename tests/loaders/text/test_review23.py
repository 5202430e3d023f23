"""Probes of the session 23 review's mends (docs/text-extraction-history.md, "Session 23: review"). Each must-not-fire
sentence gave a wrong fact, or stopped ``extract``, before the mend: a 'replaced by' whose 'from' lies past the
clause's cut raised StopIteration; systems replaced after a loss, or another state's, are not the giver's; an
identification that is negated or hypothetical moves nothing; a seat of government named as a place or in a compound
modifier is no speaker (the cache's pruning race is probed in test_startup_speed22.py). The positive probes keep
what the rules were written for."""

from __future__ import annotations

import pytest
from extraction_views import said
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

parsed = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    probe('replaced-from-past-cut', 'news',
          "Australia will send 49 of its retired M1A1 Abrams tanks to Ukraine, the minister said. The tanks were "
          "recently replaced by newer M1A2 but from the US.", 'AUS>UKR:abrams'),
    probe('replaced-after-loss', 'news',
          "Germany delivered Leopard 2 tanks to Ukraine last year. The tanks destroyed near Avdiivka were replaced by "
          "Abrams tanks from the United States.", 'DEU>UKR:leopard-2'),
    probe('replaced-another-state', 'news',
          "Germany delivered Leopard 2 tanks to Ukraine last year. Ukraine's Leopard 2 tanks were later replaced by "
          "Abrams tanks from the United States.", 'DEU>UKR:leopard-2'),
    probe('replaced-own', 'news',
          "Australia will send 49 of its retired Abrams tanks to Ukraine. The tanks were replaced in the Australian "
          "Army by newer M1A2 Abrams tanks bought from the United States.", 'AUS>UKR:abrams;USA>AUS:abrams'),
    probe('identified-negated', 'news',
          "North Korea has given Russia ballistic missiles. Experts could not identify the weapons as KN-23 missiles.",
          'PRK>RUS:missiles'),
    probe('identified-hypothetical', 'news',
          "North Korea has given Russia ballistic missiles. If these are KN-23 missiles, the range would be 900 km.",
          'PRK>RUS:missiles'),
    probe('identified', 'news',
          "North Korea has given Russia ballistic missiles. U.S. officials identified the weapons as KN-23 missiles.",
          'PRK>RUS:kn-23'),
]


@parsed
@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def _speakers(text: str) -> set[str]:
    return {speaker for speaker, _ in said(text, {"date": "2024-03-01", "publisher": "Reuters", "title": "A summary"})}


@parsed
@pytest.mark.parametrize("text", [
    "Zelensky met Macron at the Elysée on Monday. Outside the Elysée, protesters said France should send Mirage jets.",
    "Near Downing Street, demonstrators said Britain should send more Storm Shadow missiles.",
])
def test_a_seat_named_as_a_place_is_no_speaker(text: str) -> None:
    assert "country:FRA" not in _speakers(text) and "country:GBR" not in _speakers(text)


@parsed
@pytest.mark.parametrize(("text", "state"), [
    ("The Elysée said France would send more Caesar howitzers to Ukraine.", "country:FRA"),
    ("Kyiv asked for more jets, and Downing Street said Britain would send Storm Shadow missiles.", "country:GBR"),
])
def test_a_seat_that_opens_its_clause_speaks_for_its_state(text: str, state: str) -> None:
    assert state in _speakers(text)

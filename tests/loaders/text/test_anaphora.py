"""The anaphora resolver (loaders/text/anaphora.py, text-extraction-history.md "Session 15: transfers"): a system named
again by a definite noun phrase or by a pronoun in a passive transfer clause is a mention of that system, and the
transfer rules read its sentence as if the system were named. Invented sentences; each expectation written before
the extractor ran on it; must-not-fire ones beside them (two systems the noun fits, 'the other tanks', a noun
modifying another, a category the noun does not name, a system too far back, an active 'they', a passive with an
object of its own)."""

from __future__ import annotations

import pytest
from transfer_probes import META, check, probe

from armsgraph.loaders.text.anaphora import Named, resolve, singular
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.textdoc import TextDoc

needs_parse = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")


def resolved(text: str) -> list[tuple[str, str]]:
    """(words, weapon id) of each anaphor the parsed document resolved."""
    d = TextDoc(text, dict(META["news"]))
    return [(e.text, e.ent_id_) for e in d.doc.ents if e.start in d.anaphors]


@pytest.mark.parametrize(("text", "want"), [
    ("France pledged Mirage 2000 jets to Ukraine. The jets were delivered in March.",
     [("The jets", "weapon:mirage-2000")]),
    # the noun it was named with, not a category noun
    ("France sent Caesar howitzers to Ukraine. The first howitzers arrived in May.",
     [("The first howitzers", "weapon:caesar-155mm")]),
    ("Germany pledged IRIS-T systems to Egypt. The system will be delivered next year.",
     [("The system", "weapon:iris-t")]),
    ("Ukraine took delivery of Mirage 2000 fighters. They were donated by France.",
     [("They", "weapon:mirage-2000")]),
    ("France pledged Mirage 2000 jets to Ukraine. Paris will send them in May.",
     [("them", "weapon:mirage-2000")]),
    # must not fire
    ("Germany sent Leopard 2 tanks and Poland sent PT-91 tanks to Ukraine. The tanks were delivered in May.", []),
    ("Germany sent Leopard 2 tanks to Ukraine. The other tanks were delivered by Poland.", []),
    ("Germany sent Leopard 2 tanks to Ukraine. The tank crews were trained in Poland.", []),
    ("Germany sent IRIS-T systems to Ukraine. The tanks were delivered by Poland.", []),
    ("Germany sent Leopard 2 tanks to Ukraine. Talks went on. Nothing was said. The tanks were delivered in May.",
     []),
    ("Ukraine took delivery of Mirage 2000 fighters. They thanked France.", []),
    ("Germany bought IRIS-T systems. It was given tanks by France.", []),
    ("Germany sent Leopard 2 tanks to Ukraine, and Russia destroyed the tanks.", []),
])
def test_resolved(text: str, want: list[tuple[str, str]]) -> None:
    assert resolved(text) == want


def test_resolve_needs_one_system() -> None:
    """Without the pipeline: two systems a noun fits give nothing; one gives it."""
    lower = ["a", "tanks", "and", "b", "tanks", ".", "the", "tanks"]
    sent_of = [0] * 6 + [1, 1]
    two = [Named(0, 1, "weapon:a", "armoured-vehicles", "tank"), Named(3, 4, "weapon:b", "armoured-vehicles", "tank")]
    nouns = {"tank": frozenset({"armoured-vehicles"})}
    assert resolve(lower, sent_of, set(), two, nouns, frozenset(), frozenset()) == []
    one = resolve(lower, sent_of, set(), two[:1], nouns, frozenset(), frozenset())
    assert [(r.start, r.end, r.weapon_id) for r in one] == [(6, 8, "weapon:a")]
    assert singular("batteries") == "battery" and singular("howitzers") == "howitzer" and singular("class") == "class"


PROBES = [
    probe('anaphor', 'news',
      'France pledged Mirage 2000 jets to Ukraine. The jets were donated by Paris in March.',
      'FRA>UKR:mirage-2000=delivered'),
    probe('anaphor', 'news',
      'Ukraine took delivery of Mirage 2000 fighters. They were donated by France.',
      'FRA>UKR:mirage-2000=delivered'),
    probe('anaphor', 'news',
      'Norway bought NASAMS launchers last year. The launchers will be handed over to Ukraine by Oslo.',
      'NOR>UKR:nasams=pledged'),
    probe('anaphor', 'news',
      'Lithuania has repaired ten Leopard 2 tanks. Vilnius will send the tanks to Ukraine in May.',
      'LTU>UKR:leopard-2'),
    # must not fire
    probe('anaphor-no', 'news',
      'Germany sent Leopard 2 tanks and Poland sent PT-91 tanks to Ukraine. The tanks were donated by Spain.',
      # two systems the noun fits: no anaphor, the category rule reads 'the tanks' (a category-level transfer)
      'DEU>UKR:leopard-2; POL>UKR:pt-91; ESP>UKR:armoured-vehicles'),
    probe('anaphor-no', 'news',
      'Ukraine took delivery of Mirage 2000 fighters. They thanked France.',
      ''),
]


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

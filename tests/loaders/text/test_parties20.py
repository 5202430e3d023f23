"""Invented probes of session 20's parties change (text-extraction-history.md, "Session 20: parties"): the three tests
of "a preposition's object is no subject" are one helper, ``Parties.after_preposition(i, bound)``, read from the
sentence start by ``first_actor`` and from the text's start by ``supplier_in`` and its coordination. Behaviour is
unchanged. The first two probes fail when the helper answers "no" everywhere; the other two guard the coordination
reading beside it (a preposition's object is no second giver; two coordinated subjects both give)."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # first_actor: 'It' is the sentence before's first state outside a prepositional phrase, not Poland after 'with'
    probe('prep-first-actor', 'news',
      'At a meeting with Poland, Lithuania announced more aid. It will deliver NASAMS to Ukraine.',
      'LTU>UKR:nasams'),
    # supplier_in: the giver left of the verb is not the object of 'with'
    probe('prep-supplier', 'news',
      'In talks with Poland, Germany promised Leopard 2 tanks to Ukraine.',
      'DEU>UKR:leopard-2'),
    # supplier_in's coordination: 'to Ukraine, Germany gives' -- Ukraine is the object of 'to', no second giver
    probe('prep-coordination', 'news',
      'Slovakia sends BMP-1 vehicles to Ukraine, Germany gives Marder vehicles.',
      'SVK>UKR:bmp-1; DEU>UKR:marder'),
    # coordination without a preposition: both give
    probe('prep-coordination-both', 'news',
      'Germany and Poland will send Leopard 2 tanks to Ukraine.',
      'DEU>UKR:leopard-2; POL>UKR:leopard-2'),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

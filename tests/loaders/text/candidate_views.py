"""What the learned classifier's tests read: a document run through the rule components, and its candidate triples
keyed by (supplier, recipient, weapon) codes."""

from __future__ import annotations

from armsgraph.loaders.text.candidates import Candidate
from armsgraph.loaders.text.extract import RULE_COMPONENTS, run_components
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc

WIRE: dict[str, object] = {"date": "2024-03-02", "publisher": "Example Wire", "title": "Defence news"}
"""A wire service with no state and a title that names none."""


def read(text: str, meta: dict[str, object] = WIRE) -> tuple[TextDoc, Facts]:
    d = TextDoc(text, dict(meta))
    return d, run_components(d, RULE_COMPONENTS)


def by_triple(found: list[Candidate]) -> dict[tuple[str, str, str], Candidate]:
    return {(c.supplier.partition(":")[2], c.recipient.partition(":")[2], c.weapon.partition(":")[2]): c
            for c in found}

"""Transfers: supplier, recipient and weapon from clauses with a transfer word, unless negated,
hypothetical, a question, a deployment of own forces or a use of weapons. The components; the rules are in the
``transfer_*`` modules (docs/architecture.md)."""

from __future__ import annotations

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_clauses import ClauseReader
from armsgraph.loaders.text.transfer_parse import ParseReader
from armsgraph.loaders.text.transfer_rules import TransferRules


def clause_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: transfers read clause by clause from transfer words (``transfer:<kind>-<tense>``, list items)."""
    before = set(f.transfers)
    ClauseReader(TransferRules(d, f)).read()
    return [t for k, t in f.transfers.items() if k not in before]


def syntax_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: transfers the parse states that the clause rules did not read (``transfer:syntax-<kind>``)."""
    before = set(f.transfers)
    ParseReader(TransferRules(d, f)).read()
    return [t for k, t in f.transfers.items() if k not in before]


def described_categories(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: drops a category-level transfer a named system of the category describes; returns those kept."""
    TransferRules(d, f).record.drop_described_categories()
    return list(f.transfers.values())

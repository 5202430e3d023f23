"""Document text -> :class:`Extraction`: entities, officials' positions, transfers and attributed claims.

The document is parsed once (``textdoc.TextDoc``: tokens, sentences, the trained pipeline's parse, entity
mentions) and is read-only from then on. ``PIPELINE`` lists the rule components in the order they run; each is a
function ``(document, facts) -> list of typed facts`` that reads the document and the facts found before it and
adds its own to ``facts.Facts``. No component inherits from another, and each can be run on its own
(``run_components``). Each fact names its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel

from armsgraph.loaders.text.approved_transfers import approved_transfers
from armsgraph.loaders.text.claims import claims
from armsgraph.loaders.text.entities import gazetteer_entities
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.frames import carried_transfers
from armsgraph.loaders.text.learned_transfers import learned_transfers
from armsgraph.loaders.text.named_givers import named_giver_transfers
from armsgraph.loaders.text.package_frames import package_transfers
from armsgraph.loaders.text.persons import persons
from armsgraph.loaders.text.phrase_transfers import (
    deal_transfers,
    identified_transfers,
    replaced_transfers,
    thanked_transfers,
)
from armsgraph.loaders.text.presence_transfers import present_transfers
from armsgraph.loaders.text.replenished_systems import replenished_transfers
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_vetoes import vetoed_transfers
from armsgraph.loaders.text.transfers import clause_transfers, described_categories, syntax_transfers
from armsgraph.schema import Transfer

Component = Callable[[TextDoc, Facts], Sequence[BaseModel]]
"""A rule component: reads the parsed document and the facts so far, adds its facts and returns them."""


def claims_about_transfers(d: TextDoc, f: Facts) -> list[BaseModel]:
    """A claim that reports a transfer is about that transfer too (the graph keeps both: the transfer read from the
    sentence, and who said so); every transfer's parties are entities. Returns the claims that gained a link."""
    for tr in f.transfers.values():
        for ident in (tr.supplier, tr.recipient):
            f.ensure_entity(ident)
    linked: list[BaseModel] = []
    for claim in f.claims:
        for tr in f.transfers.values():
            if tr.evidence.start < claim.end and claim.start < tr.evidence.end:
                weapon = f.entities.get(tr.weapon)
                weapon_here = weapon is not None and any(claim.start <= m.start < claim.end
                                                         for m in weapon.mentions)
                ident = Transfer.id_of(key=tr.key)
                if weapon_here and ident not in claim.about:
                    claim.about.append(ident)
                    linked.append(claim)
    return linked


RULE_COMPONENTS: tuple[Component, ...] = (
    gazetteer_entities,      # entity mentions, actor and pronoun references
    persons,                 # officials and positions
    claims,                  # attributed claims (the parse's speech verbs included)
    clause_transfers,        # transfers clause by clause
    syntax_transfers,        # transfers from the parse the clause rules did not read
    deal_transfers,          # '<buyer> signed a deal with <seller> for <weapon>': no transfer word
    thanked_transfers,       # '<recipient> thanked <supplier> for <weapon>'
    present_transfers,       # '<weapons> from <giver> are now with <recipient>'
    carried_transfers,       # systems listed in later sentences under the text's transfer frame
    package_transfers,       # what a US text lists as the contents of the package it announced
    named_giver_transfers,   # 'F-16s provided by our partners Denmark and Norway': givers named after the system
    replenished_transfers,   # 'It replenishes Iron Dome and David's Sling': to the state that fields them
    approved_transfers,      # 'assurances to Denmark and the Netherlands that it will approve the transfer of F-16s'
    identified_transfers,    # 'identified the weapons as KN-23': a generic weapon given, then named
    replaced_transfers,      # 'the tanks were replaced by newer M1A2 from the US': to the giver of the tanks
    described_categories,    # a category-level transfer a named system describes goes
)
"""The rule components: what the learned classifier's candidates and features are read from (and trained on)."""

PIPELINE: tuple[Component, ...] = (
    *RULE_COMPONENTS,
    learned_transfers,       # candidate triples the learned classifier accepts (data/transfer_model.json)
    vetoed_transfers,        # readings no rule should make, whichever made them: dropped (transfer_vetoes.py)
    claims_about_transfers,  # claims -> the transfers they report
)


def run_components(d: TextDoc, components: Sequence[Component] = PIPELINE) -> Facts:
    """Run ``components`` in order over one parsed document; the facts they found."""
    f = Facts(d)
    for component in components:
        component(d, f)
    return f


def extraction_of(f: Facts) -> Extraction:
    """The stable JSON shape of what the components found."""
    order = {"Country": 0, "Organization": 1, "Person": 2, "WeaponSystem": 3, "WeaponCategory": 4, "Treaty": 5}
    entities = sorted(f.entities.values(), key=lambda x: (order.get(x.type, 9), x.id))
    return Extraction(
        document=f.doc.document, entities=entities, positions=list(f.positions.values()),
        transfers=sorted(f.transfers.values(), key=lambda t: t.evidence.start), claims=f.claims,
        warnings=f.warnings,
    )


def extract_text(text: str, document: dict[str, object] | None = None, base_offset: int = 0) -> Extraction:
    """Extract from a document body. ``document`` holds its metadata (date, publisher, ...)."""
    return extraction_of(run_components(TextDoc(text, dict(document or {}), base_offset)))

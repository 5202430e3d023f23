"""Document text -> :class:`Extraction`: entities, officials' positions, transfers and attributed claims.

Rules, in order: the EntityRuler marks gazetteer names (countries, capitals, demonyms, organisations,
weapons, treaties, titles, known officials); a title followed or preceded by a capitalised name makes a
person with a position; quotations and speech verbs make claims with a speaker; transfer verbs with a
supplier, a recipient and a weapon in the same clause make transfers, unless the clause is negated,
hypothetical, a deployment of one's own forces or a use of weapons. Each fact names its rule.
"""

from __future__ import annotations

from armsgraph.loaders.text.extraction import Entity, Extraction
from armsgraph.loaders.text.textdoc import ENTITY_TYPES
from armsgraph.loaders.text.transfers import TransferRules
from armsgraph.schema import Transfer


class Extractor(TransferRules):
    """One document's extraction; construct, then call :meth:`run`."""

    def run(self) -> Extraction:
        self.gazetteer_entities()
        self.persons_and_positions()
        self.claims_in()
        self.transfers_in()
        self.syntax_transfers_in()
        self.drop_described_categories()
        for tr in self.transfers.values():
            for ident in (tr.supplier, tr.recipient):
                if ident not in self.entities and ident.partition(":")[0] in ENTITY_TYPES:
                    self.entities[ident] = Entity(type=ENTITY_TYPES[ident.partition(":")[0]], id=ident,
                                                  name=self.g.name_of(ident))
        # a claim that reports a transfer is about that transfer too (the graph keeps both: the transfer read
        # from the sentence, and who said so)
        for claim in self.claims:
            for tr in self.transfers.values():
                if tr.evidence.start < claim.end and claim.start < tr.evidence.end:
                    weapon = self.entities.get(tr.weapon)
                    weapon_here = weapon is not None and any(claim.start <= m.start < claim.end
                                                             for m in weapon.mentions)
                    ident = Transfer.id_of(key=tr.key)
                    if weapon_here and ident not in claim.about:
                        claim.about.append(ident)
        order = {"Country": 0, "Organization": 1, "Person": 2, "WeaponSystem": 3, "WeaponCategory": 4, "Treaty": 5}
        entities = sorted(self.entities.values(), key=lambda x: (order.get(x.type, 9), x.id))
        return Extraction(
            document=self.document, entities=entities, positions=list(self.positions.values()),
            transfers=sorted(self.transfers.values(), key=lambda t: t.evidence.start), claims=self.claims,
            warnings=self.warnings,
        )


def extract_text(text: str, document: dict[str, object] | None = None, base_offset: int = 0) -> Extraction:
    """Extract from a document body. ``document`` holds its metadata (date, publisher, ...)."""
    return Extractor(text, dict(document or {}), base_offset).run()

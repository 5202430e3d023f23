"""One transfer fact from its parties, weapon mention and sentence: its key, stage, quantity and
attribution; and the category-level transfers a named system describes."""

from __future__ import annotations

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import Entity, TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.quantities import quantity_before
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.schema.ids import digest
from armsgraph.schema.values import Stage


def transfer_key(supplier: str, recipient: str, weapon: str, year: str, attributed: bool,
                 speaker: str | None) -> str:
    """The key of a transfer: its parties, weapon and year, and who reported it when it was someone's statement."""
    parts = [supplier, recipient, weapon, year]
    if attributed:
        # a report inside someone's statement is that speaker's, never the document's own assertion
        parts += ["reported-by", speaker or "unnamed-source"]
    return "text-" + digest(*parts)


def merge_reading(prior: TransferFact, stage: str, quantity: int | None, quantity_text: str | None) -> None:
    """Another reading of the transfer ``prior``: the most advanced stage read wins (announced, then delivered),
    and a quantity fills one not read before."""
    if Stage(stage).advancement > Stage(prior.status).advancement:
        prior.status = stage
    if prior.quantity is None and quantity is not None:
        prior.quantity, prior.quantity_text = quantity, quantity_text


class Recorder:
    """Records transfer facts."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far."""

    def transfer(self, supplier: str, recipient: str, weapon_ent: Span, stage: str, sent: Span,
                  rule: str, joint: bool = False, reported: tuple[bool, str | None] | None = None) -> None:
        """One transfer read from ``sent``; ``joint``: one of several suppliers of the same mention ('Germany,
        Denmark and the Netherlands will provide 178 Leopard-1'), whose number is theirs together, not each one's;
        ``reported``: who reported the frame it continues, when that was someone's statement."""
        if supplier == recipient or not supplier.startswith(("country:", "org:")) or not recipient.startswith(
                ("country:", "org:")):
            return
        weapon = self.moved(weapon_ent)
        when, when_text = self.d.date_in(sent.start, sent.end)
        year = (when or "")[:4] or "undated"
        mention = self.d.token_span(weapon_ent.start, weapon_ent.end)
        attributed, speaker = self.attribution(mention.start, mention.end, sent)
        if not attributed and reported is not None and reported[0]:
            attributed, speaker = reported
        key = transfer_key(supplier, recipient, weapon, year, attributed, speaker)
        quantity = None if joint else quantity_before(self.d.lower, self.d.ent_types, weapon_ent.start,
                                                      self.d.g.quantity_words)
        if key in self.f.transfers:
            merge_reading(self.f.transfers[key], stage, quantity[0] if quantity else None,
                          self.d.token_span(quantity[1], weapon_ent.start).text if quantity else None)
            return
        self.f.transfers[key] = TransferFact(
            key=key, supplier=supplier, recipient=recipient, weapon=weapon, status=stage, date=when,
            date_text=when_text, evidence=self.d.token_span(sent.start, sent.end), rule=rule,
            quantity=quantity[0] if quantity else None,
            quantity_text=self.d.token_span(quantity[1], weapon_ent.start).text.strip() if quantity else None,
            weapon_mention=mention, attributed=attributed, attributed_to=speaker,
        )

    def moved(self, weapon_ent: Span) -> str:
        """The WeaponSystem id a mention moves; a category mention ('cluster munitions') moves the category-level
        system of that category, which the entities list with the category and no mention of its own."""
        ident = weapon_ent.ent_id_
        if not ident.startswith("category:"):
            return ident
        system_id, name = self.d.g.category_system(ident)
        if system_id not in self.f.entities:
            self.f.entities[system_id] = Entity(type="WeaponSystem", id=system_id, name=name, category=ident)
        return system_id

    def drop_described_categories(self) -> None:
        """A category-level transfer ('the decision to include cluster munitions') is dropped when the document
        has a transfer of a named system of that category between the same parties (DPICM): it describes it."""
        categories = self.d.g.category_systems

        def parties(t: TransferFact) -> tuple[str, str, str | None]:
            entity = self.f.entities.get(t.weapon)
            return t.supplier, t.recipient, entity.category if entity else None

        named = {parties(t) for t in self.f.transfers.values() if t.weapon not in categories}
        for key, t in list(self.f.transfers.items()):
            if t.weapon in categories and parties(t) in named:
                del self.f.transfers[key]
        used = {t.weapon for t in self.f.transfers.values()}
        for ident in categories - used:
            self.f.entities.pop(ident, None)

    def attribution(self, start: int, end: int, sent: Span) -> tuple[bool, str | None]:
        """Whose statement a weapon mention at [start, end) is reported in: a claim's speaker, or an unnamed
        source ('according to Spiegel sources', 'reportedly'); (False, None) for the document's own voice."""
        covering = self.f.claim_spans().covering(start, end)
        if covering is not None:
            return True, covering.speaker
        words = self.d.lower[sent.start : sent.end]
        for i, w in enumerate(words):
            if self.d.g.cues.get(w) == "hearsay":
                return True, None
            if w == "according" and i + 1 < len(words) and words[i + 1] == "to" and any(
                    self.d.g.cues.get(x) == "unnamed-source" for x in words[i + 2 : i + 6]):
                return True, None
        return False, None

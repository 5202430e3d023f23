"""The parse rules: transfers the dependency parse states that the clause rules did not read."""

from __future__ import annotations

from armsgraph.loaders.text.facts import FIRST_PERSON
from armsgraph.loaders.text.headings import is_heading
from armsgraph.loaders.text.passed_on import unpassed
from armsgraph.loaders.text.syntax_transfers import candidates
from armsgraph.loaders.text.transfer_rules import TransferRules


class ParseReader:
    """Reads transfers from the parse."""

    def __init__(self, rules: TransferRules) -> None:
        self.d = rules.d
        self.f = rules.f
        self.parties = rules.parties
        self.recipients = rules.recipients
        self.stages = rules.stages
        self.mentions = rules.mentions
        self.record = rules.record

    def read(self) -> None:
        """Transfers the parse states that the clause rules did not read (rule ``transfer:syntax-<kind>``)."""
        view = self.mentions.view
        if view is None:
            return
        found = {(t.supplier, t.recipient, t.weapon) for t in self.f.transfers.values()}
        title_recipient = self.recipients.title_recipient()
        frame_supplier: str | None = self.d.first_person
        frame_recipient: str | None = title_recipient
        # the clause rules' own readings, by where their evidence ends: the frame of the text before a sentence
        frames = sorted((t.evidence.end, n, t.supplier, t.recipient) for n, t in enumerate(self.f.transfers.values()))
        seen = 0
        ent_at = {(w.start, w.end): w for w in self.d.weapon_ents}
        read: dict[int, set[tuple[str, str]]] = {}
        """The clause rules' readings by where their weapon mention starts (characters, as in the output)."""
        paired: set[int] = set()
        """Mentions the clause rules paired with one supplier each ('A and B will provide X and Y, respectively')."""
        for t in self.f.transfers.values():
            if t.weapon_mention is not None:
                read.setdefault(t.weapon_mention.start, set()).add((t.supplier, t.recipient))
                if t.rule.endswith("-respectively"):
                    paired.add(t.weapon_mention.start)
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            if e - s > 400 or self.d.words[e - 1] == "?" or (e - s > 1 and self.d.words[e - 2] == "?"):
                continue
            while seen < len(frames) and frames[seen][0] <= self.d.cstart(s) + self.d.base:
                frame_supplier, frame_recipient = frames[seen][2], frames[seen][3]
                seen += 1
            movable = {(w.start, w.end) for w in self.mentions.weapons(s, e)}
            if is_heading(self.d, s, e) and not movable:
                # 'Strengthen Security in the Indo-Pacific' on a line of its own: a new section, the parties the
                # parse carried from the text before end here
                frame_supplier, frame_recipient = self.d.first_person, title_recipient
                continue
            next_supplier, next_recipient = frame_supplier, frame_recipient
            # a 'pass' that passes nothing on ('to pass funding') is no transfer word here either (passed_on.py)
            triggers_at = [k for k in range(s, e)
                           if self.d.lower[k] in self.d.g.triggers and not unpassed(self.d.lower, k, s, e)]
            blocked = False
            for cand in candidates(view, (s, e)):
                if cand.negated:
                    continue
                # cues as the clause rules read them: from the transfer word before this one in the sentence (or
                # the sentence start), whatever the parse says the clause is ('We call on Congress to ... so we can
                # send', 'There are no plans to send')
                left = max([s, *(k + 1 for k in triggers_at if k < cand.trigger)])
                stages, negated, hypothetical = self.stages.cues(min(left, cand.clause_start), cand.trigger + 1)
                if negated or hypothetical:
                    blocked = blocked or cand.kind in ("supply", "noun")
                    continue
                if blocked and cand.kind == "include":
                    continue
                before_trigger = self.d.lower[cand.clause_start : cand.trigger]
                unnamed = any(self.d.g.cues.get(w) == "unnamed-actor" for w in before_trigger)
                we = self.d.first_person is None and any(w in FIRST_PERSON for w in before_trigger)
                suppliers = list(cand.suppliers)
                if not suppliers and not unnamed and not we and cand.kind != "receive" and cand.weapon >= 0:
                    owner = self.parties.own_state_of(ent_at[view.weapons[cand.weapon]])
                    suppliers = [owner] if owner else []  # 'Sweden's CV90 vehicles have been handed over'
                if not suppliers and not unnamed and not we and cand.kind != "receive" and frame_supplier:
                    suppliers = [frame_supplier]
                named = self.recipients.final_recipient(cand.trigger + 1, e) or cand.recipient
                # a recipient carried from the text around it never goes to the other side's giver ('Tehran is
                # providing': not to Ukraine); a recipient the clause names stays
                recipient = named or self.recipients.for_side(suppliers, frame_recipient)
                if cand.kind != "receive" and suppliers and not unnamed:
                    next_supplier = suppliers[0]
                if recipient:
                    next_recipient = recipient
                if cand.weapon < 0:
                    continue
                if cand.kind != "include" and not cand.suppliers and cand.recipient is None:
                    continue  # neither party in the clause: the frame alone does not make a transfer
                if not cand.borrow and not (cand.suppliers and cand.recipient):
                    continue
                span = view.weapons[cand.weapon]
                if span not in movable or recipient is None:
                    continue
                prior = read.get(self.d.cstart(span[0]) + self.d.base, set())
                if self.d.cstart(span[0]) + self.d.base in paired:
                    continue  # each supplier has its own system here: the parse's coordination does not apply
                if prior and (not cand.suppliers or cand.recipient is None):
                    continue  # a party borrowed from the text before never re-reads a mention the clause rules read
                named_here = {view.actors[k] for k in range(s, e) if k in view.actors}
                if not cand.specific and any(r == recipient and x in named_here and x not in suppliers
                                             for x, r in prior):
                    continue  # 'Germany will supply IRIS-T and Poland will provide Krab': one supplier named here each
                readings = self.d.g.triggers.get(self.d.lower[cand.trigger], [])
                past = any(tense == "past" for _, tense in readings) and cand.kind in ("supply", "receive")
                stage = self.stages.stage_at(stages, past, cand.trigger)
                weapon_ent = ent_at[span]
                if cand.specific and suppliers:
                    # the weapon's own 'from' wins over the clause's supplier: drop the clause rules' other reading
                    mention = self.d.token_span(*span)
                    for key, t in list(self.f.transfers.items()):
                        if t.weapon_mention is not None and t.weapon_mention.start == mention.start \
                                and t.supplier not in suppliers and not t.rule.startswith("transfer:syntax") \
                                and t.recipient == recipient:
                            del self.f.transfers[key]
                            found.discard((t.supplier, t.recipient, t.weapon))
                at = self.d.token_span(sent.start, sent.end).start
                if any(t.supplier == recipient and "-gapped" in t.rule for t in self.f.transfers.values()
                       if t.evidence.start == at):
                    continue  # the clause rules read the recipient as a donor of this sentence (gapping)
                owner = self.parties.owner_on(weapon_ent, cand.trigger) if len(suppliers) > 1 else None
                if owner in suppliers:
                    suppliers = [owner]  # the weapon names which of the coordinated actors owns it
                for supplier in suppliers:
                    if supplier == recipient or (supplier, recipient, self.record.moved(weapon_ent)) in found:
                        continue
                    self.record.transfer(supplier, recipient, weapon_ent, stage, sent, f"transfer:syntax-{cand.kind}",
                                   joint=len(suppliers) > 1)
                    found.add((supplier, recipient, self.record.moved(weapon_ent)))
            frame_supplier, frame_recipient = next_supplier, next_recipient

"""Discourse frames: a transfer announced in one sentence and its systems listed in the sentences after it.

News and statements often name the parties once ("Poland announced new military aid to Ukraine.") and the
systems later ("Among them are Krab howitzers.", "In addition, there are Minimi machine guns.", a bullet list
under a sentence that does not end in ':'). The clause and parse rules read one sentence at a time; this
component keeps the *frame* of the text (supplier, recipient, stage) and gives it to a following sentence that
has no transfer of its own, names movable weapons and says it adds to the frame (an inclusion cue of
``frame_cues.csv``, a reference back to the aid, or a bullet).

A frame is set by a sentence's own (asserted) transfers, or by a sentence with a supply word or a package noun
whose parties the clause rules' look-ups read (missing parties from the frame before, then the title's). It ends
at a negated or hypothetical frame sentence, a transfer word of another kind (use, deployment, receiving; not the
frame's own shipment arriving, a sentence with no weapon and no other party), a sentence naming another state,
and a paragraph break unless the new paragraph opens with a cue or a bullet.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import BULLETS, PRONOUN_SUBJECTS, pick_stage, syntax_words

MAX_SENTENCE_TOKENS = 120
"""A carried sentence is a list of systems, not a long narrative: longer ones are not read."""
FRAME_KINDS = frozenset({"supply", "noun", "aid", "include"})
"""Transfer words that set a frame; any other transfer word (use, deployment, receive, arrive) ends it."""
ACTOR_KINDS = frozenset({"name", "capital", "org", "person"})
FRAGMENT_POS = frozenset({"NUM", "ADJ", "DET", "NOUN", "PROPN", "CCONJ", "PUNCT", "ADV", "SYM", "X"})
"""The parts of speech of a verbless list fragment ('300 more Switchblade drones.'): no verb, no preposition."""


@dataclass(frozen=True)
class FrameCues:
    """The cue phrases of ``frame_cues.csv``, as token tuples."""

    inclusion: frozenset[tuple[str, ...]]
    opening: frozenset[str]
    not_given: frozenset[tuple[str, ...]]
    replaced: frozenset[tuple[str, ...]]


@cache
def frame_cues() -> FrameCues:
    """The cue table, read once per process."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", "frame_cues.csv").read_text(encoding="utf-8")
    kinds: dict[str, set[tuple[str, ...]]] = {"inclusion": set(), "opening": set(), "not-given": set(),
                                                   "replaced": set()}
    for row in csv_rows(text).rows:
        cue, kind = row.values["cue"].strip().lower(), row.values["kind"].strip()
        if kind not in kinds:
            raise ValueError(f"data/frame_cues.csv:{row.line}: unknown kind {kind!r}")
        kinds[kind].add(tuple(cue.split()))
    return FrameCues(inclusion=frozenset(kinds["inclusion"]),
                     opening=frozenset(c[0] for c in kinds["opening"]),
                     not_given=frozenset(kinds["not-given"]), replaced=frozenset(kinds["replaced"]))


@dataclass(frozen=True)
class Frame:
    """The transfer the text is about: who gives, who receives, at which stage, and who reported it (a frame set
    inside someone's statement is carried as that speaker's report)."""

    supplier: str
    recipient: str
    stage: str
    reported: tuple[bool, str | None] = (False, None)


@dataclass(frozen=True)
class Pending:
    """A supply with its giver and systems but no recipient, waiting for the next sentence to say where they go."""

    supplier: str
    weapons: tuple[Span, ...]
    stage: str
    sent: Span


def _by_first_word(phrases: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(found) for word, found in index.items()}


def _has_phrase(words: list[str], index: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """Whether one of the indexed phrases occurs in ``words``."""
    return _phrase_at(words, index) is not None


def _phrase_at(words: list[str], index: dict[str, tuple[tuple[str, ...], ...]]) -> int | None:
    """Where the first of the indexed phrases starts in ``words``, or None (looked up by each word, not each
    phrase)."""
    for i, word in enumerate(words):
        for phrase in index.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return i
    return None


def carried_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: transfers of the systems a sentence lists under the frame of the text before it
    (``transfer:frame-carried``)."""
    before = set(f.transfers)
    FrameReader(d, f).read()
    return [t for k, t in f.transfers.items() if k not in before]


class FrameReader:
    """Walks the sentences keeping the current frame."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        self.f = f
        self.rules = TransferRules(d, f)
        self.cues = frame_cues()
        self.inclusion = _by_first_word(self.cues.inclusion)
        self.not_given = _by_first_word(self.cues.not_given)
        self.replaced = _by_first_word(self.cues.replaced)

    def _paragraph_break(self, prev_end: int, s: int) -> bool:
        between = self.d.clean[self.d.cend(prev_end - 1) : self.d.cstart(s)]
        return between.count("\n") >= 2

    def _opens_with_reference(self, s: int, e: int) -> bool:
        """'It also includes', 'This aid consists of', 'The package contains', 'The new tranche has'."""
        first = self.d.lower[s]
        if first in self.cues.opening:
            return True
        return first in ("the", "this", "that", "these", "its") and any(
            self.d.g.aid_words.get(w) == "package" or self.d.g.triggers.get(w, [("", "")])[0][0] == "noun"
            for w in self.d.lower[s + 1 : min(e, s + 4)])

    def _fragment(self, s: int, e: int) -> bool:
        """A sentence with no verb at all by the parse ('300 more Switchblade drones.', '500 Javelin missiles, and
        thousands of other anti-armor weapons.'): an item of the list the frame sentence started, in the same
        paragraph. Needs the parse."""
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[s] or e - s < 2:
            return False
        # only the words of a list of systems: no verb, no place or time phrase ('Patriot batteries near Kyiv'),
        # no state marking a system as another's ('Russian drones over Kharkiv')
        return all(syntax.pos[i] in FRAGMENT_POS or self.d.lower[i] == "of" for i in range(s, e)) \
            and not any(r.kind == "demonym" for i in range(s, e) if (r := self.f.ref_at.get(i)) is not None)

    def _others(self, s: int, e: int, parties: set[str]) -> bool:
        """A state or body the frame does not name, as an actor of the sentence (not a maker's demonym)."""
        for i in range(s, e):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind not in ACTOR_KINDS:
                continue
            actor = self.rules.parties.actor_of_ref(ref)
            if actor is not None and actor not in parties:
                return True
        return False

    def _parties(self, s: int, e: int, at: int, last: Frame | None,
                 seed: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
        """Supplier and recipient of a frame sentence whose transfer or package word is at token ``at``."""
        recipient = self.rules.recipients.recipient_in(at + 1, e) or self.rules.recipients.aid_recipient(s, e) \
            or self.rules.recipients.recipient_in(s, at, direct=False)
        own_recipient = recipient is not None
        if recipient is None:
            recipient = last.recipient if last is not None else seed[1]
        suppliers = [x for x in self.rules.parties.supplier_in(s, at, recipient) if x != recipient]
        if suppliers and not own_recipient and (last is None or suppliers != [last.supplier]):
            return None, None  # 'Germany has announced its own package.': a new donor, to whom is not said
        supplier = suppliers[0] if len(suppliers) == 1 else None
        if not suppliers and not any(w in PRONOUN_SUBJECTS | {"we", "our"} for w in self.d.lower[s:at]) and \
                not any(self.d.g.cues.get(w) == "unnamed-actor" for w in self.d.lower[s:at]):
            supplier = last.supplier if last is not None else seed[0]
        elif any(w in ("we", "our") for w in self.d.lower[s:at]) and not suppliers:
            supplier = self.d.first_person
        return supplier, recipient

    def _package_received(self, s: int, e: int, triggers: list[tuple[int, str, str]], frame: Frame) -> bool:
        """One receiving word whose subject is the frame's recipient, no other party named and no 'from' or 'by'
        giver: what the package just announced brings ('Kyiv will receive three IRIS-T systems')."""
        if len(triggers) != 1 or triggers[0][1] != "receive":
            return False
        t = triggers[0][0]
        subject = [self.rules.parties.actor_of_ref(r) for i in range(s, t)
                   if (r := self.f.ref_at.get(i)) is not None and r.start == i and r.kind in (*ACTOR_KINDS, "demonym")]
        return subject == [frame.recipient] and not self._others(s, e, {frame.supplier, frame.recipient}) \
            and not any(w in ("from", "by") for w in self.d.lower[t + 1 : e]) \
            and bool(self.rules.mentions.weapons(t + 1, e))

    def _supplied_compounds(self, sent: Span) -> None:
        """'the US-supplied Abrams tanks', 'German-donated Leopard 2 tanks': a state, a hyphen and a past supply
        word right before a named system is a delivery from that state (rule ``transfer:supplied-compound``), to the
        state the sentence opens with when nothing there attacks ('Ukraine has pulled the US-supplied Abrams tanks
        back'; not 'Russia destroyed US-supplied HIMARS'); else none (the text's frame recipient cost a false
        transfer on a check split)."""
        s, e = sent.start, sent.end
        for i in range(s, e - 3):
            if self.d.lower[i + 1] != "-" or not any(k == "supply" and tense == "past" for k, tense
                                                      in self.d.g.triggers.get(self.d.lower[i + 2], ())):
                continue
            ref = self.f.ref_at.get(i)
            k = bisect.bisect_left(self.d.weapon_starts, i + 3)
            if ref is None or ref.end != i + 1 or k == len(self.d.weapon_starts) or self.d.weapon_starts[k] != i + 3:
                continue
            supplier = self.rules.parties.actor_of_ref(ref)
            weapon = self.d.weapon_ents[k]
            if supplier is None or weapon.label_ != "WEAPON":
                continue
            recipient = None
            first = self.f.ref_at.get(s)
            hostile = any(kind == "use" and self.d.lower[t] not in syntax_words()["use"]
                          for t, kind, _ in self.rules.stages.triggers(s, e))
            if first is not None and first.start == s and first.kind in ("name", "capital") and not hostile:
                recipient = self.rules.parties.actor_of_ref(first)
            if recipient is not None and recipient != supplier:
                self.rules.record.transfer(supplier, recipient, weapon, "delivered", sent,
                                           "transfer:supplied-compound")

    def _pending(self, sent: Span, t: int, stage: str) -> Pending | None:
        """A supply sentence with one named giver and systems but no recipient ('Madrid will send another six
        launchers of the MIM-23 Hawk air defence system, El País reported'): kept for the next sentence."""
        s, e = sent.start, sent.end
        suppliers = self.rules.parties.supplier_in(s, t, None)
        weapons = self.rules.mentions.weapons(t + 1, e)
        if len(suppliers) != 1 or not weapons or self._others(s, e, set(suppliers)):
            return None
        return Pending(suppliers[0], tuple(weapons), stage, sent)

    def _arrived_at(self, s: int, e: int, triggers: list[tuple[int, str, str]], pending: Pending) -> str | None:
        """The state the pending systems reach in the next sentence ('The first four reached Ukraine last
        autumn', 'They arrived in Ukraine in May'): one arrival word, no system of another kind, no other giver, no
        'from'; the state right after the word (or after 'in'/'to'). None otherwise."""
        if len(triggers) != 1 or triggers[0][1] != "arrive":
            return None
        t = triggers[0][0]
        ids = {w.ent_id_ for w in pending.weapons}
        if any(w.ent_id_ not in ids for w in self.rules.mentions.weapons(s, e)) or "from" in self.d.lower[s:e]:
            return None
        j = t + 1 + (t + 1 < e and self.d.lower[t + 1] in ("in", "to", "at"))
        ref = self.f.ref_at.get(j)
        if ref is None or ref.start != j or ref.kind not in ("name", "capital"):
            return None
        state = self.rules.parties.actor_of_ref(ref)
        if state is None or state == pending.supplier:
            return None
        parties = {state, pending.supplier}
        if self._others(s, e, parties) or any(
                r.kind == "demonym" and self.rules.parties.actor_of_ref(r) not in parties
                for i in range(s, e) if (r := self.f.ref_at.get(i)) is not None):
            return None  # 'Russian missiles reached Ukraine': another state's systems
        return state

    def read(self) -> None:
        seed = (self.d.first_person, self.rules.recipients.title_recipient())
        pending: Pending | None = None  # the last sentence's supply with no recipient
        frame: Frame | None = None
        last: Frame | None = None  # the last frame read, for a frame sentence that names one party only
        by_sentence: dict[int, list[TransferFact]] = {}
        for fact in self.f.transfers.values():
            by_sentence.setdefault(fact.evidence.start, []).append(fact)
        prev_end = 0
        bullet_before = False  # '-' split off as a sentence of its own: the item is the next one
        open_package = False  # the frame was set by a package or supply sentence that named no system
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            self._supplied_compounds(sent)
            breaks = prev_end > 0 and self._paragraph_break(prev_end, s)
            prev_end = e
            if e - s == 1 and self.d.words[s] in BULLETS:
                bullet_before = True
                continue
            bullet, bullet_before = bullet_before or self.d.words[s] in BULLETS, False
            if e - s > MAX_SENTENCE_TOKENS or self.d.words[e - 1] == "?" or (
                    e - s > 1 and self.d.words[e - 2] == "?"):
                frame = None
                continue
            words = self.d.lower[s:e]
            cued: bool | None = None  # read only when it matters
            if breaks and frame is not None:
                cued = bullet or self._opens_with_reference(s, e) or _has_phrase(words, self.inclusion)
                if not cued:
                    frame = None
            own = by_sentence.get(self.d.token_span(s, e).start)
            if own:
                parties = {(t.supplier, t.recipient, t.attributed, t.attributed_to) for t in own}
                frame = Frame(own[-1].supplier, own[-1].recipient, own[-1].status,
                              (own[-1].attributed, own[-1].attributed_to)) \
                    if len(parties) == 1 and own[-1].status != "declined" else None
                last = frame or last
                open_package = False
                continue
            triggers = self.rules.stages.triggers(s, e, after_package=True)
            held, pending = pending, None
            if not triggers and frame is None:
                continue
            stages, negated, hypothetical = self.rules.stages.cues(s, e)
            arrived = self._arrived_at(s, e, triggers, held) if held is not None and not negated \
                and not hypothetical else None
            if held is not None and arrived is not None:
                # 'Madrid will send another six launchers of the MIM-23 Hawk ... The first four reached Ukraine
                # last autumn': where the promised systems arrive is whom they were promised to
                for w in held.weapons:
                    self.rules.record.transfer(held.supplier, arrived, w, held.stage, held.sent,
                                               "transfer:frame-arrived")
                continue
            if frame is not None and triggers and all(kind == "arrive" for _, kind, _ in triggers) \
                    and not self.rules.mentions.weapons(s, e) and not self._others(s, e, {frame.supplier,
                                                                                           frame.recipient}):
                continue  # 'The shipment arrived last week.': the frame's own shipment arriving; its list may follow
            if frame is not None and open_package and not negated and not hypothetical \
                    and self._package_received(s, e, triggers, frame):
                # 'Germany has sent another aid package to Ukraine. Kyiv will receive, among other things, three
                # IRIS-T systems': the frame's recipient receiving, from no one named, lists the package
                t = triggers[0][0]
                past = any(tense == "past" for kind, tense in self.d.g.triggers.get(self.d.lower[t], [])
                           if kind == "receive")
                stage = self.rules.stages.stage_at(stages, past, t)
                for w in self.rules.mentions.weapons(t + 1, e):
                    if self.rules.parties.own_state_of(w) in (None, frame.supplier):  # not 'Dutch F-16 jets'
                        self.rules.record.transfer(frame.supplier, frame.recipient, w, stage, sent,
                                                   "transfer:frame-received", reported=frame.reported)
                continue
            if any(kind not in FRAME_KINDS for _, kind, _ in triggers):
                frame = None  # 'Russia used cluster munitions', 'Ukraine received ...': another matter
                continue
            setting = [t for t, kind, _ in triggers if kind != "include"]
            if setting:
                if negated or hypothetical or "declined" in stages:
                    frame = None  # a refusal sets no frame: the systems listed after it are not refused or given
                    continue
                supplier, recipient = self._parties(s, e, setting[0], last, seed)
                t = setting[0]
                past = any(tense == "past" for kind, tense in self.d.g.triggers.get(self.d.lower[t], [])
                           if kind == "supply")
                stage = self.rules.stages.stage_at(stages, past, t)
                at = self.d.token_span(t, t + 1)
                frame = Frame(supplier, recipient, stage, self.rules.record.attribution(at.start, at.end, sent)) \
                    if supplier and recipient and supplier != recipient else None
                if recipient is None and any(k == "supply" for _, k, _ in triggers):
                    pending = self._pending(sent, t, stage)
                open_package = frame is not None and not self.rules.mentions.weapons(s, e)
                last = frame or last
                continue
            if frame is None:
                continue
            if self._others(s, e, {frame.supplier, frame.recipient}):
                frame = None
                continue
            if cued is None:
                cued = bullet or self._opens_with_reference(s, e) or _has_phrase(words, self.inclusion) \
                    or self._fragment(s, e)
            if not cued or negated or hypothetical or "declined" in stages or _has_phrase(words, self.not_given):
                continue
            include_at = next((t for t, kind, _ in triggers if kind == "include"), None)
            if include_at is not None and self.rules.recipients.own_holdings(s, include_at, frame.recipient):
                continue  # 'Ukraine's artillery now includes Caesar howitzers': what the recipient has
            stage = pick_stage(stages) or frame.stage
            # 'It has Bradleys, to replace what they have lost, and Humvees': what a replacing word names after it,
            # up to the next comma, is not given; the systems before and after that stretch are
            cut = _phrase_at(words, self.replaced)
            cut_end = next((k for k in range(s + cut, e) if self.d.words[k] in (",", ";")), e) \
                if cut is not None else s
            for w in self.rules.mentions.weapons(s, e):
                if cut is not None and s + cut <= w.start < cut_end:
                    continue
                self.rules.record.transfer(frame.supplier, frame.recipient, w, stage, sent, "transfer:frame-carried",
                                    reported=frame.reported)

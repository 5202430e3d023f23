"""The clause rules: transfers read sentence by sentence from transfer words, with the frame the
text carries (the document's parties, a list under 'includes:', the previous sentence's actor)."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Span

from armsgraph.loaders.text.anaphora import REACH, coordinated_verb
from armsgraph.loaders.text.facts import FIRST_PERSON, Ref
from armsgraph.loaders.text.headings import is_heading, is_list_section
from armsgraph.loaders.text.transfer_parties import existing_state
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import (
    AGENT_ADVERBS,
    ARMS_NOUNS,
    BENEFIT_VERBS,
    BULLETS,
    CHAIN_WORDS,
    CLAUSE_CUTS,
    LIST_ITEM_MAX_TOKENS,
    NON_SUBJECT_PREPS,
    NUMBERED,
    PASSIVE_AUX,
    POSSESSIVE_MARKS,
    PRONOUN_SUBJECTS,
    REFERRING_OBJECTS,
    REFERRING_SUBJECTS,
    RELATIVE_AUX,
    TAKE_FORMS,
    THIRD_PARTY,
    THIRD_PARTY_ENDINGS,
    Frame,
    exchange_words,
    syntax_words,
)

USE_CLAUSE_ENDS = frozenset({",", ";", "to", "where", "which", "who", "while", "when", "that"})
"""Words that end the clause of a use verb before a weapon: the weapon after them is another clause's."""
UNIT_NOUNS = frozenset({"battery", "batteries", "unit", "units"})
"""Nouns of a weapon's unit ('a Patriot battery'): the system's phrase goes on through them."""
POSSESSIVES = frozenset({"our", "their", "its", "my", "your", "his", "her"})
"""Possessive words before a noun ('from our allies'): whose the noun's referents are, not who they are."""
RELATIVE_CLAUSE_VERBS = frozenset({"was", "were", "is", "are", "had", "have", "has", "will", "would"})
"""An auxiliary right after 'which'/'that': a clause describing the noun before it, with no subject of its own."""


@dataclass(frozen=True)
class _Clause:
    """One transfer word's clause: its sentence (s, e), its bounds (left, right), the word (t) with its kind and
    tense, and its place (n) among the sentence's transfer words (triggers), which the readers below share."""

    s: int
    e: int
    left: int
    t: int
    right: int
    kind: str
    tense: str
    n: int
    triggers: list[tuple[int, str, str]]


@dataclass
class _Parties:
    """What one clause names: its recipient, givers and weapons; ``aside`` for a clause about an earlier purchase
    (not the text's frame), ``third_party`` for a 'third-party transfer' (its giver is nobody the text names)."""

    recipient: str | None
    suppliers: list[str]
    weapons: list[Span]
    aside: bool = False
    third_party: bool = False
    sellers: tuple[str, ...] = ()
    """'ready to buy Patriot systems from the United States for Ukraine': who sells to the buyer (``suppliers``)
    what it buys for the recipient."""


class ClauseReader:
    """Reads transfers clause by clause."""

    def __init__(self, rules: TransferRules) -> None:
        self.d = rules.d
        self.f = rules.f
        self.parties = rules.parties
        self.recipients = rules.recipients
        self.stages = rules.stages
        self.mentions = rules.mentions
        self.record = rules.record

    def _forces_object(self, i: int, right: int) -> str | None:
        """'Germany gives the Slovak army 15 Leopard 2A4 tanks': forces named by their state's demonym (a ``forces``
        cue after it) as the first of two objects, a weapon mention right after: that state receives."""
        j = i + 1 if i < right and self.d.lower[i] == "the" else i
        ref = self.f.ref_at.get(j)
        if ref is None or ref.kind != "demonym" or ref.end >= right or \
                self.d.g.cues.get(self.d.lower[ref.end]) != "forces":
            return None
        k = bisect.bisect_left(self.d.weapon_starts, ref.end + 1)
        if k == len(self.d.weapon_starts) or self.d.weapon_starts[k] >= min(right, ref.end + 5):
            return None
        # only a number and its words between ('15 Leopard', 'dozens of'), no phrase of its own ('army in May')
        if not all(w == "of" or (w not in NON_SUBJECT_PREPS and w.replace(",", "").isalnum())
                   for w in self.d.lower[ref.end + 1 : self.d.weapon_starts[k]]):
            return None
        return self.parties.actor_of_ref(ref)

    def _state_object(self, i: int, right: int) -> bool:
        """'send it 10,000 rounds', 'send the country four IRIS-T systems': 'it' or a referring noun
        (``REFERRING_OBJECTS``) as the first of two objects, then a weapon mention (a number and its unit between)."""
        j = i + 1 if self.d.lower[i] == "it" else (
            i + 2 if self.d.lower[i] == "the" and i + 1 < right and self.d.lower[i + 1] in REFERRING_OBJECTS else i)
        if j == i:
            return False
        k = bisect.bisect_left(self.d.weapon_starts, j)
        if k == len(self.d.weapon_starts) or self.d.weapon_starts[k] >= min(right, j + 5):
            return False
        # only a number and its unit between ('10,000 rounds of'), no other phrase ('it in May, with Patriots')
        return all(w == "of" or ((w not in NON_SUBJECT_PREPS and w.isalnum()) or w.replace(",", "").isdigit())
                   for w in self.d.lower[j : self.d.weapon_starts[k]])

    def _exchanged(self, weapons: list[Span], suppliers: list[str], t: int, right: int, stage: str,
                   sent: Span) -> list[Span]:
        """'Greece will hand over BMP-1 vehicles to Ukraine in exchange for German Marder vehicles': the systems
        after 'in exchange for' / 'in return for' (``phrase_words.csv`` kind exchange) go the other way, from the
        state they name as theirs ('German', "Germany's", 'from Germany') to the clause's giver; they are not what
        the giver gives. Returns the weapons the clause's giver gives."""
        words = exchange_words()
        cut = next((i for i in range(t + 1, right - 2) if self.d.lower[i] == "in" and self.d.lower[i + 1] in words
                    and self.d.lower[i + 2] == "for"), None)
        replacer = None
        if cut is None:
            found = self._replaced_by(t + 1, right)
            if found is None:
                return weapons
            cut, replacer = found
        for w in self.d.weapon_ents:
            if not cut < w.start < right or w.label_ != "WEAPON":
                continue
            giver = replacer or self.parties.own_state_of(w) or next(iter(self.parties.from_actors(w.end, right)),
                                                                    None)
            for supplier in suppliers:
                if giver is not None and giver != supplier:
                    # what comes back was agreed with the deal; that it was delivered is not said
                    back = "pledged" if stage == "delivered" else stage
                    self.record.transfer(giver, supplier, w, back, sent,
                                         "transfer:replacement" if replacer else "transfer:exchange")
        return [w for w in weapons if w.start < cut]

    def _replaced_by(self, start: int, right: int) -> tuple[int, str] | None:
        """'Greece will send Ukraine BMP-1 vehicles, which Germany will replace with Marder vehicles': a relative clause
        whose own subject (a state right after 'which') replaces what the clause gives 'with' other systems. Returns
        where the relative clause starts and that state: the systems after it go from that state to the clause's
        giver, not to the clause's recipient."""
        for i in range(start, right - 3):
            if self.d.lower[i] != "which":
                continue
            j = i + 2 if self.d.lower[i + 1] == "the" else i + 1
            ref = self.f.ref_at.get(j)
            if ref is None or ref.start != j or ref.kind in ("pronoun", "title", "person", "first-person"):
                continue
            actor = self.parties.actor_of_ref(ref)
            verb = next((k for k in range(ref.end, min(right, ref.end + 3))
                         if self.d.lower[k] in syntax_words()["replace-verb"]), None)
            if actor is None or verb is None or "with" not in self.d.lower[verb + 1 : verb + 3]:
                continue
            return i, actor
        return None

    def _relative_giver(self, w: Span, e: int) -> tuple[str | None, str | None] | None:
        """An object relative clause with a supply word right after a weapon mention ('the Leopard 2 tanks it
        promised Ukraine', 'the F-16 jets Belgium had promised', 'the jets that Norway pledged to Kyiv'):
        (its giver, None for a pronoun; its recipient, or None), or None when no such clause follows."""
        j = w.end
        if j < e and self.d.lower[j] in self.d.g.weapon_nouns:
            j += 1
        if j < e and self.d.lower[j] in ("that", "which"):
            j += 1
        ref = self.f.ref_at.get(j)
        if j < e and self.d.lower[j] in ("it", "they"):
            giver, j = None, j + 1
        elif ref is not None and ref.start == j and ref.kind in ("name", "capital", "org"):
            giver, j = self.parties.actor_of_ref(ref), ref.end
        else:
            return None
        while j < e and self.d.lower[j] in RELATIVE_AUX:
            j += 1
        if j >= e or not any(kind == "supply" and tense in ("past", "present", "base")
                             for kind, tense in self.d.g.triggers.get(self.d.lower[j], ())):
            return None
        return giver, self.recipients.recipient_in(j + 1, e)

    def _package_before(self, left: int, t: int, s: int) -> tuple[list[str], str | None]:
        """([giver], recipient) of the package an include's subject refers back to ('The package contains ...',
        'It includes ...', 'This aid includes ...': 'it' or a package noun after the/this/that, no actor of its
        own): the last package noun (``aid_words.csv`` kind package) or arms noun ('$1 billion in weapons for Kyiv')
        of the ``REACH`` sentences before with both its giver ("Finland's 20th package", 'a Finnish package', else
        the sentence's subject) and its recipient ('for Ukraine'); else ([], None)."""
        words = self.d.lower[left:t]
        packages = {w for w, k in self.d.g.aid_words.items() if k == "package"}
        refers = words[:1] == ["it"] or any(a in ("the", "this", "that") and b in packages
                                            for a, b in pairwise(words))
        if not refers:
            return [], None
        k = bisect.bisect_right(self.d.sent_starts, s) - 1
        found: tuple[list[str], str | None] = ([], None)
        for sent in self.d.sents[max(0, k - REACH) : k]:
            for i in range(sent.start, sent.end):
                if self.d.lower[i] not in packages and self.d.lower[i] not in ARMS_NOUNS:
                    continue
                # 'Austin announced a further $1 billion in weapons for Kyiv': the noun's 'for'/'to' state, and
                # its owner or else the sentence's subject
                recipient = self.recipients.aid_recipient(i, sent.end) or (
                    self.parties.object_actor(i + 2, sent.end) if i + 2 < sent.end
                    and self.d.lower[i + 1] in ("for", "to") else None)
                giver = self._package_giver(i, sent.start) or next(
                    iter(self.parties.supplier_in(sent.start, i, recipient)), None)
                if recipient is None and giver is not None:
                    recipient = self.recipients.default_recipient([giver], i)  # 'Estonia announced its package'
                if giver is not None and recipient is not None and giver != recipient:
                    found = ([giver], recipient)
        return found

    def _package_giver(self, i: int, start: int) -> str | None:
        """The state owning the package noun at i: a possessive or a demonym before it, up to three modifiers
        between ("Finland's 20th package", "a new Finnish package")."""
        for j in range(i - 1, max(start, i - 5) - 1, -1):
            if self.d.words[j] in POSSESSIVE_MARKS:
                return self.parties.possessor_before(j + 1)
            ref = self.f.ref_at.get(j)
            if ref is not None and ref.kind == "demonym":
                return self.parties.actor_of_ref(ref)
            if ref is not None or self.d.lower[j] in ("the", "a", "an", "for", "to"):
                return None
        return None

    def _earlier_giver(self, weapon: str) -> str | None:
        """The one supplier the text's transfers so far give ``weapon``; None when none or several."""
        givers = {t.supplier for t in self.f.transfers.values() if t.weapon == weapon}
        return givers.pop() if len(givers) == 1 else None

    def _reduced_relative(self, trigger: tuple[int, str, str], kinds: tuple[str, ...] = ("supply",)) -> bool:
        """A past participle of a word of ``kinds`` right after a weapon mention, no auxiliary before it ('19 Caesar
        howitzers pledged last year', 'Abrams tanks promised by the United States'; with the use kind of
        ``triggers.csv``, 'Patriot missiles produced in Japan under license'): it describes the weapon."""
        t, kind, tense = trigger
        return kind in kinds and tense == "past" and bool(self.mentions.participle_noun(t)) \
            and self.d.lower[t - 1] not in PASSIVE_AUX

    def _bought_before(self, t: int, tense: str) -> bool:
        """A receiving word's past participle that describes a noun ('newer Abrams models bought from the United
        States', 'the tanks purchased from Germany'): where a weapon came from, said of whoever has it now."""
        if tense != "past" or self.d.lower[t - 1] in PASSIVE_AUX:
            return False
        syntax = self.d.syntax
        return bool(self.mentions.participle_noun(t)) or (
            syntax is not None and syntax.parsed[t] and syntax.dep[t] == "acl")

    def _by_after_recipient(self, t: int, right: int) -> tuple[int, str] | None:
        """'has been handed over to Ukraine by Bratislava': a passive whose 'by' agent follows its 'to' recipient;
        the position of 'by' and the recipient, None for any other wording between the verb and 'by'."""
        if not PASSIVE_AUX.intersection(self.d.lower[max(0, t - 2) : t]):
            return None
        i = t + 1 + (t + 1 < right and self.d.lower[t + 1] == "over")
        if i + 1 >= right or self.d.lower[i] != "to":
            return None
        ref = self.f.ref_at.get(i + 1 + (self.d.lower[i + 1] == "the"))
        recipient = self.parties.actor_of_ref(ref) if ref is not None else None
        if recipient is None or ref is None or ref.end + 1 >= right or self.d.lower[ref.end] != "by":
            return None
        return ref.end, recipient

    def _coordinated_agents(self, j: int, right: int) -> list[str]:
        """The actors coordinated after a 'by' agent that ends at token j ('by Italy and France', 'by Germany,
        Denmark and Norway'): each gives too."""
        found: list[str] = []
        while j + 1 < right and self.d.lower[j] in (",", "and"):
            k = j + 1 if self.d.lower[j + 1] != "and" else j + 2
            k = k + 1 if k < right and self.d.lower[k] == "the" else k
            ref = self.f.ref_at.get(k)
            if ref is None or ref.start != k or ref.kind not in ("name", "capital", "org"):
                break
            actor = self.parties.actor_of_ref(ref)
            if actor is not None:
                found.append(actor)
            j = ref.end
        return found

    def _participle_agent(self, w: Span) -> str | None:
        """The agent of a participle right after weapon mention w ('tanks promised by the United States')."""
        t = w.end + 1 if w.end < len(self.d.lower) and self.d.lower[w.end] in self.d.g.weapon_nouns else w.end
        if t + 2 >= len(self.d.lower) or self.d.lower[t + 1] != "by" or not self._reduced_relative(
                (t, "supply", next((tense for k, tense in self.d.g.triggers.get(self.d.lower[t], [])
                                    if k == "supply"), ""))):
            return None
        return self.parties.object_actor(t + 2, len(self.d.lower))

    def _respectively(self, suppliers: list[str], weapons: list[Span], s: int, t: int) -> dict[int, str]:
        """'Germany and Norway will provide IRIS-T and NASAMS, respectively': as many systems as suppliers, paired in
        the order the text names them; weapon start -> its supplier, empty when the counts differ."""
        first: dict[str, int] = {}
        for i in range(s, t):
            ref = self.f.ref_at.get(i)
            actor = self.parties.actor_of_ref(ref) if ref is not None and ref.start == i else None
            if actor in suppliers and actor not in first:
                first[actor] = i
        ids = list(dict.fromkeys(w.ent_id_ for w in weapons))
        if len(first) != len(suppliers) or len(ids) != len(suppliers):
            return {}
        pair = dict(zip(ids, sorted(first, key=first.__getitem__), strict=True))
        return {w.start: pair[w.ent_id_] for w in weapons}

    def _gapped_segment(self, i: int, end: int) -> bool:
        """After the ';' at i, a segment that names a donor and its weapons without a verb of its own ('; Norway,
        100 Mistral missiles', '; and Spain, Hawk launchers'): the clause before goes on, its verb gapped."""
        j = i + 1
        while j < end and self.d.lower[j] in ("and", "the"):
            j += 1
        ref = self.f.ref_at.get(j)
        if ref is None or ref.start != j or ref.kind in ("pronoun", "title", "first-person", "person"):
            return False
        stop = next((k for k in range(j, end) if self.d.lower[k] == ";"), end)
        if any(self.d.lower[k] in self.d.g.triggers or self.d.lower[k] in CLAUSE_CUTS - {";"}
               for k in range(j, stop)):
            return False
        k = bisect.bisect_left(self.d.weapon_starts, ref.end)
        return k < len(self.d.weapon_starts) and self.d.weapon_starts[k] < min(stop, ref.end + 4)

    def _to_other_verb(self, t: int) -> bool:
        """'promised to train', 'offered to repair', 'pledged to finance': the supply word's 'to' opens a verb (by the
        parse's tag) that moves nothing ('to deliver', 'to be', 'to help', 'to start' do): what follows is that
        verb's, not a transfer. Needs the parse."""
        syntax = self.d.syntax
        k = t + 2
        if syntax is None or k >= len(self.d.lower) or self.d.lower[t + 1] != "to" or not syntax.parsed[k]:
            return False
        word = self.d.lower[k]
        return syntax.tag[k] == "VB" and word not in self.d.g.triggers and word not in CHAIN_WORDS \
            and word not in BENEFIT_VERBS and word not in self.d.g.cues

    def _subordinate_at(self, i: int) -> bool:
        """'..., a day after Poland's President announced that four Polish MiG-29s would be handed over': a clause
        the parse opens with a marker ('that', 'after', 'because', ...) is another clause's, with a subject of its own
        (a marker right before a verb: 'so that' is its own clause too). Needs the parse."""
        syntax = self.d.syntax
        return syntax is not None and syntax.parsed[i] and syntax.dep[i] == "mark" \
            and self.d.lower[i] not in ("to", "if", "unless", "whether", "as")  # a condition, an ellipsis: its own

    def _reduced_noun(self, t: int) -> list[Span]:
        """The named system whose phrase a participle at t ends ('a Patriot battery donated by', 'Leopard 1A5 tanks
        donated by'): at most two weapon nouns between; none otherwise."""
        k = bisect.bisect_left(self.d.weapon_starts, t) - 1
        if k < 0:
            return []
        w = self.d.weapon_ents[k]
        between = self.d.lower[w.end : t]
        if w.label_ != "WEAPON" or len(between) > 2 or not all(
                x in self.d.g.weapon_nouns or x in UNIT_NOUNS for x in between):
            return []
        found = [w]
        while k > 0:  # the systems coordinated before it: 'Leopard 1A5 tanks and Marder vehicles donated by'
            j = found[0].start - 1
            if j < 1 or self.d.lower[j] not in ("and", ","):
                break
            j -= self.d.lower[j - 1] == ","  # ', and'
            prev = self.d.weapon_ents[k - 1]
            if prev.label_ != "WEAPON" or not (prev.end == j or (prev.end == j - 1 and self.d.lower[prev.end]
                                                                 in self.d.g.weapon_nouns)):
                break
            found.insert(0, prev)
            k -= 1
        return found

    def _infinitive_at(self, start: int, right: int) -> int:
        """Where 'to' opens another verb in [start, right) ('to protect', 'to inspect', 'to replace'; by the parse's
        tag, not a transfer or chain word: 'to deliver' goes on); ``right`` when none."""
        syntax = self.d.syntax
        if syntax is None:
            return right
        for i in range(start, right - 1):
            word = self.d.lower[i + 1]
            if self.d.lower[i] == "to" and syntax.parsed[i + 1] and syntax.tag[i + 1] == "VB" \
                    and word not in self.d.g.triggers and word not in CHAIN_WORDS \
                    and not (word in BENEFIT_VERBS and "with" in self.d.lower[i + 2 : right]):
                # not 'aims to help the Ukrainian army with Stinger missiles': a benefit verb's 'with' supplies
                return i
        return right

    def _given_by(self, left: int, t: int, right: int) -> tuple[str, list[str]] | None:
        """'Ukraine was given Leopard 2 tanks by Germany', 'Kyiv has been promised F-16 jets by Denmark': a passive
        supply word with its object (a weapon right after it) and a 'by' agent; (the subject, [the agent]), or None."""
        if t == 0 or self.d.lower[t - 1] not in (*PASSIVE_AUX, "been"):
            return None
        k = bisect.bisect_left(self.d.weapon_starts, t + 1)
        if k == len(self.d.weapon_starts) or self.d.weapon_starts[k] > t + 4:
            return None
        by = next((i for i in range(self.d.weapon_ents[k].end, min(right, self.d.weapon_ents[k].end + 4))
                   if self.d.lower[i] == "by"), None)
        if by is None:
            return None
        agent = self.parties.object_actor(by + 1, right)
        subjects = self.parties.supplier_in(left, t, None)
        if agent is None or len(subjects) != 1 or subjects[0] == agent:
            return None
        return subjects[0], [agent]

    def _user_of(self, s: int, w: int, suppliers: list[str]) -> str | None:
        """The subject of a use verb (``syntax_words.csv`` kind use: used, operates) before the weapon at w
        ('Ukraine used Patriot systems supplied by ...', 'Kyiv operates F-16s delivered by ...'): the state that
        holds what it uses; none when another actor stands between."""
        uses = syntax_words()["use"]
        verb = next((i for i in range(w - 1, s - 1, -1) if self.d.lower[i] in uses), None)
        if verb is None or any(x in CLAUSE_CUTS or x in USE_CLAUSE_ENDS for x in self.d.lower[verb + 1 : w]):
            return None  # 'used Shahed drones to attack Kyiv, where Patriot systems supplied by ...': another clause
        actors = [a for i in range(s, verb) if (r := self.f.ref_at.get(i)) is not None and r.start == i
                  and r.kind in ("name", "capital") and (a := self.parties.actor_of_ref(r)) is not None]
        return actors[0] if len(actors) == 1 and actors[0] not in suppliers else None

    def _describing_clause(self, start: int, right: int) -> int:
        """Where a subject relative clause on a weapon starts in [start, right) ('... helicopters which were once
        intended for Afghanistan', 'tanks that are built for desert war'): 'which'/'that' right after a weapon
        mention or its noun, then an auxiliary; ``right`` when there is none."""
        for k in range(start + 1, right - 1):
            if self.d.lower[k] not in ("which", "that") or self.d.lower[k + 1] not in RELATIVE_CLAUSE_VERBS:
                continue
            i = bisect.bisect_right(self.d.weapon_starts, k - 1) - 1
            if (i >= 0 and self.d.weapon_ents[i].end == k) or self.d.lower[k - 1] in self.d.g.weapon_nouns:
                return k
        return right

    def _joint_at(self, i: int) -> bool:
        """', and' or ';' at token i: where a clause with a subject of its own may start."""
        return self.d.lower[i] == ";" or (self.d.lower[i] == "and" and i > 0 and self.d.words[i - 1] == ",")

    def _new_clause_at(self, i: int) -> bool:
        """', and the United States will ...': a comma, 'and' and an actor start another clause."""
        if self.d.lower[i] != "and" or i == 0 or self.d.words[i - 1] != ",":
            return False
        j = i + 2 if i + 1 < len(self.d.lower) and self.d.lower[i + 1] == "the" else i + 1
        ref = self.f.ref_at.get(j)
        return ref is not None and ref.start == j and ref.kind not in ("pronoun", "title") \
            and not self.parties.gapped_after(ref)  # ', and Slovakia Kub systems': the verb said once

    def _parties(self, c: _Clause, clause_subjects: list[str], head: Span | None, sent_frame: Frame | None,
                 giver_here: str | None, doc_frame: Frame) -> _Parties:
        """Who gives what to whom in one clause, read the way its kind of transfer word reads."""
        t, right, kind = c.t, c.right, c.kind
        if kind == "receive":
            # 'placed an order for ARCHER howitzers ..., as part of its package to Ukraine': bought for the
            # state the aid is for
            beneficiary = self.parties.for_actor(t + 1, right) or self.recipients.aid_recipient(t + 1, right)
            if beneficiary is not None:
                return self._bought_for(c, beneficiary)
            return self._received(c, clause_subjects)
        if kind == "arrive":
            return self._arrived(c, sent_frame, giver_here, doc_frame)
        if kind == "request":
            return self._requested(c)
        return self._given(c, clause_subjects, head)

    def _bought_for(self, c: _Clause, beneficiary: str) -> _Parties:
        """'the procurement of Abrams tanks for Ukraine': bought for someone else = supplied to them."""
        s, left, t, right = c.s, c.left, c.t, c.right
        recipient = beneficiary
        # 'the DoD will use USAI funds to procure NASAMS for Ukraine': the buyer may head the sentence
        suppliers = self.parties.supplier_in(left, t, recipient) or self.parties.supplier_in(
            s, t, recipient)
        weapons = self.mentions.weapons(t + 1, right)
        return _Parties(recipient, suppliers, weapons, sellers=self._seller_before_for(t, right, recipient))

    def _seller_before_for(self, t: int, right: int, beneficiary: str) -> tuple[str, ...]:
        """'buy two Patriot systems from the United States for Ukraine': the state after 'from', before the 'for' of
        the beneficiary, sells to the buyer; a 'from' after it ('for Ukraine to defend itself from Russia') is
        none, nor is the subject of a nominal purchase its buyer ('is funding the purchase of a NASAMS system from
        the United States for Ukraine': a payer, whom the gold does not read as buying), nor a state with a
        possessive after it ('from Germany's share of the fund': what is Germany's is not Germany)."""
        if t + 1 < len(self.d.lower) and self.d.lower[t + 1] == "of":
            return ()
        return self._sellers_in(t + 1, self._for_at(t, right), beneficiary)

    def _sellers_in(self, start: int, end: int, beneficiary: str) -> tuple[str, ...]:
        """The actors after the first 'from' in [start, end), less the beneficiary and those followed by a
        possessive mark."""
        at = next((i for i in range(start, end) if self.d.lower[i] == "from"), end)
        owned = {self.parties.actor_of_ref(ref) for i in range(at, end) if (ref := self.f.ref_at.get(i)) is not None
                 and ref.start == i and ref.end < len(self.d.words) and self.d.words[ref.end] in POSSESSIVE_MARKS}
        return tuple(a for a in self.parties.from_actors(start, end) if a != beneficiary and a not in owned)

    def _for_at(self, t: int, right: int) -> int:
        """The 'for' of the beneficiary after the purchase word at t (one an actor follows, not a price: 'for $1
        billion from the United States for Ukraine'), else the first 'for', else the clause's end."""
        fors = [i for i in range(t + 1, right) if self.d.lower[i] == "for"]
        for i in fors:
            j = i + 2 if i + 2 < len(self.d.lower) and self.d.lower[i + 1] == "the" else i + 1
            ref = self.f.ref_at.get(j)
            if ref is not None and ref.start == j and ref.kind not in ("pronoun", "title", "first-person"):
                return i
        return fors[0] if fors else right

    def _instead_at(self, t: int, end: int) -> int:
        """'buy Patriot systems from the United States instead of IRIS-T systems': where the systems not bought
        start (``syntax_words.csv`` kind not-bought: 'instead of', 'rather than'), else ``end``."""
        pairs = syntax_words()["not-bought"]
        return next((i for i in range(t + 1, end - 1) if f"{self.d.lower[i]} {self.d.lower[i + 1]}" in pairs), end)

    def _buyer_named(self, buyer: str, s: int, t: int, unnamed: bool) -> bool:
        """Whether the clause's buyer is a state it names itself: not an organisation ('The NATO Support and
        Procurement Agency will buy'), not a subject the text leaves unnamed ('its partners', 'European allies'),
        not a state found only across a speech verb ('Poland said its partners are ready to buy')."""
        if unnamed or not existing_state(buyer):
            return False
        speech = [i for i in range(s, t) if self.d.lower[i] in self.d.g.speech_verbs]
        if not speech:
            return True
        after = range(speech[0] + 1, t)
        if any(self.d.g.cues.get(self.d.lower[i]) == "unnamed-actor" for i in after):
            return False
        # 'Germany said it will buy': the speaker's own 'it' after the speech verb is the buyer again
        return any(self.d.lower[i] in ("it", "they") for i in after) or any(
            ref.start == i and ref.kind in ("name", "capital") and self.parties.actor_of_ref(ref) == buyer
            for i in after if (ref := self.f.ref_at.get(i)) is not None)

    def _received(self, c: _Clause, clause_subjects: list[str]) -> _Parties:
        """'Ukraine received X from Y': the subject (or the buyer named by 'by') receives, 'from' gives."""
        s, left, t, right = c.s, c.left, c.t, c.right
        aside = False
        recipient_list = self.parties.supplier_in(left, t, None)
        if not recipient_list and clause_subjects and coordinated_verb(self.d.lower, t):
            # 'Athens will give X to Ukraine and receive Y from Berlin': the subject of the verb before
            recipient_list = clause_subjects[:1]
        recipient = recipient_list[0] if recipient_list else None
        buyer = self.parties.buyer_by(t, right)
        if buyer is not None:
            recipient = buyer  # 'announced the ordering by Ukraine of 100 Rosomak from Poland'

        if any(w in PRONOUN_SUBJECTS for w in self.d.lower[max(left, t - 2) : t]):
            recipient = None  # 'helped them obtain': the buyer is a pronoun we do not resolve
        suppliers = self.parties.from_actors(t + 1, right)
        weapons = self.mentions.weapons(t + 1, right)
        if not suppliers and weapons:
            # 'received all 31 Abrams tanks promised by the United States': the participle's agent
            suppliers = [x for x in (self._participle_agent(w) for w in weapons[-1:]) if x]
        if not suppliers and recipient is not None and weapons and self.parties.adds(left, right):
            # 'Kyiv will also get Stinger missiles': more of what the text's one supplier to that
            # recipient gives
            suppliers = self.parties.sole_supplier_to(recipient, s)
        if not weapons and suppliers:
            # 'tanks of the T-72 type, purchased in 1999-2001 from Belarus': the participle's noun
            weapons = self.mentions.weapons(left, t)[-1:]
        if recipient is None and buyer is None and weapons and t > s \
                and self.d.lower[t - 1] in (*PASSIVE_AUX, "been"):
            # 'Latvia has transferred M109 howitzers to Ukraine. The guns had been bought from Austria':
            # a purchase in the passive with no buyer named was the system's later giver's
            recipient = self._earlier_giver(weapons[0].ent_id_)
            aside = recipient is not None
        return _Parties(recipient, suppliers, weapons, aside=aside)

    def _arrived(self, c: _Clause, sent_frame: Frame | None, giver_here: str | None, doc_frame: Frame) -> _Parties:
        """'the IRIS-T have arrived in Ukraine': the place receives; the giver is named, the weapon's own or
        the text's."""
        s, left, t, right = c.s, c.left, c.t, c.right
        recipient = self.recipients.recipient_in(t + 1, right)
        if recipient is None:
            for i in range(t + 1, min(right, t + 4)):
                if self.d.lower[i] == "in" and (i + 1) in self.f.ref_at:
                    recipient = self.parties.actor_of_ref(self.f.ref_at[i + 1])
        if recipient is None and self.d.lower[t] in syntax_words()["named-giver"]:
            # 'have reached the Ukrainian army': the forces reached are their state's
            recipient = self.recipients.forces_of(t + 1, min(right, t + 5), [])
        # 'have arrived in Ukraine from the United States', 'the IRIS-T promised by Germany have arrived',
        # 'the first Swedish CV90s have arrived': the weapon's own state
        # 'Canada has delivered M777 howitzers, and 18 Krab howitzers from Poland have reached ...':
        # the arrival's subject is after the clause joint before it
        joint = max([left, *(i + 1 for i in range(left, t) if self._joint_at(i))])
        weapons = self.mentions.weapons(joint, t) or self.mentions.weapons(s, t)
        owner = self.parties.own_state_of(weapons[0]) if weapons else None
        # a reaching verb names its giver in its sentence ('the tanks promised by Washington have
        # reached Ukraine') or none: not the weapon's own state, not the text's ('Russian missiles
        # reached Kyiv' is an attack)
        named_only = self.d.lower[t] in syntax_words()["named-giver"]
        suppliers = self.parties.from_actors(t + 1, right) or self.parties.from_actors(left, t) or (
            [owner] if owner and not named_only else [])
        if not suppliers and not self._third_party_before(s, t):
            # the sentence's or the text's giver, unless the sentence is about a third party's transfer ('approve
            # third-party transfer requests for F-16s, so that those aircraft can go to Ukraine')
            suppliers = ([sent_frame.supplier] if sent_frame is not None and sent_frame.supplier else []) or (
                [giver_here] if giver_here and named_only else []) or (
                [doc_frame.supplier] if doc_frame.supplier and not named_only else [])
        return _Parties(recipient, suppliers, weapons)

    def _requested(self, c: _Clause) -> _Parties:
        """'Ukraine asked Germany for Taurus missiles', 'Kyiv requested ATACMS from the United States': the asker
        would receive, the one asked (or 'from') would give."""
        left, t, right = c.left, c.t, c.right
        askers = self.parties.supplier_in(left, t, None)
        recipient = askers[0] if askers else None
        asked = self.parties.object_actor(t + 1, right)
        suppliers = self.parties.from_actors(t + 1, right) or ([asked] if asked else [])
        weapons = self.mentions.weapons(t + 1, right)
        return _Parties(recipient, suppliers, weapons)

    def _given(self, c: _Clause, clause_subjects: list[str], head: Span | None) -> _Parties:
        """A supply verb, a transfer noun, a package word: read as a passive with its agent or as the active clause."""
        t, right, kind = c.t, c.right, c.kind
        # 'handed over to Ukraine by Bratislava': the agent after the recipient
        late_by = self._by_after_recipient(t, right) if kind == "supply" else None
        by_at = late_by[0] if late_by is not None else t + 1
        if late_by is None and t + 2 < right and self.d.lower[t + 2] == "by" \
                and self.d.lower[t + 1] in AGENT_ADVERBS:
            by_at = t + 2  # 'provided jointly by Italy and France'
        agent = by_at + 2 if by_at + 1 < right and self.d.lower[by_at + 1] == "the" else by_at + 1
        passive_by = by_at < right and self.d.lower[by_at] == "by" and agent in self.f.ref_at
        if passive_by:
            return self._given_by_agent(c, agent, late_by)
        recipient = self._verb_recipient(c)
        recipient, suppliers = self._verb_suppliers(c, recipient, clause_subjects)
        third_party = False
        if kind == "noun":
            recipient, suppliers, third_party = self._noun_givers(c, recipient, suppliers)
        weapons, suppliers = self._verb_weapons(c, head, suppliers)
        return _Parties(recipient, suppliers, weapons, third_party=third_party)

    def _given_by_agent(self, c: _Clause, agent: int, late_by: tuple[int, str] | None) -> _Parties:
        """'Leopard 1A5 tanks donated by Denmark': the agent gives; the recipient is after it, or whose forces
        hold them."""
        s, e, left, t, right, kind, tense = c.s, c.e, c.left, c.t, c.right, c.kind, c.tense
        by = self.parties.actor_of_ref(self.f.ref_at[agent])
        suppliers = [by] if by else []
        suppliers += [a for a in self._coordinated_agents(self.f.ref_at[agent].end, right)
                      if a not in suppliers]
        # 'Leopard 1A5 tanks donated by Denmark': the participle's own noun, whatever comes before;
        # a reduced relative moves only its own noun ('shot down a Russian Su-34 with a Patriot
        # battery donated by Germany': not the Su-34)
        own_noun = self._reduced_noun(t) if kind == "supply" and tense == "past" \
            and self.d.lower[t - 1] not in PASSIVE_AUX else []
        weapons = own_noun or self.mentions.weapons(left, t) or self.mentions.participle_noun(t)
        after_agent = self.f.ref_at[agent].end
        recipient = late_by[1] if late_by is not None else self.recipients.recipient_in(
            after_agent, e, direct=False)
        if recipient is None:
            for i in range(after_agent, e):
                if self.d.lower[i] in ("in", "to") and (i + 1) in self.f.ref_at:
                    recipient = self.parties.actor_of_ref(self.f.ref_at[i + 1])
                    break
        if recipient is None:
            # 'Ukrainian troops train on Leopard 1A5 tanks donated by Denmark': whose forces have them
            recipient = self.recipients.forces_of(s, weapons[0].start if weapons else t, suppliers)
        if recipient is None and weapons:
            # 'Ukraine used Patriot systems supplied by the United States': the user holds them
            recipient = self._user_of(s, weapons[0].start, suppliers)
        return _Parties(recipient, suppliers, weapons)

    def _verb_recipient(self, c: _Clause) -> str | None:
        """The active clause's recipient: its 'to'/'for' outside a clause describing the weapon, else one the
        sentence implies."""
        s, e, left, t, right, kind, n, triggers = c.s, c.e, c.left, c.t, c.right, c.kind, c.n, c.triggers
        recipient: str | None
        # not a 'for' in a clause describing the weapon ('Mi-17 helicopters which were once
        # intended for Afghanistan'): the verb's recipient is outside it
        reach = self._describing_clause(t + 1, right)
        recipient = self.recipients.final_recipient(t + 1, reach) or self.recipients.recipient_in(
            t + 1, reach)
        if recipient is None and reach < right:
            after = next((k + 1 for k in range(reach, right) if self.d.lower[k] == ","), right)
            if after < right and self.d.lower[after] in ("to", "for"):
                recipient = self.recipients.recipient_in(after, right)
        opening = next((k for k in range(t - 1, s, -1) if self.d.lower[k] == ","), None)
        if recipient is None and kind == "supply" and opening is not None:
            # 'In its new package for Ukraine, Sweden is sending Archer howitzers': the aid the
            # sentence opens with names whom its supply is for
            recipient = self.recipients.aid_recipient(s, opening)
        if recipient is None and kind == "supply" and t + 1 < right and self.d.lower[t + 1] in (
                "him", "her"):
            # 'Germany promised him more IRIS-T systems': the state of the person named before
            person = self.f.last_person_before(t + 1)
            actor = self.parties.actor_of_ref(Ref(t + 1, t + 2, person, "person")) if person else None
            if actor is not None and actor not in self.parties.supplier_in(left, t, None):
                recipient = actor
        elif recipient is None and kind == "supply" and t + 1 < right and (
                self.d.lower[t + 1] == "them" or self._state_object(t + 1, right)):
            # 'The Ukrainians are fighting hard. We have sent them Javelins', 'Ukraine needs shells.
            # Norway will send it 10,000 rounds', '... send the country four IRIS-T': the one state
            # named since the sentence before, not the giver
            recipient = self.recipients.them(s, t, self.parties.supplier_in(left, t, None))
        if recipient is None and kind == "supply":
            recipient = self._forces_object(t + 1, right)
        if recipient is None and kind == "supply" and n + 1 < len(triggers) \
                and triggers[n + 1][1] == "supply" and any(
                    w == "and" or w in CLAUSE_CUTS for w in self.d.lower[t + 1 : triggers[n + 1][0]]):
            # 'Germany will supply IRIS-T and Poland will provide Krab to Ukraine': one recipient
            recipient = self.recipients.recipient_in(triggers[n + 1][0] + 1, e)
        if recipient is None and kind in ("include", "aid"):
            # 'a package for Ukraine, including:', 'security assistance to Ukraine includes'
            recipient = self.recipients.recipient_in(left, t, direct=False)
        return recipient

    def _verb_suppliers(self, c: _Clause, recipient: str | None, clause_subjects: list[str]
                        ) -> tuple[str | None, list[str]]:
        """(the recipient, the givers) of an active clause: its subject gives, unless a gerund, a passive gift, a
        coordinated verb or a package before says otherwise; a passive gift ('Ukraine was given X by Germany') and a
        package before name the recipient too, so it comes back with the givers."""
        s, left, t, right, kind, tense, n = c.s, c.left, c.t, c.right, c.kind, c.tense, c.n
        suppliers = self.parties.supplier_in(left if kind != "noun" else s, t, recipient)
        owner = self.parties.decision_owner(s, t) if kind == "supply" else None
        if owner is not None and owner != recipient:
            suppliers = [owner]  # 'grateful for Germany's decision to send': the decision's owner gives, not 'I'
        if kind == "supply" and tense == "gerund":  # 'will buy X after sending Y to Ukraine'
            suppliers = self.parties.gerund_subject(s, t) or suppliers
        passive_gift = self._given_by(left, t, right) if kind == "supply" and recipient is None \
            else None
        if passive_gift is not None:
            # 'Ukraine was given Leopard 2 tanks by Germany': the passive's subject receives
            recipient, suppliers = passive_gift
        if kind == "supply" and clause_subjects and n > 0 and coordinated_verb(self.d.lower, t):
            # 'Canada will buy a NASAMS system from the United States and donate it to Ukraine': a
            # verb after 'and' with no subject of its own has the clause before's subject (the
            # buyer of a purchase), not a name in that clause's 'from' phrase
            suppliers = [a for a in clause_subjects if a != recipient]
        if kind == "include" and not suppliers and recipient is None:
            # 'Finland's 20th package for Ukraine is worth 190 million euros. The package contains
            # ...': the package named before, with its giver and recipient
            suppliers, recipient = self._package_before(left, t, s)
        return recipient, suppliers

    def _noun_givers(self, c: _Clause, recipient: str | None, suppliers: list[str]
                     ) -> tuple[str | None, list[str], bool]:
        """'the transfer of F-16s from Denmark', 'Denmark's transfer of F-16s': a transfer noun's giver, not the
        subject that approves it; a 'third-party transfer' is never the subject's."""
        left, t, right = c.left, c.t, c.right
        third_party = False
        owner = self.parties.possessor_before(t)
        given = [] if self._unnamed_from(t + 1, right) else (
            self.parties.from_actors(t + 1, right) or ([owner] if owner else []))
        if recipient is None and t > 0 and self.d.lower[t - 1] in TAKE_FORMS:
            # 'Ukraine has taken delivery of Caesar howitzers from France': the taker receives
            takers = self.parties.supplier_in(left, t, None)
            recipient = takers[0] if takers else None
        if given:
            suppliers = [a for a in given if a != recipient]
        elif "".join(self.d.lower[max(0, t - 3) : t]).endswith(THIRD_PARTY_ENDINGS):
            suppliers, third_party = [], True
        if "joint" in self.d.lower[max(left, t - 2) : t]:
            # 'talks with Italy for the joint delivery of SAMP/T': the partner gives too
            partners = self.parties.with_actors(left, t)
            suppliers += [a for a in partners if a != recipient and a not in suppliers]
        return recipient, suppliers, third_party

    def _verb_weapons(self, c: _Clause, head: Span | None, suppliers: list[str]) -> tuple[list[Span], list[str]]:
        """The clause's weapons: after the verb up to an infinitive's own object, else the relative's head or the
        passive's subject."""
        s, t, right, kind, tense = c.s, c.t, c.right, c.kind, c.tense
        weapons = self.mentions.weapons(t + 1, right)
        if kind == "supply":
            # 'sent troops to Lithuania to protect Patriot systems': another verb's object
            # ('gives them new capabilities to hold their territory: HIMARS, ...': a colon lists
            # what the verb gives)
            cut = self._infinitive_at(t + 1, right)
            weapons = [w for w in weapons if w.start < cut or ":" in self.d.lower[cut : w.start]]
        if not weapons and head is not None:
            weapons = self.mentions.weapons(head.start, head.end)
        if not weapons and kind == "supply" and tense == "past" and t > s \
                and self.d.lower[t - 1] in (*PASSIVE_AUX, "be"):
            return self._passive_subject(c, suppliers)
        return weapons, suppliers

    def _passive_subject(self, c: _Clause, suppliers: list[str]) -> tuple[list[Span], list[str]]:
        """'The first F-16 jets pledged by the Netherlands were delivered to Ukraine', 'four Polish MiG-29s would be
        handed over': the passive's subject, before the verb."""
        s, t = c.s, c.t
        # after a clause cut, the speech verb of 'X said, the tanks will be delivered' or the marker
        # of 'Duda announced that four Polish MiG-29s would be handed over'
        cut = max([s, *(i + 1 for i in range(s, t) if self.d.lower[i] in CLAUSE_CUTS or (
            self.d.lower[i] in self.d.g.speech_verbs and self.d.lower[i + 1] in (",", "that"))
            or self._subordinate_at(i))])
        # not a name in the subject's 'by' phrase ('T-72 tanks modernized by the Czech company
        # Excalibur Army ... will be delivered')
        weapons = [w for w in self.mentions.weapons(cut, t)
                   if "by" not in self.d.lower[max(cut, w.start - 5) : w.start]]
        # a state marking the weapon ('Soviet Gripen jets were handed over') is its maker or
        # owner, not the passive's agent
        marks = {self.parties.actor_of_ref(r) for w in weapons
                 if (r := self.f.ref_at.get(w.start - 1)) is not None and r.end == w.start}
        suppliers = [x for x in suppliers if x not in marks]
        return weapons, suppliers

    def _text_recipient(self, recipient: str, suppliers: list[str], title_recipient: str | None) -> str:
        """A clause naming no recipient: the text's (``recipient``), unless the text is mostly about another or
        the clause's own giver is the text's recipient."""
        counts = Counter(t.recipient for t in self.f.transfers.values() if not t.attributed)
        main = counts.most_common(1)[0][0] if counts else None
        if main is not None and counts[main] > counts[recipient] + 1 and main not in suppliers:
            # 'Germany has provided Patriot systems' after an aside on a sale to Poland in a statement
            # about aid to Ukraine: the recipient the text is mostly about, not the aside's
            return main
        if recipient in suppliers and title_recipient and title_recipient not in suppliers:
            # 'Norway transferred X to the United States. The package I approved will provide:': the
            # clause's own supplier is not the recipient the text before named; the title's is
            return title_recipient
        return recipient

    def _referred_giver(self, s: int, chain_left: int, t: int, head: Span | None, weapon: Span,
                        prev_actor: str | None) -> str | None:
        """A supply clause with no subject the text resolves: 'It will send ...', 'The ministry has donated ...'
        name the previous sentence's actor; else the state the weapon names as its own ('Sweden's CV90
        vehicles have been handed over')."""
        found_here = prev_actor if self.parties.refers_back(chain_left, t) else None
        if head is not None and any(w in ("it", "they") for w in self.d.lower[head.end : t]):
            # 'The German army must replace the Marder vehicles it sent': the pronoun of a relative
            # clause is the sentence's subject before the weapon
            found_here = self.parties.first_actor(s, head.start) or found_here
        if found_here is None:
            found_here = self.parties.own_state_of(weapon)
        return found_here

    def _unnamed_from(self, start: int, right: int) -> bool:
        """'that of Leopard 1 and Leopard 2 tanks from our European Allies': the clause's 'from' names givers the
        text does not name (an ``unnamed-actor`` cue before any state), so the text's own giver is not one."""
        for i in range(start, right):
            if self.d.lower[i] != "from":
                continue
            for k in range(i + 1, min(right, i + 5)):
                if k in self.f.ref_at and self.d.lower[k] not in POSSESSIVES:
                    break  # 'from our allies': the possessor is not the giver
                if self.d.g.cues.get(self.d.lower[k]) == "unnamed-actor":
                    return True
        return False

    def _third_party_before(self, s: int, t: int) -> bool:
        """'we will expedite the approval of third-party transfer requests for F-16s, so that those aircraft can go
        to Ukraine': a sentence about a third party's transfer; its giver is not the text's own state."""
        joined = "".join(self.d.lower[s:t])
        return any(w in joined for w in THIRD_PARTY)

    def read(self) -> None:
        list_frame: Frame | None = None
        # before any sentence names one, the supplier is the publisher's own state ('This package includes:')
        title_recipient = self.recipients.title_recipient()
        doc_frame = Frame(self.d.first_person, title_recipient, "pledged")
        package_before = False  # the previous sentence was about a package or a supply ('It includes: ...')
        prev_actor: str | None = None  # the first actor of the sentence before: what 'it' or 'the ministry' is
        next_actor: str | None = None
        numbered_item = False
        marked_list = False
        withheld: tuple[str, str] | None = None  # (giver, recipient) of the last negated or hypothetical supply
        for number, sent in enumerate(self.d.sents):
            s, e = sent.start, sent.end
            if marked_list and list_frame is not None and is_list_section(
                    self.d, s, e, self.d.sent_starts[number + 1] if number + 1 < len(self.d.sents) else None):
                continue  # 'Artillery' over the next bullets of the same package: the list goes on
            prev_actor, next_actor = next_actor, self.parties.first_actor(s, e) or next_actor
            if e - s > 400:
                self.f.warnings.append(f"sentence of {e - s} tokens at offset {self.d.cstart(s) + self.d.base}: "
                                     "not read for transfers")
                continue
            if self.d.words[e - 1] == "?" or (e - s > 1 and self.d.words[e - 2] == "?"):
                # a question asserts nothing ('Will you send ATACMS?'), but the state it asks about is the
                # recipient of the answer's supply clause that names none ('Q: Will you send Abrams to Ukraine?
                # MR. KIRBY: We are going to send Bradleys.')
                asked = self.recipients.recipient_in(s, e, direct=False) or self.recipients.aid_recipient(s, e)
                if asked is not None and asked != doc_frame.supplier:
                    doc_frame = Frame(doc_frame.supplier, asked, doc_frame.stage)
                continue
            if is_heading(self.d, s, e) and not self.mentions.weapons(s, e):
                # 'Strengthen Security in the Indo-Pacific': a new section, not the recipient of the text before
                doc_frame = Frame(doc_frame.supplier, title_recipient, doc_frame.stage)
            numbered = NUMBERED.match(self.d.words[s]) is not None or (
                s + 1 < e and self.d.words[s].isdigit() and self.d.words[s + 1] in (".", ")"))
            if numbered and e - s <= 2:
                numbered_item = True  # '1.' split off as a sentence of its own: the item is the next one
                continue
            is_bullet = self.d.words[s] in BULLETS or numbered or numbered_item
            numbered_item = False
            # an unmarked line right under 'includes:' ('Stinger anti-aircraft systems;') is an item too
            # (only in a list that has no marked items: after '- Javelins', a plain line ends the list)
            unmarked_item = (list_frame is not None and not marked_list and self.d.doc.user_data["breaks"][s]
                             and e - s <= LIST_ITEM_MAX_TOKENS)
            marked_list = marked_list or (is_bullet and list_frame is not None)
            if not is_bullet and not unmarked_item:
                list_frame = None
                marked_list = False
            starts_with_reference = self.d.lower[s] in REFERRING_SUBJECTS
            triggers = self.stages.triggers(s, e, after_package=package_before and starts_with_reference)
            package_before = False
            sent_frame: Frame | None = None
            giver_here: str | None = None  # a giver a clause of this sentence named ('promised by Washington')
            """What the sentence's supply clause said: 'provide Ukraine $1 billion in aid, including X'."""
            sent_blocked = False
            clause_suppliers: list[str] = []  # the suppliers of the sentence's transfer word before
            clause_subjects: list[str] = []  # its subject: the suppliers, or the buyer of a receiving word
            weapons_here = self.mentions.weapons(s, e)
            if not triggers and doc_frame.recipient is None:
                # '... and demonstrate U.S. support for Ukraine.': aid for a named state, no transfer word: the
                # recipient of the text that follows
                aided = self.recipients.aid_recipient(s, e)
                if aided is not None:
                    doc_frame = Frame(doc_frame.supplier, aided, doc_frame.stage)
            if (is_bullet or unmarked_item) and list_frame is not None and not any(
                    t[1] in ("supply", "receive", "noun") for t in triggers):
                frame = list_frame
                if frame.supplier and frame.recipient:
                    for w in weapons_here:
                        self.record.transfer(frame.supplier, frame.recipient, w, frame.stage, sent,
                                             "transfer:list-item")
                continue
            chain_left = s
            # 'Allies announced new aid to Ukraine: Germany will send IRIS-T, Norway will provide NASAMS': the aid
            # the words before a colon name is the recipient of the supply clauses after it that name none
            colon = next((i for i in range(s, e - 1) if self.d.words[i] == ":"), None)
            colon_recipient = self.recipients.aid_recipient(s, colon) if colon is not None else None
            for n, (t, kind, tense) in enumerate(triggers):
                left = triggers[n - 1][0] + 1 if n > 0 else s
                if colon_recipient and colon is not None and left <= colon < t:
                    left = colon + 1  # the clause after the colon has its own subject
                right = triggers[n + 1][0] if n + 1 < len(triggers) else e
                if n + 1 < len(triggers) and self._reduced_relative(triggers[n + 1], ("supply", "use")):
                    # 'the delivery of 19 Caesar howitzers pledged last year to Ukraine', 'to transfer Patriot
                    # missiles produced in Japan under license to the United States': the participle describes the
                    # weapon; the clause goes on past it
                    right = triggers[n + 2][0] if n + 2 < len(triggers) else e
                # 'promised to deliver', 'committed to transferring': one chain, one subject before its first word
                chained = n > 0 and t - triggers[n - 1][0] <= 3 and all(
                    w in CHAIN_WORDS for w in self.d.lower[triggers[n - 1][0] + 1 : t])
                chain_left = chain_left if chained else left
                if kind == "supply" and self._to_other_verb(t):
                    continue  # 'Germany promised to train pilots on F-16 jets': the jets go with the other verb
                for i in range(t + 1, right):
                    if kind == "include" and self.d.lower[i] == ";":
                        continue  # 'includes A; B; C': a list's separator, not a clause's end
                    if kind == "supply" and self.d.lower[i] == ";" and self._gapped_segment(i, right):
                        continue  # 'Germany is sending IRIS-T; Norway, Mistral missiles': the verb said once
                    if self.d.lower[i] in CLAUSE_CUTS or self._new_clause_at(i) or self._subordinate_at(i) or (
                            self._joint_at(i) and n + 1 < len(triggers) and triggers[n + 1][1] == "arrive"):
                        right = i
                        break
                stages, negated, hypothetical = self.stages.cues(left, t + 1)
                if kind in ("deployment", "use"):
                    continue
                if kind == "noun":
                    stages += self.stages.done_after(t + 1, right) + self.stages.done_before(t)
                head = self.mentions.relative_head(left, t) if kind == "supply" else None
                if head is not None and hypothetical:
                    # 'the cluster munitions that we would provide': the weapon is decided, 'would' is its future
                    _, _, hypothetical_before = self.stages.cues(left, head.start)
                    # 'must replace the Marder vehicles it sent to Ukraine': a relative clause in the past states
                    # what was done, whatever the clause around it hopes for
                    hypothetical_before = hypothetical_before and tense != "past"
                    between = self.d.lower[head.end : right]  # the relative clause, its condition included
                    hypothetical = hypothetical_before or any(
                        self.d.g.cues.get(w) == "hypothetical" and w != "would" for w in between)
                    if not hypothetical and tense != "past":
                        stages.append("pledged")
                if kind == "include" and (sent_frame is not None or sent_blocked):
                    # 'including X' after a supply clause of the same sentence: that clause's parties and stage
                    if sent_blocked or negated or hypothetical or sent_frame is None:
                        continue
                    weapons = self.mentions.weapons(t + 1, right)
                    if self.d.words[e - 1] == ":":
                        list_frame = sent_frame
                    if sent_frame.supplier and sent_frame.recipient:
                        for w in weapons:
                            self.record.transfer(sent_frame.supplier, sent_frame.recipient, w, sent_frame.stage, sent,
                                           "transfer:include-after-supply")
                    continue
                if kind == "include" and self.recipients.own_holdings(left, t, doc_frame.recipient or title_recipient):
                    continue
                stage = self.stages.stage_at(stages, tense == "past" and kind in ("supply", "receive", "arrive"), t)
                c = _Clause(s, e, left, t, right, kind, tense, n, triggers)
                got = self._parties(c, clause_subjects, head, sent_frame, giver_here, doc_frame)
                recipient, suppliers, weapons = got.recipient, got.suppliers, got.weapons
                # aside: a clause about the past of a system given in the text, not the text's frame
                aside, third_party = got.aside, got.third_party
                if kind == "request":
                    stage = "requested"
                if kind in ("supply", "noun") and suppliers:
                    # 'the Netherlands pledged 14 Leopard 2A4 tanks, together with Denmark': the partner gives too
                    # only in the trigger's own clause: 'Italy supplied X together with France, while Spain
                    # handed over Y' gives France no part in Spain's Y
                    own_left = max([left, *(i + 1 for i in range(left, t) if self.d.lower[i] in CLAUSE_CUTS)])
                    suppliers += [a for a in self.parties.partners(own_left, right) + self.parties.elliptic(t, right)
                                  if a != recipient and a not in suppliers]
                if negated or hypothetical:
                    sent_blocked = sent_blocked or kind in ("supply", "noun", "aid")
                    if recipient is not None and len(suppliers) == 1 and kind in ("supply", "noun") \
                            and recipient not in suppliers:
                        withheld = (suppliers[0], recipient)
                    continue
                if sent_blocked and kind == "noun" and not self.parties.possessor_before(t) \
                        and not self.parties.from_actors(t + 1, right):
                    continue  # 'under pressure to provide aid to X, through the sale of its jets': still undecided
                # no subject in the clause: the supplier of the text around it, unless the subject is an
                # unresolvable 'we' (joint statements) or the verb is a receiving one (a buyer has no seller)
                we = self.d.first_person is None and any(w in FIRST_PERSON for w in self.d.lower[s:t])
                # 'Allies and partners have committed ...': a supplier the text does not name is nobody
                unnamed = third_party or any(self.d.g.cues.get(w) == "unnamed-actor" for w in self.d.lower[left:t]) \
                    or (not suppliers and (self._unnamed_from(t + 1, right) or self._third_party_before(s, t)))
                ends_list = self.d.clean[self.d.cend(e - 1) - 1] == ":"
                if recipient is None and colon_recipient and colon is not None and left > colon and weapons \
                        and kind in ("supply", "noun"):
                    recipient = colon_recipient
                if recipient is None and withheld is not None and doc_frame.recipient is None and weapons \
                        and suppliers == [withheld[0]]:
                    # 'if Washington decides to give Kyiv ATACMS ... So far the US has sent HIMARS': the giver's
                    # withheld (negated or hypothetical) supply names who its aid is for
                    recipient = withheld[1]
                bought_before = kind == "receive" and self._bought_before(t, tense) \
                    and doc_frame.recipient not in self.parties.named_actors(s, e)
                if recipient is None and doc_frame.recipient and (weapons or ends_list) and not bought_before:
                    # 'newer Abrams models bought from the United States' in a sentence that does not name the
                    # text's recipient: the participle says where the weapon came from, for whoever has it
                    recipient = self._text_recipient(doc_frame.recipient, suppliers, title_recipient)
                    if (side := self.recipients.for_side(suppliers, recipient)) != recipient:  # not from Pyongyang
                        recipient, suppliers = side, [x for x in suppliers if x != recipient]
                # the recipient is never its own supplier ('provided through the Ukraine Security Assistance
                # Initiative'): then the supplier of the text around it
                suppliers = [x for x in suppliers if x and x != recipient]
                if not suppliers and kind in ("supply", "noun") and not we and not unnamed and weapons:
                    # 'It will send ...', 'The ministry has donated ...': the previous sentence's actor; else the
                    # state the weapon names as its own ('Sweden's CV90 vehicles have been handed over')
                    found_here = self._referred_giver(s, chain_left, t, head, weapons[0], prev_actor)
                    suppliers = [found_here] if found_here and found_here != recipient else []
                if not suppliers and chained and clause_suppliers and kind != "receive" and not unnamed:
                    # 'Denmark and the Netherlands have committed to transferring F-16s': the verb before's subjects
                    suppliers = list(clause_suppliers)
                # a request names whom it asks or asks nobody: 'Ukraine has asked for ATACMS' after a US package is
                # not a request to the package's giver
                if not suppliers and doc_frame.supplier and kind not in ("receive", "request") and not we \
                        and not unnamed and (
                        weapons or ends_list) and self.d.lower[t] not in syntax_words()["named-giver"]:
                    suppliers = [doc_frame.supplier]
                clause_suppliers = suppliers
                clause_subjects = [recipient] if kind == "receive" and recipient else suppliers
                if recipient is None and suppliers and weapons and kind in ("supply", "noun", "aid", "include") \
                        and not unnamed:
                    # 'Greece promised an additional delivery of BMP-1' in a text whose only other state is
                    # Ukraine: the recipient the text leaves implicit; so too for a giver's package that names
                    # no recipient ('Norway announced its new package: NASAMS launchers and ...')
                    recipient = self.recipients.only_other_state(suppliers, t)
                suppliers = [x for x in suppliers if x and x != recipient]
                giver_here = suppliers[0] if suppliers else giver_here
                if (suppliers or recipient) and not aside:
                    doc_frame = Frame(suppliers[0] if suppliers else doc_frame.supplier,
                                      recipient or doc_frame.recipient, stage)
                if self.d.words[e - 1] == ":" and kind in ("include", "aid", "supply", "noun"):
                    list_frame = Frame(suppliers[0] if suppliers else None, recipient, stage)
                if kind == "include":
                    # 'This new package will include new capabilities ... It includes 18 howitzers': a package
                    # described over several sentences (an 'include' is kept only where aid is named)
                    package_before = True
                if kind in ("supply", "noun", "aid"):
                    package_before = True
                    if suppliers and recipient and not unnamed:
                        sent_frame = Frame(suppliers[0], recipient, stage)
                relative = self._relative_giver(weapons[-1], e) if weapons and kind in ("supply", "receive") \
                    and (not suppliers or recipient is None) else None
                if relative is not None:
                    # 'Spain has sent the Leopard 2 tanks it promised Ukraine', 'Ukraine received the F-16 jets
                    # Belgium had promised': the relative clause names the party the main clause lacks
                    giver, promised_to = relative
                    recipient = recipient or (promised_to if promised_to not in suppliers else None)
                    suppliers = suppliers or ([giver] if giver and giver != recipient else [])
                if not suppliers or recipient is None:
                    continue
                if kind in ("supply", "noun"):
                    weapons = self._exchanged(weapons, suppliers, t, right, stage, sent)
                own = self.parties.gapped_suppliers(t, weapons, recipient) if kind == "supply" else (
                    self.parties.own_from(weapons, right, recipient) if kind == "receive" else {})
                if kind == "supply" and not weapons:
                    # 'Denmark (Caesar howitzers), Norway (NASAMS) and Sweden (Archer) pledged aid to Ukraine'
                    own = self.mentions.parenthesised(left, t)
                    weapons = [w for w in self.mentions.weapons(left, t) if w.start in own]
                if not own and len(suppliers) > 1 and "respectively" in self.d.lower[t:e]:
                    own = self._respectively(suppliers, weapons, s, t)
                for w in weapons:
                    if w.start in own:
                        # 'Germany sent IRIS-T, Poland Krab howitzers and the Netherlands PzH 2000 to Ukraine'
                        how = "respectively" if "respectively" in self.d.lower[t:e] else (
                            "gapped" if kind == "supply" else "own-from")
                        self.record.transfer(own[w.start], recipient, w, stage, sent, f"transfer:{kind}-{tense}-{how}")
                        continue
                    givers = suppliers
                    owner = self.parties.owner_on(w, t) if len(suppliers) > 1 else None
                    if owner in suppliers:
                        givers = [owner]  # 'A, B and C discuss sending Royal Australian Air Force F/A-18s'
                    for supplier in givers:
                        self.record.transfer(supplier, recipient, w, stage, sent, f"transfer:{kind}-{tense}",
                                       joint=len(givers) > 1)
                if len(suppliers) == 1 and got.sellers and stage != "declined" \
                        and self._buyer_named(suppliers[0], s, t, unnamed):
                    # the buyer's own purchase: 'Germany is ready to buy Patriot systems from the United States for
                    # Ukraine' is the United States' sale to Germany as well as Germany's gift to Ukraine; a refusal
                    # ('Germany refused to buy') is the buyer's, not the seller's, and gives no sale
                    cut = self._for_at(t, right)
                    bought = [w for w in weapons if w.start < min(cut, self._instead_at(t, cut))]
                    # 'Leopard 2 tanks from Denmark and CV90 vehicles from Sweden': each weapon its own seller
                    own_sellers = [self._sellers_in(w.end, bought[n + 1].start if n + 1 < len(bought) else cut,
                                                    recipient) for n, w in enumerate(bought)]
                    for n in range(len(bought) - 2, -1, -1):
                        own_sellers[n] = own_sellers[n] or own_sellers[n + 1]  # 'X and Y from Z': Z sells both
                    per_weapon = len({o for o in own_sellers if o}) > 1
                    for n, w in enumerate(bought):
                        sellers = [x for x in (own_sellers[n] if per_weapon else got.sellers)
                                   if x not in (suppliers[0], recipient)]
                        for seller in sellers:
                            self.record.transfer(seller, suppliers[0], w, stage, sent, "transfer:bought-from",
                                                 joint=len(sellers) > 1)

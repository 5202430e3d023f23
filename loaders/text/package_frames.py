"""Component ``package_transfers``: the systems a US official text lists as the contents of a package it announced.

A statement, fact sheet or briefing announces a package once ("Today I approved a further $500 million package for
Ukraine", "the Department announced a new drawdown") and lists what it holds in sentences the supply word does not
govern: "It brings what was asked for: twelve howitzers, ...", "The package also includes:" and bullets, "Under USAI,
the Department will buy ...", "There are also more drones", "..., and it will include an air defense battery", "its
largest drawdown so far, with 40 more tanks". The clause
rules read one sentence at a time and the discourse frame (``frames.py``) ends at a paragraph break or a sentence
naming another state; a package frame is held for the whole stretch the text spends on that package.

The frame (donor, recipient, stage) is set by a sentence with a package noun (``aid_words.csv`` kind package) or a
programme name: the donor a named giver before the noun, else the publisher's state when the text speaks for it
(``TextDoc.first_person``; none in a joint text), the recipient the state after the noun, else the title's, else the
default recipient of a war-aid text. It ends where another giver's supply or package starts. Only texts whose
publisher speaks for a state (``publishers.csv``: US official texts) are read; news has no such frame.

An item needs a cue of ``package_words.csv`` (a contents verb after a reference to the package, a lead word after the
package noun, a programme opener, a buy verb paid for by a package or programme named just before it anywhere in the
sentence ('The USAI funds will procure ...', session 25), an existential 'there are also'), or a bullet after a cue
sentence ending in ':'.
A listed system is not the package's when another state owns it ("Dutch F-16s"), when it is what an item is for or
on ("equipment to support the jets of Ukraine's fleet", "training on HIMARS"), when the recipient already holds or
uses it ("the launchers Ukraine already has"), in a question, or in a negated or hypothetical sentence. A munition in
a list item of its own is an item though the mention rules read it as what an earlier item is for ("ammunition for
HIMARS, 155mm and 105mm artillery ammunition"). A notice of a possible Foreign Military Sale sets the frame as a
package does; its cases ("The other cases cover ...") and the buyer's request to buy list its items (session 23).
Rule ``transfer:package-item``.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.frames import frame_cues
from armsgraph.loaders.text.headings import is_list_section
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import (
    BULLETS,
    NOT_THE_WEAPON_BEFORE,
    POSSESSIVE_MARKS,
    pick_stage,
    syntax_words,
)
from armsgraph.loaders.text.word_tables import words_by_kind

RULE = "transfer:package-item"
MAX_SENTENCE_TOKENS = 160
"""A sentence longer than this is narrative, not a list of what a package holds."""
REFERENCE_GAP = 4
"""Tokens at most between a reference to the package ('it', 'this package') and its contents verb."""
PROGRAMME_GAP = 10
"""Tokens at most between a package or programme name and the buy verb it pays for ('USAI funds will procure')."""
LEAD_GAP = 12
"""Tokens at most between the package noun and a lead word of its own sentence ('package ..., including')."""


@cache
def package_words() -> dict[str, frozenset[str]]:
    """``data/package_words.csv`` by kind, read once per process."""
    return words_by_kind("package_words.csv", ("contents", "reference", "lead", "opener", "programme", "buy",
                                               "existential", "not-item", "civil", "heading", "opening", "sale",
                                               "case", "request", "apart", "stock", "determiner", "own-mark",
                                               "holding", "item-end", "munition-category", "money", "earlier",
                                               "maker", "maker-link", "maker-from"))


@cache
def _programmes() -> frozenset[str]:
    """One-word programme names: the package kind of ``package_words.csv`` and ``turn_programmes.csv``."""
    named = words_by_kind("turn_programmes.csv")["programme"]
    return package_words()["programme"] | frozenset(w for w in named if " " not in w)


def package_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: the systems a text lists as the contents of the package it announced (``transfer:package-item``)."""
    if d.home is None or not d.speaks_for_home:
        return []
    before = set(f.transfers)
    PackageReader(d, f).read()
    return [t for k, t in f.transfers.items() if k not in before]


class PackageReader:
    """Walks the sentences of one text keeping the package it is about."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        self.f = f
        self.rules = TransferRules(d, f)
        self.words = package_words()
        self.package_nouns = frozenset(w for w, kind in d.g.aid_words.items() if kind == "package") | _programmes() \
            | self.words["sale"]
        self.done = {t.weapon_mention.start for t in f.transfers.values() if t.weapon_mention is not None}
        self.not_given = frame_cues().not_given
        self.inclusion = frame_cues().inclusion
        self.donor: str | None = None
        self.recipient: str | None = None
        self.stage = "announced"
        self.sale = False  # the frame is a notice's possible sale: its cases and the buyer's request list items

    # -- the frame ---------------------------------------------------------------------------------------------

    def _package_at(self, s: int, e: int) -> int | None:
        """The first package noun or programme name of the sentence that is not civil aid ('humanitarian
        assistance')."""
        return next((i for i in range(s, e) if self._arms_package_noun(i, s)), None)

    def _arms_package_noun(self, i: int, s: int) -> bool:
        """Whether token i (in a sentence starting at s) is a package noun or programme name that is not civil aid
        (no civil word in the two words before it)."""
        return self.d.lower[i] in self.package_nouns and not self.words["civil"] & set(self.d.lower[max(s, i - 2) : i])

    def _amount_of_aid(self, s: int, e: int) -> int | None:
        """An amount of money and an aid noun after it ('$800 million in weapons and equipment'): the aid noun."""
        money = next((i for i in range(s, e) if self.d.lower[i] in self.words["money"]), None)
        if money is None:
            return None
        return next((i for i in range(money + 1, min(e, money + 6)) if self.d.lower[i] in self.d.g.aid_words), None)

    def _set(self, s: int, e: int, at: int) -> None:
        """A package sentence: its donor and recipient become the frame's. A group with no name ('allies') or
        several givers close the frame; a sentence whose giver is not named keeps the frame's, else the
        publisher's state when the text speaks for it."""
        d = self.d
        recipient = self.rules.recipients.recipient_in(at + 1, e) or self.rules.recipients.aid_recipient(s, e)
        suppliers = [x for x in self.rules.parties.supplier_in(s, at, recipient)
                     if x not in (recipient, self.recipient) and not self.rules.recipients.is_default(x)]
        if any(d.g.cues.get(w) == "unnamed-actor" for w in d.lower[s:at]) or len(suppliers) > 1:
            self.donor = None  # several givers, or a group with no name ('allies'): no one package
            return
        donor = suppliers[0] if suppliers else (self.donor or d.first_person)
        if donor is None or self.rules.recipients.is_other_side(donor):
            self.donor = None
            return
        if recipient is None:
            recipient = self.recipient if donor == self.donor else None
            recipient = recipient or self.rules.recipients.title_recipient() \
                or self.rules.recipients.default_recipient([donor], at)
        if recipient is None or recipient == donor:
            self.donor = None if suppliers else self.donor  # an unnamed giver's package of no one keeps the frame
            return
        stages, _negated, _hypothetical = self.rules.stages.cues(s, e)
        self.donor, self.recipient = donor, recipient
        self.sale = d.lower[at] in self.words["sale"]
        self.stage = pick_stage(stages) or "announced"

    def _other_giver(self, s: int, e: int) -> bool:
        """A supply or transfer of another giver in the sentence: the package's stretch has ended."""
        for fact in self.f.transfers.values():
            if s <= self._token_of(fact.evidence.start) < e and fact.supplier != self.donor:
                return True
        for t, kind, _ in self.rules.stages.triggers(s, e):
            if kind not in ("supply", "noun"):
                continue
            named = [self.rules.parties.actor_of_ref(r) for i in range(s, t) if (r := self.f.ref_at.get(i)) is not None
                     and r.start == i and r.kind in ("name", "capital", "org")]
            giver = named[-1] if named else None  # the nearest named actor before the word
            if giver not in (None, self.donor, self.recipient) \
                    and giver in self.rules.parties.supplier_in(s, t, self.recipient):
                return True  # 'Germany will send ...'; not a demonym read as a giver ('keep them supplied')
        return False

    def _token_of(self, char: int) -> int:
        return self.d.tok_index(char - self.d.base)

    # -- cues --------------------------------------------------------------------------------------------------

    def _refers(self, i: int, s: int) -> bool:
        """Token i stands for the package: a reference word of ``package_words.csv`` ('it', 'one') after 'this' or
        'that', near the sentence start, or after a package noun of the same sentence ('a new package ..., and, for the
        first time, it will include'); or a package noun after a determiner ('this package', "today's drawdown")."""
        w = self.d.lower[i]
        if w in self.words["reference"]:
            return (i > s and self.d.lower[i - 1] in ("this", "that")) or (w == "it" and i - s <= 3) \
                or self._package_at(s, i) is not None
        if w in self.package_nouns:
            before = self.d.lower[i - 1] if i > s else ""
            return before in self.words["determiner"] or before in self.package_nouns
        return False

    def _opened(self, s: int, e: int) -> int | None:
        """'Among them ...', 'In addition, ...': an inclusion phrase of ``frame_cues.csv`` opening the sentence, in a
        sentence with no transfer word of another kind and no party outside the package; where its items start."""
        lower = self.d.lower
        for phrase in self.inclusion:
            n = len(phrase)
            for k in range(s, min(e - n, s + 2)):
                if tuple(lower[k : k + n]) == phrase and phrase[0] in self.words["opening"]:
                    kinds = {kind for _, kind, _ in self.rules.stages.triggers(s, e)}
                    if not kinds <= {"supply", "include", "noun"} or self._outsider(s, e):
                        return None
                    return k + n
        return None

    def _outsider(self, s: int, e: int) -> bool:
        """A state or body the package does not name, as an actor of the sentence (not a maker's demonym, nor the
        state of a maker: 'built with Norway's Kongsberg')."""
        return any(actor not in (self.donor, self.recipient) for actor in self.rules.parties.named_actors(s, e)
                   if not self._maker_state(actor, s, e))

    def _maker_state(self, actor: str, s: int, e: int) -> bool:
        """Whether every mention of ``actor`` in [s, e) is the possessor of a capitalised name that is no state,
        weapon, title or person, after a maker's cue ("built with Norway's Kongsberg", "from Germany's Rheinmetall";
        ``package_words.csv`` kinds maker, maker-link, maker-from): a company's state, no party. With no cue the state
        is one ("for Taiwan's Army", "with Israel's Mossad assisting")."""
        d = self.d
        found = False
        for i in range(s, e):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or self.rules.parties.actor_of_ref(ref) != actor:
                continue
            k = ref.end + 1
            if not (k < e and d.words[ref.end] in POSSESSIVE_MARKS and d.words[k][:1].isupper()
                    and self.f.ref_at.get(k) is None and d.ent_types[k] not in ("PERSON", "WEAPON")
                    and d.lower[k] not in d.g.titles and self._maker_cue(ref.start, s)):
                return False
            found = True
        return found

    def _maker_cue(self, i: int, s: int) -> bool:
        """Whether the words right before token i say a maker: 'from', or a maker verb and its link ('built with')."""
        lower, words = self.d.lower, self.words
        if i - 1 >= s and lower[i - 1] in words["maker-from"]:
            return True
        return i - 2 >= s and lower[i - 1] in words["maker-link"] and lower[i - 2] in words["maker"]

    def _cue(self, s: int, e: int, at: int | None) -> int | None:
        """Where the package's items start in the sentence, or None: after a programme opener's verb, a contents
        verb of a reference to the package, a lead word of the package noun's own sentence, a heading noun and its
        colon ('The highlights:'), an opening inclusion phrase ('Among them'), or 'there are also'."""
        d, words = self.d, self.words
        lower = d.lower
        if lower[s] in words["opener"] and at is not None and at - s <= 6:
            buy = next((k for k in range(at + 1, min(e, at + 10)) if lower[k] in words["buy"]
                        or any(kind == "supply" for kind, _ in d.g.triggers.get(lower[k], ()))), None)
            if buy is not None:
                return buy + 1
        if (bought := self._programme_buys(s, e)) is not None:
            return bought
        if self.sale and (bought := self._sale_cue(s, e)) is not None:
            return bought
        opening = any(self._refers(j, s) for j in range(s, min(e, s + 3)))
        for i in range(s, e):
            if lower[i] in words["contents"] and (opening or any(self._refers(j, s) for j in range(
                    max(s, i - REFERENCE_GAP), i))):
                return i + 1  # 'It brings', 'It is worth $1 billion and includes:', 'this one includes'
            if (r := self.f.ref_at.get(i)) is not None and r.start == i and r.kind in ("name", "capital", "org"):
                opening = False  # 'It ... and Germany provides': another subject
        if at is not None:
            first_weapon = next((w.start for w in self.rules.mentions.weapons(at, e)), e)
            lead = next((i for i in range(at + 1, min(e, at + LEAD_GAP + 1, first_weapon))
                         if lower[i] in words["lead"] or d.words[i] == ":"), None)
            if lead is not None:
                return lead + 1
        for i in range(s, min(e - 1, s + 3)):
            if lower[i] in words["heading"] and d.words[i + 1] == ":":
                return i + 2
        opened = self._opened(s, e)
        if opened is not None:
            return opened
        for i in range(s, e - 2):
            if lower[i] in words["existential"] and lower[i + 1] in ("are", "is", "'s", "’s"):
                rest = lower[i + 2 : e]
                if lower[i + 2] == "also" or any(a == "in" and b in ("there", "it") for a, b in pairwise(rest)):
                    return None if self._outsider(s, e) else i + 2
        return None

    def _programme_buys(self, s: int, e: int) -> int | None:
        """Where the items start after a buy verb whose subject or means is a package or programme named just before
        it, anywhere in the sentence ('The USAI funds will procure ...', 'With the USAI funds, the Department will
        procure ...', 'funded by the Ukraine Security Assistance Initiative, will procure ...', '..., through which the
        Department will buy from industry:'), with no party outside the package from the name to the sentence's end
        ('will also procure Stinger missiles for Taiwan'; a maker's state is none: ``_maker_state``) and no stock word
        after the verb ('package_words.csv' kind stock: '... to replenish US stocks': the donor's own stocks, not the
        package's items) unless the stocks are the recipient's (``_recipients_stock``); the opener path of ``_cue``
        reads only a sentence that starts with the opener."""
        lower = self.d.lower
        nouns: set[int] | None = None
        for k in range(s + 1, e):
            if lower[k] not in self.words["buy"] or (k - 3 >= s and lower[k - 3] in self.words["earlier"]
                                                     and lower[k - 2 : k] == ["used", "to"]):
                continue  # 'one in May, when USAI funds were used to procure ...': an earlier package's buy
            nouns = self._programme_nouns(s, e) if nouns is None else nouns
            noun = next((i for i in range(k - 1, max(s, k - PROGRAMME_GAP) - 1, -1) if i in nouns), None)
            if noun is None:
                continue
            if self._outsider(noun + 1, e) or any(lower[j] in self.words["stock"] and not self._recipients_stock(j, e)
                                                  for j in range(k + 1, e)):
                return None  # 'will also procure Stinger missiles for Taiwan', '... to replenish US stocks'
            return k + 1
        return None

    def _recipients_stock(self, j: int, e: int) -> bool:
        """Whether the stock word at token j names the recipient's stocks: the recipient right before it ('Ukrainian
        stockpiles', "Ukraine's stocks") or the first state within three words after it ("to replenish Ukraine's
        stocks"); a stock word of no one or of another state ('US stocks', 'to replenish stocks') is the donor's. One
        lower-case word between is read through ("Ukraine's depleted stocks")."""
        parties = self.rules.parties
        d = self.d
        for at in (j, j - 1):
            if at < j and not (d.words[at].isalpha() and d.words[at].islower() and self.f.ref_at.get(at) is None):
                break
            before = parties.possessor_before(at)
            ref = self.f.ref_at.get(at - 1)
            if before is None and ref is not None and ref.kind == "demonym" and ref.end == at:
                before = parties.actor_of_ref(ref)
            if before is not None:
                return before == self.recipient
        for i in range(j + 1, min(e, j + 4)):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.start == i and ref.kind in ("name", "demonym", "capital"):
                return parties.actor_of_ref(ref) == self.recipient
        return False

    def _programme_nouns(self, s: int, e: int) -> set[int]:
        """The package nouns and programme names of the sentence that are not civil aid."""
        return {i for i in range(s, e) if self._arms_package_noun(i, s)}

    def _sale_cue(self, s: int, e: int) -> int | None:
        """Under a sale's frame: where the items start after a case's contents verb ('The first case covers', 'The
        other cases cover') or the buyer's request to buy ('The Government of X has requested to buy', 'The
        recipient has requested to purchase'), with no other party as the subject; 'The largest case is for'."""
        lower, words = self.d.lower, self.words
        for i in range(s, min(e - 2, s + 4)):
            if lower[i] in words["case"] and lower[i + 1] in words["contents"]:
                return i + 2
            if lower[i] in words["case"] and lower[i + 1] in ("is", "are") and lower[i + 2] == "for":
                return i + 3  # 'The largest case is for ...'
        for i in range(s + 1, e - 2):
            if lower[i] in words["request"] and lower[i + 1] == "to" and lower[i + 2] in words["buy"]:
                actors = self.rules.parties.named_actors(s, i)
                if set(actors) == {self.recipient} or (not actors and "recipient" in lower[s:i]):
                    return i + 3
                return None
        return None

    # -- items -------------------------------------------------------------------------------------------------

    def _not_item(self, w: Span) -> bool:
        """'equipment to support the jets', 'components for the launchers', 'training on HIMARS': what an
        item is for, not the item; 'Dutch F-16s': another state's."""
        d = self.d
        owner = self.rules.parties.own_state_of(w)
        if owner is not None and owner != self.donor:
            return True
        k = w.start - 1
        for _ in range(3):
            ref = self.f.ref_at.get(k)
            named = ref is not None and ref.kind in ("name", "demonym")
            if k > 0 and (d.lower[k] in self.words["own-mark"] or named):
                k -= 1
                continue
            break
        if k >= 0 and d.lower[k] in self.words["not-item"] and not (
                k > 0 and (d.lower[k - 1] in self.words["buy"] or d.lower[k - 1] in self.words["contents"])):
            return True  # 'components for NASAMS', not 'will contract for GLSDB'
        if self._not_given_near(w):
            return True
        return any(d.lower[j] in ("its", "their") for j in range(max(0, w.start - 2), w.start))

    def _not_given_near(self, w: Span) -> bool:
        """A phrase of ``frame_cues.csv`` kind not-given ('already fields', 'needs'), or under a sale's frame a word of
        ``package_words.csv`` kind apart ('separately'), in the stretch of the system's own list item: the words from
        the comma before it to the comma after it."""
        d = self.d
        sent = d.sent_of(w.start)
        left = next((k for k in range(w.start - 1, sent.start - 1, -1) if d.words[k] in (",", ";", ":")), sent.start)
        right = next((k for k in range(w.end, sent.end) if d.words[k] in (",", ";")), sent.end)
        item = d.lower[left:right]
        if self.sale and self.words["apart"] & set(item):
            return True  # a sale's 'missiles to be procured separately': outside the notice's cases
        return any(tuple(item[i : i + len(p)]) == p for p in self.not_given for i in range(len(item)))

    def _held(self, w: Span, e: int) -> bool:
        """'the launchers Ukraine already has', 'the rockets Ukraine uses': the recipient's."""
        d = self.d
        k = w.end
        while k < e and d.lower[k] in d.g.weapon_nouns:
            k += 1
        ref = self.f.ref_at.get(k)
        if ref is None or ref.start != k:
            return False
        after = d.lower[ref.end : min(e, ref.end + 3)]
        return any(x in self.words["holding"] or x in syntax_words()["use"] for x in after)

    def _listed(self, start: int, e: int) -> list[Span]:
        """The weapon mentions of a package's list: those the mention rules keep, and a munition the words of an
        earlier item veto there ('additional ammunition for HIMARS, 155mm and 105mm artillery ammunition', 'air
        defense components, 155mm ... ammunition'): a comma ends an item, and ammunition is not what ammunition is
        for."""
        kept = self.rules.mentions.weapons(start, e)
        starts = {w.start for w in kept}
        extra = [w for w in self.d.weapon_ents if start <= w.start and w.end <= e and w.start not in starts
                 and w.label_ == "WEAPON" and self._munition_item(w, start)]
        if not extra:
            return kept
        # a named system: the category only describes it (as the mention rules read it)
        return sorted([*(w for w in kept if w.label_ == "WEAPON"), *extra], key=lambda w: w.start)

    def _munition_item(self, w: Span, start: int) -> bool:
        """A munition named in an item of its own: the item's words before it (back to the comma) say nothing of
        what it is for ('for', 'components'), and the gazetteer knows it as a munition or a missile ('155mm artillery
        ammunition', 'AIM-9M missiles'; not 'HIMARS rounds', a launcher's)."""
        d = self.d
        k = w.start - 1
        while k >= start and d.words[k] not in self.words["item-end"]:
            if d.lower[k] == "for" or d.lower[k] in NOT_THE_WEAPON_BEFORE or d.lower[k] in self.words["not-item"]:
                return False
            k -= 1
        if k < start:
            return False  # no comma before: the mention rules' own reading of the item stands
        entry = d.g.weapons_by_id.get(w.ent_id_)
        return entry is not None and (entry.kind == "munition" or entry.category in self.words["munition-category"])

    def _items(self, sent: Span, start: int) -> None:
        d = self.d
        s, e = sent.start, sent.end
        stages, negated, hypothetical = self.rules.stages.cues(s, e)
        if negated or hypothetical or self.donor is None or self.recipient is None:
            return
        stage = pick_stage(stages) or self.stage
        for w in self._listed(start, e):
            at = d.token_span(w.start, w.end).start
            if at in self.done or self._not_item(w) or self._held(w, e):
                continue
            self.rules.record.transfer(self.donor, self.recipient, w, stage, sent, RULE)
            self.done.add(at)

    # -- the walk ----------------------------------------------------------------------------------------------

    def read(self) -> None:
        d = self.d
        listing = False  # the last cue sentence ended in ':': bullets after it are items
        bullet_before = False
        for n, sent in enumerate(d.sents):
            s, e = sent.start, sent.end
            if e - s == 1 and d.words[s] in BULLETS:
                bullet_before = True
                continue
            bullet, bullet_before = bullet_before or d.words[s] in BULLETS, False
            if e - s > MAX_SENTENCE_TOKENS or "?" in d.words[max(s, e - 2) : e] or d.words[s] == "Q":
                listing = False
                continue
            if listing and bullet and self.donor is not None:
                self._items(sent, s)  # a bullet of the package's list: its own package words name no new one
                continue
            if listing and is_list_section(d, s, e, d.sents[n + 1].start if n + 1 < len(d.sents) else None):
                continue  # 'Artillery' between two runs of the package's bullets
            at = self._package_at(s, e)
            if self.donor is not None and self._other_giver(s, e):
                self.donor, listing = None, False
            back = at is not None and at > s and d.lower[at - 1] in ("this", "that", "the") \
                and self._amount_of_aid(s, e) is None
            if at is not None and not (back if self.donor is None else self._refers(at, s)):
                self._set(s, e, at)  # not 'The package includes:' with no package announced before it
            elif self.donor is None and (worth := self._amount_of_aid(s, e)) is not None:
                self._set(s, e, worth)  # 'another $800 million in weapons and equipment for Ukraine'
            listing = False
            if self.donor is None:
                continue
            colon = d.words[e - 1] == ":" or (e - s > 1 and d.words[e - 2] == ":")
            start = self._cue(s, e, at)
            if start is not None:
                self._items(sent, start)
            elif not (colon and self._announces(s, e, at)):
                continue
            listing = colon

    def _announces(self, s: int, e: int, at: int | None) -> bool:
        """A sentence ending in ':' that opens the package's list: a package noun, or a supply or include word,
        and no party outside the package ('The Department will send Ukraine, from its own stocks:')."""
        kinds = {kind for _, kind, _ in self.rules.stages.triggers(s, e)}
        return (at is not None or bool(kinds & {"supply", "include"})) and kinds <= {"supply", "include", "noun"} \
            and not self._outsider(s, e)

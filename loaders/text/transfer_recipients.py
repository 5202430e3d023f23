"""Who receives: the actor after 'to'/'for', an aid word's state, the final destination, the
title's recipient and the state a text leaves implicit."""

from __future__ import annotations

import bisect
from functools import cache, lru_cache
from itertools import pairwise

from armsgraph.loaders.text.anaphora import referring_phrase
from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.facts import Facts, Ref
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_parties import Parties, existing_state
from armsgraph.loaders.text.transfer_words import (
    BENEFIT_VERBS,
    FINAL_DESTINATION,
    NOT_A_RECIPIENT,
    NOT_A_RECIPIENT_TO,
    PLACE_NOUNS,
    PLACE_PREPS,
    POSSESSIVE_MARKS,
    RECIPIENT_PREPS,
    REFERRING_OBJECTS,
    STATE_BODIES,
    party_words,
    syntax_words,
)
from armsgraph.loaders.text.word_tables import words_by_kind


@cache
def recipient_words() -> dict[str, frozenset[str]]:
    """``data/recipient_words.csv`` by kind (``where``: prepositions of a capital named as a place; ``ordinal``:
    words of a partitive 'the first of them'; ``them-stop``: marks that end the scan from a 'them' back to a weapon;
    ``them-reach``: how far that scan goes; ``head-end``: words that end a weapon noun's phrase after it; ``owner``:
    words before an own-forces word, 'its own army'), read once per process."""
    return words_by_kind("recipient_words.csv", ("where", "ordinal", "them-stop", "them-reach", "head-end",
                                                  "owner"))


@cache
def them_reach() -> int:
    """Words at most between a weapon and the 'them' of its verb that makes 'them' a party ('... will help them'):
    the one ``them-reach`` row of ``recipient_words.csv``."""
    rows = recipient_words()["them-reach"]
    if len(rows) != 1 or not next(iter(rows)).isdigit():
        raise ValueError(f"data/recipient_words.csv: one them-reach row with a number expected, not {sorted(rows)}")
    return int(next(iter(rows)))


@lru_cache(maxsize=256)
def title_recipient(title: str, home: str | None) -> str | None:
    """The one foreign state a title names for a text published by ``home``'s state, if any. Cached by title and
    home: the extractor asks for it several times per document (96 to 120 calls for the 26 statements, by mode),
    and each call parsed the title again."""
    if not title:
        return None
    g = load()
    doc = nlp()(clean(title))
    states = [ent for ent in doc.ents if ent.label_ in ("COUNTRY", "DEMONYM", "CAPITAL")]
    # 'Canada announces new military aid package for Ukraine', 'France to increase supplies to Ukraine': one
    # state after to/for (or 'to help ...') receives, whoever publishes; else the one foreign state
    marked = set()
    givers = set()
    for ent in states:
        if any(kind == "supply" for tok in doc[ent.end : ent.end + 3]
               for kind, _tense in g.triggers.get(tok.lower_, ())):
            givers.add(ent.ent_id_)  # 'Paris will send AMX-10 RC light tanks': the title's giver
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if ent.label_ == "DEMONYM" and (after in PLACE_NOUNS or after in NOT_A_RECIPIENT or (
                after in g.weapon_nouns and not (ent.end + 1 < len(doc) and doc[ent.end + 1].is_alpha))):
            continue  # 'lost to Russian drones', 'into Russian territory': no state receiving
        prev = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]]
        if prev and prev[-1] == "the":
            prev = prev[:-1]
        if prev and (prev[-1] in RECIPIENT_PREPS or (len(prev) > 1 and prev[-1] in BENEFIT_VERBS
                                                     and prev[-2] == "to")):
            marked.add(ent.ent_id_)
    if len(marked) == 1:
        return marked.pop()
    # 'Remarks by President Biden in a Press Conference, Hiroshima, Japan': where the words were said (the
    # title's last words, after a comma), not a state receiving ('... arrive in Ukraine' still receives)
    places = {ent.ent_id_ for ent in states if ent.start > 0 and all(not t.is_alpha for t in doc[ent.end :])
              and doc[ent.start - 1].text == ","}
    found = {ent.ent_id_ for ent in states} - {home or ""} - givers - places
    return found.pop() if len(found) == 1 else None


class Recipients:
    """Recipients of a clause or a text."""

    def __init__(self, d: TextDoc, f: Facts, parties: Parties) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far."""
        self.parties = parties
        self._states: dict[str, list[Ref]] | None = None

    def aid_recipient(self, s: int, e: int) -> str | None:
        """The state after an aid word and 'for'/'to' ('support for Ukraine', 'assistance to Ukraine')."""
        for i in range(s, e - 2):
            if (self.d.lower[i] in self.d.g.aid_words or self.d.lower[i] == "support") \
                    and self.d.lower[i + 1] in ("for", "to"):
                found = self.parties.object_actor(i + 2, e)
                if found is not None:
                    return found
        return None

    def own_holdings(self, left: int, t: int, recipient: str | None) -> bool:
        """'Ukraine's air capabilities will keep growing, to include F-16s': an include whose subject the text's
        recipient owns (no package word, no 'aid to X') lists what that state has, not what it is given."""
        if recipient is None or self.aid_recipient(left, t) is not None or any(
                self.d.g.aid_words.get(w) == "package" for w in self.d.lower[left:t]):
            return False
        return any(self.d.words[i] in POSSESSIVE_MARKS and self.parties.possessor_before(i + 1) == recipient
                   for i in range(left + 1, t))

    def title_recipient(self) -> str | None:
        """The one foreign state a document's title names ('... Security Assistance to Ukraine'), if any
        (``title_recipient``: parsed once per title, not at every call)."""
        return title_recipient(str(self.d.document.get("title") or ""), self.d.home)

    def _weapon_noun_head(self, k: int) -> bool:
        """A weapon noun at token k that heads its phrase ('Russian drones', not 'Ukrainian tank crews')."""
        if k >= len(self.d.lower) or self.d.lower[k] not in self.d.g.weapon_nouns:
            return False
        nxt = self.d.lower[k + 1] if k + 1 < len(self.d.lower) else ""
        return not nxt.isalpha() or nxt in recipient_words()["head-end"]

    def recipient_in(self, start: int, end: int, direct: bool = True) -> str | None:
        """The actor after 'to'/'for' in [start, end), or ('direct') the object right after the verb."""
        allow_direct = direct
        for i in range(start, end):
            ref = self.f.ref_at.get(i)
            if ref is None and i > 0 and self.d.lower[i - 1] in RECIPIENT_PREPS and referring_phrase(
                    self.d.lower, i, REFERRING_OBJECTS, end) is not None:
                # 'Ukraine needs air defence. Germany will deliver IRIS-T to the country': the one state named
                # since the sentence before, not the clause's giver
                s = self.d.sent_of(i).start
                found = self.them(s, i, self.parties.supplier_in(s, i, None))
                if found is not None:
                    return found
            if ref is None or ref.start != i or ref.kind in ("pronoun", "title"):
                continue
            prev = self.d.lower[i - 1] if i > 0 else ""
            prev2 = self.d.lower[i - 2] if i > 1 else ""
            # 'provide Ukraine with', 'send the Ukrainians F-16s' (a people, not an adjective)
            direct = allow_direct and (i == start or (i == start + 1 and self.d.lower[start] == "the")) and (
                ref.kind != "demonym" or self.d.words[ref.end - 1].endswith("ans"))
            # 'to help the Ukrainians spot ...', 'to strengthen Ukraine's air defence': who the supply is for
            helped = (prev in BENEFIT_VERBS and prev2 == "to") or (
                prev == "the" and prev2 in BENEFIT_VERBS and i > 2 and self.d.lower[i - 3] == "to")
            # 'to the Armed Forces of Ukraine', 'for the people of Ukraine': the state the body belongs to
            owners = self.d.lower[max(0, i - 4) : i - 1]
            body_of = prev == "of" and any(w in STATE_BODIES or w == "people" for w in owners) \
                and any(w in RECIPIENT_PREPS for w in self.d.lower[max(0, i - 6) : i - 2])
            if ref.kind == "demonym" and (any(w in NOT_A_RECIPIENT or w in PLACE_NOUNS
                                              for w in self.d.lower[ref.end : ref.end + 3]) or (
                    self._weapon_noun_head(ref.end))):
                # 'lost to Russian drones': the demonym marks a weapon's side, not a state receiving
                # 'contributing to the German IAAD initiative': a state's scheme, not the state receiving; 'to go
                # into Russian geographic territory': a place
                continue
            prep_at = i - 1 if prev in RECIPIENT_PREPS else i - 2
            if prep_at > 0 and self.d.lower[prep_at] == "to" and self.d.lower[prep_at - 1] in NOT_A_RECIPIENT_TO:
                continue  # 'sent T-72 tanks, according to the Czech defence ministry': a source, not a recipient
            if prev in RECIPIENT_PREPS or (prev == "the" and prev2 in RECIPIENT_PREPS) or direct or helped or body_of:
                actor = self.parties.actor_of_ref(ref)
                if actor and ref.kind != "first-person":
                    return actor
        return None

    def final_recipient(self, start: int, end: int) -> str | None:
        """The state a transfer is finally for ('... to Poland for delivery to Ukraine'), if [start, end) says so."""
        for i in range(start, end):
            for phrase in FINAL_DESTINATION:
                k = i + len(phrase)
                if tuple(self.d.lower[i:k]) == phrase and k < end:
                    found = self.parties.object_actor(k, end)
                    if found is not None:
                        return found
        return None

    def them(self, s: int, t: int, suppliers: list[str]) -> str | None:
        """The one state (by name, demonym or capital) named from the sentence before the one starting at s up to
        token t, other than ``suppliers`` and the publisher's 'we'; None when there are none or several."""
        k = bisect.bisect_right(self.d.sent_starts, s) - 1
        start = self.d.sents[max(0, k - 1)].start
        found = set()
        for i in range(start, t):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.start == i and ref.kind in ("name", "demonym", "capital"):
                actor = self.parties.actor_of_ref(ref)
                if actor and actor not in suppliers:
                    found.add(actor)
        return found.pop() if len(found) == 1 else None

    def only_other_state(self, suppliers: list[str], t: int | None = None) -> str | None:
        """The recipient a text leaves implicit: the narrow reading (``only_named_other``) or, for the clause of the
        transfer word at ``t``, the text's default recipient (``default_recipient``)."""
        found = self.only_named_other(suppliers)
        if found is None and t is not None:
            found = self.default_recipient(suppliers, t)
        return found

    def default_recipient(self, suppliers: list[str], t: int, bystanders: tuple[str, ...] = ()) -> str | None:
        """The state a war-aid text's supply goes to when its clause names no recipient (``party_words.csv`` kind
        default-recipient: Ukraine), when the text names that state anywhere (by name, demonym, capital, a body or a
        person serving it), not only by its capital as a place ('Speaking in Kyiv, the Greek minister said ...': a
        meeting's place; 'the war in Ukraine' is the war the aid is for), and it is not a supplier. Not for a
        supplier of the other side ('Iran will send more Shahed drones'), nor a supply for the giver's own forces
        ('to equip its own army'), nor in a sentence with a condition ('if'), an object that names no one state
        ('to the country': ``them`` found none), a 'them' that may be a party (``_them_as_party``: 'send them', 'to
        them', 'some of them', 'Gripen fighters from Sweden will help them'; not 'the first of them', 'Ukraine needs
        them': the things given) or a third state, which may be the recipient;
        ``bystanders`` are states the caller knows are not ('the United States helped build the coalition' beside the
        F-16s others gave)."""
        states = self._named_states()
        if any(self.is_other_side(x) for x in suppliers):
            return None
        s = self.d.sent_of(t)
        words = self.d.lower[s.start : s.end]
        if any(w in recipient_words()["owner"] and nxt in party_words()["own-forces"] for w, nxt in pairwise(words)):
            return None
        if "if" in words or self._them_as_party(s.start, s.end) or any(
                a in RECIPIENT_PREPS and b == "the" and c in REFERRING_OBJECTS for a, b, c in zip(
                    words, words[1:], words[2:], strict=False)):
            return None  # a condition; 'send them', 'to them' or 'to the country' that names no one state is nobody
        if any(self._third_state(i, [*suppliers, *bystanders]) for i in range(s.start, s.end)):
            return None  # 'During a visit of the Ukrainian and Polish ministers, Greece promised BMP-1': whose?
        where = recipient_words()["where"]
        found = [x for x in states if self.is_default(x) and x not in suppliers and not all(
            r.kind == "capital" and r.start > 0 and self.d.lower[r.start - 1] in where for r in states[x])]
        return found[0] if found else None

    def _them_as_party(self, s: int, e: int) -> bool:
        """Whether a 'them' of the sentence from token s to e may be a party (third states, not the things given):
        right after a recipient preposition ('to them') or a supply verb ('send them'); a partitive 'of them' unless
        a determiner or ordinal comes before 'of' ('the first of them', 'the rest of them'; not 'some of them'); or
        the object of a verb whose subject is a weapon (a weapon at most ``them_reach`` words before it, no punctuation
        between: 'Gripen fighters from Sweden will help them'). Not 'Ukraine needs them' (the things given), nor a
        'them' that is that weapon (``_them_is_weapon``: 'fly the F-16 jets from Denmark and maintain them')."""
        lower, words, reach = self.d.lower, recipient_words(), them_reach()
        weapons = {i: w.end for w in self.d.weapon_ents if s <= w.start < e for i in range(w.start, w.end)}
        for i in range(s, e):
            if lower[i] != "them":
                continue
            before = lower[i - 1] if i > s else ""
            if before in RECIPIENT_PREPS or any(kind == "supply" for kind, _ in self.d.g.triggers.get(before, ())):
                return True
            if before == "of":
                if i - 2 >= s and (lower[i - 2] in words["ordinal"] or (i - 3 >= s and lower[i - 3] == "the")):
                    continue
                return True
            for j in range(i - 1, max(s, i - reach) - 1, -1):
                if j in weapons:
                    if self._them_is_weapon(weapons[j], i):
                        break
                    return True
                if lower[j] in words["them-stop"]:
                    break
        return False

    def _them_is_weapon(self, end: int, them: int) -> bool:
        """Whether the parse reads the weapon ending at token ``end`` as the object of a verb and 'them' as the object
        of a second verb joined to it ('fly the F-16 jets from Denmark and maintain them'): 'them' is the weapon, not
        a party; a weapon as the subject ('Gripen fighters will help them') is not read so."""
        syntax = self.d.syntax
        k = end - 1
        while k + 1 < len(self.d.lower) and self.d.lower[k + 1] in self.d.g.weapon_nouns:
            k += 1  # 'F-16 jets': the phrase's head noun
        if syntax is None or not (syntax.parsed[k] and syntax.parsed[them]):
            return False
        verb = syntax.head[them]
        return syntax.dep[k] == "dobj" and syntax.dep[them] == "dobj" and syntax.dep[verb] == "conj" \
            and syntax.head[verb] == syntax.head[k]

    def for_side(self, suppliers: list[str], recipient: str | None) -> str | None:
        """The recipient carried to a clause from the text around it, checked against the givers' side: a giver of
        the other side (``party_words.csv``: 'Pyongyang is providing KN-23 missiles' in a text on aid to Ukraine)
        never arms the default recipient; its arms go to the one other-side state the text names besides the givers
        (Russia), else to nobody."""
        givers = [x for x in suppliers if x and x != recipient]
        if not givers or not self.is_default(recipient) or not all(
                self.is_other_side(x) for x in givers):
            return recipient
        side = [x for x in self._named_states() if self.is_other_side(x) and x not in givers]
        return side[0] if len(side) == 1 else None

    def _third_state(self, i: int, suppliers: list[str]) -> bool:
        """A state named at token i (by name, demonym, capital or a body) that neither gives nor is a default
        recipient: it may be the recipient."""
        ref = self.f.ref_at.get(i)
        if ref is None or ref.start != i or ref.kind not in ("name", "demonym", "capital", "org"):
            return False
        actor = self.parties.actor_of_ref(ref)
        return existing_state(actor) and actor not in suppliers and not self.is_default(actor)

    @staticmethod
    def is_other_side(state: str) -> bool:
        """Whether ``state`` gives to the other side (``party_words.csv`` kind ``other-side``: Pyongyang, Tehran)."""
        return state.lower() in party_words()["other-side"]

    @staticmethod
    def is_default(state: str | None) -> bool:
        """Whether ``state`` is a default recipient of ``party_words.csv``."""
        return state is not None and state.lower() in party_words()["default-recipient"]

    def _named_states(self) -> dict[str, list[Ref]]:
        """The existing states the text names (by name, demonym, capital, a body or a person serving it), with
        their mentions; computed once per text."""
        if self._states is None:
            found: dict[str, list[Ref]] = {}
            for ref in self.f.refs:
                if ref.kind in ("name", "demonym", "capital", "org", "person"):
                    actor = self.parties.actor_of_ref(ref)
                    if existing_state(actor):
                        found.setdefault(actor, []).append(ref)
            self._states = found
        return self._states

    def only_named_other(self, suppliers: list[str]) -> str | None:
        """The recipient a text leaves implicit: the one existing state it names besides ``suppliers`` (by name,
        demonym, capital, a body or a person serving it), when the first sentence names it as the owner of a
        person, body or name ('a visit of the Ukrainian Defense Minister', 'the Ukraine Defence Contact Group':
        a modifier of a capitalised noun, of a forces word or of a state body; the possessor or 'of' object of a
        backer noun of ``syntax_words.csv``: 'one of Ukraine's staunchest backers', 'a key supporter of Ukraine';
        where a visit goes: 'the French minister visited Kyiv') and nowhere else as a subject, an object, a speaker
        or a place. Needs the parse; else None."""
        syntax = self.d.syntax
        if syntax is None or not self.d.sents:
            return None
        states = self._named_states()
        others = [a for a in states if a not in suppliers]
        if len(others) != 1:
            return None
        state = others[0]
        speakers = {self.d.g.country_of(c.speaker) or c.speaker for c in self.f.claims}
        if state in speakers:
            return None
        first = self.d.sents[0]
        title_words = {t.split()[-1].lower() for t in self.d.g.titles}
        owned = False
        for ref in states[state]:
            role = self._first_role(ref, first.start <= ref.start < first.end, title_words)
            if role == "acts":
                return None
            owned = owned or role == "owned"
        return state if owned else None

    def _first_role(self, ref: Ref, in_first: bool, title_words: set[str]) -> str:
        """How a mention of the implicit recipient reads: 'acts' (a subject, an object, a place: 'in Berlin',
        'Russian forces advance'), 'owned' (in the first sentence, the owner of a capitalised noun, a forces word, a
        state body, a title or a backer noun; the 'of' object of a backer noun; the place a visit goes to: 'the
        minister visited Kyiv', 'a visit to Kyiv') or '' (neither)."""
        syntax = self.d.syntax
        i = ref.end - 1
        if syntax is None or not syntax.parsed[i]:
            return ""
        words = syntax_words()
        dep, head = syntax.dep[i], syntax.head[i]
        word = self.d.lower[head]
        if in_first and ref.kind != "person" and (
                (dep == "dobj" and word in words["visit"])
                or (dep == "pobj" and word in ("to", "of") and self.d.lower[syntax.head[head]] in words["visit"])):
            return "owned"
        place = dep == "pobj" and word in PLACE_PREPS
        if dep in ("nsubj", "nsubjpass", "dobj") or place or syntax.dep[head] in ("nsubj", "nsubjpass"):
            return "acts"
        if not in_first or ref.kind == "person":
            return ""
        if dep in ("amod", "compound", "poss", "nmod") and (
                self.d.words[head][:1].isupper() or self.d.g.cues.get(word) == "forces"
                or word in STATE_BODIES or word in title_words or word in words["backer"]):
            return "owned"
        if dep == "pobj" and word == "of" and self.d.lower[syntax.head[head]] in words["backer"]:
            return "owned"  # 'a key supporter of Ukraine'
        return ""

    def forces_of(self, s: int, end: int, suppliers: list[str]) -> str | None:
        """The state whose forces the clause names before ``end`` ('Ukrainian troops', 'Ukrainian soldiers':
        a demonym before a ``cues.csv`` forces word), not a supplier."""
        for i in range(s, end):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind != "demonym" or ref.end >= end:
                continue
            if self.d.g.cues.get(self.d.lower[ref.end]) == "forces":
                actor = self.parties.actor_of_ref(ref)
                if actor and actor not in suppliers:
                    return actor
        return None

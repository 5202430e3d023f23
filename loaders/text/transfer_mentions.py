"""Which weapon mentions move (not parts, crews, rounds or versions), the mention a relative clause
or participle hangs on, and the read-only syntax view the parse components read."""

from __future__ import annotations

import bisect
from itertools import pairwise

from spacy.tokens import Span

from armsgraph.loaders.text.facts import Facts, Ref
from armsgraph.loaders.text.syntax_transfers import SyntaxView, done_by_unnamed, for_something_else
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_parties import Parties
from armsgraph.loaders.text.transfer_words import (
    LAUNCHER_CATEGORIES,
    NOT_THE_WEAPON_AFTER,
    NOT_THE_WEAPON_BEFORE,
    POSSESSIVE_MARKS,
    RELATIVE_AUXILIARIES,
    ROCKET,
    ROCKETS_AFTER,
    ROUNDS_AFTER,
    TARGET_JOINERS,
    VERSION_WORDS,
    deal_words,
)


class Mentions:
    """The weapon mentions that move."""

    def __init__(self, d: TextDoc, f: Facts, parties: Parties) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far."""
        self.parties = parties
        self._syntax_view: SyntaxView | None = None
        self._view_built = False

    def relative_head(self, left: int, t: int) -> Span | None:
        """The weapon a relative clause ending in the transfer word at t hangs on ('the cluster munitions that we
        would provide'): a weapon mention right before 'that'/'which', in the clause, at most six words before t."""
        # a reduced relative: 'the Bradley vehicles we provided', 'the Patriot batteries they have sent', 'the Marder
        # vehicles it sent to Ukraine'
        j = t - 1
        while j > left and self.d.lower[j] in RELATIVE_AUXILIARIES:
            j -= 1
        if j > left and self.d.lower[j] in ("we", "they", "i", "it"):
            # 'the Bradley vehicles we provided' (the noun after the name, or in it: 'T-72 tanks')
            for end in (j, j - 1) if self.d.lower[j - 1] in self.d.g.weapon_nouns else (j,):
                k = bisect.bisect_left(self.d.weapon_starts, end) - 1
                if k >= 0 and self.d.weapon_ents[k].end == end and self.d.weapon_ents[k].start >= left:
                    return self.d.weapon_ents[k]
        for j in range(t - 1, max(left, t - 6) - 1, -1):
            if self.d.lower[j] in ("that", "which") and j > 0:
                k = bisect.bisect_left(self.d.weapon_starts, j) - 1
                if k >= 0 and self.d.weapon_ents[k].end == j:
                    return self.d.weapon_ents[k]
                return None
        return None

    def parenthesised(self, start: int, end: int) -> dict[int, str]:
        """An actor followed by its weapons in parentheses, before the transfer word: weapon start -> the actor."""
        own: dict[int, str] = {}
        for i in range(start, end):
            if self.d.words[i] != "(" or i == 0:
                continue
            ref = self.f.ref_at.get(i - 1)
            if ref is None or ref.kind in ("pronoun", "title", "first-person"):
                continue
            actor = self.parties.actor_of_ref(ref)
            close = next((k for k in range(i + 1, min(end, i + 20)) if self.d.words[k] == ")"), None)
            if actor is None or close is None:
                continue
            for w in self.weapons(i + 1, close):
                own[w.start] = actor
        return own

    def _bare_before(self, i: int) -> list[str]:
        """The words before token i without determiners and a possessor: 'interceptors for Israel's Iron Dome' reads
        as 'interceptors for Iron Dome' (the state's own system, what its interceptors are for)."""
        kept: list[int] = []
        for k in range(max(0, i - 7), i):
            if self.d.lower[k] in POSSESSIVE_MARKS:
                for _ in range(3):  # the possessor's name ('Israel', 'the United States')
                    if not kept or not self.d.words[kept[-1]][:1].isupper():
                        break
                    kept.pop()
            elif self.d.lower[k] not in ("the", "its", "their"):
                kept.append(k)
        return [self.d.lower[k] for k in kept[-4:]]

    def _ammunition_for(self, w: Span) -> bool:
        """'munitions for Patriot', 'shells for the AMX-10 RC': what the system fires, not the system; also the
        systems coordinated after it ('Munitions for Patriot and NASAMS', 'for A, B and C'), up to a comma after
        that inner list's 'and' ('interceptors for NASAMS and Patriot, Stinger missiles': the outer list goes on)."""
        ammunition = self.d.g.ammunition_words
        seps: list[str] = []
        listed_fired = False  # an item after a comma that names what a system fires ('Stinger missiles')
        cur = w
        for _ in range(8):
            bare = self._bare_before(cur.start)
            if len(bare) >= 2 and bare[-1] == "for" and bare[-2] in ammunition:
                forward = seps[::-1]
                if listed_fired and not self._fires(cur):
                    return False  # 'interceptors for Patriot, Stinger missiles': an item of the outer list
                return not any(a in ("and", "or") and "," in forward[i + 1 :] for i, a in enumerate(forward))
            j = cur.start - 1
            if j < 1 or self.d.lower[j] not in ("and", "or", ","):
                return False
            listed_fired = listed_fired or (self.d.lower[j] == "," and self._fires(cur))
            seps.append(self.d.lower[j])
            if self.d.lower[j] in ("and", "or") and self.d.lower[j - 1] == ",":
                j -= 1
                seps.append(",")
            k = bisect.bisect_left(self.d.weapon_starts, cur.start) - 1
            while k >= 0 and self.d.weapon_ents[k].end > j:
                k -= 1
            if k < 0 or self.d.weapon_ents[k].end != j:
                return False
            cur = self.d.weapon_ents[k]
        return False

    def _fires(self, w: Span) -> bool:
        """The mention names what a system fires ('Stinger missiles', 'GMLRS rockets'), by its last word or the
        noun after it."""
        ammunition = self.d.g.ammunition_words
        return self.d.lower[w.end - 1] in ammunition or (w.end < len(self.d.lower) and self.d.lower[w.end]
                                                          in ammunition)

    def weapons(self, start: int, end: int) -> list[Span]:
        """Weapon mentions in [start, end) that are what moves, not its parts or its crews."""
        lo = bisect.bisect_left(self.d.weapon_starts, start)
        hi = bisect.bisect_left(self.d.weapon_starts, end)
        found = []
        target_end = -1  # the end of the last mention named as a target ('against cruise missiles and drones')
        for w in self.d.weapon_ents[lo:hi]:
            if w.end > end:
                continue
            if self._repeated_in_parentheses(w) or self._rounds_of(w):
                continue
            before = self.d.lower[max(0, w.start - 3) : w.start]
            if "against" in before or (target_end >= 0 and 0 < w.start - target_end <= 2 and all(
                    x in TARGET_JOINERS for x in self.d.lower[target_end : w.start])):
                target_end = w.end
                continue  # 'effective against cruise missiles and drones': what it is used against, not supplied
            after = self.d.lower[w.end] if w.end < len(self.d.lower) else ""
            if any(b in NOT_THE_WEAPON_BEFORE for b in before) or after in NOT_THE_WEAPON_AFTER:
                continue
            wider = self.d.lower[max(0, w.start - 7) : w.start]
            if any(a in VERSION_WORDS and b == "of" for a, b in pairwise(wider)):
                continue  # 'a version of the T-72 tank': another system
            if self._ammunition_for(w):
                continue  # 'munitions for Patriot air defense systems', 'shells for the AMX-10 RC': not the system
            if self.view is not None and (for_something_else(self.view, w.start, w.end)
                                           or done_by_unnamed(self.view, w.start, w.end)):
                continue
            found.append(w)
        if any(w.label_ == "WEAPON" for w in found):
            return [w for w in found if w.label_ == "WEAPON"]  # a named system: the category only describes it
        return found

    def participle_noun(self, t: int) -> list[Span]:
        """The weapon mention right before a participle at t ('Leopard 1A5 tanks donated by'), a weapon noun
        allowed between; a named system only."""
        k = bisect.bisect_left(self.d.weapon_starts, t) - 1
        if k < 0:
            return []
        w = self.d.weapon_ents[k]
        noun_between = w.end == t - 1 and self.d.lower[w.end] in self.d.g.weapon_nouns
        if w.label_ != "WEAPON" or not (w.end == t or noun_between):
            return []
        return [w]

    def _repeated_in_parentheses(self, w: Span) -> bool:
        """'munitions for National Advanced Surface-to-Air Missile Systems (NASAMS)': an abbreviation in parentheses
        right after a mention of the same system is that mention again, read (or vetoed) there."""
        if w.start < 2 or self.d.words[w.start - 1] != "(":
            return False
        k = bisect.bisect_left(self.d.weapon_starts, w.start - 1) - 1
        return k >= 0 and self.d.weapon_ents[k].end == w.start - 1 and self.d.weapon_ents[k].ent_id_ == w.ent_id_

    def _rounds_of(self, w: Span) -> bool:
        """'HIMARS ammunition', 'Gepard rounds', 'HIMARS rockets', 'Grad rocket ammunition': a listed system (not a
        munition) right before an ammunition word; before a rocket word only a launcher (``LAUNCHER_CATEGORIES``:
        'M72 LAW rockets' are the weapon)."""
        after = self.d.lower[w.end] if w.end < len(self.d.lower) else ""
        then = self.d.lower[w.end + 1] if w.end + 1 < len(self.d.lower) else ""
        rockets = after in ROCKETS_AFTER or (after == ROCKET and then in ROUNDS_AFTER)
        if after not in ROUNDS_AFTER and not rockets:
            return False
        entry = self.d.g.weapons_by_id.get(w.ent_id_)
        return entry is not None and entry.kind == "system" and (not rockets or entry.category in LAUNCHER_CATEGORIES)

    @property
    def view(self) -> SyntaxView | None:
        if not self._view_built:
            self._syntax_view, self._view_built = self.syntax_view(), True
        return self._syntax_view

    def syntax_view(self) -> SyntaxView | None:
        """The read-only view the syntax component reads; None on the rule-only path."""
        if self.d.syntax is None:
            return None
        actors: dict[int, str] = {}
        demonyms: dict[int, str] = {}
        for ref in self.f.refs:
            if ref.kind == "title":
                continue
            if ref.kind == "pronoun":
                # 'He also reported the delivery': the last person named before, standing for the state they serve
                person = self.f.last_person_before(ref.start)
                actor = self.parties.actor_of_ref(Ref(ref.start, ref.end, person, "person")) if person else None
            else:
                actor = self.parties.actor_of_ref(ref)
            if actor is None:
                continue
            for i in range(ref.start, ref.end):
                actors.setdefault(i, actor)
                if ref.kind == "demonym":
                    demonyms[i] = actor
        triggers = {form: next((k for k, _ in readings if k != "noun"), readings[0][0])
                    for form, readings in self.d.g.triggers.items()}
        return SyntaxView.of(lower=self.d.lower, parse=self.d.syntax, actors=actors, demonyms=demonyms,
                          weapons=[(w.start, w.end) for w in self.d.weapon_ents], triggers=triggers,
                          aid_words=frozenset(self.d.g.aid_words),
                          unnamed=frozenset(w for w, kind in self.d.g.cues.items() if kind == "unnamed-actor"),
                          deal_words=deal_words(), munition_words=self.d.g.ammunition_words,
                          sentence_ends=[sent.end for sent in self.d.sents])

"""Who transfers: the actor a mention stands for, the supplier left of a transfer word and the
suppliers a clause gives each weapon (gapping, own 'from', partners)."""

from __future__ import annotations

import bisect
from itertools import pairwise
from typing import TypeGuard

import pycountry
from spacy.tokens import Span

from armsgraph.loaders.text.anaphora import referring_phrase
from armsgraph.loaders.text.facts import Facts, Ref
from armsgraph.loaders.text.known_officials import known_official
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_words import (
    COMPANY_VERB_GAP,
    ELLIPSIS_AUX,
    HYPHENS,
    NON_SUBJECT_PREPS,
    PARTNER_WORDS,
    REFERRING_NOUNS,
    STATE_BODIES,
    SUBORDINATORS,
)


def existing_state(actor: str | None) -> TypeGuard[str]:
    """Whether ``actor`` is a state that exists today (ISO 3166-1): not the Soviet Union, not Yugoslavia."""
    return bool(actor and actor.startswith("country:") and pycountry.countries.get(alpha_3=actor[8:]))


class Parties:
    """Suppliers and the actors mentions stand for."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far."""

    def actor_of_ref(self, ref: Ref) -> str | None:
        if ref.kind == "person":
            person = self.f.persons.get(ref.id)
            if person is not None:
                for _title, of in person.titles:
                    country = self.d.g.country_of(of)
                    if country:
                        return country
            known = known_official(self.d.g, person.name) if person else None
            return self.d.g.country_of(known[2]) if known else None
        if ref.kind in ("name", "demonym", "capital", "first-person"):
            return ref.id
        if ref.kind == "org":
            return self.d.g.country_of(ref.id) or ref.id
        return None

    def from_actors(self, start: int, end: int) -> list[str]:
        """'... from Germany and Poland': the actors after 'from'."""
        for i in range(start, end - 1):
            if self.d.lower[i] != "from":
                continue
            found: list[str] = []
            j = i + 1
            while j < end:
                if self.d.lower[j] in ("the", "and", ","):
                    j += 1
                    continue
                ref = self.f.ref_at.get(j)
                if ref is None or ref.start != j or ref.kind in ("pronoun", "title"):
                    break
                actor = self.actor_of_ref(ref)
                if actor and actor not in found:
                    found.append(actor)
                j = ref.end
            return found
        return []

    def own_from(self, weapons: list[Span], end: int, recipient: str) -> dict[int, str]:
        """'Ukraine will receive Leopard 2 tanks from Germany and Abrams tanks from the United States': each weapon's
        own 'from' (before the next weapon) when the clause names more than one; weapon start -> supplier."""
        own: dict[int, str] = {}
        for n, w in enumerate(weapons):
            stop = weapons[n + 1].start if n + 1 < len(weapons) else end
            found = [a for a in self.from_actors(w.end, stop) if a != recipient]
            if found:
                own[w.start] = found[0]
        return own if len(set(own.values())) > 1 else {}

    def gapped_suppliers(self, t: int, weapons: list[Span], recipient: str) -> dict[int, str]:
        """Several donors in one clause, each with its own system and the verb said once ('Germany sent IRIS-T
        systems, Poland Krab howitzers and the Netherlands PzH 2000 to Ukraine'): an actor right before a weapon
        mention, after a comma or 'and' that follows an earlier weapon, supplies that weapon and the ones after it.
        Weapon start -> its own supplier; empty when the clause has no such pairs."""
        own: dict[int, str] = {}
        current: str | None = None
        previous_end = t + 1
        for n, w in enumerate(weapons):
            gap = range(previous_end, w.start)
            found = None
            if n > 0:
                for k in gap:
                    ref = self.f.ref_at.get(k)
                    if ref is None or ref.start != k or ref.kind in ("pronoun", "title", "first-person", "person"):
                        continue
                    before = self.d.lower[k - 1] if k > 0 else ""
                    article = before == "the"
                    joiner = self.d.lower[k - 2] if article and k > 1 else before
                    if joiner in (",", "and", ";") and all(
                            not self.d.ent_types[j] or self.f.ref_at.get(j) is ref or self.d.ent_types[j] in (
                                "WEAPON", "CATEGORY") for j in range(ref.end, w.start)) and w.start - ref.end <= 3:
                        found = self.actor_of_ref(ref)
                        break
            if found is not None and found != recipient:
                current = found
            if current is not None:
                own[w.start] = current
            previous_end = w.end
        return own

    def refers_back(self, left: int, t: int) -> bool:
        """The clause before the transfer word at t has 'it'/'they'/'he'/'she' or 'the country'/'the ministry'/...
        as subject and names no actor of its own ('Chancellor Scholz met President Zelensky. He promised to deliver
        ...': the previous sentence's subject)."""
        words = self.d.lower[left:t]
        if any(self.f.ref_at.get(i) is not None and self.f.ref_at[i].kind not in ("pronoun", "title")
               for i in range(left, t)):
            return False
        # 'The ministry has donated', 'The Nordic country will deliver' (at most two modifiers)
        return any(w in ("it", "they", "he", "she") for w in words) or any(
            referring_phrase(self.d.lower, i, REFERRING_NOUNS, t) is not None for i in range(left, t))

    def after_preposition(self, i: int, bound: int) -> bool:
        """The mention at token i is a preposition's object ('to Ukraine', 'for the Netherlands'): a word of
        ``NON_SUBJECT_PREPS`` right before it, 'the' allowed between; words before ``bound`` are not looked at."""
        prev = self.d.lower[i - 1] if i > bound else ""
        prev2 = self.d.lower[i - 2] if i > bound + 1 else ""
        return prev in NON_SUBJECT_PREPS or (prev == "the" and prev2 in NON_SUBJECT_PREPS)

    def named_actors(self, start: int, end: int) -> list[str]:
        """The states and bodies named in [start, end) as actors, in order: by name, capital, organisation or a
        person's office; not a demonym, which is as often a maker's or a target's mark ('hitting Russian
        helicopters')."""
        found: list[str] = []
        for i in range(start, end):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind not in ("name", "capital", "org", "person"):
                continue
            actor = self.actor_of_ref(ref)
            if actor is not None:
                found.append(actor)
        return found

    def first_actor(self, s: int, e: int) -> str | None:
        """The first state or body a sentence names outside a prepositional phrase: what 'it' refers to next."""
        for i in range(s, e):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind in ("pronoun", "title", "first-person"):
                continue
            if self.after_preposition(i, s):
                continue
            if ref.kind == "demonym" and not any(w in STATE_BODIES for w in self.d.lower[ref.end : ref.end + 3]):
                continue
            return self.actor_of_ref(ref)
        return None

    def own_state_of(self, w: Span) -> str | None:
        """'Sweden's CV90 vehicles', 'Swedish CV90 vehicles': the state a weapon mention names as its owner, right
        before it; not a maker's mark ('Soviet-made', 'US-built')."""
        i = w.start - 1
        if i >= 1 and self.d.words[i] in ("’s", "'s"):
            ref = self.f.ref_at.get(i - 1)
            return self.actor_of_ref(ref) if ref is not None and ref.kind in ("name", "capital") else None
        ref = self.f.ref_at.get(i) if i >= 0 else None
        if ref is not None and ref.kind == "demonym" and ref.end == w.start:
            actor = self.actor_of_ref(ref)
            # 'Soviet T-72 tanks': a state that no longer exists made them; it does not give them away now
            return actor if existing_state(actor) else None
        return None

    def with_actors(self, start: int, end: int) -> list[str]:
        """The actors right after 'with' in [start, end) ('talks with Italy')."""
        found: list[str] = []
        for i in range(start, end - 1):
            if self.d.lower[i] == "with":
                actor = self.object_actor(i + 1, end)
                if actor is not None and actor not in found:
                    found.append(actor)
        return found

    def owner_on(self, w: Span, t: int) -> str | None:
        """The state a weapon mention names as its owner or maker, right before it and after the transfer word at
        t ('41 Royal Australian Air Force F/A-18s', 'Bulgarian M60CMA mortars')."""
        for i in range(max(t + 1, w.start - 5), w.start):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.kind in ("demonym", "name", "org") and ref.end <= w.start:
                return self.actor_of_ref(ref)
        return None

    def partners(self, start: int, end: int) -> list[str]:
        """The actors right after 'together with', 'jointly with', 'along with' or 'in cooperation with' in
        [start, end): partners in one transfer."""
        found: list[str] = []
        for i in range(start + 1, end - 1):
            if self.d.lower[i] == "with" and self.d.lower[i - 1] in PARTNER_WORDS:
                actor = self.object_actor(i + 1, end)
                if actor is not None and actor not in found:
                    found.append(actor)
        return found

    def elliptic(self, start: int, end: int) -> list[str]:
        """The actors of a comparative ellipsis in [start, end) ('..., as did Spain', 'as will Norway'): they do
        what the clause's subject does."""
        found: list[str] = []
        for i in range(start, end - 2):
            if self.d.lower[i] != "as" or self.d.lower[i + 1] not in ELLIPSIS_AUX or self.d.words[i - 1] != ",":
                continue
            j = i + 2
            while j < end:  # 'as will Spain and Norway'
                actor = self.object_actor(j, end)
                if actor is None:
                    break
                if actor not in found:
                    found.append(actor)
                j = self.f.ref_at[j + 1 if self.d.lower[j] == "the" else j].end
                if j < end and self.d.lower[j] in (",", "and"):
                    j += 2 if j + 1 < end and self.d.lower[j + 1] == "and" else 1
                else:
                    break
        return found

    def object_actor(self, start: int, end: int) -> str | None:
        """The actor right after a verb at ``start`` ('asked Germany for'), 'the' allowed."""
        j = start + 1 if start < end and self.d.lower[start] == "the" else start
        ref = self.f.ref_at.get(j)
        if j < end and ref is not None and ref.start == j and ref.kind not in ("pronoun", "title", "first-person"):
            return self.actor_of_ref(ref)
        return None

    def possessor_before(self, t: int) -> str | None:
        """"Denmark's transfer": the actor owning the noun at token t."""
        if t >= 2 and self.d.words[t - 1] in ("’s", "'s"):
            ref = self.f.ref_at.get(t - 2)
            if ref is not None and ref.kind not in ("pronoun", "title", "first-person"):
                return self.actor_of_ref(ref)
        return None

    def for_actor(self, start: int, end: int) -> str | None:
        for i in range(start, end - 1):
            if self.d.lower[i] == "for":
                j = i + 2 if self.d.lower[i + 1] == "the" else i + 1
                ref = self.f.ref_at.get(j)
                if ref is not None and ref.start == j and ref.kind not in ("pronoun", "title", "first-person"):
                    return self.actor_of_ref(ref)
        return None

    def _state_company(self, k: int, trigger: int) -> bool:
        """'Germany's Rheinmetall will deliver': a state's company as the subject right before the transfer word
        supplies as that state (a maker with its state named, as the guide has it); not a person or a title."""
        names = 0
        while k < trigger and self.d.words[k][:1].isupper() and self.d.ent_types[k] not in ("PERSON", "WEAPON") \
                and self.d.lower[k] not in self.d.g.titles and self.f.ref_at.get(k) is None:
            k, names = k + 1, names + 1
        return 0 < names <= 3 and all(w in COMPANY_VERB_GAP for w in self.d.lower[k:trigger])

    def gapped_after(self, ref: Ref) -> bool:
        """'Poland sent MiG-29 jets to Ukraine, and Slovakia Kub systems': the actor of ``ref`` is followed by a
        weapon mention (a number or two words between) and no verb of the parse before the sentence ends: a gapped
        clause whose verb is the one before, not a clause of its own."""
        k = bisect.bisect_left(self.d.weapon_starts, ref.end)
        if k == len(self.d.weapon_starts) or self.d.weapon_starts[k] - ref.end > 2:
            return False
        syntax = self.d.syntax
        end = self.d.sent_of(ref.start).end
        if syntax is None:
            return False  # without the parse a verb of the rest ('Iskander missiles hit Kyiv') cannot be told
        return not any(syntax.parsed[i] and syntax.pos[i] in ("VERB", "AUX") for i in range(ref.end, end))

    def gerund_subject(self, s: int, t: int) -> list[str]:
        """'Britain will buy Archer howitzers after sending 32 AS90 guns to Ukraine': a gerund at t right after a
        subordinating word (``SUBORDINATORS``) has the sentence's subject, the first actor from s outside a
        prepositional phrase, as its own; [] when it is no such gerund or the subject comes after it."""
        if t <= s or self.d.lower[t - 1] not in SUBORDINATORS or not self.d.lower[t].endswith("ing"):
            return []
        actor = self.first_actor(s, t - 1)
        return [actor] if actor else []

    def supplier_in(self, start: int, end: int, exclude: str | None) -> list[str]:
        """Nearest actor left of the trigger that is not in a prepositional phrase; 'A and B' gives both."""
        i = end - 1
        after: list[str] = []
        while i >= start:
            ref = self.f.ref_at.get(i)
            if ref is None or ref.kind in ("pronoun", "title"):
                i -= 1
                continue
            first = ref.start
            prev = self.d.lower[first - 1] if first > 0 else ""
            prev2 = self.d.lower[first - 2] if first > 1 else ""
            if self.after_preposition(first, 0):
                i = first - 1
                continue
            follows = self.d.lower[ref.end] if ref.end < len(self.d.doc) else ""
            if ref.kind == "org" and follows in ("member", "ally") and any(
                    self.f.ref_at.get(k) is not None for k in range(start, first)):
                # 'Slovakia became the second NATO member to promise ...': the member named before gives
                i = first - 1
                continue
            if (prev == "after" or (prev == "the" and prev2 == "after")) and follows in ("to", "in"):
                # 'Slovakia became the second NATO member after Poland to promise MiG-29s': the subject gives, and
                # the state it follows did before it
                before = self.actor_of_ref(ref)
                if before is not None and before != exclude and before not in after:
                    after.append(before)
                i = first - 1
                continue
            if first + 1 < len(self.d.doc) and self.d.words[ref.end] in ("’s", "'s") and ref.kind != "first-person" \
                    and not any(w in STATE_BODIES or self.d.g.aid_words.get(w) == "package"
                                for w in self.d.lower[ref.end + 1 : ref.end + 4]) \
                    and not self._state_company(ref.end + 1, end) and not self._decides(ref.end + 1, end):
                i = first - 1
                continue
            actor = self.actor_of_ref(ref)
            if actor is None or actor == exclude:
                i = first - 1
                continue
            found = [actor]
            # 'Germany will join the United States in supplying': both supply
            k = first - 1 if prev != "the" else first - 2
            if k >= start and self.d.lower[k] in ("join", "joins", "joined", "joining"):
                for m in range(k - 1, start - 1, -1):
                    other = self.f.ref_at.get(m)
                    if other is not None and other.kind not in ("pronoun", "title"):
                        second = self.actor_of_ref(other)
                        if second and second != exclude and second not in found:
                            found.append(second)
                        break
            # coordination: 'The Danish and Dutch governments', 'Germany, the Netherlands, and Romania', and
            # 'French-German' (two demonyms joined by a hyphen: a maker of both)
            k = first - 1
            while k >= start and (self.d.lower[k] in ("and", ",", "the") or (
                    self.d.lower[k] in HYPHENS and ref.kind == "demonym")):
                while k >= start and (self.d.lower[k] in ("and", ",", "the") or (
                        self.d.lower[k] in HYPHENS and ref.kind == "demonym")):
                    k -= 1
                other = self.f.ref_at.get(k)
                if other is None or other.kind in ("pronoun", "title", "first-person", "person"):
                    break  # 'According to Minister Pistorius, Lithuania is contributing': a source, not a donor
                if self.after_preposition(other.start, 0):
                    break  # 'Slovakia sends BMP-1s to Ukraine, Germany gives ...': a preposition's object
                second = self.actor_of_ref(other)
                if second and second != exclude and second not in found:
                    found.append(second)
                k = other.start - 1
            return found + [a for a in after if a not in found]
        return []

    def decision_owner(self, s: int, t: int) -> str | None:
        """'grateful for Germany's decision to send', 'welcomes Japan's decision ... and its decision to transfer': the
        owner of a decision noun (``cues.csv`` kind decision, one word allowed before it) right before 'to' and the
        transfer word at t gives, whatever governs the noun (a preposition's object too, which ``supplier_in``
        passes over); 'its' is the last state or body the sentence names before it, from s."""
        if t < 3 or not self._decision_at(t - 2):
            return None
        for k in (t - 2, t - 3):  # 'Germany's decision', 'Germany's recent decision'
            owner = self.possessor_before(k)
            if owner is not None:
                return owner
            if k > s and self.d.lower[k - 1] == "its":
                return self._last_actor(s, k - 1)
        return None

    def _last_actor(self, s: int, end: int) -> str | None:
        """The last state or body named in [s, end) (not a person, a pronoun or the first person). 'its decision'
        takes the nearest owner ('welcomes Germany's announcement and its decision to send'), not the sentence's
        first actor as a claim's 'its' does (``claims._generic_owner``: 'Poland said its army ...')."""
        for i in range(end - 1, s - 1, -1):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.kind in ("name", "demonym", "capital", "org") and ref.end <= end:
                return self.actor_of_ref(ref)
        return None

    def _decides(self, i: int, end: int) -> bool:
        """'Norway's decision to transfer', 'Germany's recent pledge to send': after a possessor, a decision noun
        (``_decision_at``), one adjective allowed before it: the possessor is the one who transfers."""
        return any(k <= end and self._decision_at(k) for k in (i, i + 1))

    def _decision_at(self, k: int) -> bool:
        """A decision noun (``cues.csv`` kind decision) at k, then 'to': the one reading of 'X's decision to send'
        that ``_decides`` (from the possessor) and ``decision_owner`` (from the transfer word) share."""
        return k + 1 < len(self.d.lower) and self.d.g.cues.get(self.d.lower[k]) == "decision" \
            and self.d.lower[k + 1] == "to"

    def buyer_by(self, t: int, right: int) -> str | None:
        """The buyer a receiving word names after 'by' ('the ordering by Ukraine of ...', 'the purchase of 96 Apache
        helicopters by Poland'): right after the word, or, for a noun ('the purchase of'), anywhere in its clause."""
        if t + 1 < right and self.d.lower[t + 1] == "by":
            return self.object_actor(t + 2, right)
        noun = self.d.lower[t + 1] == "of" if t + 1 < right else False
        noun = noun or (t > 0 and self.d.lower[t - 1] in ("the", "a", "an", "its", "their"))
        if not noun:
            return None
        for i in range(t + 2, right - 1):
            if self.d.lower[i] == "by":
                found = self.object_actor(i + 1, right)
                if found is not None:
                    return found
        return None

    def adds(self, start: int, end: int) -> bool:
        """The clause says it adds to what was said before ('also', 'as well', 'too': ``cues.csv`` kind addition)."""
        words = self.d.lower[start:end]
        return any(self.d.g.cues.get(w) == "addition" for w in words) or any(
            self.d.g.cues.get(f"{a} {b}") == "addition" for a, b in pairwise(words))

    def sole_supplier_to(self, recipient: str, before: int) -> list[str]:
        """The one supplier the text's asserted transfers before token ``before`` give ``recipient``; none when
        there are several (then 'also' does not say whose)."""
        start = self.d.cstart(before) + self.d.base
        found = {t.supplier for t in self.f.transfers.values()
                 if t.recipient == recipient and not t.attributed and t.evidence.end <= start}
        return list(found) if len(found) == 1 else []

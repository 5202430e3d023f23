"""Transfers: supplier, recipient and weapon from clauses with a transfer word, unless negated,
hypothetical, a question, a deployment of own forces or a use of weapons."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

import pycountry
from spacy.tokens import Span

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.extraction import Entity, TransferFact
from armsgraph.loaders.text.facts import FIRST_PERSON, Facts, Ref
from armsgraph.loaders.text.persons import known_official
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.quantities import quantity_before
from armsgraph.loaders.text.syntax_transfers import SyntaxView, candidates, done_by_unnamed, for_something_else
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.schema.ids import digest
from armsgraph.schema.values import Stage

CUE_PRIORITY = tuple(Stage(s) for s in (
    "declined", "requested", "considered", "announced", "approved", "contracted", "ordered", "pledged", "delivered"))
"""Which stage cue names a sentence's stage when it has several ('agreed to provide' = approved): a reading
rule of the text, not the stages' advancement, which is ``Stage``'s own order. A refusal names the stage of
whatever it refuses ('declined the request for', 'refused to approve')."""
PRONOUN_SUBJECTS = {"them", "they", "it", "who", "which", "he", "she"}
RECIPIENT_PREPS = {"to", "for", "into", "toward", "towards"}
NON_SUBJECT_PREPS = {"to", "for", "into", "toward", "towards", "against", "with", "in", "on", "at", "over", "about",
                     "than", "like", "across", "inside"}
CLAUSE_CUTS = {";", "but", "while", "whereas", "although"}
THIRD_PARTY = {"third-party", "third-country", "thirdparty", "re-export", "retransfer"}
"""Words before a transfer noun that make it someone else's ('third-party transfers of F-16s')."""
NOT_THE_WEAPON_BEFORE = {"parts", "components", "training", "maintenance", "repair", "repairs", "sustainment",
                         "simulators", "spares"}
NOT_THE_WEAPON_AFTER = {"pilots", "pilot", "training", "crews", "crew", "maintenance", "parts", "simulators"}
NOT_A_RECIPIENT = frozenset({"initiative", "coalition", "project", "programme", "program", "fund", "scheme",
                             "industry", "company", "firm", "maker", "manufacturer", "consortium", "plant",
                             "factory", "facility"})
"""Nouns after a state's adjective that make it a scheme or a maker, not the recipient ('to the German initiative')."""
PARTNER_WORDS = frozenset({"together", "jointly", "along", "cooperation", "conjunction", "partnership"})
"""The word before 'with' that makes the actor after it a partner in the transfer ('together with Denmark')."""
COMPANY_VERB_GAP = frozenset({"will", "would", "has", "have", "had", "is", "are", "was", "were", "to", "also",
                              "already", "soon", "plans", "agreed", "began", "started", "be", "been"})
"""Words allowed between a state's company and its transfer word ('Norway's Kongsberg has already delivered')."""
PLACE_PREPS = frozenset({"in", "at", "near", "from", "against", "with", "to", "into", "over", "across", "inside"})
"""Prepositions before a place or a counterpart, not an owner ('in Berlin', 'a visit to France')."""
CHAIN_WORDS = frozenset({"to", "be", "begin", "start", "continue"})
"""Between two transfer words of one chain ('committed to transferring', 'pledged to begin sending')."""
HYPHENS = frozenset({"-", "–", "/"})
BULLETS = {"-", "•", "*", "+", "–", "—", "·", "▪", "◦"}
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z])[.)]$")
LIST_ITEM_MAX_TOKENS = 15
"""An unmarked line after 'includes:' is a list item when it is this short and has no transfer word."""
BENEFIT_VERBS = frozenset({"help", "assist", "enable", "allow", "support", "strengthen", "bolster", "reinforce",
                           "equip", "aid", "defend", "protect"})
"""'... to help the Ukrainians spot artillery': after 'to', the one these verbs name is who the supply is for."""
FINAL_DESTINATION = (("for", "delivery", "to"), ("for", "transfer", "to"), ("for", "onward", "delivery", "to"),
                     ("for", "onward", "transfer", "to"), ("destined", "for"), ("bound", "for"), ("for", "use", "by"))
"""'moved Patriot missiles from Israel to Poland for delivery to Ukraine': the state after these is the recipient,
whatever place the weapons pass through."""
ROUNDS_AFTER = frozenset({"ammunition", "ammo", "munitions", "rounds", "shells", "projectiles", "cartridges"})
"""'HIMARS ammunition', 'Gepard rounds': a system's name before these words names what it fires, not the system
(not 'missiles' or 'interceptors', which often name the system itself: 'Patriot missiles')."""
VERSION_WORDS = frozenset({"version", "variant", "modification", "derivative", "copy", "clone", "analogue", "analog",
                           "upgrade"})
"""'a heavily updated version of the Russian-made T-72 tank': what moves is the version, not the system named."""
STATE_BODIES = frozenset({"government", "military", "armed", "ministry", "army", "forces", "cabinet", "navy",
                          "department", "administration"})
"""'Estonia's defence ministry handed over': a state's possessive on one of its bodies is the state acting."""
TAKE_FORMS = frozenset({"take", "takes", "took", "taken", "taking"})
"""'took delivery of': the subject receives."""
REFERRING_NOUNS = frozenset({"country", "ministry", "government", "nation", "kingdom", "republic", "department",
                             "cabinet", "administration"})
"""'The ministry has donated ...': the state or body the sentence before named."""
REFERRING_SUBJECTS = {"it", "this", "these", "they"}
"""Sentence openings that refer back to what the sentence before described ('It includes', 'This package')."""


PASSIVE_AUX = {"was", "were", "been", "is", "are"}
"""Auxiliaries before a passive participle ('was completed', 'has been completed')."""


@dataclass
class Frame:
    supplier: str | None
    recipient: str | None
    stage: str


def pick_stage(stages: list[str]) -> str | None:
    for stage in CUE_PRIORITY:
        if stage in stages:
            return stage
    return None


REPORTED_STAGES = frozenset({"announced", "approved", "pledged"})
"""Cues that report or promise a transfer: before a past-tense transfer verb that happened ('announced it has
delivered', 'the promised IRIS-T ... have arrived') the verb's stage, delivered, wins."""
NOT_YET = frozenset({"will", "would", "'ll", "’ll", "to", "shall", "could", "may", "might", "can", "should", "must"})
"""Words right before a past-tense form that make it not (yet) happened ('will be delivered', 'to be sent')."""


def clause_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: transfers read clause by clause from transfer words (``transfer:<kind>-<tense>``, list items)."""
    before = set(f.transfers)
    TransferRules(d, f).transfers_in()
    return [t for k, t in f.transfers.items() if k not in before]


def syntax_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: transfers the parse states that the clause rules did not read (``transfer:syntax-<kind>``)."""
    before = set(f.transfers)
    TransferRules(d, f).syntax_transfers_in()
    return [t for k, t in f.transfers.items() if k not in before]


def described_categories(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: drops a category-level transfer a named system of the category describes; returns those kept."""
    TransferRules(d, f).drop_described_categories()
    return list(f.transfers.values())


@cache
def phrase_words() -> dict[str, str]:
    """``data/phrase_words.csv``: words of the phrases that move weapons without a transfer word -> their kind
    (``deal``: 'signed a deal with France for Rafale'; ``thanks``: 'thanked Lithuania for the NASAMS'), read once."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", "phrase_words.csv").read_text(encoding="utf-8")
    return {row.values["word"].strip().lower(): row.values["kind"].strip() for row in csv_rows(text).rows}


def deal_words() -> frozenset[str]:
    """The nouns of a purchase agreement (``phrase_words.csv`` kind ``deal``)."""
    return frozenset(w for w, kind in phrase_words().items() if kind == "deal")


class TransferRules:
    """The transfer rules, clause by clause and from the parse."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far; this component adds its own."""
        self._syntax_view: SyntaxView | None = None
        self._view_built = False
        self._states: dict[str, list[Ref]] | None = None

    # ---- transfers ---------------------------------------------------------------------------------------

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

    def _own_from(self, weapons: list[Span], end: int, recipient: str) -> dict[int, str]:
        """'Ukraine will receive Leopard 2 tanks from Germany and Abrams tanks from the United States': each weapon's
        own 'from' (before the next weapon) when the clause names more than one; weapon start -> supplier."""
        own: dict[int, str] = {}
        for n, w in enumerate(weapons):
            stop = weapons[n + 1].start if n + 1 < len(weapons) else end
            found = [a for a in self.from_actors(w.end, stop) if a != recipient]
            if found:
                own[w.start] = found[0]
        return own if len(set(own.values())) > 1 else {}

    def _new_clause_at(self, i: int) -> bool:
        """', and the United States will ...': a comma, 'and' and an actor start another clause."""
        if self.d.lower[i] != "and" or i == 0 or self.d.words[i - 1] != ",":
            return False
        j = i + 2 if i + 1 < len(self.d.lower) and self.d.lower[i + 1] == "the" else i + 1
        ref = self.f.ref_at.get(j)
        return ref is not None and ref.start == j and ref.kind not in ("pronoun", "title")

    def _relative_head(self, left: int, t: int) -> Span | None:
        """The weapon a relative clause ending in the transfer word at t hangs on ('the cluster munitions that we
        would provide'): a weapon mention right before 'that'/'which', in the clause, at most six words before t."""
        # a reduced relative: 'the Bradley vehicles we provided', 'the Patriot batteries they have sent'
        j = t - 1
        while j > left and self.d.lower[j] in ("have", "has", "had", "already", "just", "recently"):
            j -= 1
        if j > left and self.d.lower[j] in ("we", "they", "i"):
            if self.d.lower[j - 1] in self.d.g.weapon_nouns:
                j -= 1  # 'the Bradley vehicles we provided'
            k = bisect.bisect_left(self.d.weapon_starts, j) - 1
            if k >= 0 and self.d.weapon_ents[k].end == j and self.d.weapon_ents[k].start >= left:
                return self.d.weapon_ents[k]
        for j in range(t - 1, max(left, t - 6) - 1, -1):
            if self.d.lower[j] in ("that", "which") and j > 0:
                k = bisect.bisect_left(self.d.weapon_starts, j) - 1
                if k >= 0 and self.d.weapon_ents[k].end == j:
                    return self.d.weapon_ents[k]
                return None
        return None

    def aid_recipient(self, s: int, e: int) -> str | None:
        """The state after an aid word and 'for'/'to' ('support for Ukraine', 'assistance to Ukraine')."""
        for i in range(s, e - 2):
            if (self.d.lower[i] in self.d.g.aid_words or self.d.lower[i] == "support") \
                    and self.d.lower[i + 1] in ("for", "to"):
                found = self.object_actor(i + 2, e)
                if found is not None:
                    return found
        return None

    def _gapped_suppliers(self, t: int, weapons: list[Span], recipient: str) -> dict[int, str]:
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
                    if joiner in (",", "and") and all(
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

    def _refers_back(self, left: int, t: int) -> bool:
        """The clause before the transfer word at t has 'it'/'they'/'he'/'she' or 'the country'/'the ministry'/...
        as subject and names no actor of its own ('Chancellor Scholz met President Zelensky. He promised to deliver
        ...': the previous sentence's subject)."""
        words = self.d.lower[left:t]
        if any(self.f.ref_at.get(i) is not None and self.f.ref_at[i].kind not in ("pronoun", "title")
               for i in range(left, t)):
            return False
        return any(w in ("it", "they", "he", "she") for w in words) or any(
            a == "the" and b in REFERRING_NOUNS for a, b in pairwise(words))

    def first_actor(self, s: int, e: int) -> str | None:
        """The first state or body a sentence names outside a prepositional phrase: what 'it' refers to next."""
        for i in range(s, e):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind in ("pronoun", "title", "first-person"):
                continue
            prev = self.d.lower[i - 1] if i > s else ""
            prev2 = self.d.lower[i - 2] if i > s + 1 else ""
            if prev in NON_SUBJECT_PREPS or (prev == "the" and prev2 in NON_SUBJECT_PREPS):
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
            return actor if actor and pycountry.countries.get(alpha_3=actor.partition(":")[2]) else None
        return None

    def _parenthesised(self, start: int, end: int) -> dict[int, str]:
        """An actor followed by its weapons in parentheses, before the transfer word: weapon start -> the actor."""
        own: dict[int, str] = {}
        for i in range(start, end):
            if self.d.words[i] != "(" or i == 0:
                continue
            ref = self.f.ref_at.get(i - 1)
            if ref is None or ref.kind in ("pronoun", "title", "first-person"):
                continue
            actor = self.actor_of_ref(ref)
            close = next((k for k in range(i + 1, min(end, i + 20)) if self.d.words[k] == ")"), None)
            if actor is None or close is None:
                continue
            for w in self.weapons(i + 1, close):
                own[w.start] = actor
        return own

    def with_actors(self, start: int, end: int) -> list[str]:
        """The actors right after 'with' in [start, end) ('talks with Italy')."""
        found: list[str] = []
        for i in range(start, end - 1):
            if self.d.lower[i] == "with":
                actor = self.object_actor(i + 1, end)
                if actor is not None and actor not in found:
                    found.append(actor)
        return found

    def _owner_on(self, w: Span, t: int) -> str | None:
        """The state a weapon mention names as its owner or maker, right before it and after the transfer word at
        t ('41 Royal Australian Air Force F/A-18s', 'Bulgarian M60CMA mortars')."""
        for i in range(max(t + 1, w.start - 5), w.start):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.kind in ("demonym", "name", "org") and ref.end <= w.start:
                return self.actor_of_ref(ref)
        return None

    def _partners(self, start: int, end: int) -> list[str]:
        """The actors right after 'together with', 'jointly with', 'along with' or 'in cooperation with' in
        [start, end): partners in one transfer."""
        found: list[str] = []
        for i in range(start + 1, end - 1):
            if self.d.lower[i] == "with" and self.d.lower[i - 1] in PARTNER_WORDS:
                actor = self.object_actor(i + 1, end)
                if actor is not None and actor not in found:
                    found.append(actor)
        return found

    def object_actor(self, start: int, end: int) -> str | None:
        """The actor right after a verb at ``start`` ('asked Germany for'), 'the' allowed."""
        j = start + 1 if start < end and self.d.lower[start] == "the" else start
        ref = self.f.ref_at.get(j)
        if j < end and ref is not None and ref.start == j and ref.kind not in ("pronoun", "title", "first-person"):
            return self.actor_of_ref(ref)
        return None

    def _possessor_before(self, t: int) -> str | None:
        """"Denmark's transfer": the actor owning the noun at token t."""
        if t >= 2 and self.d.words[t - 1] in ("’s", "'s"):
            ref = self.f.ref_at.get(t - 2)
            if ref is not None and ref.kind not in ("pronoun", "title", "first-person"):
                return self.actor_of_ref(ref)
        return None

    def _for_actor(self, start: int, end: int) -> str | None:
        for i in range(start, end - 1):
            if self.d.lower[i] == "for":
                j = i + 2 if self.d.lower[i + 1] == "the" else i + 1
                ref = self.f.ref_at.get(j)
                if ref is not None and ref.start == j and ref.kind not in ("pronoun", "title", "first-person"):
                    return self.actor_of_ref(ref)
        return None

    def title_recipient(self) -> str | None:
        """The one foreign state a document's title names ('... Security Assistance to Ukraine'), if any."""
        title = str(self.d.document.get("title") or "")
        if not title:
            return None
        doc = nlp()(clean(title))
        states = [ent for ent in doc.ents if ent.label_ in ("COUNTRY", "DEMONYM", "CAPITAL")]
        # 'Canada announces new military aid package for Ukraine', 'France to increase supplies to Ukraine': one
        # state after to/for (or 'to help ...') receives, whoever publishes; else the one foreign state
        marked = set()
        for ent in states:
            prev = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]]
            if prev and prev[-1] == "the":
                prev = prev[:-1]
            if prev and (prev[-1] in RECIPIENT_PREPS or (len(prev) > 1 and prev[-1] in BENEFIT_VERBS
                                                         and prev[-2] == "to")):
                marked.add(ent.ent_id_)
        if len(marked) == 1:
            return marked.pop()
        found = {ent.ent_id_ for ent in states} - {self.d.home or ""}
        return found.pop() if len(found) == 1 else None

    def recipient_in(self, start: int, end: int, direct: bool = True) -> str | None:
        """The actor after 'to'/'for' in [start, end), or ('direct') the object right after the verb."""
        allow_direct = direct
        for i in range(start, end):
            ref = self.f.ref_at.get(i)
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
            if ref.kind == "demonym" and any(w in NOT_A_RECIPIENT for w in self.d.lower[ref.end : ref.end + 3]):
                continue  # 'contributing to the German IAAD initiative': a state's scheme, not the state receiving
            if prev in RECIPIENT_PREPS or (prev == "the" and prev2 in RECIPIENT_PREPS) or direct or helped or body_of:
                actor = self.actor_of_ref(ref)
                if actor and ref.kind != "first-person":
                    return actor
        return None

    def final_recipient(self, start: int, end: int) -> str | None:
        """The state a transfer is finally for ('... to Poland for delivery to Ukraine'), if [start, end) says so."""
        for i in range(start, end):
            for phrase in FINAL_DESTINATION:
                k = i + len(phrase)
                if tuple(self.d.lower[i:k]) == phrase and k < end:
                    found = self.object_actor(k, end)
                    if found is not None:
                        return found
        return None

    def _state_company(self, k: int, trigger: int) -> bool:
        """'Germany's Rheinmetall will deliver': a state's company as the subject right before the transfer word
        supplies as that state (a maker with its state named, as the guide has it); not a person or a title."""
        names = 0
        while k < trigger and self.d.words[k][:1].isupper() and self.d.ent_types[k] not in ("PERSON", "WEAPON") \
                and self.d.lower[k] not in self.d.g.titles and self.f.ref_at.get(k) is None:
            k, names = k + 1, names + 1
        return 0 < names <= 3 and all(w in COMPANY_VERB_GAP for w in self.d.lower[k:trigger])

    def supplier_in(self, start: int, end: int, exclude: str | None) -> list[str]:
        """Nearest actor left of the trigger that is not in a prepositional phrase; 'A and B' gives both."""
        i = end - 1
        while i >= start:
            ref = self.f.ref_at.get(i)
            if ref is None or ref.kind in ("pronoun", "title"):
                i -= 1
                continue
            first = ref.start
            prev = self.d.lower[first - 1] if first > 0 else ""
            prev2 = self.d.lower[first - 2] if first > 1 else ""
            if prev in NON_SUBJECT_PREPS or (prev == "the" and prev2 in NON_SUBJECT_PREPS):
                i = first - 1
                continue
            if first + 1 < len(self.d.doc) and self.d.words[ref.end] in ("’s", "'s") and ref.kind != "first-person" \
                    and not any(w in STATE_BODIES for w in self.d.lower[ref.end + 1 : ref.end + 4]) \
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
                second = self.actor_of_ref(other)
                if second and second != exclude and second not in found:
                    found.append(second)
                k = other.start - 1
            return found
        return []

    def stage_at(self, stages: list[str], past: bool, t: int) -> str:
        """The stage of a transfer word at token t: its clause's strongest cue, except that a past-tense transfer
        verb that happened is delivered whatever reported or promised it; without a cue, past -> delivered."""
        picked = pick_stage(stages)
        # the transfer word itself may name its stage ('pledged', 'promised', 'committed'): then that stage
        happened = past and self.d.lower[t] not in self.d.g.stage_cues \
            and not any(w in NOT_YET for w in self.d.lower[max(0, t - 3) : t])
        if happened and (picked is None or picked in REPORTED_STAGES):
            return "delivered"
        return picked or ("delivered" if past else "pledged")

    def _done_after(self, start: int, end: int) -> list[str]:
        """'the delivery of Gepards to Ukraine was completed': a passive 'delivered' or completion cue
        (``cues.csv`` kind ``completion``) after a transfer noun's phrase is the stage of that transfer (the cues
        before the noun cannot see it)."""
        for i in range(start + 1, end):
            low = self.d.lower[i]
            done = self.d.g.stage_cues.get(low) == "delivered" or self.d.g.cues.get(low) == "completion"
            if done and self.d.lower[i - 1] in PASSIVE_AUX:
                return ["delivered"]
        return []

    def _open_option_after(self, i: int, end: int) -> bool:
        """'not rule out', 'does not exclude': a negation whose next words leave the option open."""
        words = self.d.lower[i + 1 : min(end, i + 4)]
        pairs = [f"{a} {b}" for a, b in pairwise(words)]
        return any(self.d.g.cues.get(w) == "open-option" for w in [*words[:2], *pairs[:2]])

    def _reports(self, word: str) -> bool:
        """A speech verb or a reporting/decision verb ('announced', 'confirmed', 'agreed', 'promised'): after it,
        'would' is the future of what was reported ('announced that it would send'), not a hypothetical."""
        return word in self.d.g.speech_verbs or (
            word.endswith("ed") and self.d.g.stage_cues.get(word) in ("announced", "approved", "pledged"))

    def cues(self, start: int, end: int) -> tuple[list[str], bool, bool]:
        """The stage cues of [start, end), and whether a negation or a hypothetical cue is among them; a refusal
        cue ('refused', 'declined') is the stage declined, unless a negation before it undoes it ('did not refuse')."""
        stages: list[str] = []
        negated = hypothetical = False
        for i in range(start, end):
            low = self.d.lower[i]
            if self.d.words[i] == "May":
                continue  # the month ('on 6 May', 'In May, Norway delivered'): the modal is written lower-case
            pair = low + " " + self.d.lower[i + 1] if i + 1 < len(self.d.doc) else low
            for cue in (pair, low):
                if cue in self.d.g.stage_cues:
                    stages.append(self.d.g.stage_cues[cue])
                    if cue == pair and pair != low:
                        break  # 'possible sale' is an approval's wording: its first word is not a cue of its own
                kind = self.d.g.cues.get(cue)
                if kind in ("negation", "refusal") and self._open_option_after(i, end):
                    stages.append("considered")  # 'does not rule out delivering': considered, not refused
                elif kind == "refusal" and not negated:
                    stages.append("declined")  # 'refused to supply': the supplier's refusal, a stage of its own
                elif kind == "negation":
                    negated = True
                elif kind == "hypothetical":
                    # the reporting verb may open the sentence before the clause read ('The ministry said that
                    # the increase would allow it to send ...')
                    if cue == "would" and any(self._reports(w) for w in self.d.lower[self.d.sent_of(start).start : i]):
                        stages.append("pledged")  # 'said the United States would provide': reported future
                    else:
                        hypothetical = True
        return stages, negated, hypothetical

    def triggers(self, s: int, e: int, after_package: bool = False) -> list[tuple[int, str, str]]:
        """The transfer words of [s, e) as (token, kind, tense); ``after_package``: 'It includes' may list aid."""
        found: list[tuple[int, str, str]] = []
        for i in range(s, e):
            low = self.d.lower[i]
            if low not in self.d.g.triggers or self.d.ent_types[i]:
                continue
            readings = self.d.g.triggers[low]
            nxt = self.d.lower[i + 1] if i + 1 < e else ""
            prev = self.d.lower[i - 1] if i > s else ""
            kind, tense = next((r for r in readings if r[0] != "noun"), readings[0])
            if nxt == "of" and any(r[0] in ("supply", "noun") for r in readings):
                kind, tense = "noun", "noun"
            elif kind == "noun":
                continue
            if kind == "supply" and tense in ("present", "base") and prev in ("the", "a", "an", "its", "our", "their"):
                continue
            if low in ("order", "orders") and (prev == "in" or nxt in ("to", "of")):
                continue  # 'in order to', 'the order of battle': no purchase
            if kind == "request" and (prev in ("the", "a", "an", "its", "our", "their") or (
                    low.startswith("ask") and "for" not in self.d.lower[i + 1 : min(e, i + 5)])):
                continue  # 'a request', 'asked Germany to send': no request of a weapon here
            found.append((i, kind, tense))
        # 'including X' lists what a package or a supply verb carries, nothing else ('including announcements');
        # 'It includes X' after a sentence about a package is that package
        has_aid = after_package or any(w in self.d.g.aid_words for w in self.d.lower[s:e])
        kept: list[tuple[int, str, str]] = []
        for trig in found:
            if trig[1] == "include" and not has_aid and not any(k in ("supply", "noun") for _, k, _ in kept):
                continue
            kept.append(trig)
        found = kept
        if not found:
            for i in range(s, e):
                low = self.d.lower[i]
                if self.d.g.aid_words.get(low) == "package" and (low.endswith("s") or self.d.lower[i - 1] != "the"):
                    found.append((i, "aid", "noun"))
        return found

    def transfer(self, supplier: str, recipient: str, weapon_ent: Span, stage: str, sent: Span,
                  rule: str, joint: bool = False, reported: tuple[bool, str | None] | None = None) -> None:
        """One transfer read from ``sent``; ``joint``: one of several suppliers of the same mention ('Germany,
        Denmark and the Netherlands will provide 178 Leopard-1'), whose number is theirs together, not each one's;
        ``reported``: who reported the frame it continues, when that was someone's statement."""
        if supplier == recipient or not supplier.startswith(("country:", "org:")) or not recipient.startswith(
                ("country:", "org:")):
            return
        weapon = self._moved(weapon_ent)
        when, when_text = self.d.date_in(sent.start, sent.end)
        year = (when or "")[:4] or "undated"
        mention = self.d.token_span(weapon_ent.start, weapon_ent.end)
        attributed, speaker = self.attribution(mention.start, mention.end, sent)
        if not attributed and reported is not None and reported[0]:
            attributed, speaker = reported
        parts = [supplier, recipient, weapon, year]
        if attributed:
            # a report inside someone's statement is that speaker's, never the document's own assertion
            parts += ["reported-by", speaker or "unnamed-source"]
        key = "text-" + digest(*parts)
        quantity = None if joint else quantity_before(self.d.lower, self.d.ent_types, weapon_ent.start,
                                                      self.d.g.quantity_words)
        if key in self.f.transfers:
            prior = self.f.transfers[key]
            if Stage(stage).advancement > Stage(prior.status).advancement:
                prior.status = stage  # the most advanced stage read wins: announced, then delivered
            if prior.quantity is None and quantity is not None:
                prior.quantity, prior.quantity_text = quantity[0], self.d.token_span(quantity[1], weapon_ent.start).text
            return
        self.f.transfers[key] = TransferFact(
            key=key, supplier=supplier, recipient=recipient, weapon=weapon, status=stage, date=when,
            date_text=when_text, evidence=self.d.token_span(sent.start, sent.end), rule=rule,
            quantity=quantity[0] if quantity else None,
            quantity_text=self.d.token_span(quantity[1], weapon_ent.start).text.strip() if quantity else None,
            weapon_mention=mention, attributed=attributed, attributed_to=speaker,
        )

    def _moved(self, weapon_ent: Span) -> str:
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
        for claim in self.f.claims:
            if claim.start <= start and end <= claim.end:
                return True, claim.speaker
        words = self.d.lower[sent.start : sent.end]
        for i, w in enumerate(words):
            if self.d.g.cues.get(w) == "hearsay":
                return True, None
            if w == "according" and i + 1 < len(words) and words[i + 1] == "to" and any(
                    self.d.g.cues.get(x) == "unnamed-source" for x in words[i + 2 : i + 6]):
                return True, None
        return False, None

    def weapons(self, start: int, end: int) -> list[Span]:
        """Weapon mentions in [start, end) that are what moves, not its parts or its crews."""
        lo = bisect.bisect_left(self.d.weapon_starts, start)
        hi = bisect.bisect_left(self.d.weapon_starts, end)
        found = []
        for w in self.d.weapon_ents[lo:hi]:
            if w.end > end:
                continue
            if self._repeated_in_parentheses(w) or self._rounds_of(w):
                continue
            before = self.d.lower[max(0, w.start - 3) : w.start]
            after = self.d.lower[w.end] if w.end < len(self.d.lower) else ""
            if any(b in NOT_THE_WEAPON_BEFORE for b in before) or after in NOT_THE_WEAPON_AFTER:
                continue
            wider = self.d.lower[max(0, w.start - 7) : w.start]
            if any(a in VERSION_WORDS and b == "of" for a, b in pairwise(wider)):
                continue  # 'a version of the T-72 tank': another system
            if len(before) >= 2 and before[-1] == "for" and before[-2] in self.d.g.ammunition_words:
                continue  # 'munitions for Patriot air defense systems', 'interceptors for NASAMS': not the system
            if self._view is not None and (for_something_else(self._view, w.start, w.end)
                                           or done_by_unnamed(self._view, w.start, w.end)):
                continue
            found.append(w)
        if any(w.label_ == "WEAPON" for w in found):
            return [w for w in found if w.label_ == "WEAPON"]  # a named system: the category only describes it
        return found

    def _them(self, s: int, t: int, suppliers: list[str]) -> str | None:
        """The one state (by name, demonym or capital) named from the sentence before the one starting at s up to
        token t, other than ``suppliers`` and the publisher's 'we'; None when there are none or several."""
        k = bisect.bisect_right(self.d.sent_starts, s) - 1
        start = self.d.sents[max(0, k - 1)].start
        found = set()
        for i in range(start, t):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.start == i and ref.kind in ("name", "demonym", "capital"):
                actor = self.actor_of_ref(ref)
                if actor and actor not in suppliers:
                    found.add(actor)
        return found.pop() if len(found) == 1 else None

    def _decides(self, i: int, end: int) -> bool:
        """'Norway's decision to transfer', 'Germany's recent pledge to send': a possessor's decision noun (``cues.csv``
        kind decision), one adjective allowed before it, then 'to': the possessor is the one who transfers."""
        for k in (i, i + 1):
            if k + 1 < len(self.d.lower) and k <= end and self.d.g.cues.get(self.d.lower[k]) == "decision" \
                    and self.d.lower[k + 1] == "to":
                return True
        return False

    def _buyer_by(self, t: int, right: int) -> str | None:
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

    def only_other_state(self, suppliers: list[str]) -> str | None:
        """The recipient a text leaves implicit: the one existing state it names besides ``suppliers`` (by name,
        demonym, capital, a body or a person serving it), when the first sentence names it as the owner of a
        person, body or name ('a visit of the Ukrainian Defense Minister', 'the Ukraine Defence Contact Group':
        a modifier of a capitalised noun, of a forces word or of a state body) and nowhere as a subject, a speaker
        or a place. Needs the parse; else None."""
        syntax = self.d.syntax
        if syntax is None or not self.d.sents:
            return None
        if self._states is None:
            found: dict[str, list[Ref]] = {}
            for ref in self.f.refs:
                if ref.kind in ("name", "demonym", "capital", "org", "person"):
                    actor = self.actor_of_ref(ref)
                    if actor and actor.startswith("country:") and pycountry.countries.get(alpha_3=actor[8:]):
                        found.setdefault(actor, []).append(ref)
            self._states = found
        others = [a for a in self._states if a not in suppliers]
        if len(others) != 1:
            return None
        state = others[0]
        speakers = {self.d.g.country_of(c.speaker) or c.speaker for c in self.f.claims}
        if state in speakers:
            return None
        first = self.d.sents[0]
        title_words = {t.split()[-1].lower() for t in self.d.g.titles}
        owned = False
        for ref in self._states[state]:
            i = ref.end - 1
            if not syntax.parsed[i]:
                continue
            dep, head = syntax.dep[i], syntax.head[i]
            place = dep == "pobj" and self.d.lower[head] in PLACE_PREPS
            if dep in ("nsubj", "nsubjpass", "dobj") or place or syntax.dep[head] in ("nsubj", "nsubjpass"):
                return None  # the state acts, or is a place ('in Berlin', 'Russian forces advance')
            word = self.d.lower[head]
            if ref.kind != "person" and first.start <= ref.start < first.end and dep in (
                    "amod", "compound", "poss", "nmod") and (
                    self.d.words[head][:1].isupper() or self.d.g.cues.get(word) == "forces"
                    or word in STATE_BODIES or word in title_words):
                owned = True
        return state if owned else None

    def _participle_noun(self, t: int) -> list[Span]:
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

    def _adds(self, start: int, end: int) -> bool:
        """The clause says it adds to what was said before ('also', 'as well', 'too': ``cues.csv`` kind addition)."""
        words = self.d.lower[start:end]
        return any(self.d.g.cues.get(w) == "addition" for w in words) or any(
            self.d.g.cues.get(f"{a} {b}") == "addition" for a, b in pairwise(words))

    def _sole_supplier_to(self, recipient: str, before: int) -> list[str]:
        """The one supplier the text's asserted transfers before token ``before`` give ``recipient``; none when
        there are several (then 'also' does not say whose)."""
        start = self.d.cstart(before) + self.d.base
        found = {t.supplier for t in self.f.transfers.values()
                 if t.recipient == recipient and not t.attributed and t.evidence.end <= start}
        return list(found) if len(found) == 1 else []

    def _forces_of(self, s: int, end: int, suppliers: list[str]) -> str | None:
        """The state whose forces the clause names before ``end`` ('Ukrainian troops', 'Ukrainian soldiers':
        a demonym before a ``cues.csv`` forces word), not a supplier."""
        for i in range(s, end):
            ref = self.f.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind != "demonym" or ref.end >= end:
                continue
            if self.d.g.cues.get(self.d.lower[ref.end]) == "forces":
                actor = self.actor_of_ref(ref)
                if actor and actor not in suppliers:
                    return actor
        return None

    def _repeated_in_parentheses(self, w: Span) -> bool:
        """'munitions for National Advanced Surface-to-Air Missile Systems (NASAMS)': an abbreviation in parentheses
        right after a mention of the same system is that mention again, read (or vetoed) there."""
        if w.start < 2 or self.d.words[w.start - 1] != "(":
            return False
        k = bisect.bisect_left(self.d.weapon_starts, w.start - 1) - 1
        return k >= 0 and self.d.weapon_ents[k].end == w.start - 1 and self.d.weapon_ents[k].ent_id_ == w.ent_id_

    def _rounds_of(self, w: Span) -> bool:
        """'HIMARS ammunition', 'Gepard rounds': a listed system (not a munition) right before an ammunition word."""
        after = self.d.lower[w.end] if w.end < len(self.d.lower) else ""
        if after not in ROUNDS_AFTER:
            return False
        return any(entry.kind == "system" and entry.id == w.ent_id_ for entry in self.d.g.weapons.values())

    def transfers_in(self) -> None:
        list_frame: Frame | None = None
        # before any sentence names one, the supplier is the publisher's own state ('This package includes:')
        title_recipient = self.title_recipient()
        doc_frame = Frame(self.d.first_person, title_recipient, "pledged")
        package_before = False  # the previous sentence was about a package or a supply ('It includes: ...')
        prev_actor: str | None = None  # the first actor of the sentence before: what 'it' or 'the ministry' is
        next_actor: str | None = None
        numbered_item = False
        marked_list = False
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            prev_actor, next_actor = next_actor, self.first_actor(s, e) or next_actor
            if e - s > 400:
                self.f.warnings.append(f"sentence of {e - s} tokens at offset {self.d.cstart(s) + self.d.base}: "
                                     "not read for transfers")
                continue
            if self.d.words[e - 1] == "?" or (e - s > 1 and self.d.words[e - 2] == "?"):
                # a question asserts nothing ('Will you send ATACMS?'), but the state it asks about is the
                # recipient of the answer's supply clause that names none ('Q: Will you send Abrams to Ukraine?
                # MR. KIRBY: We are going to send Bradleys.')
                asked = self.recipient_in(s, e, direct=False) or self.aid_recipient(s, e)
                if asked is not None and asked != doc_frame.supplier:
                    doc_frame = Frame(doc_frame.supplier, asked, doc_frame.stage)
                continue
            numbered = _NUMBERED.match(self.d.words[s]) is not None or (
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
            triggers = self.triggers(s, e, after_package=package_before and starts_with_reference)
            package_before = False
            sent_frame: Frame | None = None
            """What the sentence's supply clause said: 'provide Ukraine $1 billion in aid, including X'."""
            sent_blocked = False
            clause_suppliers: list[str] = []  # the suppliers of the sentence's transfer word before
            weapons_here = self.weapons(s, e)
            if not triggers and doc_frame.recipient is None:
                # '... and demonstrate U.S. support for Ukraine.': aid for a named state, no transfer word: the
                # recipient of the text that follows
                aided = self.aid_recipient(s, e)
                if aided is not None:
                    doc_frame = Frame(doc_frame.supplier, aided, doc_frame.stage)
            if (is_bullet or unmarked_item) and list_frame is not None and not any(
                    t[1] in ("supply", "receive", "noun") for t in triggers):
                frame = list_frame
                if frame.supplier and frame.recipient:
                    for w in weapons_here:
                        self.transfer(frame.supplier, frame.recipient, w, frame.stage, sent, "transfer:list-item")
                continue
            chain_left = s
            for n, (t, kind, tense) in enumerate(triggers):
                left = triggers[n - 1][0] + 1 if n > 0 else s
                right = triggers[n + 1][0] if n + 1 < len(triggers) else e
                # 'promised to deliver', 'committed to transferring': one chain, one subject before its first word
                chained = n > 0 and t - triggers[n - 1][0] <= 3 and all(
                    w in CHAIN_WORDS for w in self.d.lower[triggers[n - 1][0] + 1 : t])
                chain_left = chain_left if chained else left
                for i in range(t + 1, right):
                    if kind == "include" and self.d.lower[i] == ";":
                        continue  # 'includes A; B; C': a list's separator, not a clause's end
                    if self.d.lower[i] in CLAUSE_CUTS or self._new_clause_at(i):
                        right = i
                        break
                stages, negated, hypothetical = self.cues(left, t + 1)
                if kind in ("deployment", "use"):
                    continue
                if kind == "noun":
                    stages += self._done_after(t + 1, right)
                head = self._relative_head(left, t) if kind == "supply" else None
                if head is not None and hypothetical:
                    # 'the cluster munitions that we would provide': the weapon is decided, 'would' is its future
                    _, _, hypothetical_before = self.cues(left, head.start)
                    between = self.d.lower[head.end : right]  # the relative clause, its condition included
                    hypothetical = hypothetical_before or any(
                        self.d.g.cues.get(w) == "hypothetical" and w != "would" for w in between)
                    if not hypothetical:
                        stages.append("pledged")
                if kind == "include" and (sent_frame is not None or sent_blocked):
                    # 'including X' after a supply clause of the same sentence: that clause's parties and stage
                    if sent_blocked or negated or hypothetical or sent_frame is None:
                        continue
                    weapons = self.weapons(t + 1, right)
                    if self.d.words[e - 1] == ":":
                        list_frame = sent_frame
                    if sent_frame.supplier and sent_frame.recipient:
                        for w in weapons:
                            self.transfer(sent_frame.supplier, sent_frame.recipient, w, sent_frame.stage, sent,
                                           "transfer:include-after-supply")
                    continue
                stage = self.stage_at(stages, tense == "past" and kind in ("supply", "receive", "arrive"), t)
                third_party = False
                recipient: str | None
                suppliers: list[str]
                # 'placed an order for ARCHER howitzers ..., as part of its package to Ukraine': bought for the
                # state the aid is for
                beneficiary = (self._for_actor(t + 1, right) or self.aid_recipient(t + 1, right)) \
                    if kind == "receive" else None
                if beneficiary is not None:
                    # 'the procurement of Abrams tanks for Ukraine': bought for someone else = supplied to them
                    recipient = beneficiary
                    # 'the DoD will use USAI funds to procure NASAMS for Ukraine': the buyer may head the sentence
                    suppliers = self.supplier_in(left, t, recipient) or self.supplier_in(s, t, recipient)
                    weapons = self.weapons(t + 1, right)
                elif kind == "receive":
                    recipient_list = self.supplier_in(left, t, None)
                    recipient = recipient_list[0] if recipient_list else None
                    buyer = self._buyer_by(t, right)
                    if buyer is not None:
                        recipient = buyer  # 'announced the ordering by Ukraine of 100 Rosomak from Poland'

                    if any(w in PRONOUN_SUBJECTS for w in self.d.lower[max(left, t - 2) : t]):
                        recipient = None  # 'helped them obtain': the buyer is a pronoun we do not resolve
                    suppliers = self.from_actors(t + 1, right)
                    weapons = self.weapons(t + 1, right)
                    if not suppliers and recipient is not None and weapons and self._adds(left, right):
                        # 'Kyiv will also get Stinger missiles': more of what the text's one supplier to that
                        # recipient gives
                        suppliers = self._sole_supplier_to(recipient, s)
                    if not weapons and suppliers:
                        # 'tanks of the T-72 type, purchased in 1999-2001 from Belarus': the participle's noun
                        weapons = self.weapons(left, t)[-1:]
                elif kind == "arrive":
                    recipient = self.recipient_in(t + 1, right)
                    if recipient is None:
                        for i in range(t + 1, min(right, t + 4)):
                            if self.d.lower[i] == "in" and (i + 1) in self.f.ref_at:
                                recipient = self.actor_of_ref(self.f.ref_at[i + 1])
                    # 'have arrived in Ukraine from the United States', 'the IRIS-T promised by Germany have arrived',
                    # 'the first Swedish CV90s have arrived': the weapon's own state
                    weapons = self.weapons(left, t) or self.weapons(s, t)
                    owner = self.own_state_of(weapons[0]) if weapons else None
                    suppliers = self.from_actors(t + 1, right) or self.from_actors(left, t) or (
                        [owner] if owner else []) or (
                        [sent_frame.supplier] if sent_frame is not None and sent_frame.supplier else []) or (
                        [doc_frame.supplier] if doc_frame.supplier else [])
                elif kind == "request":
                    # 'Ukraine asked Germany for Taurus missiles', 'Kyiv requested ATACMS from the United States': the
                    # asker would receive, the one asked (or 'from') would give
                    askers = self.supplier_in(left, t, None)
                    recipient = askers[0] if askers else None
                    asked = self.object_actor(t + 1, right)
                    suppliers = self.from_actors(t + 1, right) or ([asked] if asked else [])
                    weapons = self.weapons(t + 1, right)
                    stage = "requested"
                else:
                    agent = t + 3 if t + 2 < right and self.d.lower[t + 2] == "the" else t + 2
                    passive_by = t + 1 < right and self.d.lower[t + 1] == "by" and agent in self.f.ref_at
                    if passive_by:
                        by = self.actor_of_ref(self.f.ref_at[agent])
                        suppliers = [by] if by else []
                        # 'Leopard 1A5 tanks donated by Denmark': the participle's own noun, whatever comes before
                        weapons = self.weapons(left, t) or self._participle_noun(t)
                        after_agent = self.f.ref_at[agent].end
                        recipient = self.recipient_in(after_agent, e, direct=False)
                        if recipient is None:
                            for i in range(after_agent, e):
                                if self.d.lower[i] in ("in", "to") and (i + 1) in self.f.ref_at:
                                    recipient = self.actor_of_ref(self.f.ref_at[i + 1])
                                    break
                        if recipient is None:
                            # 'Ukrainian troops train on Leopard 1A5 tanks donated by Denmark': whose forces have them
                            recipient = self._forces_of(s, weapons[0].start if weapons else t, suppliers)
                    else:
                        recipient = self.final_recipient(t + 1, right) or self.recipient_in(t + 1, right)
                        if recipient is None and kind == "supply" and t + 1 < right and self.d.lower[t + 1] in (
                                "him", "her"):
                            # 'Germany promised him more IRIS-T systems': the state of the person named before
                            person = self.f.last_person_before(t + 1)
                            actor = self.actor_of_ref(Ref(t + 1, t + 2, person, "person")) if person else None
                            if actor is not None and actor not in self.supplier_in(left, t, None):
                                recipient = actor
                        elif recipient is None and kind == "supply" and t + 1 < right and self.d.lower[t + 1] == "them":
                            # 'The Ukrainians are fighting hard. We have sent them Javelins': the one state named
                            # since the sentence before, not the giver
                            recipient = self._them(s, t, self.supplier_in(left, t, None))
                        if recipient is None and kind == "supply" and n + 1 < len(triggers) \
                                and triggers[n + 1][1] == "supply" and any(
                                    w == "and" or w in CLAUSE_CUTS for w in self.d.lower[t + 1 : triggers[n + 1][0]]):
                            # 'Germany will supply IRIS-T and Poland will provide Krab to Ukraine': one recipient
                            recipient = self.recipient_in(triggers[n + 1][0] + 1, e)
                        if recipient is None and kind in ("include", "aid"):
                            # 'a package for Ukraine, including:', 'security assistance to Ukraine includes'
                            recipient = self.recipient_in(left, t, direct=False)
                        suppliers = self.supplier_in(left if kind != "noun" else s, t, recipient)
                        if kind == "noun":
                            # 'the transfer of F-16s from Denmark', 'Denmark's transfer of F-16s': the giver, not
                            # the subject that approves it; a 'third-party transfer' is never the subject's
                            owner = self._possessor_before(t)
                            given = self.from_actors(t + 1, right) or ([owner] if owner else [])
                            if recipient is None and t > 0 and self.d.lower[t - 1] in TAKE_FORMS:
                                # 'Ukraine has taken delivery of Caesar howitzers from France': the taker receives
                                takers = self.supplier_in(left, t, None)
                                recipient = takers[0] if takers else None
                            if given:
                                suppliers = [a for a in given if a != recipient]
                            elif "".join(self.d.lower[max(0, t - 3) : t]).endswith(tuple(THIRD_PARTY)):
                                suppliers, third_party = [], True
                            if "joint" in self.d.lower[max(left, t - 2) : t]:
                                # 'talks with Italy for the joint delivery of SAMP/T': the partner gives too
                                partners = self.with_actors(left, t)
                                suppliers += [a for a in partners if a != recipient and a not in suppliers]
                        weapons = self.weapons(t + 1, right)
                        if not weapons and head is not None:
                            weapons = self.weapons(head.start, head.end)
                if kind in ("supply", "noun") and suppliers:
                    # 'the Netherlands pledged 14 Leopard 2A4 tanks, together with Denmark': the partner gives too
                    suppliers += [a for a in self._partners(left, right) if a != recipient and a not in suppliers]
                if negated or hypothetical:
                    sent_blocked = sent_blocked or kind in ("supply", "noun", "aid")
                    continue
                if sent_blocked and kind == "noun" and not self._possessor_before(t) \
                        and not self.from_actors(t + 1, right):
                    continue  # 'under pressure to provide aid to X, through the sale of its jets': still undecided
                # no subject in the clause: the supplier of the text around it, unless the subject is an
                # unresolvable 'we' (joint statements) or the verb is a receiving one (a buyer has no seller)
                we = self.d.first_person is None and any(w in FIRST_PERSON for w in self.d.lower[s:t])
                # 'Allies and partners have committed ...': a supplier the text does not name is nobody
                unnamed = third_party or any(self.d.g.cues.get(w) == "unnamed-actor" for w in self.d.lower[left:t])
                ends_list = self.d.clean[self.d.cend(e - 1) - 1] == ":"
                if recipient is None and doc_frame.recipient and (weapons or ends_list):
                    recipient = doc_frame.recipient
                    counts = Counter(t.recipient for t in self.f.transfers.values() if not t.attributed)
                    main = counts.most_common(1)[0][0] if counts else None
                    if main is not None and counts[main] > counts[recipient] + 1 and main not in suppliers:
                        # 'Germany has provided Patriot systems' after an aside on a sale to Poland in a statement
                        # about aid to Ukraine: the recipient the text is mostly about, not the aside's
                        recipient = main
                    if recipient in suppliers and title_recipient and title_recipient not in suppliers:
                        # 'Norway transferred X to the United States. The package I approved will provide:': the
                        # clause's own supplier is not the recipient the text before named; the title's is
                        recipient = title_recipient
                # the recipient is never its own supplier ('provided through the Ukraine Security Assistance
                # Initiative'): then the supplier of the text around it
                suppliers = [x for x in suppliers if x and x != recipient]
                if not suppliers and kind in ("supply", "noun") and not we and not unnamed and weapons:
                    # 'It will send ...', 'The ministry has donated ...': the previous sentence's actor; else the
                    # state the weapon names as its own ('Sweden's CV90 vehicles have been handed over')
                    found_here = prev_actor if self._refers_back(chain_left, t) else None
                    if found_here is None:
                        found_here = self.own_state_of(weapons[0])
                    suppliers = [found_here] if found_here and found_here != recipient else []
                if not suppliers and chained and clause_suppliers and kind != "receive":
                    # 'Denmark and the Netherlands have committed to transferring F-16s': the verb before's subjects
                    suppliers = list(clause_suppliers)
                if not suppliers and doc_frame.supplier and kind != "receive" and not we and not unnamed and (
                        weapons or ends_list):
                    suppliers = [doc_frame.supplier]
                clause_suppliers = suppliers
                if recipient is None and suppliers and weapons and kind in ("supply", "noun") and not unnamed:
                    # 'Greece promised an additional delivery of BMP-1' in a text whose only other state is
                    # Ukraine: the recipient the text leaves implicit
                    recipient = self.only_other_state(suppliers)
                suppliers = [x for x in suppliers if x and x != recipient]
                if suppliers or recipient:
                    doc_frame = Frame(suppliers[0] if suppliers else doc_frame.supplier,
                                      recipient or doc_frame.recipient, stage)
                if self.d.words[e - 1] == ":" and kind in ("include", "aid", "supply", "noun"):
                    list_frame = Frame(suppliers[0] if suppliers else None, recipient, stage)
                if kind in ("supply", "noun", "aid"):
                    package_before = True
                    if suppliers and recipient and not unnamed:
                        sent_frame = Frame(suppliers[0], recipient, stage)
                if not suppliers or recipient is None:
                    continue
                own = self._gapped_suppliers(t, weapons, recipient) if kind == "supply" else (
                    self._own_from(weapons, right, recipient) if kind == "receive" else {})
                if kind == "supply" and not weapons:
                    # 'Denmark (Caesar howitzers), Norway (NASAMS) and Sweden (Archer) pledged aid to Ukraine'
                    own = self._parenthesised(left, t)
                    weapons = [w for w in self.weapons(left, t) if w.start in own]
                for w in weapons:
                    if w.start in own:
                        # 'Germany sent IRIS-T, Poland Krab howitzers and the Netherlands PzH 2000 to Ukraine'
                        how = "gapped" if kind == "supply" else "own-from"
                        self.transfer(own[w.start], recipient, w, stage, sent, f"transfer:{kind}-{tense}-{how}")
                        continue
                    givers = suppliers
                    owner = self._owner_on(w, t) if len(suppliers) > 1 else None
                    if owner in suppliers:
                        givers = [owner]  # 'A, B and C discuss sending Royal Australian Air Force F/A-18s'
                    for supplier in givers:
                        self.transfer(supplier, recipient, w, stage, sent, f"transfer:{kind}-{tense}",
                                       joint=len(givers) > 1)

    # ---- transfers from the parse -------------------------------------------------------------------------

    @property
    def _view(self) -> SyntaxView | None:
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
                actor = self.actor_of_ref(Ref(ref.start, ref.end, person, "person")) if person else None
            else:
                actor = self.actor_of_ref(ref)
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
                          deal_words=deal_words())

    def syntax_transfers_in(self) -> None:
        """Transfers the parse states that the clause rules did not read (rule ``transfer:syntax-<kind>``)."""
        view = self._view
        if view is None:
            return
        found = {(t.supplier, t.recipient, t.weapon) for t in self.f.transfers.values()}
        title_recipient = self.title_recipient()
        frame_supplier: str | None = self.d.first_person
        frame_recipient: str | None = title_recipient
        # the clause rules' own readings, by where their evidence ends: the frame of the text before a sentence
        frames = sorted((t.evidence.end, n, t.supplier, t.recipient) for n, t in enumerate(self.f.transfers.values()))
        seen = 0
        ent_at = {(w.start, w.end): w for w in self.d.weapon_ents}
        read: dict[int, set[tuple[str, str]]] = {}
        """The clause rules' readings by where their weapon mention starts (characters, as in the output)."""
        for t in self.f.transfers.values():
            if t.weapon_mention is not None:
                read.setdefault(t.weapon_mention.start, set()).add((t.supplier, t.recipient))
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            if e - s > 400 or self.d.words[e - 1] == "?" or (e - s > 1 and self.d.words[e - 2] == "?"):
                continue
            while seen < len(frames) and frames[seen][0] <= self.d.cstart(s) + self.d.base:
                frame_supplier, frame_recipient = frames[seen][2], frames[seen][3]
                seen += 1
            movable = {(w.start, w.end) for w in self.weapons(s, e)}
            next_supplier, next_recipient = frame_supplier, frame_recipient
            triggers_at = [k for k in range(s, e) if self.d.lower[k] in self.d.g.triggers]
            blocked = False
            for cand in candidates(view, (s, e)):
                if cand.negated:
                    continue
                # cues as the clause rules read them: from the transfer word before this one in the sentence (or
                # the sentence start), whatever the parse says the clause is ('We call on Congress to ... so we can
                # send', 'There are no plans to send')
                left = max([s, *(k + 1 for k in triggers_at if k < cand.trigger)])
                stages, negated, hypothetical = self.cues(min(left, cand.clause_start), cand.trigger + 1)
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
                    owner = self.own_state_of(ent_at[view.weapons[cand.weapon]])
                    suppliers = [owner] if owner else []  # 'Sweden's CV90 vehicles have been handed over'
                if not suppliers and not unnamed and not we and cand.kind != "receive" and frame_supplier:
                    suppliers = [frame_supplier]
                recipient = self.final_recipient(cand.trigger + 1, e) or cand.recipient or frame_recipient
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
                if prior and (not cand.suppliers or cand.recipient is None):
                    continue  # a party borrowed from the text before never re-reads a mention the clause rules read
                named_here = {view.actors[k] for k in range(s, e) if k in view.actors}
                if not cand.specific and any(r == recipient and x in named_here and x not in suppliers
                                             for x, r in prior):
                    continue  # 'Germany will supply IRIS-T and Poland will provide Krab': one supplier named here each
                readings = self.d.g.triggers.get(self.d.lower[cand.trigger], [])
                past = any(tense == "past" for _, tense in readings) and cand.kind in ("supply", "receive")
                stage = self.stage_at(stages, past, cand.trigger)
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
                owner = self._owner_on(weapon_ent, cand.trigger) if len(suppliers) > 1 else None
                if owner in suppliers:
                    suppliers = [owner]  # the weapon names which of the coordinated actors owns it
                for supplier in suppliers:
                    if supplier == recipient or (supplier, recipient, self._moved(weapon_ent)) in found:
                        continue
                    self.transfer(supplier, recipient, weapon_ent, stage, sent, f"transfer:syntax-{cand.kind}",
                                   joint=len(suppliers) > 1)
                    found.add((supplier, recipient, self._moved(weapon_ent)))
            frame_supplier, frame_recipient = next_supplier, next_recipient

"""Transfers from sentence structure: who gives what to whom, read off the dependency parse.

A component over a read-only view of the parsed document (:class:`SyntaxView`): it returns typed
:class:`TransferCandidate` facts and changes nothing. The transfer rules (``transfers.py``) decide the stage,
negation, dates and keys the same way for every candidate, and keep a candidate the clause rules did not find.

Per transfer word (``triggers.csv``, by word form):
- ``supply`` verbs: the supplier is the subject (through 'plans to deliver', 'is considering sending', a verb
  coordinated with one that has it: 'will send X and provide Y'), or the passive's 'by' agent; the recipient is a
  'to'/'for'/'into' object, a dative ('send Ukraine X'), or an actor as direct object ('provide Ukraine with X'); the
  weapons are the weapon mentions in the verb's phrase (coordinations and lists included), not in a subordinate
  clause of their own, not after 'for'/'against' ('ammunition for HIMARS'), not the subject's or the recipient's.
- ``noun`` triggers ('donation to Ukraine of 2 Kub', "Denmark's transfer of F-16s"): the supplier is the
  possessor, a 'from' object, or the subject of the verb the noun is the object of ('Slovakia announces donation');
  recipient and weapons as for verbs, inside the noun's phrase.
- ``receive`` verbs ('Ukraine has received Italian Centauro B1 ... from Italy'): the subject is the recipient, a
  'from' object the supplier, else a demonym on the weapon ('Bulgarian ... M60CMA mortars': the maker's state).
- ``include`` verbs: the subject or the antecedent ('a package ... that will include X') is the aid; its 'to'/'for'
  object is the recipient and the subject of the verb it is the object of the supplier ('The Swedish government
  announced a new package ... to Ukraine that will include ...'); what is missing the transfer rules fill from the
  text around it, as for their own include clauses.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from armsgraph.loaders.text.passed_on import unpassed
from armsgraph.loaders.text.refusals import refusing_negation
from armsgraph.loaders.text.syntax import Parse
from armsgraph.loaders.text.transfer_words import NOT_A_RECIPIENT_TO, SUBORDINATORS, syntax_words

RECIPIENT_PREPS = frozenset({"to", "for", "into", "toward", "towards"})
NOT_WHAT_MOVES_PREPS = frozenset({"for", "against", "than", "like", "besides", "instead", "about", "on", "with"})
"""A weapon under one of these in the verb's phrase is not what moves ('ammunition for HIMARS', 'training on F-16s');
'with' is the exception of 'provide Ukraine with X' (handled where the dative is)."""
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "parataxis", "csubj", "acl"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTROL_DEPS = frozenset({"xcomp", "conj"})
"""'plans to deliver', 'is considering sending', 'will send X and provide Y': the subject of the governing verb."""


BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "'s", "’s"})
OWNER_HEADS = frozenset({"government", "governments", "military", "ministry", "army", "cabinet", "council", "staff",
                         "parliament", "authorities", "forces", "force", "navy"})
""""Norway's government", "the country's military", "the General Staff of North Macedonia", "the Armed Forces of
Ukraine": the possessor or the state after 'of' is the actor."""


@dataclass(frozen=True)
class SyntaxView:
    """What the syntax rules read: words, the parse, actors and weapon mentions by token (read-only)."""

    lower: Sequence[str]
    parse: Parse
    actors: Mapping[int, str]
    """Token -> the actor id (state or organisation) the reference covering it stands for."""
    demonyms: Mapping[int, str]
    """Token -> the state id of a demonym ('Italian', 'Bulgarian')."""
    weapons: Sequence[tuple[int, int]]
    """Weapon mentions (token start, end), in order."""
    triggers: Mapping[str, str]
    """Word form -> kind (supply, noun, receive, include, arrive, deployment, use)."""
    aid_words: frozenset[str]
    unnamed: frozenset[str] = frozenset()
    """Words for a group of actors the text does not name ('allies', 'partners': ``cues.csv`` unnamed-actor)."""
    deal_words: frozenset[str] = frozenset()
    """Nouns of a purchase agreement ('a deal with France for Rafale': the weapon is what the deal is for)."""
    weapon_tokens: frozenset[int] = frozenset()
    """Tokens inside a weapon mention."""
    weapon_starts: Sequence[int] = ()
    """Start token of each weapon mention (sorted): the mentions of a sentence by bisection."""
    munition_words: frozenset[str] = frozenset()
    """What a system fires ('missiles', 'rockets', ``ammunition_words.txt``): a list item of its own after 'for'."""
    sentence_ends: Sequence[int] = ()
    """End token (exclusive) of each sentence, in order: a refusal's clause stops there, as the stage cues read it
    (a headline with no full stop is a sentence of its own, and its tokens hold no line break)."""

    @classmethod
    def of(cls, **fields: Any) -> SyntaxView:
        weapons: Sequence[tuple[int, int]] = fields["weapons"]
        return cls(**fields, weapon_tokens=frozenset(i for a, b in weapons for i in range(a, b)),
                   weapon_starts=[a for a, _ in weapons])

    def sentence_end(self, i: int) -> int | None:
        """The end of the sentence holding token i, None when the sentences are not known."""
        k = bisect.bisect_right(self.sentence_ends, i)
        return self.sentence_ends[k] if k < len(self.sentence_ends) else None

    def weapons_in(self, start: int, end: int) -> range:
        """Indexes of the weapon mentions starting in tokens [start, end)."""
        return range(bisect.bisect_left(self.weapon_starts, start), bisect.bisect_left(self.weapon_starts, end))


@dataclass(frozen=True)
class TransferCandidate:
    """One reading: suppliers (possibly none yet), recipient (or None), the weapon mention (its index in
    ``SyntaxView.weapons``; -1: a frame without a weapon, which only sets the parties for what follows), the trigger
    token and kind, and where the clause starts (for stage and negation cues)."""

    suppliers: tuple[str, ...]
    recipient: str | None
    weapon: int
    trigger: int
    kind: str
    clause_start: int
    negated: bool
    borrow: bool = True
    """Whether a missing party may come from the text around ('The package includes X'); not for a gerund after a
    preposition or a transfer noun deep in another phrase ('to accelerate the delivery of ...')."""
    specific: bool = False
    """The supplier is read from the weapon's own phrase ('Krab howitzers from Poland'): it wins over a supplier the
    clause rules read for the whole clause."""


def _np_actors(v: SyntaxView, h: int) -> list[str]:
    """The actors a noun phrase headed at h stands for: itself, a demonym or possessor of a government word, and
    its conjuncts ('Germany, the Netherlands and Romania')."""
    p = v.parse
    found: list[str] = []
    for head in [h, *_conjuncts(p, h)]:
        actor = v.actors.get(head)
        if actor is None:
            for k in p.kids(head, "compound", "amod", "poss", "nmod"):
                if k in v.actors and (p.dep[k] != "poss" or v.lower[head] in OWNER_HEADS):
                    actor = v.actors[k]
                    break
        if actor is None and v.lower[head] in OWNER_HEADS:
            actor = _owner_after_of(v, head)
        if actor is not None and actor not in found:
            found.append(actor)
    return found


def _owner_after_of(v: SyntaxView, head: int, depth: int = 2) -> str | None:
    """The state after 'of' of an owner word, through another owner word ('the Air Force of the Armed Forces of
    Ukraine'); a demonym on the owner after 'of' counts ('the General Staff of the Polish Army')."""
    p = v.parse
    for prep in p.kids(head, "prep"):
        if v.lower[prep] != "of":
            continue
        for obj in p.kids(prep, "pobj"):
            if obj in v.actors:
                return v.actors[obj]
            if v.lower[obj] in OWNER_HEADS:
                owner = next((v.actors[k] for k in p.kids(obj, "compound", "amod") if k in v.actors), None)
                if owner is None and depth > 1:
                    owner = _owner_after_of(v, obj, depth - 1)
                if owner is not None:
                    return owner
    return None


def _conjuncts(p: Parse, h: int) -> list[int]:
    out: list[int] = []
    todo = list(p.kids(h, "conj", "appos"))
    while todo:
        k = todo.pop(0)
        out.append(k)
        todo.extend(p.kids(k, "conj"))
    return out


def _subject(v: SyntaxView, verb: int, climb: int = 6) -> tuple[list[str], int]:
    """The supplier(s) a verb's subject names, climbing 'plans to deliver' / coordinated verbs; and the clause start.

    A gerund after a preposition takes the object of the verb it depends on ('thank the Slovakian government for
    providing ...')."""
    p = v.parse
    node = verb
    if p.dep[verb] == "pcomp" and p.head[verb] != verb:
        governor = p.head[p.head[verb]]
        for obj in p.kids(governor, "dobj"):
            actors = _np_actors(v, obj)
            if actors:
                return actors, min(p.subtree(verb))
    for _ in range(climb + 1):
        subj = p.kids(node, *SUBJECT_DEPS)
        if subj:
            return _np_actors(v, subj[0]), min(p.subtree(node))
        if p.dep[node] == "xcomp" and p.head[node] != node:
            # object control: 'authorized the Netherlands to transfer', 'persuade more allies to send': the object
            # of the governing verb does it (an unnamed one names nobody: nothing is borrowed)
            objects = p.kids(p.head[node], "dobj")
            if objects:
                return _np_actors(v, objects[0]), min(p.subtree(node))
        if p.head[node] != node and (p.dep[node] in CONTROL_DEPS or (
                p.dep[node] == "advcl" and any(v.lower[k] == "to" for k in p.kids(node, "aux")))):
            node = p.head[node]  # 'plans to deliver'; 'triples production to increase supplies'
            continue
        break
    return [], min(p.subtree(node))


def _prep_objects(v: SyntaxView, h: int, preps: frozenset[str]) -> list[int]:
    p = v.parse
    out: list[int] = []
    for k in p.kids(h, "prep", "dative"):
        if v.lower[k] == "to" and k > 0 and v.lower[k - 1] in NOT_A_RECIPIENT_TO:
            continue  # 'thanks to', 'according to': no recipient's
        if v.lower[k] in preps:
            out.extend(p.kids(k, "pobj"))
        elif p.dep[k] == "dative" and v.lower[k] not in ("to", "for"):
            out.append(k)  # 'send Ukraine X'
    return out


def _recipient(v: SyntaxView, h: int) -> tuple[str | None, set[int]]:
    """The actor after to/for/into attached to h, or a dative; and the tokens it covers."""
    for obj in _prep_objects(v, h, RECIPIENT_PREPS):
        actors = _np_actors(v, obj)
        if actors:
            return actors[0], _np_tokens(v, obj)
    return None, set()


def _np_tokens(v: SyntaxView, h: int) -> set[int]:
    """A noun phrase's tokens without its prepositional phrases ('Ukraine' of 'to Ukraine of 2 Kub systems', which
    the parser may attach to the name)."""
    p = v.parse
    out = set(p.subtree(h))
    for k in p.kids(h, "prep", "acl", "relcl"):
        out -= set(p.subtree(k))
    for k in _conjuncts(p, h):
        if k not in v.actors:
            out -= set(p.subtree(k))  # 'from the United States and Krab howitzers from Poland': not a name
    return out


def _mention_head(p: Parse, start: int, end: int) -> int:
    """The token of a mention [start, end) whose head lies outside it."""
    return next((t for t in range(start, end) if not start <= p.head[t] < end or p.head[t] == t), end - 1)


def _weapons_under(v: SyntaxView, sentence: tuple[int, int], root: int, exclude: set[int],
                   mentions_only: frozenset[int] = frozenset()) -> list[int]:
    """Indexes of the weapon mentions in root's phrase that are what moves: not in ``exclude`` (the subject's or the
    recipient's tokens), not below a token of ``exclude`` unless it is in ``mentions_only`` (a recipient's name, to
    which the parser may attach the 'of' phrase: 'donation to Ukraine of 2 Kub systems')."""
    p = v.parse
    out: list[int] = []
    for n in v.weapons_in(*sentence):
        start, end = v.weapons[n]
        tok = next((t for t in range(start, end) if not start <= p.head[t] < end or p.head[t] == t), end - 1)
        if tok in exclude or not p.parsed[tok]:
            continue
        node, ok = tok, False
        for _ in range(40):
            if node == root:
                ok = True
                break
            clause = p.dep[node] in CLAUSE_DEPS or (p.dep[node] == "conj" and p.pos[node] in ("VERB", "AUX")) or (
                p.dep[node] == "pcomp" and v.lower[p.head[node]] in SUBORDINATORS)  # 'buy X after sending Y'
            if node != tok and clause:
                break
            if p.dep[node] == "prep" and v.lower[node] in NOT_WHAT_MOVES_PREPS:
                break
            if (node != tok and node in exclude and node not in mentions_only) or p.head[node] == node:
                break
            node = p.head[node]
        if ok:
            out.append(n)
    return out


def for_something_else(v: SyntaxView, start: int, end: int) -> bool:
    """The weapon mention [start, end) is what another noun is for ('training of pilots for F-16s', 'ammunition for
    HIMARS', 'spare parts for M113'): its phrase hangs on 'for' under a noun that is not aid ('a package for ...')."""
    p = v.parse
    tok = next((t for t in range(start, end) if not start <= p.head[t] < end or p.head[t] == t), end - 1)
    if not p.parsed[tok]:
        return False
    node = tok
    conjuncts: list[int] = []
    for _ in range(8):
        head = p.head[node]
        if head == node or p.pos[node] in ("VERB", "AUX") or (node != tok and v.lower[node] in v.triggers):
            return False  # reached a clause, or the weapon's own transfer word ('the transfer of Patriot ...')
        if p.dep[node] == "conj":
            conjuncts.append(node)
        if p.dep[node] == "prep" and v.lower[node] == "for":
            if _outer_item(v, node, conjuncts):
                return False
            if p.pos[head] in ("VERB", "AUX"):
                # 'provide training ... for F-16s': the verb's object is something else, the weapon what it is for
                objects = p.kids(head, "dobj")
                return bool(objects) and all(
                    o not in v.weapon_tokens and o not in v.actors and v.lower[o] not in v.aid_words
                    and v.lower[o] not in v.deal_words and not any(k in v.weapon_tokens for k in p.subtree(o))
                    for o in objects)
            # ('an order for ARCHER howitzers': a transfer word's own object, not something else's)
            return p.pos[head] in ("NOUN", "PROPN") and v.lower[head] not in v.aid_words \
                and v.lower[head] not in v.triggers and v.lower[head] not in v.deal_words \
                and head not in v.actors and head not in v.weapon_tokens
        node = head
    return False


def _outer_item(v: SyntaxView, f: int, conjuncts: list[int]) -> bool:
    """The parse hangs a list on 'for' ('interceptors for NASAMS and Patriot, Stinger missiles, GMLRS rockets'), but a
    conjunct after a comma is an item of the outer list when the 'for' phrase closed its own list with 'and' before
    it, or when it names what a system fires ('Stinger missiles') and the 'for' object does not: 'spare parts for
    M113, Leopard 1 and T-72 tanks' stays what the parts are for."""
    p = v.parse
    objects = p.kids(f, "pobj")
    fired = bool(objects) and v.lower[objects[0]] in v.munition_words
    for c in conjuncts:
        first = p.subtree(c)[0]
        if first - 1 <= f or v.lower[first - 1] != ",":
            continue
        between = v.lower[f + 1 : first - 1]
        if "and" in between or "or" in between or (v.lower[c] in v.munition_words and not fired):
            return True
    return False


def done_by_unnamed(v: SyntaxView, start: int, end: int) -> bool:
    """The weapon mention [start, end) is moved by a verb whose doer is an unnamed group the governing verb names
    as its object ('persuade more allies to send NASAMS'): whoever heads the sentence does not supply it."""
    p = v.parse
    tok = next((t for t in range(start, end) if not start <= p.head[t] < end or p.head[t] == t), end - 1)
    if not p.parsed[tok]:
        return False
    node = tok
    for _ in range(12):
        if p.pos[node] in ("VERB", "AUX") and v.lower[node] in v.triggers:
            if p.dep[node] != "xcomp" or p.kids(node, "nsubj"):
                return False
            return any(v.lower[o] in v.unnamed for o in p.kids(p.head[node], "dobj"))
        if p.head[node] == node:
            return False
        node = p.head[node]
    return False


def _aid_after_in(v: SyntaxView, verb: int) -> int | None:
    """The aid noun a passive include verb puts its subject in ('was included in the new package', 'in one of the
    aid packages'), or None: 'included in the budget' is no aid."""
    p = v.parse
    for prep in p.kids(verb, "prep"):
        if v.lower[prep] != "in":
            continue
        for obj in p.kids(prep, "pobj"):
            if v.lower[obj] in v.aid_words:
                return obj
            for of in p.kids(obj, "prep"):  # 'one of the packages', 'the latest round of aid'
                if v.lower[of] == "of":
                    found = [o for o in p.kids(of, "pobj") if v.lower[o] in v.aid_words]
                    if found:
                        return found[0]
    return None


FINANCE_WORDS = frozenset({"financed", "funded", "paid", "bought", "purchased", "sponsored"})
"""Participles whose agent pays for what moves ('Leopard 1 tanks financed by Denmark'): the payer supplies it when
the text names no other supplier."""


def _financier(v: SyntaxView, node: int) -> list[str]:
    """The states paying for a node's phrase: a finance participle's agent on it or on the nouns above it ('tanks
    paid for by the Netherlands'), or 'on behalf of X' on a verb ('deliver ... on behalf of the German government')."""
    p = v.parse
    for _ in range(4):
        for k in [c for n in (node, *p.kids(node, "appos")) for c in p.kids(n, "acl", "advcl")]:
            if v.lower[k] in FINANCE_WORDS:
                for agent in p.kids(k, "agent"):
                    for obj in p.kids(agent, "pobj"):
                        actors = _np_actors(v, obj)
                        if actors:
                            return actors
        for prep in p.kids(node, "prep"):
            if v.lower[prep] == "on":
                for behalf in p.kids(prep, "pobj"):
                    if v.lower[behalf] == "behalf":
                        for of in [k for k in p.kids(behalf, "prep") if v.lower[k] == "of"]:
                            for obj in p.kids(of, "pobj"):
                                actors = _np_actors(v, obj)
                                if actors:
                                    return actors
        up = p.head[node]
        if up == node or p.pos[node] in ("VERB", "AUX") or not (
                p.pos[up] in ("NOUN", "PROPN") or (v.lower[up] == "of" and p.dep[node] == "pobj")):
            break
        node = up  # 'the first batch of Leopard tanks financed by ...': through 'of' to the noun it measures
    return []


def _misattached(v: SyntaxView, sentence: tuple[int, int], t: int, exclude: set[int], recipient: str | None,
                 weapons: list[int]) -> str | None:
    """'approved a possible Foreign Military Sale to Poland of AH-64E helicopters': the parser may hang the noun's
    'to'/'of' phrases on the verb whose object it is; those right after the noun are the noun's. Adds the 'of'
    weapons to ``weapons``; returns the recipient."""
    p = v.parse
    end = max(p.subtree(t)) + 1
    for k in sorted(p.kids(p.head[t], "prep")):
        if k < end:
            continue
        if k != end:
            break  # only phrases that follow the noun directly, one after the other
        objects = p.kids(k, "pobj")
        if v.lower[k] in RECIPIENT_PREPS and recipient is None:
            for obj in objects:
                actors = _np_actors(v, obj)
                if actors:
                    recipient = actors[0]
                    named = _np_tokens(v, obj)
                    exclude |= named
                    # 'to the Government of Poland of AH-64E ...': the 'of' phrase hung on the recipient's name
                    weapons += [w for w in _weapons_under(v, sentence, k, exclude, frozenset(named))
                                if w not in weapons]
        elif v.lower[k] == "of":
            weapons += [w for w in _weapons_under(v, sentence, k, exclude) if w not in weapons]
        else:
            break
        end = max(p.subtree(k)) + 1
    return recipient


FROM = frozenset({"from"})
BY = frozenset({"by"})


def _from_actors(v: SyntaxView, h: int, preps: frozenset[str] = FROM) -> tuple[list[str], set[int]]:
    """The actors after 'from' (or ``preps``) attached to h, and the tokens they cover."""
    for obj in _prep_objects(v, h, preps):
        actors = _np_actors(v, obj)
        if actors:
            return actors, _np_tokens(v, obj)
    return [], set()


def _negated(v: SyntaxView, verb: int) -> bool:
    """A negation on the transfer verb or on a verb that controls it ('does not plan to send'); not the refusal
    right before the verb itself ('will not deliver': the stage cues read it as declined, refusals.py), read to the
    end of its sentence as the stage cues read it."""
    p = v.parse
    node = verb
    for _ in range(6):
        if any(not (node == verb and k + 1 == verb and refusing_negation(v.lower, k, v.sentence_end(k)))
               for k in p.kids(node, "neg")):
            return True
        if p.dep[node] in CONTROL_DEPS and p.head[node] != node:
            node = p.head[node]
            continue
        return False
    return False


def _passive_dative(v: SyntaxView, verb: int) -> str | None:
    """The state a passive supply verb's subject names when the verb keeps a direct object: 'Ukraine has been given
    Gepard guns by Germany', 'Kyiv was sent Patriot missiles' (the subject is the dative of the active)."""
    p = v.parse
    subj = p.kids(verb, "nsubjpass")
    if not subj or not p.kids(verb, "dobj") or any(_np_actors(v, o) for o in p.kids(verb, "dobj")):
        return None
    actors = _np_actors(v, subj[0])
    return actors[0] if len(actors) == 1 else None


def _noun_of(p: Parse, tok: int) -> tuple[int, ...]:
    """A weapon name's head and, when the name is a compound or nmod of a noun, that noun ('the NASAMS launchers':
    the name hangs on its noun, and what the noun governs is the weapon's)."""
    return (tok, p.head[tok]) if p.dep[tok] in ("compound", "nmod") else (tok,)


def _be_to_subject(v: SyntaxView, verb: int) -> int | None:
    """The subject of 'be' a passive supply verb completes: 'Two Kub systems are to be donated to Ukraine by
    Slovakia' (the parser hangs 'to be donated' on 'are', whose subject is what moves), or None."""
    p = v.parse
    head = p.head[verb]
    if p.dep[verb] != "xcomp" or not p.kids(verb, "auxpass") or p.kids(verb, "nsubjpass") \
            or v.lower[head] not in BE_FORMS:
        return None
    subj = p.kids(head, "nsubj")
    return subj[0] if subj else None


def _weapon_at(v: SyntaxView, sentence: tuple[int, int], head: int) -> int | None:
    """The weapon mention whose head token is ``head``, or None."""
    p = v.parse
    for n in v.weapons_in(*sentence):
        tok = _mention_head(p, *v.weapons[n])
        if head in _noun_of(p, tok):
            return n  # 'the NASAMS launchers': the name hangs on its noun
    return None


def _held_by_relative(v: SyntaxView, sentence: tuple[int, int], t: int, suppliers: list[str],
                      recipient: str | None) -> TransferCandidate | None:
    """'Ukraine has received the NASAMS launchers which Norway pledged', 'has started using the tanks that Denmark
    pledged': a supply verb in a relative clause on a weapon names its giver; the recipient is the subject of the
    verb that receives or uses the weapon. Not when the relative clause names its own recipient ('the tanks it
    promised Ukraine' is the clause's own reading) or the governing verb is any other ('destroyed the tanks that
    Germany sent')."""
    p = v.parse
    head = p.head[t]
    if p.dep[t] != "relcl" or recipient is not None or len(suppliers) != 1 or p.dep[head] != "dobj":
        return None
    w = _weapon_at(v, sentence, head)
    if w is None:
        return None
    gov = p.head[head]
    receiving = v.triggers.get(v.lower[gov]) == "receive"
    if not receiving and v.lower[gov] not in syntax_words()["use"]:
        return None
    takers, _ = _subject(v, gov)
    if len(takers) != 1 or takers[0] == suppliers[0]:
        return None
    trigger, kind = (gov, "receive") if receiving else (t, "supply")
    return TransferCandidate((suppliers[0],), takers[0], w, trigger, kind, min(p.subtree(gov)), _negated(v, gov),
                             True, True)


def _arrival_of(v: SyntaxView, sentence: tuple[int, int], t: int) -> list[TransferCandidate]:
    """'Kyiv welcomed the arrival of Swedish Archer howitzers', 'the arrival of German tanks in Ukraine': the state of
    a demonym on the weapon gives; the recipient is an 'in'/'to' state on the noun or its verb, or the subject of a
    welcoming verb (``syntax_words.csv`` kind ``welcome``) the noun is the object of."""
    p = v.parse
    if p.pos[t] not in ("NOUN", "PROPN"):
        return []
    weapons = [w for w in _weapons_under(v, sentence, t, set()) if v.weapons[w][0] > t]
    if not weapons:
        return []
    gov = p.head[t]
    nouns = [t, gov] if gov != t else [t]
    for w in weapons:
        tok = _mention_head(p, *v.weapons[w])
        nouns += _noun_of(p, tok)
    recipient = next((a[0] for n in nouns for o in _prep_objects(v, n, frozenset({"in", "to"}))
                      for a in (_np_actors(v, o),) if len(a) == 1), None)
    if recipient is None and p.dep[t] == "dobj" and v.lower[gov] in syntax_words()["welcome"]:
        takers, _ = _subject(v, gov, climb=1)
        recipient = takers[0] if len(takers) == 1 else None
    if recipient is None:
        return []
    out: list[TransferCandidate] = []
    for w in weapons:
        start = v.weapons[w][0]
        made = {v.demonyms[k] for k in range(max(sentence[0], start - 3), start + 1) if k in v.demonyms}
        if len(made) == 1 and recipient not in made:
            out.append(TransferCandidate((made.pop(),), recipient, w, t, "noun", min(p.subtree(t)),
                                         _negated(v, gov), False, True))
    return out


def _names_aid(v: SyntaxView, tok: int) -> bool:
    """A noun that names what is given: an aid word ('package', 'assistance') or a transfer noun ('donation',
    'delivery': "Canada's latest donation to Ukraine, which includes NASAMS")."""
    return v.lower[tok] in v.aid_words or (v.triggers.get(v.lower[tok]) in ("noun", "supply")
                                             and v.parse.pos[tok] in ("NOUN", "PROPN"))


def candidates(v: SyntaxView, sentence: tuple[int, int]) -> list[TransferCandidate]:
    """The transfers the parse of one sentence [start, end) states."""
    p = v.parse
    s, e = sentence
    out: list[TransferCandidate] = []
    if not any(p.parsed[s:e]):
        return out
    for t in range(s, e):
        kind = v.triggers.get(v.lower[t])
        if kind is None:
            if v.lower[t] in syntax_words()["arrival"]:
                out.extend(_arrival_of(v, sentence, t))
            continue
        is_noun = p.pos[t] in ("NOUN", "PROPN")
        if kind == "supply" and is_noun:
            kind = "noun"  # 'supply of', 'transfer of'
        if kind == "noun" and not is_noun:
            continue
        if kind in ("supply", "receive", "include") and p.pos[t] not in ("VERB", "AUX"):
            continue
        if kind not in ("supply", "noun", "receive", "include"):
            continue
        if unpassed(v.lower, t, s, e):
            continue  # 'passed a law', 'refused to let Germany pass ... on to Ukraine'
        negated = _negated(v, t)
        exclude: set[int] = set()
        borrow = True
        suppliers: list[str] = []
        recipient: str | None = None
        clause_start = s
        if kind == "supply":
            subj = p.kids(t, *SUBJECT_DEPS)
            be_subject = _be_to_subject(v, t)
            passive = bool(p.kids(t, "nsubjpass")) or be_subject is not None
            if passive or (p.tag[t] == "VBN" and p.dep[t] in ("acl", "amod")):
                for agent in p.kids(t, "agent", "prep"):
                    if p.dep[agent] == "prep" and not (v.lower[agent] == "by" and passive):
                        continue
                    for obj in p.kids(agent, "pobj"):
                        suppliers = _np_actors(v, obj)
                        exclude |= set(p.subtree(obj))
                clause_start = min(p.subtree(t))
                recipient = _passive_dative(v, t)
            else:
                suppliers, clause_start = _subject(v, t)
                # 'for providing': someone the sentence names, or nobody; 'persuade allies to send': the allies
                borrow = p.dep[t] != "pcomp" and not (p.dep[t] == "xcomp" and p.kids(p.head[t], "dobj"))
                for k in subj:
                    exclude |= set(p.subtree(k))
            passive_recipient = recipient
            recipient, covered = _recipient(v, t)
            recipient = recipient or passive_recipient
            exclude |= covered
            bridge = frozenset(covered)
            held = _held_by_relative(v, sentence, t, suppliers, recipient)
            if held is not None:
                out.append(held)
                continue
            if recipient is None:
                # 'provide Ukraine with X', 'send Ukraine X': an actor as the direct object
                for obj in p.kids(t, "dobj"):
                    actors = _np_actors(v, obj)
                    if actors:
                        recipient = actors[0]
                        exclude |= _np_tokens(v, obj)
                        bridge = bridge | _np_tokens(v, obj)
            weapons = _weapons_under(v, sentence, t, exclude, bridge)
            if be_subject is not None:  # 'Two Kub systems are to be donated to Ukraine by Slovakia'
                weapons += [w for w in _weapons_under(v, sentence, be_subject, exclude, bridge) if w not in weapons]
            # 'provide Ukraine with X': the with-object is what moves
            for prep in p.kids(t, "prep"):
                if v.lower[prep] == "with" and recipient is not None:
                    weapons += [w for w in _weapons_under(v, sentence, prep, exclude, bridge) if w not in weapons]
            if not suppliers and recipient is not None:
                # a company delivering 'on behalf of' a state, or what a state paid for: the payer supplies
                payers = _financier(v, t)
                paid = {w: _financier(v, _mention_head(p, *v.weapons[w])) for w in weapons}
                if payers or any(paid.values()):
                    for w in weapons:
                        given = paid[w] or payers
                        out.append(TransferCandidate(tuple(x for x in given if x != recipient), recipient, w, t,
                                                     kind, clause_start, negated, True, bool(paid[w])))
                    continue
        elif kind == "noun":
            suppliers = [v.actors[k] for k in p.kids(t, "poss") if k in v.actors]
            given, covered = _from_actors(v, t)
            exclude |= covered
            suppliers = suppliers or given
            if not suppliers:  # 'the delivery of HIMARS to Ukraine by the United States': the noun's agent
                suppliers, covered = _from_actors(v, t, BY)
                exclude |= covered
            if not suppliers and p.dep[t] in ("dobj", "nsubjpass"):
                suppliers, clause_start = _subject(v, p.head[t], climb=1)  # 'Slovakia announces donation'
            borrow = p.dep[t] in ("ROOT", "dobj", "nsubj", "nsubjpass", "appos")
            recipient, covered = _recipient(v, t)
            exclude |= covered
            weapons = _weapons_under(v, sentence, t, exclude, frozenset(covered))
            if p.dep[t] == "dobj" and p.head[t] != t and not weapons:
                recipient = _misattached(v, sentence, t, exclude, recipient, weapons)
        elif kind == "receive":
            subj = p.kids(t, *SUBJECT_DEPS)
            if not subj:
                continue
            receivers = _np_actors(v, subj[0])
            recipient = receivers[0] if receivers else None
            exclude |= set(p.subtree(subj[0]))
            suppliers, covered = _from_actors(v, t)
            for obj in p.kids(t, "dobj"):
                if not suppliers:
                    more, covered2 = _from_actors(v, obj)
                    suppliers, covered = more, covered | covered2
            exclude |= covered
            clause_start = min(p.subtree(t))
            weapons = _weapons_under(v, sentence, t, exclude, frozenset(covered))
            # 'received HIMARS from the United States and Krab howitzers from Poland': a 'from' on the weapon's
            # own phrase names its supplier
            own: dict[int, list[str]] = {}
            for w in weapons:
                head = _mention_head(p, *v.weapons[w])
                for node in _noun_of(p, head):
                    given = _from_actors(v, node)[0]
                    if given:
                        own[w] = given
                        break
            # several 'from' phrases on the verb, each after its weapon (the parser may hang them all on the verb)
            froms = sorted(k for k in p.subtree(t) if v.lower[k] == "from" and p.dep[k] == "prep")
            if len(froms) > 1:
                for w in weapons:
                    after = [k for k in froms if k >= v.weapons[w][1]]
                    given = _np_actors(v, p.kids(after[0], "pobj")[0]) if after and p.kids(after[0], "pobj") else []
                    if given and w not in own:
                        own[w] = given
            if own:
                for w in weapons:
                    given = own.get(w, suppliers)
                    out.append(TransferCandidate(tuple(x for x in given if x != recipient), recipient, w, t, kind,
                                                 clause_start, negated, True, w in own))
                continue
            paid = {w: _financier(v, _mention_head(p, *v.weapons[w])) for w in weapons} if not suppliers else {}
            if any(paid.values()):
                # 'received Leopard 1A5 tanks financed by Germany and Denmark': the payers supply
                for w in weapons:
                    out.append(TransferCandidate(tuple(x for x in paid[w] if x != recipient), recipient, w, t, kind,
                                                 clause_start, negated, True, True))
                continue
            if not suppliers:
                # 'received Italian Centauro B1': the maker's state, when the weapon names one
                for w in weapons:
                    start = v.weapons[w][0]
                    made = set()
                    for k in range(start - 1, max(s, start - 7) - 1, -1):
                        if p.pos[k] in ("VERB", "AUX", "ADP") or v.lower[k] in (",", ";"):
                            break
                        if k in v.demonyms:
                            made.add(v.demonyms[k])
                    if len(made) == 1:
                        suppliers = [made.pop()]
                        break
        elif p.kids(t, "nsubjpass"):  # include, passive: 'X was included in the package to Ukraine from Italy'
            aid = _aid_after_in(v, t)
            if aid is None:
                continue
            recipient, covered = _recipient(v, aid)
            given, covered2 = _from_actors(v, aid)
            suppliers = given or [v.actors[k] for k in p.kids(aid, "poss") if k in v.actors]
            exclude |= covered | covered2
            clause_start = min(p.subtree(t))
            subject = set(p.subtree(p.kids(t, "nsubjpass")[0]))
            weapons = [w for w in _weapons_under(v, sentence, t, exclude) if v.weapons[w][0] in subject]
        else:  # include
            subj = p.kids(t, *SUBJECT_DEPS)
            aid = subj[0] if subj else None
            if p.dep[t] == "relcl" and (aid is None or v.lower[aid] in ("which", "that")):
                aid = p.head[t]  # 'a new package ... that will include'
                if aid in v.actors and p.dep[aid] == "pobj" and _names_aid(v, p.head[p.head[aid]]):
                    aid = p.head[p.head[aid]]  # "Canada's donation to Ukraine, which includes": a state includes none
            recipient = None
            if aid is None or not (_names_aid(v, aid) or any(
                    v.lower[o] in v.aid_words for k in p.kids(aid, "prep") if v.lower[k] == "of"
                    for o in p.kids(k, "pobj"))):
                continue  # 'the package includes', 'a round of security assistance, which includes'
            if not _names_aid(v, aid):
                for k in p.kids(aid, "prep"):
                    if v.lower[k] == "of":
                        recipient = recipient or _recipient(v, next(iter(p.kids(k, "pobj")), aid))[0]
            exclude |= set(range(min(p.subtree(aid)), aid + 1))
            recipient = recipient or _recipient(v, aid)[0]
            if p.dep[aid] in ("dobj", "nsubjpass", "pobj"):
                gov = p.head[aid] if p.dep[aid] != "pobj" else p.head[p.head[aid]]
                suppliers, clause_start = _subject(v, gov)
                if recipient is None:
                    recipient = _recipient(v, gov)[0]
            poss = [v.actors[k] for k in p.kids(aid, "poss") if k in v.actors]
            suppliers = suppliers or poss
            weapons = _weapons_under(v, sentence, t, exclude)
            # the parser may hang the list on the subject ('the package includes: A; B; C' with B, C in apposition)
            weapons += [w for w in _weapons_under(v, sentence, aid, set()) if v.weapons[w][0] > t and w not in weapons]
        suppliers = [x for x in suppliers if x != recipient]
        if not weapons and (suppliers or recipient):
            # a transfer frame without a weapon ('a new package for Ukraine, which includes $375 million'): what the
            # text around it takes as its parties
            out.append(TransferCandidate(tuple(suppliers), recipient, -1, t, kind, clause_start, negated, borrow))
        for w in weapons:
            out.append(TransferCandidate(tuple(suppliers), recipient, w, t, kind, clause_start, negated, borrow))
    return out

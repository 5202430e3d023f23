"""A system named again by what it is ('France pledged Mirage 2000 jets. The jets were donated ...') or by a pronoun
in a passive transfer clause ('They will be delivered in May'): the noun phrase or pronoun is a mention of that
system, so the transfer rules read the sentence as if the system were named there.

Why: news names a system once and then refers to it; a giver, a recipient or a stage stated with the second wording
was lost (session 15). A small, explainable resolver, not a coreference model:

- a **definite noun phrase**: 'the', at most two modifiers, then a noun that can name the system: a noun of its
  category (``category_nouns.csv`` and ``anaphor_nouns.csv``, singular or plural), the noun it was named with
  ('Caesar howitzers' -> 'the howitzers'), or 'system(s)'; the system stands in one of the ``REACH`` sentences
  before, and it is the **only** system there the noun fits (two fitting systems: nothing), with none before the
  phrase in its own sentence. Not 'the other tanks', not 'the tanks of ...', not a noun modifying another
  ('the tank crews', by the parse);
- a **pronoun**: 'they'/'it' as the subject of a passive transfer verb ('They were donated by France', 'it will be
  handed over'), or 'them' as the object of an active one with no weapon after it ('Paris will send them in May'),
  when the sentence before names exactly one system and this one names none before the pronoun. A passive's
  subject is what moves; an active verb's subject is a giver, which ``transfer_parties`` reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from armsgraph.loaders.text.gazetteer import Gazetteer
from armsgraph.loaders.text.syntax import Parse
from armsgraph.loaders.text.word_tables import words_by_kind

REACH = 2
"""Sentences back in which the named system may stand for a noun phrase (a pronoun: one)."""
MAX_MODIFIERS = 2
ANAPHOR_WORDS = words_by_kind("anaphor_words.csv", ("blocker", "not-after", "between", "coordinated-gap"))
"""``data/anaphor_words.csv``, read once at import as the other word tables are."""
BLOCKERS = ANAPHOR_WORDS["blocker"]
"""Modifiers that say the phrase is not the system named before ('the other tanks', 'the enemy tanks')."""
ANY_SYSTEM = frozenset({"system"})
NOT_THE_SYSTEM_AFTER = ANAPHOR_WORDS["not-after"]
"""A noun after the weapon noun: the phrase is about that ('the tank crews'), for the rule-only path's lack of a
parse."""
PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being"})
BETWEEN = ANAPHOR_WORDS["between"]
"""Words that may stand between the pronoun and its participle ('they will all be handed over')."""
CLAUSE_OPENERS = frozenset({",", "and", "but", ";", "where", "when", "after", "once"})


@dataclass(frozen=True)
class Named:
    """A system named by name: tokens [start, end), its id, its category ('' when unknown) and the noun after it."""

    start: int
    end: int
    weapon_id: str
    category: str
    noun: str


@dataclass(frozen=True)
class Resolved:
    """Tokens [start, end) that name ``weapon_id`` again, and how ('noun' or 'pronoun')."""

    start: int
    end: int
    weapon_id: str
    how: str


COORDINATED_GAP = ANAPHOR_WORDS["coordinated-gap"]
"""Words between 'and' and a coordinated supply verb ('and will then donate it'; ``anaphor_words.csv``)."""


@cache
def anaphor_nouns() -> dict[str, frozenset[str]]:
    """``data/anaphor_nouns.csv``: singular noun -> the categories it can name ('jet' -> aircraft), read once."""
    out: dict[str, set[str]] = {}
    for kind, words in words_by_kind("anaphor_nouns.csv").items():
        for word in words:
            out.setdefault(word, set()).add(kind)
    return {word: frozenset(kinds) for word, kinds in out.items()}


def singular(word: str) -> str:
    """'howitzers' -> 'howitzer', 'batteries' -> 'battery' (enough for weapon nouns)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def category_words(category_nouns: Mapping[tuple[str, ...], str]) -> dict[str, frozenset[str]]:
    """Singular noun -> the categories it can name: the one-word category nouns ('tanks' -> 'tank') and
    ``anaphor_nouns.csv``."""
    out: dict[str, set[str]] = {}
    for words, category in category_nouns.items():
        if len(words) == 1:
            out.setdefault(singular(words[0]), set()).add(category)
    for word, kinds in anaphor_nouns().items():
        out.setdefault(word, set()).update(kinds)
    return {word: frozenset(kinds) for word, kinds in out.items()}


def _fits(noun: str, system: Named, by_category: Mapping[str, frozenset[str]]) -> bool:
    """A singular noun can name the system: its category's noun, the noun it was named with, or 'system'."""
    return noun in ANY_SYSTEM or noun == system.noun or system.category in by_category.get(noun, frozenset())


def resolve(lower: Sequence[str], sent_of: Sequence[int], taken: set[int], named: Sequence[Named],
            by_category: Mapping[str, frozenset[str]], supply_participles: frozenset[str], supply_verbs: frozenset[str],
            compound: frozenset[int] = frozenset(), weapon_nouns: frozenset[str] = frozenset()) -> list[Resolved]:
    """The noun phrases and pronouns of a document that name a system again (see the module's docstring).
    ``lower``: lower-case tokens; ``sent_of``: each token's sentence number; ``taken``: tokens already in an entity;
    ``named``: the named systems in text order; ``by_category``: singular noun -> category;
    ``supply_participles`` / ``supply_verbs``: transfer words of kind supply (past / any form); ``compound``: tokens
    the parse says modify another noun; ``weapon_nouns``: nouns after which a pronoun is no system ('It was given
    tanks')."""
    out: list[Resolved] = []
    things = frozenset(k for s in named for k in range(s.start, s.end)) | frozenset(
        k for k, w in enumerate(lower) if singular(w) in by_category or w in weapon_nouns)
    for i, w in enumerate(lower):
        if i in taken:
            continue
        if w == "the":
            found = _definite(lower, sent_of, taken, named, by_category, compound, i)
        elif w in ("they", "it", "them"):
            found = _pronoun(lower, sent_of, things, named, supply_participles, supply_verbs, i)
        else:
            continue
        if found is not None:
            out.append(found)
            taken.update(range(found.start, found.end))
    return out


def _definite(lower: Sequence[str], sent_of: Sequence[int], taken: set[int], named: Sequence[Named],
              by_category: Mapping[str, frozenset[str]], compound: frozenset[int], i: int) -> Resolved | None:
    for mods in range(MAX_MODIFIERS + 1):
        k = i + 1 + mods
        if k >= len(lower) or k in taken or lower[k] in BLOCKERS or not lower[k].replace("-", "").isalpha():
            return None
        noun = singular(lower[k])
        fits = noun in ANY_SYSTEM or noun in by_category or any(s.noun == noun for s in named)
        nxt = lower[k + 1] if k + 1 < len(lower) else ""
        if fits and k not in compound and nxt != "of" and nxt not in NOT_THE_SYSTEM_AFTER and k + 1 not in taken:
            return _antecedent(sent_of, named, by_category, noun, i, k + 1, REACH, "noun")
    return None


def _pronoun(lower: Sequence[str], sent_of: Sequence[int], things: frozenset[int], named: Sequence[Named],
             supply_participles: frozenset[str], supply_verbs: frozenset[str], i: int) -> Resolved | None:
    first = i == 0 or sent_of[i - 1] != sent_of[i] or lower[i - 1] in CLAUSE_OPENERS
    end = len(lower)
    if lower[i] in ("it", "them") and i > 1 and lower[i - 1] in supply_verbs and coordinated_verb(lower, i - 1) \
            and not _weapon_after(lower, sent_of, things, i + 1, end):
        # 'Canada will buy a NASAMS system from the United States and donate it to Ukraine': the object of a
        # coordinated supply verb is the one system its sentence named before it
        ids = {n.weapon_id for n in named if n.start < i and sent_of[n.start] == sent_of[i] and n.weapon_id}
        return Resolved(i, i + 1, ids.pop(), "pronoun") if len(ids) == 1 else None
    if lower[i] == "them":
        verb = i - 1 if i > 0 and lower[i - 1] in supply_verbs else -1
        if verb < 0 or _weapon_after(lower, sent_of, things, i + 1, end):
            return None
        return _antecedent(sent_of, named, {}, "", i, i + 1, 1, "pronoun")
    if not first:
        return None
    k = i + 1
    saw_passive = False
    while k < end and sent_of[k] == sent_of[i] and (lower[k] in BETWEEN or lower[k] in PASSIVE):
        saw_passive = saw_passive or lower[k] in PASSIVE
        k += 1
    if not saw_passive or k >= end or lower[k] not in supply_participles:
        return None
    if _weapon_after(lower, sent_of, things, k + 1, end):
        return None  # 'It was given Leopard tanks': a passive with an object names the recipient
    return _antecedent(sent_of, named, {}, "", i, i + 1, 1, "pronoun")


def coordinated_verb(lower: Sequence[str], verb: int) -> bool:
    """The verb at ``verb`` is coordinated with no subject of its own: 'and' right before it, or before 'will',
    'then', 'later', 'to' ... ('and donate it', 'and will then give them')."""
    k = verb - 1
    while k > 0 and verb - k <= 3 and lower[k] in COORDINATED_GAP:
        k -= 1
    return lower[k] == "and"


def _weapon_after(lower: Sequence[str], sent_of: Sequence[int], things: frozenset[int], k: int, end: int) -> bool:
    """A named system or a weapon noun in the rest of the clause from token k."""
    while k < end and sent_of[k] == sent_of[k - 1] and lower[k] not in (";", "."):
        if k in things:
            return True
        k += 1
    return False


def _antecedent(sent_of: Sequence[int], named: Sequence[Named], by_category: Mapping[str, frozenset[str]], noun: str,
                start: int, end: int, reach: int, how: str) -> Resolved | None:
    """The one named system the phrase at [start, end) can stand for, in the ``reach`` sentences before; none before
    it in its own sentence. A pronoun (``noun`` empty) fits any system."""
    here = sent_of[start]
    fitting = [s for s in named if s.start < start and here - reach <= sent_of[s.start] <= here
               and (not noun or _fits(noun, s, by_category))]
    if any(sent_of[s.start] == here for s in fitting):
        return None
    ids = {s.weapon_id for s in fitting}
    return Resolved(start, end, ids.pop(), how) if len(ids) == 1 else None


def system_anaphors(lower: Sequence[str], ents: Sequence[Span], taken: set[int], sent_of: Sequence[int],
                    category_of: Mapping[str, str], g: Gazetteer, syntax: Parse | None) -> list[Resolved]:
    """The parsed document's anaphors of named systems (``TextDoc`` adds each as a WEAPON mention); ``ents``: its
    entities so far, ``taken``: their tokens (the resolved ones are added)."""
    named = []
    for e in sorted(ents, key=lambda x: x.start):
        if e.label_ != "WEAPON":
            continue
        after = lower[e.end] if e.end < len(lower) else ""
        noun = after if after in g.weapon_nouns else lower[e.end - 1]
        ident = e.id_ or e.ent_id_  # a designation's new span carries its id as span_id, not on its tokens yet
        named.append(Named(e.start, e.end, ident, category_of.get(ident, ""), singular(noun)))
    if not named:
        return []
    supply = {form: [t for kind, t in forms if kind == "supply"] for form, forms in g.triggers.items()}
    participles = frozenset(f for f, tenses in supply.items() if "past" in tenses)
    verbs = frozenset(f for f, tenses in supply.items() if tenses)
    compound = frozenset() if syntax is None else frozenset(
        i for i, dep in enumerate(syntax.dep) if dep in ("compound", "amod"))
    return resolve(lower, sent_of, taken, named, category_words(g.category_nouns), participles, verbs, compound,
                   frozenset(g.weapon_nouns))


def referring_phrase(lower: Sequence[str], i: int, nouns: frozenset[str], stop: int) -> int | None:
    """'the country', 'the Nordic country', 'the Baltic state' at token i (before ``stop``): the end of the phrase
    when i is 'the', at most two modifiers follow and then a noun of ``nouns`` (an actor named before, resolved by
    the caller: the previous sentence's subject for a subject, the one other state for a recipient). 'the other
    country' names someone else."""
    if lower[i] != "the":
        return None
    for k in range(i + 1, min(i + 2 + MAX_MODIFIERS, stop)):
        if lower[k] in nouns:
            return k + 1
        if lower[k] in BLOCKERS or not lower[k].replace("-", "").isalpha():
            return None
    return None

"""Scoring the extractor against gold annotations: precision, recall and F1 per fact type.

Matching rules (also in docs/text-extraction.md):
- countries: ISO alpha-3 codes of the states the text mentions, per document, as sets;
- weapons: WeaponSystem ids, per document, as sets; a gold id that is the slug of a listed variant counts as
  the canonical id ('weapon:javelin' = 'weapon:fgm-148-javelin');
- officials: one gold (name, title, of) matches one extracted position when the affiliations are equal (an
  organisation of a state equals the state: org:us-dod = country:USA), the titles are equal ignoring case,
  hyphens and spaces or one is the other plus 'of ...', 'to ...' or 'for ...' ('Secretary-General' =
  'Secretary-General of NATO'), and the names agree: same surname and, when both have a first name, the same
  first initial ('Joe Biden' = 'Joseph R. Biden, Jr.');
- transfers: (supplier, recipient, weapon) triples, per document, as sets, organisations counted as their
  state and weapons as above (status is reported, not scored);
- persons: the gold officials' names against the Person entities the text mentions, per document, one-to-one by
  the same name rule (a person named without a title is a false positive: gold lists titled persons only);
- claims (only documents whose gold line has ``claims``): same speaker and the texts overlap (one contains
  the other, or word-set Jaccard >= 0.5), one-to-one;
- claim speakers (the same documents): the speakers of the gold's claims against the speakers of the extracted
  claims, per document, as sets (the maintainers' claim target is on speakers: a speaker found in one sentence
  counts as found, a speaker the gold does not have is wrong however many sentences they get).
Counts are summed over documents (micro-averaged).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.gold import GoldDocument, read_gold
from armsgraph.loaders.text.loader import TextLoader
from armsgraph.schema.errors import GoldError
from armsgraph.schema.ids import slug

G = TypeVar("G")
F = TypeVar("F")

TYPES = ("countries", "weapons", "persons", "officials", "transfers", "claims", "claim speakers")
_SUFFIX = re.compile(r",?\s+(Jr\.?|Sr\.?|II|III|IV)$")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    documents: int = 0
    misses: list[str] = field(default_factory=list)
    """Human-readable false positives / negatives, for error analysis."""


def _name_key(name: str) -> tuple[str, str]:
    words = [w for w in slug(_SUFFIX.sub("", name)).split("-") if len(w) > 1 or name.isupper()]
    if not words:
        return "", ""
    return words[-1], words[0][0] if len(words) > 1 else ""


def same_person(a: str, b: str) -> bool:
    (sa, ia), (sb, ib) = _name_key(a), _name_key(b)
    return bool(sa) and sa == sb and (not ia or not ib or ia == ib)


def _title_key(title: str) -> str:
    return re.sub(r"[\s-]+", "", title.casefold())


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def same_claim_text(a: str, b: str) -> bool:
    na, nb = " ".join(sorted(_words(a))), " ".join(sorted(_words(b)))
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if " ".join(re.findall(r"\w+", a.casefold())) in " ".join(re.findall(r"\w+", b.casefold())) or \
            " ".join(re.findall(r"\w+", b.casefold())) in " ".join(re.findall(r"\w+", a.casefold())):
        return True
    return na == nb or len(wa & wb) / len(wa | wb) >= 0.5


@lru_cache(maxsize=1)
def _weapon_ids() -> dict[str, str]:
    """slug of every designation and variant in weapons.csv -> the canonical weapon id."""
    out: dict[str, str] = {}
    for entry in load().weapons.values():
        for name in (entry.designation, *entry.variants):
            out.setdefault(slug(name), entry.id)
    return out


def canonical_weapon(weapon_id: str) -> str:
    """'weapon:javelin' (a variant's slug) -> 'weapon:fgm-148-javelin' (the gazetteer's id)."""
    return _weapon_ids().get(weapon_id.partition(":")[2], weapon_id)


def canonical_actor(actor_id: str) -> str:
    """An organisation of a state counts as that state in a triple ('org:us-dod' = 'country:USA')."""
    return load().country_of(actor_id) or actor_id


def same_affiliation(a: str, b: str) -> bool:
    return a == b or canonical_actor(a) == canonical_actor(b)


def same_title(a: str, b: str) -> bool:
    """Equal ignoring case, spaces and hyphens, or one is the other plus 'of ...'/'to ...' or 'for ...'."""
    ka, kb = _title_key(a), _title_key(b)
    return ka == kb or ka.startswith(kb + "of") or kb.startswith(ka + "of") or ka.startswith(kb + "to") \
        or kb.startswith(ka + "to") or ka.startswith(kb + "for") or kb.startswith(ka + "for")


def _set_score(score: Score, gold: set[str], found: set[str], kind: str, doc: str, misses: list[str]) -> None:
    score.add(len(gold & found), len(found - gold), len(gold - found))
    misses.extend(f"{doc}: {kind} false positive {x}" for x in sorted(found - gold))
    misses.extend(f"{doc}: {kind} missed {x}" for x in sorted(gold - found))


def score_document(gold: GoldDocument, x: Extraction, ev: Evaluation) -> None:
    doc = gold.document
    names = {e.id: e.name for e in x.entities}
    # entities count when the text mentions them (a transfer's supplier may be implied: 'the Pentagon')
    _set_score(ev.scores["countries"], set(gold.countries),
               {e.id.partition(":")[2] for e in x.entities if e.type == "Country" and e.mentions}, "country", doc,
               ev.misses)
    _set_score(ev.scores["weapons"], {canonical_weapon(w) for w in gold.weapons},
               {e.id for e in x.entities if e.type == "WeaponSystem" and e.mentions}, "weapon", doc, ev.misses)

    def triple(supplier: str, recipient: str, weapon: str) -> str:
        return f"{canonical_actor(supplier)} -> {canonical_actor(recipient)}: {canonical_weapon(weapon)}"

    # a transfer of a category without a designation ('cluster munitions to Ukraine') is kept in the graph
    # against the category, but gold annotates named systems only: it is not scored
    categories = load().category_systems
    _set_score(ev.scores["transfers"], {triple(t.supplier, t.recipient, t.weapon) for t in gold.transfers},
               {triple(t.supplier, t.recipient, t.weapon) for t in x.transfers if t.weapon not in categories},
               "transfer", doc, ev.misses)
    # persons: the gold officials' names, one-to-one with the persons the text mentions
    _match_score(ev, "persons", "person", doc, list(dict.fromkeys(g.name for g in gold.officials)),
                 [e.name for e in x.entities if e.type == "Person" and e.mentions], same_person, str, str)
    # officials: one-to-one on (person, title, of)
    _match_score(ev, "officials", "official", doc, gold.officials,
                 [(names.get(p.person, p.person), p.title, p.of) for p in x.positions],
                 lambda g, f: same_affiliation(f[2], g.of) and same_title(f[1], g.title) and same_person(f[0], g.name),
                 lambda g: f"{g.name} ({g.title}, {g.of})", lambda f: f"{f[0]} ({f[1]}, {f[2]})")
    if gold.claims is not None:
        _match_score(ev, "claims", "claim", doc, gold.claims, list(x.claims),
                     lambda g, c: c.speaker == g.speaker and same_claim_text(c.text, g.text),
                     lambda g: f"{g.speaker}: {g.text[:60]}", lambda c: f"{c.speaker}: {c.text[:60]}")
        _set_score(ev.scores["claim speakers"], {g.speaker for g in gold.claims}, {c.speaker for c in x.claims},
                   "claim speaker", doc, ev.misses)


def _match_score(ev: Evaluation, type_: str, kind: str, doc: str, gold: Sequence[G], found: list[F],
                 same: Callable[[G, F], bool], show_gold: Callable[[G], str], show_found: Callable[[F], str]) -> None:
    """One-to-one matching: each gold item takes the first unmatched found item that is the same."""
    left = list(found)
    tp = 0
    for g in gold:
        hit = next((f for f in left if same(g, f)), None)
        if hit is None:
            ev.misses.append(f"{doc}: {kind} missed {show_gold(g)}")
        else:
            left.remove(hit)
            tp += 1
    ev.misses.extend(f"{doc}: {kind} false positive {show_found(f)}" for f in left)
    ev.scores[type_].add(tp, len(left), len(gold) - tp)


def cooccurrence_baseline(x: Extraction, text: str) -> set[str]:
    """The naive baseline the transfer rules are measured against, from the same entity mentions: a sentence
    naming a weapon system and two or more states is a transfer of each weapon from the first state named to
    the last other one. Triples as in scoring."""
    bounds = [m.end() for m in re.finditer(r"[.!?;]\s|\n", text)]

    def sentence(offset: int) -> int:
        return bisect.bisect_right(bounds, offset)

    actors: dict[int, list[tuple[int, str]]] = {}
    weapons: dict[int, set[str]] = {}
    for e in x.entities:
        for m in e.mentions:
            if e.type == "Country":
                actors.setdefault(sentence(m.start), []).append((m.start, e.id))
            elif e.type == "WeaponSystem":
                weapons.setdefault(sentence(m.start), set()).add(e.id)
    out: set[str] = set()
    for k, found in weapons.items():
        named = [a for _, a in sorted(actors.get(k, []))]
        if len(set(named)) >= 2:
            first, last = named[0], next(a for a in reversed(named) if a != named[0])
            out.update(f"{first} -> {last}: {w}" for w in found)
    return out


def evaluate(docs: Path, gold_path: Path) -> Evaluation:
    """Extract every gold document from ``docs`` and score it; GoldError for a bad gold file or missing doc.

    ``scores['transfers (co-occurrence baseline)']`` scores the naive baseline on the same documents.
    """
    loader = TextLoader()
    ev = Evaluation()
    baseline = ev.scores.setdefault("transfers (co-occurrence baseline)", Score())
    for gold in read_gold(gold_path):
        path = docs / gold.document
        if not path.is_file():
            raise GoldError(f"{gold_path.name}: document {gold.document} not found in {docs}")
        x, text = loader.extract(path)
        score_document(gold, x, ev)
        gold_triples = {f"{canonical_actor(t.supplier)} -> {canonical_actor(t.recipient)}: "
                        f"{canonical_weapon(t.weapon)}" for t in gold.transfers}
        found = cooccurrence_baseline(x, text)
        baseline.add(len(gold_triples & found), len(found - gold_triples), len(gold_triples - found))
        ev.documents += 1
    return ev

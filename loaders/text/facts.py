"""What the rule components have found in one document so far: entities with their mentions, the references to
actors and persons, persons, positions, claims, transfers and warnings.

The parsed document (``textdoc.TextDoc``) is read-only; each component reads it and this store, and adds its typed
facts here, so a later component sees an earlier one's results (claims see persons, transfers see claims) without
any component inheriting from another.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from armsgraph.loaders.text.extraction import ClaimFact, Entity, Mention, PositionFact, TransferFact
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.schema import Person, WeaponCategory

ENTITY_TYPES = {
    "country": "Country", "org": "Organization", "person": "Person", "weapon": "WeaponSystem",
    "category": "WeaponCategory", "treaty": "Treaty",
}
FIRST_PERSON = {"we", "i", "our", "us", "my", "we've", "i've"}


@dataclass
class Ref:
    """Something in the text that stands for an actor or person, at tokens [start, end)."""

    start: int
    end: int
    id: str
    kind: str  # name | demonym | capital | org | person | title | pronoun | first-person


@dataclass
class PersonInfo:
    id: str
    name: str
    surnames: set[str] = field(default_factory=set)
    titles: list[tuple[str, str]] = field(default_factory=list)  # (title, of)


class ClaimSpans:
    """The claims' spans by start, with the furthest end of those opening so far: which claim covers an offset or a
    span is a bisection (and a walk back over the claims that overlap it), not a scan of every claim per mention;
    a long document has thousands of claims and as many weapon mentions."""

    def __init__(self, claims: list[ClaimFact]) -> None:
        self.claims = claims
        self.order = sorted(range(len(claims)), key=lambda n: claims[n].start)
        self.starts = [claims[n].start for n in self.order]
        self.reach = list(itertools.accumulate((claims[n].end for n in self.order), max))

    def inside(self, offset: int) -> bool:
        """Whether some claim's span [start, end) holds the character ``offset``."""
        opened = bisect.bisect_right(self.starts, offset)
        return opened > 0 and self.reach[opened - 1] > offset

    def covering(self, start: int, end: int) -> ClaimFact | None:
        """The first claim, in the facts' order, whose span holds [start, end)."""
        i = bisect.bisect_right(self.starts, start) - 1
        found: list[int] = []
        while i >= 0 and self.reach[i] >= end:  # nothing opening earlier reaches ``end``: stop
            if self.claims[self.order[i]].end >= end:
                found.append(self.order[i])
            i -= 1
        return self.claims[min(found)] if found else None


class Facts:
    """The facts found in one document (mutable; the document itself is not)."""

    def __init__(self, doc: TextDoc) -> None:
        self.doc = doc
        self.entities: dict[str, Entity] = {}
        self.mention_keys: set[tuple[str, int]] = set()
        self.mention_index: list[tuple[int, str]] = []
        """(start in the cleaned text, entity id) of every mention, sorted: claims look up what they are about."""
        self.refs: list[Ref] = []
        self.ref_at: dict[int, Ref] = {}
        self.persons: dict[str, PersonInfo] = {}
        self.positions: dict[tuple[str, str, str], PositionFact] = {}
        self.transfers: dict[str, TransferFact] = {}
        self.claims: list[ClaimFact] = []
        self.warnings: list[str] = list(doc.warnings)
        self._claim_spans: tuple[tuple[int, int], ClaimSpans] | None = None

    def claim_spans(self) -> ClaimSpans:
        """The claims' spans for look-ups by offset (``ClaimSpans``), built again when the claims list is replaced or
        grows; the claims component has finished (sorted and cleaned them) before any transfer component asks."""
        key = (id(self.claims), len(self.claims))
        if self._claim_spans is None or self._claim_spans[0] != key:
            self._claim_spans = (key, ClaimSpans(self.claims))
        return self._claim_spans[1]

    def add_position(self, person: str, title: str, of: str, a: int, b: int, rule: str) -> bool:
        """The position (``person``, ``title``, ``of``) with its evidence, the tokens from ``a`` to ``b``
        (``TextDoc.token_span``), unless the document already gave it: whether it is new."""
        key = (person, title, of)
        if key in self.positions:
            return False
        self.positions[key] = PositionFact(person=person, title=title, of=of, evidence=self.doc.token_span(a, b),
                                           rule=rule)
        return True

    def add_entity(self, entity_id: str, start: int, end: int, rule: str, name: str | None = None) -> None:
        """A mention of ``entity_id`` at tokens [start, end); the entity is created on its first mention."""
        d = self.doc
        prefix = entity_id.partition(":")[0]
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = Entity(type=ENTITY_TYPES[prefix], id=entity_id, name=name or d.g.name_of(entity_id))
            if prefix == "weapon":
                weapon = next((w for w in d.g.weapons.values() if w.id == entity_id), None)
                if weapon is not None and weapon.category:
                    entity.category = WeaponCategory.id_of(key=weapon.category)
            if prefix == "org":
                org = d.g.org(entity_id)
                if org is not None:
                    entity.country, entity.kind = org.country, org.kind
            self.entities[entity_id] = entity
        s, e = d.chars(start, end)
        if (entity_id, s) not in self.mention_keys:
            self.mention_keys.add((entity_id, s))
            bisect.insort(self.mention_index, (s, entity_id))
            entity.mentions.append(Mention(text=d.text[s:e], start=s + d.base, end=e + d.base, rule=rule))

    def ensure_entity(self, entity_id: str) -> None:
        """An entity a fact names without a mention of its own (a speaker, a transfer's party)."""
        prefix = entity_id.partition(":")[0]
        if entity_id not in self.entities and prefix in ENTITY_TYPES:
            self.entities[entity_id] = Entity(type=ENTITY_TYPES[prefix], id=entity_id,
                                              name=self.doc.g.name_of(entity_id))

    def add_ref(self, ref: Ref) -> None:
        self.refs.append(ref)
        for i in range(ref.start, ref.end):
            self.ref_at[i] = ref

    # ---- references the components share ---------------------------------------------------------------

    def last_person_before(self, i: int) -> str | None:
        """The last person named before token i, in its sentence or the one before ('he' -> that person)."""
        d = self.doc
        sent = d.sent_of(i)
        k = bisect.bisect_right(d.sent_starts, sent.start) - 1
        start = d.sents[max(0, k - 1)].start
        for k in range(i - 1, start - 1, -1):
            ref = self.ref_at.get(k)
            if ref is not None and ref.kind == "person":
                return ref.id
        return None

    def affiliation_before(self, i: int) -> str | None:
        """'Russia's ambassador', 'UN Secretary-General', 'German Chancellor': the actor right before token i."""
        j = i - 1
        if j >= 0 and self.doc.words[j] in ("’s", "'s"):
            j -= 1
        ref = self.ref_at.get(j)
        if ref is not None and ref.kind in ("name", "demonym", "capital", "org"):
            return ref.id
        return None

    def resolve_title(self, title: str) -> str | None:
        """'the ambassador' -> the person in this document holding that title; 'the minister' -> the one holding a
        title that ends with it ('Defense Minister')."""
        for person in self.persons.values():
            if any(t == title or t.startswith(title) for t, _ in person.titles):
                return person.id
        holders = {person.id for person in self.persons.values()
                   if any(t.lower().endswith(" " + title.lower()) for t, _ in person.titles)}
        return holders.pop() if len(holders) == 1 else None

    def office_holder(self, ref: Ref) -> str | None:
        """'the President' in a text published by a state's own office ('The White House' -> USA): the person who
        held that office of that state on the document's date (``data/office_terms.csv``); not 'the President of
        Poland', not 'the Polish President', not without a date."""
        d = self.doc
        if d.home is None or d.anchor is None or ref.kind != "title":
            return None
        if ref.start == 0 or d.lower[ref.start - 1] != "the" or self.affiliation_before(ref.start) is not None:
            return None
        if ref.end < len(d.lower) and d.lower[ref.end] in ("of", "’s", "'s"):
            return None
        holders = d.g.holders(ref.id.partition(":")[2], d.home, d.anchor)
        return Person.id_of(name=holders.pop()) if len(holders) == 1 else None

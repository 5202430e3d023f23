"""The document being read: its cleaned text, spaCy doc, token arrays, offsets and the entities found.

The rule modules (persons, claims, transfers) build on this state; ``extract.Extractor`` runs them in order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.dates import parse_iso
from armsgraph.loaders.text.designations import Designation, calibres, designations
from armsgraph.loaders.text.extraction import (
    ClaimFact,
    Entity,
    Mention,
    PositionFact,
    TransferFact,
)
from armsgraph.loaders.text.extraction import Span as TextSpan
from armsgraph.loaders.text.gazetteer import Gazetteer, load
from armsgraph.loaders.text.misspelled import misspelled_states
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.speakers import author_of
from armsgraph.loaders.text.syntax import Parse, parse
from armsgraph.schema import Country, WeaponCategory

ENTITY_TYPES = {
    "country": "Country", "org": "Organization", "person": "Person", "weapon": "WeaponSystem",
    "category": "WeaponCategory", "treaty": "Treaty",
}
ACTOR_LABELS = {"COUNTRY": "name", "DEMONYM": "demonym", "CAPITAL": "capital", "ORG": "org"}
FIRST_PERSON = {"we", "i", "our", "us", "my", "we've", "i've"}
PRONOUNS = {"he", "she"}


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


class TextDoc:
    """One document's text and everything the rules have found in it so far."""
    """One document's extraction; construct, then call :meth:`run`."""

    def __init__(self, text: str, document: dict[str, object], base_offset: int = 0) -> None:
        self.g: Gazetteer = load()
        self.text = text
        self.document = document
        self.base = base_offset
        self.clean = clean(text)
        self.doc: Doc = nlp()(self.clean)
        self.off: list[int] = self.doc.user_data["offsets"]
        self.syntax: Parse | None = parse(self.doc, self._sentences_to_parse())
        """The trained pipeline's parse of the sentences that can hold a transfer or a claim (None: rule-only)."""
        self.designations: dict[int, Designation] = {}
        self.misspelled: set[int] = set()
        self._add_entities_from_shape()
        doc_date = document.get("date")
        self.anchor: date | None = parse_iso(doc_date if isinstance(doc_date, str) else None)
        publisher = str(document.get("publisher") or "").lower()
        home = self.g.publishers.get(publisher)
        self.home: str | None = Country.id_of(iso3=home[0]) if home and home[0] else None
        title = str(document.get("title") or "")
        # in a joint statement 'we' is several governments: first person resolves to nobody
        self.first_person: str | None = None if re.search(r"\bjoint\b", title, re.I) else self.home
        # 'Statement by Press Secretary Jen Psaki': who 'I' is in the body
        self.author: str | None = None if self.first_person is None else author_of(
            title, self.g.author_titles, lambda t: nlp()(clean(t)))
        self.words: list[str] = [t.text for t in self.doc]
        self.lower: list[str] = [w.lower() for w in self.words]
        self.ent_types: list[str] = [t.ent_type_ for t in self.doc]
        self.sents: list[Span] = list(self.doc.sents)
        self.sent_starts: list[int] = [sent.start for sent in self.sents]
        self.ent_starts: dict[int, Span] = {ent.start: ent for ent in self.doc.ents}
        self.weapon_ents: list[Span] = [ent for ent in self.doc.ents if ent.label_ in ("WEAPON", "CATEGORY")]
        self.weapon_starts: list[int] = [ent.start for ent in self.weapon_ents]
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
        self.warnings: list[str] = []
        language = str(document.get("language") or "en").lower()
        if not language.startswith("en"):
            self.warnings.append(f"language {language!r}: the rules and gazetteers are English; expect little")

    def _sentences_to_parse(self) -> list[tuple[int, int]]:
        """Sentences with a weapon mention or a weapon noun (designations), a speech verb or a package word: the
        others hold no transfer or claim the parse reads, and parsing is most of the cost."""
        g = self.g
        wanted: list[tuple[int, int]] = []
        weapon_tokens = {i for ent in self.doc.ents if ent.label_ in ("WEAPON", "CATEGORY")
                         for i in range(ent.start, ent.end)}
        for sent in self.doc.sents:
            if sent.end - sent.start > 400:
                continue  # not read for transfers or claims
            for tok in sent:
                low = tok.lower_
                if tok.i in weapon_tokens or low in g.speech_verbs or low in g.weapon_nouns or (
                        low in g.aid_words and g.aid_words[low] == "package"):
                    wanted.append((sent.start, sent.end))
                    break
        return wanted

    def _add_entities_from_shape(self) -> None:
        """Weapon systems the gazetteer lacks (a designation before a weapon noun) and states named with a typo
        become WEAPON and COUNTRY entities beside the gazetteer's."""
        ents = list(self.doc.ents)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        words = [t.text for t in self.doc]
        firsts = [s.start for s in self.doc.sents]
        names = frozenset(i for ent in ents if ent.label_ in ("WEAPON", "CATEGORY", "TITLE", "PERSON")
                          for i in range(ent.start, ent.end))
        found = designations(words, firsts, taken, self.g, self.syntax, names)
        found += calibres(words, taken | {i for d in found for i in range(d.start, d.end)}, self.g)
        for d in found:
            ents.append(Span(self.doc, d.start, d.end, label="WEAPON", span_id=d.weapon_id))
            taken.update(range(d.start, d.end))
            self.designations[d.start] = d
        typos = misspelled_states(words, firsts, taken, self.syntax)
        for m in typos:
            ents.append(Span(self.doc, m.start, m.end, label="COUNTRY", span_id=m.country_id))
            self.misspelled.add(m.start)
        if found or typos:
            self.doc.ents = sorted(ents, key=lambda e: e.start)

    # ---- offsets -------------------------------------------------------------------------------------

    def cstart(self, i: int) -> int:
        return self.off[i] if i < len(self.off) else len(self.clean)

    def cend(self, i: int) -> int:
        """Character end of token i."""
        return self.off[i] + len(self.words[i])

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character span of tokens [start, end)."""
        return self.cstart(start), self.cend(end - 1)

    def span(self, start_char: int, end_char: int) -> TextSpan:
        return TextSpan(text=self.text[start_char:end_char], start=start_char + self.base, end=end_char + self.base)

    def token_span(self, start: int, end: int) -> TextSpan:
        return self.span(*self.chars(start, end))

    # ---- entities ------------------------------------------------------------------------------------

    def add_entity(self, entity_id: str, start: int, end: int, rule: str, name: str | None = None) -> None:
        prefix = entity_id.partition(":")[0]
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = Entity(type=ENTITY_TYPES[prefix], id=entity_id, name=name or self.g.name_of(entity_id))
            if prefix == "weapon":
                weapon = next((w for w in self.g.weapons.values() if w.id == entity_id), None)
                if weapon is not None and weapon.category:
                    entity.category = WeaponCategory.id_of(key=weapon.category)
            if prefix == "org":
                org = self.g.org(entity_id)
                if org is not None:
                    entity.country, entity.kind = org.country, org.kind
            self.entities[entity_id] = entity
        s, e = self.chars(start, end)
        if (entity_id, s) not in self.mention_keys:
            self.mention_keys.add((entity_id, s))
            bisect.insort(self.mention_index, (s, entity_id))
            entity.mentions.append(Mention(text=self.text[s:e], start=s + self.base, end=e + self.base, rule=rule))

    def _state_in_org_name(self, org_id: str, ent: Span) -> None:
        """'Russian Defense Ministry', 'U.S. Department of State' also name the state."""
        org = self.g.org(org_id)
        country = self.g.countries.get(org.country or "") if org else None
        if country is None:
            return
        words = set(country.names) | set(country.demonyms)
        for i in range(ent.start, ent.end):
            if self.words[i] in words:
                self.add_entity(country.id, i, i + 1, "country:in-organisation-name")
                return

    def add_ref(self, ref: Ref) -> None:
        self.refs.append(ref)
        for i in range(ref.start, ref.end):
            self.ref_at[i] = ref

    def gazetteer_entities(self) -> None:
        for ent in self.doc.ents:
            label, ident = ent.label_, ent.ent_id_
            if label in ACTOR_LABELS:
                rule = "country:fuzzy" if ent.start in self.misspelled else \
                    f"{ident.partition(':')[0]}:{ACTOR_LABELS[label]}"
                self.add_entity(ident, ent.start, ent.end, rule)
                self.add_ref(Ref(ent.start, ent.end, ident, ACTOR_LABELS[label]))
                if label == "ORG":
                    self._state_in_org_name(ident, ent)
            elif ent.start in self.designations:
                d = self.designations[ent.start]
                self.add_entity(ident, ent.start, ent.end, "weapon:designation",
                                name=None if self.g.name_of(ident) != ident.partition(":")[2] else d.designation)
            elif label in ("WEAPON", "CATEGORY", "TREATY"):
                self.add_entity(ident, ent.start, ent.end, f"{label.lower()}:gazetteer")
        for i, low in enumerate(self.lower):
            if low in FIRST_PERSON and i not in self.ref_at and self.first_person:
                self.add_ref(Ref(i, i + 1, self.first_person, "first-person"))
            elif low in PRONOUNS:
                self.add_ref(Ref(i, i + 1, "", "pronoun"))

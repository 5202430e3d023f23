"""The document being read, parsed once and then read-only: cleaned text, spaCy doc, token arrays, sentences,
the trained pipeline's parse, offsets and the entity mentions (gazetteer, designations, typos).

The rule components (``entities``, ``persons``, ``claims``, ``transfers``) read it and write their typed facts to
``facts.Facts``; ``extract.PIPELINE`` composes them. No component changes a ``TextDoc``: it refuses assignment once
built, so a component can be run and tested on its own over the same document.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from spacy.tokens import Doc, Span

from armsgraph.loaders.text.anaphora import system_anaphors
from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.dates import DateMention, find_dates, parse_iso
from armsgraph.loaders.text.designations import Designation, calibres, designations
from armsgraph.loaders.text.extraction import Span as TextSpan
from armsgraph.loaders.text.gazetteer import Gazetteer, load
from armsgraph.loaders.text.misspelled import misspelled_states
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.speakers import author_by_office, author_named, author_of
from armsgraph.loaders.text.syntax import Parse, parse
from armsgraph.loaders.text.transfer_words import syntax_words
from armsgraph.loaders.text.weapon_anaphors import anaphors
from armsgraph.schema import Country, WeaponCategory


class TextDoc:
    """One document's text, parsed once; read-only once built (the rule components write to ``Facts``)."""

    _frozen = False

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
        self.generic: set[int] = set()
        """Starts of generic category nouns ('tanks'), CATEGORY entities of ``category_nouns.csv``."""
        self.anaphors: set[int] = set()
        """Starts of a system named again by a demonstrative and its category ('this battle tank')."""
        self.words: list[str] = [t.text for t in self.doc]
        self.lower: list[str] = [w.lower() for w in self.words]
        self._add_entities_from_shape()
        doc_date = document.get("date")
        self.anchor: date | None = parse_iso(doc_date if isinstance(doc_date, str) else None)
        publisher = str(document.get("publisher") or "").lower()
        home = self.g.publishers.get(publisher)
        self.home: str | None = Country.id_of(iso3=home[0]) if home and home[0] else None
        # a publisher that speaks for its state (publishers.csv 'speaker': a government office, not RT or TASS)
        self.speaks_for_home: bool = bool(home and home[1])
        title = str(document.get("title") or "")
        # in a joint statement 'we' is several governments: first person resolves to nobody
        self.first_person: str | None = None if re.search(r"\bjoint\b", title, re.I) else self.home
        # 'Statement by Press Secretary Jen Psaki': who 'I' is in the body
        # ... or the metadata's author field (front matter 'author: Jake Sullivan'), whoever publishes
        named = document.get("author")
        by_metadata = author_named(named, lambda t: nlp()(clean(t))) if isinstance(named, str) else None
        self.author: str | None = by_metadata or (None if self.first_person is None else (
            author_of(title, self.g.author_titles, lambda t: nlp()(clean(t)), self.g)
            or author_by_office(title, self.g.author_titles, self.g.office_terms, self.home, self.anchor)))
        self.ent_types: list[str] = [t.ent_type_ for t in self.doc]
        self.sents: list[Span] = list(self.doc.sents)
        self.sent_starts: list[int] = [sent.start for sent in self.sents]
        self.ent_starts: dict[int, Span] = {ent.start: ent for ent in self.doc.ents}
        self.weapon_ents: list[Span] = [ent for ent in self.doc.ents if ent.label_ in ("WEAPON", "CATEGORY")]
        self.weapon_starts: list[int] = [ent.start for ent in self.weapon_ents]
        self.warnings: tuple[str, ...] = ()
        """Problems of the document itself (its language); the rules' own warnings are ``Facts.warnings``."""
        language = str(document.get("language") or "en").lower()
        if not language.startswith("en"):
            self.warnings = (f"language {language!r}: the rules and gazetteers are English; expect little",)
        self._frozen = True

    def __setattr__(self, name: str, value: object) -> None:
        if self._frozen:
            raise AttributeError(f"TextDoc is read-only once parsed (tried to set {name!r})")
        object.__setattr__(self, name, value)

    def _sentences_to_parse(self) -> list[tuple[int, int]]:
        """Sentences with a weapon mention or a weapon noun (designations), a speech verb or a package word, and a
        first sentence with a backer or visit word (the implicit recipient, ``Recipients.only_other_state``): the others
        hold no transfer or claim the parse reads, and parsing is most of the cost."""
        g = self.g
        wanted: list[tuple[int, int]] = []
        weapon_tokens = {i for ent in self.doc.ents if ent.label_ in ("WEAPON", "CATEGORY")
                         for i in range(ent.start, ent.end)}
        first_words = syntax_words()["backer"] | syntax_words()["visit"]
        for n, sent in enumerate(self.doc.sents):
            if sent.end - sent.start > 400:
                continue  # not read for transfers or claims
            for tok in sent:
                low = tok.lower_
                if tok.i in weapon_tokens or low in g.speech_verbs or low in g.weapon_nouns or (
                        low in g.aid_words and g.aid_words[low] == "package") or (n == 0 and low in first_words):
                    wanted.append((sent.start, sent.end))
                    break
        return wanted

    def _add_entities_from_shape(self) -> None:
        """Weapon systems the gazetteer lacks (a designation before a weapon noun) and states named with a typo
        become WEAPON and COUNTRY entities beside the gazetteer's."""
        ents = list(self.doc.ents)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        words, lower = self.words, self.lower
        firsts = [s.start for s in self.doc.sents]
        names = frozenset(i for ent in ents if ent.label_ in ("WEAPON", "CATEGORY", "TITLE", "PERSON")
                          for i in range(ent.start, ent.end))
        categories = frozenset(i for ent in ents if ent.label_ == "CATEGORY" for i in range(ent.start, ent.end))
        titles = frozenset(ent.start for ent in ents if ent.label_ == "TITLE" and ent.end == ent.start + 1)
        listed = {ent.start: ent.ent_id_ for ent in ents if ent.label_ == "WEAPON"}
        found = designations(words, firsts, taken, self.g, self.syntax, names, categories, titles, listed)
        named = {i for d in found for i in range(d.start, d.end)}
        ents = [ent for ent in ents if not (ent.label_ == "TITLE" and ent.start in named)]  # 'Senator' the vehicle
        found += calibres(words, taken | named, self.g)
        for d in found:
            ents.append(Span(self.doc, d.start, d.end, label="WEAPON", span_id=d.weapon_id))
            taken.update(range(d.start, d.end))
            self.designations[d.start] = d
        systems = [(e.start, e.ent_id_) for e in sorted(ents, key=lambda e: e.start) if e.label_ == "WEAPON"]
        sent_of = [0] * len(words)
        for number, sent in enumerate(self.doc.sents):
            sent_of[sent.start:sent.end] = [number] * (sent.end - sent.start)
        category_of = {e.id: e.category for e in self.g.weapons.values()}
        demonyms = frozenset(i for e in ents if e.label_ == "DEMONYM" for i in range(e.start, e.end))
        marks = frozenset() if self.syntax is None else frozenset(
            i for i in range(len(words)) if self.syntax.dep[i] == "mark")
        again = anaphors(lower, sent_of, taken, systems, category_of, self.g.category_nouns,
                         demonyms, marks)
        for a in again:
            ents.append(Span(self.doc, a.start, a.end, label="WEAPON", span_id=a.weapon_id))
            taken.update(range(a.start, a.end))
            self.anaphors.add(a.start)
        resolved = system_anaphors(lower, ents, taken, sent_of, category_of, self.g, self.syntax)
        for r in resolved:
            ents.append(Span(self.doc, r.start, r.end, label="WEAPON", span_id=r.weapon_id))
            self.anaphors.add(r.start)
        typos = misspelled_states(words, firsts, taken, self.syntax)
        for m in typos:
            ents.append(Span(self.doc, m.start, m.end, label="COUNTRY", span_id=m.country_id))
            self.misspelled.add(m.start)
        generic = self._generic_categories(taken, names | {i for d in found for i in range(d.start, d.end)})
        for start, end, key in generic:
            ents.append(Span(self.doc, start, end, label="CATEGORY", span_id=WeaponCategory.id_of(key=key)))
            self.generic.add(start)
        if found or typos or generic or again or resolved:
            self.doc.ents = sorted(ents, key=lambda e: e.start)

    def _generic_categories(self, taken: set[int], weapons: frozenset[int] | set[int]) -> list[tuple[int, int, str]]:
        """Generic plural nouns of a weapon category ('tanks', 'fighter jets', 'air defense systems'), longest first,
        that no name covers and that follow no weapon or designation ('Leopard 2 tanks' is the named system):
        a transfer of one is recorded against the category (``category_nouns.csv``)."""
        nouns = self.g.category_nouns
        longest = max((len(k) for k in nouns), default=0)
        lower = self.lower
        firsts = {key[0] for key in nouns if key}  # most words open no noun: skip them before building any slice
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(lower):
            hit = None if lower[i] not in firsts else next(
                ((n, nouns[tuple(lower[i:i + n])]) for n in range(min(longest, len(lower) - i), 0, -1)
                 if tuple(lower[i:i + n]) in nouns), None)
            if hit is None or any(k in taken for k in range(i, i + hit[0])):
                i += 1
                continue
            n, key = hit
            before = self.doc[i - 1] if i > 0 else None
            named_before = before is not None and (
                before.i in weapons or (any(c.isdigit() for c in before.text) and before.text.isupper()))
            after = lower[i + n] if i + n < len(lower) else ""
            if not named_before and not (after and after in self.g.weapon_nouns):
                out.append((i, i + n, key))
            i += n
        return out

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

    def tok_index(self, char: int) -> int:
        """Index of the first token starting at or after ``char`` (in the cleaned text)."""
        return bisect.bisect_left(self.off, char)

    def sent_index(self, i: int) -> int:
        """The number of the sentence holding token i (an index of ``sents``), by bisection."""
        return max(bisect.bisect_right(self.sent_starts, min(i, len(self.doc) - 1)) - 1, 0)

    def sent_of(self, i: int) -> Span:
        """The sentence holding token i."""
        return self.sents[self.sent_index(i)]

    def date_in(self, start: int, end: int) -> tuple[str | None, str | None]:
        """(ISO date, its words) of the first date expression in tokens [start, end), else the document's date."""
        s, e = self.chars(start, end)
        dates: list[DateMention] = find_dates(self.clean[s:e], self.anchor, s)
        for d in dates:
            if d.value:
                return d.value, d.text
        return (str(self.document["date"]) if self.document.get("date") else None), None

    def ent_at(self, i: int, labels: tuple[str, ...]) -> Span | None:
        """The entity starting at token i if its label is one of ``labels``."""
        ent = self.ent_starts.get(i)
        return ent if ent is not None and ent.label_ in labels else None

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b touch in the original text (no whitespace between)."""
        return self.cend(a) == self.cstart(b)

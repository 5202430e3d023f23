"""Officials and their positions: titles next to capitalised names, known officials, later surnames."""

from __future__ import annotations

import re

from spacy.tokens import Span

from armsgraph.loaders.text.extraction import PositionFact
from armsgraph.loaders.text.textdoc import PersonInfo, Ref, TextDoc
from armsgraph.schema import Person

NAME_STOP = {"The", "A", "An", "On", "In", "At", "Today", "This", "That", "And", "But", "For", "To", "Of", "As",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr.", "Ms.", "Mrs."}
RANKS = {"General", "Gen.", "Admiral", "Adm.", "Lieutenant", "Lt.", "Colonel", "Col.", "Major", "Maj.", "Captain",
         "Capt.", "Sergeant", "Dr.", "Doctor"}
SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
TITLE_PREFIXES = {"Deputy", "Assistant", "Acting", "Under", "Principal"}
"""A word before a title that makes it another office of the same body ('Deputy National Security Advisor')."""
_NAME_WORD = re.compile(r"[^\W\d_a-z][^\W\d_A-Z'’]+(?:[A-Z][^\W\d_A-Z]+)?|[A-Z]\.|[A-Z]{2}")


def _drop_initials(name: str) -> str:
    """'Lloyd J. Austin' -> 'Lloyd Austin' (a first initial stays: 'J. D. Vance' keeps its shape)."""
    words = name.split()
    if len(words) <= 2:
        return name
    kept = [words[0], *[w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.", w)], words[-1]]
    return " ".join(kept)


class PersonRules(TextDoc):
    """Persons, their positions and the references to them ('the ambassador', 'Antonov')."""

    # ---- persons and positions ---------------------------------------------------------------------

    def _ent_at(self, i: int, labels: tuple[str, ...]) -> Span | None:
        ent = self.ent_starts.get(i)
        return ent if ent is not None and ent.label_ in labels else None

    def _adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b touch in the original text (no whitespace between)."""
        return self.cend(a) == self.cstart(b)

    def _name_tokens(self, i: int) -> tuple[int, int] | None:
        """A capitalised personal name starting at token i: [i, j) or None."""
        ent = self._ent_at(i, ("PERSON", "SURNAME"))
        if ent is not None:
            j = ent.end
            while j < len(self.doc) and self.words[j] in SUFFIXES | {","} and j + 1 <= len(self.doc):
                if self.words[j] == "," and not (j + 1 < len(self.doc) and self.words[j + 1] in SUFFIXES):
                    break
                j += 1
            return ent.start, j
        while i < len(self.doc) and self.words[i] in RANKS:
            i += 1
        j = i
        words = 0
        while j < len(self.doc):
            word, ent_type = self.words[j], self.ent_types[j]
            if ent_type and ent_type not in ("PERSON", "SURNAME"):
                break
            if word in NAME_STOP:
                break
            if _NAME_WORD.fullmatch(word):
                words += 1
                j += 1
            elif word == "-" and words and j + 1 < len(self.doc) and self._adjacent(j - 1, j) \
                    and self._adjacent(j, j + 1) and self.words[j + 1].istitle():
                j += 1
            else:
                break
        if words == 0 or words > 4:
            return None
        if self.words[j - 1].endswith(".") and len(self.words[j - 1]) == 2:
            return None
        return i, j

    def _name_text(self, start: int, end: int) -> str:
        words = [t.text for t in self.doc[start:end] if t.text not in SUFFIXES and t.text != ","]
        text = ""
        for k, w in enumerate(words):
            text += w if (k == 0 or w == "-" or (k > 0 and words[k - 1] == "-")) else " " + w
        return text

    def _known_official(self, name: str, title: str | None = None) -> tuple[str, str, str] | None:
        """(canonical name, title, of) of a gazetteer official whose name or alias is ``name``.

        Middle initials do not count: 'Lloyd J. Austin' is 'Lloyd Austin'.
        """
        plain = _drop_initials(name)
        found = [o for o in self.g.officials
                 if name == o.name or name in o.aliases or plain == o.name or plain in o.aliases]
        if len(found) > 1 and title:
            # 'Speaker Johnson' is not 'Prime Minister Johnson'
            found = [o for o in found if o.title == title or o.title.startswith(title)] or found
        if len(found) > 1:
            exact = [o for o in found if o.name in (name, plain)]
            found = exact if len(exact) == 1 else []
        return (found[0].name, found[0].title, found[0].of) if found else None

    def _affiliation_before(self, i: int) -> str | None:
        """'Russia's ambassador', 'UN Secretary-General', 'German Chancellor': the actor right before token i."""
        j = i - 1
        if j >= 0 and self.words[j] in ("’s", "'s"):
            j -= 1
        ref = self.ref_at.get(j)
        if ref is not None and ref.kind in ("name", "demonym", "capital", "org"):
            return ref.id
        return None

    def _affiliation_of(self, i: int) -> tuple[str | None, int]:
        """'... of Ukraine', '... of the United Nations' at token i: (actor, token after it)."""
        if i < len(self.doc) and self.lower[i] == "of":
            j = i + 1
            if j < len(self.doc) and self.lower[j] == "the" and j + 1 not in self.ref_at:
                j += 1
            ref = self.ref_at.get(j)
            if ref is not None and ref.kind in ("name", "org", "capital"):
                return ref.id, ref.end
        return None, i

    def _full_title(self, title: str, of: str) -> str:
        """The title as the graph stores it: 'Ambassador of Russia to the United States',
        'Secretary-General of the United Nations' (the curated seed's convention); other titles stay bare."""
        if title.startswith("Ambassador to ") and of.startswith("country:"):
            return f"Ambassador of {self.g.name_with_article(of)} to {title[len('Ambassador to '):]}"
        if title in ("Secretary-General", "Director General") and of.startswith("org:"):
            return f"{title} of {self.g.name_with_article(of)}"
        return title

    def _register_person(self, name: str, start: int, end: int, rule: str, title: str | None = None) -> PersonInfo:
        known = self._known_official(name, title)
        surname = name.split()[-1] if name.split() else name
        if known is None:
            # a bare surname seen before in this document is that person
            for person in self.persons.values():
                if name in person.surnames or name == person.name:
                    known = (person.name, "", "")
                    break
        canonical = known[0] if known else _drop_initials(name)
        person_id = Person.id_of(name=canonical)
        info = self.persons.setdefault(person_id, PersonInfo(person_id, canonical))
        info.surnames.add(surname)
        info.surnames.add(canonical.split()[-1])
        self.add_entity(person_id, start, end, rule, name=canonical)
        self.add_ref(Ref(start, end, person_id, "person"))
        return info

    def _title_complement(self, j: int) -> int | None:
        """End of a 'for <Capitalised Words>' complement of a title at token j, before the name that follows it.

        The complement is the capitalised run after 'for' ('Political Affairs', 'Ukraine’s Economic Recovery')
        minus its last two words when no comma ends it (those are the name); None when there is no such run.
        """
        if j >= len(self.doc) or self.lower[j] != "for":
            return None
        k = j + 1
        caps: list[int] = []
        while k < len(self.doc):
            word = self.words[k]
            if word[:1].isupper() and _NAME_WORD.fullmatch(word) and self.ent_types[k] not in ("TITLE",):
                caps.append(k)
            elif word not in ("’s", "'s", "of", "and", "the", "-") or not caps:
                break
            k += 1
        if not caps:
            return None
        if k < len(self.doc) and self.words[k] == "," and self._name_tokens(k + 1) is not None:
            return caps[-1] + 1  # 'Special Envoy for Ukraine, Penny Pritzker': the name follows the comma
        person = next((m for m in caps if self.ent_types[m] == "PERSON"), None)
        end = person if person is not None else (caps[-2] if len(caps) >= 3 else None)
        return end if end is not None and end > j + 1 else None

    def _position(self, info: PersonInfo, title: str, of: str | None, title_span: tuple[int, int],
                  name_span: tuple[int, int], rule: str, base: str | None = None) -> None:
        known = self._known_official(info.name, title)
        if title == "Secretary":
            # 'Secretary Austin': which department only the gazetteer knows
            if known is None or not known[1].startswith("Secretary"):
                return
            title = known[1]
        if of is None and known and (known[1] == title or known[1].startswith(title)):
            of = known[2]
        entry = self.g.titles.get(base or title.split(" to ")[0])
        if of is None and entry is not None and entry.default_of:
            of = entry.default_of
        if of is None:
            earlier = [o for t, o in info.titles if t == title]
            of = earlier[0] if earlier else None
        if of is None and self.home and entry is not None and (
                not entry.countries or self.home[-3:] in entry.countries):
            of = self.home
        if of is None:
            return
        title = self._full_title(title, of)
        info.titles.append((title, of))
        a = min(title_span[0], name_span[0])
        b = max(title_span[1], name_span[1])
        key = (info.id, title, of)
        if key not in self.positions:
            self.positions[key] = PositionFact(person=info.id, title=title, of=of, evidence=self.token_span(a, b),
                                               rule=rule)

    def persons_and_positions(self) -> None:
        doc = self.doc
        # known officials first, so that titles before or after them find them
        registered: dict[int, PersonInfo] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                registered[ent.start] = self._register_person(self._name_text(ent.start, ent.end), ent.start,
                                                              ent.end, "person:gazetteer")
        used: set[int] = set(registered)
        for ent in list(doc.ents):
            if ent.label_ != "TITLE":
                continue
            title = base = ent.ent_id_
            title_start = ent.start
            prefix = self.words[ent.start - 1] if ent.start > 0 and not self.ent_types[ent.start - 1] else ""
            if prefix in TITLE_PREFIXES and (prefix != "Under" or title.startswith("Secretary")):
                # 'Deputy National Security Advisor', 'Under Secretary of State': a rank of the same office
                title_start = ent.start - 1
                title = f"{self.words[title_start]} {title}"
            of = self._affiliation_before(title_start)
            j = ent.end
            if title == "Ambassador" and j + 1 < len(doc) and doc[j].lower_ == "to":
                ref = self.ref_at.get(j + 1) or self.ref_at.get(j + 2)
                if ref is not None and ref.id.startswith("country:"):
                    title = f"Ambassador to {self.g.name_with_article(ref.id)}"
                    j = ref.end
            of_after, j2 = self._affiliation_of(j)
            if of_after and of is None:
                of, j = of_after, j2
            rule = "position:title-name"
            complement = self._title_complement(j)
            if complement is not None:
                # 'Special Representative for Ukraine’s Economic Recovery Penny Pritzker'
                title = f"{title} {' '.join(self.clean[self.cstart(j):self.cend(complement - 1)].split())}"
                j = complement
            name = self._name_tokens(j)
            governed = ent.start >= 2 and self.lower[ent.start - 1] == "the" and self.lower[ent.start - 2] in (
                "to", "of", "for")
            if name is None and j < len(doc) and self.words[j] == "," and not governed:
                name = self._name_tokens(j + 1)
                rule = "position:title-appositive"
            if name is None and ent.start >= 2 and doc[ent.start - 1].text == ",":
                # 'Anatoly Antonov, Russia's ambassador' : name before the comma (known or capitalised)
                k = ent.start - 1
                while (k > 0 and doc[k - 1].text in ("’s", "'s")) or (k > 0 and (k - 1) in self.ref_at
                                                                    and self.ref_at[k - 1].kind != "person"):
                    k = self.ref_at[k - 1].start if (k - 1) in self.ref_at else k - 1
                    if k <= 0:
                        break
                back = self.ref_at.get(k - 2) if k >= 2 else None
                if back is not None and back.kind == "person":
                    self._position(self.persons[back.id], title, of, (ent.start, ent.end), (back.start, back.end),
                                   "position:name-appositive")
                continue
            if name is None:
                self.add_ref(Ref(ent.start, ent.end, f"title:{title}", "title"))
                continue
            if name[0] in registered:
                info = registered[name[0]]
            else:
                text = self._name_text(*name)
                info = self._register_person(text, name[0], name[1], "person:" + rule.partition(":")[2], title)
                registered[name[0]] = info
            used.add(name[0])
            of_name, _ = self._affiliation_of(name[1])
            self._position(info, title, of or of_name, (title_start, j), name, rule, base=base)
        # later bare surnames of people already seen
        surnames = {name: person for person in self.persons.values() for name in person.surnames}
        for i, word in enumerate(self.words):
            if i in used or i in self.ref_at or word not in surnames:
                continue
            person = surnames[word]
            self.add_entity(person.id, i, i + 1, "person:surname")
            self.add_ref(Ref(i, i + 1, person.id, "person"))

    def resolve_title(self, title: str) -> str | None:
        """'the ambassador' -> the person in this document holding that title."""
        for person in self.persons.values():
            if any(t == title or t.startswith(title) for t, _ in person.titles):
                return person.id
        return None

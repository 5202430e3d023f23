"""Document text -> :class:`Extraction`: entities, officials' positions, transfers and attributed claims.

Rules, in order: the EntityRuler marks gazetteer names (countries, capitals, demonyms, organisations,
weapons, treaties, titles, known officials); a title followed or preceded by a capitalised name makes a
person with a position; quotations and speech verbs make claims with a speaker; transfer verbs with a
supplier, a recipient and a weapon in the same clause make transfers, unless the clause is negated,
hypothetical, a deployment of one's own forces or a use of weapons. Each fact names its rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.dates import DateMention, find_dates, parse_iso
from armsgraph.loaders.text.extraction import (
    ClaimFact,
    Entity,
    Extraction,
    Mention,
    PositionFact,
    TransferFact,
)
from armsgraph.loaders.text.extraction import Span as TextSpan
from armsgraph.loaders.text.gazetteer import Gazetteer, load
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.schema.ids import digest, slug

ENTITY_TYPES = {
    "country": "Country", "org": "Organization", "person": "Person", "weapon": "WeaponSystem",
    "category": "WeaponCategory", "treaty": "Treaty",
}
ACTOR_LABELS = {"COUNTRY": "name", "DEMONYM": "demonym", "CAPITAL": "capital", "ORG": "org"}
STAGE_ORDER = ("requested", "considered", "announced", "approved", "contracted", "ordered", "pledged", "delivered")
ADVANCEMENT = ("requested", "considered", "announced", "approved", "pledged", "ordered", "contracted", "delivered")
FIRST_PERSON = {"we", "i", "our", "us", "my", "we've", "i've"}
PRONOUNS = {"he", "she"}
PRONOUN_SUBJECTS = {"them", "they", "it", "who", "which", "he", "she"}
NAME_STOP = {"The", "A", "An", "On", "In", "At", "Today", "This", "That", "And", "But", "For", "To", "Of", "As",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr.", "Ms.", "Mrs."}
RANKS = {"General", "Gen.", "Admiral", "Adm.", "Lieutenant", "Lt.", "Colonel", "Col.", "Major", "Maj.", "Captain",
         "Capt.", "Sergeant", "Dr.", "Doctor"}
SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
RECIPIENT_PREPS = {"to", "for", "into", "toward", "towards"}
NON_SUBJECT_PREPS = {"to", "for", "into", "toward", "towards", "against", "with", "in", "on", "at", "over", "about",
                     "than", "like", "across", "inside"}
CLAUSE_CUTS = {";", "but", "while", "whereas", "although"}
QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"))
_NAME_WORD = re.compile(r"[^\W\d_a-z][^\W\d_A-Z'’]+(?:[A-Z][^\W\d_A-Z]+)?|[A-Z]\.|[A-Z]{2}")
_OPENERS = re.compile("[\u201c\"\u00ab]")
NOT_THE_WEAPON_BEFORE = {"parts", "components", "training", "maintenance", "repair", "repairs", "sustainment",
                         "simulators", "spares"}
NOT_THE_WEAPON_AFTER = {"pilots", "pilot", "training", "crews", "crew", "maintenance", "parts", "simulators"}
BULLETS = {"-", "•", "*", "+", "–"}


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


@dataclass
class Frame:
    supplier: str | None
    recipient: str | None
    stage: str


def _pick_stage(stages: list[str]) -> str | None:
    for stage in STAGE_ORDER:
        if stage in stages:
            return stage
    return None


def _drop_initials(name: str) -> str:
    """'Lloyd J. Austin' -> 'Lloyd Austin' (a first initial stays: 'J. D. Vance' keeps its shape)."""
    words = name.split()
    if len(words) <= 2:
        return name
    kept = [words[0], *[w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.", w)], words[-1]]
    return " ".join(kept)


class Extractor:
    """One document's extraction; construct, then call :meth:`run`."""

    def __init__(self, text: str, document: dict[str, object], base_offset: int = 0) -> None:
        self.g: Gazetteer = load()
        self.text = text
        self.document = document
        self.base = base_offset
        self.clean = clean(text)
        self.doc: Doc = nlp()(self.clean)
        self.off: list[int] = self.doc.user_data["offsets"]
        doc_date = document.get("date")
        self.anchor: date | None = parse_iso(doc_date if isinstance(doc_date, str) else None)
        publisher = str(document.get("publisher") or "").lower()
        home = self.g.publishers.get(publisher)
        self.home: str | None = f"country:{home[0]}" if home and home[0] else None
        title = str(document.get("title") or "")
        # in a joint statement 'we' is several governments: first person resolves to nobody
        self.first_person: str | None = None if re.search(r"\bjoint\b", title, re.I) else self.home
        self.words: list[str] = [t.text for t in self.doc]
        self.lower: list[str] = [w.lower() for w in self.words]
        self.ent_types: list[str] = [t.ent_type_ for t in self.doc]
        self.sents: list[Span] = list(self.doc.sents)
        self.sent_starts: list[int] = [sent.start for sent in self.sents]
        self.ent_starts: dict[int, Span] = {ent.start: ent for ent in self.doc.ents}
        self.weapon_ents: list[Span] = [ent for ent in self.doc.ents if ent.label_ == "WEAPON"]
        self.weapon_starts: list[int] = [ent.start for ent in self.weapon_ents]
        self.entities: dict[str, Entity] = {}
        self.refs: list[Ref] = []
        self.ref_at: dict[int, Ref] = {}
        self.persons: dict[str, PersonInfo] = {}
        self.positions: dict[tuple[str, str, str], PositionFact] = {}
        self.transfers: dict[str, TransferFact] = {}
        self.claims: list[ClaimFact] = []
        self.warnings: list[str] = []

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
                    entity.category = f"category:{weapon.category}"
            if prefix == "org":
                org = self.g.org(entity_id)
                if org is not None:
                    entity.country, entity.kind = org.country, org.kind
            self.entities[entity_id] = entity
        s, e = self.chars(start, end)
        if not any(m.start == s + self.base for m in entity.mentions):
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
                self.add_entity(ident, ent.start, ent.end, f"{ident.partition(':')[0]}:{ACTOR_LABELS[label]}")
                self.add_ref(Ref(ent.start, ent.end, ident, ACTOR_LABELS[label]))
                if label == "ORG":
                    self._state_in_org_name(ident, ent)
            elif label in ("WEAPON", "CATEGORY", "TREATY"):
                self.add_entity(ident, ent.start, ent.end, f"{label.lower()}:gazetteer")
        for i, low in enumerate(self.lower):
            if low in FIRST_PERSON and i not in self.ref_at and self.first_person:
                self.add_ref(Ref(i, i + 1, self.first_person, "first-person"))
            elif low in PRONOUNS:
                self.add_ref(Ref(i, i + 1, "", "pronoun"))

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
        person_id = f"person:{slug(canonical)}"
        info = self.persons.setdefault(person_id, PersonInfo(person_id, canonical))
        info.surnames.add(surname)
        info.surnames.add(canonical.split()[-1])
        self.add_entity(person_id, start, end, rule, name=canonical)
        self.add_ref(Ref(start, end, person_id, "person"))
        return info

    def _position(self, info: PersonInfo, title: str, of: str | None, title_span: tuple[int, int],
                  name_span: tuple[int, int], rule: str) -> None:
        known = self._known_official(info.name, title)
        if title == "Secretary":
            # 'Secretary Austin': which department only the gazetteer knows
            if known is None or not known[1].startswith("Secretary"):
                return
            title = known[1]
        if of is None and known and (known[1] == title or known[1].startswith(title)):
            of = known[2]
        entry = self.g.titles.get(title.split(" to ")[0])
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
            title = ent.ent_id_
            of = self._affiliation_before(ent.start)
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
            self._position(info, title, of or of_name, (ent.start, ent.end), name, rule)
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

    # ---- claims ------------------------------------------------------------------------------------------

    def _speaker_near(self, start: int, end: int, last: str | None, backward: bool = False
                      ) -> tuple[str, int] | None:
        """The speaker referred to in tokens [start, end): a person, titled official, organisation or state.

        ``backward`` scans from the end (the subject nearest a following speech verb).
        """
        for i in reversed(range(start, end)) if backward else range(start, end):
            ref = self.ref_at.get(i)
            if ref is None:
                continue
            if ref.start > 0 and self.lower[ref.start - 1] in ("at", "in", "to", "from", "with", "on", "by", "for") \
                    and not (ref.start > 1 and self.lower[ref.start - 2] == "according"):
                continue
            if ref.kind == "person":
                return ref.id, i
            if ref.kind == "title":
                person = self.resolve_title(ref.id.partition(":")[2])
                if person:
                    return person, i
                modifier = self._affiliation_before(ref.start)
                if modifier:
                    return modifier, i
            if ref.kind == "pronoun":
                # he/she: the last person named before, in this sentence or the one before; else the last speaker
                person = self._last_person_before(ref.start) or (
                    last if last is not None and last.startswith("person:") else None)
                if person:
                    return person, i
            if ref.kind in ("org", "name", "capital"):
                nxt = self.ref_at.get(ref.end)
                if nxt is not None and nxt.kind == "title":
                    continue
                return ref.id, i
            if ref.kind == "demonym" and self.doc[ref.end: ref.end + 1].text.lower() in ("government", "officials"):
                return ref.id, i
        return None

    def _last_person_before(self, i: int) -> str | None:
        sent = self._sent_of(i)
        start = self.sents[max(0, self.sents.index(sent) - 1)].start if sent.start > 0 else 0
        for k in range(i - 1, start - 1, -1):
            ref = self.ref_at.get(k)
            if ref is not None and ref.kind == "person":
                return ref.id
        return None

    def _speaker_of_verb(self, verb: int, lo: int, hi: int, last: str | None) -> tuple[str, int] | None:
        """The subject of a speech verb: right before it ('Antonov said') or right after ('said Antonov')."""
        found = self._speaker_near(max(lo, verb - 5), verb, last, backward=True)
        if found is None:
            # 'said Antonov.', ', said the Swedish Defence Minister': the speaker closes the clause
            after = self._speaker_near(verb + 1, min(hi, verb + 5), last)
            if after is not None:
                ref = self.ref_at.get(after[1])
                end = ref.end if ref is not None else after[1] + 1
                if end >= len(self.words) or self.words[end] in (",", ".", ";", ":", "”", '"') or end >= hi:
                    found = after
        if found is None:
            # 'President Biden stood on the stage ... and said': the person the sentence starts with
            start = self._sent_of(verb).start
            for i in range(max(lo, start), verb):
                ref = self.ref_at.get(i)
                if ref is not None and ref.kind == "person" and (ref.start == 0 or self.lower[ref.start - 1] not in (
                        "to", "with", "by", "for", "from", "at")):
                    return ref.id, i
        return found

    def _speech_verb(self, start: int, end: int) -> int | None:
        for i in range(start, end):
            if self.lower[i] in self.g.speech_verbs and not self.ent_types[i] and (
                    i == 0 or self.lower[i - 1] not in ("a", "an", "the", "its", "their", "our")):
                return i
        return None

    def _quotes(self, para_start: int, para_end: int) -> list[tuple[int, int, bool]]:
        """(start, end) of quotation contents in a paragraph (char offsets), and whether it was closed."""
        text = self.clean
        found: list[tuple[int, int, bool]] = []
        i = para_start
        while i < para_end:
            opener = _OPENERS.search(text, i, para_end)
            if opener is None:
                break
            i = opener.start()
            ch = text[i]
            pair = next(p for p in QUOTE_PAIRS if p[0] == ch)
            if ch == '"' and i > para_start and text[i - 1].isalnum():
                i += 1
                continue
            close = text.find(pair[1], i + 1, para_end)
            if close == -1:
                self.warnings.append(f"unclosed quotation at offset {i + self.base}: read to the end of the paragraph")
                found.append((i + 1, para_end, False))
                break
            if close > i + 1:
                found.append((i + 1, close, True))
            i = close + 1
        return found

    def _tok_index(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.off, char)

    def _sent_of(self, i: int) -> Span:
        k = bisect.bisect_right(self.sent_starts, min(i, len(self.doc) - 1)) - 1
        return self.sents[max(k, 0)]

    def _about(self, start_char: int, end_char: int, speaker: str) -> list[str]:
        ids: list[str] = []
        for entity in self.entities.values():
            if entity.id == speaker:
                continue
            if any(start_char + self.base <= m.start < end_char + self.base for m in entity.mentions):
                ids.append(entity.id)
        return sorted(ids)

    def _date_in(self, start: int, end: int) -> tuple[str | None, str | None]:
        s, e = self.chars(start, end)
        dates: list[DateMention] = find_dates(self.clean[s:e], self.anchor, s)
        for d in dates:
            if d.value:
                return d.value, d.text
        return (str(self.document["date"]) if self.document.get("date") else None), None

    def _add_claim(self, speaker: str, text_start: int, text_end: int, sent_start: int, sent_end: int,
                   quote: bool, rule: str) -> None:
        while text_start < text_end and self.clean[text_start] in " ,“”\"'":
            text_start += 1
        while text_end > text_start and self.clean[text_end - 1] in " ,.“”\"'":
            text_end -= 1
        if text_end - text_start < 3:
            return
        a, b = self._tok_index(sent_start), self._tok_index(sent_end)
        when, when_text = self._date_in(a, max(a + 1, b))
        ev_start, ev_end = min(sent_start, text_start), max(sent_end, text_end)
        self.claims.append(ClaimFact(
            speaker=speaker, text=self.text[text_start:text_end], start=text_start + self.base,
            end=text_end + self.base, about=self._about(text_start, text_end, speaker), date=when,
            date_text=when_text, quote=quote, evidence=self.span(ev_start, ev_end), rule=rule,
        ))
        if speaker.startswith(("person:", "org:", "country:")) and speaker not in self.entities:
            self.entities[speaker] = Entity(type=ENTITY_TYPES[speaker.partition(":")[0]], id=speaker,
                                            name=self.g.name_of(speaker))

    def claims_in(self) -> None:
        from armsgraph.loaders.text.clean import paragraphs

        last_speaker: str | None = None
        covered: list[tuple[int, int, str]] = []
        para_quotes = [(p, self._quotes(*p)) for p in paragraphs(self.clean)]
        quotes = [q for _, qs in para_quotes for q in qs]
        # reported speech first: 'X said (that) ...', '..., X said', 'according to X'
        for sent in self.sents:
            s, e = sent.start, sent.end
            if e - s > 400:
                continue
            lowers = [t.lower_ for t in sent]
            for k in range(len(lowers) - 1):
                if lowers[k] == "according" and lowers[k + 1] == "to":
                    # the source follows 'according to' directly ('according to the Russian Defense Ministry')
                    found = self._speaker_near(s + k + 2, min(e, s + k + 4), last_speaker)
                    if found:
                        sc, ec = self.chars(s, e)
                        if k > 2:
                            text_end = self.cstart(s + k)
                            self._add_claim(found[0], sc, text_end, sc, ec, False, "claim:according-to")
                        else:
                            ref = self.ref_at[found[1]]
                            self._add_claim(found[0], self.cstart(ref.end), ec, sc, ec, False, "claim:according-to")
                        covered.append((sc, ec, found[0]))
                        last_speaker = found[0]
            verb = self._speech_verb(s, e)
            if verb is None:
                continue
            found = self._speaker_of_verb(verb, s, e, last_speaker)
            if not found:
                continue
            speaker, at = found
            ref_start = self.ref_at[at].start if at in self.ref_at else at
            # include the speaker's title and modifiers: ', Chancellor Olaf Scholz said'
            while ref_start > s and (self.ent_types[ref_start - 1] in ("TITLE", "DEMONYM", "COUNTRY", "ORG")
                                     or self.lower[ref_start - 1] in ("the", "’s", "'s")):
                ref_start -= 1
            if at > verb:
                # inverted attribution: '..., said the Swedish Defence Minister'
                ref_start = verb
            sc, ec = self.chars(s, e)
            if any(qs <= sc + 1 and qe >= self.cstart(min(ref_start, verb)) - 3 for qs, qe, _ in quotes):
                last_speaker = speaker  # the attribution of a quotation: the quotation is the claim
                continue
            before_ref = self.words[ref_start - 1] if ref_start > s else ""
            ref_end = self.ref_at[at].end if at in self.ref_at else at + 1
            adjacent = (ref_end <= verb + 1 and verb - ref_end <= 2) or at > verb
            quoted_comma = before_ref in ("”", '"') and self.words[ref_start - 2] == ","
            if adjacent and ref_start - s > 3 and (before_ref == "," or quoted_comma):
                # trailing attribution: the claim is what precedes ', Antonov said'
                self._add_claim(speaker, sc, self.cstart(ref_start - 1), sc, ec, False, "claim:said-trailing")
            else:
                k = verb + 1
                limit = min(e, verb + 10)
                j = k
                while j < limit and self.lower[j] != "that":
                    j += 1
                k = j + 1 if j < limit else k
                if j >= limit and self.lower[verb] in ("told", "tells", "tell"):
                    # 'told President Putin directly, we will ...': the claim follows the addressee
                    comma = next((m for m in range(verb + 1, min(e, verb + 7)) if self.words[m] == ","), None)
                    if comma is not None:
                        k = comma + 1
                if k < e and self.words[k] == ":":
                    k += 1
                if k >= e or self.clean[self.cstart(k)] in "“\"«":
                    last_speaker = speaker  # 'He added “...”': the quotation is the claim
                    continue
                self._add_claim(speaker, self.cstart(k), ec, sc, ec, False, "claim:said-that")
            covered.append((sc, ec, speaker))
            last_speaker = speaker
        # quotations: attribution after the closing or before the opening quote; else the previous speaker
        prev_quote_speaker: str | None = None
        for _para, para_qs in para_quotes:
            prev_end = 0
            for q_start, q_end, _closed in para_qs:
                qa, qb = self._tok_index(q_start), self._tok_index(q_end)
                if qb - qa < 3:
                    continue
                sent_after = self._sent_of(min(qb, len(self.doc) - 1))
                after = self._speech_verb(qb, min(sent_after.end, qb + 8))
                found = None
                rule = "claim:quote-attributed"
                if after is not None:
                    found = self._speaker_of_verb(after, qb, sent_after.end, prev_quote_speaker)
                if found is None:
                    lo = max(self._sent_of(qa).start, qa - 14, self._tok_index(prev_end))
                    verb_before = self._speech_verb(lo, qa)
                    if verb_before is not None:
                        found = self._speaker_of_verb(verb_before, lo, qa, prev_quote_speaker or last_speaker)
                prev_end = q_end + 1
                if found is None and prev_quote_speaker:
                    found, rule = (prev_quote_speaker, -1), "claim:quote-continued"
                if found is None:
                    continue
                speaker = found[0]
                if any(c.start - self.base - 2 <= q_start and q_end <= c.end - self.base + 2 and c.speaker == speaker
                       for c in self.claims):
                    prev_quote_speaker = speaker
                    continue
                sent = self._sent_of(qa)
                end_sent = self._sent_of(max(qa, min(qb, len(self.doc) - 1)))
                self._add_claim(speaker, q_start, q_end, self.cstart(sent.start), self.cend(end_sent.end - 1),
                                True, rule)
                prev_quote_speaker = speaker
        self.claims.sort(key=lambda c: c.start)

    # ---- transfers ---------------------------------------------------------------------------------------

    def _actor_of_ref(self, ref: Ref) -> str | None:
        if ref.kind == "person":
            person = self.persons.get(ref.id)
            if person is not None:
                for _title, of in person.titles:
                    country = self.g.country_of(of)
                    if country:
                        return country
            known = self._known_official(person.name) if person else None
            return self.g.country_of(known[2]) if known else None
        if ref.kind in ("name", "demonym", "capital", "first-person"):
            return ref.id
        if ref.kind == "org":
            return self.g.country_of(ref.id) or ref.id
        return None

    def _from_actors(self, start: int, end: int) -> list[str]:
        """'... from Germany and Poland': the actors after 'from'."""
        for i in range(start, end - 1):
            if self.lower[i] != "from":
                continue
            found: list[str] = []
            j = i + 1
            while j < end:
                if self.lower[j] in ("the", "and", ","):
                    j += 1
                    continue
                ref = self.ref_at.get(j)
                if ref is None or ref.start != j or ref.kind in ("pronoun", "title"):
                    break
                actor = self._actor_of_ref(ref)
                if actor and actor not in found:
                    found.append(actor)
                j = ref.end
            return found
        return []

    def _for_actor(self, start: int, end: int) -> str | None:
        for i in range(start, end - 1):
            if self.lower[i] == "for":
                j = i + 2 if self.lower[i + 1] == "the" else i + 1
                ref = self.ref_at.get(j)
                if ref is not None and ref.start == j and ref.kind not in ("pronoun", "title", "first-person"):
                    return self._actor_of_ref(ref)
        return None

    def _title_recipient(self) -> str | None:
        """The one foreign state a document's title names ('... Security Assistance to Ukraine'), if any."""
        title = str(self.document.get("title") or "")
        if not title:
            return None
        found = {ent.ent_id_ for ent in nlp()(clean(title)).ents if ent.label_ in ("COUNTRY", "DEMONYM", "CAPITAL")}
        found.discard(self.home or "")
        return found.pop() if len(found) == 1 else None

    def _recipient_in(self, start: int, end: int) -> str | None:
        for i in range(start, end):
            ref = self.ref_at.get(i)
            if ref is None or ref.start != i or ref.kind in ("pronoun", "title"):
                continue
            prev = self.lower[i - 1] if i > 0 else ""
            prev2 = self.lower[i - 2] if i > 1 else ""
            # 'provide Ukraine with', 'send the Ukrainians F-16s' (a people, not an adjective)
            direct = (i == start or (i == start + 1 and self.lower[start] == "the")) and (
                ref.kind != "demonym" or self.words[ref.end - 1].endswith("ans"))
            if prev in RECIPIENT_PREPS or (prev == "the" and prev2 in RECIPIENT_PREPS) or direct:
                actor = self._actor_of_ref(ref)
                if actor and ref.kind != "first-person":
                    return actor
        return None

    def _supplier_in(self, start: int, end: int, exclude: str | None) -> list[str]:
        """Nearest actor left of the trigger that is not in a prepositional phrase; 'A and B' gives both."""
        i = end - 1
        while i >= start:
            ref = self.ref_at.get(i)
            if ref is None or ref.kind in ("pronoun", "title"):
                i -= 1
                continue
            first = ref.start
            prev = self.lower[first - 1] if first > 0 else ""
            prev2 = self.lower[first - 2] if first > 1 else ""
            if prev in NON_SUBJECT_PREPS or (prev == "the" and prev2 in NON_SUBJECT_PREPS):
                i = first - 1
                continue
            if first + 1 < len(self.doc) and self.words[ref.end] in ("’s", "'s") and ref.kind != "first-person" \
                    and self.lower[ref.end + 1] not in ("government", "military", "armed", "ministry"):
                i = first - 1
                continue
            actor = self._actor_of_ref(ref)
            if actor is None or actor == exclude:
                i = first - 1
                continue
            found = [actor]
            # 'Germany will join the United States in supplying': both supply
            k = first - 1 if prev != "the" else first - 2
            if k >= start and self.lower[k] in ("join", "joins", "joined", "joining"):
                for m in range(k - 1, start - 1, -1):
                    other = self.ref_at.get(m)
                    if other is not None and other.kind not in ("pronoun", "title"):
                        second = self._actor_of_ref(other)
                        if second and second != exclude and second not in found:
                            found.append(second)
                        break
            # coordination: 'The Danish and Dutch governments', 'Germany, the Netherlands, and Romania'
            k = first - 1
            while k >= start and self.lower[k] in ("and", ",", "the"):
                while k >= start and self.lower[k] in ("and", ",", "the"):
                    k -= 1
                other = self.ref_at.get(k)
                if other is None or other.kind in ("pronoun", "title", "first-person"):
                    break
                second = self._actor_of_ref(other)
                if second and second != exclude and second not in found:
                    found.append(second)
                k = other.start - 1
            return found
        return []

    def _cues(self, start: int, end: int) -> tuple[list[str], bool, bool]:
        stages: list[str] = []
        negated = hypothetical = False
        for i in range(start, end):
            low = self.lower[i]
            pair = low + " " + self.lower[i + 1] if i + 1 < len(self.doc) else low
            for cue in (pair, low):
                if cue in self.g.stage_cues:
                    stages.append(self.g.stage_cues[cue])
                kind = self.g.cues.get(cue)
                if kind == "negation":
                    negated = True
                elif kind == "hypothetical":
                    if cue == "would" and any(w in self.g.speech_verbs for w in self.lower[start:i]):
                        stages.append("pledged")  # 'said the United States would provide': reported future
                    else:
                        hypothetical = True
        return stages, negated, hypothetical

    def _triggers(self, s: int, e: int) -> list[tuple[int, str, str]]:
        found: list[tuple[int, str, str]] = []
        for i in range(s, e):
            low = self.lower[i]
            if low not in self.g.triggers or self.ent_types[i]:
                continue
            readings = self.g.triggers[low]
            nxt = self.lower[i + 1] if i + 1 < e else ""
            prev = self.lower[i - 1] if i > s else ""
            kind, tense = next((r for r in readings if r[0] != "noun"), readings[0])
            if nxt == "of" and any(r[0] in ("supply", "noun") for r in readings):
                kind, tense = "noun", "noun"
            elif kind == "noun":
                continue
            if kind == "supply" and tense in ("present", "base") and prev in ("the", "a", "an", "its", "our", "their"):
                continue
            found.append((i, kind, tense))
        # 'including X' lists what a package or a supply verb carries, nothing else ('including announcements')
        aid_words = {"assistance", "aid", "package", "packages", "capabilities", "weapons", "equipment", "pda", "pdas",
                     "drawdown", "tranche"}
        has_aid = any(w in aid_words for w in self.lower[s:e])
        kept: list[tuple[int, str, str]] = []
        for trig in found:
            if trig[1] == "include" and not has_aid and not any(k in ("supply", "noun") for _, k, _ in kept):
                continue
            kept.append(trig)
        found = kept
        if not found:
            for i in range(s, e):
                if (self.lower[i] in ("assistance", "aid", "package") and self.lower[i - 1] != "the") \
                        or self.lower[i] == "packages":
                    found.append((i, "aid", "noun"))
        return found

    def _transfer(self, supplier: str, recipient: str, weapon_ent: Span, stage: str, sent: Span,
                  rule: str) -> None:
        if supplier == recipient or not supplier.startswith(("country:", "org:")) or not recipient.startswith(
                ("country:", "org:")):
            return
        weapon = weapon_ent.ent_id_
        when, when_text = self._date_in(sent.start, sent.end)
        year = (when or "")[:4] or "undated"
        key = "text-" + digest(supplier, recipient, weapon, year)
        if key in self.transfers:
            prior = self.transfers[key]
            if ADVANCEMENT.index(stage) > ADVANCEMENT.index(prior.status):
                prior.status = stage  # the most advanced stage read wins: announced, then delivered
            return
        self.transfers[key] = TransferFact(
            key=key, supplier=supplier, recipient=recipient, weapon=weapon, status=stage, date=when,
            date_text=when_text, evidence=self.token_span(sent.start, sent.end), rule=rule,
        )

    def _weapons(self, start: int, end: int) -> list[Span]:
        """Weapon mentions in [start, end) that are what moves, not its parts or its crews."""
        lo = bisect.bisect_left(self.weapon_starts, start)
        hi = bisect.bisect_left(self.weapon_starts, end)
        found = []
        for w in self.weapon_ents[lo:hi]:
            if w.end > end:
                continue
            before = self.lower[max(0, w.start - 3) : w.start]
            after = self.lower[w.end] if w.end < len(self.lower) else ""
            if any(b in NOT_THE_WEAPON_BEFORE for b in before) or after in NOT_THE_WEAPON_AFTER:
                continue
            found.append(w)
        return found

    def transfers_in(self) -> None:
        list_frame: Frame | None = None
        # before any sentence names one, the supplier is the publisher's own state ('This package includes:')
        doc_frame = Frame(self.first_person, self._title_recipient(), "pledged")
        for sent in self.sents:
            s, e = sent.start, sent.end
            if e - s > 400:
                self.warnings.append(f"sentence of {e - s} tokens at offset {self.cstart(s) + self.base}: "
                                     "not read for transfers")
                continue
            if self.words[e - 1] == "?" or (e - s > 1 and self.words[e - 2] == "?"):
                continue  # a question asserts nothing ('Will you send ATACMS?')
            is_bullet = self.words[s] in BULLETS
            if not is_bullet:
                list_frame = None
            triggers = self._triggers(s, e)
            weapons_here = self._weapons(s, e)
            if is_bullet and list_frame is not None and not any(t[1] in ("supply", "receive", "noun")
                                                                for t in triggers):
                frame = list_frame
                if frame.supplier and frame.recipient:
                    for w in weapons_here:
                        self._transfer(frame.supplier, frame.recipient, w, frame.stage, sent, "transfer:list-item")
                continue
            for n, (t, kind, tense) in enumerate(triggers):
                left = triggers[n - 1][0] + 1 if n > 0 else s
                right = triggers[n + 1][0] if n + 1 < len(triggers) else e
                for i in range(t + 1, right):
                    if self.lower[i] in CLAUSE_CUTS:
                        right = i
                        break
                stages, negated, hypothetical = self._cues(left, t + 1)
                if kind in ("deployment", "use"):
                    continue
                stage = _pick_stage(stages)
                if stage is None:
                    stage = "delivered" if tense == "past" and kind != "noun" else "pledged"
                recipient: str | None
                suppliers: list[str]
                beneficiary = self._for_actor(t + 1, right) if kind == "receive" else None
                if beneficiary is not None:
                    # 'the procurement of Abrams tanks for Ukraine': bought for someone else = supplied to them
                    recipient = beneficiary
                    suppliers = self._supplier_in(left, t, recipient)
                    weapons = self._weapons(t + 1, right)
                elif kind == "receive":
                    recipient_list = self._supplier_in(left, t, None)
                    recipient = recipient_list[0] if recipient_list else None
                    if any(w in PRONOUN_SUBJECTS for w in self.lower[max(left, t - 2) : t]):
                        recipient = None  # 'helped them obtain': the buyer is a pronoun we do not resolve
                    suppliers = self._from_actors(t + 1, right)
                    weapons = self._weapons(t + 1, right)
                    if not weapons and suppliers:
                        # 'tanks of the T-72 type, purchased in 1999-2001 from Belarus': the participle's noun
                        weapons = self._weapons(left, t)[-1:]
                elif kind == "arrive":
                    recipient = self._recipient_in(t + 1, right)
                    if recipient is None:
                        for i in range(t + 1, min(right, t + 4)):
                            if self.lower[i] == "in" and (i + 1) in self.ref_at:
                                recipient = self._actor_of_ref(self.ref_at[i + 1])
                    suppliers = [doc_frame.supplier] if doc_frame.supplier else []
                    weapons = self._weapons(left, t)
                    stage = "delivered" if tense == "past" else stage
                else:
                    passive_by = t + 1 < right and self.lower[t + 1] == "by" and (t + 2) in self.ref_at
                    if passive_by:
                        by = self._actor_of_ref(self.ref_at[t + 2])
                        suppliers = [by] if by else []
                        weapons = self._weapons(left, t)
                        recipient = self._recipient_in(t + 3, e)
                        if recipient is None:
                            for i in range(t + 3, e):
                                if self.lower[i] in ("in", "to") and (i + 1) in self.ref_at:
                                    recipient = self._actor_of_ref(self.ref_at[i + 1])
                                    break
                    else:
                        recipient = self._recipient_in(t + 1, right)
                        suppliers = self._supplier_in(left if kind != "noun" else s, t, recipient)
                        if not suppliers and kind == "noun":
                            for i in range(t + 1, right):
                                if self.lower[i] == "from" and (i + 1) in self.ref_at:
                                    actor = self._actor_of_ref(self.ref_at[i + 1])
                                    suppliers = [actor] if actor else []
                        weapons = self._weapons(t + 1, right)
                if negated or hypothetical:
                    continue
                # no subject in the clause: the supplier of the text around it, unless the subject is an
                # unresolvable 'we' (joint statements) or the verb is a receiving one (a buyer has no seller)
                we = self.first_person is None and any(w in FIRST_PERSON for w in self.lower[s:t])
                if not suppliers and doc_frame.supplier and kind != "receive" and not we and (
                        weapons or self.clean[self.cend(e - 1) - 1] == ":"):
                    suppliers = [doc_frame.supplier]
                if recipient is None and doc_frame.recipient and (weapons or self.clean[self.cend(e - 1) - 1] == ":"):
                    recipient = doc_frame.recipient
                suppliers = [x for x in suppliers if x and x != recipient]
                if suppliers or recipient:
                    doc_frame = Frame(suppliers[0] if suppliers else doc_frame.supplier,
                                      recipient or doc_frame.recipient, stage)
                if self.words[e - 1] == ":" and kind in ("include", "aid", "supply", "noun"):
                    list_frame = Frame(suppliers[0] if suppliers else None, recipient, stage)
                if not suppliers or recipient is None:
                    continue
                for w in weapons:
                    for supplier in suppliers:
                        self._transfer(supplier, recipient, w, stage, sent, f"transfer:{kind}-{tense}")

    # ---- all ---------------------------------------------------------------------------------------------

    def run(self) -> Extraction:
        self.gazetteer_entities()
        self.persons_and_positions()
        self.claims_in()
        self.transfers_in()
        for tr in self.transfers.values():
            for ident in (tr.supplier, tr.recipient):
                if ident not in self.entities and ident.partition(":")[0] in ENTITY_TYPES:
                    self.entities[ident] = Entity(type=ENTITY_TYPES[ident.partition(":")[0]], id=ident,
                                                  name=self.g.name_of(ident))
        order = {"Country": 0, "Organization": 1, "Person": 2, "WeaponSystem": 3, "WeaponCategory": 4, "Treaty": 5}
        entities = sorted(self.entities.values(), key=lambda x: (order.get(x.type, 9), x.id))
        return Extraction(
            document=self.document, entities=entities, positions=list(self.positions.values()),
            transfers=sorted(self.transfers.values(), key=lambda t: t.evidence.start), claims=self.claims,
            warnings=self.warnings,
        )


def extract_text(text: str, document: dict[str, object] | None = None, base_offset: int = 0) -> Extraction:
    """Extract from a document body. ``document`` holds its metadata (date, publisher, ...)."""
    return Extractor(text, dict(document or {}), base_offset).run()

"""Officials and their positions: titles next to capitalised names, known officials, later surnames."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.text.bylines import capital_bylines
from armsgraph.loaders.text.dates import MONTHS
from armsgraph.loaders.text.extraction import PositionFact
from armsgraph.loaders.text.facts import Facts, PersonInfo, Ref
from armsgraph.loaders.text.known_officials import drop_initials, known_official
from armsgraph.loaders.text.office_words import office_words
from armsgraph.loaders.text.speakers import HEADING_WORDS, SUFFIXES
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.schema import Person

NAME_STOP = {"The", "A", "An", "On", "In", "At", "Today", "This", "That", "And", "But", "For", "To", "Of", "As",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
"""Capitalised words that end a name; so do the gazetteer's forms of address ('Mr.', ``PersonRules._stops``)."""
STATE_WORDS = {"Kingdom", "Republic", "Federation", "Principality", "Confederation", "Commonwealth", "State"}
"""'of the Kingdom' after a title: the holder's state, not named."""
ARTICLES = {"the", "a", "an", "’s", "'s"}
TIME_MODIFIERS = {"former", "then", "outgoing", "incoming", "current", "new", "later"}
"""When the office was held: 'Jane Roe, the former Czech defence minister,' holds the office (the annotation guide:
a former office is the office)."""
OWNER_NOUNS = {"country": "country", "nation": "country", "alliance": "org", "bloc": "org", "organisation": "org",
               "organization": "org", "union": "org"}
"""'the country's defence ministry', 'the alliance's secretary-general': the state or international body the text
is about speaks (its body or office holder is unnamed)."""
TITLE_PREFIXES = {"Deputy", "Assistant", "Acting", "Under", "Principal", "Vice"}
"""A word before a title that makes it another office of the same body ('Deputy National Security Advisor')."""
COMMITTEE_WORDS = office_words().body_words
COMMITTEE_CHAIRS = office_words().body_offices
COMMITTEE_RANKS = office_words().body_ranks
"""From ``data/office_words.csv`` (kinds ``body-word``, ``body-office``, ``body-rank``): '(Deputy) Chairman of the
French Defense Committee', 'Commander of the Ukrainian Ground Forces', 'Head of the Polish National Security
Bureau': an office of a state's named body (``_committee_chairs``)."""
PERSON_NOUNS = {"president", "man", "woman", "boy", "girl", "officer", "soldier", "pilot", "journalist", "leader",
                "general", "minister", "official", "commander", "senator", "diplomat", "philosopher", "poet", "writer",
                "priest", "friend", "colleague", "doctor", "nurse", "volunteer", "activist", "student", "teacher",
                "pope", "saint", "rabbi", "reverend", "king", "queen", "prophet", "novelist", "playwright",
                "historian", "statesman"}
"""Nouns for a person: before 'named'/'called' and a name ('a former president named Abraham Lincoln'), and in
``claims`` before the name whose words a sentence quotes ('the words of philosopher Jane Roe:')."""
# one romanised East Asian syllable ('jong', 'sup', 'hyun', 'yeol', 'un'): consonants, vowels, a nasal or stop
_SYLLABLE = re.compile(r"(?:[bcdghjklmnprstwy]{1,3})?[aeiou]{1,3}(?:ng|[nmpkl])?")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
"""A blank line: where a signature block's signers part."""
_NAME_WORD = re.compile(r"[^\W\d_a-z](?:['’][^\W\d_a-z])?[^\W\d_A-Z'’]+(?:[A-Z][^\W\d_A-Z]+)?|[A-Z]\.|[A-Z]{2}")
"""A capitalised name word: 'Černochová', 'McCain', "O'Donnell", an initial ('J.'), two capitals ('DJ')."""


def persons(d: TextDoc, f: Facts) -> list[PositionFact]:
    """Component: officials, their positions and the references to them; returns the positions."""
    PersonRules(d, f).persons_and_positions()
    return list(f.positions.values())


@cache
def parliaments() -> dict[str, str]:
    """A state's parliament by its one-word name ('Bundestag' -> country:DEU), ``data/parliaments.csv``."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", "parliaments.csv").read_text(encoding="utf-8")
    return {row.values["name"].strip(): "country:" + row.values["state"].strip() for row in csv_rows(text).rows}


class PersonRules:
    """Persons, their positions and the references to them ('the ambassador', 'Antonov')."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far; this component adds its own."""
        self.registered: dict[int, PersonInfo] = {}
        """Token start of each name read as a person -> that person."""
        self.used: set[int] = set()
        """Token starts of names already read (a later bare surname there is not read again)."""

    # ---- persons and positions ---------------------------------------------------------------------

    def _rank(self, word: str) -> bool:
        """A rank or title before a name, as written ('Gen.', 'Admiral'): a ``cues.csv`` honorific that is no form of
        address, capitalised, with its full stop if it has one there."""
        return word[:1].isupper() and self.d.g.cues.get(word.lower()) == "honorific"

    def _service_before_rank(self, i: int) -> int:
        """How many words of an armed service (``cues.csv`` kind ``service-before-rank``: 'Air Force', 'Navy') open
        the name at token i with a rank right after them ('Air Force Brig. Gen. Pat Ryder'; session 18): the service
        is no part of the name; without a rank after it, 0."""
        for size in (2, 1):
            words = self.d.words[i:i + size]
            if len(words) == size and all(w[:1].isupper() for w in words) and i + size < len(self.d.doc) \
                    and self.d.g.cues.get(" ".join(words).lower()) == "service-before-rank" \
                    and (self._rank(self.d.words[i + size]) or self._rank(self.d.words[i + size] + ".")):
                return size
        return 0

    def _stops(self, word: str) -> bool:
        """A word that ends a name: ``NAME_STOP`` or a form of address as written ('Mr.')."""
        # a heading line's verb after the name ('... Gen. Mark A. Milley Hold a Press Conference'; session 19)
        return word in NAME_STOP or (word[:1].isupper() and (word.lower() in self.d.g.address_forms
                                                             or word.lower() in HEADING_WORDS))

    def _signer_above(self, title_start: int) -> tuple[int, int] | None:
        """A signature block's name line: the title opens a line, and the line right above it (no blank line
        between) is a personal name and nothing else ('Mette Frederiksen' / 'Prime Minister of the Kingdom of
        Denmark')."""
        clean = self.d.text  # the line breaks as written (the clean text joins soft-wrapped lines; same offsets)
        if title_start < 1 or "\n" not in clean[self.d.cend(title_start - 1):self.d.cstart(title_start)] \
                or _BLANK_LINE.search(clean, self.d.cend(title_start - 1), self.d.cstart(title_start)):
            return None
        k = title_start - 1
        while k > 0 and "\n" not in clean[self.d.cend(k - 1):self.d.cstart(k)] and title_start - k < 6:
            k -= 1
        if k > 0 and "\n" not in clean[self.d.cend(k - 1):self.d.cstart(k)]:
            return None
        name = self._name_tokens(k)
        return name if name is not None and name[1] == title_start and name[1] - name[0] >= 2 else None

    def _name_tokens(self, i: int) -> tuple[int, int] | None:
        """A capitalised personal name starting at token i: [i, j) or None."""
        ent = self.d.ent_at(i, ("PERSON", "SURNAME"))
        if ent is not None:
            j = ent.end
            while j < len(self.d.doc) and self.d.words[j] in SUFFIXES | {","} and j + 1 <= len(self.d.doc):
                if self.d.words[j] == "," and not (j + 1 < len(self.d.doc) and self.d.words[j + 1] in SUFFIXES):
                    break
                j += 1
            return ent.start, j
        i += self._service_before_rank(i)
        if i + 1 < len(self.d.doc) and self.d.lower[i] in MONTHS and self.d.words[i + 1].isdigit():
            return None  # 'Secretary of State' / 'December 30, 2024': a dateline, no name (session 18)
        while i < len(self.d.doc):
            if self._rank(self.d.words[i]):
                i += 1
            elif self._rank(self.d.words[i] + ".") and i + 1 < len(self.d.doc) and self.d.words[i + 1] == ".":
                i += 2  # 'Maj. Gen.': the tokenizer splits some abbreviations
            else:
                break
        j = i
        words = 0
        while j < len(self.d.doc):
            word, ent_type = self.d.words[j], self.d.ent_types[j]
            if ent_type and ent_type not in ("PERSON", "SURNAME"):
                break
            if self._stops(word):
                break
            if _NAME_WORD.fullmatch(word):
                words += 1
                j += 1
            elif words and word in self.d.g.name_particles and self._particle_continues(j):
                j += 1  # 'Kajsa van der Berg', 'Faisal al-Ibrahim': the particles belong to the surname
            elif word == "-" and words and j + 1 < len(self.d.doc) and self.d.adjacent(j - 1, j) \
                    and self.d.adjacent(j, j + 1) and self.d.words[j + 1].istitle():
                j += 1
            elif word == "-" and words and j + 1 < len(self.d.doc) and self.d.adjacent(j - 1, j) \
                    and self.d.adjacent(j, j + 1) and self._syllable_pair(j, first_word=words == 1):
                j += 2  # 'Lee Jong-sup': the lower-case syllable is the given name's own
            else:
                break
        if words and j + 1 < len(self.d.doc) and self.d.words[j] == ")" and _NAME_WORD.fullmatch(self.d.words[j + 1]) \
                and self.d.words[j + 1][:1].isupper() and words < 4 \
                and self.d.ent_types[j + 1] not in ("COUNTRY", "ORG"):
            # '(Russian President Vladimir) Putin': an editor's bracket inside the name
            j += 2
            words += 1
        if words == 0 or words > 4 or self.d.lower[j - 1] in self.d.g.non_person_heads:
            return None  # 'Kaskela Street', 'Borealis Optics': a place's or a company's name, not a person's
        if self.d.words[j - 1].endswith(".") and len(self.d.words[j - 1]) == 2:
            return None
        return i, j

    def _syllable_pair(self, j: int, first_word: bool = False) -> bool:
        """Whether the hyphen at token j joins a romanised given name's two syllables, the second in lower case
        ('Lee Jong-sup', 'Kim Yong-hyun'): both parts one syllable each, after a first name word ('a Putin-led
        state', 'Biden-era' and 'Anna-lena' stay apart: not syllables, or no name word before). As the name's first
        word (``first_word``) a capitalised surname must follow instead ('Min-ho Park', 'Kim-era policy' stays
        apart)."""
        first, second = self.d.words[j - 1], self.d.words[j + 1]
        if first_word:
            around = j + 2 < len(self.d.words) and _NAME_WORD.fullmatch(self.d.words[j + 2]) is not None \
                and self.d.words[j + 2][:1].isupper() and not self.d.adjacent(j + 1, j + 2) \
                and not self._stops(self.d.words[j + 2])
        else:
            around = j >= 2 and _NAME_WORD.fullmatch(self.d.words[j - 2]) is not None
        return around and first.istitle() \
            and _SYLLABLE.fullmatch(first.lower()) is not None and _SYLLABLE.fullmatch(second) is not None

    def _particle_continues(self, j: int) -> bool:
        """Whether the particle at token j goes on to a capitalised name word, over more particles or a hyphen
        ('van der Berg', 'al-Ibrahim'), in the same run of words (no comma or line between)."""
        k = j
        while k < len(self.d.doc) and (self.d.words[k] in self.d.g.name_particles or self.d.words[k] == "-"):
            k += 1
        return k < len(self.d.doc) and k - j <= 3 and bool(_NAME_WORD.fullmatch(self.d.words[k])) \
            and self.d.words[k][:1].isupper() and not self.d.ent_types[k] and not self._stops(self.d.words[k])

    def _name_text(self, start: int, end: int) -> str:
        words = [t.text for t in self.d.doc[start:end] if t.text not in SUFFIXES and t.text not in (",", "(", ")")]
        text = ""
        for k, w in enumerate(words):
            text += w if (k == 0 or w == "-" or (k > 0 and words[k - 1] == "-")) else " " + w
        return text

    def _affiliation_of(self, i: int) -> tuple[str | None, int]:
        """'... of Ukraine', '... of the United Nations' at token i: (actor, token after it)."""
        if i < len(self.d.doc) and self.d.lower[i] == "of":
            j = i + 1
            if j < len(self.d.doc) and self.d.lower[j] == "the" and j not in self.f.ref_at:
                j += 1  # 'of the Czech Republic': the state's name after the article
            ref = self.f.ref_at.get(j)
            if ref is not None and ref.kind in ("name", "org", "capital"):
                return ref.id, ref.end
        return None, i

    def _body_affiliation(self, i: int) -> tuple[str | None, int]:
        """'of/for the Polish Army', 'for the Ukrainian Air Force', "for Ukraine's Air Force" at token i (a demonym
        or a state's possessive, then capitalised words ending in a body word of ``COMMITTEE_WORDS``): (the state,
        token after the body)."""
        if i + 3 >= len(self.d.doc) or self.d.lower[i] not in ("of", "for"):
            return None, i
        owner = self.f.ref_at.get(i + 2) if self.d.lower[i + 1] == "the" else self.f.ref_at.get(i + 1)
        possessive = owner is not None and owner.start == i + 1 and owner.kind == "name" \
            and owner.end < len(self.d.doc) and self.d.words[owner.end] in ("’s", "'s")
        if owner is None or not owner.id.startswith("country:") or not (
                possessive or (owner.start == i + 2 and owner.kind == "demonym")):
            return None, i
        k = owner.end + 1 if possessive else owner.end  # "for Ukraine's Air Force": the state's possessive
        while k < len(self.d.doc) and k - owner.end < 4 and self.d.words[k][:1].isupper() \
                and not self.d.ent_types[k]:
            if self.d.words[k] in COMMITTEE_WORDS:
                return owner.id, k + 1
            k += 1
        return None, i

    def _shaped_title(self, start: int, title: str) -> tuple[int, str]:
        """(title start, title) for a title after up to four capitalised words outside any entity between a state
        (its demonym or name, with or without a possessive) or an article and the title: the words name the office's
        body, rank or portfolio ('Slovenian Deputy Economy Minister', 'Lithuanian Deputy Interior Commissioner',
        'Latvian Defence and Interior Minister', 'French Armed Forces Minister'), whatever the titles list says of
        them.

        'Minister' alone also opens the text ('Armed Forces Minister X said'). Ranks, forms of address and stop
        words end the run; 'and' counts only between two capitalised words."""
        words = self.d.words
        lower_title = words[start].islower()
        k = start
        while k > 0 and start - k < 5:
            w = words[k - 1]
            capital = w.istitle() and w.isalpha() and not self.d.ent_types[k - 1] and not self._stops(w) \
                and not self._rank(w) and (not self.d.doc[k - 1].is_stop or w in COMMITTEE_RANKS)  # 'First Deputy'
            if lower_title and not capital:
                # "Estonia's deputy interior minister": lower-case portfolio words the parse calls nouns
                capital = w.isalpha() and w.islower() and start - k < 3 and (
                    self._noun(k - 1) or w.capitalize() in TITLE_PREFIXES) \
                    and w not in TIME_MODIFIERS and not self.d.doc[k - 1].is_stop
            joins = w == "and" and k < start and k >= 2 and words[k - 2].istitle() and not self.d.ent_types[k - 2]
            if not (capital or joins):
                break
            k -= 1
        if k < start and words[k] == "and":
            k += 1
        if k == start:
            return start, title
        if k > 0 and _BLANK_LINE.search(self.d.text, self.d.cend(k - 1), self.d.cstart(k)):
            return start, title  # a signature block's name line under a blank line is no portfolio (session 17)
        before = self.f.ref_at.get(k - 1) if k > 0 else None
        by_state = before is not None and before.id.startswith("country:") and before.kind in ("demonym", "name")
        if before is None and k >= 2 and words[k - 1] in ("’s", "'s"):
            owner = self.f.ref_at.get(k - 2)
            by_state = owner is not None and owner.id.startswith("country:") and owner.kind == "name"
        # ', Strategic Industries Minister X said': up to three words of a portfolio after a comma open the title
        after_comma = title == "Minister" and k > 0 and self.d.words[k - 1] == "," and start - k <= 3
        opens = by_state or (k > 0 and self.d.lower[k - 1] in ("the", "a", "an")) or (k == 0 and title == "Minister") \
            or after_comma
        if not opens or all(w in TITLE_PREFIXES for w in words[k:start]):
            return start, title  # a rank alone before the title is read by the caller ('Deputy National ...')
        return k, f"{' '.join(w if w == 'and' else w[:1].upper() + w[1:] for w in words[k:start])} {title}"

    def _noun(self, i: int) -> bool:
        """Whether the trained pipeline's parse tags token i as a noun (False without a parse of its sentence)."""
        syntax = self.d.syntax
        return syntax is not None and syntax.parsed[i] and syntax.pos[i] in ("NOUN", "PROPN")

    def _affiliation_before_title(self, title_start: int) -> str | None:
        """The actor right before a title, over the words that say when it was held ("Estonia's new defence
        minister", 'the Czech former defence minister'); "the country's" is the state the text spoke of last."""
        k = title_start
        while k > 0:
            if self.d.lower[k - 1] in TIME_MODIFIERS:
                k -= 1
                continue
            stance = self.f.ref_at.get(k - 1)
            if stance is None or stance.start < 2 or self.d.words[stance.start - 1] != "-" \
                    or self.d.g.cues.get(self.d.lower[stance.start - 2]) != "stance-prefix":
                break
            k = stance.start - 2  # "Hungary's pro-Russian Prime Minister": a stance, not the office's state
        if k >= 2 and self.d.words[k - 1] in ("’s", "'s") and self.d.lower[k - 2] == "country":
            return self._state_spoken_of(k - 2)
        if k >= 2 and self.d.words[k - 1] in ("’s", "'s"):
            official = self.f.ref_at.get(k - 2)
            if official is not None and official.kind == "person" and official.id in self.f.persons:
                # "Zelensky's chief of staff X", "Putin's spokesman X": the state the official serves
                return self._state_of_official(self.f.persons[official.id])
        if k > 0 and "\n" in self.d.clean[self.d.cend(k - 1):self.d.cstart(k)]:
            return None  # a heading's '... of Ukraine' over 'President Biden spoke ...' (session 19)
        return self.f.affiliation_before(k)

    def _state_of_official(self, info: PersonInfo) -> str | None:
        """The state a person of the document serves: of the office the text gave them, else of the officials
        gazetteer's entry; an organisation's official or an unknown person serves none."""
        known = known_official(self.d.g, info.name)
        offices = [of for _, of in info.titles] or ([known[2]] if known else [])
        return offices[-1] if offices and offices[-1].startswith("country:") else None

    def _state_spoken_of(self, i: int) -> str | None:
        """The state "the country" at token i refers to: the first state its sentence names before it (its subject:
        'Sweden will send ... to Ukraine, the country's defence minister said'), else the first the sentence before
        names."""
        sent = self.d.sent_of(i)
        before = self.d.sent_of(sent.start - 1).start if sent.start > 0 else sent.start
        for k in [*range(sent.start, i), *range(before, sent.start)]:
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.id.startswith("country:") and ref.kind in ("name", "demonym", "capital"):
                return ref.id
        return None

    def _state_named_before(self, i: int) -> str | None:
        """The last state named by name or demonym before token i, in its sentence or the one before."""
        sent = self.d.sent_of(i)
        first = self.d.sent_of(sent.start - 1).start if sent.start > 0 else sent.start
        for k in range(i - 1, first - 1, -1):
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.id.startswith("country:") and ref.kind in ("name", "demonym", "capital"):
                return ref.id
        return None

    def _name_after_coordinated_title(self, j: int, title_start: int, title: str) -> tuple[int, int] | None:
        """The name after 'and' and a second title at token j ('Deputy Prime Minister and Defence Minister Jane
        Roe', 'the Deputy Prime Minister and ...'), or None; not after a title the article makes a person of its own
        ('the President and Secretary of Defense X', 'the Prime Minister of Japan and President X': two persons;
        session 19), unless a rank opens it ('the Deputy Prime Minister': an office of several)."""
        if j + 1 >= len(self.d.words) or self.d.lower[j] != "and":
            return None
        if title_start > 0 and self.d.lower[title_start - 1] == "the" and title.split()[0] not in TITLE_PREFIXES:
            return None
        k = j + 1
        if self.d.words[k] in TITLE_PREFIXES:
            k += 1
        second = self.d.ent_at(k, ("TITLE",))
        return self._name_tokens(second.end) if second is not None and second.start == k else None

    def _full_title(self, title: str, of: str) -> str:
        """The title as the graph stores it: 'Ambassador of Russia to the United States',
        'Secretary-General of the United Nations' (the curated seed's convention); other titles stay bare."""
        if title.startswith("Ambassador to ") and of.startswith("country:"):
            return f"Ambassador of {self.d.g.name_with_article(of)} to {title[len('Ambassador to '):]}"
        if title in ("Secretary-General", "Director General") and of.startswith("org:"):
            return f"{title} of {self.d.g.name_with_article(of)}"
        return title

    def _register_person(self, name: str, start: int, end: int, rule: str, title: str | None = None) -> PersonInfo:
        known = known_official(self.d.g, name, title)
        surname = name.split()[-1] if name.split() else name
        if known is None:
            # a bare surname seen before in this document is that person
            for person in self.f.persons.values():
                if name in person.surnames or name == person.name:
                    known = (person.name, "", "")
                    break
        canonical = known[0] if known else drop_initials(name)
        person_id = Person.id_of(name=canonical)
        info = self.f.persons.setdefault(person_id, PersonInfo(person_id, canonical))
        info.surnames.add(surname)
        info.surnames.add(canonical.split()[-1])
        self.f.add_entity(person_id, start, end, rule, name=canonical)
        self.f.add_ref(Ref(start, end, person_id, "person"))
        return info

    def _hold(self, name: tuple[int, int], rule: str, title: str | None = None,
              text: str | None = None) -> PersonInfo:
        """The person named at tokens ``name`` (``text``: the name as known, else as written): registered once and
        its start marked as read; a name read before is that person. Every rule that finds a name ends here."""
        if name[0] in self.registered:
            return self.registered[name[0]]
        info = self._register_person(text or self._name_text(*name), name[0], name[1], rule, title)
        self.registered[name[0]] = info
        self.used.add(name[0])
        return info

    def _title_complement(self, j: int) -> int | None:
        """End of a 'for/of <Capitalised Words>' complement of a title at token j, before the name that follows it.

        The complement is the capitalised run after 'for' or 'of' ('Political Affairs', 'Ukraine’s Economic
        Recovery', 'Diaspora Affairs') minus its last two words when no comma ends it (those are the name); None
        when there is no such run.
        """
        if j >= len(self.d.doc) or self.d.lower[j] not in ("for", "of"):
            return None
        if self.d.lower[j] == "of" and (j + 1 >= len(self.d.doc) or self.d.ent_types[j + 1]):
            return None  # 'President of Ukraine': an affiliation, read before
        k = j + 1
        body = k < len(self.d.doc) and self.d.lower[k] == "the"
        if body:
            # 'Spokeswoman of the Southern Defense Forces Jane Roe': a named body, which must end in a body word
            k += 1
            if k >= len(self.d.doc) or self.d.ent_types[k]:
                return None
        caps: list[int] = []
        while k < len(self.d.doc):
            word = self.d.words[k]
            if word == "of" and caps and self._affiliation_of(k)[0] is not None:
                # 'Minister of Strategic Industry of Ukraine X': the complement ends before the state it is of
                return caps[-1] + 1
            if word[:1].isupper() and _NAME_WORD.fullmatch(word) and self.d.ent_types[k] not in ("TITLE",):
                caps.append(k)
            elif word == "," and caps and k + 2 < len(self.d.doc) and self.d.words[k + 1][:1].isupper() \
                    and self.d.lower[k + 2] in (",", "and"):
                pass  # a coordinated complement: 'for Russia, Ukraine and Eurasia'
            elif word not in ("’s", "'s", "of", "and", "the", "-") or not caps:
                break
            k += 1
        if not caps:
            return None
        if k < len(self.d.doc) and self.d.words[k] == "," and self._name_tokens(k + 1) is not None:
            return caps[-1] + 1  # 'Special Envoy for Ukraine, Penny Pritzker': the name follows the comma
        person = next((m for m in caps if self.d.ent_types[m] == "PERSON"), None)
        # a hyphenated name word is one word ('Carl-Oskar Bohlin'): its parts after a hyphen do not count
        caps = [m for m in caps if not (m >= 2 and self.d.words[m - 1] == "-" and m - 2 in caps)]
        end = person if person is not None else (caps[-2] if len(caps) >= 3 else None)
        if body and (end is None or self.d.lower[end - 1] not in office_words().body_heads):
            return None
        return end if end is not None and end > j + 1 else None

    def _position(self, info: PersonInfo, title: str, of: str | None, title_span: tuple[int, int],
                  name_span: tuple[int, int], rule: str, base: str | None = None) -> None:
        if of is None and any(held != title and held.endswith(f" {title}") for held, _ in info.titles):
            return  # 'Minister Gallant' after 'Israeli Minister of Defense Yoav Gallant': the office read (session 18)
        known = known_official(self.d.g, info.name, title)
        if title == "Secretary":
            # 'Secretary Austin': which department only the gazetteer knows
            if known is None or not known[1].startswith("Secretary"):
                return
            title = known[1]
        elif known and known[1].endswith(" Leader") and self.d.lower[title_span[0]:title_span[1]] == ["leader"]:
            title = known[1]  # 'Leader McConnell': which leader only the gazetteer knows
        elif of is None and known and known[1].endswith(f" {title}") and self.d.home != known[2]:
            # 'As I told Minister Umerov' in a White House text: the known official's own office and state, not
            # a minister of the publisher's state
            title = known[1]
        if of is None and known and (known[1] == title or known[1].startswith(title)):
            of = known[2]
        entry = self.d.g.titles.get(base or title.split(" to ")[0])
        if of is None and entry is not None and entry.default_of:
            of = self._other_state_of_title(entry.countries, entry.default_of, title_span) or entry.default_of
        if of is None:
            earlier = [o for t, o in info.titles if t == title]
            of = earlier[0] if earlier else None
        if of is None and self.d.home and entry is not None and (
                not entry.countries or self.d.home[-3:] in entry.countries) and not self._held_by_another(info, title):
            of = self.d.home
        if of is None and entry is not None and not entry.default_of:
            # 'Bulgarian aid will grow, Defence Minister Todor Tagarev said': the state the sentence opens with
            of = self._state_opening_sentence(min(title_span[0], name_span[0]))
            if of is None and name_span[0] > title_span[0]:
                of = self._state_supplying_in_speech(name_span[1])
            if of is None and not any(self.d.lower[k] == "of" and self.d.lower[k + 1] == "the"
                                      for k in range(title_span[0], max(title_span[1], name_span[0]) - 1)):
                # not when the text says whose office and it was not read ('of the Kingdom', no kingdom named)
                of = self._state_of_context(min(title_span[0], name_span[0]))
        if of is None:
            return
        title = self._full_title(title, of)
        info.titles.append((title, of))
        a = min(title_span[0], name_span[0])
        b = max(title_span[1], name_span[1])
        self.f.add_position(info.id, title, of, a, b, rule)

    def _state_by_form(self, word: str, i: int) -> str | None:
        """The last state named before token i whose official name has ``word`` ('Kingdom' -> Kingdom of Sweden)."""
        for k in range(i - 1, -1, -1):
            ref = self.f.ref_at.get(k)
            if ref is None or ref.start != k or not ref.id.startswith("country:") \
                    or ref.kind not in ("name", "demonym", "capital"):
                continue
            country = self.d.g.countries.get(ref.id.partition(":")[2])
            if country is not None and any(word in name.split() for name in country.names):
                return ref.id
        return None

    def _state_opening_sentence(self, i: int) -> str | None:
        """The first state named in token i's sentence before i, by name, demonym or capital ('Ottawa will send
        ...'; None after 'to'/'for'/...); not one inside a quotation ('"Ukraine has to win," minister X told ...'
        names whose office nothing)."""
        start = self.d.sent_of(i).start
        quoted = start > 0 and self.d.words[start - 1] in ("“", '"')  # the sentence opens inside a quotation
        for k in range(start, i):
            if self.d.words[k] in ("“", "”", '"'):
                quoted = self.d.words[k] != "”" and not (quoted and self.d.words[k] == '"')
                continue
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.start == k and ref.id.startswith("country:") and not quoted \
                    and ref.kind in ("name", "demonym", "capital"):
                if k > 0 and self.d.lower[k - 1] in ("to", "for", "with", "against", "from", "of", "in"):
                    return None
                return ref.id
        return None

    def _other_state_of_title(self, countries: tuple[str, ...], default: str,
                              span: tuple[int, int]) -> str | None:
        """'..., by the United Kingdom, Defence Secretary X said': a title whose default state is one of several
        that use it (``titles.csv`` countries), in the British spelling, in a sentence (or the one before) that
        names exactly one other of them and not the default: that state (session 15)."""
        if not any(self.d.lower[k] == "defence" for k in range(*span)):
            return None
        sent = self.d.sent_of(span[0])
        first = self.d.sent_of(sent.start - 1).start if sent.start > 0 else sent.start
        named = {ref.id for k in range(first, sent.end) if (ref := self.f.ref_at.get(k)) is not None
                 and ref.id.startswith("country:") and ref.kind in ("name", "demonym", "capital")}
        others = {c for c in named if c[-3:] in countries and c != default}
        return others.pop() if len(others) == 1 and default not in named else None

    def _state_of_context(self, i: int) -> str | None:
        """A state-less title at token i read from its context (session 15): 'In Madrid, Defence Minister X said'
        (the place opening the sentence right before the title); else, when its sentence names no state at all,
        the state opening the sentence before ('North Macedonia has given ... . Defence Minister X said ...';
        'Croatian President Y said ... . Defence Minister X said ...'). A sentence naming other states keeps it
        unsaid (which of them is the office's is not said), unless it names that state again (session 16)."""
        sent = self.d.sent_of(i)
        words = self.d.lower
        if i - sent.start >= 3 and words[sent.start] == "in" and self.d.words[i - 1] == ",":
            ref = self.f.ref_at.get(sent.start + 1)
            if ref is not None and ref.start == sent.start + 1 and ref.end == i - 1 \
                    and ref.id.startswith("country:") and ref.kind in ("name", "capital"):
                return ref.id
        if sent.start == 0:
            return None
        named = self._states_unquoted(sent.start, sent.end)
        before = self.d.sent_of(sent.start - 1)
        if before.start > 0 and not self._names_state(before.start, before.end):
            # 'Estonia announced its package ... . It includes: ... . "...," defence minister X told ERR': over one
            # sentence naming no state (session 18)
            before = self.d.sent_of(before.start - 1)
        state = self._state_opening_sentence(before.end - 1) if before.end - before.start > 3 else None
        first = next((ref for k in range(before.start, before.end)
                      if (ref := self.f.ref_at.get(k)) is not None and ref.id == state), None)
        if first is not None and first.start - before.start > 3:
            first = None  # '... has released €8.3bn for 35 US F-35A fighters': a state inside, not the opener
        if first is None:
            # 'The Bundestag's budget committee has released ...': a parliament opening the sentence is its state's
            own = next((parliaments().get(self.d.words[k]) for k in range(before.start, min(before.end,
                                                                                           before.start + 2))
                        if self.d.words[k] in parliaments()), None)
            return own if own is not None and (not named or own in named) else None
        if (first.end + 1 < before.end and self.d.lower[first.end] in ("and", ",", "or")
                             and (other := self.f.ref_at.get(first.end + 1)) is not None
                             and other.id.startswith("country:")):
            return None  # 'Germany and France will send ...': whose minister is not said
        # a sentence naming other states keeps the office unsaid, unless it names that state again ('Poland signed
        # ... . Defence minister X said ..., which Warsaw handed to Kyiv')
        return state if not named or state in named else None

    def _states_unquoted(self, start: int, end: int) -> set[str]:
        """The states named in tokens [start, end) outside quotation marks (a sentence may open inside one: the
        sentencizer leaves the opening mark on the sentence before); a quoted state names whose office nothing."""
        quoted = start > 0 and self.d.words[start - 1] in ("“", '"')
        out: set[str] = set()
        for k in range(start, end):
            if self.d.words[k] in ("“", "”", '"'):
                quoted = self.d.words[k] != "”" and not (quoted and self.d.words[k] == '"')
                continue
            ref = self.f.ref_at.get(k)
            if ref is not None and not quoted and ref.id.startswith("country:"):
                out.add(ref.id)
        return out

    def _names_state(self, start: int, end: int) -> bool:
        return any((ref := self.f.ref_at.get(k)) is not None and ref.id.startswith("country:")
                   for k in range(start, end))

    def _state_supplying_in_speech(self, j: int) -> str | None:
        """'Defence Minister Jane Roe said Sweden would send ...': a title naming no state, its holder's speech verb
        right after the name, and a state (by name or capital) opening what is said as the subject of a supply verb
        (``triggers.csv`` kind supply, within three tokens): the minister speaks of their own state's supply. A
        state that receives, is attacked or is named later says nothing of whose office it is."""
        words = self.d.lower
        if j >= len(words) or words[j] not in self.d.g.speech_verbs:
            return None
        k = j + 1
        if k < len(words) and words[k] == "that":
            k += 1
        ref = self.f.ref_at.get(k)
        if ref is None or ref.start != k or not ref.id.startswith("country:") or ref.kind not in ("name", "capital"):
            return None
        verbs = range(ref.end, min(ref.end + 3, len(words)))
        if any(any(kind == "supply" for kind, _ in self.d.g.triggers.get(words[m], ())) for m in verbs):
            return ref.id
        return None

    def _body_phrase(self, j: int) -> tuple[int, str | None]:
        """'for the Czech defence ministry', 'at the Polish embassy' after a title at token j, up to the punctuation
        that closes an apposition: (its end, the state named in it); (j, None) when no such phrase follows."""
        if j >= len(self.d.words) or self.d.lower[j] not in ("for", "of", "at", "in"):
            return j, None
        state = None
        k = j + 1
        while k < len(self.d.words) and k - j <= 7:
            if self.d.words[k] in (",", ")", ";", "—", "–", "."):
                return (k, state) if state is not None else (j, None)
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.id.startswith("country:") and ref.kind in ("name", "demonym") and state is None:
                state, k = ref.id, ref.end
                continue
            if ref is not None and ref.kind == "org" and state is None and self.d.lower[k - 1] in ("the", "for", "of"):
                state, k = ref.id, ref.end  # 'a spokesman for the Pentagon,': the organisation the office is of
                continue
            if ref is not None or not self.d.words[k].islower():
                break  # a person, an organisation or a capitalised name: not a body of a state said in words
            k += 1
        return j, None

    def _appositive_person(self, title_start: int, title_end: int) -> Ref | None:
        """The person before 'NAME, the NSC spokesman,' or 'NAME (UK defence secretary)': an article or affiliation
        between the comma and the title, and the apposition closed by punctuation."""
        if title_end < len(self.d.words) and self.d.words[title_end] not in (",", ".", ";", ")", "—", "–"):
            return None
        k = title_start - 1
        while k > 0 and (self.d.lower[k] in ARTICLES | TIME_MODIFIERS or (
                k in self.f.ref_at and self.f.ref_at[k].kind in ("org", "name", "demonym", "capital"))
                or self.d.g.cues.get(self.d.lower[k]) == "holder-word"):  # 'X, who became Estonia's defence minister,'

            k = self.f.ref_at[k].start - 1 if k in self.f.ref_at else k - 1
        if k < 1 or self.d.words[k] not in (",", "(") or (k == title_start - 1 and self.d.words[k] == ","):
            return None
        # 'Kallio, Finland's defence minister, said': a surname alone opening the sentence, the apposition closed
        # right before a speech verb
        speaks = title_end + 1 < len(self.d.words) and self.d.words[title_end] == "," \
            and self.d.lower[title_end + 1] in self.d.g.speech_verbs
        return self._person_before(k, surname_speaks=speaks)

    def _held_by_another(self, info: PersonInfo, title: str) -> bool:
        """The publisher's state's ``title`` was held by someone else on the document's date (``office_terms.csv``):
        'President Sisi' in a White House readout is no President of the United States (session 20)."""
        home, anchor = self.d.home, self.d.anchor
        if home is None or anchor is None:  # no date, no holder (as ``Facts.office_holder``): the title stays
            return False
        holders = self.d.g.holders(title, home, anchor)
        surname = info.name.split()[-1]
        return bool(holders) and not any(name.split()[-1] == surname for name in holders)

    def _byline(self, comma: int, title_end: int) -> bool:
        """A line of its own that is a name, a comma and a title ('Antony J. Blinken, Secretary of State' over the
        dateline of a press statement; session 18): the comma's line opens at most five tokens before it, and the
        title ends the line."""
        text = self.d.text
        if title_end < len(self.d.words) and "\n" not in text[self.d.cend(title_end - 1):self.d.cstart(title_end)]:
            return False
        line = text.rfind("\n", 0, self.d.cstart(comma)) + 1
        first = self.d.tok_index(line)
        return 2 <= comma - first <= 5 and all(_NAME_WORD.fullmatch(w) or w in SUFFIXES
                                                for w in self.d.words[first:comma])

    def _person_before(self, k: int, surname_speaks: bool = False) -> Ref | None:
        """The person whose name ends right before the comma or bracket at token k: one the text has read, else a
        capitalised name the gazetteers lack, registered here ('Kaja Kallas (Estonian prime minister)'). One word is
        a name only before a bracket, or with ``surname_speaks`` as a proper noun opening its sentence."""
        back = self.f.ref_at.get(k - 1)
        if back is None and k - 1 not in self.f.ref_at:
            m = k - 1
            while m >= 0 and _NAME_WORD.fullmatch(self.d.words[m]) and not self.d.ent_types[m] \
                    and not self._stops(self.d.words[m]) and not self._rank(self.d.words[m]) \
                    and not self.d.doc[m].is_stop:
                m -= 1  # not 'If' or 'When' opening the sentence: 'If Lambrecht (German Defense Minister) ...'
            # one word only before a bracket: 'Lambrecht (German Defense Minister)', a surname the title explains
            one = self.d.words[k] == "(" or (surname_speaks and m + 1 == self.d.sent_of(k).start == k - 1
                                              and self._noun(k - 1) and self.d.syntax is not None
                                              and self.d.syntax.pos[k - 1] == "PROPN")
            fewest = 1 if one else 2
            if fewest <= k - 1 - m <= 4 and (m < 0 or not self.d.words[m][:1].isupper() or self.d.doc[m].is_stop) \
                    and self.d.lower[k - 1] not in self.d.g.non_person_heads:
                self._register_person(self._name_text(m + 1, k), m + 1, k, "person:name-appositive")
                back = self.f.ref_at.get(k - 1)
        return back if back is not None and back.kind == "person" and back.id in self.f.persons else None

    def _named_persons(self) -> None:
        """'a former president named Abraham Lincoln', 'a soldier called Jane Roe': a person noun, then 'named' or
        'called' and a name of two to four capitalised words (rule ``person:named``; no position: no office is
        said)."""
        for i, word in enumerate(self.d.lower):
            if word not in ("named", "called") or i == 0 or self.d.lower[i - 1] not in PERSON_NOUNS:
                continue
            name = self._name_tokens(i + 1)
            if name is None or name[0] in self.registered or not 2 <= name[1] - name[0] <= 4 \
                    or name[0] in self.f.ref_at:
                continue
            self._hold(name, "person:named")

    def _chairs_of_a_states_body(self) -> None:
        """'Secretary of the National Security and Defense Council of Ukraine Jane Roe', 'the head of Ukraine's
        military intelligence Jane Roe': an office of a body the state is named after (or before, as a possessive);
        the title keeps the office and body words ('Secretary of the National Security and Defense Council')."""
        words, n = self.d.words, len(self.d.words)
        for c, word in enumerate(words):
            if c + 3 >= n:
                break
            if word in COMMITTEE_WORDS and self.d.lower[c + 1] == "of":
                state = self.f.ref_at.get(c + 3 if self.d.lower[c + 2] == "the" else c + 2)
                if state is None or state.kind != "name" or not state.id.startswith("country:"):
                    continue
                k = c  # back over the body's words to 'of the' and the office before it
                while k > 0 and (words[k - 1][:1].isupper() or words[k - 1] in ("and", "of")) \
                        and not self.d.ent_types[k - 1] and c - k < 8:
                    k -= 1
                if k < 3 or self.d.lower[k - 1] != "the" or self.d.lower[k - 2] != "of" \
                        or words[k - 3].capitalize() not in COMMITTEE_CHAIRS:
                    continue
                start, office_end, name_at = k - 3, c + 1, state.end
                while start > 0 and self.d.doc[start].ent_iob_ == "I":
                    start -= 1  # the whole title the office word ends: 'Commander-in-Chief of the Armed Forces'
            elif word.capitalize() in COMMITTEE_CHAIRS and self.d.lower[c + 1] == "of":
                state = self.f.ref_at.get(c + 2)
                if state is None or state.kind != "name" or not state.id.startswith("country:") \
                        or state.end >= n or words[state.end] not in ("’s", "'s"):
                    continue
                m = state.end + 1
                while m < n and m - state.end <= 3 and words[m].islower() and words[m].isalpha():
                    m += 1
                if m == state.end + 1:
                    # "the secretary of Ukraine's National Security and Defense Council, X": the body's own name
                    m = self._named_body_end(m)
                if m == state.end + 1:
                    continue
                start, office_end, name_at = c, m, m
                if m + 1 < n and words[m] == ",":
                    name_at = m + 1  # "the head of Ukraine's military intelligence, Jane Roe,"
            else:
                continue
            name = self._name_tokens(name_at)
            if name is None or name[0] in self.registered:
                continue
            if office_end == name_at or (office_end + 1 == name_at and words[office_end] == ","):
                body = " ".join(words[state.end + 1: office_end])
                title = f"{words[start].capitalize()} of {'the ' if body[:1].isupper() else ''}{body}"
            else:
                title = " ".join(self.d.clean[self.d.cstart(start):self.d.cend(office_end - 1)].split())
            info = self._hold(name, "person:title-name", title)
            self._position(info, title, state.id, (start, office_end), name, "position:body-office")

    def _ambassador_to(self, title: str, j: int, of: str | None) -> tuple[str, int]:
        """'Ambassador to Germany', a state's 'ambassador to NATO' at token j (after the title, or after its 'of
        Ukraine'): (the title with where the ambassador is sent, the token after it); else as given."""
        if title != "Ambassador" or j + 1 >= len(self.d.doc) or self.d.lower[j] != "to":
            return title, j
        ref = self.f.ref_at.get(j + 1) or self.f.ref_at.get(j + 2)
        if ref is not None and ref.id.startswith("country:"):
            return f"Ambassador to {self.d.g.name_with_article(ref.id)}", ref.end
        if ref is not None and ref.kind == "org" and of is not None:
            # 'U.S. ambassador to NATO Kurt Volker': the ambassador of a state to an organisation
            return f"Ambassador to {self.d.clean[self.d.cstart(j + 1):self.d.cend(ref.end - 1)]}", ref.end
        return title, j

    def _offices_of_body_chains(self) -> None:
        """'Head of the Main Intelligence Directorate of the Ministry of Defense of Ukraine X', 'The Commander of the
        Ground Forces of the Armed Forces of Ukraine, X,': an office word (``COMMITTEE_CHAIRS``) outside any entity,
        then 'of the' and one or more named bodies joined by 'of the', ending in 'of <State>' or a state's ministry;
        the title is the office of the first body, ranks before it kept ('Deputy Head of the ...'); rule
        ``position:body-chain``."""
        words, lower, n = self.d.words, self.d.lower, len(self.d.words)
        for o in range(n - 4):
            if self.d.ent_types[o] or words[o] not in COMMITTEE_CHAIRS or lower[o + 1] != "of" \
                    or lower[o + 2] != "the":
                continue
            k, first, state = o + 3, 0, None
            while k < n and state is None:
                end = self._named_body_end(k)
                if end == k or end >= n or lower[end] != "of":
                    break
                first = first or end
                state, after = self._affiliation_of(end)
                ref = self.f.ref_at.get(after - 1) if state is not None else None
                if ref is not None and ref.kind == "capital":
                    state = None  # 'the Kyiv School of Economics': a capital inside a name is a place
                if state is not None and state.startswith("org:"):
                    org = self.d.g.org(state)  # '... of the Ministry of Defense of Ukraine': the ministry's state
                    state = f"country:{org.country}" if org is not None and org.country else None
                    k = after if state is not None else k
                    break
                if state is not None:
                    k = after
                elif end + 1 < n and lower[end + 1] == "the":
                    k = end + 2
                else:
                    break
            if not first or state is None or not state.startswith("country:"):
                continue
            name = self._name_tokens(k + 1 if k < n and words[k] == "," else k)
            if name is None or name[0] in self.registered or name[1] - name[0] < 2:
                continue
            b = o
            while b > 0 and words[b - 1] in COMMITTEE_RANKS:
                b -= 1
            title = " ".join(words[b:first])
            info = self._hold(name, "person:title-name", title)
            self._position(info, title, state, (b, k), name, "position:body-chain")

    def _offices_of_organisations(self) -> None:
        """'Head of the Pentagon Jane Roe', "the chair of NATO's Military Committee, Jane Roe,": an office word
        (``COMMITTEE_CHAIRS``) of an organisation the gazetteer knows, before the name; a state's institution gives
        the state ('Head of the Pentagon' of USA), an international one only an office of its named body, held in
        the organisation ('Chair of the Military Committee' of NATO); rule ``position:org-office``."""
        words, n = self.d.words, len(self.d.words)
        for o in range(n - 3):
            if self.d.ent_types[o] or words[o].capitalize() not in COMMITTEE_CHAIRS or self.d.lower[o + 1] != "of" \
                    or (words[o].islower() and (o == 0 or self.d.lower[o - 1] not in ("the", ","))):
                continue
            ref = self.f.ref_at.get(o + 2) or self.f.ref_at.get(o + 3) if self.d.lower[o + 2] == "the" \
                else self.f.ref_at.get(o + 2)
            org = self.d.g.org(ref.id) if ref is not None and ref.kind == "org" else None
            if ref is None or org is None:
                continue
            end, body = ref.end, ""
            if ref.end + 1 < n and words[ref.end] in ("’s", "'s"):
                end = self._named_body_end(ref.end + 1)
                body = " ".join(words[ref.end + 1:end])
            if org.country and not body:
                written = self.d.clean[self.d.cstart(o + 2):self.d.cend(end - 1)]
                of, title = f"country:{org.country}", f"{words[o].capitalize()} of {written}"
            elif not org.country and body:
                of, title = org.id, f"{words[o].capitalize()} of the {body}"
            else:
                continue
            held = self._office_holder(o, end)
            if held is not None:
                self._position(self._hold(held[0], held[1], title), title, of, (o, end), held[0],
                               "position:org-office")

    def _commands_of_areas(self) -> None:
        """'the commander of U.S. Army Europe Jane Roe', 'Commander of US Air Forces Africa, Jane Roe,': an office
        word (``COMMITTEE_CHAIRS``) of a state's service named with the area it commands (``cues.csv`` kind
        ``command-area``), the state's name or demonym opening the service's name; the title keeps the name as
        written; rule ``position:area-command``."""
        words, n = self.d.words, len(self.d.words)
        for o in range(n - 4):
            if self.d.ent_types[o] or words[o].capitalize() not in COMMITTEE_CHAIRS or self.d.lower[o + 1] != "of":
                continue
            k = o + 3 if self.d.lower[o + 2] == "the" else o + 2
            state = self.f.ref_at.get(k)
            if state is None or state.start != k or state.kind not in ("name", "demonym") \
                    or not state.id.startswith("country:"):
                continue
            e = state.end
            while e < n and e - state.end < 4 and words[e].istitle() and words[e].isalpha() \
                    and not self.d.ent_types[e] and self.d.g.cues.get(self.d.lower[e]) != "command-area":
                e += 1
            if e == state.end or words[e - 1] not in COMMITTEE_WORDS or e >= n \
                    or self.d.g.cues.get(self.d.lower[e]) != "command-area":
                continue
            held = self._office_holder(o, e + 1)
            if held is not None:
                title = f"{words[o].capitalize()} of {self.d.clean[self.d.cstart(o + 2):self.d.cend(e)]}"
                self._position(self._hold(held[0], held[1], title), title, state.id, (o, e + 1), held[0],
                               "position:area-command")

    def _office_holder(self, o: int, end: int) -> tuple[tuple[int, int], str] | None:
        """Who holds the office written at tokens [o, end): the name right after it ('Head of the Pentagon Jane Roe',
        '..., Jane Roe,'), else the name the office follows in apposition ('Jane Roe, chair of ...,', 'Jane Roe, the
        commander of ...'): (the name's tokens, the rule that reads it)."""
        words, n = self.d.words, len(self.d.words)
        name = self._name_tokens(end + 1 if end < n and words[end] == "," else end)
        if name is not None and name[1] - name[0] >= 2:
            return name, "person:title-name"
        c = o - 1 if o > 0 and self.d.lower[o - 1] not in ("the", "a") else o - 2
        if c < 1 or words[c] != ",":
            return None
        back = self.f.ref_at.get(c - 1)
        if back is not None and back.kind == "person" and back.end == c and back.end - back.start >= 2:
            return (back.start, back.end), "person:name-appositive"
        m = c - 1
        while m >= 0 and _NAME_WORD.fullmatch(words[m]) and not self.d.ent_types[m] and not self._stops(words[m]) \
                and not self._rank(words[m]) and not self.d.doc[m].is_stop:
            m -= 1
        if not 2 <= c - 1 - m <= 4 or self.d.lower[c - 1] in self.d.g.non_person_heads \
                or (m >= 0 and words[m][:1].isupper() and not self.d.doc[m].is_stop and not self._rank(words[m])):
            return None
        return (m + 1, c), "person:name-appositive"

    def _named_body_end(self, m: int) -> int:
        """The end of a body's own name at token m: capitalised words (and 'and', 'of') outside any entity, at most
        six, the last one a body word ('National Security and Defense Council', 'Main Intelligence Directorate');
        m itself when there is none."""
        words, n = self.d.words, len(self.d.words)
        e, last = m, m
        while e < n and e - m < 6 and not self.d.ent_types[e] and (
                (words[e].istitle() and words[e].isalpha()) or (e > m and words[e] in ("and", "of"))):
            e += 1
            if words[e - 1] in COMMITTEE_WORDS:
                last = e
        return last

    def _chair_before(self, a: int) -> tuple[int, str] | None:
        """The chair's office written before 'of the' and a body at token a ('Deputy Chairman of the ...'): the
        office's first token (ranks of ``office_words.csv`` included) and its words capitalised; one walk for the
        committees of a state's body and of a named parliament."""
        words, lower = self.d.words, self.d.lower
        if a < 3 or lower[a - 1] != "the" or lower[a - 2] != "of" or words[a - 3].capitalize() not in COMMITTEE_CHAIRS:
            return None
        b = a - 3
        while b > 0 and words[b - 1] in COMMITTEE_RANKS:
            b -= 1
        return b, " ".join(w.capitalize() if w.islower() else w for w in words[b: a - 2])

    def _committee_chairs(self) -> None:
        """'Deputy Chairman of the French Defense Committee Jean Roe', 'Commander of the Ukrainian Ground Forces Jane
        Roe': an office of a state's named body (a parliament's committee, a service, a bureau), held in the state the
        demonym (or the state's name) before the body names; the title keeps the body's own words ('Deputy Chairman
        of the Defense Committee')."""
        words, n = self.d.words, len(self.d.words)
        for c, word in enumerate(words):
            if word not in COMMITTEE_WORDS or c + 1 >= n:
                continue
            k = c - 1
            while k > 0 and words[k][:1].isupper() and not self.d.ent_types[k] and k not in self.f.ref_at:
                k -= 1
            owner = self.f.ref_at.get(k)
            if owner is None or owner.kind not in ("demonym", "name") or not owner.id.startswith("country:"):
                continue
            a = owner.start
            chair = self._chair_before(a)
            if chair is None:
                continue
            b, office = chair
            if b > 0 and words[b - 1][:1].isupper() and words[b - 1] not in ("The", "A", "An") \
                    and not self.d.ent_types[b - 1]:
                continue
            name = self._name_tokens(c + 1)
            if name is None and words[c + 1] == "," and c + 2 < n:
                name = self._name_tokens(c + 2)  # 'Head of the Polish National Security Bureau, Jane Roe,'
            if name is None or name[0] in self.registered:
                continue
            title = f"{office} of the {' '.join(words[owner.end: c + 1])}"
            info = self._hold(name, "person:title-name", title)
            self._position(info, title, owner.id, (b, c + 1), name, "position:committee-chair")

    def _parliament_committee_chairs(self) -> None:
        """'Chairman of the Bundestag defence committee Jane Roe', 'Jane Roe, chair of the Sejm defence committee,':
        the office of a committee of a parliament named by its own name (``data/parliaments.csv``), which says the
        state; up to three lower-case words between the parliament and 'committee'."""
        words, lower, n = self.d.words, self.d.lower, len(self.d.words)
        for c, word in enumerate(lower):
            if word not in ("committee", "subcommittee"):
                continue
            p = c - 1
            while p > c - 4 and p > 0 and words[p].islower():
                p -= 1
            state = parliaments().get(words[p])
            chair = self._chair_before(p) if state is not None else None
            if state is None or chair is None:
                continue
            b, office = chair
            title = " ".join([office, *words[p - 2: c + 1]])
            name = self._name_tokens(c + 1) if c + 1 < n else None
            if name is not None and name[0] not in self.registered:
                info = self._hold(name, "person:title-name", title)
                self._position(info, title, state, (b, c + 1), name, "position:committee-chair")
                continue
            if b > 1 and words[b - 1] == "," and c + 1 < n and words[c + 1] in (",", ".", ";"):
                back = self._person_before(b - 1)  # 'Jane Roe, chairman of the Bundestag defence committee,'
                if back is not None and back.kind == "person":
                    self._position(self.f.persons[back.id], title, state, (b, c + 1), (back.start, back.end),
                                   "position:committee-chair")

    def _parliament_members(self) -> None:
        """'Bundestag member Jane Roe', 'Rada deputy Jane Roe': a member of a parliament named by its own name
        (``data/parliaments.csv``) holds the title Member of Parliament of its state; so does 'Ukrainian MP Jane
        Roe' (a state's demonym or name before 'MP'; not a title of ``titles.csv``, where it would break 'Akeron MP'
        missiles) (session 15)."""
        words = self.d.words
        for m in range(1, len(words) - 2):
            state = None
            if self.d.lower[m] in ("member", "deputy", "lawmaker") and words[m - 1] in parliaments():
                state = parliaments()[words[m - 1]]
            elif words[m] == "MP" and (ref := self.f.ref_at.get(m - 1)) is not None and ref.end == m \
                    and ref.id.startswith("country:") and ref.kind in ("demonym", "name"):
                state = ref.id
            if state is None:
                continue
            title = "Member of Parliament"
            known = self.f.ref_at.get(m + 1)
            if known is not None and known.start == m + 1 and known.kind == "person" and known.id in self.f.persons:
                # the name was read before (the document's author from its title): that person holds it
                if not self.f.persons[known.id].titles:
                    self._position(self.f.persons[known.id], title, state, (m - 1, m + 1), (known.start, known.end),
                                   "position:parliament-member")
                continue
            name = self._name_tokens(m + 1)
            if name is None or name[1] - name[0] < 2 or (
                    name[0] in self.registered and self.registered[name[0]].titles):
                continue
            self._position(self._hold(name, "person:title-name", title), title, state, (m - 1, m + 1), name,
                           "position:parliament-member")

    def _state_body(self, k: int) -> tuple[str, list[str], int] | None:
        """A state's body at token k: [the] demonym or "State's", then one to four words up to the punctuation that
        closes an apposition ('the Portuguese defence ministry,', "Lithuania's military intelligence."): (the state,
        the body's words, the token after them)."""
        words, n = self.d.words, len(self.d.words)
        if k < n and self.d.lower[k] == "the":
            k += 1
        state = self.f.ref_at.get(k)
        if state is None or state.start != k or not state.id.startswith("country:"):
            return None
        m = state.end
        if state.kind == "name" and m < n and words[m] in ("’s", "'s"):
            m += 1
        elif state.kind != "demonym":
            return None
        e = m
        while e < n and e - m < 4 and words[e].isalpha() and not self.d.ent_types[e] and e not in self.f.ref_at:
            e += 1
        if e == m or e >= n or words[e] not in (",", ".", ";", ")", "—", "–") \
                or self.d.lower[e - 1] not in office_words().body_heads:
            return None
        return state.id, words[m:e], e

    def _body_title(self, verb_or_noun: str, body: list[str]) -> str:
        """The office of who heads a state's body: a ministry's head is its minister, as ``titles.csv`` writes it
        ('defence ministry' -> 'Defense Minister'); another body's is 'Head of <body>' (``_chairs_of_a_states_body``'s
        convention: 'Head of military intelligence')."""
        if body[-1].lower() == "ministry" and len(body) > 1:
            written = f"{' '.join(body[:-1])} minister"
            for entry in self.d.g.titles.values():
                if any(v.lower() == written.lower() for v in entry.variants):
                    return entry.title
            return " ".join(w[:1].upper() + w[1:] for w in written.split())
        noun = verb_or_noun if verb_or_noun in COMMITTEE_CHAIRS else "Head"
        named = body[-1][:1].isupper()  # a body's own name takes its article ('Head of the State Border Guard Service')
        return f"{noun} of {'the ' if named else ''}{' '.join(body)}"

    def _offices_after_names(self) -> None:
        """'Jane Roe, who heads the Portuguese defence ministry,' and 'Jane Roe, the head of Lithuania's military
        intelligence,': a name, then a relative clause with a verb of heading (``cues.csv`` kind ``office-verb``) or
        an office noun and 'of', then a state's body closed by punctuation (rule ``position:heads-body``)."""
        words, n = self.d.words, len(self.d.words)
        for c in range(1, n - 3):
            if words[c] != ",":
                continue
            k = c + 1
            if self.d.lower[k] == "who" and self.d.g.cues.get(self.d.lower[k + 1]) == "office-verb":
                noun, body_at = "Head", k + 2
            else:
                if self.d.lower[k] in ("the", "a", "an"):
                    k += 1
                if k + 1 >= n or words[k].capitalize() not in COMMITTEE_CHAIRS or self.d.lower[k + 1] != "of" \
                        or self.d.ent_types[k]:
                    continue
                noun, body_at = words[k].capitalize(), k + 2
            found = self._state_body(body_at)
            if found is None:
                continue
            state, body, end = found
            back = self.f.ref_at.get(c - 1)
            if back is None:
                m = c - 1
                while m >= 0 and _NAME_WORD.fullmatch(words[m]) and not self.d.ent_types[m] \
                        and not self._stops(words[m]) and not self._rank(words[m]) and not self.d.doc[m].is_stop:
                    m -= 1
                if not 2 <= c - 1 - m <= 4 or self.d.lower[c - 1] in self.d.g.non_person_heads \
                        or (m >= 0 and words[m][:1].isupper() and not self.d.doc[m].is_stop
                            and not self._rank(words[m])):  # 'Lieutenant General Jane Roe, commander of ...'

                    continue
                self._hold((m + 1, c), "person:name-appositive")
                back = self.f.ref_at.get(c - 1)
            if back is None or back.kind != "person" or back.id not in self.f.persons:
                continue
            title = self._body_title(noun, body)
            self._position(self.f.persons[back.id], title, state, (c + 1, end), (back.start, back.end),
                           "position:heads-body")

    def _shaped_offices(self) -> None:
        """An office ``titles.csv`` lacks, shaped like a title: a state (its demonym, or its name and possessive),
        capitalised words outside any entity ending in an office noun (``cues.csv`` kind ``office-head``: Chief,
        Director, Inspector, ...), then a name ('Norwegian Army Inspector General Lars Brekke', 'Ukrainian Defence
        Intelligence Chief Jane Roe'): the words between the state and the name are the title (rule
        ``position:shaped-title``)."""
        words, n = self.d.words, len(self.d.words)
        for i in range(1, n - 1):
            # the office noun in lower case only after a body's own name ('Ukrainian Ground Forces commander X')
            lower_case = words[i].islower() and words[i - 1] in COMMITTEE_WORDS
            if self.d.ent_types[i] or not (words[i].istitle() or lower_case) \
                    or self.d.g.cues.get(self.d.lower[i]) != "office-head":
                continue
            k, _ = self._shaped_title(i if lower_case else i + 1, "")
            if k >= i or not any(w in office_words().state_office for w in self.d.lower[k:i]):
                continue  # no state before the office words, or no state's body in them ('Film Director')
            name = self._name_tokens(i + 1)
            if name is None or name[0] in self.registered or name[1] - name[0] < 2 or name[0] in self.f.ref_at:
                continue
            title = " ".join([*words[k:i], words[i].capitalize(), *words[i + 1:name[0]]])
            opener = self.f.ref_at.get(k - 1)
            if opener is None or opener.kind != "demonym":
                opener = self.f.ref_at.get(k - 2) if words[k - 1] in ("’s", "'s") else None
            if opener is None or not opener.id.startswith("country:"):
                continue  # a demonym or "State's" only: 'U.S. Central Command Commander Admiral X' is read as before
            state = opener.id
            info = self._hold(name, "person:title-name", title)
            self._position(info, title, state, (k, name[0]), name, "position:shaped-title")

    def _counterparts(self) -> None:
        """'German Defence Minister X and his Dutch counterpart Jane Roe': a state's counterpart (``cues.csv`` kind
        ``counterpart``) holds the office of the last official named before it in that sentence or the one before,
        in the state the demonym or possessive names (rule ``position:counterpart``)."""
        words, n = self.d.words, len(self.d.words)
        for i in range(1, n - 1):
            if self.d.g.cues.get(self.d.lower[i]) != "counterpart":
                continue
            state = self.f.ref_at.get(i - 1)
            if state is None and i >= 2 and words[i - 1] in ("’s", "'s"):
                state = self.f.ref_at.get(i - 2)
                state = state if state is not None and state.kind == "name" else None
            if state is None or not state.id.startswith("country:") or state.kind not in ("demonym", "name"):
                continue
            at = i + 2 if words[i + 1] == "," else i + 1
            name = self._name_tokens(at)
            if name is None or name[1] - name[0] < 2 or (
                    name[0] in self.registered and self.registered[name[0]].titles):
                continue  # a person read before only as a name ('his Czech counterpart Petr Fiala') may hold it
            office = self._office_named_before(state.start)
            if office is None or office[1] == state.id or office[0].startswith("Ambassador"):
                continue
            info = self._hold(name, "person:title-name", office[0])
            self._position(info, office[0], state.id, (state.start, i + 1), name, "position:counterpart")

    def _plural_titles(self) -> None:
        """'Defence ministers Kari Vik of Norway and Pal Lind of Sweden', 'Polish and Czech prime ministers ...': a
        title in the plural (``Gazetteer.plural_titles``) before two or more names joined by commas and 'and'; each
        holds it, of the state 'of X' after the name names, else the officials gazetteer's (rule
        ``position:plural-title``). A state before the plural is not read: which name holds it is not said."""
        words, lower, n = self.d.words, self.d.lower, len(self.d.words)
        plurals = self.d.g.plural_titles
        i = 0
        while i < n:
            found = next(((size, plurals[key]) for size in (3, 2, 1)
                          if (key := tuple(lower[i:i + size])) in plurals and i + size < n), None)
            if found is None or self.d.ent_types[i] == "TITLE":
                i += 1
                continue
            size, title = found
            j = i + size
            holders: list[tuple[tuple[int, int], str | None]] = []
            while j < n:
                name = self._name_tokens(j)
                if name is None:
                    break
                of, j = self._affiliation_of(name[1])
                holders.append((name, of))
                if j < n and words[j] == "," and j + 1 < n and lower[j + 1] == "and":
                    j += 2
                elif j < n and words[j] in (",", "and"):
                    j += 1
                else:
                    break
            i += size
            if len(holders) < 2:
                continue
            for name, of in holders:
                info = self._hold(name, "person:title-name", title)
                known = known_official(self.d.g, info.name, title)
                if of is None and (known is None or not known[1].startswith(title)):
                    continue
                self._position(info, title, of, (i - size, i), name, "position:plural-title")

    def _office_named_before(self, i: int) -> tuple[str, str] | None:
        """(title, of) of the last person with a position named before token i in its sentence or the one before."""
        sent = self.d.sent_of(i)
        first = self.d.sent_of(sent.start - 1).start if sent.start > 0 else sent.start
        for k in range(i - 1, first - 1, -1):
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.kind == "person" and ref.id in self.f.persons and self.f.persons[ref.id].titles:
                return self.f.persons[ref.id].titles[-1]
        return None

    def persons_and_positions(self) -> None:
        doc = self.d.doc
        # known officials first, so that titles before or after them find them
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                self._hold((ent.start, ent.end), "person:gazetteer")
        for ent in list(doc.ents):
            if ent.label_ != "TITLE":
                continue
            title = base = ent.ent_id_
            title_start = ent.start
            prefix = self.d.words[ent.start - 1] if ent.start > 0 and not self.d.ent_types[ent.start - 1] else ""
            if prefix.islower() and self.d.words[ent.start].islower():
                prefix = prefix.capitalize()  # "Poland's deputy defence minister": the rank as the title writes it
            if prefix in TITLE_PREFIXES and (prefix != "Under" or title.startswith("Secretary")):
                # 'Deputy National Security Advisor', 'Under Secretary of State': a rank of the same office
                title_start = ent.start - 1
                title = f"{prefix} {title}"
                while title_start > 0 and not self.d.ent_types[title_start - 1] \
                        and self.d.words[title_start - 1].capitalize() in COMMITTEE_RANKS:
                    # 'First Deputy Prime Minister of Ukraine X', "X, Ukraine's first deputy defence minister,":
                    # a rank before the rank is the office's too (``office_words.csv`` kind body-rank)
                    title_start -= 1
                    title = f"{self.d.words[title_start].capitalize()} {title}"
            if title_start == ent.start or prefix in TITLE_PREFIXES:
                # 'French Armed Forces Minister X', 'Slovenian Deputy Economy Minister X', "Ukraine's Digital
                # Transformation Minister X": the words between the state and the title make the title
                shaped_start, shaped = self._shaped_title(ent.start, base)
                if shaped_start < title_start:
                    title_start, title = shaped_start, shaped
            of = self._affiliation_before_title(title_start)
            owner = self.f.ref_at.get(ent.start - 1) if title_start == ent.start and ent.start >= 2 else None
            if owner is not None and owner.kind in ("org", "name", "demonym") and owner.start >= 1 \
                    and self.d.words[owner.start - 1] in TITLE_PREFIXES:
                # 'Deputy Pentagon Press Secretary X', 'Acting US Ambassador X': the rank before the body or state
                # is the office's; a body's name stays in the title as written, a state's is the affiliation
                title_start = owner.start - 1
                body = f" {self.d.clean[self.d.cstart(owner.start):self.d.cend(owner.end - 1)]}" \
                    if owner.kind == "org" else ""
                title = f"{self.d.words[title_start]}{body} {title}"
            title, j = self._ambassador_to(title, ent.end, of)
            of_after, j2 = self._affiliation_of(j)
            if of_after is None:
                # 'Chief of the General Staff of the Polish Army X', 'Spokesperson for the Ukrainian Air Force X'
                of_after, j2 = self._body_affiliation(j)
            if of_after and of is None:
                of, j = of_after, j2
                title, j = self._ambassador_to(title, j, of)  # 'Ambassador of Ukraine to the USA X'
            elif j + 2 < len(doc) and self.d.lower[j] == "of" and self.d.lower[j + 1] == "the" \
                    and self.d.words[j + 2] in STATE_WORDS:
                # 'Minister of Foreign Affairs of the Kingdom Ann Linde': the state is not named here; it is the
                # last state named before whose official name has that word ('Kingdom of Sweden')
                of = of or self._state_by_form(self.d.words[j + 2], title_start)
                j += 3
            rule = "position:title-name"
            complement = self._title_complement(j)
            if complement is not None:
                # 'Special Representative for Ukraine’s Economic Recovery Penny Pritzker'
                title = f"{title} {' '.join(self.d.clean[self.d.cstart(j):self.d.cend(complement - 1)].split())}"
                j = complement
                state_after, after = self._affiliation_of(j)
                if state_after is not None and of is None:
                    of, j = state_after, after  # '... of Strategic Industry of Ukraine X'
            name = self._name_tokens(j)
            if name is not None and _BLANK_LINE.search(self.d.clean, self.d.cend(j - 1), self.d.cstart(name[0])):
                name = None  # a signature block: the next signer's name after a blank line holds no title of this
            if name is None:
                # 'Czech Deputy Prime Minister and Defence Minister Jane Roe': two offices of one name
                name = self._name_after_coordinated_title(j, title_start, title)
            governed = ent.start >= 2 and self.d.lower[ent.start - 1] == "the" and self.d.lower[ent.start - 2] in (
                "to", "of", "for")
            if name is None and j < len(doc) and self.d.words[j] == "," and not governed:
                name = self._name_tokens(j + 1)
                rule = "position:title-appositive"
            if name is None and ent.start >= 2 and doc[ent.start - 1].text == ",":
                # 'Anatoly Antonov, Russia's ambassador' : name before the comma (known or capitalised)
                k = ent.start - 1
                while (k > 0 and doc[k - 1].text in ("’s", "'s")) or (k > 0 and (k - 1) in self.f.ref_at
                                                                    and self.f.ref_at[k - 1].kind != "person"):
                    k = self.f.ref_at[k - 1].start if (k - 1) in self.f.ref_at else k - 1
                    if k <= 0:
                        break
                back = self.f.ref_at.get(k - 2) if k >= 2 else None
                if back is None and k == ent.start - 1 and ((
                        of_after is not None and j < len(doc) and self.d.words[j] in (",", ".", ";", ")"))
                        or self._byline(k, j)):
                    # 'Jane Roe, defence minister of Finland, said': the apposition closes after the state
                    back = self._person_before(k)
                if back is not None and back.kind == "person":
                    self._position(self.f.persons[back.id], title, of, (ent.start, ent.end), (back.start, back.end),
                                   "position:name-appositive")
                continue
            body_end, body_state = self._body_phrase(j) if name is None else (j, None)
            back = self._appositive_person(title_start, body_end) if name is None else None
            if back is not None:
                of = of or body_state
                j = body_end
                # 'John Kirby, the NSC spokesman, said': name, comma, article and affiliation, title
                self._position(self.f.persons[back.id], title, of, (title_start, j), (back.start, back.end),
                               "position:name-appositive")
                continue
            ahead = self._name_tokens(body_end + 1) if body_state is not None and name is None \
                and body_end + 1 < len(self.d.words) and self.d.words[body_end] == "," else None
            if ahead is not None and ahead[1] < len(self.d.words) and self.d.words[ahead[1]] == ",":
                # 'A spokesman for the Pentagon, Carl Ruiz, said': the office, then the holder in commas
                info = self._hold(ahead, "person:title-name", title)
                self._position(info, title, of or body_state, (title_start, body_end), ahead,
                               "position:title-appositive")
                continue
            signer = self._signer_above(title_start) if name is None else None
            if signer is not None:
                # a signature block: 'Mette Frederiksen' on a line of its own, her title on the next (session 17)
                self._position(self._hold(signer, "person:signature", title), title, of, (title_start, j), signer,
                               "position:signature")
                continue
            if name is None:
                self.f.add_ref(Ref(ent.start, ent.end, f"title:{title}", "title"))
                continue
            info = self._hold(name, "person:" + rule.partition(":")[2], title)
            of_name, _ = self._affiliation_of(name[1])
            self._position(info, title, of or of_name, (title_start, j), name, rule, base=base)
        self._committee_chairs()
        self._parliament_committee_chairs()
        self._parliament_members()
        self._offices_after_names()
        self._shaped_offices()
        self._counterparts()
        self._plural_titles()
        self._chairs_of_a_states_body()
        self._offices_of_body_chains()
        self._offices_of_organisations()
        self._commands_of_areas()
        self._deputies_of_officials()
        self._named_persons()
        self._titles_of_earlier_persons()
        self._chiefs_of_organisations()
        self._capital_bylines()
        for ent in doc.ents:
            # 'Admiral Kirby said', 'Mr. Kirby': a rank or an honorific before a known official's surname names that
            # official (a person, no position: a rank is no office)
            if ent.label_ != "SURNAME" or ent.start in self.registered or ent.start == 0 \
                    or self.d.lower[ent.start - 1] not in self.d.g.honorifics:
                continue
            known = known_official(self.d.g, ent.text)
            if known is not None:
                self._hold((ent.start, ent.end), "person:rank-surname", text=known[0])
        # later bare surnames of people already seen
        surnames = {name: person for person in self.f.persons.values() for name in person.surnames}
        for i, word in enumerate(self.d.words):
            if i in self.used or i in self.f.ref_at or word not in surnames:
                continue
            person = surnames[word]
            self.f.add_entity(person.id, i, i + 1, "person:surname")
            self.f.add_ref(Ref(i, i + 1, person.id, "person"))
        self._surnames_before_full_names()

    def _capital_bylines(self) -> None:
        """'ANTONY J. BLINKEN, SECRETARY OF STATE' on a line of its own: the name holds the title
        (``bylines.capital_bylines``; rule ``position:byline``)."""
        for line in capital_bylines(self.d.text, self.d.g.title_variants, self.d.g.honorifics):
            name = (self.d.tok_index(line.name_span[0]), self.d.tok_index(line.name_span[1]))
            if name[0] in self.f.ref_at or name[0] in self.registered \
                    or line.name.lower() in self.d.g.place_and_body_names:
                continue
            title = (self.d.tok_index(line.title_span[0]), self.d.tok_index(line.title_span[1]))
            info = self._hold(name, "person:byline", line.title, text=line.name)
            self._position(info, line.title, None, title, name, "position:byline")

    def _chiefs_of_organisations(self) -> None:
        """'NATO chief Jens Stoltenberg': an organisation, the lower-case 'chief', then a known official of that very
        organisation holds their known office (rule ``position:org-chief``; session 18). 'Pentagon chief X' of an
        official of a state, or an official the table lacks, gives none (which office 'chief' is is not said)."""
        for start, info in list(self.registered.items()):
            ref = self.f.ref_at.get(start)
            if start < 2 or ref is None or ref.kind != "person" or self.d.words[start - 1] != "chief":
                continue
            org = self.f.ref_at.get(start - 2)
            known = known_official(self.d.g, info.name)
            if org is None or org.kind != "org" or known is None or known[2] != org.id \
                    or any(t == known[1] for t, _ in info.titles):
                continue
            self._position(info, known[1], known[2], (org.start, start), (start, ref.end), "position:org-chief")

    def _titles_of_earlier_persons(self) -> None:
        """'Jane Roe urged ... "...," the alliance's secretary general said.': a definite title that speaks ('the
        Dutch defence minister said', 'said the alliance's secretary general') names the one person of the sentence
        or the one before whom the text has given no office (a known official only when the gazetteer gives them
        that office); that person holds the title, of the state or body written before it (rule
        ``position:title-anaphor``)."""
        words, lower, n = self.d.words, self.d.lower, len(self.d.words)
        for ref in [r for r in self.f.ref_at.values() if r.kind == "title"]:
            k, of = ref.start, None
            owner = self.f.ref_at.get(k - 1)
            if k >= 3 and words[k - 1] in ("’s", "'s") and lower[k - 2] in OWNER_NOUNS:
                k, of = k - 2, self._actor_named_before(k - 2, OWNER_NOUNS[lower[k - 2]])
            elif k >= 2 and words[k - 1] in ("’s", "'s"):
                owner = self.f.ref_at.get(k - 2)
                k, of = (owner.start, owner.id) if owner is not None and owner.kind != "person" else (k, None)
            elif owner is not None and owner.kind in ("demonym", "org"):
                k, of = owner.start, owner.id
            if of is None or k < 1 or lower[k - 1] != "the" or not (
                    (ref.end < n and lower[ref.end] in self.d.g.speech_verbs)
                    or lower[k - 2] in self.d.g.speech_verbs):
                continue
            title = ref.id.partition(":")[2]
            first = self.d.sent_of(self.d.sent_of(k).start - 1).start if self.d.sent_of(k).start > 0 else 0
            named = {r.id: r for r in sorted(self.f.ref_at.values(), key=lambda r: r.start)
                     if r.kind == "person" and first <= r.start < k and r.id in self.f.persons}
            if not named:
                opener = self._lone_name_opening(first, k)
                if opener is not None:
                    info = self._hold(opener, "person:title-anaphor")
                    self._position(info, title, of, (k, ref.end), opener, "position:title-anaphor")
                continue
            untitled = [r for r in named.values() if not self.f.persons[r.id].titles]
            fitting = [r for r in untitled if self._may_hold(self.f.persons[r.id], title, of)]
            if len(fitting) == 1 and len(named) == 1:
                person = fitting[0]
                self._position(self.f.persons[person.id], title, of, (k, ref.end), (person.start, person.end),
                               "position:title-anaphor")

    def _lone_name_opening(self, first: int, end: int) -> tuple[int, int] | None:
        """The name of two to four capitalised words that opens a sentence in tokens [first, end) as the parse's
        subject ('Karin Dahl urged ...'), when no other proper noun outside the gazetteers' entities is there."""
        syntax = self.d.syntax
        if syntax is None:
            return None
        found: tuple[int, int] | None = None
        for s in range(first, end):
            if s != first and self.d.sent_of(s).start != s:
                continue
            name = self._name_tokens(s)
            if name is None or not 2 <= name[1] - name[0] <= 4 or name[0] in self.f.ref_at \
                    or name[0] in self.registered:
                continue
            after = self.d.words[name[1]] if name[1] < len(self.d.words) else ""
            subject = syntax.dep[name[1] - 1] == "nsubj" if syntax.parsed[name[0]] else (
                after.isalpha() and after.islower() and after not in ("of", "and", "or"))
            if found is not None or not subject:
                return None
            found = name
        if found is None:
            return None
        # no other name outside the gazetteers' entities ('Karin Dahl met Pal Berg'): capitalised words that are
        # no stop word, none at a sentence start
        others = [k for k in range(first, end) if self.d.words[k][:1].isupper() and self.d.words[k].isalpha()
                  and not self.d.ent_types[k] and k not in self.f.ref_at and not self.d.doc[k].is_stop
                  and not found[0] <= k < found[1] and self.d.sent_of(k).start != k]
        return None if others else found

    def _may_hold(self, info: PersonInfo, title: str, of: str) -> bool:
        """Whether the person may hold that office: any unknown person may; a known official only their own."""
        known = known_official(self.d.g, info.name)
        return known is None or (known[2] == of and (known[1] == title or known[1].startswith(title)))

    def _actor_named_before(self, i: int, kind: str) -> str | None:
        """The last state ('country') or international organisation ('org') named before token i."""
        for k in range(i - 1, -1, -1):
            ref = self.f.ref_at.get(k)
            if ref is None or ref.kind not in ("name", "capital", "demonym", "org") or not ref.id.startswith(kind):
                continue
            org = self.d.g.org(ref.id) if kind == "org" else None
            if kind == "country" or (org is not None and org.kind == "international"):
                return ref.id
        return None

    def _deputies_of_officials(self) -> None:
        """"Defence Minister Jane Roe's deputy, Tom Vale," (``cues.csv`` kind ``deputy-of``): the deputy of an
        official the text has given an office holds that office's deputy post, in the same state; the name may stand
        in commas."""
        words, n = self.d.words, len(self.d.words)
        for i in range(2, n - 1):
            if self.d.g.cues.get(self.d.lower[i]) != "deputy-of" or words[i - 1] not in ("’s", "'s"):
                continue
            official = self.f.ref_at.get(i - 2)
            info = self.f.persons.get(official.id) if official is not None and official.kind == "person" else None
            if info is None or not info.titles:
                continue
            name = self._name_tokens(i + 2 if words[i + 1] == "," and i + 2 < n else i + 1)
            if name is None or name[0] in self.registered or name[1] - name[0] < 2:
                continue
            title, of = info.titles[-1]
            office = title if title.startswith("Deputy ") else f"Deputy {title}"
            deputy = self._hold(name, "person:title-name", office)
            self._position(deputy, office, of, (i, i + 1), name, "position:deputy-of")

    def _surnames_before_full_names(self) -> None:
        """'Minister Keller said ...; Defence Minister Karin Keller added': a person read by surname alone anywhere in
        the document (before the full name, as here, or after it) is the person whose full name ends in that surname,
        when exactly one does (two Kellers with given names stay apart, and so does a surname no full name explains)."""
        f = self.f
        for short in [p for p in f.persons.values() if " " not in p.name]:
            full = [p for p in f.persons.values() if " " in p.name and p.name.split()[-1] == short.name]
            if len(full) != 1:
                continue
            self._merge_person(short.id, full[0])

    def _merge_person(self, old: str, into: PersonInfo) -> None:
        """Every mention, reference and position of person ``old`` given to ``into``; a position of ``old`` is kept
        only when ``into`` holds none (the full name's title is the more precise)."""
        f = self.f
        gone = f.entities.pop(old, None)
        f.persons.pop(old, None)
        if gone is not None and into.id in f.entities:
            target = f.entities[into.id]
            target.mentions = sorted(target.mentions + gone.mentions, key=lambda m: m.start)
        f.mention_index = [(s, into.id if e == old else e) for s, e in f.mention_index]
        f.mention_keys = {(into.id if e == old else e, s) for e, s in f.mention_keys}
        for ref in f.refs:
            if ref.id == old:
                ref.id = into.id
        held = any(key[0] == into.id for key in f.positions)
        for key in [k for k in f.positions if k[0] == old]:
            fact = f.positions.pop(key)
            new_key = (into.id, *key[1:])
            if not held and new_key not in f.positions:
                f.positions[new_key] = fact.model_copy(update={"person": into.id})
                into.titles.append((fact.title, fact.of))

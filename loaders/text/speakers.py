"""Who speaks in a document as a whole: the author a statement's or remarks' title names.

'Statement by Press Secretary Jen Psaki on ...', 'Remarks by President Biden on ...', 'Statement from National
Security Advisor Jake Sullivan': the person after by/from/of in a title that opens with a word of
``data/author_titles.txt`` (statement, remarks, op-ed, letter, message, ...). A readout or a fact sheet has no author.
The author is who 'I' is in the body ('As I told President Zelenskyy, ...' is the author's claim); without one, 'I'
is the publisher's own voice and makes no claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from datetime import date

from spacy.tokens import Doc

from armsgraph.loaders.text.gazetteer import Gazetteer, OfficeTerm
from armsgraph.loaders.text.known_officials import known_official
from armsgraph.schema import Person

_BY = re.compile(r"^\s*(?P<kind>[A-Za-z-]+(?:\s+[A-Za-z-]+)?)\s+(?:by|from|of)\s+(?P<who>.+)$", re.I)
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'’.-]+$")
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
"""Words after a surname that are no part of it."""
HEADING_WORDS = frozenset({"holds", "hold", "delivers", "gives", "conducts", "briefs", "hosts", "meets", "joins",
                           "speaks", "participates", "media", "press", "remarks", "statement", "interview", "visits",
                           "travels"})
"""A title-case heading's verb or noun after a name ('... Sabrina Singh Holds a Press Briefing'): no name word."""
_STOP = {"on", "at", "to", "in", "following", "regarding", "about", "after", "before", "for", "and", "with",
         *HEADING_WORDS}


def author_of(title: str, kinds: Sequence[str], parse_title: Callable[[str], Doc], g: Gazetteer) -> str | None:
    """The person id of the author a title names, or None; an honorific of the gazetteer's after the title is no
    part of the name ('Statement by Under Secretary of Defense for Policy Dr. Colin Kahl on ...': session 25)."""
    m = _BY.match(title or "")
    if m is None or m.group("kind").lower() not in kinds:
        return None
    doc = parse_title(m.group("who"))
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            return ent.ent_id_ or None
        if ent.label_ in ("ORG", "COUNTRY") and ent.start == 0:
            return None  # 'Statement by the White House'
    # a title, then a capitalised name up to the first lower-case word ('Press Secretary Jen Psaki on Ukraine')
    titles = [ent for ent in doc.ents if ent.label_ == "TITLE"]
    name = _name_after(doc, titles[0].end, honorifics=g.honorifics, g=g) if titles else None
    return _person_id(name, g) if name else None  # 'Statement from the President': no name


def _person_id(name: str, g: Gazetteer) -> str:
    """The id of a name read after a title: the known official it names ('Lloyd J. Austin' is the table's Lloyd
    Austin: session 25), found as ``persons`` finds one in the body (``known_officials.known_official``, one look-up
    since session 26), else the name as written."""
    known = known_official(g, name)
    return Person.id_of(name=known[0]) if known else Person.id_of(name=name)


def _name_after(doc: Doc, start: int, entities_end: bool = False, honorifics: Set[str] = frozenset(),
                g: Gazetteer | None = None) -> str | None:
    """The name of two to four capitalised words from token ``start`` up to a lower-case word, a stop word
    ('on', 'and'), a comma or a suffix ('Paul Grant III', 'Sam Rivers Jr.': the suffix is no surname); with
    ``entities_end`` an entity ends it too ('... Paul Whitaker and Prime Minister ...'). An honorific of
    ``honorifics`` right after the title is no part of the name ('Under Secretary ... Dr. Colin Kahl': session 25),
    and after one written short a single surname is a name ('Under Secretary Dr. Quill Holds ...' -> 'Quill';
    before the honorific was dropped 'Dr. Quill' was one). A rank written out ('Major', 'General') is also an
    ordinary word, so after it one word is no name ('Deputy Secretary Major Announcement': session 26) unless it is
    a known official's of ``g`` ('Secretary of Defense General Austin': ``known_official``). None if none."""
    first = start
    while start < len(doc) and doc[start].lower_ in honorifics:
        start += 1
    words: list[str] = []
    for tok in doc[start:]:
        if tok.lower_ in _STOP or not _NAME_WORD.match(tok.text) or tok.text in SUFFIXES \
                or (entities_end and tok.ent_type_):
            break
        words.append(tok.text)
    if len(words) == 1 and start > first and g is not None and known_official(g, words[0]):
        return words[0]  # 'General Austin': a known official's surname after a rank written out
    return " ".join(words) if (1 if _short_before(doc, first, start, honorifics) else 2) <= len(words) <= 4 else None


def _short_before(doc: Doc, first: int, start: int, honorifics: Set[str]) -> bool:
    """Whether the honorifics dropped between ``first`` and ``start`` end with one written short ('Dr.', 'Dr',
    'Maj.', 'Mr'): ``honorifics`` has its form with a full stop; a rank written out has none ('major')."""
    return start > first and doc[start - 1].lower_.rstrip(".") + "." in honorifics


def author_named(name: str, parse_name: Callable[[str], Doc]) -> str | None:
    """The person id of an author the metadata names (``author: Jake Sullivan``): a known official by name or alias,
    else the name as written; an organisation, a state or not a name ('The White House', 'staff') -> None."""
    words = name.split()
    if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words) or words[0] in ("The", "A", "An"):
        return None
    doc = parse_name(" ".join(words))
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            return ent.ent_id_ or None
        if ent.label_ in ("ORG", "COUNTRY", "DEMONYM", "CAPITAL"):
            return None
    return Person.id_of(name=" ".join(words))


def author_by_office(title: str, kinds: Sequence[str], terms: Sequence[OfficeTerm], home: str | None,
                     anchor: date | None) -> str | None:
    """'Statement from the President on ...' published by a state's own office: the person who held that office of
    that state on the document's date (``data/office_terms.csv``); no date or no such term, no author."""
    m = _BY.match(title or "")
    if m is None or m.group("kind").lower() not in kinds or home is None or anchor is None:
        return None
    who = m.group("who").strip()
    if not who.lower().startswith("the "):
        return None
    rest = who[4:]
    holders = {t.name for t in terms if t.of == home and t.held_on(anchor) and rest.lower().startswith(t.title.lower())
               and (len(rest) == len(t.title) or rest[len(t.title):].split()[0].lower() in _STOP)}
    return Person.id_of(name=holders.pop()) if len(holders) == 1 else None


def heading_persons(title: str, parse_title: Callable[[str], Doc], g: Gazetteer) -> dict[str, tuple[str, str]]:
    """Surname -> (person id, name) of each person a document's heading names: 'Press Briefing by Press Secretary
    Lara Dana and Deputy National Security Advisor Paul Whitaker' -> Dana, Whitaker. A transcript's turn labels
    ('MR. WHITAKER:') name these people by surname, and the body may never name them in full.

    A person is a known official (a PERSON entity) or a title followed by two to four capitalised name words up to a
    lower-case word, 'and' or a comma (an honorific of the gazetteer's before it dropped, and the known official
    its name names without middle initials); a surname two persons share names neither."""
    doc = parse_title(title or "")
    found: list[tuple[str, str]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.ent_id_:
            found.append((ent.ent_id_, ent.text))
        elif ent.label_ == "TITLE":
            name = _name_after(doc, ent.end, entities_end=True, honorifics=g.honorifics, g=g)
            if name:
                found.append((_person_id(name, g), name))
    by_surname: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for ident, name in found:
        surname = name.split()[-1]
        if surname in by_surname and by_surname[surname][0] != ident:
            shared.add(surname)
        by_surname.setdefault(surname, (ident, name))
    return {s: who for s, who in by_surname.items() if s not in shared}

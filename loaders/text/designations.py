"""Weapon systems the gazetteer does not list, named by their designation right before a generic weapon noun.

'Italian Centauro B1 armored tank destroyers', 'six AMBER-1800 air surveillance radars', '300 Lynx combat vehicles',
'Bulgarian 60-mm M60CMA mortars', 'ARCHER mobile howitzers': a run of designation-shaped tokens (a letter and a digit,
capitals only, or a capitalised proper noun), then at most three modifier words, then a noun of
``data/weapon_nouns.txt``. The designation is looked up in ``weapons.csv`` ignoring case (with and without the
noun: 'ARCHER howitzers' is the *Archer howitzer* row, 'Iris-T' is IRIS-T); otherwise it is a WeaponSystem of its own,
``weapon:<slug of the designation>`` (the id the SIPRI loader gives the same designation).

With the trained pipeline a capitalised word counts only when it is tagged a proper noun ('Western tanks',
'Soviet tanks' are adjectives); without it, a capitalised word counts unless it opens the sentence or is in
``data/designation_stoplist.txt``.

A version word (``data/designation_words.csv`` kind ``variant``: 'Block', 'Increment', 'Tranche') capitalised as
the text writes it, then a version number ('Block V', 'Block-IIIA', 'Increment 2', 'Block 70') is never a
designation: it names a version of the system written right before it or earlier in its sentence ('Tomahawk Block
IV and Block V missiles'), which keeps its own mention; read as a system of its own, 'Block V' became a transfer of a
weapon the text never names (session 28). An ordinary word ('the apartment block', 'a second tranche of', 'the MoD')
is no version, and a version with no system in its sentence names none (session 28's review mends).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from armsgraph.loaders.text.dates import MONTHS, WEEKDAYS
from armsgraph.loaders.text.gazetteer import Gazetteer, spelling_key
from armsgraph.loaders.text.syntax import Parse
from armsgraph.loaders.text.word_tables import words_by_kind
from armsgraph.schema import WeaponSystem

MAX_MODIFIERS = 3
"""Words allowed between the designation and the weapon noun ('AMBER-1800 air surveillance radars')."""
_ALNUM = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9./-]+$")
_CAPS = re.compile(r"^[A-Z]{2,}[A-Z0-9]*$")
_WHEELS = re.compile(r"^\d{1,2}[xX×]\d{1,2}$")
"""A wheel formula ('8x8 armored vehicles') describes the vehicle; it is a modifier, not a designation."""
_CALENDAR = frozenset(WEEKDAYS + MONTHS)
"""'tanks Wednesday': a day or a month after a noun is a date, never a name."""
_JOINERS = {"-", "/"}
_QUOTES = {"“", "”", '"'}
NOUN_PHRASE_DEPS = {"compound", "nmod", "amod", "appos", "npadvmod", "nummod", "punct", "dep", "advmod"}
OPENERS = {"“", '"', "‘", "'", "(", "-", "•", "*", "–", "—", ":", ";"}
FUNCTION_WORDS = {"and", "or", "of", "the", "a", "an", "to", "for", "with", "in", "on", "from", "by", "as", "at",
                  "than"}


@cache
def designation_words() -> dict[str, frozenset[str]]:
    """``data/designation_words.csv`` by kind, read once per process."""
    return words_by_kind("designation_words.csv", ("variant",))


_VERSION_NUMBER = re.compile(r"^(?:\d{1,3}[A-Za-z]?|[IVX]{1,4}[A-F]?)$")
"""A version's number: digits with an optional letter ('2', '70', '1B'), a Roman numeral with one ('V', 'IIA')."""


def _version_word(words: Sequence[str], i: int) -> bool:
    """Token ``i`` is a version word capitalised as a name's part ('Block', 'Mod'; not 'block', 'MoD', 'BLOCK')."""
    w = words[i]
    return w[:1].isupper() and w[1:].islower() and w.lower() in designation_words()["variant"]


def _version(words: Sequence[str], i: int) -> bool:
    """Whether token ``i`` is part of a version: a version word with its number after it ('Block V', 'Block-V',
    'Increment 2'), a version of a system written before it, not a designation. Without the number a word is no
    version ('the apartment block', 'a second tranche of missiles', 'Hungary may block the missiles')."""
    after = i + 2 if i + 2 < len(words) and words[i + 1] in _JOINERS else i + 1
    if _version_word(words, i) and after < len(words) and _VERSION_NUMBER.match(words[after]):
        return True
    before = i - 2 if i >= 2 and words[i - 1] in _JOINERS else i - 1
    return before >= 0 and bool(_VERSION_NUMBER.match(words[i])) and _version_word(words, before)


@dataclass(frozen=True)
class Designation:
    """A weapon mention the gazetteer did not mark: tokens [start, end), the id and the designation as written."""

    start: int
    end: int
    weapon_id: str
    designation: str


def _version_of(words: Sequence[str], last: int, sent_starts: Sequence[int], systems: Mapping[int, str],
                found: Sequence[Designation]) -> Designation | None:
    """The version ending at token ``last`` ('Block V' of 'Tomahawk Block IV and Block V missiles') as a mention of
    the system named nearest before it in its own sentence; None when none is: a version alone names no system, and
    a system of the sentence before may be another one ('Russia fired Kinzhal missiles. The United States will send
    Block 1 missiles'). A system named right after the version ('Block 70 F-16s') is its own mention: the walk from
    the weapon noun stops at it before it reaches the version."""
    start = last
    while start > 0 and (_version(words, start - 1) or words[start - 1] in _JOINERS):
        start -= 1
    while words[start] in _JOINERS:
        start += 1
    sentence = bisect.bisect_right(sent_starts, start) - 1
    since = sent_starts[sentence] if sentence >= 0 else 0
    named = [(k, ident) for k, ident in systems.items() if since <= k < start]
    named += [(d.start, d.weapon_id) for d in found if since <= d.start < start]
    if not named:
        return None
    return Designation(start, last + 1, max(named)[1], _written(words, start, last + 1))


def _written(words: Sequence[str], start: int, end: int) -> str:
    """Tokens [start, end) as written, with spaces between words that are not joined by a hyphen or a slash."""
    parts: list[str] = []
    for k in range(start, end):
        if parts and words[k] not in _JOINERS and words[k - 1] not in _JOINERS:
            parts.append(" ")
        parts.append(words[k])
    return "".join(parts)


def _lookup(g: Gazetteer, text: str, noun: str) -> str | None:
    """The weapons.csv id of a designation written another way ('Iris-T', 'ARCHER' + 'howitzers')."""
    singular = noun[:-1] if noun.endswith("s") else noun
    wanted = {spelling_key(text), spelling_key(f"{text} {singular}"), spelling_key(f"{text} {noun}")}  # M-113: M113
    first = g.weapon_spellings
    found = [first[w] for w in wanted if w in first]
    return min(found)[1] if found else None


def _attached(j: int, n: int, syntax: Parse | None) -> bool:
    """With a parse, the designation's last token j modifies the noun n inside the noun phrase [j, n]."""
    if syntax is None or not syntax.parsed[n]:
        return True
    k = j
    for _ in range(n - j + 1):
        if k == n:
            return True
        if not j <= syntax.head[k] <= n or syntax.dep[k] not in NOUN_PHRASE_DEPS:
            return False
        k = syntax.head[k]
    return False


def designations(words: Sequence[str], sent_starts: Sequence[int], ent_tokens: set[int], g: Gazetteer,
                 syntax: Parse | None, names: frozenset[int] = frozenset(),
                 categories: frozenset[int] = frozenset(), titles: frozenset[int] = frozenset(),
                 systems: Mapping[int, str] | None = None) -> list[Designation]:
    """Weapon mentions by designation in a document's tokens; ``ent_tokens`` are tokens already in an entity,
    ``names`` those of a weapon or title the gazetteers found: a run right after one is its suffix ('Leopard II
    tanks', 'Senator APC vehicles'), not a designation of its own. ``categories`` are the tokens of a category name
    the gazetteer found ('armored vehicles'): a designation may stand before one ('150 Rosomak armored vehicles').
    ``titles`` are the tokens of a one-word title: one that is also a listed system's designation names it before a
    weapon noun ('Senator high-tech armoured personnel carriers'; 'Senator Graham' is the title). ``systems`` are the
    weapon ids of the gazetteer's weapon mentions by their first token: a version before a weapon noun ('Block V
    missiles') is a mention of the system named nearest before it (``_version_of``)."""
    systems = systems or {}
    firsts = set(sent_starts)
    out: list[Designation] = []
    taken: set[int] = set()

    def shaped(i: int) -> bool:
        w = words[i]
        if i in titles and _lookup(g, w, "") is not None:
            return True  # 'Senator' the vehicle: the title is a listed system's name too
        if i in ent_tokens or w.lower() in g.designation_stoplist or w.lower() in g.weapon_nouns or _WHEELS.match(w) \
                or w.lower() in _CALENDAR or _version(words, i):
            return False
        if _ALNUM.match(w) or _CAPS.match(w) or (len(w) == 1 and w.isupper() and i > 0 and words[i - 1] in _JOINERS):
            return True  # 'M60CMA', 'AMBER-1800', 'ARCHER', the 'T' of 'Iris-T'
        if w in ROMAN and i > 0 and words[i - 1][:1].isupper() and words[i - 1].isalpha() \
                and words[i - 1].lower() not in g.designation_stoplist:
            return True  # the 'I' of 'Pandur I'
        if not (w[:1].isupper() and w[1:].islower() and w.isalpha()):
            return False
        if w.lower() in g.quantity_words:
            return False  # 'Three patrol boats' opening a list item
        if syntax is not None and syntax.parsed[i]:
            return syntax.pos[i] == "PROPN"
        # without a tagger: not a word any sentence, list item or quotation may open with a capital
        return i not in firsts and not (i > 0 and words[i - 1] in OPENERS)

    def coordinated(j: int) -> bool:
        """'Spada and Skyguard air defense systems': the run follows a named weapon and 'and', ',' or 'or'."""
        return j >= 2 and words[j - 1] in ("and", ",", "or") and (j - 2) in names

    for n, w in enumerate(words):
        acronym = len(w) > 2 and w.endswith("s") and w[:-1].isupper() and w.lower() in g.weapon_nouns  # 'APCs'
        if not (w.islower() or acronym) or w.lower() not in g.weapon_nouns or n in taken or (
                n in ent_tokens and n not in categories):
            continue  # 'BAE Systems', 'Unmanned Aerial Systems': a capitalised noun is part of another name
        if n > 0 and words[n - 1].lower() == "think":
            continue  # a think tank
        # walk left over the modifiers ('air surveillance', 'armored “tank') to the designation's last token
        j = n - 1
        mods = 0
        appositive = False
        # a category's several words are one noun ('armoured personnel carriers')
        phrase = next((set(range(n - k + 1, n + 1)) for k in (4, 3, 2)
                       if n - k + 1 >= 0 and tuple(x.lower() for x in words[n - k + 1:n + 1]) in g.category_nouns),
                      set())
        while j >= 0 and not shaped(j):
            w_j = words[j]
            modifier = (w_j.islower() and w_j not in FUNCTION_WORDS) or w_j in _JOINERS or w_j in _QUOTES
            if w_j in ("a", "an") and j >= 2 and words[j - 1] == "," and shaped(j - 2):
                # 'the Gravehawk, a newly developed air defense system': the name in apposition to the noun
                j, appositive = j - 2, True
                break
            if _version(words, j) and j not in ent_tokens and mods <= MAX_MODIFIERS:
                version = _version_of(words, j, sent_starts, systems, out)
                span = range(version.start, version.end) if version is not None else range(0)
                # a version walked to from two nouns ('Block 70 fighter jets'), or inside a gazetteer's name, is
                # added once or not at all: one token in two entities is spaCy's E1010
                if version is not None and not taken.intersection(span) and not ent_tokens.intersection(span):
                    out.append(version)
                    taken.update(range(version.start, n + 1))
                j = -1
                break
            if (j in ent_tokens and j not in categories) or j in firsts or mods == MAX_MODIFIERS + 2 or not modifier:
                j = -1
                break
            if w_j not in _JOINERS and j not in categories and j not in phrase:
                mods += 1  # 'high-tech' is one modifier; 'armoured personnel carriers' one noun
            j -= 1
        if not appositive and mods > MAX_MODIFIERS:
            j = -1  # two more modifiers only in an apposition ('a newly developed air defense system')
        model_number = j >= 1 and words[j] in ROMAN and j == n - 1 and shaped(j - 1)  # 'Pandur I APCs'
        if j < 0 or not (_attached(j, n, syntax) or coordinated(j) or model_number or appositive):
            continue
        if j + 2 < n + 1 and words[j + 1] in _JOINERS and words[j + 2].islower():
            continue  # 'Anti-radiation missiles', 'Counter-battery radars': a prefix, not a name
        end = j + 1
        start = j
        while start - 1 >= 0 and (shaped(start - 1) or (words[start - 1] in _JOINERS and start - 2 >= 0
                                                          and shaped(start - 2))):
            start -= 1
            if start in firsts:
                break
        if words[start] in _JOINERS:
            start += 1
        if start - 1 in names:
            continue
        text = _written(words, start, end)
        if not any(c.isalpha() for c in text) or taken.intersection(range(start, end)):
            continue
        ident = _lookup(g, text, w.lower()) or WeaponSystem.id_of(designation=text)
        out.append(Designation(start, end, ident, text))
        taken.update(range(start, n + 1))
    out.extend(_postposed(words, ent_tokens, g, taken, shaped))
    return sorted(out, key=lambda x: x.start)


POSTPOSED_ENDS = frozenset({",", ".", ";", ":", ")", "and", "or", "to", "for", "as", "from", "which", "that", "in"})
"""What may follow a name written after its noun ('artillery systems Archer, as well as ...')."""


def _postposed(words: Sequence[str], ent_tokens: set[int], g: Gazetteer, taken: set[int],
               shaped: Callable[[int], bool]) -> list[Designation]:
    """A designation written after a weapon noun, as translations from Slavic and Nordic languages put it
    ('self-propelled artillery systems Archer, as well as anti-aircraft missile systems RBS 70 to ...'): one to
    three designation-shaped tokens (a number may follow the first: 'RBS 70') right after the noun, then the end
    of the phrase; or in parentheses ('armoured recovery vehicles (Bergepanzer 2)'; not an abbreviation:
    '(MBT)'). After a singular noun or
    'weapon(s)' ('anti-tank weapon Robot 57') the name must hold a number, so 'the tank Monday' names nothing."""
    out: list[Designation] = []
    for n, w in enumerate(words[:-1]):
        plural = w.endswith("s") and w in g.weapon_nouns
        if not (w.islower() and (w in g.weapon_nouns or w in POSTPOSED_HEADS)) or n in ent_tokens or n in taken:
            continue
        bracket = words[n + 1] == "("
        start = end = n + 2 if bracket else n + 1
        while end < len(words) and end - start < 3 and end not in ent_tokens and end not in taken and (
                shaped(end) or (end > start and words[end].isdigit())):
            end += 1
        if end == start or not (end == len(words) or words[end].lower() in POSTPOSED_ENDS):
            continue
        if bracket and (words[end] != ")" or all(_CAPS.match(words[k]) for k in range(start, end))):
            continue  # '(MBT)', '(SPG)': an abbreviation of the words before, not a name
        numbered = any(any(c.isdigit() for c in words[k]) for k in range(start, end))
        if not (bracket or (plural and w not in POSTPOSED_HEADS) or numbered):
            continue
        text = " ".join(words[start:end])
        ident = _lookup(g, text, w) or WeaponSystem.id_of(designation=text)
        out.append(Designation(start, end, ident, text))
        taken.update(range(start, end))
    return out


POSTPOSED_HEADS = frozenset({"weapon", "weapons"})
"""Generic nouns a postposed designation may follow that name no system before them ('anti-tank weapon Robot 57')."""


ROMAN = frozenset({"I", "II", "III", "IV", "V"})
"""A model number after a name ('Pandur I', 'Leopard II')."""


AMMUNITION_NOUNS = frozenset({"ammunition", "shells", "rounds", "projectiles", "munitions", "ammo"})
_CALIBRE_UNITS = frozenset({"mm", "millimeter", "millimetre"})
_NUMBER = re.compile(r"^\d{2,3}$")


def _calibre_at(words: Sequence[str], i: int) -> int | None:
    """Token after the calibre starting at i ('155 mm', '155-mm', '155mm' as one token), or None."""
    w = words[i]
    if re.fullmatch(r"\d{2,3}mm", w.lower()):
        return i + 1
    if not _NUMBER.match(w):
        return None
    j = i + 1
    if j < len(words) and words[j] == "-":
        j += 1
    return j + 1 if j < len(words) and words[j].lower() in _CALIBRE_UNITS else None


def calibres(words: Sequence[str], ent_tokens: set[int], g: Gazetteer) -> list[Designation]:
    """Ammunition by calibre, also in a coordination: '155 mm and 105 mm artillery ammunition', '155 and 120 mm
    ammunition', '155-mm shells'. Each calibre takes the words after the last one ('artillery ammunition'); the
    phrase is the weapons.csv row that spells it (ignoring spaces and hyphens), else ``weapon:<slug>`` of
    '<N>mm <words>'."""
    index = g.calibre_spellings
    out: list[Designation] = []
    i = 0
    while i < len(words):
        # a run of calibres joined by 'and' / ',' ('155 and 120 mm', '155 mm and 105 mm'), then the noun words
        numbers: list[tuple[int, int]] = []
        j = i
        while j < len(words) and _NUMBER.match(words[j].lower().removesuffix("mm")):
            after = _calibre_at(words, j)
            numbers.append((j, after if after is not None else j + 1))
            j = after if after is not None else j + 1
            if j < len(words) and words[j] in ("and", ",", "or"):
                j += 1
                continue
            break
        if not numbers or _calibre_at(words, numbers[-1][0]) is None:
            i += 1
            continue
        k = numbers[-1][1]
        rest: list[str] = []
        while k < len(words) and len(rest) < 3 and words[k].islower() and words[k].isalpha():
            rest.append(words[k])
            k += 1
            if rest[-1] in AMMUNITION_NOUNS:
                break
        if not rest or rest[-1] not in AMMUNITION_NOUNS:
            i = numbers[-1][1]
            continue
        for start, end in numbers:
            if ent_tokens.intersection(range(start, end)):
                continue
            calibre = words[start].lower().removesuffix("mm")
            text = f"{calibre}mm {' '.join(rest)}"
            spellings = [text] + [f"{calibre}mm {' '.join([*rest[:-1], noun])}" for noun in sorted(AMMUNITION_NOUNS)]
            ident = next((index[spelling_key(x)] for x in spellings if spelling_key(x) in index), None) \
                or WeaponSystem.id_of(designation=text)
            if len(numbers) == 1:
                end = k  # a lone calibre phrase: the mention is the whole phrase
            out.append(Designation(start, end, ident, text))
        i = k
    return out

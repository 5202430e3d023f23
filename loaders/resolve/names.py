"""Names as the resolver compares them: one matching form, the inverted forms to try, display names.

Why apart from lookup: the text gazetteer, the treaty catalogue and the alias tables all need the same
notion of "the same name", and none of them needs a resolver for it.
"""

from __future__ import annotations

import re
import unicodedata

SHORT_ABBREVIATION = 3
"""Names this short ('US', 'UN', 'EU', 'UAE') only match when written in capitals: 'us' is a pronoun."""

_DOTS = re.compile(r"[.'’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
_PAREN_OF = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<tail>[^()]*\bof(?:\s+the)?)\)$", re.IGNORECASE)
_MARKS = re.compile(r"\*+\s*$")


def normalize(text: str) -> str:
    """Matching form of a name: no accents or case, punctuation folded, no 'the', no trailing '*'.

    Dots and apostrophes vanish (U.S. = US, Cote d'Ivoire = Cote dIvoire); other punctuation
    separates words; '&' reads 'and'.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    stripped = _DOTS.sub("", stripped.replace("&", " and "))
    words = [w for w in _NON_WORD.sub(" ", stripped).split() if w != "the"]
    return " ".join(words)


def bare(text: str) -> str:
    """A name without its trailing footnote marks ('Hezbollah (Lebanon)*' -> 'Hezbollah (Lebanon)').

    What a mark means is a source's policy (SIPRI's in ``loaders/sipri/names.py``); that it is not part of
    the name holds for every source.
    """
    return _MARKS.sub("", text).strip()


def trailing_marks(text: str) -> str:
    """The trailing marks of a name ('**' of 'NATO**'), without spaces; '' when there are none."""
    match = _MARKS.search(text)
    return "" if match is None else match.group(0).strip()


def variants(text: str) -> list[str]:
    """Normalised forms to try, most literal first: as written, then an inverted 'X, Y' / 'X (Y of)'."""
    base = bare(text)
    forms = [normalize(base)]
    head, sep, tail = base.partition(",")
    if sep and "," not in tail:
        forms.append(normalize(f"{tail} {head}"))
    match = _PAREN_OF.match(base)
    if match:
        forms.append(normalize(f"{match['tail']} {match['head']}"))
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def shouted(query: str) -> bool:
    """False for a name of at most 3 letters not written in capitals ('us', 'the un', 'Eu')."""
    letters = re.sub(r"^\s*the\s+", "", query, flags=re.IGNORECASE)
    letters = "".join(c for c in letters if c.isalpha())
    return len(letters) > SHORT_ABBREVIATION or letters.isupper()


def display_name(name: str) -> str:
    """pycountry's inverted names as people write them: 'Korea, Republic of' -> 'Republic of Korea',
    'Taiwan, Province of China' -> 'Taiwan'."""
    head, sep, tail = name.partition(",")
    if not sep:
        return name
    tail = tail.strip()
    if tail.lower().startswith("the "):
        tail = tail[4:]
    return f"{tail} {head}".strip() if tail.lower().endswith(("of", "of the")) else head

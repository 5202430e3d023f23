"""The officials table looked up by a name as written: one look-up for every module that reads a name.

``persons`` reads names in a document's body and ``speakers`` reads them in its title or heading; both ask which
known official a name is, and before session 26 ``speakers`` asked a second way (re-parsing the name to read the
phrase entity's id) because ``known_official`` lived in ``persons``, which imports ``speakers``. Here, below both,
the one look-up serves both, and imports go one way.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from armsgraph.loaders.text.gazetteer import Gazetteer

SURNAME_SIMILARITY = 0.75
GIVEN_NAME_SIMILARITY = 0.6
"""How alike (difflib ratio) surname and given names must be to count as another spelling of a name (given names
vary more: Olexiy/Oleksii)."""


def drop_initials(name: str) -> str:
    """'Lloyd J. Austin' -> 'Lloyd Austin': a middle initial is no part of a known official's name (a first initial
    stays: 'J. D. Vance' keeps its shape)."""
    words = name.split()
    if len(words) <= 2:
        return name
    return " ".join([words[0], *[w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.", w)], words[-1]])


def known_official(g: Gazetteer, name: str, title: str | None = None) -> tuple[str, str, str] | None:
    """(canonical name, title, of) of a gazetteer official whose name or alias is ``name``.

    Middle initials do not count: 'Lloyd J. Austin' is 'Lloyd Austin'.
    """
    plain = drop_initials(name)
    found = [o for o in g.officials
             if name == o.name or name in o.aliases or plain == o.name or plain in o.aliases]
    if len(found) > 1 and title:
        # 'Speaker Johnson' is not 'Prime Minister Johnson'
        found = [o for o in found if o.title == title or o.title.startswith(title)] or found
    if len(found) > 1:
        exact = [o for o in found if o.name in (name, plain)]
        found = exact if len(exact) == 1 else []
    if not found and title:
        # another transliteration of a known official holding this title ('Olexiy Resnikov' = Oleksii Reznikov)
        found = [o for o in g.officials if o.title == title and _transliterated(plain, o.name)]
        found = found if len(found) == 1 else []
    return (found[0].name, found[0].title, found[0].of) if found else None


def _transliterated(name: str, known: str) -> bool:
    """Two spellings of one name: as many words, each with the same first letter and alike (Rustam/Rustem)."""
    a, b = name.lower().split(), known.lower().split()
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    limits = [GIVEN_NAME_SIMILARITY] * (len(a) - 1) + [SURNAME_SIMILARITY]
    return all(x[0] == y[0] and SequenceMatcher(None, x, y).ratio() >= limit
               for x, y, limit in zip(a, b, limits, strict=True))

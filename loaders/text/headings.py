"""Section headings in a text: where the parties a rule carries from the sentences before stop (session 14)."""

from __future__ import annotations

from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_words import BULLETS, syntax_words

HEADING_MAX_TOKENS = 12
SENTENCE_MARKS = frozenset({".", ":", ";", "!", "?", ",", '"', "”", "'", "’", ")"})


def is_heading(d: TextDoc, s: int, e: int) -> bool:
    """Tokens [s, e): a short line of its own that ends in no sentence mark and has no transfer word, a section
    heading ('Strengthen Security in the Indo-Pacific'): the parties carried from the text before end there."""
    breaks: list[bool] = d.doc.user_data["breaks"]
    return breaks[s] and (e >= len(breaks) or breaks[e]) and e - s <= HEADING_MAX_TOKENS \
        and d.words[e - 1] not in SENTENCE_MARKS and not any(d.lower[k] in d.g.triggers for k in range(s, e))


def is_list_section(d: TextDoc, s: int, e: int, next_start: int | None) -> bool:
    """A heading that names only a kind of arms ('Artillery', 'Air Defense', 'Armored Vehicles'; ``syntax_words.csv``
    kind ``section``) with a bullet line right under it: a section of the package list before, not a new topic
    (a fact sheet's 'Artillery' between two runs of bullets of one package; not 'Training', not 'Indo-Pacific')."""
    if next_start is None or next_start >= len(d.words) or d.words[next_start] not in BULLETS:
        return False
    if not is_heading(d, s, e):
        return False
    section = syntax_words()["section"]
    words = [d.lower[k] for k in range(s, e) if d.lower[k] not in ("and", "&", ",", "/", "-", "other")]
    return bool(words) and all(w in section for w in words)

"""Section headings in a text: where the parties a rule carries from the sentences before stop (session 14)."""

from __future__ import annotations

from armsgraph.loaders.text.textdoc import TextDoc

HEADING_MAX_TOKENS = 12
SENTENCE_MARKS = frozenset({".", ":", ";", "!", "?", ",", '"', "”", "'", "’", ")"})


def is_heading(d: TextDoc, s: int, e: int) -> bool:
    """Tokens [s, e): a short line of its own that ends in no sentence mark and has no transfer word, a section
    heading ('Strengthen Security in the Indo-Pacific'): the parties carried from the text before end there."""
    breaks: list[bool] = d.doc.user_data["breaks"]
    return breaks[s] and (e >= len(breaks) or breaks[e]) and e - s <= HEADING_MAX_TOKENS \
        and d.words[e - 1] not in SENTENCE_MARKS and not any(d.lower[k] in d.g.triggers for k in range(s, e))

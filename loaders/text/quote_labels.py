"""A quotation labelled by its speaker: 'Secretary Rubio (March 3): “...”', '[**Vice President Vance**](link)
**(March 2):** “...”' (a web page's list of quotations, its markdown links and emphasis left in the text).

The label is a name, then any parenthesised asides (a date, a link's address) and markup, then ':' right before
the quotation; ``name_end`` finds where the name ends so the claim rules can ask who is named there.
"""

from __future__ import annotations

_MARKUP = " \t\r\n*_[]"
_MAX_ASIDE = 300
"""A longer parenthesis is text, not an aside ('(March 2)', '(https://x.com/...)')."""


def name_end(text: str, colon: int) -> int | None:
    """The character offset right after the label's last word, for the ':' at ``colon`` (None: no ':' there, or
    an unclosed parenthesis)."""
    if colon < 0 or colon >= len(text) or text[colon] != ":":
        return None
    k = colon
    while k > 0:
        c = text[k - 1]
        if c in _MARKUP:
            k -= 1
        elif c == ")":
            opening = text.rfind("(", max(0, k - 1 - _MAX_ASIDE), k - 1)
            if opening < 0 or "\n\n" in text[opening:k]:
                return None
            k = opening
        else:
            return k
    return None

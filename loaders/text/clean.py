"""Offset-preserving clean-up of article text before the rules see it.

Every change replaces characters one for one (HTML tags, Markdown escapes and soft line wraps become
spaces), so an offset into the cleaned text is the same offset into the document body: evidence spans
point at the original characters.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:nbsp|amp|quot|apos|lt|gt|#\d{1,5});")
_MD_ESCAPE = re.compile(r"\\(?=[\[\]#*_`\\()])")
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(([^()\s]{0,500})\)")
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}")
_SOFT_WRAP = re.compile(r"(?<=\S)([ ]*)\n(?=[ ]*(?![-*•+][ ]|\d{1,2}[.)][ ])\S)")
_ENTITY_CHAR = {"&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&apos;": "'", "&lt;": "<", "&gt;": ">"}


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _emphasis(match: re.Match[str]) -> str:
    """Blanks an emphasis mark, but keeps a '*' that opens a list line ('* Avenger air defense systems;'): that is
    a bullet, and a blanked one would let the soft-wrap join run the list into one sentence."""
    text = match.string
    line_start = text.rfind("\n", 0, match.start()) + 1
    opens_line = not text[line_start : match.start()].strip()
    if match.group(0) == "*" and opens_line and text[match.end() : match.end() + 1] == " ":
        return "*"
    return _blank(match)


def _entity(match: re.Match[str]) -> str:
    text = match.group(0)
    char = _ENTITY_CHAR.get(text)
    if char is None:
        try:
            char = chr(int(text[2:-1]))
        except (ValueError, OverflowError):
            char = " "
    return char.ljust(len(text))


def is_hard_wrapped(text: str) -> bool:
    """True when single newlines are line wraps inside paragraphs (blank lines separate paragraphs)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 3 or "\n\n" not in text.replace("\r", "").replace(" \n", "\n"):
        return False
    long_lines = sum(1 for line in lines if len(line) > 100)
    return long_lines / len(lines) < 0.05


def clean(text: str) -> str:
    """The text with markup blanked out and soft wraps joined; same length as the input."""
    out = _MD_LINK.sub(lambda m: " " + m.group(1) + " " * (m.end() - m.start(1) - len(m.group(1))), text)
    out = _TAG.sub(_blank, out)
    out = _ENTITY.sub(_entity, out)
    out = _MD_ESCAPE.sub(" ", out)
    out = _EMPHASIS.sub(_emphasis, out)
    out = out.replace("\r", " ").replace("\t", " ").replace("\u00a0", " ")
    if is_hard_wrapped(out):
        # a single newline between two non-blank lines is a wrap, unless the next line starts a list item
        out = _SOFT_WRAP.sub(lambda m: m.group(1) + " ", out)
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of cleaned text: blocks separated by newlines."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            spans.append((match.start(), match.end()))
    return spans

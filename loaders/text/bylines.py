"""A press statement's byline in capitals: 'ANTONY J. BLINKEN, SECRETARY OF STATE', 'MATTHEW MILLER, DEPARTMENT
SPOKESPERSON' on a line of its own (session 19).

The State Department prints its statements' author so, above the body; the gazetteers read names and titles in
their written case only, so the line named nobody. A line that is two to four capitalised name words, a comma and a
title of ``titles.csv`` (its last one to three words; 'DEPARTMENT' before 'SPOKESPERSON' is the publisher's) is the
author's byline; ``persons`` gives the name its office. Turn labels ('MR. MILLER:') end in a colon and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from armsgraph.loaders.text.speakers import SUFFIXES

_LINE = re.compile(r"(?m)^[ \t]*(?P<name>[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){1,4}),[ \t]+"
                   r"(?P<title>[A-Z][A-Z'’-]*(?:[ \t]+[A-Z][A-Z'’-]*){0,5})[ \t]*$")
TITLE_WORDS = 3
"""At most this many words end the title part ('SECRETARY OF STATE')."""


@dataclass(frozen=True)
class Byline:
    name: str
    """The name title-cased, suffixes dropped ('Antony J. Blinken')."""
    name_span: tuple[int, int]
    """Character span of the name as written."""
    title: str
    """The canonical title ('Secretary of State', 'Spokesperson')."""
    title_span: tuple[int, int]
    """Character span of the title part as written."""


def capital_bylines(text: str, titles: Mapping[str, str]) -> Iterator[Byline]:
    """The bylines in capitals of ``text``; ``titles``: lower-case variant -> canonical title."""
    for m in _LINE.finditer(text):
        words = [w for w in m.group("name").split() if w not in SUFFIXES and w.capitalize() not in SUFFIXES]
        if not 2 <= len(words) <= 4 or not all(any(c.isalpha() for c in w) for w in words):
            continue
        lowered = m.group("title").lower().split()
        title = next((titles[" ".join(lowered[-n:])] for n in range(min(TITLE_WORDS, len(lowered)), 0, -1)
                      if " ".join(lowered[-n:]) in titles), None)
        if title is None:
            continue
        name = " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)
        yield Byline(name, m.span("name"), title, m.span("title"))

"""A press statement's byline in capitals: 'ANTONY J. BLINKEN, SECRETARY OF STATE', 'MATTHEW MILLER, DEPARTMENT
SPOKESPERSON' on a line of its own (session 19).

The State Department prints its statements' author so, above the body; the gazetteers read names and titles in
their written case only, so the line named nobody. A line that is two to four capitalised name words, a comma and a
title of ``titles.csv`` ('DEPARTMENT' before 'SPOKESPERSON' is the publisher's) is the author's byline; ``persons``
gives the name its office (the same line in title case, 'Antony J. Blinken, Secretary of State', the gazetteers
read, and ``persons._byline`` places). Turn labels ('MR. MILLER:') end in a colon and are not read.
The whole title part must be a title, so 'DEPUTY SECRETARY OF STATE' is never read as 'Secretary of State'; a name
part with a function word ('THE WHITE HOUSE, OFFICE OF ...') or an honorific ('MR. MILLER, SPOKESPERSON') is no
name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from armsgraph.loaders.text.speakers import SUFFIXES
from armsgraph.loaders.text.turns import title_cased

_SPACE = "[ \\t\\r\u00a0]"
_LINE = re.compile(rf"(?m)^{_SPACE}*(?P<name>[A-Z][A-Z.'’-]*(?:{_SPACE}+[A-Z][A-Z.'’-]*){{1,4}}),{_SPACE}+"
                   rf"(?P<title>[A-Z][A-Z'’-]*(?:{_SPACE}+[A-Z][A-Z'’-]*){{0,5}}){_SPACE}*$")
PUBLISHER_WORDS = frozenset({"department"})
"""A word before the title that is the publisher's ('DEPARTMENT SPOKESPERSON')."""
FUNCTION_WORDS = frozenset({"THE", "OF", "FOR", "AND", "ON", "TO"})
"""Words no personal name holds ('THE WHITE HOUSE', 'OFFICE OF THE PRESS SECRETARY')."""


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


def capital_bylines(text: str, titles: Mapping[str, str], honorifics: AbstractSet[str]) -> Iterator[Byline]:
    """The bylines in capitals of ``text``; ``titles``: lower-case variant -> canonical title; ``honorifics``:
    lower-case honorifics ('mr.', 'gen.'), which no byline's name opens with."""
    for m in _LINE.finditer(text):
        written = m.group("name").split()
        if written[0].lower() in honorifics or FUNCTION_WORDS & set(written):
            continue
        words = [w for w in written if w not in SUFFIXES and w.capitalize() not in SUFFIXES]
        if not 2 <= len(words) <= 4 or not all(any(c.isalpha() for c in w) for w in words):
            continue
        lowered = m.group("title").lower().split()
        if len(lowered) > 1 and lowered[0] in PUBLISHER_WORDS:
            lowered = lowered[1:]
        title = titles.get(" ".join(lowered))
        if title is None:
            continue
        yield Byline(" ".join(title_cased(words)), m.span("name"), title, m.span("title"))

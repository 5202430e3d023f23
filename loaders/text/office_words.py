"""Words about offices and speakers (``data/office_words.csv``), read once per process.

Wording lives in the data file, not in the rules: which words end a state's body ('ministry', 'intelligence'), which
make an office a state's ('army', 'defence'), which lower-case nouns a company's or elected office is ('chief
executive', 'lawmaker'), which pronouns stand for a claim's speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from armsgraph.loaders.io import csv_rows

KINDS = ("body-word", "body-office", "body-rank", "body-head", "state-office", "company-office", "speaker-pronoun",
         "state-group", "unowned-body", "unowned-modifier")


@dataclass(frozen=True)
class OfficeWords:
    body_words: frozenset[str]
    """Words that end a state's named body, capitalised as the text writes them ('the French Defense Committee')."""
    body_offices: frozenset[str]
    """Offices of such a body, capitalised ('Chairman of the French Defense Committee')."""
    body_ranks: frozenset[str]
    """Words before such an office that make it another of the same body, capitalised ('Deputy', 'Vice-')."""
    body_heads: frozenset[str]
    """Last words of a state's body whose head is an official ('the Portuguese defence ministry')."""
    state_office: frozenset[str]
    """Words of a state's body in an office the titles lack, the body heads included ('Army Inspector General')."""
    company_offices: frozenset[str]
    """Lower-case company and elected office nouns a name may follow ('chief executive Jane Roe')."""
    speaker_pronouns: frozenset[str]
    """Words in a claim that can stand for its speaker ('we', 'its')."""
    state_groups: frozenset[str]
    """Plural nouns of a subject standing for the states named together before it ('the three defence ministries')."""
    unowned_bodies: frozenset[str]
    """A body that speaks for its state when no owner is named ('the defence ministry', 'the Air Force Command')."""
    unowned_modifiers: frozenset[str]
    """Words between 'the' and such a body besides a ministry's ('Air', 'Force')."""


@cache
def office_words() -> OfficeWords:
    """The table, read once per process; an unknown kind fails with its line."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", "office_words.csv").read_text(encoding="utf-8")
    kinds: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for row in csv_rows(text).rows:
        word, kind = row.values["word"].strip().lower(), row.values["kind"].strip()
        if kind not in kinds:
            raise ValueError(f"data/office_words.csv:{row.line}: unknown kind {kind!r}")
        kinds[kind].add(word)
    heads = frozenset(kinds["body-head"] | kinds["body-word"])
    return OfficeWords(body_words=_capitalised(kinds["body-word"]), body_offices=_capitalised(kinds["body-office"]),
                       body_ranks=_capitalised(kinds["body-rank"]), body_heads=heads,
                       state_office=heads | kinds["state-office"],
                       company_offices=frozenset(kinds["company-office"]),
                       speaker_pronouns=frozenset(kinds["speaker-pronoun"]),
                       state_groups=frozenset(kinds["state-group"]),
                       unowned_bodies=frozenset(kinds["unowned-body"]),
                       unowned_modifiers=frozenset(kinds["unowned-modifier"]))


def _capitalised(words: set[str]) -> frozenset[str]:
    return frozenset(w.capitalize() for w in words)

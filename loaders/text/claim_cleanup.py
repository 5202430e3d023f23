"""Last checks on a document's claims, after every claim rule has run.

- One speaker, one claim per stretch of text: a claim whose text lies inside another claim of the same speaker
  (two speech verbs of one sentence, 'told ... and said ...'; 'as I've said' inside the speaker's own quotation)
  is part of it, not a second claim.
- A statement reported inside a person's reported speech is that person's ('Sweden had said that ..., X added').
- In a transcript, what the turn's own speaker says they said ('I'll say it again: ...', 'as I told you') is their
  turn, so, like the turn's other sentences, a claim only when it speaks of arms supply (``supply_talk``).
"""

from __future__ import annotations

import re

from armsgraph.loaders.text.extraction import ClaimFact
from armsgraph.loaders.text.supply_talk import speaks_of_supply
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.turn_claims import TURN_RULE


def without_nested(claims: list[ClaimFact]) -> list[ClaimFact]:
    """Drop each claim whose span lies inside another claim of the same speaker (the first of equal spans stays).

    One sweep per speaker in (start, longest first, order) order: a claim is inside another exactly when an earlier
    one of the sweep ends at or after it, so a long document's thousands of claims cost n log n, not n squared."""
    nested: set[int] = set()
    by_speaker: dict[str, list[int]] = {}
    for n, c in enumerate(claims):
        by_speaker.setdefault(c.speaker, []).append(n)
    for indices in by_speaker.values():
        furthest = -1
        for n in sorted(indices, key=lambda n: (claims[n].start, -claims[n].end, n)):
            if claims[n].end <= furthest:
                nested.add(n)
            furthest = max(furthest, claims[n].end)
    return [c for n, c in enumerate(claims) if n not in nested]


def outer_speakers(claims: list[ClaimFact]) -> list[ClaimFact]:
    """Drop a reported-speech claim that opens inside the clause a person says by the parse's reading ('Sweden had
    said that it was ready to donate ..., Defence Minister X added': the nested statement is X's, as the guide
    keeps a quotation nested in another the outer speaker's; session 15). Quotations and turns are not touched."""
    outer = [o for o in claims if o.rule == "claim:syntax-said" and not o.quote and o.speaker.startswith("person:")]
    return [c for c in claims if c.quote or c.rule == TURN_RULE or not any(
        o.start < c.start < o.end and o.speaker != c.speaker and not _coordinated(o.text[: c.start - o.start])
        and ";" not in c.text for o in outer)]


def _coordinated(before: str) -> bool:
    """Whether a second clause opens in ``before`` ('..., while her Dutch counterpart Y said ...'): its speaker
    speaks beside the outer one, not inside their speech (so does an inner claim running over a ';': 'X said
    ...; Y added that ...' misread by the parse as Y saying X's sentence)."""
    return re.search(r"[,;]\s+(?:and|but|while|whereas)\b|;", before) is not None


def own_speech_in_turns(d: TextDoc, claims: list[ClaimFact], turns: list[tuple[int, int, str]]) -> list[ClaimFact]:
    """Drop a claim of a turn's own speaker inside that turn (``turns``: character start, end, speaker of each
    turn in the cleaned text) unless its sentence speaks of arms supply; the turn rule's own claims stay."""
    kept: list[ClaimFact] = []
    for c in claims:
        start = c.start - d.base
        own = c.rule != TURN_RULE and any(a <= start < b and speaker == c.speaker for a, b, speaker in turns)
        if own:
            sent = d.sent_of(d.tok_index(start))
            if not speaks_of_supply(d, sent.start, sent.end):
                continue
        kept.append(c)
    return kept

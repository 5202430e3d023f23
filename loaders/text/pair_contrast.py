"""Relative pair features (session 19): each candidate pair of a weapon against the other pairs of the same weapon
in its document, feature by feature (each against the highest value any other pair has, so two features may come
from two different pairs). The shipped model names no contrast, so none of this runs at extraction time.

A pair's own features say "this supplier is a subject, this recipient follows 'to'"; most of the rules' misses the
model could reach are a weapon whose right pair already ranks first but scores under the threshold (session 18).
A contrast says whether the pair holds that role where no other pair of the weapon does, which is how a reader
picks the giver among the states near a weapon. ``contrasted`` gives, for each pair of a group, ``rel:NAME`` = its
value of NAME less the highest value of NAME among the other pairs (only where they differ), ``rel:pairs`` (how
many others, log), ``agree:n`` (its agreeing less disagreeing parse roles) and ``rel:agree-n`` (that count less the
highest other pair's). The model file names the features it contrasts (``contrasts``); none means none is computed.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

from armsgraph.loaders.text.candidates import AGREES, DISAGREES

CONTRASTS = frozenset({
    "sup:subject", "rec:to-for", "rec:pobj-to-for", "sup:token-close", "rec:token-close", "sup:close", "rec:close",
    "sup:most-mentioned", "sup:sentence-subject", "sup:same-trigger", "rec:same-trigger", "direction:agrees",
    "direction:surface-agrees", "direction:disagrees", "sup:from", "rec:object", "sup:lead", "rec:title",
    "sup:home", "owner:is-supplier", "pair:same-sentence"})
"""The features contrasted: who is the subject, who follows to/for, token and sentence closeness, the most named
state, the lead, the parse's and the surface's direction (session 18's small set of 21)."""


def contrasted(group: Sequence[Mapping[str, float]], names: Collection[str]) -> list[dict[str, float]]:
    """The features of each pair of one weapon's group (one document) with its contrasts against the others: one
    pass per feature over the group (``best_of_others``), not one over the others per pair."""
    keys = {k for f in group for k in f if k in names}
    agree = [float(sum(1 for k in f if k in AGREES) - sum(1 for k in f if k in DISAGREES)) for f in group]
    others = {k: best_of_others([f.get(k, 0.0) for f in group]) for k in keys}
    agree_others = best_of_others(agree)
    out: list[dict[str, float]] = []
    for i, f in enumerate(group):
        g = dict(f)
        g["rel:pairs"] = math.log1p(len(group) - 1)
        g["agree:n"] = agree[i]
        if len(group) > 1:
            g["rel:agree-n"] = agree[i] - agree_others[i]
            for k in keys:
                v, o = f.get(k, 0.0), others[k][i]
                if v != o:
                    g["rel:" + k] = v - o
        out.append(g)
    return out


def best_of_others(values: Sequence[float]) -> list[float]:
    """For each position, the highest value at any other position (-inf for a single value): the highest and the
    second highest of the whole list suffice, so the list is read once."""
    top, second, at = -math.inf, -math.inf, -1
    for i, v in enumerate(values):
        if v > top:
            top, second, at = v, top, i
        elif v > second:
            second = v
    return [second if i == at else top for i in range(len(values))]


def with_contrasts(weapons: Sequence[str], features: Sequence[Mapping[str, float]], windowed: Sequence[bool],
                   names: Collection[str]) -> list[dict[str, float]]:
    """Every candidate's features, the windowed ones of each weapon contrasted within their group (a candidate
    only the rules made keeps its own: the model never read it in training); nothing added when ``names`` is
    empty."""
    out = [dict(f) for f in features]
    if not names:
        return out
    groups: dict[str, list[int]] = {}
    for i, (w, inside) in enumerate(zip(weapons, windowed, strict=True)):
        if inside:
            groups.setdefault(w, []).append(i)
    for idx in groups.values():
        for i, g in zip(idx, contrasted([features[i] for i in idx], names), strict=True):
            out[i] = g
    return out

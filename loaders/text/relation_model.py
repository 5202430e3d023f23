"""The learned transfer classifier at run time: a logistic regression over ``candidates`` features, read from
``data/transfer_model.json`` (feature names, weights, bias, decision threshold), scored in plain Python.

The file is data derived from the committed gold by ``train_transfers`` (scikit-learn, offline; ``make
train-text``); nothing here imports scikit-learn. A missing or unreadable file means no model: the component that
uses it then adds nothing and the rules' transfers stand alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "data" / "transfer_model.json"


@dataclass(frozen=True)
class RelationModel:
    """Weights by feature name; ``threshold`` on the probability decides; ``keep_rules``: a triple the rules
    produced stays whatever its score (the model only adds). A triple is accepted when its probability reaches
    the threshold, no other pair of actors scores higher for the same weapon, its reverse (recipient to
    supplier) does not score higher, and the rules read no transfer of that weapon (``select``)."""

    weights: dict[str, float]
    bias: float
    threshold: float
    keep_rules: bool

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def model_from(data: dict[str, object]) -> RelationModel:
    """A model from its JSON object; ValueError when the shape is not the trained file's."""
    names, weights = data.get("features"), data.get("weights")
    if not isinstance(names, list) or not isinstance(weights, list) or len(names) != len(weights):
        raise ValueError("transfer model: 'features' and 'weights' must be lists of the same length")
    bias, threshold = data.get("bias"), data.get("threshold")
    if not isinstance(bias, (int, float)) or not isinstance(threshold, (int, float)):
        raise ValueError("transfer model: 'bias' and 'threshold' must be numbers")
    return RelationModel({str(n): float(w) for n, w in zip(names, weights, strict=True)}, float(bias),
                         float(threshold), bool(data.get("keep_rules", True)))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> RelationModel | None:
    """The trained model, read once; None when the file is missing or unreadable (rules only)."""
    try:
        return model_from(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def select(model: RelationModel, triples: Sequence[tuple[str, str, str]], probabilities: Sequence[float],
           ruled: Collection[str] = ()) -> list[bool]:
    """Which triples (supplier, recipient, weapon) of one document the model accepts, given their probabilities:
    at or over the threshold, the best pair for their weapon (ties all kept), not beaten by their reverse, and of
    a weapon the rules gave no transfer in the document (``ruled``: the model fills in what the rules missed; it
    does not second-guess the parties the rules read for a weapon)."""
    best: dict[str, float] = {}
    by_triple: dict[tuple[str, str, str], float] = {}
    for (s, r, w), p in zip(triples, probabilities, strict=True):
        best[w] = max(best.get(w, 0.0), p)
        by_triple[(s, r, w)] = p
    return [p >= model.threshold and p >= best[w] and p >= by_triple.get((r, s, w), 0.0) and w not in ruled
            for (s, r, w), p in zip(triples, probabilities, strict=True)]

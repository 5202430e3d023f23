"""Each rule component on its own, over one read-only parsed document: what it returns, that it needs only the
components before it, and that no component changes the document."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.claims import claims
from armsgraph.loaders.text.entities import gazetteer_entities
from armsgraph.loaders.text.extract import PIPELINE, claims_about_transfers, extract_text, run_components
from armsgraph.loaders.text.persons import persons
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfers import clause_transfers, described_categories, syntax_transfers

NEWS = {"date": "2024-05-10", "publisher": "Reuters"}


def test_the_parsed_document_is_read_only() -> None:
    doc = TextDoc("Germany sent Leopard 2 tanks to Ukraine, Chancellor Olaf Scholz said.", NEWS)
    before = (list(doc.words), [(e.start, e.end, e.label_) for e in doc.doc.ents], doc.syntax is None)
    with pytest.raises(AttributeError, match="read-only"):
        doc.words = []
    run_components(doc)
    assert (list(doc.words), [(e.start, e.end, e.label_) for e in doc.doc.ents], doc.syntax is None) == before


def test_no_component_inherits_from_another() -> None:
    # components are functions over (document, facts), composed in one list
    assert all(callable(c) and not isinstance(c, type) for c in PIPELINE)
    assert PIPELINE[0] is gazetteer_entities


def test_entities_component_alone() -> None:
    doc = TextDoc("Germany sent Leopard 2 tanks to Ukraine.", NEWS)
    found = {e.id for e in gazetteer_entities(doc, run_components(doc, ()))}
    assert {"country:DEU", "country:UKR", "weapon:leopard-2"} <= found


def test_persons_component_needs_only_the_entities() -> None:
    doc = TextDoc("Russia's ambassador to Washington, Anatoly Antonov, spoke on Monday.", NEWS)
    positions = persons(doc, run_components(doc, (gazetteer_entities,)))
    assert [(p.person, p.of) for p in positions] == [("person:anatoly-antonov", "country:RUS")]


def test_claims_component_alone() -> None:
    doc = TextDoc("The move is dangerous, Foreign Minister Sergey Lavrov told reporters on Friday.", NEWS)
    found = claims(doc, run_components(doc, (gazetteer_entities, persons)))
    assert [c.speaker for c in found] == ["person:sergei-lavrov"]  # the known official, spelled otherwise
    assert found[0].date == "2024-05-10"  # 'on Friday': the document's own Friday


def test_clause_transfers_component_alone() -> None:
    doc = TextDoc("Germany will send 18 Leopard 2 tanks to Ukraine, the government said.", NEWS)
    facts = run_components(doc, (gazetteer_entities, persons, claims))
    found = clause_transfers(doc, facts)
    assert [(t.supplier, t.recipient, t.weapon, t.quantity) for t in found] == [
        ("country:DEU", "country:UKR", "weapon:leopard-2", 18)]
    # the next component adds only what this one did not read
    assert syntax_transfers(doc, facts) == []


@pytest.mark.skipif(model() is None, reason="the trained pipeline is not installed")
def test_syntax_transfers_component_reads_each_weapons_own_supplier() -> None:
    doc = TextDoc("Ukraine received HIMARS from the United States and Krab howitzers from Poland.", NEWS)
    # alone (no clause rules before it), the parse reads each weapon's own 'from'
    found = syntax_transfers(doc, run_components(doc, (gazetteer_entities, persons, claims)))
    assert {(t.supplier, t.weapon) for t in found} == {("country:USA", "weapon:himars"),
                                                       ("country:POL", "weapon:krab-155mm")}
    # the clause rules now read the same (transfer:receive-*-own-from): nothing left for the parse to add
    facts = run_components(doc, (gazetteer_entities, persons, claims, clause_transfers))
    assert {(t.supplier, t.weapon) for t in facts.transfers.values()} == {
        ("country:USA", "weapon:himars"), ("country:POL", "weapon:krab-155mm")}
    assert syntax_transfers(doc, facts) == []


def test_described_categories_component() -> None:
    text = "The United States sent DPICM to Ukraine. Sending cluster munitions to Ukraine was a hard decision."
    doc = TextDoc(text, NEWS)
    facts = run_components(doc, PIPELINE[: PIPELINE.index(described_categories)])
    assert "weapon:cluster-munitions" in {t.weapon for t in facts.transfers.values()}
    kept = described_categories(doc, facts)
    assert {t.weapon for t in kept} == {"weapon:dpicm"}


def test_claims_about_transfers_component() -> None:
    text = "Washington gave the green light for the transfer of Patriot systems to Ukraine, according to Andrii Yermak."
    doc = TextDoc(text, NEWS)
    facts = run_components(doc, PIPELINE[:-1])
    linked = claims_about_transfers(doc, facts)
    assert len(linked) == 1
    (transfer,) = facts.transfers.values()
    assert transfer.attributed and transfer.attributed_to == "person:andrii-yermak"
    assert f"transfer:{transfer.key}" in facts.claims[0].about


def test_the_pipeline_is_the_extraction() -> None:
    text = "Germany will send 18 Leopard 2 tanks to Ukraine, Chancellor Olaf Scholz said."
    facts = run_components(TextDoc(text, NEWS))
    x = extract_text(text, NEWS)
    assert {t.key for t in x.transfers} == set(facts.transfers)
    assert [c.speaker for c in x.claims] == [c.speaker for c in facts.claims]

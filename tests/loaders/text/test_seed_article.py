"""The seed article yields exactly the facts the issue lists (issue 6, 'Accuracy')."""

from __future__ import annotations

from pathlib import Path

from armsgraph.loaders.text.extraction import Extraction


def ids(x: Extraction, kind: str) -> set[str]:
    return {e.id for e in x.entities if e.type == kind}


def test_countries_are_exactly_us_russia_ukraine(seed_extraction: Extraction) -> None:
    assert ids(seed_extraction, "Country") == {"country:USA", "country:RUS", "country:UKR"}


def test_metonyms_and_demonyms_resolve_to_their_state(seed_extraction: Extraction) -> None:
    rules = {(m.text, m.rule) for e in seed_extraction.entities for m in e.mentions}
    assert ("Washington", "country:capital") in rules and ("Kiev", "country:capital") in rules
    usa = seed_extraction.entity("country:USA")
    ukr = seed_extraction.entity("country:UKR")
    assert usa is not None and ukr is not None
    assert "Washington" in {m.text for m in usa.mentions}
    assert {"Kiev", "Ukrainian", "Ukrainians"} <= {m.text for m in ukr.mentions}


def test_officials_with_their_positions(seed_extraction: Extraction) -> None:
    positions = {(p.person, p.title, p.of) for p in seed_extraction.positions}
    # titles and affiliations as the curated seed (examples/seed-entities.jsonl) has them: one Position node each
    assert positions == {
        ("person:anatoly-antonov", "Ambassador of Russia to the United States", "country:RUS"),
        ("person:colin-kahl", "Under Secretary of Defense for Policy", "org:us-dod"),
        ("person:antonio-guterres", "Secretary-General of the United Nations", "org:united-nations"),
    }
    kahl_org = seed_extraction.entity("org:us-dod")
    assert kahl_org is not None and kahl_org.country == "USA"  # the Pentagon is part of the United States
    assert ids(seed_extraction, "Person") == {"person:anatoly-antonov", "person:colin-kahl",
                                              "person:antonio-guterres"}


def test_later_bare_surname_is_the_same_person(seed_extraction: Extraction) -> None:
    antonov = seed_extraction.entity("person:anatoly-antonov")
    assert antonov is not None
    assert [m.text for m in antonov.mentions].count("Antonov") == 3


def test_treaty_weapon_and_category(seed_extraction: Extraction) -> None:
    assert ids(seed_extraction, "Treaty") == {"treaty:ccm"}
    dpicm = seed_extraction.entity("weapon:dpicm")
    assert dpicm is not None and dpicm.category == "category:cluster-munitions"
    assert {m.text for m in dpicm.mentions} == {"DPICM", "dual-purpose improved conventional munitions"}


def test_the_one_transfer_is_the_announced_us_dpicm_to_ukraine(seed_extraction: Extraction) -> None:
    assert [(t.supplier, t.recipient, t.weapon, t.status, t.date) for t in seed_extraction.transfers] == [
        ("country:USA", "country:UKR", "weapon:dpicm", "announced", "2023-07-07")
    ]
    evidence = seed_extraction.transfers[0].evidence
    assert evidence.text.startswith("The White House and the Pentagon confirmed on Friday")
    assert evidence.text.endswith("to Ukraine.")


def test_offsets_point_at_the_file_text(seed_extraction: Extraction, seed_article: Path) -> None:
    text = seed_article.read_text(encoding="utf-8")
    for entity in seed_extraction.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    for claim in seed_extraction.claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_antonov_quotes_are_his_claims(seed_extraction: Extraction) -> None:
    antonov = [c for c in seed_extraction.claims if c.speaker == "person:anatoly-antonov"]
    quotes = [c.text for c in antonov if c.quote]
    assert any(q.startswith("Cluster munitions are a gesture of desperation") for q in quotes)
    assert any(q.startswith("They do not want to admit their own setbacks") for q in quotes)
    assert any(q.startswith("What’s striking is the cruelty") for q in quotes)  # attributed to 'the ambassador'
    assert any(q.startswith("The administration completely ignored") for q in quotes)  # continuation
    reported = [c.text for c in antonov if not c.quote]
    assert any(r.startswith("The US decision to include cluster munitions") for r in reported)
    assert any(r.startswith("the move by the US ignores concerns") for r in reported)
    assert all(c.date == "2023-07-07" for c in antonov)


def test_casualty_figure_is_the_ministrys_claim_not_a_fact(seed_extraction: Extraction) -> None:
    ministry = [c for c in seed_extraction.claims if c.speaker == "org:russia-mod"]
    assert len(ministry) == 1
    assert "more than 10,000 casualties" in ministry[0].text and ministry[0].rule == "claim:according-to"
    assert "country:UKR" in ministry[0].about
    assert ministry[0].evidence.text.endswith("according to the Russian Defense Ministry.")


def test_every_claim_has_a_speaker_from_the_text(seed_extraction: Extraction) -> None:
    speakers = {c.speaker for c in seed_extraction.claims}
    assert speakers == {"person:anatoly-antonov", "person:colin-kahl", "org:russia-mod"}

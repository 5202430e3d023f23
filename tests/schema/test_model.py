"""The model is declared once: labels, keys and relation endpoints come from the classes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from armsgraph.schema import (
    NODE_TYPES,
    RELATION_TYPES,
    Claim,
    Country,
    Document,
    Holds,
    Person,
    Position,
    Supplied,
    Transfer,
    WeaponSystem,
    label_of_id,
)
from armsgraph.schema.ids import slug


def test_ids_are_deterministic_from_canonical_keys() -> None:
    assert Country(iso3="USA", name="United States").id == "country:USA"
    assert Country(iso3="USA", name="USA (another spelling)").id == "country:USA"
    assert Person(name="Anatoly Antonov").id == Person(name="  Anatoly Antonov ").id == "person:anatoly-antonov"
    assert WeaponSystem(designation="D-30 122mm").id == "weapon:d-30-122mm"
    a = Position(title="Under Secretary of Defense for Policy", person="person:colin-kahl", of="org:us-dod")
    b = Position(title="Under Secretary of Defense for Policy", person="person:colin-kahl", of="org:us-dod")
    assert a.id == b.id and a.id.startswith("position:")


def test_historical_states_never_share_a_key_with_their_successors() -> None:
    assert Country(iso3="SUN", name="Soviet Union", historical=True).id != Country(iso3="RUS", name="Russia").id


def test_a_given_id_must_match_the_key() -> None:
    with pytest.raises(ValidationError, match="does not match"):
        Country(id="country:RUS", iso3="USA", name="United States")


def test_every_label_and_prefix_is_registered_once() -> None:
    expected = {"Country", "Organization", "NonStateActor", "Person", "Position", "WeaponSystem",
                "WeaponCategory", "Treaty", "Transfer", "Document", "Claim"}
    assert expected <= set(NODE_TYPES)
    for label, cls in NODE_TYPES.items():
        assert label_of_id(f"{cls.prefix}:x") == label
    assert {r.type for r in RELATION_TYPES} >= {"SUPPLIED", "TO", "OF", "IN_CATEGORY", "HOLDS", "PARTY_TO",
                                                 "CLAIMED", "ABOUT"}
    # provenance is the writer's, never a fact a loader (or a curated file) can assert
    assert "SOURCED_FROM" not in {r.type for r in RELATION_TYPES}


def test_relations_check_their_endpoints() -> None:
    Supplied(src="country:USA", dst="transfer:abc")
    with pytest.raises(ValidationError, match="SUPPLIED src must be one of"):
        Supplied(src="weapon:dpicm", dst="transfer:abc")
    with pytest.raises(ValidationError, match="not a node id"):
        Holds(src="Colin Kahl", dst="position:x")


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Country.model_validate({"iso3": "USA", "name": "United States", "capital": "Washington"})


def test_hostile_strings_are_plain_values() -> None:
    hostile = '"}) DETACH DELETE n //'
    person = Person(name=hostile)
    assert person.properties()["name"] == hostile
    assert person.id == "person:" + slug(hostile) and "DETACH" not in person.id


def test_document_and_claim_ids() -> None:
    doc = Document(sha256="a" * 64, kind="article")
    assert doc.id == "doc:" + "a" * 24
    claim = Claim(text="Ukraine lost 10,000 men", document=doc.id, speaker="org:russia-mod", start=5)
    again = Claim(text="Ukraine lost 10,000 men", document=doc.id, speaker="org:russia-mod", start=5)
    assert claim.id == again.id


def test_transfer_properties_drop_nulls() -> None:
    t = Transfer(key="x", delivery_years=[2023, 2024], tiv_delivered=1.5)
    assert t.properties() == {"id": "transfer:x", "key": "x", "delivery_years": [2023, 2024], "tiv_delivered": 1.5}


def test_every_label_declares_a_caption_over_fields_it_can_read() -> None:
    """A caption names fields of the label, or of the labels a ``via`` relationship joins it to."""
    from armsgraph.schema import Node

    for label, cls in NODE_TYPES.items():
        assert cls.caption is not Node.caption, f"{label} declares no caption"
        for part in cls.caption.parts:
            if part.via is None:
                assert set(part.fields) & set(cls.model_fields), (label, part)
                continue
            rels = [r for r in RELATION_TYPES if r.type == part.via
                    and cls in (r.targets if part.incoming else r.sources)]
            assert rels, (label, part.via)
            ends = {c for r in rels for c in (r.sources if part.incoming else r.targets)}
            assert all(set(part.fields) & set(c.model_fields) for c in ends), (label, part)

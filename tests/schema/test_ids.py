"""The id rule: every id is bounded whatever the input, and a name in any script keeps a key of its own."""

from __future__ import annotations

import pytest

from armsgraph.schema import (
    NODE_TYPES,
    Holds,
    Node,
    Organization,
    Person,
    Position,
    Transfer,
    UnresolvedActor,
    WeaponSystem,
)
from armsgraph.schema.ids import KEY_DIGEST, KEY_MAX, bounded, name_key, slug

LONG = "Very Long Designation " * 250  # 5.5 KB


def test_a_short_key_is_kept_whole() -> None:
    assert bounded("d-30-122mm") == "d-30-122mm"
    assert bounded("x" * KEY_MAX) == "x" * KEY_MAX


def test_a_long_key_is_a_readable_head_and_a_digest_of_all_of_it() -> None:
    key = slug(LONG)
    short = bounded(key)
    assert len(short) <= KEY_MAX
    assert short.startswith("very-long-designation-very-long")
    assert len(short.rsplit("-", 1)[1]) == KEY_DIGEST
    assert bounded(key) == short, "deterministic"
    assert bounded(short) == short, "idempotent: bounding again changes nothing"
    assert bounded(key + "-b") != short, "same head, different tail: different key"


@pytest.mark.parametrize(("name", "expected"), [
    ("Anatoly Antonov", "anatoly-antonov"),
    ("Türkiye", "turkiye"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("D-30 122mm", "d-30-122mm"),
    ("Bü-181 Bestmann", "bu-181-bestmann"),
    ("Владимир Путин", "vladimir-putin"),
    ("Ελλάδα", "ellada"),
    ("محمد بن سلمان", "mhmd-bn-slmn"),
    ("Łukasz Błaszczak", "lukasz-blaszczak"),
])
def test_slugs_transliterate_every_script(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_han_names_that_read_alike_keep_distinct_keys() -> None:
    assert slug("习近平").startswith("xijinping-")
    assert slug("王伟") != slug("王薇"), "both read 'wangwei'"
    assert slug("习近平") == slug(" 习近平 ")


def test_a_name_with_no_letter_in_any_script_still_has_a_key() -> None:
    assert slug("!!!") == "" and slug("\u200b") == ""
    assert name_key("!!!") and name_key("!!!") != name_key("???")


def test_non_latin_people_are_different_nodes() -> None:
    assert Person(name="Владимир Путин").id == "person:vladimir-putin"
    ids = {Person(name=n).id for n in ("Владимир Путин", "习近平", "王伟", "王薇", "金正恩", "محمد بن سلمان",
                                          "Сергей Лавров", "!!!", "???")}
    assert len(ids) == 9 and all(len(i) > len("person:") for i in ids)


def test_every_node_id_is_bounded_and_the_full_name_kept() -> None:
    person = Person(name=LONG)
    weapon = WeaponSystem(designation=LONG)
    nodes = [person, weapon, UnresolvedActor(name=LONG), Transfer(key=LONG),
             Organization(key=slug(LONG) + "-x", name=LONG)]
    for node in nodes:
        key = node.id.split(":", 1)[1]
        assert len(key) <= KEY_MAX, node.label
        assert len(node.id.encode()) < 4096
    assert person.name == LONG.strip() and weapon.designation == LONG.strip()
    assert Person.id_of(name=LONG) == person.id, "id_of and validation make one id"
    assert Person(name=LONG + "!").id == person.id, "what slugs alike is one node, as for short names"
    assert Person(name=LONG + " B").id != person.id


def test_every_label_bounds_its_key() -> None:
    """The bound is in the one place ids are made, so a new node type cannot forget it."""
    for cls in NODE_TYPES.values():
        long_key: type[Node] = type(f"Long{cls.label}", (cls,), {"natural_key": lambda self: "k" * 5000})
        assert len(long_key.model_construct()._make_id()) == len(cls.prefix) + 1 + KEY_MAX


def test_a_long_id_written_out_names_the_node_its_key_made() -> None:
    person = Person(name=LONG)
    written = "person:" + slug(LONG)  # a curated record spelling the id out in full
    assert Person(name=LONG, id=written).id == person.id
    position = Position(title="Minister", person=written, of="country:RUS")
    assert Holds(src=written, dst=position.id).src == person.id

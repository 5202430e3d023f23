"""The resolver's inputs are explicit: a config builds it, a loader passes its policy, the linker records nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.graph.load import load_paths
from armsgraph.graph.store import Store
from armsgraph.loaders.resolve import NEWS, TREATY, Linker, Resolver, ResolverConfig, standard_tables
from armsgraph.loaders.sipri.names import SIPRI, sipri_marker


@pytest.fixture(autouse=True)
def _no_user_judgements(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSGRAPH_JUDGEMENTS", raising=False)


def _judged(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "judgements.csv").write_text("name,decision,entity_id\nFreedonia,is,country:AUT\n", encoding="utf-8")
    return data_dir


def test_the_data_dir_is_an_input_not_a_setting(tmp_path: Path) -> None:
    judged = ResolverConfig(_judged(tmp_path / "a")).resolver()
    plain = Resolver.standard()
    assert judged.resolve("Freedonia").entity_id == "country:AUT"
    assert plain.resolve("Freedonia").entity_id is None  # building the first changed nothing for the second
    assert Resolver.standard(tmp_path / "a").resolve("Freedonia").rule == "judgement"
    assert judged.tables is plain.tables is standard_tables()  # the read-only tables are read once


def test_sipri_marks_come_with_the_policy_the_loader_passes() -> None:
    resolver = Resolver.standard()
    assert resolver.resolve("Ukraine*", SIPRI).label == "NonStateActor"
    assert resolver.resolve("NATO**", SIPRI).entity_id == "org:nato"
    assert resolver.resolve("Ukraine*", TREATY).entity_id == "country:UKR"  # a treaty table has no marks
    assert resolver.resolve("Ukraine*").entity_id == "country:UKR"
    with pytest.raises(ValueError, match="unknown context"):
        resolver.resolve("Ukraine", "sipri")  # the shared resolver knows no SIPRI rules of its own
    assert [sipri_marker(n) for n in ("Hamas*", "NATO**", "X***", "Ukraine", "")] == [1, 2, 2, 0, 0]


def test_the_linker_looks_up_and_records_nothing() -> None:
    linker = ResolverConfig().linker()
    assert not isinstance(linker, Resolver)
    assert linker.link("Kyiv", NEWS).entity_id == "country:UKR"
    assert linker.link("Kyiv", TREATY).entity_id is None
    assert linker.link("Afghanistn", SIPRI).rule == "unresolved"  # no fuzzy guess
    assert linker.link("Some New Front (Chad)*", SIPRI).rule == "unresolved"  # no entity made up
    assert linker.entity("nsa:some-new-front-chad") is None
    assert Linker(tables=standard_tables()).link("Congolese", NEWS).rule == "ambiguous"


def test_derived_entities_stay_in_their_resolver() -> None:
    one, two = Resolver.standard(), Resolver.standard()
    assert one.resolve("Some New Front (Chad)*", SIPRI).entity_id == "nsa:some-new-front-chad"
    assert one.entity("nsa:some-new-front-chad") is not None
    assert two.entity("nsa:some-new-front-chad") is None
    assert standard_tables().entity("nsa:some-new-front-chad") is None


def test_a_load_uses_the_resolver_it_is_given(store: Store, tmp_path: Path) -> None:
    """One resolver for a whole load: the user's judgements apply and its review list covers every file."""
    table = tmp_path / "parties.csv"
    table.write_text("treaty,state,signed\nccm,Freedonia,2008-12-03\nccm,Ruritania,2008-12-03\n", encoding="utf-8")
    resolver = ResolverConfig(_judged(tmp_path / "data")).resolver()
    load_paths(store, [table], loader_name="treaty-table", resolver=resolver)
    assert store.run("MATCH (:Country {iso3: 'AUT'})-[r]->(:Treaty) RETURN count(r)").scalar() == 1
    assert [(i.query, i.rule, i.context) for i in resolver.review()] == [("Ruritania", "unresolved", "treaty")]

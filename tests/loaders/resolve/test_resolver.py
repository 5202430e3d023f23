"""The resolver against every actor name in the shared data, plus the hard cases a researcher cares about."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pycountry
import pytest

from armsgraph.loaders.resolve import Resolution, Resolver, normalize, read_review
from armsgraph.loaders.sipri.names import POLICIES
from armsgraph.schema import Country, NonStateActor, Organization, UnresolvedActor

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
SIPRI_FILES = {
    # file: (encoding, name columns) -- header found by its first cell, names read with the csv module
    "classic-trade-register-2025-03.excerpt.csv": ("latin-1", ("Recipient", "Supplier")),
    "classic-trade-register-resaved.excerpt.csv": ("utf-8-sig", ("Recipient", "Supplier")),
    "transfers-2025-01.excerpt.csv": ("ascii", ("Supplier", "Recipient")),
    "transfers-2026-02.excerpt.csv": ("ascii", ("Supplier", "Recipient")),
}


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(policies=POLICIES)


def sipri_names(name: str) -> Iterator[tuple[int, str]]:
    encoding, columns = SIPRI_FILES[name]
    lines = (SHARED / "sipri" / name).read_text(encoding=encoding).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Recipient,", "SIPRI AT Database ID,")))
    header = next(csv.reader([lines[start]]))
    idx = [header.index(c) for c in columns]
    for offset, row in enumerate(csv.reader(lines[start + 1:]), start=start + 2):
        if len(row) < len(header) - 1 or not row[idx[0]]:
            continue  # continuation lines of split records (documented quirk)
        for i in idx:
            yield offset, row[i]


@pytest.mark.parametrize("name", sorted(SIPRI_FILES))
def test_every_sipri_actor_resolves(resolver: Resolver, name: str) -> None:
    failures = []
    seen = 0
    for line, actor in sipri_names(name):
        seen += 1
        res = resolver.resolve(actor, "sipri", where=f"{name}:{line}")
        if res.rule not in ("exact", "alias") or (res.source or "").startswith("derived"):
            failures.append(f"{name}:{line}: {actor!r} -> {res.rule} {res.candidates}")
        elif actor.endswith("**"):
            assert res.label == "Organization", actor
        elif actor.endswith("*"):
            assert res.label == "NonStateActor", actor
    assert seen > 500
    assert not failures, "\n".join(failures)


def test_treaty_tables_resolve_to_their_iso_codes(resolver: Resolver) -> None:
    """survivalscores gives an ISO alpha-2 per row: the resolved entity must agree with it."""
    path = SHARED / "reference" / "treaties_survivalscores" / "treaty_status_by_country.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    bad = []
    for line, row in enumerate(rows, start=2):
        res = resolver.resolve(row["country"], "treaty")
        expected = pycountry.countries.get(alpha_2=row["iso2"])
        if expected is None or res.entity_id != f"country:{expected.alpha_3}":
            bad.append(f"{path.name}:{line}: {row['country']!r} -> {res.entity_id} ({row['iso2']})")
    assert not bad, "\n".join(bad[:20])


def test_ccm_party_table_resolves(resolver: Resolver) -> None:
    path = SHARED / "reference" / "treaty-parties-ccm.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = {row["state"]: resolver.resolve(row["state"], "treaty") for row in rows}
    missing = [f"{path.name}:{i}: {s}" for i, (s, r) in enumerate(got.items(), start=2) if r.entity_id is None]
    assert not missing, missing
    assert got["Bolivia (Plurinational State of)"].entity_id == "country:BOL"
    assert got["Côte d'Ivoire"].entity_id == "country:CIV"
    assert got["Czech Republic"].entity_id == "country:CZE"
    assert got["Congo"].entity_id == "country:COG"
    assert got["Democratic Republic of the Congo"].entity_id == "country:COD"


def test_ear_regime_tables_resolve(resolver: Resolver) -> None:
    data = json.loads((SHARED / "reference" / "ear_country_groups" / "country-groups.json").read_text("utf-8"))
    names = {n for group in ("A:1", "A:2", "A:3", "A:4", "D:5") for n in data["groups"][group]}
    unresolved = sorted(n for n in names if resolver.resolve(n, "treaty").entity_id is None)
    assert not unresolved
    assert resolver.resolve("Korea, South", "treaty").entity_id == "country:KOR"
    assert resolver.resolve("Burma", "treaty").entity_id == "country:MMR"
    assert resolver.resolve("China (PRC)", "treaty").entity_id == "country:CHN"


@pytest.mark.parametrize(
    ("historical", "successors"),
    [
        ("Soviet Union", ["Russia", "Russian Federation", "Ukraine", "Belarus"]),
        ("Czechoslovakia", ["Czechia", "Czech Republic", "Slovakia"]),
        ("Yugoslavia", ["Serbia", "Croatia", "Bosnia-Herzegovina", "Serbia and Montenegro"]),
        ("East Germany (GDR)", ["Germany", "West Germany"]),
        ("South Vietnam", ["Viet Nam"]),
        ("North Yemen", ["Yemen"]),
    ],
)
def test_historical_states_stay_distinct(resolver: Resolver, historical: str, successors: list[str]) -> None:
    old = resolver.resolve(historical, "sipri")
    assert old.entity_id is not None
    node = resolver.node_for(old)
    assert isinstance(node, Country) and node.historical
    for name in successors:
        new = resolver.resolve(name, "sipri")
        assert new.entity_id is not None and new.entity_id != old.entity_id, name


def test_sipri_germany_before_1990_is_the_frg(resolver: Resolver) -> None:
    """SIPRI lists FRG deals before reunification as 'Germany' (and the GDR apart): West Germany = DEU."""
    name = "classic-trade-register-2025-03.excerpt.csv"
    lines = (SHARED / "sipri" / name).read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Recipient,"))
    rows = [r for r in csv.reader(lines[start + 1:]) if len(r) > 3 and r[2].isdigit()]
    assert any("Germany" in (r[0], r[1]) and int(r[2]) < 1990 for r in rows)
    assert any("East Germany (GDR)" in (r[0], r[1]) for r in rows)
    assert resolver.resolve("West Germany").entity_id == resolver.resolve("Germany", "sipri").entity_id
    assert resolver.resolve("FRG").entity_id == "country:DEU"


def test_historical_keys_are_pycountry_codes(resolver: Resolver) -> None:
    for name, code in [("Soviet Union", "SUN"), ("Czechoslovakia", "CSK"), ("Yugoslavia", "YUG"),
                       ("East Germany (GDR)", "DDR")]:
        assert pycountry.historic_countries.get(alpha_3=code) is not None
        assert resolver.resolve(name).entity_id == f"country:{code}"


@pytest.mark.parametrize(
    ("names", "iso3"),
    [
        (["Kiev", "Kyiv", "Ukraine", "Ukrainian"], "UKR"),
        (["Washington", "the US", "U.S.", "US", "American", "United States of America"], "USA"),
        (["Turkiye", "Türkiye", "Turkey", "TURKEY", "Ankara", "Turkish"], "TUR"),
        (["Moscow", "Russian", "Russia"], "RUS"),
        (["Beijing", "China"], "CHN"),
    ],
)
def test_news_metonyms_and_demonyms(resolver: Resolver, names: list[str], iso3: str) -> None:
    for name in names:
        res = resolver.resolve(name, "news")
        assert res.entity_id == f"country:{iso3}", (name, res)
        assert res.score == 100.0


def test_capitals_and_demonyms_are_not_actors_in_tables(resolver: Resolver) -> None:
    for name in ("Kiev", "Washington", "Ukrainian", "American", "Moscow"):
        assert resolver.resolve(name, "sipri").entity_id is None, name
        assert resolver.resolve(name, "treaty").entity_id is None, name
    for name in ("Turkiye", "Türkiye", "Turkey"):
        assert resolver.resolve(name, "sipri").entity_id == "country:TUR"
        assert resolver.resolve(name, "treaty").entity_id == "country:TUR"


def test_institutions(resolver: Resolver) -> None:
    pentagon = resolver.node_for(resolver.resolve("the Pentagon", "news"))
    assert isinstance(pentagon, Organization)
    assert (pentagon.id, pentagon.kind, pentagon.country) == ("org:us-dod", "ministry", "USA")
    assert resolver.resolve("The White House", "news").entity_id == "org:white-house"
    nato = resolver.node_for(resolver.resolve("NATO**", "sipri"))
    assert isinstance(nato, Organization) and nato.kind == "international" and nato.id == "org:nato"
    hez = resolver.node_for(resolver.resolve("Hezbollah (Lebanon)*", "sipri"))
    assert isinstance(hez, NonStateActor) and hez.id == "nsa:hezbollah" and hez.country == "LBN"
    assert resolver.resolve("Hezbollah", "news").entity_id == "nsa:hezbollah"


def test_unknown_parties_are_stable_countable_nodes(resolver: Resolver) -> None:
    for name in ("unknown supplier(s)", "unknown recipient(s)"):
        first = resolver.node_for(resolver.resolve(name, "sipri"))
        again = resolver.node_for(resolver.resolve(f"  {name} ", "sipri"))
        assert isinstance(first, UnresolvedActor) and first.needs_review is False
        assert first.id == again.id
    assert all(i.query not in ("unknown supplier(s)", "unknown recipient(s)") for i in resolver.review())


def test_unknown_name_is_reported_not_guessed() -> None:
    resolver = Resolver(policies=POLICIES)
    res = resolver.resolve("Freedonia", "news", where="article.txt:3")
    assert (res.entity_id, res.rule) == (None, "unresolved")
    node = resolver.node_for(res)
    assert isinstance(node, UnresolvedActor) and node.needs_review and node.name == "Freedonia"
    resolver.resolve("Freedonia", "news", where="article.txt:9")
    [item] = [i for i in resolver.review() if i.query == "Freedonia"]
    assert item.count == 2 and item.where == ["article.txt:3", "article.txt:9"]


def test_ambiguous_names_list_candidates() -> None:
    resolver = Resolver(policies=POLICIES)
    res = resolver.resolve("Congolese", "news")
    assert res.rule == "ambiguous" and res.entity_id is None
    assert {"country:COD", "country:COG"} <= set(res.candidates)
    assert isinstance(resolver.node_for(res), UnresolvedActor)
    assert resolver.review()[0].rule == "ambiguous"


def test_fuzzy_is_bounded_and_reported() -> None:
    resolver = Resolver(policies=POLICIES)
    typo = resolver.resolve("Afghanistn", "sipri")
    assert typo.rule == "fuzzy" and typo.entity_id == "country:AFG" and 90 <= typo.score < 100
    assert resolver.resolve("Irak", "news").rule == "unresolved"  # short names are never fuzzy-matched
    assert any(i.rule == "fuzzy" for i in resolver.review())


def test_sipri_marker_for_unseen_armed_group() -> None:
    resolver = Resolver(policies=POLICIES)
    res = resolver.resolve("Some New Front (Chad)*", "sipri")
    assert res.label == "NonStateActor" and res.entity_id == "nsa:some-new-front-chad"
    assert isinstance(resolver.node_for(res), NonStateActor)
    assert any(i.query == "Some New Front (Chad)*" for i in resolver.review())
    # a typo of a known group is a (reported) fuzzy hit on that group, not a new group
    typo = resolver.resolve("Hezbolah (Lebanon)*", "sipri")
    assert (typo.entity_id, typo.rule) == ("nsa:hezbollah", "fuzzy")
    # the marker forbids resolving to a state, even when the bare name is one
    assert resolver.resolve("Ukraine*", "sipri").label == "NonStateActor"


HOSTILE = [
    "", "   ", "*", "**", "'", '"', "\x00", "\n\t", "')-[:SUPPLIED]->(x) DETACH DELETE x //",
    "MATCH (n) DETACH DELETE n", "Robert'); DROP TABLE actors;--", "${recipient}", "$recipient",
    "x" * 10_000, "🇺🇦", "Ukraine\x00", "ＵＫＲＡＩＮＥ", "\u202eeniarkU",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_strings(resolver: Resolver, name: str) -> None:
    for context in (None, "sipri", "news", "treaty"):
        res = resolver.resolve(name, context)
        assert isinstance(res, Resolution)
        assert res.rule in ("unresolved", "exact", "alias", "fuzzy", "ambiguous")
        if res.entity_id is None:
            node = resolver.node_for(res)
            assert isinstance(node, UnresolvedActor) and node.needs_review


@pytest.mark.parametrize("name", ["us", "Us", "the us", "un", "eu", "uk", "usa"])
def test_short_names_in_lower_case_are_words_not_actors(resolver: Resolver, name: str) -> None:
    assert resolver.resolve(name, "news").entity_id is None
    assert resolver.resolve(name.upper(), "news").entity_id is not None


def test_fullwidth_and_nul_do_not_break_ukraine(resolver: Resolver) -> None:
    assert resolver.resolve("ＵＫＲＡＩＮＥ").entity_id == "country:UKR"  # NFKD folds full-width letters
    assert resolver.resolve("Ukraine\x00").entity_id == "country:UKR"


def test_unknown_context_is_an_error(resolver: Resolver) -> None:
    with pytest.raises(ValueError, match="unknown context"):
        resolver.resolve("Ukraine", "twitter")


def test_judgements_applied_on_next_load(tmp_path: Path) -> None:
    path = tmp_path / "judgements.csv"
    path.write_text(
        "name,decision,entity_id,context,author,date,note\n"
        "Freedonia,is,country:AUT,,tester,2026-01-01,fictional test\n"
        "Georgia,is-not,country:GEO,news,tester,2026-01-01,the US state\n"
        "Ruritania,is,country:NOPE,,tester,2026-01-01,bad id\n"
        "Graustark,maybe,country:AUT,,tester,2026-01-01,bad decision\n",
        encoding="utf-8",
    )
    assert Resolver(policies=POLICIES).resolve("Freedonia").rule == "unresolved"
    judged = Resolver(judgements=[path], policies=POLICIES)
    res = judged.resolve("freedonia", "sipri")
    assert (res.entity_id, res.rule) == ("country:AUT", "judgement")
    assert judged.resolve("Georgia", "news").entity_id is None
    assert [(e.line, e.field) for e in judged.errors] == [(4, "entity_id"), (5, "decision")]
    assert str(judged.errors[0]).startswith("judgements.csv:4:entity_id:")


def test_judgements_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,decision,entity_id\nFreedonia,is,country:AUT\n", encoding="utf-8")
    monkeypatch.setenv("ARMSGRAPH_JUDGEMENTS", str(path))
    assert Resolver.standard().resolve("Freedonia").entity_id == "country:AUT"


def test_review_persists_across_processes(tmp_path: Path) -> None:
    for _ in range(2):
        r = Resolver(policies=POLICIES)
        r.resolve("Freedonia", "news", where="a.txt:1")
        r.resolve("Freedonia", "news")
        assert r.flush_review(tmp_path) is not None
        assert r.review() == []
    (tmp_path / "resolve-review.jsonl").open("a").write("{not json\n")
    [item] = read_review(tmp_path)
    assert (item.query, item.count, item.where) == ("Freedonia", 4, ["a.txt:1"])


def test_normalize() -> None:
    assert normalize("  The Côte d’Ivoire ") == normalize("cote d'ivoire") == "cote divoire"
    assert normalize("U.S.") == normalize("US") == "us"
    assert normalize("Bosnia-Herzegovina") == "bosnia herzegovina"
    assert normalize("Hezbollah (Lebanon)*") == "hezbollah lebanon"


def test_alias_tables_load_cleanly(resolver: Resolver) -> None:
    assert resolver.errors == []
    curated = Path(resolver.data_dir) / "curated.csv"
    with curated.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    assert all(row["source"] for row in rows)
    assert all(resolver.entity(row["entity_id"]) is not None for row in rows)


def _cli(tmp_path: Path, *args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from armsgraph.graph.cli import main

    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "resolve", *args])
    return result.exit_code, result.output


def test_cli_resolve_name_review_and_judge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSGRAPH_JUDGEMENTS", raising=False)
    code, out = _cli(tmp_path, "Kiev", "--context", "news", "--format", "json")
    assert code == 0 and json.loads(out)[0]["entity"] == "country:UKR"
    code, out = _cli(tmp_path, "--context", "sipri", "Kiev", "--format", "json")
    assert code == 0 and json.loads(out)[0]["rule"] == "unresolved"
    code, out = _cli(tmp_path, "review", "--format", "json")
    assert code == 0 and json.loads(out) == []  # a look-up is no document's: nothing to review
    code, out = _cli(tmp_path, "judge", "Freedonia", "--is", "country:NOPE")
    assert code != 0 and "unknown entity" in out and "Traceback" not in out
    code, _ = _cli(tmp_path, "judge", "Freedonia", "--is", "country:AUT", "--note", "test")
    assert code == 0
    code, out = _cli(tmp_path, "Freedonia", "--format", "json")
    assert json.loads(out)[0]["rule"] == "judgement"
    code, out = _cli(tmp_path, "Ukraine", "--context", "twitter")
    assert code != 0 and "Traceback" not in out


@pytest.mark.parametrize(("old", "new"), [("East Timor", "country:TLS"), ("Burma", "country:MMR"),
                                          ("Zaire", "country:COD"), ("Upper Volta", "country:BFA")])
def test_renamings_are_the_same_state(resolver: Resolver, old: str, new: str) -> None:
    assert resolver.resolve(old, "sipri").entity_id == new


def test_lookups_and_documents_that_did_not_load_leave_the_review_list() -> None:
    r = Resolver(policies=POLICIES)
    r.resolve("Freedonia", "news", record=False)  # a person's look-up, no document's
    assert r.review() == []
    r.resolve("Sylvania", "news", where="a.txt:1")
    mark = r.review_checkpoint()
    r.resolve("Freedonia", "news", where="b.txt:3")
    r.resolve("Sylvania", "news", where="b.txt:4")
    r.review_restore(mark)  # b.txt was rolled back: its names are in no document of the graph
    assert [(i.query, i.count, i.where) for i in r.review()] == [("Sylvania", 1, ["a.txt:1"])]

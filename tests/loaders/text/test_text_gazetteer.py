"""The text gazetteer reads reference data from the shared files: one source of truth for names."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from armsgraph.loaders import resolve
from armsgraph.loaders.reference.categories import weapon_categories
from armsgraph.loaders.reference.treaties import treaty_catalogue
from armsgraph.loaders.resolve import Resolver, aliases_for_context
from armsgraph.loaders.sipri.names import SIPRI
from armsgraph.loaders.text import gazetteer
from armsgraph.loaders.text.gazetteer import load, plural_demonym, spelling_variants
from armsgraph.loaders.text.pipeline import patterns

TEXT_DATA = resources.files("armsgraph.loaders.text").joinpath("data")


def _text_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in TEXT_DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


# ---- the resolver's accessor ------------------------------------------------------------------------


def test_aliases_for_context_lists_surface_forms_with_kind_and_table() -> None:
    news = list(aliases_for_context("news"))
    assert ("Kyiv", "country:UKR", "metonym", "curated.csv") in news
    assert ("Ukraine", "country:UKR", "name", "pycountry") in news
    assert ("Pentagon", "org:us-dod", "metonym", "curated.csv") in news
    assert ("White House", "org:white-house", "name", "entities.csv") in news
    tables = [t for _, _, _, t in news]
    # precedence order: canonical names, then curated, then the generated tables
    assert tables.index("curated.csv") > max(i for i, t in enumerate(tables) if t in ("pycountry", "entities.csv"))
    assert tables.index("world_countries.csv") > max(i for i, t in enumerate(tables) if t == "curated.csv")


def test_aliases_for_context_keeps_news_only_kinds_out_of_tables() -> None:
    sipri = list(aliases_for_context(SIPRI))
    assert not [row for row in sipri if row[2] in resolve.NEWS_ONLY_KINDS]
    assert ("Turkiye", "country:TUR", "sipri", "curated.csv") in sipri
    assert list(aliases_for_context("treaty")) == sipri
    assert list(aliases_for_context(None)) == list(aliases_for_context("news"))
    with pytest.raises(ValueError, match="unknown context"):
        list(aliases_for_context("tweets"))


def test_aliases_for_context_rows_are_what_the_resolver_resolves() -> None:
    resolver = Resolver.standard()
    rows = list(aliases_for_context("news"))
    canonical = {resolve.normalize(a) for a, _, _, t in rows if t in ("pycountry", "entities.csv")}
    for alias, eid, _kind, table in rows:
        if table in ("pycountry", "entities.csv") and len(alias) > 3:
            assert resolver.resolve(alias, "news").rule in ("exact", "ambiguous"), alias  # "Virgin Islands"
        # a curated alias resolves to its entity unless a canonical name of the same spelling comes first
        if table == "curated.csv" and not alias.endswith("*") and (len(alias) > 3 or alias.isupper()) \
                and resolve.normalize(alias) not in canonical:
            assert resolver.resolve(alias, "news").entity_id == eid, alias


# ---- no reference data declared twice --------------------------------------------------------------


def test_text_data_holds_no_copy_of_shared_reference_data() -> None:
    names = {p.name for p in TEXT_DATA.iterdir()}
    assert not names & {"countries.csv", "treaties.csv", "categories.csv"}
    resolver = Resolver.standard()
    for row in _text_rows("organizations.csv"):
        for name in [row["name"], *row["aliases"].split("|")]:
            found = resolver.resolve(name, "news")
            assert not (found.rule in ("exact", "alias") and (found.entity_id or "").startswith("org:")), (
                f"organizations.csv: {name!r} is the shared resolver's {found.entity_id}: declare it once")
    catalogue = treaty_catalogue()
    assert not [r["key"] for r in _text_rows("other_treaties.csv") if r["key"] in catalogue]
    categories = weapon_categories()
    assert {r["category"] for r in _text_rows("weapons.csv") if r["category"]} <= set(categories)


def test_unknown_weapon_category_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = gazetteer._rows

    def rows(name: str) -> list[dict[str, str]]:
        if name == "weapons.csv":
            return [{"designation": "Zorg", "kind": "system", "category": "death-rays", "case": "exact",
                     "variants": "Zorg"}]
        return real(name)

    monkeypatch.setattr(gazetteer, "_rows", rows)
    with pytest.raises(ValueError, match="death-rays"):
        load.__wrapped__()


# ---- what the gazetteer derives from the shared data ------------------------------------------------


def _pattern_ids() -> dict[tuple[str, str], str]:
    return {(p["label"], p["pattern"]): p["id"] for p in patterns(load())}


def test_country_patterns_come_from_the_shared_alias_tables() -> None:
    found = _pattern_ids()
    assert found[("CAPITAL", "Kyiv")] == found[("CAPITAL", "Kiev")] == "country:UKR"       # curated metonyms
    assert found[("COUNTRY", "Türkiye")] == found[("COUNTRY", "Turkiye")] == "country:TUR"  # curated spellings
    assert found[("DEMONYM", "Dutch")] == "country:NLD"        # curated wins over world-countries (Aruba)
    assert found[("CAPITAL", "Bogotá")] == found[("CAPITAL", "Bogota")] == "country:COL"  # table + accent fold
    assert found[("COUNTRY", "Tuvalu")] == "country:TUV"        # pycountry
    assert found[("COUNTRY", "Soviet Union")] == "country:SUN"  # historical state
    assert found[("COUNTRY", "Kosovo")] == "country:XKX"        # entities.csv
    assert found[("DEMONYM", "Syrians")] == "country:SYR"       # regular plural of a demonym
    assert found[("DEMONYM", "Poles")] == "country:POL"         # irregular plural: curated
    assert found[("DEMONYM", "U.S.-made")] == "country:USA"     # '<name>-made' is an adjective
    assert found[("COUNTRY", "U.S.")] == found[("COUNTRY", "US")] == "country:USA"
    labels = {text for _, text in found}
    assert "Congolese" not in labels   # the tables give it to two states: ambiguous, left out
    assert "Victoria" not in labels    # alias_stoplist.txt
    assert "US or USA" not in labels   # a table cell that is a note


def test_organisation_patterns_are_the_resolvers_ids() -> None:
    found = _pattern_ids()
    assert found[("ORG", "Pentagon")] == found[("ORG", "the Pentagon")] == "org:us-dod"
    assert found[("ORG", "DoD")] == found[("ORG", "DOD")] == "org:us-dod"
    assert found[("ORG", "Kremlin")] == "org:kremlin"
    assert found[("ORG", "Russian Defense Ministry")] == "org:russia-mod"
    assert found[("ORG", "U.N.")] == "org:united-nations"
    assert found[("ORG", "the Alliance")] == "org:nato"
    assert found[("ORG", "IAEA")] == "org:iaea"                 # text-only organisation
    assert load().orgs["us-dod"].country == "USA"               # kind and state from entities.csv


def test_every_country_and_org_pattern_agrees_with_the_resolver() -> None:
    resolver = Resolver.standard()
    for (label, text), ident in _pattern_ids().items():
        if label not in ("COUNTRY", "DEMONYM", "CAPITAL", "ORG") or text.endswith("-made"):
            continue
        if label == "DEMONYM" and plural_demonym(text[:-1]) == text:
            continue  # a derived plural the resolver does not list
        got = resolver.resolve(text if len(text) > 3 else text.upper(), "news")
        if got.entity_id is not None and got.rule in ("exact", "alias"):
            assert got.entity_id == ident, (text, ident, got.entity_id)
        else:
            assert label == "ORG" and ident[4:] in {r["key"] for r in _text_rows("organizations.csv")}, text


def test_treaty_patterns_come_from_the_shared_catalogue() -> None:
    found = _pattern_ids()
    assert found[("TREATY", "Convention on Cluster Munitions")] == found[("TREATY", "CCM")] == "treaty:ccm"
    assert found[("TREATY", "Oslo Convention")] == "treaty:ccm"
    # the serial-comma spelling of the catalogue's name
    assert found[("TREATY", "Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of "
                            "Anti-Personnel Mines and on their Destruction")] == "treaty:apmbc"
    assert found[("TREATY", "UNCLOS")] == "treaty:unclos"       # other_treaties.csv
    assert load().categories["cluster-munitions"][0] == "Cluster munitions"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Bogotá", ["Bogota"]),
        ("US", ["U.S."]),
        ("U.N.", ["UN"]),
        ("US Department of Defense", ["U.S. Department of Defense"]),
        ("Russia's Defense Ministry", ["Russia\u2019s Defense Ministry"]),
        ("DoD", ["DOD"]),
        ("NATO", []),
        ("Ukraine", []),
    ],
)
def test_spelling_variants(alias: str, expected: list[str]) -> None:
    assert spelling_variants(alias) == expected
    resolver = Resolver.standard()
    for variant in expected:
        assert resolver.resolve(variant, "news").entity_id == resolver.resolve(alias.upper() if len(alias) <= 3
                                                                                else alias, "news").entity_id


@pytest.mark.parametrize(
    ("demonym", "plural"),
    [("Syrian", "Syrians"), ("Iraqi", "Iraqis"), ("Slovak", "Slovaks"), ("New Zealander", "New Zealanders"),
     ("Chinese", None), ("French", None), ("Swiss", None), ("Dutchman", None)],
)
def test_plural_demonym(demonym: str, plural: str | None) -> None:
    assert plural_demonym(demonym) == plural

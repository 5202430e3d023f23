"""Derive the generated alias tables in loaders/resolve/data/aliases/ from the shared reference data.

Why a script: the alias tables are data the resolver reads, but they must be reproducible from their
sources (and re-derived when a source is updated). Run from the repo root:

    .venv/bin/python tools/build_aliases.py [--shared ../shared/data]

Writes world_countries.csv, cia_factbook.csv, survivalscores.csv and ear.csv (columns alias, entity_id,
kind, source); names that could not be tied to an entity are printed, not guessed.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycountry
import yaml

from armsgraph.loaders.resolve import DATA_DIR, Resolver

REPO = Path(__file__).resolve().parents[1]
Row = tuple[str, str, str, str]

WORLD_SRC = "world-countries 5.1.0 countries.json (mledoze/countries, ODbL-1.0)"
CIA_SRC = "CIA World Factbook via factbook/factbook.json @8662a8b (CC0)"
SURVIVAL_SRC = "survivalscores.org (arthuredelstein/survivalscores.org)"
EAR_SRC = "15 CFR 740 Supp. 1 via seelpeed-debug/export-controls-agent-mcp country-groups.json"

WORLD_CODE_FIXES = {"UNK": "XKX"}
"""world-countries keys Kosovo as UNK; armsgraph uses XKX (docs/resolver.md)."""


def _country(iso3: str) -> str | None:
    iso3 = WORLD_CODE_FIXES.get(iso3, iso3)
    if iso3 == "XKX" or pycountry.countries.get(alpha_3=iso3) is not None:
        return f"country:{iso3}"
    return None


def _iso2(iso2: str) -> str | None:
    if iso2 == "XK":
        return "country:XKX"
    c = pycountry.countries.get(alpha_2=iso2)
    return None if c is None else f"country:{c.alpha_3}"


def world_countries(shared: Path) -> Iterator[Row]:
    data = json.loads((shared / "reference/world_countries/countries.json").read_text(encoding="utf-8"))
    for c in data:
        eid = _country(c["cca3"])
        if eid is None:
            print(f"world_countries: no entity for {c['cca3']}", file=sys.stderr)
            continue
        yield c["name"]["common"], eid, "name", WORLD_SRC
        yield c["name"]["official"], eid, "official", WORLD_SRC
        for alt in c.get("altSpellings", []):
            if len(alt) > 2:  # two-letter codes ('IN', 'NO', 'IT') are words in prose
                yield alt, eid, "alt", WORLD_SRC
        for cap in c.get("capital", []):
            yield cap, eid, "capital", WORLD_SRC
        for form in {v for v in (c.get("demonyms", {}).get("eng") or {}).values() if v}:
            yield form, eid, "demonym", WORLD_SRC


def _split_list(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", "", text)
    return [p.strip() for p in re.split(r"[;,]| or ", text) if p.strip() and p.strip().lower() not in ("none", "na")]


def cia_factbook(shared: Path, resolver: Resolver) -> Iterator[Row]:
    path = shared / "reference/cia_factbook/factbook_countries_aliases_orgs.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names = [n for n in (row["long"], row["short"]) if n and n.lower() != "none"]
            found = {n: resolver.resolve(n, "treaty") for n in names}
            ids = {r.entity_id for r in found.values() if r.rule in ("exact", "alias")}
            if len(ids) != 1:
                print(f"cia_factbook: {row['gec']} {names} -> {sorted(map(str, ids)) or 'nothing'}; skipped",
                      file=sys.stderr)
                continue
            eid = str(ids.pop())
            for n, res in found.items():
                if res.entity_id == eid or res.rule == "unresolved":
                    yield n, eid, "name", CIA_SRC
            if row["local_short"] and row["local_short"].lower() != "none":
                yield row["local_short"], eid, "native", CIA_SRC
            for former in re.split(r"[;,]\s*", re.sub(r"\([^)]*\)", "", row["former"])):
                if former.strip():
                    yield former.strip(), eid, "former", CIA_SRC
            abbr = re.sub(r"\([^)]*\)", "", row["abbreviation"]).strip()
            if len(abbr) > 2:
                yield abbr, eid, "abbreviation", CIA_SRC
            for cap in _split_list(row["capital"].split("; note")[0]):
                yield cap, eid, "capital", CIA_SRC
            for col in ("nationality_noun", "nationality_adj"):
                for dem in _split_list(row[col].replace("(s)", "").split("; note")[0]):
                    yield dem, eid, "demonym", CIA_SRC


def survivalscores(shared: Path) -> Iterator[Row]:
    base = shared / "reference/treaties_survivalscores"
    aliases = yaml.safe_load((base / "country_aliases.yaml").read_text(encoding="utf-8")) or {}
    for name, iso2 in aliases.items():
        eid = _iso2(str(iso2))
        if eid:
            yield str(name), eid, "treaty", SURVIVAL_SRC + " country_aliases.yaml"
    with (base / "treaty_status_by_country.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            eid = _iso2(row["iso2"])
            if eid:
                yield row["country"], eid, "treaty", SURVIVAL_SRC + " treaty_status_by_country.csv"


def ear(shared: Path, resolver: Resolver) -> Iterator[Row]:
    data = json.loads((shared / "reference/ear_country_groups/country-groups.json").read_text(encoding="utf-8"))
    canon: set[str] = set()
    for members in data["groups"].values():
        canon.update(members)
    for part in data["byCountry"].values():
        canon.update(part)
    ids: dict[str, str] = {}
    for name in sorted(canon):
        res = resolver.resolve(name, "treaty")
        if res.entity_id is None:
            print(f"ear: canonical name {name!r} -> {res.rule} {res.candidates}", file=sys.stderr)
            continue
        ids[name] = res.entity_id
        yield name, res.entity_id, "ear", EAR_SRC
    for alias, name in data["aliases"].items():
        if name in ids:
            yield alias, ids[name], "ear", EAR_SRC + " aliases"


def write(path: Path, rows: Iterable[Row], note: str) -> int:
    seen: set[Row] = set()
    out = sorted({r for r in rows if r[0].strip()} - seen)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# GENERATED by tools/build_aliases.py from {note}; do not edit (edit curated.csv).\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["alias", "entity_id", "kind", "source"])
        w.writerows(out)
    return len(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO / ".." / "shared" / "data")
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    args = ap.parse_args(argv)
    shared: Path = args.shared
    n = write(args.out / "world_countries.csv", world_countries(shared), "reference/world_countries")
    print(f"world_countries.csv: {n} aliases")
    base = Resolver(args.out, generated=("world_countries.csv",))
    n = write(args.out / "cia_factbook.csv", cia_factbook(shared, base), "reference/cia_factbook")
    print(f"cia_factbook.csv: {n} aliases")
    n = write(args.out / "survivalscores.csv", survivalscores(shared), "reference/treaties_survivalscores")
    print(f"survivalscores.csv: {n} aliases")
    base = Resolver(args.out, generated=("world_countries.csv", "cia_factbook.csv", "survivalscores.csv"))
    n = write(args.out / "ear.csv", ear(shared, base), "reference/ear_country_groups")
    print(f"ear.csv: {n} aliases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

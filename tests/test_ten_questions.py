"""The README's "Ten questions", run as written on the shared data, each answer checked against the data files.

The command lines are parsed out of the README section, so the README and this test cannot drift apart: a new
question needs a check here (keyed by its query), a changed command runs as changed.
"""

from __future__ import annotations

import csv
import json
import re
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from armsgraph.graph.cli import main
from armsgraph.graph.store.server import EmbeddedServer
from armsgraph.loaders.resolve import Resolver

pytestmark = pytest.mark.store

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "seed-entities.jsonl"
SECTION = "## Ten questions"
Rows = list[dict[str, Any]]


def readme_commands() -> list[list[str]]:
    """Every ``armsgraph ...`` line of the README's Ten questions section, split as a shell would."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.index("\n## ", len(SECTION))]
    lines = [line.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("armsgraph ")]


def _local(arg: str, shared: Path) -> str:
    """README paths (relative to the checkout, the shared data beside it) as this run finds them."""
    if arg.startswith("../shared/data"):
        return str(shared / arg.removeprefix("../shared/data").lstrip("/"))
    if arg.startswith("examples/"):
        return str(REPO / arg)
    return arg


def run(data_dir: Path, args: list[str]) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], env={"NEO4J_URI": ""})


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Path]:
    """The README's load line, once for the module, into a temporary data dir."""
    [load] = [c for c in readme_commands() if c[1] == "load"]
    data_dir = tmp_path_factory.mktemp("ten-questions")
    try:
        result = run(data_dir, [_local(a, shared_data) for a in load[1:]])
        assert result.exit_code in (0, 1), result.output  # 1: some records of the real data are refused, reported
        assert "internal error" not in result.output
        yield data_dir
    finally:
        EmbeddedServer(data_dir).stop()


# -- what the data files say ------------------------------------------------------------------------------------


def _sipri_transfers(shared: Path) -> list[dict[str, str]]:
    """The rows of the newest SIPRI transfers-format excerpt (a preamble, then ';'-terminated CSV)."""
    newest = sorted(shared.glob("sipri/transfers-*.excerpt.csv"))[-1]
    lines = newest.read_text(encoding="utf-8-sig").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID"))
    return list(csv.DictReader(line.rstrip(";") for line in lines[start:] if line.strip()))


def _seed() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("//")]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _texts(shared: Path) -> str:
    """Every news and statement text, whitespace flattened, one string."""
    return "\n".join(_flat(p.read_text(encoding="utf-8")) for folder in ("news", "news-pun", "statements")
                     for p in sorted((shared / folder).glob("*.txt")))


# -- the checks, one per query --------------------------------------------------------------------------------


def top_suppliers(rows: Rows, shared: Path, args: list[str]) -> None:
    tiv: dict[str, float] = {}
    for deal in _sipri_transfers(shared):
        if deal["Recipient"] == "Ukraine" and deal["TIV delivery values"]:
            tiv[deal["Supplier"]] = tiv.get(deal["Supplier"], 0.0) + float(deal["TIV delivery values"])
    expected = sorted(tiv, key=lambda name: -tiv[name])[:3]
    assert [r["supplier"] for r in rows[:3]] == expected


def family_transfers(rows: Rows, shared: Path, args: list[str]) -> None:
    def says_patriot(paths: Iterator[Path]) -> bool:
        return any("patriot" in p.read_text(encoding="utf-8").lower() for p in paths)

    # the kinds of record (Report.source) a deal's sources list: articles and statements are both 'text'
    texts = [*(shared / "news").glob("*.txt"), *(shared / "statements").glob("*.txt")]
    kinds = {"text": says_patriot(iter(texts)),
             "tracker": says_patriot(iter([shared / "ukraine" / "protect_ukraine_now" / "commits.json"])),
             "sipri-transfers": any("patriot" in d["Designation"].lower() for d in _sipri_transfers(shared))}
    found = {source for r in rows for source in r["sources"]}
    assert {kind for kind, present in kinds.items() if present} <= found, found
    families = REPO / "loaders" / "reference" / "data" / "weapon_families.csv"
    with families.open(encoding="utf-8") as fh:
        [family] = [r for r in csv.DictReader(line for line in fh if not line.startswith("#")) if r["key"] == "patriot"]
    marks = [m.lower() for col in ("designations", "prefixes", "tokens", "components") for m in family[col].split("|")
             if m]
    assert all(any(m in r["weapon"].lower() for m in marks) for r in rows)  # each weapon is one of the family


def claims_by(rows: Rows, shared: Path, args: list[str]) -> None:
    article = _flat((shared / "news" / "rt-2023-07-antonov-cluster-munitions.txt").read_text(encoding="utf-8"))
    mine = [r for r in rows if r["document"].startswith("The escalatory move")]
    assert len(mine) >= 3
    places = [article.find(_flat(r["claim"])[:40]) for r in mine]
    assert -1 not in places and places == sorted(places), places  # the article's own order


def banned_transfers(rows: Rows, shared: Path, args: list[str]) -> None:
    with (shared / "reference" / "treaties_complete" / "ccm_convention_on_cluster_munitions.csv").open(
            encoding="utf-8") as fh:
        parties = {row["state_untc"] for row in csv.DictReader(fh) if row["consent_date"]}
    assert rows
    for row in rows:
        assert row["treaty"] == "CCM" and row["category"] == "Cluster munitions"
        if row["recipient_bound"]:
            assert row["recipient"] in parties, row
        assert (row["supplier"] in parties) or not row["supplier_bound"], row


def country_people(rows: Rows, shared: Path, args: list[str]) -> None:
    seed = _seed()
    people = {f"person:{r['name'].lower().replace(' ', '-')}": r["name"] for r in seed if r["type"] == "Person"}
    us_bodies = {"country:USA"} | {f"org:{r['key']}" for r in seed
                                   if r["type"] == "Organization" and r.get("country") == "USA"}
    expected = {(people[r["person"]], r["title"], r.get("since"), r.get("until")) for r in seed
                if r["type"] == "Position" and r["of"] in us_bodies}
    assert expected and expected <= {(r["person"], r["position"], r["since"], r["until"]) for r in rows}
    assert all((r["status"] == "undated") == (r["since"] is None and r["until"] is None) for r in rows)
    order = {"held": 0, "undated": 1, "ended": 2, "later": 3}
    assert [order[r["status"]] for r in rows] == sorted(order[r["status"]] for r in rows)


def ccm_among(rows: Rows, shared: Path, args: list[str]) -> None:
    date = next(a.partition("=")[2] for a in args if a.startswith("date="))
    with (shared / "reference" / "treaties_complete" / "nato_member_states.csv").open(encoding="utf-8") as fh:
        members = {row["iso3"] for row in csv.DictReader(fh)
                   if row["member_since"] <= date and not (row["withdrawal_date"] and row["withdrawal_date"] <= date)}
    assert {r["iso3"] for r in rows} == members


def document_facts(rows: Rows, shared: Path, args: list[str]) -> None:
    lines = (shared / "news" / "rt-2023-07-antonov-cluster-munitions.txt").read_text(encoding="utf-8").splitlines()
    assert "person:anatoly-antonov" in {r["subject"] for r in rows}
    at = [int(m[1]) for r in rows for loc in (r["locators"] or []) if (m := re.match(r"L(\d+)", loc))]
    assert at and max(at) <= len(lines)


def provenance(rows: Rows, shared: Path, args: list[str]) -> None:
    meta = json.loads((shared / "news" / "rt-2023-07-antonov-cluster-munitions.meta.json").read_text(encoding="utf-8"))
    assert {SEED.name, meta["title"]} <= {r["title"] for r in rows}


def claims_about(rows: Rows, shared: Path, args: list[str]) -> None:
    texts = _texts(shared)
    assert "Anatoly Antonov" in {r["speaker"] for r in rows}
    assert all(_flat(r["claim"])[:40] in texts for r in rows)  # every claim is in a document, as written


def regime_members(rows: Rows, shared: Path, args: list[str]) -> None:
    groups = json.loads((shared / "reference" / "ear_country_groups" / "country-groups.json").read_text(
        encoding="utf-8"))["groups"]
    resolver = Resolver.standard()
    wassenaar = {str(resolver.resolve(name, "treaty", record=False).entity_id).removeprefix("country:")
                 for name in groups["A:1"]}
    suppliers = {d["Supplier"] for d in _sipri_transfers(shared) if d["Recipient"] == "Ukraine"}
    assert rows and {r["iso3"] for r in rows} <= wassenaar
    assert {r["supplier"] for r in rows} & suppliers


CHECKS: dict[str, Callable[[Rows, Path, list[str]], None]] = {
    "top-suppliers-of-recipient": top_suppliers, "family-transfers": family_transfers, "claims-by": claims_by,
    "treaty-banned-transfers": banned_transfers, "country-people": country_people, "ccm-parties-among": ccm_among,
    "document-facts": document_facts, "provenance": provenance, "claims-about": claims_about,
    "regime-members-supplying": regime_members,
}


def test_the_readme_asks_ten_questions_each_checked() -> None:
    questions = [c for c in readme_commands() if c[1] != "load"]
    assert len(questions) == 10
    assert sorted(c[3] for c in questions) == sorted(CHECKS)


@pytest.mark.parametrize("command", [c for c in readme_commands() if c[1] != "load"], ids=lambda c: c[3])
def test_question(command: list[str], loaded: Path, shared_data: Path) -> None:
    args = command[1:]
    as_written = run(loaded, args)
    assert as_written.exit_code == 0, as_written.output
    assert "(no rows)" not in as_written.stdout and as_written.stdout.strip()
    as_json = run(loaded, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    assert rows
    params = [args[i + 1] for i, a in enumerate(args) if a == "--param"]
    CHECKS[command[3]](rows, shared_data, params)

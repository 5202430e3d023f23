"""The stage ``declined``: a named supplier's refusal of a named system to a named recipient is a text report with
that stage, never a supply and never carried to later sentences; the sentences are written for these tests (never
taken from a shared document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.graph.catalogue.catalogue import load_catalogue
from armsgraph.graph.load import load_paths
from armsgraph.graph.store.falkordb import FalkorStore
from armsgraph.loaders.deals import _most_advanced
from armsgraph.loaders.text.extract import extract_text
from armsgraph.schema.values import Stage

WIRE = {"date": "2024-05-06", "publisher": "Example Wire", "title": "Defence news"}


def staged(text: str) -> set[tuple[str, str, str, str]]:
    return {(t.supplier.partition(":")[2], t.recipient.partition(":")[2], t.weapon.partition(":")[2], t.status)
            for t in extract_text(text, WIRE).transfers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Austria refused to supply Leopard 2 tanks to Ukraine.", {("AUT", "UKR", "leopard-2", "declined")}),
        ("The Swiss government declined to send Gepard guns to Ukraine on Monday.",
         {("CHE", "UKR", "gepard", "declined")}),
        ("Spain turned down deliveries of Leopard 2 tanks to Ukraine.", {("ESP", "UKR", "leopard-2", "declined")}),
        # a plain 'will not' before a plain transfer verb is the supplier's refusal too (session 26); a delay and
        # a refusal that is itself negated stay no transfer
        ("Austria will not supply Leopard 2 tanks to Ukraine.", {("AUT", "UKR", "leopard-2", "declined")}),
        ("Austria will not supply Leopard 2 tanks to Ukraine until the spring.", set()),
        ("Austria did not refuse to supply Leopard 2 tanks to Ukraine.", set()),
        # a refusal followed by an open option is a consideration, as 'does not rule out' is
        ("Austria refused to rule out sending Leopard 2 tanks to Ukraine.",
         {("AUT", "UKR", "leopard-2", "considered")}),
        # a refusal does not open a frame: the systems listed after it are neither refused nor given
        ("Austria refused to supply Leopard 2 tanks to Ukraine. The list includes Stinger missiles.",
         {("AUT", "UKR", "leopard-2", "declined")}),
    ],
)
def test_refusals_are_declined_reports(text: str, expected: set[tuple[str, str, str, str]]) -> None:
    assert staged(text) == expected


def test_declined_settles_a_request_and_a_later_pledge_supersedes_it() -> None:
    order = list(Stage)
    assert order.index(Stage.CONSIDERED) < order.index(Stage.DECLINED) < order.index(Stage.ANNOUNCED)
    assert Stage.DECLINED.advancement == order.index(Stage.DECLINED)

    class Voice:  # the two attributes the resolver's stage rule reads
        is_sipri = False

        def __init__(self, stage: str) -> None:
            self.stage = stage

    requested, declined, pledged = Voice("requested"), Voice("declined"), Voice("pledged")
    assert _most_advanced([requested, declined], requested) == "declined"  # type: ignore[list-item]
    assert _most_advanced([declined, pledged], declined) == "pledged"  # type: ignore[list-item]


def test_a_declined_transfer_is_listed_as_reported_but_not_as_pledged(store: FalkorStore, tmp_path: Path) -> None:
    doc = tmp_path / "refusal.txt"
    doc.write_text("Vienna, 6 May 2024 - Austria refused to supply Leopard 2 tanks to Ukraine. On 7 May 2024, "
                   "Norway pledged NASAMS launchers to Ukraine.\n", encoding="utf-8")
    report = load_paths(store, [doc], loader_name="text")
    assert not report.failed, report.errors
    stages = dict(store.run("MATCH (t:Transfer)-[:OF]->(w:WeaponSystem) RETURN w.id, t.stage").rows)
    assert stages == {"weapon:leopard-2": "declined", "weapon:nasams": "pledged"}
    catalogue = load_catalogue()
    reported = catalogue["reported-transfers"].run(store, {"country": "Ukraine"}).records()
    assert {(r["weapon"], r["stage"]) for r in reported} == {("Leopard 2", "declined"), ("NASAMS", "pledged")}
    pledged = catalogue["pledged-not-delivered"].run(store, {}).records()
    assert [r["weapon"] for r in pledged] == ["NASAMS"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 6 May 2024, Norway delivered NASAMS launchers to Ukraine.", {("NOR", "UKR", "nasams", "delivered")}),
        ("In May, Norway delivered NASAMS launchers to Ukraine.", {("NOR", "UKR", "nasams", "delivered")}),
        ("Norway may deliver NASAMS launchers to Ukraine.", set()),  # the modal: a hypothetical
    ],
)
def test_the_month_may_is_not_the_modal(text: str, expected: set[tuple[str, str, str, str]]) -> None:
    assert staged(text) == expected

"""Who supplies, beyond the clause's subject: a state's company, the weapon's own state when it arrives, partners
named with 'together with'; sentences written for these tests (never taken from a shared document)."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.extract import extract_text

WIRE = {"date": "2024-05-06", "publisher": "Example Wire", "title": "Defence news"}


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(t.supplier.partition(":")[2], t.recipient.partition(":")[2], t.weapon.partition(":")[2])
            for t in extract_text(text, WIRE).transfers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's company as the subject supplies as that state
        ("Norway's Kongsberg has already delivered NASAMS launchers to Ukraine.", {("NOR", "UKR", "nasams")}),
        ("Germany's Rheinmetall will deliver Skynex air defence systems to Ukraine.", {("DEU", "UKR", "skynex")}),
        # ... but not a state's people or partners
        ("Ukraine's allies will send Patriot systems to Ukraine.", set()),
        # the weapon's own state when it arrives; a maker's mark or a state gone is not a supplier
        ("The first German Leopard 2 tanks have arrived in Ukraine.", {("DEU", "UKR", "leopard-2")}),
        ("Soviet T-72 tanks arrived in Ukraine from Poland.", {("POL", "UKR", "t-72")}),
        # partners in one transfer
        ("Italy will send SAMP/T air defence systems to Ukraine together with France.",
         {("ITA", "UKR", "samp-t"), ("FRA", "UKR", "samp-t")}),
        ("Along with Poland, Germany will send Leopard 2 tanks to Ukraine.",
         {("DEU", "UKR", "leopard-2"), ("POL", "UKR", "leopard-2")}),
        # 'along with' an item is not a partner; nor is a recipient named after 'with'
        ("Germany will send Leopard 2 tanks along with ammunition to Ukraine.", {("DEU", "UKR", "leopard-2")}),
        ("Germany will send Leopard 2 tanks to Ukraine together with Ukraine's own crews.",
         {("DEU", "UKR", "leopard-2")}),
        # the source of a sentence is not a coordinated donor; a state's scheme is not the recipient
        ("According to the Polish defence minister Anna Nowak, Latvia is sending Stinger missiles to Ukraine.",
         {("LVA", "UKR", "stinger")}),
        ("Latvia is contributing to the Dutch drone coalition which aims to help the Ukrainian army with Stinger "
         "missiles.", {("LVA", "UKR", "stinger")}),
        # supply verbs beyond send/provide
        ("Britain said it would gift twelve Challenger 2 tanks to Ukraine.", {("GBR", "UKR", "challenger-2")}),
        ("Spain lent Hawk launchers to Ukraine.", {("ESP", "UKR", "hawk")}),
        ("Canada will equip Ukraine with NASAMS launchers.", {("CAN", "UKR", "nasams")}),
        ("Estonia contributed Javelin missiles to Ukraine.", {("EST", "UKR", "fgm-148-javelin")}),
    ],
)
def test_who_supplies(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text) == expected


def test_partners_share_one_number() -> None:
    """'14 tanks, together with Denmark': the number is theirs together, not each one's."""
    found = extract_text("The Netherlands pledged 14 Leopard 2A4 tanks to Ukraine, together with Denmark.",
                         WIRE).transfers
    assert {t.supplier for t in found} == {"country:NLD", "country:DNK"}
    assert all(t.quantity is None for t in found)

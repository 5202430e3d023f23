"""Session 13's clause rules for several givers in one sentence, each on an invented sentence: a partner ('together
with X') belongs to its own clause only, and a comparative ellipsis ('..., as did Y') makes Y a giver of the same
transfer."""

from __future__ import annotations

from armsgraph.loaders.text.extract import extract_text

WIRE: dict[str, object] = {"date": "2024-03-02", "publisher": "Example Wire", "title": "Defence news"}


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(t.supplier.partition(":")[2], t.recipient.partition(":")[2], t.weapon.partition(":")[2])
            for t in extract_text(text, dict(WIRE)).transfers}


def test_a_partner_gives_only_in_its_own_clause() -> None:
    assert triples("Austria supplied Skynex guns to Moldova together with Hungary, whereas Chile handed over HAWK "
                   "launchers.") == {("AUT", "MDA", "skynex"), ("HUN", "MDA", "skynex"), ("CHL", "MDA", "hawk")}
    # before the clause's trigger and after it, as before
    assert triples("Together with Hungary, Austria pledged Skynex guns to Moldova.") == {
        ("AUT", "MDA", "skynex"), ("HUN", "MDA", "skynex")}


def test_a_comparative_ellipsis_gives_the_same_transfer() -> None:
    assert triples("Chile sent HAWK launchers to Moldova, as did Peru.") == {("CHL", "MDA", "hawk"),
                                                                           ("PER", "MDA", "hawk")}
    assert triples("Chile will send HAWK launchers to Moldova, as will Peru, Ecuador and Bolivia.") == {
        ("CHL", "MDA", "hawk"), ("PER", "MDA", "hawk"), ("ECU", "MDA", "hawk"), ("BOL", "MDA", "hawk")}


def test_no_ellipsis_without_its_auxiliary_or_after_a_negation() -> None:
    assert triples("Chile sent HAWK launchers to Moldova, as Peru did in May.") == {("CHL", "MDA", "hawk")}
    assert triples("Chile has not sent HAWK launchers to Moldova, as did Peru.") == set()
    # 'as well as' is no ellipsis
    assert triples("Chile sent HAWK launchers as well as Skynex guns to Moldova.") == {
        ("CHL", "MDA", "hawk"), ("CHL", "MDA", "skynex")}

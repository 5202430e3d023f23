"""Claims in US official transcripts (session 27): a bill signed into law is no talk of arms supply, and a shipment
word alone is.

Every sentence and every invented name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text.extract import extract_text

WH = {"date": "2024-05-02", "publisher": "The White House", "title": "Remarks by President Biden on Estonia"}


def _said(text: str) -> set[tuple[str, str]]:
    return set(claims(extract_text(text, WH)))


def test_a_national_security_package_signed_into_law_is_no_claim() -> None:
    # must not fire: the bill is an appropriation, not arms supply
    text = "THE PRESIDENT: Good morning. An hour ago I signed into law the national security package for the Baltic.\n"
    got = _said(text)
    assert not any("signed into law" in said for _, said in got), got


def test_a_package_of_arms_signed_is_still_a_claim() -> None:
    # must still fire: a drawdown signed is arms supply
    text = "THE PRESIDENT: Good morning. An hour ago I signed another $90 million security package for Estonia.\n"
    got = _said(text)
    assert ("person:joe-biden", "An hour ago I signed another $90 million security package for Estonia") in got, got


def test_a_shipment_word_alone_is_talk_of_supply() -> None:
    text = "THE PRESIDENT: Good morning. The shipments to Tallinn will leave the depots on Friday.\n"
    got = _said(text)
    assert ("person:joe-biden", "The shipments to Tallinn will leave the depots on Friday") in got, got


def test_a_shipment_of_something_else_is_no_claim() -> None:
    # must not fire: the 'of' phrase says it carries no arms
    text = "THE PRESIDENT: Good morning. The shipment of transformers to Tallinn will leave the depots on Friday.\n"
    got = _said(text)
    assert not any("transformers" in said for _, said in got), got


def test_a_humanitarian_shipment_is_no_claim() -> None:
    # must not fire: a civil qualifier makes the shipment civil
    text = "THE PRESIDENT: Good morning. The humanitarian shipments to Tallinn will leave the depots on Friday.\n"
    got = _said(text)
    assert not any("humanitarian" in said for _, said in got), got

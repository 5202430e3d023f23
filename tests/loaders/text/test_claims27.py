"""Claims in US official transcripts (session 27): a bill signed into law is no talk of arms supply, and a shipment
word alone is, unless a civil word, an 'of' phrase, a negation or a question says otherwise (the review mends).

Every sentence and every invented name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

import pytest
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


# Review mends (session 27): each sentence below was no claim before the shipment rule and a claim after it; the
# narrowed rule (a determiner or an arms word right before the shipment word, no 'of' phrase in its clause, no
# negation) reads none of them as talk of arms supply.
@pytest.mark.parametrize("sentence", [
    "The grain shipments leave Odesa on Monday.",
    "Fuel shipments to Kyiv resumed yesterday.",
    "The vaccine shipments arrive in Tallinn on Friday.",
    "The generator shipments will keep the lights on in Kharkiv.",
    "LNG shipments to Germany are up forty percent.",
    "Our shipments to Europe of natural gas broke records.",
    "Amazon shipments are late this Christmas, and that's the supply chain.",
    "We are not going to hold up any shipments.",
])
def test_a_civil_or_negated_shipment_is_no_claim(sentence: str) -> None:
    # must not fire
    got = _said(f"THE PRESIDENT: Good morning. {sentence}\n")
    assert not any(sentence.rstrip(".")[:30] in said for _, said in got), got


@pytest.mark.parametrize("sentence", [
    "One shipment is under review.",
    "The shipments move again today because of the vote in the Congress.",
    "The weapons shipments start right away.",
])
def test_a_shipment_of_arms_alone_is_still_a_claim(sentence: str) -> None:
    # must still fire: a determiner or an arms word opens the shipment word; 'because of' is no 'of' phrase of it
    got = _said(f"THE PRESIDENT: Good morning. {sentence}\n")
    assert ("person:joe-biden", sentence.rstrip(".")) in got, got


def test_national_security_assistance_is_arms_aid_not_a_bill() -> None:
    # must fire: only a package noun is a bill; 'national security assistance' provided is arms supply
    got = _said("THE PRESIDENT: Good morning. We have provided Estonia $300 million in national security assistance.\n")
    assert ("person:joe-biden", "We have provided Estonia $300 million in national security assistance") in got, got


def test_a_supplemental_package_signed_into_law_is_no_claim() -> None:
    # must not fire: 'supplemental' between the bill's qualifier and its package noun
    got = _said("THE PRESIDENT: Good morning. I signed the national security supplemental package into law today.\n")
    assert not any("supplemental" in said for _, said in got), got


def test_a_question_about_the_shipments_is_no_claim() -> None:
    # must not fire: a question's shipment word is no talk of supply ('What's in this package?' likewise)
    got = _said("THE PRESIDENT: Good morning. You ask about the shipments? I'm not going to talk about that.\n")
    assert not any("shipments" in said for _, said in got), got

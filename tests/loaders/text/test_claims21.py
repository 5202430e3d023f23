"""Claims in US briefing transcripts (session 21): a security assistance programme named in a turn is its speaker's
talk of an arms package.

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text.extract import extract_text

WH = {"date": "2023-09-14", "publisher": "The White House", "title": "Press Briefing by Press Secretary Lara Dana"}


def test_a_security_assistance_programme_is_an_arms_package() -> None:
    text = ("MS. DANA: Good afternoon. The Department will fund another $300 million under USAI this month. "
            "We have also notified Congress of $80 million in Foreign Military Financing for Taiwan.\n\n"
            "Q: Anything on the budget?\n\n"
            "MS. DANA: The budget talks continue, and the financing of the agencies is for Congress to decide.\n")
    got = claims(extract_text(text, WH))
    assert ("person:lara-dana", "The Department will fund another $300 million under USAI this month") in got, got
    assert ("person:lara-dana",
            "We have also notified Congress of $80 million in Foreign Military Financing for Taiwan") in got, got
    # must not fire: 'financing' alone is no programme
    assert not any(t.startswith("The budget talks") for _, t in got), got


def test_a_programme_in_a_question_or_outside_a_turn_is_no_turn_claim() -> None:
    # must not fire: a question naming the programme, and a statement's own body (no turn, no speaker)
    text = ("Q: Will the Department fund more under USAI this month?\n\n"
            "MS. DANA: The budget talks continue.\n")
    assert not claims(extract_text(text, WH)), claims(extract_text(text, WH))
    body = "The Department will fund another $300 million under USAI this month."
    meta = {**WH, "title": "Statement by the Department of Defense"}
    assert not claims(extract_text(body, meta)), claims(extract_text(body, meta))

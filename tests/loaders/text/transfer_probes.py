"""What the invented transfer probes share (test_transfer_probes_s13*.py): the documents' metadata by genre, the
written expectation's reading, a probe as a test case and the check of one probe."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.evaluate import canonical_actor, canonical_weapon
from armsgraph.loaders.text.extract import extract_text

META: dict[str, dict[str, object]] = {
    "news": {"date": "2024-03-01", "publisher": "Reuters", "title": "Allies send weapons"},
    "statement": {"date": "2024-03-01", "publisher": "The White House", "title": "Statement from the President"},
    "ukr": {"date": "2024-03-01", "publisher": "Ukrinform", "title": "Ukraine gets new weapons"},
}
"""A wire with no state and a title naming none; the White House (the publisher's state gives); a Ukrainian
publisher whose title names Ukraine."""

Triple = tuple[str, str, str]


def expected(written: str) -> dict[Triple, str | None]:
    """'DEU>UKR:iris-t=delivered; ...' as {(supplier, recipient, weapon): stage or None}."""
    out: dict[Triple, str | None] = {}
    for part in filter(None, (p.strip() for p in written.split(";"))):
        triple, _, stage = part.partition("=")
        pair, _, weapon = triple.partition(":")
        supplier, _, recipient = pair.partition(">")
        out[(f"country:{supplier}", f"country:{recipient}", canonical_weapon(f"weapon:{weapon}"))] = stage or None
    return out


def probe(kind: str, genre: str, text: str, written: str, xfail: str | None = None) -> object:
    """One probe as a test case; ``xfail``: why the extractor still gets it wrong (a strict xfail)."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(kind, genre, text, written, marks=marks, id=f"{kind}-{text[:40]}")


def check(kind: str, genre: str, text: str, written: str) -> None:
    """The extractor's transfers of ``text`` are exactly the written ones, each written stage among its facts'."""
    x = extract_text(text, dict(META[genre]))
    got: dict[Triple, set[str]] = {}
    for t in x.transfers:
        got.setdefault((canonical_actor(t.supplier), canonical_actor(t.recipient), canonical_weapon(t.weapon)),
                       set()).add(t.status)
    want = expected(written)
    assert set(got) == set(want), kind
    # a triple read twice (a request in 2022, a refusal now) is two facts: the written stage is one of them
    assert {k: s for k, s in want.items() if s and s in got[k]} == {k: s for k, s in want.items() if s}, kind

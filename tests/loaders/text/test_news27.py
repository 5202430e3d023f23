"""Invented probes of session 27's news changes (docs/text-extraction-history.md, "Session 27: transfers in news: the
misses"): a purchase from a seller for a third state is the seller's sale to the buyer as well as the buyer's gift;
and the parse's refusal check reads a refusal's clause to the end of its sentence, as the stage cues do (a headline
with no full stop ends at its line)."""

from __future__ import annotations

import pytest
from transfer_probes import META, Triple, check, expected, probe

from armsgraph.loaders.text.evaluate import canonical_actor, canonical_weapon
from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.syntax_transfers import SyntaxView, _negated
from armsgraph.loaders.text.textdoc import TextDoc

needs_parse = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

BOUGHT_FOR_PROBES = [
    probe('ready-to-buy-for', 'news',
      "Germany is ready to buy two Patriot air defence systems from the United States for Ukraine, the chancellor "
      "said on Sunday.",
      'USA>DEU:patriot=pledged; DEU>UKR:patriot=pledged'),
    probe('offered-to-buy-for', 'news',
      "The chancellor said Germany has offered to buy further Patriot systems from Washington for Kyiv.",
      'USA>DEU:patriot; DEU>UKR:patriot'),
    probe('will-buy-for', 'news',
      "Norway will buy 155mm artillery shells from South Korea for Ukraine.",
      'KOR>NOR:155mm-artillery-ammunition=pledged; NOR>UKR:155mm-artillery-ammunition=pledged'),
]

BOUGHT_FOR_GUARDS = [
    # a 'from' after the beneficiary is no seller
    probe('from-after-for', 'news',
      "Germany will buy Patriot systems for Ukraine to protect it from Russia.",
      'DEU>UKR:patriot=pledged'),
    # a negated or hypothetical purchase gives nothing, the sale included
    probe('negated-purchase', 'news',
      "Germany will not buy Patriot systems from the United States for Ukraine.",
      ''),
    probe('conditional-purchase', 'news',
      "Germany could buy Patriot systems from the United States for Ukraine if Washington agrees.",
      ''),
    # a payer of a nominal purchase is no buyer: the sale is not read (the buyer's gift as before)
    probe('funded-purchase', 'news',
      "Canada is funding the purchase of a NASAMS system from the United States for Ukraine.",
      'CAN>UKR:nasams'),
    # no beneficiary: the purchase as it was read before
    probe('purchase-then-gift', 'news',
      "Canada will buy a NASAMS surface-to-air missile system from the United States and donate it to Ukraine.",
      'USA>CAN:nasams=pledged; CAN>UKR:nasams=pledged'),
    # the same purchase with a 'for <state>' that reaches the rule
    probe('plain-purchase', 'news',
      "Canada will buy a NASAMS surface-to-air missile system from the United States for Ukraine.",
      'USA>CAN:nasams=pledged; CAN>UKR:nasams=pledged'),
]

# review mends (session 27): (text, sales that must be read, sales that must not be read)
BOUGHT_FROM_MENDS = [
    # 1. each weapon its own seller
    ("The Netherlands will buy Leopard 2 tanks from Denmark and CV90 vehicles from Sweden for Ukraine.",
     "DNK>NLD:leopard-2; SWE>NLD:cv90", "DNK>NLD:cv90; SWE>NLD:leopard-2"),
    ("The Netherlands will buy Leopard 2 tanks and CV90 vehicles from Sweden for Ukraine.",
     "SWE>NLD:leopard-2; SWE>NLD:cv90", ""),
    # 2. a refusal is the buyer's: no sale
    ("Germany refused to buy Patriot systems from the United States for Ukraine.", "", "USA>DEU:patriot"),
    # 3. a possessive after 'from': what is Germany's is not Germany
    ("Denmark will buy Caesar howitzers from Germany's share of the fund for Ukraine.", "", "DEU>DNK:caesar-155mm"),
    # 4. an unnamed or reported buyer
    ("Poland said its partners are ready to buy Patriot systems from the United States for Ukraine.", "",
     "USA>POL:patriot"),
    ("Poland said European allies will buy Patriot systems from the United States for Ukraine.", "",
     "USA>POL:patriot"),
    ("Germany said it will buy Patriot systems from the United States for Ukraine.", "USA>DEU:patriot", ""),
    # 6. 'instead of' names no purchase; a price's 'for' is not the beneficiary's
    ("Germany will buy Patriot systems from the United States instead of IRIS-T systems for Ukraine.",
     "USA>DEU:patriot", "USA>DEU:iris-t"),
    ("Germany will buy Patriot systems for $1 billion from the United States for Ukraine.", "USA>DEU:patriot", ""),
]


def _sales(text: str) -> dict[Triple, tuple[int | None, str]]:
    """The transfers of ``text`` read as news: triple -> the number read for it and the rule that read it."""
    x = extract_text(text, dict(META["news"]))
    return {(canonical_actor(t.supplier), canonical_actor(t.recipient), canonical_weapon(t.weapon)): (
        t.quantity, t.rule) for t in x.transfers}


def _sold(got: dict[Triple, tuple[int | None, str]]) -> set[Triple]:
    """The triples the purchase rule read (the parse's reading of the receiving verb may read some of them too;
    the mends are the rule's own)."""
    return {k for k, (_, rule) in got.items() if rule == "transfer:bought-from"}


@needs_parse
@pytest.mark.parametrize(("text", "must", "must_not"), BOUGHT_FROM_MENDS, ids=[m[0][:40] for m in BOUGHT_FROM_MENDS])
def test_the_review_mends_of_the_purchase_for_a_third_state(text: str, must: str, must_not: str) -> None:
    got = _sales(text)
    assert set(expected(must)) <= set(got)
    assert not set(expected(must_not)) & _sold(got)


@needs_parse
def test_an_organisation_buys_for_no_state_of_its_own() -> None:
    """5. 'The NATO Support and Procurement Agency will buy': an organisation is no buyer of a sale."""
    got = _sales("The NATO Support and Procurement Agency will buy Patriot missiles from the United States for "
                 "Ukraine.")
    assert not [k for k in _sold(got) if k[0] == "country:USA"]


@needs_parse
def test_two_sellers_of_one_purchase_sell_jointly() -> None:
    """6. 'two Patriot systems from the United States and Israel': two sales, each joint (the number is theirs
    together, not each one's), as the givers' loop records two givers."""
    got = _sales("Germany will buy two Patriot systems from the United States and Israel for Ukraine.")
    for seller in ("USA", "ISR"):
        key = (f"country:{seller}", "country:DEU", canonical_weapon("weapon:patriot"))
        assert key in got
        assert got[key] == (None, "transfer:bought-from")


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), BOUGHT_FOR_PROBES)
def test_a_purchase_for_a_third_state_is_also_the_sellers_sale(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), BOUGHT_FOR_GUARDS)
def test_guards_beside_the_purchase_for_a_third_state(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def _view(d: TextDoc, sentence_ends: list[int]) -> SyntaxView:
    assert d.syntax is not None
    return SyntaxView.of(lower=d.lower, parse=d.syntax, actors={}, demonyms={}, weapons=[], triggers={},
                         aid_words=frozenset(), sentence_ends=sentence_ends)


@needs_parse
def test_the_parse_reads_a_headline_refusal_to_its_own_end() -> None:
    """'Germany will not deliver Taurus ...' as a headline, then a body line with 'in 2025': the year is the next
    sentence's, so the headline is a refusal for the parse as for the stage cues (before, the parse read past the
    line and took the refusal for a delay, a plain negation)."""
    d = TextDoc("Germany will not deliver Taurus cruise missiles to Ukraine\n"
                "The government will review the question in 2025.",
                {"date": "2024-03-01", "publisher": "Reuters", "title": "Allies send weapons"})
    verb = d.lower.index("deliver")
    ends = [s.end for s in d.sents]
    assert len(ends) == 2
    assert not _negated(_view(d, ends), verb)
    assert _negated(_view(d, []), verb)  # the sentence ends unknown: read to the next stop, as before


@needs_parse
def test_the_parse_still_reads_a_delay_in_the_same_sentence() -> None:
    d = TextDoc("Germany will not deliver Taurus cruise missiles to Ukraine in 2025, the chancellor said.",
                {"date": "2024-03-01", "publisher": "Reuters", "title": "Allies send weapons"})
    assert _negated(_view(d, [s.end for s in d.sents]), d.lower.index("deliver"))


@needs_parse
def test_sentence_end_of_a_token() -> None:
    d = TextDoc("Germany will not deliver Taurus cruise missiles to Ukraine.",
                {"date": "2024-03-01", "publisher": "Reuters", "title": "Allies send weapons"})
    v = _view(d, [5, 9])
    assert (v.sentence_end(0), v.sentence_end(4), v.sentence_end(5), v.sentence_end(8), v.sentence_end(9)) == (
        5, 5, 9, 9, None)

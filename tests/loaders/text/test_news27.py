"""Invented probes of session 27's news changes (docs/text-extraction-history.md, "Session 27: transfers in news: the
misses"): a purchase from a seller for a third state is the seller's sale to the buyer as well as the buyer's gift;
and the parse's refusal check reads a refusal's clause to the end of its sentence, as the stage cues do (a headline
with no full stop ends at its line)."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

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
    probe('plain-purchase', 'news',
      "Canada will buy a NASAMS surface-to-air missile system from the United States and donate it to Ukraine.",
      'USA>CAN:nasams=pledged; CAN>UKR:nasams=pledged'),
]


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


def test_sentence_end_of_a_token() -> None:
    d = TextDoc("Germany will not deliver Taurus cruise missiles to Ukraine.",
                {"date": "2024-03-01", "publisher": "Reuters", "title": "Allies send weapons"})
    if d.syntax is None:
        pytest.skip("no parse")
    v = _view(d, [5, 9])
    assert (v.sentence_end(0), v.sentence_end(4), v.sentence_end(5), v.sentence_end(8), v.sentence_end(9)) == (
        5, 5, 9, 9, None)

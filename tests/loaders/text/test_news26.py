"""Invented probes of session 26's news changes (docs/text-extraction-history.md, "Session 26: transfers in news"): the
refusal rule narrowed. A named supplier's 'will not deliver' / 'would not send' / 'won't supply' right before a
plain transfer verb is its refusal (stage declined); a negated promise, pledge, commitment, plan or boost, a delay (a
time limit after the object) and a second negated clause are never pledged. The must-not-fire probes are the
sentences of session 25's review (its section, "Reverted by the lead") and their kin; the first list fails on the
code before the change. Then a letter of intent to buy, read from its seller to its buyer."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.refusals import clause_end, condition_after, refusing_negation, time_limit_after
from armsgraph.loaders.text.syntax import model

needs_parse = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

REFUSAL_PROBES = [
    probe('refusal-will-not', 'news',
      "Chancellor Olaf Scholz said Germany will not deliver Taurus cruise missiles to Ukraine, citing the risk of "
      "escalation.",
      'DEU>UKR:taurus=declined'),
    probe('refusal-would-not', 'news',
      "The Swedish prime minister said on Tuesday that Sweden would not send Gripen fighter jets to Ukraine.",
      'SWE>UKR:gripen=declined'),
    probe('refusal-wont', 'news',
      "Berlin won't supply Taurus missiles to Kyiv, the German government said on Friday.",
      'DEU>UKR:taurus=declined'),
]

NOT_PLEDGED_PROBES = [
    # a control verb between the negation and the transfer verb: a negated promise, no refusal and no pledge
    probe('negated-promise', 'news',
      "Germany will not promise to deliver Taurus cruise missiles to Ukraine, the chancellor said.",
      ''),
    probe('negated-commit', 'news',
      "Germany will not commit to delivering Taurus cruise missiles to Ukraine, the chancellor said.",
      ''),
    probe('negated-pledge', 'news',
      "Sweden would not pledge to send Gripen fighter jets to Ukraine, the prime minister said.",
      ''),
    probe('negated-agree', 'news',
      "Sweden would not agree to send Gripen fighter jets to Ukraine, the prime minister said.",
      ''),
    probe('negated-plan', 'news',
      "Sweden will not plan to send Gripen fighter jets to Ukraine this spring.",
      ''),
    # more or faster of what is sent is no refusal of it
    probe('negated-boost', 'news',
      "Germany will not boost its deliveries of Leopard 2 tanks to Ukraine, the minister said.",
      ''),
    probe('negated-increase', 'news',
      "Germany will not increase its deliveries of Leopard 2 tanks to Ukraine, the minister said.",
      ''),
    probe('negated-speed-up', 'news',
      "Germany will not speed up deliveries of Leopard 2 tanks to Ukraine, the minister said.",
      ''),
    # a time limit after the object: a delay, a plain negation
    probe('delay-until', 'news',
      "Germany will not deliver Taurus cruise missiles to Ukraine until 2025, the chancellor said.",
      ''),
    probe('delay-before-end', 'news',
      "Germany will not deliver Taurus cruise missiles to Ukraine before the end of the year, the chancellor said.",
      ''),
    probe('delay-on-time', 'news',
      "Germany will not deliver the Leopard 2 tanks to Ukraine on time, the minister said.",
      ''),
    probe('delay-this-year', 'news',
      "Sweden will not send Gripen fighter jets to Ukraine this year, the prime minister said.",
      ''),
    probe('delay-by-date', 'news',
      "Germany will not deliver Taurus cruise missiles to Ukraine by March, the chancellor said.",
      ''),
]

SECOND_CLAUSE_PROBES = [
    # a second negated clause is its own refusal or nothing, never pledged ('nor' a negation of cues.csv)
    probe('nor-will-it', 'news',
      "Germany will not deliver Taurus cruise missiles to Ukraine, nor will it send Eurofighter jets, the chancellor "
      "said.",
      'DEU>UKR:taurus=declined'),
    probe('and-will-not', 'news',
      "Germany will not deliver Taurus cruise missiles to Ukraine, and it will not send Eurofighter jets either.",
      'DEU>UKR:taurus=declined; DEU>UKR:eurofighter=declined'),
    probe('neither-nor', 'news',
      "Neither Germany nor France will send Taurus cruise missiles to Ukraine, officials said.",
      ''),
]

GUARD_PROBES = [
    # unable, a past, a negation on another verb, a category: no transfer, as before
    probe('refusal-cannot', 'news',
      "The Spanish defence minister said the government cannot send its Leopard 2A4 tanks to Ukraine.",
      ''),
    probe('refusal-past', 'news',
      "Officials said Germany did not send Taurus cruise missiles to Ukraine last year.",
      ''),
    probe('refusal-other-verb', 'news',
      "Sweden does not intend to supply Ukraine with its Gripen fighter jets for the time being.",
      ''),
    probe('refusal-category', 'news',
      "China will not provide weapons to either party of the conflict, the foreign minister said.",
      ''),
    # a plain future is still pledged
    probe('plain-future', 'news',
      "Germany will deliver Taurus cruise missiles to Ukraine, the chancellor said.",
      'DEU>UKR:taurus=pledged'),
]

INTENT_PROBES = [
    # a letter of intent to buy a weapon another state marks: from that state to the signer
    probe('intent-demonym', 'news',
      "Poland signed a letter of intent to buy American Patriot air defence systems, the defence ministry said.",
      'USA>POL:patriot'),
    # two signers: the buyer is the one before the buy word, the seller the other
    probe('intent-two-signers', 'news',
      "Germany and Ukraine signed a letter of intent on Wednesday that could see Kyiv buy IRIS-T systems.",
      'DEU>UKR:iris-t'),
    # guards: no buy word (production), no marked seller, a negated signing
    probe('intent-production', 'news',
      "Ukraine signed a letter of intent to produce interceptors to counter Russian Shahed drones.",
      ''),
    probe('intent-unmarked', 'news',
      "Poland signed a letter of intent to buy K2 tanks, the defence ministry said.",
      ''),
    probe('intent-negated', 'news',
      "Ukraine did not sign a letter of intent to acquire French Rafale fighter jets.",
      ''),
]

@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), INTENT_PROBES)
def test_a_letter_of_intent_to_buy_is_read_seller_to_buyer(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), REFUSAL_PROBES)
def test_refusal_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), NOT_PLEDGED_PROBES)
def test_a_negated_promise_boost_or_delay_is_no_transfer(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), SECOND_CLAUSE_PROBES)
def test_a_second_negated_clause_is_its_own_refusal(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), GUARD_PROBES)
def test_guards_beside_the_refusal(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_refusing_negation_needs_the_modal_and_a_plain_transfer_verb_around_it() -> None:
    assert refusing_negation(["will", "not", "deliver", "taurus", "."], 1)
    assert refusing_negation(["wo", "n't", "send", "tanks", "."], 1)
    assert not refusing_negation(["can", "not", "deliver"], 1)  # unable, no refusal
    assert not refusing_negation(["will", "not", "soon", "deliver"], 1)  # not right before the verb
    assert not refusing_negation(["will", "not", "promise", "to", "deliver"], 1)  # a negated promise
    assert not refusing_negation(["will", "not", "boost", "deliveries"], 1)
    assert not refusing_negation(["will", "not", "acquire", "jets"], 1)  # a buyer's, not a supplier's
    assert not refusing_negation(["had", "not", "delivered"], 1)
    assert not refusing_negation(["not", "deliver"], 0)


def test_a_time_limit_is_read_to_the_end_of_the_sentence_only() -> None:
    assert time_limit_after(["tanks", "to", "ukraine", "until", "2025", "."], 0)
    assert time_limit_after(["jets", "by", "march", "."], 0)
    assert time_limit_after(["jets", "by", "2026", "."], 0)
    assert time_limit_after(["tanks", "before", "the", "end", "of", "the", "year"], 0)
    assert time_limit_after(["the", "tanks", "on", "time"], 0)
    assert not time_limit_after(["jets", "by", "air", "."], 0)  # 'by' before no date
    assert not time_limit_after(["jets", ".", "it", "will", "send", "more", "this", "year"], 0)  # the next sentence


# Review A of session 26 (docs/text-extraction-history.md, "review mends"): sentences of our own, not the reviewer's.
REVIEW_REFUSAL_PROBES = [
    # must not fire: a condition after the verb in its clause, a plural pronoun, the new time limits
    probe('review-cond-if', 'news',
      "France will not send Rafale fighter jets to Ukraine if Russia stops its offensive, the minister said.",
      ''),
    probe('review-cond-unless', 'news',
      "Sweden will not deliver Gripen fighter jets to Ukraine unless Norway ships F-35 jets first.",
      ''),
    probe('review-cond-without', 'news',
      "Berlin said Warsaw will not transfer Leopard 2 tanks to Kyiv without German consent.",
      ''),
    probe('review-they', 'news',
      "Ministers from Rome and Madrid met on Tuesday. They will not send SAMP/T systems to Ukraine, an aide said.",
      ''),
    probe('review-for-weeks', 'news',
      "Italy will not deliver SAMP/T systems to Ukraine for several weeks, the ministry said.",
      ''),
    probe('review-in-year', 'news',
      "Norway will not send NASAMS to Ukraine in 2025, the defence minister said.",
      ''),
    probe('review-yet', 'news',
      "Sweden will not supply Gripen fighter jets to Ukraine yet, the prime minister said.",
      ''),
    # must fire: the clause ends at a comma before a speech verb, at a line break, at ', and'
    probe('review-said-before', 'news',
      "Sweden will not supply Gripen fighter jets to Ukraine, Kristersson said before the summit.",
      'SWE>UKR:gripen=declined'),
    probe('review-headline', 'news',
      "Sweden will not supply Gripen fighter jets to Ukraine\nThe decision was taken before the NATO summit.",
      'SWE>UKR:gripen=declined'),
    probe('review-and-soon', 'news',
      "France will not send Rafale fighter jets to Ukraine, and talks on aid will resume soon.",
      'FRA>UKR:rafale=declined'),
]

REVIEW_INTENT_PROBES = [
    # must not fire: a withdrawn or cancelled letter, a company as the 'with' party
    probe('review-intent-withdrew', 'news',
      "Poland withdrew from a letter of intent to buy American Apache helicopters.",
      ''),
    probe('review-intent-cancelled', 'news',
      "Poland cancelled its letter of intent to purchase American Apache helicopters, officials said.",
      ''),
    probe('review-intent-company', 'news',
      "Poland signed a letter of intent with Hanwha to buy South Korean K9 howitzers.",
      ''),
    # must fire: a state as the 'with' party
    probe('review-intent-with-state', 'news',
      "Poland signed a letter of intent with the United States to buy American Apache helicopters.",
      'USA>POL:ah-64-apache'),
]


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), REVIEW_REFUSAL_PROBES)
def test_review_a_refusal_mends(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), REVIEW_INTENT_PROBES)
def test_review_a_letter_of_intent_mends(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_review_a_refusal_helpers() -> None:
    assert not refusing_negation(["they", "will", "not", "send", "jets", "."], 2)  # a plural pronoun
    assert refusing_negation(["germany", "will", "never", "send", "jets", "."], 2)  # cues.csv negation
    assert condition_after(["jets", "to", "ukraine", "if", "asked", "."], 0)
    assert condition_after(["jets", "in", "case", "of", "war"], 0)
    assert not condition_after(["jets", ",", "he", "said", "if", "asked"], 0)  # after the report
    assert time_limit_after(["tanks", "to", "ukraine", "yet", "."], 0)
    assert time_limit_after(["tanks", "for", "several", "months", "."], 0)
    assert time_limit_after(["tanks", "in", "2024", "."], 0)
    assert not time_limit_after(["tanks", "for", "ukraine", "."], 0)
    assert not time_limit_after(["jets", ",", "scholz", "said", "before", "leaving"], 0)
    assert not time_limit_after(["jets", ",", "and", "a", "decision", "will", "come", "soon"], 0)
    assert not time_limit_after(["jets", "\n", "the", "decision", "came", "before"], 0)
    assert not time_limit_after(["jets", "to", "ukraine", "this", "year"], 0, 3)  # bounded by its sentence
    assert clause_end(["jets", ",", "a", "spokesman", "said"], 0) == 1

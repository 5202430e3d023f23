"""Invented probes of session 28's news changes (docs/text-extraction-history.md, "Session 28: transfers in news: the
misses"): 'go' and 'goes' are arrivals only with a direction after them, so a refusal followed by "adding that talks
will go on" stays a refusal; and 'pass ... on' is a supply word ('cleared Estonia to pass on old D-30 howitzers'),
not after a refusal or a negation of the leave to pass it on."""

from __future__ import annotations

import pytest
from transfer_probes import META, check, probe

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.passed_on import directed, needs_on, passes_on, unpassed
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.textdoc import TextDoc

needs_parse = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

REFUSAL_THEN_GO = [
    # session 27's final read: the trailing attribution and its 'adding that' clause kept the refusal's stage lost
    probe('adding-go-on', 'news',
      "Germany will not deliver Taurus missiles to Ukraine, Scholz said, adding that talks will go on.",
      'DEU>UKR:taurus=declined'),
    probe('adding-go-ahead', 'news',
      "Germany will not deliver Taurus missiles to Ukraine, Scholz said, adding that talks will go ahead.",
      'DEU>UKR:taurus=declined'),
    probe('no-attribution-go-on', 'news',
      "Germany will not deliver Taurus missiles to Ukraine, adding that talks will go on.",
      'DEU>UKR:taurus=declined'),
    probe('and-go-on', 'news',
      "Germany will not deliver Taurus missiles to Ukraine, Scholz said, and talks will go on.",
      'DEU>UKR:taurus=declined'),
    probe('speaker-first-go-on', 'news',
      "Scholz said Germany will not deliver Taurus missiles to Ukraine, adding that talks will go on.",
      'DEU>UKR:taurus=declined'),
    probe('war-goes-on', 'news',
      "Germany will not send Taurus missiles to Ukraine, Scholz said, adding that the war will go on for years.",
      'DEU>UKR:taurus=declined'),
    # neighbours that were right before and stay so
    probe('adding-continue', 'news',
      "Germany will not deliver Taurus missiles to Ukraine, Scholz said, adding that talks will continue.",
      'DEU>UKR:taurus=declined'),
    probe('next-sentence-go-on', 'news',
      "Germany will not deliver Taurus missiles to Ukraine, Scholz said. Talks will go on.",
      'DEU>UKR:taurus=declined'),
    # an arrival with its direction is still one
    probe('go-to', 'news',
      "Ten of the Leopard 2 tanks from Germany go to Ukraine next month.",
      'DEU>UKR:leopard-2=pledged'),
    probe('deliveries-go-on', 'news',
      "Germany will deliver Leopard 2 tanks to Ukraine, and the deliveries will go on until the end of the year.",
      'DEU>UKR:leopard-2=pledged'),
]

PASSED_ON = [
    probe('pass-on-w', 'news',
      "The government also cleared Estonia to pass on old D-30 howitzers of German origin to Ukraine.",
      'EST>UKR:d-30'),
    probe('pass-w-on-to', 'news',
      "The government has also cleared Estonia to pass nine old D-30 howitzers on to Kyiv.",
      'EST>UKR:d-30'),
    # guards: 'pass' without 'on' moves nothing; a refused or negated leave gives nothing, not the passer's refusal
    probe('passed-a-bill', 'news',
      "The US Congress passed a bill on Patriot missiles for Ukraine.",
      ''),
    probe('refused-to-let-pass', 'news',
      "Switzerland has again refused to let Germany pass Swiss-made 35mm ammunition for its Gepard anti-aircraft "
      "guns on to Ukraine.",
      ''),
    probe('cannot-allow-pass-on', 'news',
      "Switzerland cannot allow Germany to pass on Gepard anti-aircraft guns to Ukraine.",
      ''),
    probe('passed-the-law', 'news',
      "The parliament passed the law on Monday, and Germany will send IRIS-T systems to Ukraine.",
      'DEU>UKR:iris-t=pledged'),
]


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), REFUSAL_THEN_GO)
def test_a_refusal_stays_declined_when_talks_go_on(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), PASSED_ON)
def test_passing_on_a_system_is_its_supply(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


@needs_parse
def test_the_refusal_keeps_its_rule_and_its_own_stage() -> None:
    """The clause rules' refusal is the one reading of the sentence: no arrival reading of 'go on' merges a pledge
    into it (before, 'talks will go on' was read as the Taurus arriving, stage pledged, which outranked declined)."""
    x = extract_text("Germany will not deliver Taurus missiles to Ukraine, Scholz said, adding that talks will go on.",
                     dict(META["news"]))
    assert [(t.status, t.rule) for t in x.transfers] == [("declined", "transfer:supply-base")]


def test_passes_on_reads_on_after_the_verb_or_its_object() -> None:
    def at(text: str) -> bool:
        d = TextDoc(text, dict(META["news"]))
        i = next(k for k, w in enumerate(d.lower) if needs_on(w))
        return passes_on(d.lower, i, d.sent_of(i).start, d.sent_of(i).end)

    assert at("Estonia will pass on its howitzers to Ukraine.")
    assert at("Estonia will pass its nine old howitzers on to Ukraine.")
    assert not at("Estonia passed its budget, and tanks went on to Ukraine.")  # a comma ends the object
    assert not at("Estonia will pass the howitzers to Ukraine.")
    assert at("Estonia did not pass on its howitzers.")  # the passer's own negation: the callers' declined reading
    assert not needs_on("send")



# session 28's review mends (passed_on.py): a date after 'on', information passed on, a comma after 'passed', an
# adverb before the direction of 'go', a negation of another clause
REVIEW_MENDS = [
    probe('passed-on-tuesday', 'news',
      "The US Senate passed on Tuesday $61 billion in aid, including ATACMS missiles, for Ukraine.",
      'USA>UKR:atacms=pledged'),
    probe('passed-on-april-20', 'news',
      "Congress passed on April 20 an aid package for Ukraine that includes ATACMS missiles.",
      'USA>UKR:atacms=pledged'),
    probe('passed-on-20-april', 'news',
      "Congress passed on 20 April an aid package for Ukraine that includes ATACMS missiles.",
      'USA>UKR:atacms=pledged'),
    probe('passed-on-intelligence', 'news',
      "Germany passed on intelligence about Russian S-400 positions to Ukraine.",
      ''),
    probe('passed-on-data', 'news',
      "Germany passed on data on Russian S-400 positions to Ukraine.",
      ''),
    probe('passed-on-the-message', 'news',
      "Estonia passed on the message to Kyiv that more HIMARS launchers would come later.",
      ''),
    probe('passed-on-the-costs', 'news',
      "Rheinmetall passed on the costs of the Leopard 2 tanks to Ukraine.",
      ''),
    probe('passed-on-the-chance', 'news',
      "Switzerland passed on the chance to buy F-35 jets from the United States.",
      ''),
    probe('passed-on-to-the-house', 'news',
      "The Senate passed on to the House a bill funding Patriot systems for Ukraine.",
      ''),
    probe('motion-passed-comma', 'news',
      "The Estonian motion passed, and the D-30 howitzers moved on to Ukraine.",
      ''),
    probe('go-straight-to', 'news',
      "The Patriot systems from Germany will go straight to Ukraine.",
      'DEU>UKR:patriot=pledged'),
    probe('go-directly-to', 'news',
      "The Patriot systems from Germany will go directly to Ukraine's air force.",
      'DEU>UKR:patriot=pledged'),
    probe('other-clause-negation', 'news',
      "Germany will not send Taurus missiles, but Estonia passed on its D-30 howitzers to Ukraine.",
      'DEU>UKR:taurus=declined; EST>UKR:d-30=delivered'),
    # neighbours that stay right
    probe('passed-on-24', 'news',
      "Estonia has passed on 24 D-30 howitzers to Ukraine, the defence ministry said.",
      'EST>UKR:d-30=delivered'),
    probe('passed-on-stingers', 'news',
      "Latvia passed on its Stinger missiles to Ukraine last year.",
      'LVA>UKR:stinger=delivered'),
]


@needs_parse
@pytest.mark.parametrize(("kind", "genre", "text", "written"), REVIEW_MENDS)
def test_the_review_mends_of_pass_on_and_go(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


def test_pass_on_reads_no_date_no_information_and_its_own_clause() -> None:
    def at(text: str) -> bool:
        d = TextDoc(text, dict(META["news"]))
        i = next(k for k, w in enumerate(d.lower) if needs_on(w))
        return passes_on(d.lower, i, d.sent_of(i).start, d.sent_of(i).end)

    assert not at("The Senate passed on Tuesday a bill.")
    assert not at("Congress passed on April 20 an aid package.")
    assert at("Estonia passed on 24 howitzers to Ukraine.")  # a bare number is what is passed on
    assert not at("Germany passed on intelligence about the S-400 positions to Ukraine.")
    assert not at("Germany passed the coordinates of the S-400 on to Ukraine.")
    assert not at("Germany passed on a warning to Ukraine.")
    assert not at("The bill passed, and tanks moved on to Ukraine.")  # the comma right after 'passed'
    assert not at("The bill passed; tanks moved on to Ukraine.")
    assert at("Estonia will pass one two three four five six seven eight on to Ukraine.")  # OBJECT_REACH words
    assert not at("Estonia will pass one two three four five six seven eight nine on to Ukraine.")
    assert at("Germany will not send tanks, but Estonia passed on its howitzers to Ukraine.")
    assert at("Poland will not pass on its jets to Ukraine.")  # its own negation: declined by the callers
    assert not at("Switzerland cannot allow Germany to pass on its guns to Ukraine.")


def test_unpassed_is_the_one_test_of_the_three_readers() -> None:
    lower = ["the", "senate", "passed", "a", "law", "."]
    assert unpassed(lower, 2, 0, len(lower))
    assert not unpassed(["estonia", "passed", "on", "its", "howitzers", "to", "ukraine", "."], 1, 0, 7)
    assert not unpassed(lower, 1, 0, len(lower))  # no pass-on word


def test_go_takes_one_adverb_before_its_direction() -> None:
    for text, moves in [("will go straight to ukraine", True), ("will go directly to kyiv", True),
                        ("will go to ukraine", True), ("will go back to ukraine", True),
                        ("talks will go on", False), ("will go ahead", False), ("will go next month", False),
                        ("will go very straight to ukraine", False)]:
        lower = text.split()
        assert directed(lower, lower.index("go"), len(lower)) is moves, text

"""Probes of session 22 (text-extraction-history.md, "Session 22: US statements: the package and its list"): the
systems a US official text lists as the contents of the package it announced, in sentences the supply word does not
govern (``package_frames.py``, rule ``transfer:package-item``); must-not-fire probes beside them. No sentence is
copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META, check, probe

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.package_frames import RULE, package_words
from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # a contents verb of the package after the sentence that announced it, its list after a colon
    probe('package-contents', 'statement',
          "Today I approved a further $500 million package of security assistance for Ukraine.\n\n"
          "It brings what the Ukrainian army asked for: twelve M777 howitzers, 60 armored Humvees and more "
          "Switchblade drones.",
          'USA>UKR:m777;USA>UKR:hmmwv;USA>UKR:switchblade'),
    # a programme opener and its buying verb
    probe('package-programme', 'statement',
          "The Department announced $900 million in security assistance for Ukraine today.\n\n"
          "Under USAI, the Department will buy two NASAMS fire units and Puma unmanned aerial systems.",
          'USA>UKR:nasams;USA>UKR:puma-uas'),
    # the package's bullets, under a sentence that refers to it and ends in ':', after a sentence on other things
    probe('package-bullets', 'statement',
          "The United States announced a new drawdown of $300 million for Ukraine.\n\n"
          "The Ukrainian government has told us it will keep records of every system.\n\n"
          "The package also includes:\n- 30 Stryker armored personnel carriers;\n- Javelin missiles;\n"
          "- spare parts.",
          'USA>UKR:stryker;USA>UKR:javelin'),
    # 'there are also' in the package's stretch
    probe('package-existential', 'statement',
          "We are moving ahead with another $700 million package for Ukraine. It includes HIMARS rockets for the "
          "launchers. There are also more Phoenix Ghost drones and counter-battery radars.",
          'USA>UKR:phoenix-ghost'),
    # a transcript answer: 'there are ... in there' about the package of the question
    probe('package-answer', 'statement',
          "MR. KIRBY: The Pentagon will announce a $400 million package for Ukraine later today.\n\n"
          "Q Will it have Bradleys?\n\n"
          "MR. KIRBY: Let the Pentagon give the numbers, but yes, there are Bradleys in there, and MRAPs.",
          'USA>UKR:bradley;USA>UKR:mrap'),
    # a lead word of the package noun's own sentence
    probe('package-lead', 'statement',
          "Yesterday the United States announced its largest drawdown so far, about $2 billion, with 40 more "
          "Abrams tanks and, for the first time, Avenger air defense systems. Ukraine needs them now.",
          'USA>UKR:abrams;USA>UKR:avenger'),
    # not: what Russia used, what Ukraine already holds
    probe('package-no', 'statement',
          "We announced a new $250 million package for Ukraine. It comes as Russia fires Kalibr missiles at "
          "Ukrainian cities.",
          ''),
    probe('package-no', 'statement',
          "We announced a new $250 million package for Ukraine. It brings more rockets for the HIMARS launchers "
          "Ukraine already fields.",
          ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


NOT_THE_PACKAGE = [
    # what an item is for (the clause rules read this one; the package adds nothing of its own)
    "We announced a new $250 million package for Ukraine. It includes support equipment for Ukraine's F-16 fleet "
    "and spare parts.",
    # civil aid is no package; another giver's package is not ours
    "We announced $250 million in humanitarian assistance for Ukraine, including help for families. Germany has "
    "announced its own package. It includes IRIS-T systems.",
    # a package question is not read, nor a negated sentence
    "We announced a new $250 million package for Ukraine.\n\nQ Are there Abrams tanks in this package?\n\n"
    "MR. KIRBY: There are no Abrams tanks in this package.",
]


@pytest.mark.parametrize("text", NOT_THE_PACKAGE)
def test_not_the_package(text: str) -> None:
    x = extract_text(text, dict(META["statement"]))
    assert not [t for t in x.transfers if t.rule == RULE]


def test_the_package_items_are_the_package_rule() -> None:
    """The items the clause rules leave are this component's (not another rule's reading of the same words)."""
    x = extract_text("Today I approved a further $500 million package of security assistance for Ukraine.\n\n"
                     "It brings what the Ukrainian army asked for: twelve M777 howitzers and 60 armored Humvees.",
                     dict(META["statement"]))
    assert {t.weapon: t.rule for t in x.transfers} == {"weapon:m777": RULE, "weapon:hmmwv": RULE}


def test_news_has_no_package_frame() -> None:
    """A text whose publisher speaks for no state (news) is not read: the frames and clause rules read news."""
    x = extract_text("Washington announced a $500 million package for Ukraine.\n\n"
                     "There are also more Switchblade drones.", dict(META["news"]))
    assert not [t for t in x.transfers if t.rule == RULE]


def test_the_word_table_has_every_kind() -> None:
    """Each kind the reader looks up is in the table (a typo in a kind fails when the table is read)."""
    words = package_words()
    assert {"includes", "brings", "adds"} <= words["contents"]
    assert "usai" not in words["programme"]  # read from turn_programmes.csv, not repeated here
    assert all(words[kind] for kind in words)

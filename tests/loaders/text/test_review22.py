"""Probes of the session 22 review's mends (docs/text-extraction-history.md, "Session 22: review"): thanks that name no
weapon of their own are not for weapons another state acts with, owns or that were shot at (the three must-not-fire
sentences gave transfers before the mend); the package frame reads only a publisher that speaks for its state
(publishers.csv 'speaker'), so a news outlet with a home state (RT) gets no package items, while the same text from
the White House does; 'there are also ...' in a sentence naming another state is no package content."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.extract import extract_text
from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    probe('thanks-before', 'news', "Ukraine fired its first ATACMS on Tuesday and thanked the United States.",
          'USA>UKR:atacms'),
    probe('thanks-other-actor', 'news',
          "Russia launched Kinzhal missiles at Kyiv overnight, and Zelensky thanked Poland for its support.", ''),
    probe('thanks-shot-at', 'news',
          "Ukrainian forces shot down Shahed drones over Odesa, and the governor thanked the United States for its "
          "support.", ''),
    probe('thanks-other-giver', 'news',
          "After Germany delivered Leopard 2 tanks last month, Zelensky thanked France on Monday.", ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


PACKAGE = ("The United States today announced a further $500 million package of security assistance for Ukraine.\n\n"
           "It brings what the Ukrainian army asked for: twelve M777 howitzers and more Switchblade drones.")


def _package_items(publisher: str, text: str = PACKAGE) -> set[str]:
    x = extract_text(text, {"date": "2024-03-01", "publisher": publisher, "title": "A new package"})
    return {t.weapon for t in x.transfers if t.rule == "transfer:package-item"}


def test_the_package_frame_reads_a_publisher_that_speaks_for_its_state() -> None:
    assert _package_items("The White House") == {"weapon:m777", "weapon:switchblade"}


def test_a_news_outlet_with_a_home_state_gets_no_package_items() -> None:
    assert _package_items("RT") == set()


def test_there_are_also_with_another_state_is_no_package_content() -> None:
    text = (PACKAGE + "\n\nSeparately, Warsaw said it would buy more tanks. There are also more Abrams tanks in "
            "Poland than a year ago.")
    assert "weapon:abrams" not in _package_items("The White House", text)

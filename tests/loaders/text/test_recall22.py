"""Invented probes of session 22's recall change (docs/text-extraction-history.md, "Session 22: transfers the rules miss
outright"): a giver's package, drawdown or aid that names no recipient of its own, listing its systems after a colon,
'with' or 'includes', goes to the recipient the text leaves implicit (the war-aid text's default recipient, as a supply
verb's clause already did). The first and third probes fail on the code before the change (no transfer at all; the
learned reader already adds the second); the others guard the readings beside it: a package's own recipient, no
implicit recipient when the text names no recipient state, when the giver is of the other side, or when a third
state in the sentence may be the one receiving. The thanks probes (second change): thanks that name no weapon of their
own, with one state thanked, are for the weapons their sentence names before them or after a 'saying'; the first two
fail before."""

from __future__ import annotations

import pytest
from transfer_probes import check, probe

from armsgraph.loaders.text.syntax import model

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

PROBES = [
    # a package said with its giver and a colon list, in a text on aid to Ukraine
    probe('package-colon', 'news',
      "Ukraine needs air defence for its cities. Norway announced its new package, worth 90 million dollars: "
      "NASAMS launchers and Stinger missiles.",
      'NOR>UKR:nasams; NOR>UKR:stinger'),
    # 'with' after the package noun
    probe('package-with', 'news',
      "Kyiv asked its partners for more armour. The Netherlands announced a package on Monday, with YPR-765 "
      "vehicles.",
      'NLD>UKR:ypr-765'),
    # 'includes' after a package the giver owns
    probe('package-includes', 'news',
      "Ukraine's army is short of shells. Sweden's new aid package includes Archer howitzers.",
      'SWE>UKR:archer-155mm'),
    # guards: a package with its own recipient; no recipient state named at all; a giver of the other side
    probe('package-own-recipient', 'news',
      "Ukraine needs air defence. Norway announced a new package for Ukraine: NASAMS launchers.",
      'NOR>UKR:nasams'),
    probe('package-no-recipient-named', 'news',
      "Norway announced its new package, worth 90 million dollars: NASAMS launchers.",
      ''),
    probe('package-other-side', 'news',
      "Ukraine needs air defence. Iran announced a new package, worth 90 million dollars: Shahed-136 drones.",
      ''),
    probe('package-third-state', 'news',
      "Ukraine needs air defence. During a visit of the Polish minister, Norway announced a new package: NASAMS "
      "launchers.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), PROBES)
def test_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)


THANKS_PROBES = [
    # thanks that name no weapon: the weapons their sentence names before them
    probe('thanked-after-use', 'news',
      "Ukraine fired its first ATACMS at an airfield on Monday and thanked the United States.",
      'USA>UKR:atacms=delivered'),
    # ... or after a 'saying' that follows them
    probe('thanked-saying', 'news',
      "Defence Minister Rustem Umerov thanked Norway on Friday, saying the NASAMS had saved lives.",
      'NOR>UKR:nasams=delivered'),
    # guards: several states thanked; thanks with a weapon of their own read as before; no weapon anywhere
    probe('thanked-several', 'news',
      "Ukraine received its first NASAMS, the minister said, thanking Norway, Spain and the United States.",
      ''),
    probe('thanked-for-weapon', 'news',
      "President Zelensky thanked Germany for the IRIS-T systems.",
      'DEU>UKR:iris-t'),
    probe('thanked-nothing', 'news',
      "President Zelensky thanked Germany, saying the support had saved lives.",
      ''),
]


@pytest.mark.parametrize(("kind", "genre", "text", "written"), THANKS_PROBES)
def test_thanks_probe(kind: str, genre: str, text: str, written: str) -> None:
    check(kind, genre, text, written)

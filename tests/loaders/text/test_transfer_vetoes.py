"""Invented probes of session 26 (docs/text-extraction-history.md, "Session 26: wrong transfers"): the readings
``transfer_vetoes.py`` drops after every transfer rule and the learned reader, and right readings beside them that it
must keep. Each wrong reading is first shown to be made without the component, so a probe fails if the veto stops
firing, not only if the rules stop making the reading. No sentence is copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.extract import PIPELINE, extract_text, run_components
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_vetoes import CORRECTED, veto_words, vetoed_transfers

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

Triple = tuple[str, str, str]
WITHOUT_VETOES = tuple(c for c in PIPELINE if c is not vetoed_transfers)


def triples(text: str, genre: str, with_vetoes: bool) -> set[Triple]:
    d = TextDoc(text, dict(META[genre]))
    f = run_components(d, PIPELINE if with_vetoes else WITHOUT_VETOES)
    return {(t.supplier, t.recipient, t.weapon) for t in f.transfers.values()}


DROPPED = [
    # the system another item supports, in a package's list
    ("statement", "Today the Department announced a new package for Ukraine. The package includes:\n\n"
                  "- Stinger missiles;\n- Equipment to support Mirage aircraft;\n- Small arms ammunition.\n",
     ("country:USA", "country:UKR", "weapon:mirage"), ("country:USA", "country:UKR", "weapon:stinger")),
    # the platform that can carry the item given
    ("statement", "The United States is sending the Hammer glide bomb, which Ukraine's Mirage jets can carry.",
     ("country:USA", "country:UKR", "weapon:mirage"), ("country:USA", "country:UKR", "weapon:aasm-hammer")),
    # a use's target on the other side, read as the recipient of a supply compound
    ("news", "Ukrainian troops fired American-supplied ATACMS missiles into Russia's Bryansk region on Tuesday.",
     ("country:USA", "country:RUS", "weapon:atacms"), None),
    # the other side as recipient of the publisher's 'we', carried from the sentence before
    ("statement", "Iran has sold drones to Russia. And in Ukraine, we have delivered HIMARS launchers and Bradley "
                  "vehicles.", ("country:USA", "country:RUS", "weapon:himars"), None),
    # the publisher's state as recipient of a carried giver, in a sentence that names it by no name
    ("statement", "Iran has supplied drones to Russia. And we keep working with Ukraine to get them what they "
                  "need, including the NASAMS launchers that are going to be delivered soon.",
     ("country:IRN", "country:USA", "weapon:nasams"), None),
    # a use's target on the other side, a coalition member's supply compound (veto 2)
    ("news", "Ukrainian forces fired British-supplied Storm Shadow missiles into Russia's Kursk region on Monday.",
     ("country:GBR", "country:RUS", "weapon:storm-shadow"), None),
    # the platform that can launch the item given, the item its gapped object
    ("news", "Norway will send AIM-9 missiles, which Ukraine's F-16 jets can launch.",
     ("country:NOR", "country:UKR", "weapon:f-16"), ("country:NOR", "country:UKR", "weapon:sidewinder")),
]


@pytest.mark.parametrize(("genre", "text", "wrong", "kept"), DROPPED)
def test_the_wrong_reading_is_dropped(genre: str, text: str, wrong: Triple, kept: Triple | None) -> None:
    assert wrong in triples(text, genre, with_vetoes=False)
    found = triples(text, genre, with_vetoes=True)
    assert wrong not in found
    if kept is not None:
        assert kept in found


KEPT = [
    # the other side armed by a state outside Ukraine's coalition, and by the other side (veto 2)
    ("news", "China has supplied Russia with drone engines and Mugin-5 drones, officials said.",
     {("country:CHN", "country:RUS", "weapon:mugin-5")}),
    ("news", "Russia delivered Su-35 fighter jets to Iran, Iranian media reported.",
     {("country:RUS", "country:IRN", "weapon:su-35")}),
    ("news", "Kazakhstan sent Su-27 jets to Russia for repair.", {("country:KAZ", "country:RUS", "weapon:su-27")}),
    # the platform given, the subject of a relative clause with an object after 'carry'/'launch' (carry veto)
    ("statement", "We are sending Ukraine F-16 aircraft that can carry precision bombs.",
     {("country:USA", "country:UKR", "weapon:f-16")}),
    ("news", "Germany will deliver more IRIS-T which can launch missiles at high altitude, to Ukraine.",
     {("country:DEU", "country:UKR", "weapon:iris-t")}),
    # the publisher's state as an unnamed recipient, 'us' the object of the verb or a sale (veto 3)
    ("statement", "Japan will send us Patriot interceptors to replenish our stocks.",
     {("country:JPN", "country:USA", "weapon:patriot")}),
    ("statement", "Japan will sell us Patriot interceptors under a new agreement.",
     {("country:JPN", "country:USA", "weapon:patriot")}),
    # the publisher's state as a buyer, unnamed
    ("statement", "We have an agreement with the Republic of Korea to buy 50,000 rounds of 155mm artillery "
                  "ammunition.", {("country:KOR", "country:USA", "weapon:155mm-artillery-ammunition")}),
    # the publisher's state named as the recipient
    ("statement", "Japan will send Patriot interceptors made under U.S. license to the United States.",
     {("country:JPN", "country:USA", "weapon:patriot")}),
    # the system given with the support word after it
    ("statement", "The package provides Sidewinder missiles to support Ukraine's air defense.",
     {("country:USA", "country:UKR", "weapon:sidewinder")}),
    # a system a state gives from its own stocks ('its' before it, no support word)
    ("news", "Norway will donate eight of its Leopard 2 tanks to Ukraine, the government said.",
     {("country:NOR", "country:UKR", "weapon:leopard-2")}),
]


@pytest.mark.parametrize(("genre", "text", "want"), KEPT)
def test_right_readings_are_kept(genre: str, text: str, want: set[Triple]) -> None:
    x = extract_text(text, dict(META[genre]))
    assert want <= {(t.supplier, t.recipient, t.weapon) for t in x.transfers}


def test_the_wording_is_read_from_its_data_file() -> None:
    words = veto_words()
    assert all(words.values())
    assert {"support", "supporting"} <= words["support"] and {"for", "'s"} <= words["support-through"]
    assert {"carry", "launch"} <= words["carry"] and {"can", "could"} <= words["modal"]
    assert {"that", "which"} <= words["relative"] and {"package", "tranche"} <= words["package"]
    assert {"it", "its", "this", "country"} <= words["referring"] and {"us", "our"} <= words["home-object"]
    assert {"sell", "sold"} <= words["sell"]
    assert {"country:ukr", "country:gbr", "country:usa"} <= words["coalition"]
    assert not {"country:chn", "country:ind", "country:rus"} & words["coalition"]


def test_the_component_runs_after_the_learned_reader() -> None:
    """Placed after ``learned_transfers``: the model, trained on the rule components, is the same with it."""
    names = [c.__name__ for c in PIPELINE]
    assert names.index("vetoed_transfers") == names.index("learned_transfers") + 1


def test_a_partner_carried_into_the_publishers_package_is_the_publishers() -> None:
    text = ("Spain will send HAWK launchers to Ukraine. The package also includes Stinger missiles and 155mm "
            "artillery ammunition.")
    assert ("country:ESP", "country:UKR", "weapon:stinger") in triples(text, "statement", with_vetoes=False)
    x = extract_text(text, dict(META["statement"]))
    found = {(t.supplier, t.recipient, t.weapon): t.rule for t in x.transfers}
    assert found[("country:USA", "country:UKR", "weapon:stinger")].endswith(CORRECTED)
    assert ("country:ESP", "country:UKR", "weapon:stinger") not in found
    assert ("country:ESP", "country:UKR", "weapon:hawk") in found


def test_a_partner_carried_into_the_publishers_list_is_the_publishers() -> None:
    text = ("Spain will send HAWK launchers to Ukraine. The package includes:\n\n- Stinger missiles;\n"
            "- Javelin missiles.\n")
    assert ("country:ESP", "country:UKR", "weapon:stinger") in triples(text, "statement", with_vetoes=False)
    found = triples(text, "statement", with_vetoes=True)
    assert ("country:USA", "country:UKR", "weapon:stinger") in found
    assert ("country:ESP", "country:UKR", "weapon:stinger") not in found


@pytest.mark.parametrize(("text", "giver", "weapon"), [
    # the partner's list: its frame sentence names the partner
    ("Norway announced a new package for Ukraine that includes:\n\n- NASAMS launchers;\n- M109 howitzers.\n",
     "country:NOR", "weapon:nasams"),
    # the partner's package named in the sentence before
    ("Germany announced a new package for Ukraine. The package includes IRIS-T systems.", "country:DEU",
     "weapon:iris-t"),
])
def test_a_partners_own_package_is_kept(text: str, giver: str, weapon: str) -> None:
    found = triples(text, "statement", with_vetoes=True)
    assert (giver, "country:UKR", weapon) in found
    assert ("country:USA", "country:UKR", weapon) not in found


@pytest.mark.parametrize("text", [
    # a word that refers back to the giver keeps it
    "Germany will send IRIS-T systems to Ukraine. It will also provide Gepard tanks.",
    "Germany will send IRIS-T systems to Ukraine. The country will also provide Gepard tanks.",
    "Germany will send IRIS-T systems to Ukraine. This package also includes Gepard tanks.",
    "Germany will send IRIS-T systems to Ukraine. Its package also includes Gepard tanks.",
    # no package noun in the sentence, not a list item
    "Germany announced a new package for Ukraine on Tuesday. It includes Gepard tanks.",
])
def test_a_partner_referred_to_keeps_its_transfer(text: str) -> None:
    x = extract_text(text, dict(META["statement"]))
    found = {(t.supplier, t.recipient, t.weapon) for t in x.transfers}
    assert ("country:DEU", "country:UKR", "weapon:gepard") in found
    assert ("country:USA", "country:UKR", "weapon:gepard") not in found

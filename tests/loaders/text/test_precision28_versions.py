"""Invented probes of session 28's wrong-transfer part (docs/text-extraction-history.md, "Session 28: wrong
transfers"): a version word ('Block V', 'Increment 2', 'Tranche 3') is read by the designation reader as a version
of the system named before it, never as a system of its own, so no rule can make a transfer of 'weapon:block-v'
(session 27 dropped those readings afterwards in ``transfer_vetoes.py``; the fix is now at its source). Hostile
probes: 'block' as an ordinary word, a version with no system before it, a listed system whose name holds a version
word. No sentence is copied from a gold document."""

from __future__ import annotations

import pytest
from transfer_probes import META

from armsgraph.loaders.text.designations import Designation, designation_words, designations
from armsgraph.loaders.text.extract import PIPELINE, run_components
from armsgraph.loaders.text.gazetteer import load
from armsgraph.loaders.text.syntax import model
from armsgraph.loaders.text.textdoc import TextDoc

pytestmark = pytest.mark.skipif(model() is None, reason="the probes measure the extractor with its trained parse")

Triple = tuple[str, str, str]


def weapons(text: str, genre: str = "news") -> list[tuple[str, str]]:
    """(mention, weapon id) of every weapon mention of ``text``, in order."""
    d = TextDoc(text, dict(META[genre]))
    return [(e.text, e.ent_id_) for e in d.doc.ents if e.label_ == "WEAPON"]


def designated(text: str, genre: str = "news") -> list[Designation]:
    """The designation reader's mentions of ``text`` (a version of a system among them)."""
    return list(TextDoc(text, dict(META[genre])).designations.values())


def triples(text: str, genre: str = "news") -> set[Triple]:
    f = run_components(TextDoc(text, dict(META[genre])), PIPELINE)
    return {(t.supplier, t.recipient, t.weapon) for t in f.transfers.values()}


@pytest.mark.parametrize(("genre", "text", "system", "want"), [
    ("statement", "The United States will sell Tomahawk Block IV and Block V missiles to Japan.", "weapon:tomahawk",
     ("country:USA", "country:JPN", "weapon:tomahawk")),
    ("news", "The United States will sell Tomahawk Block-IV and Block-V missiles to Australia.", "weapon:tomahawk",
     ("country:USA", "country:AUS", "weapon:tomahawk")),
    # the system named earlier in the same sentence (review mend: not in the sentence before)
    ("news", "Japan, which wants Tomahawks, will buy 400 Block IV missiles from the United States.",
     "weapon:tomahawk", ("country:USA", "country:JPN", "weapon:tomahawk")),
    ("statement", "The United States will sell Japan Tomahawk Block V cruise missiles.", "weapon:tomahawk",
     ("country:USA", "country:JPN", "weapon:tomahawk")),
    # letters after the number ('IIA'), a number in place of a numeral
    ("news", "The United States will sell Poland SM-3 Block IIA interceptors.", "weapon:sm-3",
     ("country:USA", "country:POL", "weapon:sm-3")),
    ("news", "Turkey will buy F-16 Block 70 aircraft from the United States.", "weapon:f-16",
     ("country:USA", "country:TUR", "weapon:f-16")),
])
def test_a_version_is_a_mention_of_the_system_before_it(genre: str, text: str, system: str, want: Triple) -> None:
    found = weapons(text, genre)
    assert {ident for _, ident in found} == {system}
    assert any(mention.replace(" ", "").lower().startswith("block") for mention, _ in found)
    assert want in triples(text, genre)


@pytest.mark.parametrize("text", [
    # a version with no system before it names none
    "Japan will buy Block V missiles from the United States.",
    "Germany will send Block 2 missiles to Ukraine.",
    "The Netherlands will send Increment 2 launchers to Ukraine.",
    # 'block' as an ordinary word
    "Residents of the apartment block watched as trucks left; Block 12 houses the missiles.",
    "Block by block, the town fell to Russian troops.",
])
def test_a_version_alone_names_no_system(text: str) -> None:
    assert weapons(text) == []
    assert not any(w.startswith("weapon:") and w not in load().category_systems for _, _, w in triples(text))


@pytest.mark.parametrize(("text", "want"), [
    # the version before the system's name: the name is the mention
    ("Washington approved the sale of Patriot interceptors and Block II Harpoon missiles to Taiwan.",
     {("country:USA", "country:TWN", "weapon:harpoon"), ("country:USA", "country:TWN", "weapon:patriot")}),
    ("Turkey will sell Block 70 F-16 aircraft to Ukraine.", {("country:TUR", "country:UKR", "weapon:f-16")}),
    ("The United States will provide Ukraine with AIM-9X Block II missiles.",
     {("country:USA", "country:UKR", "weapon:sidewinder")}),
    # a listed system whose name holds a version word keeps its row
    ("Spain will send Ukraine six refurbished Mod 56 howitzers.",
     {("country:ESP", "country:UKR", "weapon:oto-melara-mod-56")}),
    ("Britain will send Ukraine Tranche 1 Typhoon jets.",
     {("country:GBR", "country:UKR", "weapon:eurofighter-typhoon")}),
])
def test_a_system_named_with_its_version_is_kept(text: str, want: set[Triple]) -> None:
    assert want <= triples(text)
    assert not any(w.startswith("weapon:block") or w.startswith("weapon:tranche") for _, _, w in triples(text))


@pytest.mark.parametrize("text", [
    # the reviewer's D15 and D3: the version walked to from 'fighter' and from 'jets' was added twice (spaCy E1010)
    "Slovakia flies MiG-29s. It will buy Block 70 fighter jets.",
    "Slovakia retired its MiG-29s last year. It will buy 14 Block 70 fighter jets from the United States.",
    "Poland, which flies F-16s, will buy 14 Block 70 fighter jets from the United States.",
])
def test_a_version_before_two_weapon_nouns_is_read_once(text: str) -> None:
    found = weapons(text)  # raised ValueError before the mend
    assert len({mention for mention, _ in found}) == len(found)
    triples(text)


@pytest.mark.parametrize(("text", "system", "wrong"), [
    # ordinary words are no version (the reviewer's D4, D5, D7, D11, D12): a version word is capitalised as the text
    # writes it ('MoD' is not 'Mod') and a version number follows it
    ("The EU wants to send Ukraine more IRIS-T systems, but Hungary may block the missiles.", "weapon:iris-t", None),
    ("Ukraine received HIMARS launchers last year. Germany will send a second tranche of missiles.", "weapon:himars",
     ("country:DEU", "country:UKR", "weapon:himars")),
    ("Storm Shadow missiles arrived in May, the MoD said. The MoD howitzers will follow.", "weapon:storm-shadow",
     None),
    ("Ukraine received Patriot batteries. The apartment block missiles hit was empty.", "weapon:patriot", None),
    ("Germany sent Leopard 2 tanks. Hungary will block tanks for Ukraine.", "weapon:leopard-2",
     ("country:HUN", "country:UKR", "weapon:leopard-2")),
    # a version whose system is named only in the sentence before names nothing (the reviewer's D10, D13, D16)
    ("Poland bought Patriot systems in 2018. Poland will now buy Block 2 missiles from Norway.", "weapon:patriot",
     ("country:NOR", "country:POL", "weapon:patriot")),
    ("Russia fired Kinzhal missiles at Kyiv on Monday. The United States will send Ukraine Block 1 missiles.",
     "weapon:kinzhal", ("country:USA", "country:UKR", "weapon:kinzhal")),
    ("Japan has Tomahawks. It will buy Block V cruise missiles.", "weapon:tomahawk", None),
    ("Japan ordered 400 Tomahawks. It will buy Block IV missiles from the United States first.", "weapon:tomahawk",
     ("country:USA", "country:JPN", "weapon:tomahawk")),
])
def test_no_version_of_the_system_named_before(text: str, system: str, wrong: Triple | None) -> None:
    """Each text names its system first; the second clause's version word or ordinary word was a second mention of
    it by the designation reader before the mends. ('The apartment block missiles' is still the Patriot by the weapon
    anaphor reader, 'The ... missiles' after a system; that reader is not this part's.)"""
    assert next(ident for _, ident in weapons(text)) == system
    assert not any(d.weapon_id == system for d in designated(text))
    if wrong is not None:
        assert wrong not in triples(text)


def test_without_a_parse_a_version_is_no_designation() -> None:
    """The tagger-less path: a capitalised 'Block' and the numeral after it are not designation-shaped."""
    words = ["Japan", "will", "buy", "Block", "V", "missiles", "."]
    assert designations(words, [0], set(), load(), None) == []
    words = ["Japan", "will", "buy", "Tomahawk", "Block", "V", "missiles", "."]
    found = designations(words, [0], {3}, load(), None, frozenset({3}), systems={3: "weapon:tomahawk"})
    assert [(d.designation, d.weapon_id) for d in found] == [("Block V", "weapon:tomahawk")]


def test_the_version_words_are_read_from_the_data_file() -> None:
    assert {"block", "increment", "tranche", "mod"} <= designation_words()["variant"]

"""Claims in transcript turns in the shapes session 17 read (fresh8-dev, statements): a briefer's answer naming a
system by its name with its supply in words the trigger list lacks, and another person's assurance a speaker
reports ('He gave me a flat assurance that ...').

Every sentence and name here is this file's own (none is a shared document's or a gold file's)."""

from __future__ import annotations

from extraction_views import claims

from armsgraph.loaders.text.extract import extract_text

BRIEFING = {"date": "2023-06-02", "publisher": "The White House",
            "title": "Press Briefing by Press Secretary Jane Roe and NSC Coordinator John Kirby"}
REMARKS = {"date": "2023-05-21", "publisher": "The White House", "title": "Remarks by President Biden"}


def _turn_texts(text: str, meta: dict[str, object], speaker: str) -> list[str]:
    return [t for s, t in claims(extract_text(text, meta)) if s == speaker]


def test_a_named_system_with_an_announcement_replenishment_or_need_is_supply_talk() -> None:
    text = ("Q  Will Ukraine get more Patriots?\n\nMR. KIRBY:  I have nothing new to announce on NASAMS today. "
            "It replenishes the Iron Dome batteries of our partners. We talk to them every week about "
            "what they need, and the HIMARS are one part of that.\n")
    said = _turn_texts(text, BRIEFING, "person:john-kirby")
    assert any("announce on NASAMS" in t for t in said), said
    assert any("replenishes the Iron Dome" in t for t in said), said
    assert any("HIMARS are one part" in t for t in said), said


def test_a_package_pronoun_listing_systems_and_a_system_for_a_state_are_supply_talk() -> None:
    text = ("THE PRESIDENT:  Today I signed the bill. It has Strykers, more Strykers, and Stinger missiles. And "
            "we will find one more Patriot battery for Ukraine.\n")
    said = _turn_texts(text, REMARKS, "person:joe-biden")
    assert any(t.startswith("It has Strykers") for t in said), said
    assert any("Patriot battery for Ukraine" in t for t in said), said


def test_a_named_system_in_use_or_without_supply_words_is_no_claim() -> None:
    # must not fire: use and firing words, a description of the system, a category alone
    text = ("MR. KIRBY:  The Ukrainians fired the HIMARS at a depot last night. The Stinger missiles have a range "
            "of a few kilometers. So the focus here is air defense.\n")
    assert _turn_texts(text, BRIEFING, "person:john-kirby") == []


def test_another_persons_assurance_in_a_turn_is_theirs_not_the_speakers() -> None:
    text = ("THE PRESIDENT:  I spoke with President Zelenskyy this morning. He gave me a firm assurance that "
            "they will not use the F-16s against Russian territory.\n")
    said = claims(extract_text(text, REMARKS))
    assert ("person:volodymyr-zelenskyy", "they will not use the F-16s against Russian territory") in said, said
    assert not any(s == "person:joe-biden" for s, _ in said), said


def test_an_assurance_outside_a_turn_and_its_must_not_fire_shapes() -> None:
    said = claims(extract_text("Chancellor Olaf Scholz gave assurances that Germany would send more Leopard "
                               "tanks.", {"date": "2023-01-20", "publisher": "Test Wire", "title": "Test"}))
    assert ("person:olaf-scholz", "Germany would send more Leopard tanks") in said, said
    # must not fire: a state gives no speech-noun claim (a person must), a relative clause says nothing,
    # a negated light verb says nothing
    for text in ("Ukraine has provided written assurances that it will use the munitions only at the front.",
                 "The assurance that Minister Jane Roe provided was enough for the committee.",
                 "Chancellor Olaf Scholz did not give assurances that Germany would send more Leopard tanks."):
        found = claims(extract_text(text, {"date": "2023-01-20", "publisher": "Test Wire", "title": "Test"}))
        assert not any(t.startswith(("it will use", "Germany would send", "was enough", "Minister Jane Roe"))
                       for _, t in found), found


def test_security_aid_coordinated_with_humanitarian_aid_is_arms_aid() -> None:
    text = ("THE PRESIDENT:  Together with our partners we are providing vast security and humanitarian "
            "assistance to Ukraine. The free world will provide military, economic, and humanitarian aid.\n")
    said = _turn_texts(text, REMARKS, "person:joe-biden")
    assert any("security and humanitarian assistance" in t for t in said), said
    assert any("military, economic, and humanitarian aid" in t for t in said), said
    # must not fire: humanitarian or economic aid alone is no arms supply
    text = "THE PRESIDENT:  We are providing humanitarian assistance and economic aid to Ukraine.\n"
    assert _turn_texts(text, REMARKS, "person:joe-biden") == []

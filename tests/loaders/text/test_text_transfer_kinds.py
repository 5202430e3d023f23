"""Session 8's kinds of missed and false transfers, each on sentences written for the test (never taken from the
shared documents): purchase agreements without a transfer verb, orders for someone else's package, buyers after
'by', 'X will also get W', participles with their agent, the recipient of a title, ammunition named after a system,
makers of two states, and supplies still undecided."""

from __future__ import annotations

import pytest

from armsgraph.loaders.text.extract import extract_text

WIRE = {"date": "2024-03-01", "publisher": "Test Wire"}


def transfers(text: str, meta: dict[str, object] | None = None) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(supplier, recipient, weapon) -> (stage, rule) of what the extractor reads."""
    found = extract_text(text, meta or WIRE).transfers
    return {(t.supplier[8:], t.recipient[8:], t.weapon[7:]): (t.status, t.rule) for t in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a purchase agreement: the seller after 'with', the buyer as the subject, no transfer verb
        ("India signed a deal with France for 26 Rafale jets on Monday.", {("FRA", "IND", "rafale")}),
        ("Poland has concluded a contract with the United States for 96 AH-64 Apache helicopters.",
         {("USA", "POL", "ah-64-apache")}),
        ("Poland has signed a contract for 96 AH-64 Apache helicopters from the United States.",
         {("USA", "POL", "ah-64-apache")}),
        # an order for someone else's package: bought for the state the aid is for
        ("Norway has placed an order for 20 NASAMS launchers from Kongsberg as part of its aid package to Ukraine.",
         {("NOR", "UKR", "nasams")}),
        # the buyer after 'by' of a receiving noun
        ("The purchase of 96 AH-64 Apache helicopters by Poland from the United States was approved.",
         {("USA", "POL", "ah-64-apache")}),
        ("Warsaw announced the ordering by Ukraine of 50 Krab howitzers from Poland.", {("POL", "UKR", "krab-155mm")}),
        # a participle and its agent: the recipient is the state whose forces have the weapon
        ("Ukrainian troops begin training on Leopard 1A5 tanks donated by Denmark.", {("DNK", "UKR", "leopard-1")}),
        # after 'to aid' / 'to help' the state named is who the supply is for, also with a possessive
        ("The United States is finalizing plans to send Stinger missiles to aid Ukraine's defence.",
         {("USA", "UKR", "stinger")}),
        # a maker of two states named by their joined demonyms supplies as both
        ("The French-German group KNDS will supply Ukraine with 12 CAESAR howitzers.",
         {("FRA", "UKR", "caesar-155mm"), ("DEU", "UKR", "caesar-155mm")}),
        # thanks: the one thanked gave what they are thanked for to the state of whoever thanks
        ("President Zelensky thanked Lithuania for the NASAMS systems.", {("LTU", "UKR", "nasams")}),
        ("Ukraine's defence minister thanked the Netherlands for 14 Leopard 2A4 tanks.", {("NLD", "UKR", "leopard-2")}),
        ("Zelensky said he was grateful to Norway for its NASAMS launchers.", {("NOR", "UKR", "nasams")}),
    ],
)
def test_kinds_read(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert set(transfers(text)) == expected


def test_a_deal_is_contracted_with_its_number() -> None:
    found = extract_text("India signed a deal with France for 26 Rafale jets on Monday.", WIRE).transfers
    assert [(t.rule, t.status, t.quantity) for t in found] == [("transfer:deal", "contracted", 26)]


@pytest.mark.parametrize(
    "text",
    [
        # two states joined by 'and': no direction
        "Poland and South Korea signed an agreement for the delivery of 180 K2 tanks.",
        # a seller that is a company, not a state: domestic procurement
        "The Bundeswehr signed a contract with Rheinmetall for 50 Skyranger systems.",
        "Poland signed a contract for Krab howitzers from its own industry.",
        # negated or hypothetical agreements
        "Brazil did not sign a deal with Sweden for more Gripen jets.",
        "Egypt could sign a deal with France for 30 Rafale jets next year.",
        # ammunition named after the system, and a parenthesised repeat of a system whose munitions move
        "Today, the Department of Defense announced a new package for Ukraine. It includes HIMARS ammunition and "
        "Gepard rounds.",
        "The package for Ukraine includes additional munitions for National Advanced Surface-to-Air Missile "
        "Systems (NASAMS).",
        # a supply others press for, and its sale of jets, is not decided
        "Greece is under pressure from its allies to provide aid to Ukraine through the sale of its Mirage 2000 "
        "jets.",
        # 'thanks to' is 'because of'; thanks without a named giver; thanks for something hoped for
        "Thanks to HIMARS, Ukraine has pushed back the Russian army.",
        "Zelensky thanked everyone for the Patriot systems.",
        "Zelensky thanked Germany for its readiness to consider sending Taurus missiles in the future if possible.",
        # 'in order to' is no order
        "Germany raised its budget in order to send more aid to Ukraine.",
    ],
)
def test_kinds_not_read(text: str) -> None:
    assert transfers(text) == {}


def test_also_takes_the_one_supplier_of_that_recipient() -> None:
    text = "Sweden will send CV90 vehicles to Ukraine. Kyiv will also get Archer howitzers, the ministry said."
    assert set(transfers(text)) == {("SWE", "UKR", "cv90"), ("SWE", "UKR", "archer-155mm")}


def test_also_with_two_suppliers_names_nobody() -> None:
    text = ("Sweden will send CV90 vehicles to Ukraine. Norway will send NASAMS launchers to Ukraine. "
            "Kyiv will also get Archer howitzers.")
    assert set(transfers(text)) == {("SWE", "UKR", "cv90"), ("NOR", "UKR", "nasams")}


def test_a_receipt_without_also_borrows_no_supplier() -> None:
    text = "Sweden will send CV90 vehicles to Ukraine. Ukraine will get Archer howitzers."
    assert set(transfers(text)) == {("SWE", "UKR", "cv90")}


def test_title_recipient_is_the_state_after_to() -> None:
    meta = {**WIRE, "title": "Canada to send more air defence to Ukraine"}
    assert set(transfers("Canada will send NASAMS launchers next month.", meta)) == {("CAN", "UKR", "nasams")}


def test_title_with_two_states_and_no_recipient_word_gives_none() -> None:
    meta = {**WIRE, "title": "Canada and Ukraine hold talks"}
    assert transfers("Canada will send NASAMS launchers next month.", meta) == {}


def test_reported_would_reads_the_sentence_start() -> None:
    text = ("France will triple its production of shells. The French Ministry of Defense said that the new line "
            "would allow it to send Ukraine 3,000 155mm shells a month.")
    assert set(transfers(text)) == {("FRA", "UKR", "155mm-artillery-ammunition")}


@pytest.mark.parametrize(
    "text",
    ["", "   ", "signed a deal with", "deal deal deal with with for for", "A deal with France for.",
     "India signed a deal with France for <script>alert(1)</script> Rafale\x00 jets?"],
)
def test_bad_input_gives_no_deal(text: str) -> None:
    assert all(rule != "transfer:deal" for _, rule in transfers(text).values())


def test_implicit_recipient_owned_in_the_first_sentence() -> None:
    """The one other state, named in the first sentence as the owner of a title (not acting, not a place)."""
    text = ("During a visit of the Ukrainian defence minister, the Greek government promised a delivery of BMP-1 "
            "vehicles.")
    assert set(transfers(text)) == {("GRC", "UKR", "bmp-1")}


@pytest.mark.parametrize(
    "text",
    [
        "Germany delivered Leopard tanks, Poland said.",  # a speaker
        "Russia has deployed Iskander missiles. The United States will send Patriot systems.",  # a subject
        "The US will send more HIMARS as Russia steps up its attacks.",
        "Germany will send Leopard tanks. Russia condemned the decision.",  # not in the first sentence
        "Poland will deliver Krab howitzers, President Duda said after meeting Chancellor Scholz in Berlin.",
        "Turkey sold Bayraktar drones last year. Azerbaijan used them in the war.",
        "The US will send more HIMARS to counter the Russian invasion.",  # an event, not a person or body
        "Speaking in Kyiv, the Greek minister promised a delivery of BMP-1 vehicles.",  # a place
        "During a visit of the Ukrainian and Polish defence ministers, the Greek government promised BMP-1 vehicles.",
    ],
)
def test_no_implicit_recipient(text: str) -> None:
    assert transfers(text) == {}


def test_mine_resistant_vehicles_spelled_out_are_mrap() -> None:
    found = extract_text("The package for Ukraine includes 50 mine-resistant, ambush-protected vehicles.",
                         {**WIRE, "publisher": "The White House"}).transfers
    assert [(t.supplier, t.recipient, t.weapon, t.quantity) for t in found] == [
        ("country:USA", "country:UKR", "weapon:mrap", 50)]


WHITE_HOUSE = {"date": "2024-03-01", "publisher": "The White House", "title": "Fact Sheet: Security Cooperation"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessor's decision noun names who transfers, not the publisher
        ("We welcomed Norway's decision to transfer NASAMS to Ukraine.", {("NOR", "UKR", "nasams")}),
        ("Germany's recent pledge to send Leopard 2 tanks to Ukraine was welcomed.", {("DEU", "UKR", "leopard-2")}),
        # coordinated subjects of the transfer word before carry to a chained one
        ("Denmark and the Netherlands have committed to transferring F-16s to Ukraine.",
         {("DNK", "UKR", "f-16"), ("NLD", "UKR", "f-16")}),
        ("Germany has committed to sending IRIS-T systems to Ukraine, and Norway pledged to send NASAMS to Ukraine.",
         {("DEU", "UKR", "iris-t"), ("NOR", "UKR", "nasams")}),
    ],
)
def test_who_decides_transfers(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert set(transfers(text, WHITE_HOUSE)) == expected


def test_a_decision_to_deploy_is_no_transfer() -> None:
    assert transfers("Russia's move to deploy Iskander missiles to Belarus drew criticism.", WHITE_HOUSE) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'him'/'her' after a supply verb: the state of the person named before
        ("Zelensky visited Berlin on Monday. Germany promised him more IRIS-T systems.", {("DEU", "UKR", "iris-t")}),
        # 'He' opening a chain of transfer words: the previous sentence's subject, not the last person named
        ("Chancellor Scholz met President Zelensky in Berlin. He promised to deliver more IRIS-T systems to Kyiv.",
         {("DEU", "UKR", "iris-t")}),
        ("Norway has been one of the biggest donors. It plans to send NASAMS to Ukraine.", {("NOR", "UKR", "nasams")}),
    ],
)
def test_pronouns_resolved(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert set(transfers(text)) == expected


def test_him_of_the_suppliers_own_leader_is_no_recipient() -> None:
    assert transfers("Chancellor Scholz spoke on Monday. Germany will give him a report on IRIS-T systems.") == {}


REMARKS = {"date": "2024-03-01", "publisher": "The White House", "title": "Remarks by President Biden"}


def test_them_is_the_one_state_named_before() -> None:
    text = "The Ukrainians have been fighting hard. We have sent them Javelins, Stingers and HIMARS."
    assert set(transfers(text, REMARKS)) == {("USA", "UKR", w) for w in ("fgm-148-javelin", "stinger", "himars")}


@pytest.mark.parametrize(
    "text",
    ["We talked with the Poles and the Ukrainians. We will provide them with NASAMS.",  # two states: whose?
     "The United States helped Ukraine. Germany sent them IRIS-T systems.",
     "We will send them Patriot interceptors."],  # nobody named
)
def test_them_without_one_state_is_nobody(text: str) -> None:
    assert transfers(text, REMARKS) == {}


BRIEFING = {"date": "2024-03-01", "publisher": "The White House",
            "title": "Press Briefing by Press Secretary Karine Jean-Pierre and NSC Coordinator John Kirby"}


def test_the_state_a_question_asks_about_receives_in_the_answer() -> None:
    text = "Q: Will you send Abrams tanks to Ukraine?\n\nMR. KIRBY: We are going to send Bradley fighting vehicles."
    found = extract_text(text, BRIEFING).transfers
    # the question asserts nothing; the answer is Kirby's, attributed to him
    assert [(t.supplier, t.recipient, t.weapon, t.attributed_to) for t in found] == [
        ("country:USA", "country:UKR", "weapon:bradley", "person:john-kirby")]


def test_a_question_alone_gives_nothing() -> None:
    assert transfers("Q: Will the US send F-16s to Taiwan?\n\nMR. KIRBY: No.", BRIEFING) == {}

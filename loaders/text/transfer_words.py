"""The wording the transfer rules read: the words that mark parties, lists, clauses and stages, and the
frame a clause carries to the next."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from armsgraph.loaders.io import csv_rows
from armsgraph.loaders.text.word_tables import words_by_kind
from armsgraph.schema.values import Stage

CUE_PRIORITY = tuple(Stage(s) for s in (
    "declined", "requested", "considered", "announced", "approved", "contracted", "ordered", "pledged", "delivered"))
"""Which stage cue names a sentence's stage when it has several ('agreed to provide' = approved): a reading
rule of the text, not the stages' advancement, which is ``Stage``'s own order. A refusal names the stage of
whatever it refuses ('declined the request for', 'refused to approve')."""
PRONOUN_SUBJECTS = {"them", "they", "it", "who", "which", "he", "she"}
RECIPIENT_PREPS = {"to", "for", "into", "toward", "towards"}
NON_SUBJECT_PREPS = {"to", "for", "into", "toward", "towards", "against", "with", "in", "on", "at", "over", "about",
                     "than", "like", "across", "inside"}
CLAUSE_CUTS = {";", "but", "while", "whereas", "although"}
ELLIPSIS_AUX = frozenset({"did", "does", "do", "has", "have", "had", "will", "would"})
"""Auxiliaries of a comparative ellipsis after a comma ('Portugal sent tanks to Ukraine, as did Spain')."""
NOT_MOVING = frozenset({"use", "deployment"})
"""``triggers.csv`` kinds of a use or a deployment: a weapon that hangs from one is not what a transfer moves, and a
turn sentence naming a system with one speaks of its use, not of its supply."""
THIRD_PARTY = {"third-party", "third-country", "thirdparty", "re-export", "retransfer"}
"""Words before a transfer noun that make it someone else's ('third-party transfers of F-16s')."""
THIRD_PARTY_ENDINGS = tuple(THIRD_PARTY)
"""``THIRD_PARTY`` as ``str.endswith`` takes it (the last words joined), built once."""
NOT_THE_WEAPON_BEFORE = {"parts", "components", "training", "maintenance", "repair", "repairs", "sustainment",
                         "simulators", "spares"}
NOT_THE_WEAPON_AFTER = {"pilots", "pilot", "training", "crews", "crew", "maintenance", "parts", "simulators"}
NOT_A_RECIPIENT = frozenset({"initiative", "coalition", "project", "programme", "program", "fund", "scheme",
                             "industry", "company", "firm", "maker", "manufacturer", "consortium", "plant",
                             "factory", "facility"})
"""Nouns after a state's adjective that make it a scheme or a maker, not the recipient ('to the German initiative')."""
PLACE_NOUNS = frozenset({"territory", "territories", "soil", "airspace", "border", "borders", "land", "lands",
                         "targets", "target", "positions", "lines", "cities", "city", "towns", "villages", "regions",
                         "region", "waters", "ports", "airfields", "bases", "depth", "rear"})
"""Nouns after a state's adjective that make it a place, not the recipient ('to go into Russian territory',
'strikes on Russian targets')."""
NOT_A_RECIPIENT_TO = frozenset({"according", "due", "owing", "thanks", "close", "next", "addition", "compared",
                                "similar", "prior", "contrary", "relative", "up"})
"""Words before a 'to' that make it no recipient's ('according to the Czech defence ministry', 'thanks to Norway')."""
PARTNER_WORDS = frozenset({"together", "jointly", "along", "cooperation", "conjunction", "partnership"})
"""The word before 'with' that makes the actor after it a partner in the transfer ('together with Denmark')."""
COMPANY_VERB_GAP = frozenset({"will", "would", "has", "have", "had", "is", "are", "was", "were", "to", "also",
                              "already", "soon", "plans", "agreed", "began", "started", "be", "been"})
"""Words allowed between a state's company and its transfer word ('Norway's Kongsberg has already delivered')."""
PLACE_PREPS = frozenset({"in", "at", "near", "from", "against", "with", "to", "into", "over", "across", "inside"})
"""Prepositions before a place or a counterpart, not an owner ('in Berlin', 'a visit to France')."""
CHAIN_WORDS = frozenset({"to", "be", "begin", "start", "continue"})
"""Between two transfer words of one chain ('committed to transferring', 'pledged to begin sending')."""
AGENT_ADVERBS = frozenset({"jointly", "together", "directly", "partly", "mainly", "largely", "also", "originally",
                           "previously", "already", "earlier"})
"""Adverbs between a passive participle and its 'by' agent ('provided jointly by Italy and France')."""
HYPHENS = frozenset({"-", "–", "/"})
BULLETS = {"-", "•", "*", "+", "–", "—", "·", "▪", "◦"}
NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z])[.)]$")
LIST_ITEM_MAX_TOKENS = 15
"""An unmarked line after 'includes:' is a list item when it is this short and has no transfer word."""
BENEFIT_VERBS = frozenset({"help", "assist", "enable", "allow", "support", "strengthen", "bolster", "reinforce",
                           "equip", "aid", "defend", "protect"})
"""'... to help the Ukrainians spot artillery': after 'to', the one these verbs name is who the supply is for."""
FINAL_DESTINATION = (("for", "delivery", "to"), ("for", "transfer", "to"), ("for", "onward", "delivery", "to"),
                     ("for", "onward", "transfer", "to"), ("destined", "for"), ("bound", "for"), ("for", "use", "by"))
"""'moved Patriot missiles from Israel to Poland for delivery to Ukraine': the state after these is the recipient,
whatever place the weapons pass through."""
ROUNDS_AFTER = frozenset({"ammunition", "ammo", "munitions", "rounds", "shells", "projectiles", "cartridges"})
"""'HIMARS ammunition', 'Gepard rounds': a system's name before these words names what it fires, not the system
(not 'missiles' or 'interceptors', which often name the system itself: 'Patriot missiles')."""
ROCKETS_AFTER = frozenset({"rockets"})
"""'HIMARS rockets', 'Grad rockets': after a launcher's name, what it fires; ``ROCKET`` only before a word of
``ROUNDS_AFTER`` ('Grad rocket ammunition'), never before 'launchers' ('Grad rocket launchers' are the system)."""
ROCKET = "rocket"
LAUNCHER_CATEGORIES = frozenset({"artillery"})
"""The ``weapons.csv`` categories whose systems fire rockets they are not ('HIMARS rockets'); a light weapon's
rockets are the weapon itself ('M72 LAW rockets', 'AT4 rockets')."""
TARGET_JOINERS = frozenset({"and", "or", ",", "the"})
"""Between a mention after 'against' and the next one it is coordinated with ('against cruise missiles and drones')."""
VERSION_WORDS = frozenset({"version", "variant", "modification", "derivative", "copy", "clone", "analogue", "analog",
                           "upgrade"})
"""'a heavily updated version of the Russian-made T-72 tank': what moves is the version, not the system named."""
STATE_BODIES = frozenset({"government", "military", "armed", "ministry", "army", "forces", "force", "cabinet", "navy",
                          "department", "administration"})
"""'Estonia's defence ministry handed over': a state's possessive on one of its bodies is the state acting."""
ARMS_NOUNS = frozenset({"weapons", "arms", "equipment", "munitions"})
"""Nouns of what a package holds: an include that refers back ('The package contains ...') may name one as its
antecedent ('a further $1 billion in weapons for Kyiv')."""
RELATIVE_AUX = frozenset({"had", "has", "have", "will", "would", "already", "previously", "earlier", "once",
                          "recently", "originally"})
"""Words between a relative clause's subject and its supply word ('the jets Belgium had promised')."""
RELATIVE_AUXILIARIES = frozenset({"have", "has", "had", "already", "just", "recently", "now", "'ve", "’ve", "are",
                                  "'re", "’re", "is", "were", "will", "'ll", "’ll"})
"""Words between a reduced relative's subject and its transfer word: 'the Bradley vehicles we've provided', 'the
Patriot battery we're sending' (transcripts speak in contractions, session 19), read by
``transfer_mentions`` for a pronoun subject; unlike ``RELATIVE_AUX`` no conditional ('we'd', 'would'): a pronoun's
conditional supplies nothing yet."""
TAKE_FORMS = frozenset({"take", "takes", "took", "taken", "taking"})
"""'took delivery of': the subject receives."""
REFERRING_NOUNS = frozenset({"country", "ministry", "government", "nation", "kingdom", "republic", "department",
                             "cabinet", "administration"})
"""'The ministry has donated ...': the state or body the sentence before named."""
REFERRING_OBJECTS = frozenset({"country", "nation", "state", "republic", "kingdom"})
"""'send the country four IRIS-T systems': an object that refers to the state named before."""
REFERRING_SUBJECTS = {"it", "this", "these", "they"}
"""Sentence openings that refer back to what the sentence before described ('It includes', 'This package')."""
PASSIVE_AUX = {"was", "were", "been", "is", "are"}
"""Auxiliaries before a passive participle ('was completed', 'has been completed')."""
@dataclass
class Frame:
    supplier: str | None
    recipient: str | None
    stage: str
def pick_stage(stages: list[str]) -> str | None:
    for stage in CUE_PRIORITY:
        if stage in stages:
            return stage
    return None
REPORTED_STAGES = frozenset({"announced", "approved", "pledged"})
"""Cues that report or promise a transfer: before a past-tense transfer verb that happened ('announced it has
delivered', 'the promised IRIS-T ... have arrived') the verb's stage, delivered, wins."""
NOT_YET = frozenset({"will", "would", "'ll", "’ll", "to", "shall", "could", "may", "might", "can", "should", "must"})
"""Words right before a past-tense form that make it not (yet) happened ('will be delivered', 'to be sent')."""
@cache
def phrase_words() -> dict[str, str]:
    """``data/phrase_words.csv``: words of the phrases that move weapons without a transfer word -> their kind
    (``deal``: 'signed a deal with France for Rafale'; ``thanks``: 'thanked Lithuania for the NASAMS'), read once."""
    text = resources.files("armsgraph.loaders.text").joinpath("data", "phrase_words.csv").read_text(encoding="utf-8")
    return {row.values["word"].strip().lower(): row.values["kind"].strip() for row in csv_rows(text).rows}
@cache
def phrase_kind(kind: str) -> frozenset[str]:
    """The words of one kind of ``phrase_words.csv`` ('replaced-by', 'holding'), built once per kind."""
    return frozenset(w for w, k in phrase_words().items() if k == kind)


POSSESSIVE_MARKS = frozenset({"'s", "’s"})
"""The tokens of a possessive after a name ('Germany's IRIS-T'), straight or curly apostrophe."""


def deal_words() -> frozenset[str]:
    """The nouns of a purchase agreement (``phrase_words.csv`` kind ``deal``)."""
    return phrase_kind("deal")


def exchange_words() -> frozenset[str]:
    """The words of 'in exchange for' / 'in return for' (``phrase_words.csv`` kind ``exchange``)."""
    return phrase_kind("exchange")


SUBORDINATORS = frozenset({"after", "before", "while", "since", "by", "besides"})
"""Words before a gerund that has no subject of its own: 'Britain will buy Archer howitzers after sending AS90 guns
to Ukraine' (the sentence's subject gives)."""


@cache
def party_words() -> dict[str, frozenset[str]]:
    """``data/party_words.csv`` by kind: the default recipient of war-aid texts, the suppliers that never give to
    it, the nouns of a giver's own forces and the words of 'X from Y are now with Z' (``presence_transfers``),
    read once per process; a row of another kind fails with its line."""
    return words_by_kind("party_words.csv", ("default-recipient", "other-side", "own-forces", "presence-between",
                                             "force-unit"))


@cache
def syntax_words() -> dict[str, frozenset[str]]:
    """``data/syntax_words.csv``: the word forms the parse rules read beside the transfer words, by kind (``use``:
    a verb whose subject holds what it uses; ``welcome``: a verb whose subject 'the arrival of' a weapon reaches;
    ``arrival``: a noun that moves its weapons; ``backer``: a noun whose possessor or 'of' object is the state a
    text's aid goes to), read once per process."""
    return words_by_kind("syntax_words.csv")

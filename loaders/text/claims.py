"""Attributed claims: quotations and reported speech with a named speaker, never facts."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from armsgraph.loaders.text.claim_cleanup import outer_speakers, own_speech_in_turns, without_nested
from armsgraph.loaders.text.claim_groups import more_speech, plural_speech, plural_speech_after_and
from armsgraph.loaders.text.clean import paragraphs
from armsgraph.loaders.text.dates import WEEKDAYS
from armsgraph.loaders.text.extraction import ClaimFact
from armsgraph.loaders.text.facts import Facts, Ref
from armsgraph.loaders.text.group_speakers import group_speech, state_pair_speech
from armsgraph.loaders.text.known_officials import known_official
from armsgraph.loaders.text.office_words import office_words
from armsgraph.loaders.text.persons import OWNER_NOUNS, PERSON_NOUNS, TITLE_PREFIXES
from armsgraph.loaders.text.quote_labels import name_end
from armsgraph.loaders.text.seats import seat_at, seat_state
from armsgraph.loaders.text.speakers import SUFFIXES
from armsgraph.loaders.text.supply_talk import arms_word
from armsgraph.loaders.text.syntax_claims import SpeechCandidate, negated, noun_speech, speech
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.turn_claims import TURN_RULE, transcript_turns
from armsgraph.loaders.text.word_tables import words_by_kind
from armsgraph.schema import Person

NOUN_RULE = "claim:speech-noun"
"""A person's claim read from a speech noun a light verb governs ('He gave me a flat assurance that ...')."""
QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"))
_OPENERS = re.compile("[\u201c\"\u00ab]")
CLOSING_QUOTES = frozenset({close for _, close in QUOTE_PAIRS} | {"\u2019"})
"""What may close a quotation after its last word ('... systems,”'), a single curly quote too."""


GOVERNMENT_WORDS = frozenset({"government", "officials", "ministry", "military", "embassy", "army", "cabinet",
                              "intelligence", "authorities", "defense", "defence", "foreign", "presidency",
                              "general", "armed", "air", "navy", "border"})
"""After a demonym, a body that speaks for the state ('the French Ministry of Defense said')."""
BODY_WORDS = frozenset({"department", "office", "agency", "council", "committee", "command", "forces", "parliament",
                        "service", "staff", "headquarters", "bureau", "administration", "ministry", "programme",
                        "program", "association", "organization", "organisation", "union", "fund", "alliance",
                        "corporation", "company", "group", "institute", "foundation", "bank", "conference", "summit",
                        "initiative", "industries", "systems", "technologies", "news", "times", "post", "force",
                        "guard", "navy", "army", "police"})
"""Last words of a name that is a body, never a person ('Defense Ministry', 'Security Council')."""
TITLE_MODIFIERS = frozenset({"new", "former", "acting", "outgoing", "incoming", "then", "current", "interim",
                             "top", "senior", "chief"})
"""Words between an article and a speaker's title ('the new Swedish Defence Minister X')."""
SENTENCE_OPENERS = frozenset({"so", "and", "but", "then", "today", "earlier", "later", "also", "now", "yesterday",
                              "tonight", "this", "morning", "afternoon", "evening", "on", ",", "first", "finally"})
"""Words that may open a sentence before its subject ('So the President spoke with ...', 'Today, X met ...')."""
OFFICE_NOUNS = frozenset({"head", "chief", "general", "commander", "leader", "director", "spokesman", "spokeswoman",
                          "spokesperson", "minister", "envoy", "ambassador", "admiral", "secretary", "adviser",
                          "advisor"})
"""A subject's head word that is an office: a name closing its phrase is the person holding it."""
NAME_OFFICES = OFFICE_NOUNS | office_words().company_offices
"""Every lower-case office noun a name may follow ('spokesman', 'chief executive', 'lawmaker'), built once."""
SAYING_NOUNS = frozenset({"words", "phrase", "saying", "message", "motto", "maxim", "line", "advice", "prayer"})
"""Nouns for what someone said: 'the words of Jane Roe:' introduces her quotation."""
STATE_BODY_WORDS = GOVERNMENT_WORDS | BODY_WORDS
"""Words that end the name of a state's body ('the Czech defence ministry', 'the General Staff'), built once."""
GOVERNED_BY_PLACE = frozenset({"government", "officials", "authorities"})
"""Who speaks for the state a place names after them ('the government in Berlin said', 'officials in Washington
said')."""
SEAT_OPENERS = frozenset({"and", "but", "while", "whereas", "meanwhile", "also", "then", "as", "that", "yet"})
"""Before a seat's name (past 'the'), the words that leave it the subject of its clause ('..., and the Kremlin said',
'Meanwhile, Downing Street said'); else the seat opens its sentence or follows punctuation, or it is a place or an
addressee ('talks at the Elysée', 'Outside the Elysée, protesters said'), not a speaker."""
SOURCE_WORDS = frozenset({"sources", "source", "media", "newspaper", "newspapers", "outlet", "outlets", "daily"})
"""A subject ending in one of these is a source or a medium, never a speaker ('German government sources said'); a
state's report speaks for the state ('A US intelligence report has alleged')."""
SINCE_REACH = 600
"""Tokens searched back for a person named after the last speaker (``_named_since``)."""
NORM_NOUNS = frozenset({"principles", "standards", "rules", "law", "laws", "norms", "guidelines", "procedures",
                        "requirements", "criteria", "schedule", "timeline", "plan", "plans", "terms", "provisions"})
"""'according to X standards': what follows is a rule or a plan, not a speaker."""
TITLE_OR_ACTOR = ("TITLE", "DEMONYM", "COUNTRY", "ORG", "CAPITAL")
"""Entity labels a speaker's phrase may open with (', Chancellor Olaf Scholz said', ', Lisbon's ministry said')."""
MINISTRY_MODIFIERS = frozenset({"defence", "defense", "foreign", "interior"})
"""Words between a state and its ministry ('Lisbon's defence ministry said'): part of the speaker's phrase."""
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
"""The parse's tags of a finite verb: a second speech verb so tagged says a clause of its own (session 25)."""
MIN_SAID_BEFORE = 3
"""Tokens the first verb's claim must have before the second verb's 'and' to stay a claim of its own."""
VOCATIVES = frozenset({"mr.", "mr", "madam", "madame", "mister", "ms.", "mrs."})
"""Words that address a title ("Mr. President, ..."): the title names the one spoken to."""
RELATIVE_SPEECH = frozenset({"relcl", "pcomp"})
"""The parse's labels of a speech verb in a relative clause on a noun ('video it said showed', 'a video of what it
said were'): its 'it' is the subject of the clause the noun belongs to (session 28)."""
RELATIVE_REACH = 4
"""Heads climbed from such a verb to the clause whose subject speaks (verb -> noun -> its verb; 'of' adds one)."""
ACRONYM_MAX = 5
"""Letters of a body's acronym before its lower-case name ('the SBU security service')."""
BODY_TABLE = words_by_kind("unowned_bodies.csv", ("pair", "attack"))
"""``data/unowned_bodies.csv`` by kind (review mends, session 28)."""
BODY_PAIRS = frozenset(tuple(words.split()) for words in BODY_TABLE["pair"])
"""An unowned body that is one only after its modifier: 'the General Staff', 'the security service' (a bare 'the
staff' or 'the service' is no state's body)."""
PAIRED_BODIES = frozenset(pair[-1] for pair in BODY_PAIRS)
ATTACK_WORDS = BODY_TABLE["attack"]
"""Attack verbs: a state opening a sentence as the attacker ('Russian missiles hit Kharkiv, the General Staff said')
owns no unowned body of it."""
BODY_ACRONYMS = {word: state for state, words in words_by_kind("body_acronyms.csv").items() for word in words}
"""A state body's acronym and the state it is of ('the SBU security service': Ukraine's); an acronym not in
``data/body_acronyms.csv`` names no owner (review mends, session 28)."""
ADDRESSEES = frozenset({"me", "us", "him", "her", "them", "reporters", "journalists"})
"""Who was told, right after 'told': not part of the claim."""


def _first_found(i: int, sources: tuple[Callable[[int], str | None], ...]) -> str | None:
    """The speaker the first of ``sources`` finds for token i, in their order (each is asked only when the ones
    before it found nobody)."""
    return next(filter(None, (source(i) for source in sources)), None)


def claims(d: TextDoc, f: Facts) -> list[ClaimFact]:
    """Component: attributed claims (quotations, reported speech, transcript turns, the parse's speech verbs)."""
    ClaimRules(d, f).claims_in()
    return f.claims


class ClaimRules:
    """Quotations, 'X said (that) ...', '..., X said', 'according to X'."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far; this component adds its own."""
        self._carry = False
        """The paragraph read last left a quotation open."""
        self._speech: dict[int, list[SpeechCandidate]] = {}
        """The parse's speech candidates by sentence start (read once, by ``_speaking_names``)."""
        self._honorifics = d.g.honorifics
        self._turns: list[tuple[int, int, str]] = []
        """(character start, end, speaker) of each transcript turn with a named speaker."""
        self._label_names: dict[str, str] = {}
        """Surname -> person first named in a quotation label ('Admiral Brad Cooper (March 3):'), for 'Admiral
        Cooper (March 5):' after it."""


    # ---- claims ------------------------------------------------------------------------------------------

    def _speaker_near(self, start: int, end: int, last: str | None, backward: bool = False
                      ) -> tuple[str, int] | None:
        """The speaker referred to in tokens [start, end): a person, titled official, organisation or state.

        ``backward`` scans from the end (the subject nearest a following speech verb).
        """
        for i in reversed(range(start, end)) if backward else range(start, end):
            if self.d.lower[i] == "i" and backward:
                # 'As I told President Zelenskyy': the author of a statement or remarks, else the publisher's own
                # voice (no claim); never the addressee after the verb
                return (self.d.author, i) if self.d.author else None
            ref = self.f.ref_at.get(i)
            if ref is None and backward and self.d.lower[i] == "it" and i + 1 < len(self.d.words) \
                    and self.d.lower[i + 1] in self.d.g.speech_verbs:
                body = self._speaker_before(i, person=False)
                if body is not None:
                    return body, i
            if ref is None and (seat := self._seat_or_government_in(i)) is not None:
                return seat, i  # 'Downing Street said', 'the government in Berlin said' (session 23)
            if ref is None and self.d.lower[i] in GOVERNMENT_WORDS and i > start:
                owner = self._generic_owner(i - 1 if self.d.lower[i - 1] in GOVERNMENT_WORDS else i)
                if owner is not None:
                    return owner, i  # 'its defence ministry said', 'the country's military said'
            if ref is None and self.d.lower[i] in office_words().unowned_bodies and i > start:
                owner = self._unowned_ministry(i)
                if owner is not None:
                    return owner, i  # 'After Oslo sent ..., the defence ministry said' (session 17)
            if ref is None or ref.kind == "first-person":
                continue
            if self._after_preposition(ref, ("at", "in", "to", "from", "with", "on", "by", "for")):
                continue
            if ref.kind == "person":
                return ref.id, i
            if ref.kind == "title" and self._vocative(ref):
                continue  # 'Mr. President, you said ...': the one addressed is not the subject
            if ref.kind == "title":
                # 'As the President said' in a White House text: the home state's office holder first, before a
                # President of another state the text named ('President Zelenskyy asked ...')
                person = self.f.office_holder(ref) or self.f.resolve_title(ref.id.partition(":")[2])
                if person:
                    return person, i
                # else the state or body the title is of: 'Ukraine's defence minister', 'its ministry', 'the
                # Pentagon's spokesman'
                owner = _first_found(ref.start, (self.f.affiliation_before, self._generic_owner,
                                                 self._state_of_body_before))
                if owner:
                    return owner, i
                if backward and ref.end == end and ref.start > start and self.d.lower[ref.start - 1] == "the":
                    return None  # 'Minister X and the Secretary have talked ..., and the Secretary told him': no one
            if ref.kind == "pronoun":
                # he/she: the last person named before, in this sentence or the one before; else the last speaker;
                # opening a sentence, the person who opened the sentence before ('Austin met Umerov. He said ...')
                person = _first_found(ref.start, (self._previous_subject, self._speaker_before,
                                                  self.f.last_person_before))
                if not person and last is not None and last.startswith("person:"):
                    person = self._named_since(ref.start, last)
                if person:
                    return person, i
            if ref.kind in ("name", "capital", "demonym") and self._opens_a_company_name(ref.end):
                continue  # 'The Kyiv Independent reported', 'Ukrainian Defense Industries said': no state speaks
            if ref.kind in ("org", "name", "capital"):
                nxt = self.f.ref_at.get(ref.end)
                if (nxt is not None and nxt.kind == "title") or (
                        ref.end < len(self.d.words) and self.d.ent_types[ref.end] == "TITLE"
                        and self._person_after_title(ref.end)):
                    continue  # 'Pentagon spokesman Pat Ryder': the person speaks, not the body
                return ref.id, i
            if ref.kind == "demonym" and self.d.doc[ref.end: ref.end + 1].text.lower() in GOVERNMENT_WORDS \
                    and self.d.ent_types[ref.end] != "TITLE":
                return ref.id, i  # 'the French defence ministry said'; not 'Ukrainian Defence Minister X'
        return None

    def _seat_or_government_in(self, i: int) -> str | None:
        """The state that speaks at token i (no entity there) by its seat's place name ('the Elysée said',
        ``data/seats.csv``) or as 'the government in Berlin' / 'officials in Washington' (the capital or state right
        after 'in' says whose); none after a preposition ('talks at Downing Street') or after a word that makes the
        officials another's ('Russian-installed officials in the region')."""
        words, lower = self.d.words, self.d.lower
        seat = seat_at(words, i)
        if seat is not None:
            before = seat[1] - 1 if seat[1] > 0 and lower[seat[1] - 1] != "the" else seat[1] - 2
            if seat[2] < len(words) and words[seat[2]] in ("-", "–"):
                return None  # 'Kremlin-backed officials said': a mark of who backs them, not who speaks
            opens = before < 0 or not words[before][:1].isalnum() or lower[before] in SEAT_OPENERS
            return seat[0] if opens or lower[before] in self.d.g.speech_verbs else None  # or '..., said the Kremlin'
        if lower[i] not in GOVERNED_BY_PLACE or i + 2 >= len(words) or lower[i + 1] != "in":
            return None
        place = self.f.ref_at.get(i + 2)
        if place is None or place.start != i + 2 or not place.id.startswith("country:") \
                or place.kind not in ("name", "capital"):
            return None
        opens = i == 0 or lower[i - 1] == "the" or not words[i - 1][:1].isalnum()
        return place.id if opens else None

    def _vocative(self, ref: Ref) -> bool:
        """'Mr. President,' / 'Madam Secretary,': a title addressed (``VOCATIVES``) with a comma after it names the
        one spoken to."""
        d = self.d
        return ref.start > 0 and d.lower[ref.start - 1] in VOCATIVES and ref.end < len(d.words) \
            and d.words[ref.end] == ","

    def _opens_a_company_name(self, k: int) -> bool:
        """Whether the capitalised words from token k (a state named before them) end a company's or an outlet's
        name (``cues.csv`` kind ``not-person``: 'Kyiv Post', 'Ukrainian Defense Industries'): the name is theirs; a
        state's body ('the Ukrainian Air Force') speaks for the state."""
        e = k
        while e < len(self.d.words) and e - k < 4 and self.d.words[e].istitle() and self.d.words[e].isalpha() \
                and e not in self.f.ref_at:
            e += 1
        last = self.d.lower[e - 1]
        return e > k and last in self.d.g.non_person_heads and last not in office_words().body_heads

    def _generic_owner(self, i: int) -> str | None:
        """The state or international body that an unnamed owner right before token i refers to: 'its' (the
        sentence's first actor, else the last one before it), 'the country's' (a state), 'the alliance's' / 'the
        bloc's' (an international organisation)."""
        if i < 1:
            return None
        want: tuple[str, ...]
        if self.d.lower[i - 1] == "its":
            want = ("country", "org")
        elif i >= 3 and self.d.words[i - 1] in ("’s", "'s") and self.d.lower[i - 3] == "the" \
                and self.d.lower[i - 2] in OWNER_NOUNS:
            want = (OWNER_NOUNS[self.d.lower[i - 2]],)
        else:
            return None
        first = self.d.sent_of(i).start
        for k in [*range(first, i), *range(first - 1, -1, -1)]:
            ref = self.f.ref_at.get(k)
            if ref is None or ref.kind not in ("name", "capital", "demonym", "org"):
                continue
            kind = ref.id.partition(":")[0]
            if kind == "org":
                org = self.d.g.org(ref.id)
                if org is None or (want == ("org",) and org.kind != "international"):
                    continue
            if kind in want:
                return ref.id
        return None

    def _unowned_ministry(self, i: int) -> str | None:
        """'the (defence) ministry', 'the Air Force Command' (a body of ``office_words.csv`` kind unowned-body) at
        token i with no owner named: the state opening its sentence (in its first three tokens, not after a
        preposition: 'After Oslo sent ..., the defence ministry said'), else the state opening the sentence before,
        when the sentence names no other state before the body (the guide: an unnamed ministry speaks for its state;
        sessions 17, 18). Since the review mends of session 28: 'staff' and 'service' are bodies only after their
        modifier (``unowned_bodies.csv`` kind pair: 'the General Staff', 'the security service'); an acronym before
        the body names its owner by ``body_acronyms.csv`` ('the FSB security service': Russia's), an acronym not
        there none; and such a body is not the opening state's when that state opens the sentence as an attacker
        (kind attack: 'Russian missiles hit Kharkiv overnight, the General Staff said': no speaker)."""
        word = self.d.lower[i]
        if word in PAIRED_BODIES and (i == 0 or (self.d.lower[i - 1], word) not in BODY_PAIRS):
            return None
        k = i - 1
        unowned = office_words().unowned_modifiers
        acronym: str | None = None
        while k >= 0 and (self.d.lower[k] in MINISTRY_MODIFIERS or (
                self.d.lower[k] in unowned and self.d.words[k][:1].isupper()) or self._acronym_of_body(k, i)):
            if self.d.words[k].isupper() and self.d.words[k].isalpha():
                acronym = self.d.lower[k]
            k -= 1
        if k < 0 or self.d.lower[k] != "the":
            return None
        if acronym is not None:
            return BODY_ACRONYMS.get(acronym)
        sent = self.d.sent_of(i)
        opening = self._state_opening(sent.start, min(i, sent.start + 3))
        if opening is not None and word in PAIRED_BODIES and self._attacker(sent.start, i):
            return None
        if opening is not None or sent.start == 0:
            return opening
        before = self.d.sent_of(sent.start - 1)
        state = self._state_opening(before.start, min(before.end, before.start + 3))
        # a state the sentence names before the body, unless it is that state again ('... Bratislava handed over
        # ... are not affected, the defence ministry said'); none named after it counts ('The Air Force Command said
        # 37 Iranian-made drones ...'; session 18)
        named = {ref.id for m in range(sent.start, i) if (ref := self.f.ref_at.get(m)) is not None
                 and ref.id.startswith("country:")}
        return state if state is not None and named <= {state} else None

    def _attacker(self, start: int, body: int) -> bool:
        """Whether the sentence's opening clause (up to its first comma, before the body at ``body``) has an attack
        verb (``unowned_bodies.csv`` kind attack): its opening state is then the attacker, not the body's owner."""
        for k in range(start, body):
            if self.d.lower[k] == ",":
                return False
            if self.d.lower[k] in ATTACK_WORDS:
                return True
        return False

    def _acronym_of_body(self, k: int, body: int) -> bool:
        """Token k, before an unowned body at token ``body``, is the body's own short name or a word of its kind: an
        acronym no entity holds ('the SBU security service'), or an unowned modifier in lower case right before the
        body ('security'); session 28."""
        word = self.d.words[k]
        if self.f.ref_at.get(k) is not None:
            return False
        if word.isalpha() and word.isupper() and 2 <= len(word) <= ACRONYM_MAX:
            return True
        return word.islower() and self.d.lower[k] in office_words().unowned_modifiers and k + 1 == body

    def _state_opening(self, start: int, end: int) -> str | None:
        """The state named (by name, capital or demonym) in tokens [start, end), not after a preposition."""
        for m in range(start, end):
            ref = self.f.ref_at.get(m)
            if ref is not None and ref.start == m and ref.id.startswith("country:") \
                    and ref.kind in ("name", "demonym", "capital"):
                prepositional = m > 0 and self.d.lower[m - 1] in ("to", "for", "with", "against", "from", "of", "in")
                return None if prepositional else ref.id
        return None

    def _state_of_body_before(self, i: int) -> str | None:
        """"the U.S. Air Force's chief of staff", "Ukraine's Ground Forces commander": the state named before one to
        three capitalised words of a body (``GOVERNMENT_WORDS``, ``BODY_WORDS``) right before token i."""
        j = i - 1
        if j >= 0 and self.d.words[j] in ("’s", "'s"):
            j -= 1
        k = j
        while k >= 0 and j - k < 3 and self.d.words[k][:1].isupper() and not self.d.ent_types[k] \
                and self.d.lower[k] in STATE_BODY_WORDS:
            k -= 1
        ref = self.f.ref_at.get(k)
        if k == j or ref is None or ref.kind not in ("name", "demonym") or not ref.id.startswith("country:"):
            return None
        return ref.id

    def _after_preposition(self, ref: Ref, preps: tuple[str, ...], according: bool = True) -> bool:
        """The actor is a place or an addressee: a preposition right before it, or before a person's title
        ('spoke with President Zelenskyy and told him': not the speaker); with ``according``, 'according to' is no such
        preposition."""
        b = ref.start
        while b > 0 and ref.kind == "person" and (self.d.ent_types[b - 1] in ("TITLE", "DEMONYM")
                                                  or self.d.lower[b - 1] == "the"):
            b -= 1
        return b > 0 and self.d.lower[b - 1] in preps and not (
            according and b > 1 and self.d.lower[b - 2] == "according")

    def _person_after_title(self, i: int) -> bool:
        """A title at token i is followed by a named person ('spokesman Pat Ryder')."""
        while i < len(self.d.words) and self.d.ent_types[i] == "TITLE":
            i += 1
        ref = self.f.ref_at.get(i)
        return ref is not None and ref.kind == "person"

    def _unresolved_title_before(self, verb: int, lo: int) -> bool:
        """'the Secretary told', 'the minister has said': a definite title right before the verb is its subject,
        whoever else the sentence names (called when no speaker was found for it)."""
        k = verb - 1
        while k > lo and self.d.lower[k] in ("has", "have", "had"):
            k -= 1
        ref = self.f.ref_at.get(k)
        return ref is not None and ref.kind == "title" and ref.start > lo and self.d.lower[ref.start - 1] == "the"

    def _first_person_subject(self, verb: int) -> bool:
        """'I told', 'I have said', 'we told': the subject is the first person (by the parse, else the word before)."""
        if self.d.syntax is not None and self.d.syntax.parsed[verb]:
            return any(self.d.lower[k] in ("i", "we") for k in self.d.syntax.kids(verb, "nsubj"))
        return verb > 0 and self.d.lower[verb - 1] in ("i", "we")

    def _parsed_subject(self, verb: int, lo: int) -> tuple[str, int] | None:
        """The person the parse gives as the verb's subject, when it is not the nearest name before the verb
        ('Grushko, in a meeting with ambassador Pierre Levy, warned ...' is Grushko's)."""
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[verb]:
            return None
        for head in syntax.kids(verb, "nsubj"):
            tokens = set(syntax.subtree(head))
            for k in syntax.kids(head, "prep", "relcl", "acl"):
                tokens -= set(syntax.subtree(k))
            people = [k for k in sorted(tokens) if k >= lo and k in self.f.ref_at and self.f.ref_at[k].kind == "person"]
            # the person at the subject's head, not a possessive before it ('President X's chief of staff Y said')
            at_head = [k for k in people if self.f.ref_at[k].start <= head < self.f.ref_at[k].end]
            not_poss = [k for k in people if syntax.dep[self.f.ref_at[k].end - 1] != "poss"]
            if people:
                k = (at_head or not_poss or people)[0]
                return self.f.ref_at[k].id, k
        return None

    def _speaker_of_verb(self, verb: int, lo: int, hi: int, last: str | None) -> tuple[str, int] | None:
        """The subject of a speech verb: right before it ('Antonov said') or right after ('said Antonov')."""
        if verb > lo and self.d.words[verb - 1] == "," and self.d.lower[verb].endswith("ing"):
            # 'X thanked Y on Tuesday, saying ...': a gerund after a comma speaks as the clause's subject does
            opening = self._opening_speaker(verb, lo)
            if opening is not None:
                return opening
        found = self._speaker_near(max(lo, verb - 5), verb, last, backward=True)
        subject = self._parsed_subject(verb, lo)
        if subject is not None and found is not None and found[0] != subject[0] and found[0].startswith("person:") \
                and (subject[0].startswith("person:") or not self._titled_here(found[1])):
            found = subject
        elif found is not None and not found[0].startswith("person:") and verb >= 3 and self.d.words[verb - 1] == ",":
            # "Jane Roe, Sweden's defence minister, said": the state is the apposition's, the person before it speaks
            j = next((k for k in range(verb - 2, max(lo, verb - 10) - 1, -1) if self.d.words[k] == ","), None)
            person = self.f.ref_at.get(j - 1) if j is not None else None
            if person is not None and person.kind == "person" and j is not None and j < found[1]:
                found = person.id, person.start
        if found is None and verb > lo and self.d.lower[verb - 1] == "it" and last is not None \
                and last.startswith(("org:", "country:")):
            return last, verb - 1  # 'It claimed ...' after a body or a state spoke
        if found is None and self._first_person_subject(verb):
            return None  # 'As I told President Zelenskyy' without an author: the publisher's voice, not the addressee's
        if found is None:
            # 'said Antonov.', ', said the Swedish Defence Minister': the speaker closes the clause
            # 'This said Minister of Foreign Affairs of the Republic Jane Roe.': a long title before the name
            reach = 12 if verb - lo <= 2 and self.d.lower[lo] in ("this", "that", "these") else 5
            after = self._speaker_near(verb + 1, min(hi, verb + reach), last)
            if after is not None and any(self.d.words[k] in ("“", '"', "«") for k in range(verb + 1, after[1])):
                after = None  # 'said, “Mr. President ...”': a name inside the quotation is no speaker
            if after is not None:
                ref = self.f.ref_at.get(after[1])
                end = ref.end if ref is not None else after[1] + 1
                if end >= len(self.d.words) or self.d.words[end] in (",", ".", ";", ":", "”", '"') or end >= hi:
                    found = after
        if found is None and verb > lo and self.d.lower[verb - 1] in ("was", "were") and verb + 1 < hi \
                and self.d.lower[verb + 1] == "by":
            # 'This was said by Foreign Minister X': the agent
            for i in range(verb + 2, min(hi, verb + 9)):
                ref = self.f.ref_at.get(i)
                if ref is not None and ref.kind == "person":
                    return ref.id, i
        if found is None and self._unresolved_title_before(verb, lo):
            return None  # 'and the Secretary told him ...' with no Secretary named: not the sentence's first person
        if found is None:
            # 'President Biden stood on the stage ... and said': the person the sentence starts with
            return self._opening_speaker(verb, lo)
        return found

    def _titled_here(self, i: int) -> bool:
        """The person at token i is named here with a title the persons rules read as their position, a title that
        takes in the preposition before the name ("Kyiv's ambassador to Türkiye X said": the parse may hang X under
        'to' and read the state as the subject; session 17); not a person owning another's office ('an aide to
        President Zelensky said': his title starts after 'to')."""
        ref = self.f.ref_at.get(i)
        if ref is None or ref.kind != "person":
            return False
        prep = next((k for k in range(ref.start - 1, max(-1, ref.start - 5), -1)
                     if self.d.lower[k] in ("to", "for", "of")), None)
        if prep is None:
            return False  # "defence minister X's ministry said": the office owner's body speaks (session 16)
        start = self.d.cstart(prep) + self.d.base
        end = self.d.token_span(ref.end - 1, ref.end).end
        return any(p.person == ref.id and p.evidence.end == end and p.evidence.start <= start
                   for p in self.f.positions.values())

    def _opening_speaker(self, verb: int, lo: int) -> tuple[str, int] | None:
        """The first person of the verb's sentence before it, not after a preposition."""
        start = self.d.sent_of(verb).start
        for i in range(max(lo, start), verb):
            ref = self.f.ref_at.get(i)
            if ref is not None and ref.kind == "person" and not self._after_preposition(
                    ref, ("to", "with", "by", "for", "from", "at"), according=False):
                return ref.id, i
        return None

    def _speaker_for(self, verb: int, lo: int, hi: int, last: str | None) -> tuple[str, int] | None:
        """The speaker of a speech verb; a person-only verb ('confirms') with another subject has none, nor do
        sources or media ('German government sources said')."""
        k = verb - 1
        while k > lo and self.d.lower[k] in ("has", "have", "had"):
            k -= 1
        if k >= lo and self.d.lower[k] in SOURCE_WORDS:
            return None
        found = self._speaker_of_verb(verb, lo, hi, last)
        if found is not None and found[0].startswith("person:") and self._aide_of(verb, found[1]) \
                and not self._titled_here(found[1]):
            # "Zelensky's spokesman said", 'An aide to President X said': an unnamed official of the person's state
            state = self._state_served(found[0])
            found = (state, found[1]) if state is not None else None
        if found is not None and self.d.lower[verb] in self.d.g.person_speech_verbs \
                and not found[0].startswith("person:"):
            return None
        return found

    def _state_served(self, person: str) -> str | None:
        """The state a person of the document serves: of the office the text gave them, else of the officials
        gazetteer's entry; None for an organisation's official or an unknown person."""
        info = self.f.persons.get(person)
        if info is None:
            return None
        known = known_official(self.d.g, info.name)
        offices = [of for _, of in info.titles] or ([known[2]] if known else [])
        return offices[-1] if offices and offices[-1].startswith("country:") else None

    def _aide_of(self, verb: int, at: int) -> bool:
        """Whether the person at token ``at`` only owns the verb's subject, an unnamed office ("Zelensky's
        spokesman", 'an aide to Zelensky', "X's deputy": ``OFFICE_NOUNS``, ``cues.csv`` kinds ``office-head``,
        ``deputy-of`` and ``aide``), by the parse: a possessive of the subject's head or the object of its
        preposition."""
        syntax, ref = self.d.syntax, self.f.ref_at.get(at)
        if syntax is None or ref is None or not syntax.parsed[verb]:
            return False
        return any(self._owns_office(head, ref) for head in syntax.kids(verb, "nsubj", "nsubjpass"))

    def _owns_office(self, head: int, ref: Ref) -> bool:
        """Whether the person ``ref`` is only the owner of the unnamed office at the subject's head ``head`` (see
        ``_aide_of``)."""
        syntax = self.d.syntax
        if syntax is None or ref.start <= head < ref.end or self.d.ent_types[head] not in ("", "TITLE") or not (
                self.d.lower[head] in OFFICE_NOUNS
                or self.d.g.cues.get(self.d.lower[head]) in ("office-head", "deputy-of", "aide")):
            return False
        held = self.f.ref_at.get(head)
        if held is not None and held.kind == "person":
            return False
        t = ref.end - 1
        # 'an adviser to Polish President Jane Roe': the preposition right after the head, only the title's words
        # between (the small parser may read the name as the head's apposition); not 'the head of Estonia's
        # military intelligence Jane Roe', where the name closes the phrase and holds the office, nor inside a title
        # ('chief of staff Jane Roe')
        after = head + 1 < ref.start and self.d.lower[head + 1] in ("to", "for", "of") \
            and not self.d.ent_types[head + 1] and all(
            self.d.ent_types[k] or self.d.lower[k] == "the" for k in range(head + 2, ref.start))
        return after or (syntax.dep[t] == "poss" and syntax.head[t] == head)

    def _speech_verb(self, start: int, end: int) -> int | None:
        syntax = self.d.syntax
        for i in range(start, end):
            if self.d.lower[i] in self.d.g.speech_verbs and not self.d.ent_types[i] and (
                    i == 0 or self.d.lower[i - 1] not in ("a", "an", "the", "its", "their", "our")):
                if syntax is not None and syntax.parsed[i] and syntax.pos[i] in ("NOUN", "PROPN"):
                    continue  # 'NATO member states', 'his remarks': the word is a noun here
                if negated(self.d.lower, i, syntax):
                    continue  # 'neither confirmed nor denied that ...': nothing is said
                if self.d.lower[i] in self.d.g.clause_speech_verbs and i + 1 < end \
                        and self.d.lower[i + 1] != "that" and self.d.words[i + 1] not in (".", ",", ";"):
                    continue  # 'promised more ammunition': a pledge; 'promised that ...', '..., as X promised.' speak
                if syntax is not None and syntax.parsed[i] and syntax.dep[i] in ("acl", "amod") \
                        and syntax.tag[i] == "VBN":
                    continue  # 'the mobilisation declared in Russia': a participle modifying a noun
                if self.d.g.cues.get(self.d.lower[i]) == "object-not-speech" and self._says_an_object(i, end) \
                        and not (syntax is not None and syntax.kids(i, "ccomp")):
                    continue  # "Washington's package added one more HIMARS launcher": an addition, nothing said
                return i
        return None

    def _quotes(self, para_start: int, para_end: int) -> list[tuple[int, int, bool]]:
        """(start, end) of quotation contents in a paragraph (char offsets), and whether it was closed."""
        text = self.d.clean
        found: list[tuple[int, int, bool]] = []
        i = para_start
        carried, self._carry = self._carry, False
        if carried:
            # a quotation left open in the paragraph before, closed here ('... our cities.\nThe next batch comes
            # in May," he added.'): a straight quote after punctuation and before a space closes it
            closer = re.search(r'[,.!?]"(?=\s|$)', text[para_start:para_end])
            first_opener = _OPENERS.search(text, para_start, para_end)
            if closer is not None and (first_opener is None
                                       or first_opener.start() >= para_start + closer.start() + 1):
                found.append((para_start, para_start + closer.start() + 1, True))
                i = para_start + closer.end()
        while i < para_end:
            opener = _OPENERS.search(text, i, para_end)
            if opener is None:
                break
            i = opener.start()
            ch = text[i]
            pair = next(p for p in QUOTE_PAIRS if p[0] == ch)
            if ch == '"' and i > para_start and text[i - 1].isalnum():
                i += 1
                continue
            close = text.find(pair[1], i + 1, para_end)
            if close == -1:
                self.f.warnings.append(
                    f"unclosed quotation at offset {i + self.d.base}: read to the end of the paragraph")
                found.append((i + 1, para_end, False))
                self._carry = True
                break
            if close > i + 1:
                found.append((i + 1, close, True))
            i = close + 1
        return found

    def _about(self, start_char: int, end_char: int, speaker: str) -> list[str]:
        lo = bisect.bisect_left(self.f.mention_index, (start_char, ""))
        hi = bisect.bisect_left(self.f.mention_index, (end_char, ""))
        return sorted({ident for _, ident in self.f.mention_index[lo:hi] if ident != speaker})

    def _add_claim(self, speaker: str, text_start: int, text_end: int, sent_start: int, sent_end: int,
                   quote: bool, rule: str) -> None:
        while text_start < text_end and self.d.clean[text_start] in " ,“”\"'":
            text_start += 1
        while text_end > text_start and self.d.clean[text_end - 1] in " ,.“”\"'":
            text_end -= 1
        if text_end - text_start < 3 or (not quote and self.d.clean[text_end - 1] == ":"
                                         and self._no_verb(text_start, text_end)):
            return  # 'reaffirmed these core objectives:' introduces what follows; it says nothing itself
        a, b = self.d.tok_index(sent_start), self.d.tok_index(sent_end)
        when, when_text = self.d.date_in(a, max(a + 1, b))
        ev_start, ev_end = min(sent_start, text_start), max(sent_end, text_end)
        speaker = seat_state(self.d.g.org(speaker)) or speaker  # 'the Kremlin said': Russia's (session 23)
        self.f.claims.append(ClaimFact(
            speaker=speaker, text=self.d.text[text_start:text_end], start=text_start + self.d.base,
            end=text_end + self.d.base, about=self._about(text_start, text_end, speaker), date=when,
            date_text=when_text, quote=quote, evidence=self.d.span(ev_start, ev_end), rule=rule,
        ))
        if speaker.startswith(("person:", "org:", "country:")):
            self.f.ensure_entity(speaker)

    def _no_verb(self, start: int, end: int) -> bool:
        """Text [start, end) (characters) in which the parse finds no verb of a clause ('these core objectives:',
        'two goals for the coming year:': a participle before a noun is an adjective)."""
        syntax = self.d.syntax
        if syntax is None:
            return False
        tokens = range(self.d.tok_index(start), min(len(self.d.words), self.d.tok_index(end - 1) + 1))
        return all(syntax.parsed[k] for k in tokens) and not any(
            syntax.pos[k] in ("VERB", "AUX") and syntax.dep[k] != "amod" for k in tokens)

    def transcript_turns(self) -> None:
        """Transcript turns: their arms-supply sentences are their speakers' claims (``turn_claims``)."""
        self._turns = transcript_turns(self.d, self.f, self._add_claim)

    def _colon_speaker(self, s: int, e: int) -> tuple[str, int] | None:
        """A sentence opening with a person or a body (a title or an affiliation allowed before it), then ':' and
        at least four tokens: (speaker, the colon's token). A state is no such speaker ('Ukraine: a new package'),
        nor a transcript label in capitals ('MR. SULLIVAN:', read as a turn)."""
        k = s
        while k < e and k not in self.f.ref_at and self.d.ent_types[k] in ("TITLE", "DEMONYM", "COUNTRY", "ORG"):
            k += 1
        ref = self.f.ref_at.get(k)
        if ref is None or ref.kind not in ("person", "org") or ref.end >= e or self.d.words[ref.end] != ":" \
                or self.d.words[ref.start].isupper() \
                or e - ref.end < 5 or self.d.clean[self.d.cstart(ref.end + 1)] in "“\"«":
            return None
        return ref.id, ref.end

    def _named_since(self, i: int, last: str) -> str:
        """For 'he'/'she' far from any name: the last speaker, unless another person was named after the last
        speaker's last mention ('... Lincoln said “...” ... But Putin met each proposal with lies ... Repeatedly,
        he asserted “...”' is Putin)."""
        for k in range(i - 1, max(-1, i - SINCE_REACH), -1):
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.kind == "person" and ref.start == k:
                return last if ref.id == last else ref.id
        return last

    def _label_speaker(self, colon: int) -> str | None:
        """The person a quotation's label names before its ':' (asides and markup between, ``quote_labels``), when
        the label opens its line or list item; '' for such a label naming nobody known, None for no label."""
        end = name_end(self.d.clean, self.d.cend(colon) - 1)  # the tokenizer may join '):'
        if end is None:
            return None
        last = bisect.bisect_right(self.d.off, end - 1) - 1
        ref = self.f.ref_at.get(last)
        if ref is not None and (ref.kind != "person" or self.d.cend(ref.end - 1) != end):
            return None
        start = ref.start if ref is not None else self._label_name_start(last)
        line = self.d.clean.rfind("\n", 0, end) + 1
        head = self.d.clean[line:self.d.cstart(start) if start is not None else end]
        if len(head) >= 80 or any(c in head for c in ":;!?\"“”"):
            return None
        if start is None:
            # a label with an aside that names no person ('The Rapid Response account (March 3):'): nobody
            aside = self.d.clean[end:self.d.cend(colon)]
            return "" if any(c in aside for c in "()[]*") else None
        if ref is not None:
            return ref.id
        # a name the gazetteers lack after a rank or a title ('Commander Admiral Brad Cooper'), or its surname
        # after one named so before ('Admiral Cooper')
        words = [self.d.words[k] for k in range(start, last + 1)]
        if len(words) == 1:
            return self._label_names.get(words[0], "")
        ident = Person.id_of(name=" ".join(words))
        self.f.add_entity(ident, start, last + 1, "person:quote-label", name=" ".join(words))
        self.f.add_ref(Ref(start, last + 1, ident, "person"))
        self._label_names.setdefault(words[-1], ident)
        return ident

    def _label_name_start(self, last: int) -> int | None:
        """The first of one to four capitalised words ending at ``last``, outside any entity, right after a rank
        ('Admiral') or a title; None when the words are not so introduced."""
        k = last
        while k >= 0 and last - k < 4 and self.d.words[k].isalpha() and self.d.words[k][:1].isupper() \
                and not self.d.ent_types[k] and self.d.lower[k] not in self._honorifics:
            k -= 1
        if k == last or k < 0 or not (self.d.lower[k] in self._honorifics or self.d.ent_types[k] == "TITLE"):
            return None
        return k + 1

    def _next_speakers_clause(self, k: int, e: int) -> tuple[int, int] | None:
        """(comma, speech verb) of ', and <subject> <speech verb>' after a claim opening at token k: another
        speaker's clause, which ends the claim ('X wrote that ... would send more, and U.S. defense officials said
        ...'; session 15); None when the sentence has none."""
        for m in range(k + 1, e - 3):
            if self.d.words[m] != ",":
                continue
            n = m + 1
            while n < e and self.d.words[n] in CLOSING_QUOTES:
                n += 1
            if n + 2 < e and self.d.lower[n] in ("and", "while", "but"):
                verb = self._speech_verb(n + 2, min(e, n + 8))
                if verb is not None and any(q in self.f.ref_at for q in range(n + 1, verb)):
                    return m, verb
        return None

    def _clause_end(self, comma: int) -> int:
        """The character end of a clause before ``comma``, with a quotation it closes ('... systems,"')."""
        n = comma + 1
        while n < len(self.d.words) and self.d.words[n] in CLOSING_QUOTES:
            n += 1
        return self.d.cend(n - 1) if n > comma + 1 else self.d.cstart(comma)

    def _speaker_before(self, i: int, person: bool = True) -> str | None:
        """'X said ... with his Czech counterpart Y. ..., he said': the one person who spoke in the sentence before,
        when the pronoun's own sentence names no person before it (session 15); the last person named is only a
        companion of that speech. ``person`` False: the one state or organisation that spoke there ('..., the
        French ministry said. The guns will come from army stocks, it said')."""
        sent = self.d.sent_of(i)
        if sent.start == 0 or any(ref.kind == "person" for k in range(sent.start, i)
                                  if (ref := self.f.ref_at.get(k)) is not None):
            return None
        before = self.d.sent_of(sent.start - 1)
        a, b = self.d.base + self.d.cstart(before.start), self.d.base + self.d.cend(before.end - 1)
        spoke = {c.speaker for c in self.f.claims if a <= c.start < b}
        if len(spoke) != 1 or next(iter(spoke)).startswith("person:") != person:
            return None
        return spoke.pop()

    def _previous_subject(self, i: int) -> str | None:
        """For a pronoun opening its sentence: the person named first in the sentence before, when the name opens
        that sentence (only a title, an affiliation or an article before it) and no person is named in between."""
        sent = self.d.sent_of(i)
        if sent.start != i or i == 0:
            return None
        before = self.d.sent_of(i - 1)
        first = next((k for k in range(before.start, before.end) if k in self.f.ref_at and (
            self.f.ref_at[k].kind == "person" or self.f.office_holder(self.f.ref_at[k]))), None)
        if first is None or not all(self.d.ent_types[k] in ("TITLE", "DEMONYM", "COUNTRY", "ORG")
                                    or self.d.lower[k] in ("the", "’s", "'s", *SENTENCE_OPENERS, *WEEKDAYS)
                                    for k in range(before.start, first)):
            return None
        ref = self.f.ref_at[first]
        return ref.id if ref.kind == "person" else self.f.office_holder(ref)

    def _opening_person(self, start: int, end: int) -> str | None:
        """The one person named in tokens [start, end) when the name opens them (only a title, an affiliation or
        an article before it) and a verb follows it."""
        people = [k for k in range(start, end) if k in self.f.ref_at and self.f.ref_at[k].kind == "person"]
        if not people or len({self.f.ref_at[k].id for k in people}) != 1:
            return None
        first = people[0]
        opening = all(self.d.ent_types[k] in ("TITLE", "DEMONYM", "COUNTRY", "ORG") or self.d.lower[k] in (
            "the", "’s", "'s") for k in range(start, first))
        syntax = self.d.syntax
        verb = any(syntax.pos[k] == "VERB" for k in range(self.f.ref_at[people[-1]].end, end)) \
            if syntax is not None and syntax.parsed[first] else end - people[-1] <= 4
        return self.f.ref_at[first].id if opening and verb else None

    def _subject_of_sentence_before(self, qa: int, para_start: int) -> str | None:
        """A quotation opening a sentence without attribution, right after a sentence of the same paragraph whose
        subject is one named person ('Stoltenberg called on allies to ... "I call on allies to do more."')."""
        sent = self.d.sent_of(qa)
        if any(self.d.words[k] not in ("“", '"', "«") for k in range(sent.start, qa)) or sent.start == 0:
            return None
        before = self.d.sent_of(sent.start - 1)
        if self.d.cstart(before.start) < para_start:
            return None
        people = {self.f.ref_at[k].id for k in range(before.start, before.end)
                  if k in self.f.ref_at and self.f.ref_at[k].kind == "person"}
        if len(people) != 1:
            return None
        # the person opens the sentence: only a title, an affiliation or an article before the name
        first = next(k for k in range(before.start, before.end)
                     if k in self.f.ref_at and self.f.ref_at[k].kind == "person")
        opening = all(self.d.ent_types[k] in ("TITLE", "DEMONYM", "COUNTRY", "ORG") or self.d.lower[k] in (
            "the", "’s", "'s") for k in range(before.start, first)) or self._opens_as_subject(before.start, first)
        return people.pop() if opening else None

    def _opens_as_subject(self, start: int, first: int) -> bool:
        """The parse reads the name at token ``first`` as the head of its sentence's subject and every word before
        it as part of that subject ('European Parliament speaker Jane Roe told ...': an office the titles lack)."""
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[first]:
            return False
        ref = self.f.ref_at[first]
        head = next((k for k in range(ref.start, ref.end) if syntax.dep[k] in ("nsubj", "nsubjpass")), None)
        return head is not None and set(range(start, first)) <= set(syntax.subtree(head))

    def _speaking_names(self) -> None:
        """Names the gazetteers lack that the parse shows as a speech verb's subject ('Roger Wicker, a Republican,
        said ...') become persons before any rule reads a speaker, and a later bare surname of one is that person
        ('"...," Wicker told reporters')."""
        syntax = self.d.syntax
        if syntax is None:
            return
        new: dict[str, tuple[str, int]] = {}
        office_verbs: set[int] = set()
        for verb, word in enumerate(self.d.lower):
            if word in self.d.g.speech_verbs and not self.d.ent_types[verb]:
                named = self._office_noun_name(verb)
                if named is not None:
                    new.setdefault(*named)
                    office_verbs.add(verb)
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            if e - s > 400:
                continue
            cands = speech(self.d.lower, syntax, self.d.g.speech_verbs, (s, e)) + noun_speech(
                self.d.lower, syntax, (s, e))
            self._speech[s] = cands
            for cand in cands:
                a, b = cand.subject
                if cand.verb in office_verbs:
                    continue  # 'Acme (maker of X) chief executive Jane Roe said': she speaks, not the subject's head
                if any(k in self.f.ref_at and self.f.ref_at[k].kind in ("person", "first-person", "pronoun")
                       for k in range(a, b)) or self._country_body(a, b) is not None \
                        or self._closing_person(cand.head) is not None:
                    continue
                ident = self._name_speaker(a, cand.head + 1) or self._closing_name(cand.head)
                if ident is not None:
                    new.setdefault(ident, (self.d.words[cand.head], cand.head + 1))
        for ident, (surname, after) in new.items():
            for k in range(after, len(self.d.words)):
                if self.d.words[k] == surname and k not in self.f.ref_at and not self.d.ent_types[k]:
                    self.f.add_entity(ident, k, k + 1, "person:surname")
                    self.f.add_ref(Ref(k, k + 1, ident, "person"))

    def _words_of(self, colon: int) -> str | None:
        """The person whose words a sentence ending in ':' names: 'the words of Pope Jane Roe ...:', 'that phrase of
        philosopher Roe:' (a saying noun, 'of', then a known person, or at least one person noun of
        ``persons.PERSON_NOUNS`` and one to three capitalised words); the person is added to the entities. Without a
        person noun, capitalised words after 'the message of' are a place or a body ('the message of Ramstein')."""
        for k in range(self.d.sent_of(colon).start, colon - 2):
            if self.d.lower[k] not in SAYING_NOUNS or self.d.lower[k + 1] != "of":
                continue
            m = k + 2
            nouns = 0
            while m < colon and self.d.lower[m] in ("the", *PERSON_NOUNS):
                nouns += self.d.lower[m] != "the"
                m += 1
            ref = self.f.ref_at.get(m)
            if ref is not None:
                return ref.id if ref.kind == "person" and ref.start == m else None
            if not nouns:
                return None
            end = m
            while end < colon and end - m < 3 and self.d.words[end].istitle() and self.d.words[end].isalpha() \
                    and not self.d.ent_types[end] and end not in self.f.ref_at:
                end += 1
            if end == m or (end < colon and self.d.words[end][:1].isupper()) or self.d.lower[end - 1] in BODY_WORDS:
                return None
            name = " ".join(self.d.words[m:end])
            ident = Person.id_of(name=name)
            self.f.add_entity(ident, m, end, "person:words-of", name=name)
            self.f.add_ref(Ref(m, end, ident, "person"))
            return ident
        return None

    def _office_noun_name(self, verb: int) -> tuple[str, tuple[str, int]] | None:
        """'chief executive Jane Roe said', 'company spokesman John Doe told': two or three capitalised proper nouns
        outside any entity right before a speech verb, after a lower-case office noun (``OFFICE_NOUNS`` or
        ``data/office_words.csv`` kind ``company-office``) that says they name a person; the person is added to the
        entities."""
        syntax = self.d.syntax
        if syntax is None:
            return None
        k = verb
        while k > 0 and verb - k < 3 and syntax.pos[k - 1] == "PROPN" and self.d.words[k - 1].istitle() \
                and self.d.words[k - 1].isalpha() and not self.d.ent_types[k - 1] and k - 1 not in self.f.ref_at:
            k -= 1
        if not 2 <= verb - k <= 3 or k == 0 or self.d.lower[k - 1] not in NAME_OFFICES \
                or not self.d.words[k - 1].islower():
            return None
        name = " ".join(self.d.words[k:verb])
        ident = Person.id_of(name=name)
        self.f.add_entity(ident, k, verb, "person:office-noun-name", name=name)
        self.f.add_ref(Ref(k, verb, ident, "person"))
        return ident, (self.d.words[verb - 1], verb)

    def claims_in(self) -> None:
        self._speaking_names()
        self.transcript_turns()
        last_speaker: str | None = None
        para_quotes = [(p, self._quotes(*p)) for p in paragraphs(self.d.clean)]
        quotes = sorted(q for _, qs in para_quotes for q in qs)
        quote_starts = [q[0] for q in quotes]
        # reported speech first: 'X said (that) ...', '..., X said', 'according to X'
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            if e - s > 400:
                continue
            lowers = [t.lower_ for t in sent]
            for k in range(len(lowers) - 1):
                if lowers[k] == "according" and lowers[k + 1] == "to":
                    # the source follows 'according to' directly ('according to the Russian Defense Ministry')
                    found = self._speaker_near(s + k + 2, min(e, s + k + 4), last_speaker)
                    if found is None and s + k + 2 < e and self.d.lower[s + k + 2] in ("him", "her"):
                        # 'According to him, ...': the person named or speaking just before
                        person = self.f.last_person_before(s + k + 2) or (
                            last_speaker if last_speaker is not None and last_speaker.startswith("person:") else None)
                        found = (person, s + k + 2) if person else None
                    if found is not None and not found[0].startswith("person:"):
                        # 'according to Pentagon spokesman Pat Ryder', 'according to Poland's Prime Minister X':
                        # a person closing the same noun phrase
                        stop = next((m for m in range(s + k + 2, min(e, s + k + 9)) if self.d.words[m] in (",", ".")),
                                    min(e, s + k + 9))
                        at = next((m for m in range(s + k + 2, stop)
                                   if m in self.f.ref_at and self.f.ref_at[m].kind == "person"), None)
                        found = (self.f.ref_at[at].id, at) if at is not None else found
                    if found is None and self.d.syntax is not None and self.d.syntax.parsed[s + k + 1]:
                        # 'According to the German Minister of Defence Boris Pistorius, ...': the whole noun phrase
                        for obj in self.d.syntax.kids(s + k + 1, "pobj"):
                            tokens = [i for i in self.d.syntax.subtree(obj) if i < e]
                            speaker = self._np_speaker(min(tokens), max(tokens) + 1, obj)
                            if speaker is not None:
                                found = (speaker, obj)
                    stop = next((m for m in range(s + k + 2, e) if self.d.words[m] in (",", ".", ";")), e)
                    if found and any(self.d.lower[m] in NORM_NOUNS for m in range(s + k + 2, min(stop, s + k + 12))):
                        found = None  # 'according to EU and NATO principles and standards': a rule, no speaker
                    if found and any(self.d.lower[m] in SOURCE_WORDS for m in range(s + k + 2, min(stop, s + k + 8))):
                        found = None  # 'according to Greek government sources': sources are no speaker (the guide)
                    if found:
                        sc, ec = self.d.chars(s, e)
                        if k > 2:
                            text_end = self.d.cstart(s + k)
                            self._add_claim(found[0], sc, text_end, sc, ec, False, "claim:according-to")
                        else:
                            # what was said follows the source: after its comma, else after the name read
                            ref = self.f.ref_at.get(found[1])
                            comma = next((m for m in range(s + k + 2, e) if self.d.words[m] == ","), None)
                            start = comma + 1 if comma is not None else (ref.end if ref is not None else found[1] + 1)
                            if start < e:
                                self._add_claim(found[0], self.d.cstart(start), ec, sc, ec, False,
                                                "claim:according-to")
                        last_speaker = found[0]
            headline = self._colon_speaker(s, e)
            if headline is not None:
                # 'Kuleba: Ukraine needs more Patriot systems', 'Pentagon: more HIMARS are on the way'
                speaker, colon = headline
                sc, ec = self.d.chars(s, e)
                self._add_claim(speaker, self.d.cend(colon), ec, sc, ec, False, "claim:colon-headline")
                last_speaker = speaker
                continue
            verb = self._speech_verb(s, e)
            found = None
            while verb is not None:
                found = self._speaker_for(verb, s, e, last_speaker)
                if found is not None or self.d.lower[verb] not in self.d.g.person_speech_verbs:
                    break
                verb = self._speech_verb(verb + 1, e)  # 'the Pentagon confirmed ..., a spokesman said'
            if verb is None or not found:
                continue
            speaker, at = found
            if self.d.lower[s] in ("this", "that", "these") and verb - s <= 3 and s > 0:
                # 'This said Foreign Minister X.' / 'This was said by ...': what was said is the sentence before
                before = self.d.sent_of(s - 1)
                bs, be = self.d.chars(before.start, before.end)
                self._add_claim(speaker, bs, be, bs, self.d.chars(s, e)[1], False, "claim:said-before")
                last_speaker = speaker
                continue
            ref_start = self.f.ref_at[at].start if at in self.f.ref_at else at
            # include the speaker's title and modifiers: ', Chancellor Olaf Scholz said'
            while ref_start > s and (self.d.ent_types[ref_start - 1] in TITLE_OR_ACTOR
                                     or self.d.lower[ref_start - 1] in MINISTRY_MODIFIERS
                                     or (self.d.lower[ref_start - 1] in BODY_WORDS
                                         and self.d.words[ref_start - 1][:1].isupper())
                                     or self.d.lower[ref_start - 1] in ("the", "’s", "'s", "its", *TITLE_MODIFIERS,
                                                                        *GOVERNMENT_WORDS, *OWNER_NOUNS)
                                     or self.d.lower[ref_start - 1] in ("a", "an", "for", "of")
                                     # "Kyiv's ambassador to Türkiye X said": a title's 'to' (session 17)
                                     or (self.d.lower[ref_start - 1] == "to" and ref_start - 2 >= s
                                         and self.d.ent_types[ref_start - 2] == "TITLE")):
                ref_start -= 1
            if at > verb:
                # inverted attribution: '..., said the Swedish Defence Minister'
                ref_start = verb
            sc, ec = self.d.chars(s, e)
            # the last quotation opening at or before the sentence start (quotations do not nest)
            k = bisect.bisect_right(quote_starts, sc + 1) - 1
            if k >= 0 and quotes[k][1] >= self.d.cstart(min(ref_start, verb, self._attribution_start(verb, s))) - 3:
                last_speaker = speaker  # the attribution of a quotation: the quotation is the claim
                continue
            before_ref = self.d.words[ref_start - 1] if ref_start > s else ""
            ref_end = self.f.ref_at[at].end if at in self.f.ref_at else at + 1
            # 'C, Jane Roe, the Swedish defence minister, said': an apposition between the speaker and the verb
            appositive = ref_end < verb - 2 and self.d.words[ref_end] == "," and self.d.words[verb - 1] == "," \
                and verb - ref_end <= 9 and "," not in self.d.words[ref_end + 1: verb - 1]
            adjacent = (ref_end <= verb + 1 and verb - ref_end <= 2) or at > verb or appositive or (
                # "Lisbon's defence ministry said": the state owns the body that speaks
                ref_end < verb and all(w in ("’s", "'s", *MINISTRY_MODIFIERS, *GOVERNMENT_WORDS)
                                       for w in self.d.lower[ref_end:verb]))
            quoted_comma = before_ref in ("”", '"') and self.d.words[ref_start - 2] == ","
            said_that = (verb + 1 < e and self.d.lower[verb + 1] == "that") or (
                # 'In a statement, the Kremlin said Western weapons ...': what was said follows the verb
                self.d.syntax is not None and self.d.syntax.parsed[verb]
                and any(k > verb for k in self.d.syntax.kids(verb, "ccomp")))
            if said_that and verb + 1 < e and self.d.lower[verb + 1] != "that" and (
                    # '..., said defence minister X, total 14 ... will come': an inverted attribution closes what
                    # precedes it; '..., the ministry said, making good on ...': a participle after it is no clause
                    (at > verb and before_ref == "," and verb - s > 3
                     and not (ref_end < e and self.d.lower[ref_end] == "that"))
                    or (self.d.words[verb + 1] == "," and verb + 2 < e and self.d.lower[verb + 2].endswith("ing"))):
                said_that = False
            passive = verb > s and self.d.lower[verb - 1] in ("was", "were", "been", "is", "are") \
                and verb + 1 < e and self.d.lower[verb + 1] == "by"
            as_said = before_ref == "as" and ref_start - s > 4 and self.d.words[ref_start - 2] == ","
            if passive:
                pass  # 'The deal was confirmed by minister X.': what was said is not given (not 'This was said by')
            elif adjacent and as_said and not said_that:
                # '..., as President X has promised': X said the clause before, after its own 'that' if it has one
                self._add_claim(speaker, self.d.cstart(self._content_start(s, ref_start - 2)),
                                self.d.cstart(ref_start - 2), sc, ec, False, "claim:as-said")
            elif adjacent and ref_start - s > 3 and (before_ref == "," or quoted_comma) and not said_that \
                    and not (at < verb and self._says_an_object(verb, e)):
                # trailing attribution: the claim is what precedes ', Antonov said'
                self._add_claim(speaker, sc, self.d.cstart(ref_start - 1), sc, ec, False, "claim:said-trailing")
            else:
                k = verb + 1
                limit = min(e, verb + 10)
                j = k
                while j < limit and self.d.lower[j] != "that":
                    j += 1
                k = j + 1 if j < limit else k
                if j >= limit and self.d.lower[verb] in ("told", "tells", "tell"):
                    # 'told President Putin directly, we will ...': the claim follows the addressee
                    comma = next((m for m in range(verb + 1, min(e, verb + 7)) if self.d.words[m] == ","), None)
                    if comma is not None:
                        k = comma + 1
                if k < e and self.d.lower[k] in ADDRESSEES and j >= limit:
                    k += 1  # 'told me the Patriot batteries had arrived': the addressee is not what was said
                if j >= limit and k + 1 < e and self.d.lower[k] == "on" and self.d.lower[k + 1] in WEEKDAYS:
                    k += 2  # 'said on Friday it had received ...': the date is when, not what
                elif j >= limit and k < e and self.d.lower[k] in ("today", "yesterday", "tonight", *WEEKDAYS):
                    k += 1
                if k < e and self.d.words[k] == ":":
                    k += 1
                if k >= e or self.d.clean[self.d.cstart(k)] in "“\"«":
                    last_speaker = speaker  # 'He added “...”': the quotation is the claim
                    continue
                # 'confirms X sent Y, says more coming': a second speech verb without a subject of its own
                # ends the first claim and starts another one of the same speaker
                second = next((m for m in range(k + 1, e - 1) if self.d.lower[m] in self.d.g.speech_verbs
                               and self.d.words[m - 1] in (",", "and") and not self.d.ent_types[m]), None)
                if second is not None:
                    self._add_claim(speaker, self.d.cstart(k), self.d.cstart(second - 1), sc, ec, False,
                                    "claim:said-that")
                    nxt = second + 2 if self.d.lower[second + 1] == "that" else second + 1
                    if nxt < e:
                        self._add_claim(speaker, self.d.cstart(nxt), ec, sc, ec, False, "claim:said-that")
                else:
                    nxt_clause = self._next_speakers_clause(k, e)
                    self._add_claim(speaker, self.d.cstart(k), self._clause_end(nxt_clause[0]) if nxt_clause else ec,
                                    sc, ec, False, "claim:said-that")
                    other = self._speaker_for(nxt_clause[1], nxt_clause[0] + 2, e, speaker) if nxt_clause else None
                    if nxt_clause and other is not None and other[0] != speaker:
                        said = nxt_clause[1] + (2 if self.d.lower[nxt_clause[1] + 1] == "that" else 1)
                        if said < e - 3:
                            self._add_claim(other[0], self.d.cstart(said), ec, sc, ec, False, "claim:said-that")
            last_speaker = speaker
        # quotations: attribution after the closing or before the opening quote; else the previous speaker
        prev_quote_speaker: str | None = None
        # a quotation inside a reported-speech claim of the same speaker is part of that claim
        reported = sorted((c.start - self.d.base, c.end - self.d.base, c.speaker) for c in self.f.claims)
        reported_starts = [r[0] for r in reported]
        prev_para = -2
        for n_para, (_para, para_qs) in enumerate(para_quotes):
            prev_end = 0
            if para_qs and n_para > prev_para + 1:
                prev_quote_speaker = None  # a quotation continues from the paragraph before at most
            if para_qs:
                prev_para = n_para
            for q_start, q_end, _closed in para_qs:
                qa, qb = self.d.tok_index(q_start), self.d.tok_index(q_end)
                if qb - qa < 3:
                    continue
                sent_after = self.d.sent_of(min(qb, len(self.d.doc) - 1))
                after = self._speech_verb(qb, min(sent_after.end, qb + 8))
                first_after = next((m for m in range(qb, min(sent_after.end, qb + 4))
                                    if self.d.words[m] not in CLOSING_QUOTES and self.d.words[m] != ","), None)
                if after is not None and first_after is not None and first_after < after \
                        and self.d.lower[first_after] in ("and", "but", "while"):
                    after = None  # '... would "...," and U.S. officials said ...': a new clause's speaker (session 15)
                found = None
                rule = "claim:quote-attributed"
                if after is not None:
                    found = self._speaker_for(after, qb, sent_after.end, prev_quote_speaker)
                unnamed = False
                if found is None:
                    lo = max(self.d.sent_of(qa).start, qa - 14, self.d.tok_index(prev_end))
                    verb_before = self._speech_verb(lo, qa)
                    if verb_before is not None:
                        found = self._speaker_for(verb_before, lo, qa, prev_quote_speaker or last_speaker)
                        # 'One little girl said, “...”': said by someone the text does not name
                        unnamed = found is None and qa - verb_before <= 3
                if found is None:
                    named_after = self._person_after_quote(qb, sent_after.end)
                    if named_after is not None:
                        # '"The first three arrived today," Defence Minister X announced on television'
                        found, rule = (named_after, -1), "claim:quote-before-name"
                prev_end = q_end + 1
                colon = qa - 1
                while colon > 0 and self.d.words[colon] in ("“", '"', "«"):
                    colon -= 1
                named = self.f.ref_at.get(colon - 1)
                if found is None and self.d.words[colon] == ":" and named is not None and named.kind == "person":
                    # 'Under Secretary of Defense Colin Kahl: "In recent packages ..."'
                    found, rule = (named.id, colon - 1), "claim:quote-colon"
                if found is None and self.d.words[colon] == ":":
                    # 'the words of Pope Jane Roe ring true today: "..."': whose words the quotation gives
                    said_by = self._words_of(colon)
                    if said_by is not None:
                        found, rule = (said_by, colon), "claim:quote-words-of"
                if found is None and self.d.words[colon].endswith(":"):
                    # 'Secretary Rubio (March 3): "..."', '[**Secretary Rubio**](link) **(March 3):** "..."'
                    labelled = self._label_speaker(colon)
                    if labelled == "":
                        continue  # a label naming someone unknown: nobody, never the speaker before
                    found, rule = ((labelled, colon), "claim:quote-colon") if labelled else (None, rule)
                if found is None and colon >= 0 and self.d.words[colon] not in (":", ",", "."):
                    # 'Norwegian Defence Minister Bjorn Arild Gram "Today we are ..."': the name opens the quotation
                    right_before = self.f.ref_at.get(colon)
                    if right_before is not None and right_before.kind == "person" and right_before.end == colon + 1:
                        found, rule = (right_before.id, colon), "claim:quote-after-name"
                if unnamed and found is None:
                    prev_quote_speaker = None
                    continue
                if found is None and prev_quote_speaker:
                    found, rule = (prev_quote_speaker, -1), "claim:quote-continued"
                if found is None:
                    speaker_before = self._subject_of_sentence_before(qa, _para[0])
                    if speaker_before is not None:
                        found, rule = (speaker_before, -1), "claim:quote-following"
                if found is None:
                    # 'Foreign Minister Jane Roe condemned "empty promises"': the person who opens the sentence
                    opener = self._opening_person(self.d.sent_of(qa).start, qa)
                    if opener is not None:
                        found, rule = (opener, -1), "claim:quote-in-sentence"
                if found is None:
                    continue
                speaker = found[0]
                near = reported[max(0, bisect.bisect_right(reported_starts, q_start + 2) - 3) :
                                bisect.bisect_right(reported_starts, q_start + 2)]
                if any(cs - 2 <= q_start and q_end <= ce + 2 and sp == speaker for cs, ce, sp in near):
                    prev_quote_speaker = speaker
                    continue
                sent = self.d.sent_of(qa)
                end_sent = self.d.sent_of(max(qa, min(qb, len(self.d.doc) - 1)))
                self._add_claim(speaker, q_start, q_end, self.d.cstart(sent.start), self.d.cend(end_sent.end - 1),
                                True, rule)
                prev_quote_speaker = speaker
        self.syntax_claims_in()
        self._group_claims()
        self._state_pair_claims()
        # a turn's sentence holding a claim of the same speaker ('as I told President X, we will ...') is that claim
        inner = [(c.speaker, c.start, c.end) for c in self.f.claims if c.rule != TURN_RULE]
        self.f.claims = [c for c in self.f.claims if c.rule != TURN_RULE or not any(
            sp == c.speaker and c.start <= a and b <= c.end for sp, a, b in inner)]
        self.f.claims = [c for c in self.f.claims if not self._turn_reports_assurance(c)]
        self.f.claims = outer_speakers(without_nested(own_speech_in_turns(self.d, self.f.claims, self._turns)))
        self.f.claims.sort(key=lambda c: c.start)

    def syntax_claims_in(self) -> None:
        """Reported speech the parse reads (``syntax_claims.py``): the subject of a speech verb says its clausal
        complement. In a sentence the parse reads, it replaces the surface rules' reported-speech claim of the same
        speaker (the parse knows where the clause said ends); quotations stay the quotation rules'."""
        if self.d.syntax is None:
            return
        # a transcript turn is its speaker's speech, not a quotation: reported speech inside it is read as anywhere
        quote_spans = sorted((c.start - self.d.base, c.end - self.d.base) for c in self.f.claims
                             if c.quote and c.rule != TURN_RULE)
        quote_starts = [q[0] for q in quote_spans]
        # the claims so far by the sentence they start in: one look-up per sentence, not a scan of all claims
        by_sentence: dict[int, list[ClaimFact]] = {}
        for c in self.f.claims:
            by_sentence.setdefault(self.d.sent_of(self.d.tok_index(c.start - self.d.base)).start, []).append(c)
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            if e - s > 400:
                continue
            for cand in self._speech.get(s, ()):
                a, b = cand.subject
                if self.d.lower[cand.content[1] - 1] in ("and", "but", "or"):
                    continue  # a clause said that ends in a conjunction: the parse misread the sentence
                if any(self.d.lower[k] in ("i", "we") for k in range(a, b)) and b - a == 1:
                    if self.d.lower[a] != "i" or not self.d.author:
                        continue
                    speaker: str | None = self.d.author
                else:
                    # '..., it said': the body that spoke in the sentence before (session 15); 'released video it
                    # said showed ...': the subject of the clause the relative 'it said' hangs on (session 28)
                    speaker = (self._speaker_before(a, person=False) or self._relative_it_speaker(cand.verb)
                               if b - a == 1 and self.d.lower[a] == "it"
                               else None) or self._np_speaker(a, b, cand.head) or (
                        # '..., the agency added': the body that spoke in the sentence before (session 18)
                        self._speaker_before(a, person=False) if b - a == 2 and self.d.lower[a] == "the"
                        and self.d.lower[a + 1] in BODY_WORDS else None)
                if speaker is None:
                    continue
                if (cand.noun or self.d.lower[cand.verb] in self.d.g.person_speech_verbs) \
                        and not speaker.startswith("person:"):
                    continue
                sc, ec = self.d.chars(s, e)
                ts, te = self.d.chars(*cand.content)
                # the surface rules' claim of the same speaker in this sentence, if any, gives way
                here = by_sentence.get(s, [])
                same = [c for c in here if not c.quote and sc <= c.start - self.d.base < ec and (
                    (c.start - self.d.base < te and ts < c.end - self.d.base) or c.rule != "claim:said-trailing") and (
                    c.speaker == speaker or (
                        # 'John Kirby, the NSC spokesman, said ...': the person the parse reads, not the body
                        speaker.startswith("person:") and not c.speaker.startswith("person:")
                        and abs(c.start - self.d.base - ts) <= 3) or (
                        # 'Seoul summoned the Russian ambassador and said it ...': the surface rules took the state
                        # named nearest the verb; the parse reads the subject (session 18)
                        c.rule == "claim:said-that" and not speaker.startswith("person:")
                        and not c.speaker.startswith("person:") and c.start - self.d.base == ts))]
                exact = [c for c in same if c.start - self.d.base == ts and c.end - self.d.base >= te - 1
                         and c.speaker == speaker]
                if exact and any(te <= self.d.cstart(o.verb) < c.end - self.d.base and o.subject == cand.subject
                                 for o in self._speech.get(s, ()) for c in exact):
                    # 'acknowledged that A, but insisted B': the surface reading ran over the same subject's second
                    # speech verb; the parse's clause, cut before it, replaces it (session 18), when it is added
                    # below (they are in ``same``), so a clause the checks below refuse leaves the surface reading
                    exact = []
                if exact:
                    # the surface rules read this clause too (their claim stays); another reading of theirs in the
                    # sentence that is a speech verb's noun object ('He stressed the need for ..., saying that ...')
                    # gives way, the rest stay ('confirms X sent Y, says more coming')
                    for c in same:
                        if c not in exact and self._object_not_clause(c) and not self._said_before(c, cand, speaker):
                            self.f.claims.remove(c)
                            here.remove(c)
                    continue
                if not speaker.startswith("person:") and any(
                        c.speaker.startswith("person:") and c.start - self.d.base == ts and c.end - self.d.base == te
                        for c in here):
                    # 'Spokesman of the Ukrainian Navy Jane Roe said C': the surface rules read the person who says
                    # this very clause; the parse's subject head is the office (whose body's state is no second speaker)
                    continue
                # a quotation the clause overlaps stays the quotation rules' (quotes may open a sentence before)
                k = bisect.bisect_right(quote_starts, te)
                if any(quote_spans[m][1] > ts for m in range(max(0, k - 3), k)):
                    continue
                for c in same:
                    self.f.claims.remove(c)
                    here.remove(c)
                    said_before = self._said_before(c, cand, speaker)
                    if said_before:
                        # 'reiterated that A, and he stressed that B': A is said too, up to the second verb's 'and'
                        self._add_claim(c.speaker, c.start - self.d.base, said_before, sc, ec, False, c.rule)
                self._add_claim(speaker, ts, te, sc, ec, False, NOUN_RULE if cand.noun else "claim:syntax-said")

    def _relative_it_speaker(self, verb: int) -> str | None:
        """'Russia's defence ministry released video it said showed ...', '... published a video of what it said
        were ...': a speech verb whose subject 'it' opens a relative clause (``RELATIVE_SPEECH``) on a noun of its
        own sentence says what the subject of the clause that noun belongs to says, when that subject is a state
        or an organisation (a person is never 'it'; session 28). A clause that is itself what a speech verb says is
        climbed past to that verb, whose subject speaks ('Russia's defence ministry said Ukraine fired a missile it
        said was ...': Russia's; review mends). None when a person or nothing is found there."""
        p = self.d.syntax
        if p is None or p.dep[verb] not in RELATIVE_SPEECH:
            return None
        node, sent = verb, self.d.sent_of(verb)
        for _ in range(RELATIVE_REACH):
            if p.head[node] == node:
                return None
            node = p.head[node]
            if p.dep[node] == "ccomp" and p.head[node] != node and self.d.lower[p.head[node]] in self.d.g.speech_verbs:
                # '... said Ukraine fired a missile it said was ...': the clause is what a speech verb says; its
                # subject is no speaker, the speech verb's is (review mends, session 28)
                continue
            subj = [k for k in p.kids(node, "nsubj") if k < verb and self.d.lower[k] != "it"]
            if subj:
                head = subj[0]
                tokens = set(p.subtree(head))
                for k in p.kids(head, "prep", "relcl", "acl"):
                    tokens -= set(p.subtree(k))
                if min(tokens) < sent.start:
                    return None
                speaker = self._np_speaker(min(tokens), max(tokens) + 1, head)
                return speaker if speaker is not None and not speaker.startswith("person:") else None
        return None

    def _said_before(self, c: ClaimFact, cand: SpeechCandidate, speaker: str) -> int | None:
        """A surface 'said that' claim of a first speech verb when the parse's verb is a second finite speech verb
        of the same speaker coordinated after it by 'and' ('underscored the United States' commitment to ..., and
        he shared that ...', 'reiterated X and said that ...', 'reiterated that A, and he stressed that B'): what
        the first verb says is said too, up to that 'and' (session 25). The character where it ends, else None; a
        gerund ('stressed the need for ..., saying that ...') restates the first verb and gives None, and so does
        a claim of another speaker than the parse's (``speaker``)."""
        syntax = self.d.syntax
        if c.speaker != speaker or c.rule != "claim:said-that" or syntax is None or not syntax.parsed[cand.verb] \
                or syntax.tag[cand.verb] not in FINITE_TAGS:
            return None
        first = self.d.tok_index(c.start - self.d.base)
        a, b = cand.subject
        if first < a and b <= cand.verb <= b + 1 and self.d.lower[a - 1] == "and":
            joint = a - 1  # ', and he shared that ...': a subject of its own after 'and'
        elif b <= first and self.d.lower[cand.verb - 1] == "and":
            joint = cand.verb - 1  # '... and said that ...': the first verb's subject
        else:
            return None
        if joint - first < MIN_SAID_BEFORE or c.end - self.d.base < self.d.cstart(joint) - 2:
            return None
        return self.d.cstart(joint)

    def _turn_reports_assurance(self, c: ClaimFact) -> bool:
        """A turn's sentence that only reports another person's assurance ('He gave me a flat assurance that they
        will not use F-16s ...'): the assurance is that person's claim, and what the turn's speaker says around it
        names no arms, so the sentence is not the speaker's talk of supply ('gave' there gives no arms)."""
        if c.rule != TURN_RULE:
            return False
        for o in self.f.claims:
            if o.rule == NOUN_RULE and o.speaker != c.speaker and c.start <= o.start < c.end:
                a, b = self.d.tok_index(c.start - self.d.base), self.d.tok_index(o.start - self.d.base)
                return not any(arms_word(self.d, i, a) for i in range(a, b))
        return False

    def _says_an_object(self, verb: int, e: int) -> bool:
        """Whether the speech verb has what was said as its object after it ('For his part, Prime Minister X
        reaffirmed Japan's commitment to ...'): the phrase before the comma is no trailing claim. Who was told
        ('..., Y told reporters') is no such object."""
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[verb] or self.d.lower[verb] in ("told", "tells", "tell"):
            return False
        if verb + 1 < e and self.d.words[verb + 1] == ",":
            return False  # '..., the ministry said, making good on a promise': a phrase after a comma is no object
        return any(verb < k < e and self.d.lower[k] not in ADDRESSEES for k in syntax.kids(verb, "dobj"))

    def _group_claims(self) -> None:
        """'They reiterated ...', 'President X and Chancellor Y affirmed ...': each person says it
        (``group_speakers``), the one way coordinated speakers are read. When the rules already read what one of
        them said in the sentence, the others say the same (the same span); else each says what follows the verb
        (claim:group-said)."""
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            if e - s > 400:
                continue
            found = group_speech(self.d, self.f, s, e) or plural_speech(self.d, self.f, s, e)
            # '..., and both leaders affirmed ...': only the clause from the subject on is theirs together
            later = None if found else plural_speech_after_and(self.d, self.f, s, e)
            if later is not None:
                found = later[0], later[1]
            if found is None:
                continue
            people, verb = found
            sc, ec = self.d.chars(s, e)
            fc = self.d.cstart(later[2]) if later is not None else sc
            said = [c for c in self.f.claims if c.speaker in people and not c.quote
                    and fc <= c.start - self.d.base < ec]
            if said:
                # the rules read what the first speaker said: each other speaker says the same
                have = {c.speaker for c in said if c.start == said[0].start and c.end == said[0].end}
                for person in people:
                    if person not in have:
                        self.f.claims.append(said[0].model_copy(update={"speaker": person}))
                        self.f.ensure_entity(person)
                continue
            silent = [person for person in people if not any(
                c.speaker == person and c.start - self.d.base < ec and fc < c.end - self.d.base
                for c in self.f.claims)]
            # '..., and they reaffirmed Y': each verb of the leaders says what follows it, up to the next one
            clauses = [(verb, e), *((v, e) for _, v in more_speech(self.d, verb, e))]
            ends = [stop for stop, _ in more_speech(self.d, verb, e)] + [e]
            for (v, _), stop in zip(clauses, ends, strict=True):
                k = v + 2 if v + 1 < e and self.d.lower[v + 1] == "that" else v + 1
                if k >= stop:
                    continue
                text_end = ec if stop == e else self.d.cstart(stop)
                for person in silent:
                    self._add_claim(person, self.d.cstart(k), text_end, sc, ec, False, "claim:group-said")

    def _state_pair_claims(self) -> None:
        """'..., the two governments said' / 'The two governments said ...': one claim per state of the pair
        (``group_speakers.state_pair_speech``), what is said before the subject when it closes the sentence, else
        after the verb; a claim another rule gave one of them in the sentence is copied to the other."""
        for sent in self.d.sents:
            s, e = sent.start, sent.end
            found = state_pair_speech(self.d, self.f, s, e) if e - s <= 400 else None
            if found is None:
                continue
            states, verb, subject = found
            sc, ec = self.d.chars(s, e)
            if subject > s + 2 and self.d.words[subject - 1] == ",":
                a, b = sc, self.d.cstart(subject - 1)
            else:
                k = verb + 2 if verb + 1 < e and self.d.lower[verb + 1] == "that" else verb + 1
                if k >= e - 1:
                    continue
                a, b = self.d.cstart(k), ec
            self.f.claims = [c for c in self.f.claims if not (c.speaker in states and sc <= c.start - self.d.base < ec)]
            for state in states:
                self._add_claim(state, a, b, sc, ec, False, "claim:group-said")

    def _np_speaker(self, start: int, end: int, head: int) -> str | None:
        """The speaker a subject noun phrase names: a person in it ("Russia's ambassador, Anatoly Antonov"), else a
        name at its head the gazetteers lack ('European Union foreign policy chief Josep Borrell'), else what the
        surface rules read in it (a title's holder, an organisation, a state, 'a U.S. official')."""
        if self.d.lower[head] in SOURCE_WORDS:
            return None  # 'German government sources', 'local media': not speakers
        people = [self.f.ref_at[k] for k in range(start, end) if k in self.f.ref_at
                  and self.f.ref_at[k].kind == "person"]
        if people:
            # not a possessive before the head ('President X's chief of staff Y said' is Y's)
            syntax = self.d.syntax
            not_poss = [r for r in people if syntax is None or syntax.dep[r.end - 1] != "poss"]
            if all(self._owns_office(head, r) for r in people):
                # "Zelensky's spokesman said", 'an aide to Zelensky said': an unnamed official of the person's state
                return self._state_served(people[0].id)
            return (not_poss or people)[0].id
        closing = self._closing_person(head) or self._closing_name(head)
        if closing is not None and self.d.syntax is not None and any(
                self.f.ref_at[k].id == closing and self._owns_office(head, self.f.ref_at[k])
                for k in self.d.syntax.subtree(head) if k in self.f.ref_at):
            return self._state_served(closing)  # 'An aide to Zelensky said': not Zelensky
        if closing is not None:
            return closing
        body = self._country_body(start, end)
        if body is not None:
            return body
        named = self._name_speaker(start, head + 1)
        if named is not None:
            return named
        found = self._speaker_near(start, end, None)
        if found is None and self.d.syntax is not None and (
                self.d.ent_types[head] == "TITLE" or self.d.lower[head] in OFFICE_NOUNS):
            # 'a spokesperson for the Estonian defence ministry': the body the office serves
            full = [k for k in self.d.syntax.subtree(head) if k >= start]
            found = self._speaker_near(start, full[-1] + 1, None) if full else None
            if found is None:
                # "a spokesperson for Sweden's government": the state whose body it names (after 'for')
                found = next(((r.id, k) for k in full if (r := self.f.ref_at.get(k)) is not None and r.start == k
                              and r.kind == "name" and r.id.startswith("country:") and r.end + 1 < len(self.d.words)
                              and self.d.words[r.end] in ("’s", "'s") and self.d.lower[r.end + 1] in GOVERNMENT_WORDS),
                             None)
        return found[0] if found else None

    def _person_after_quote(self, k: int, end: int) -> str | None:
        """A closed quotation followed by a comma or its closing mark, a person (a title or an affiliation allowed
        before the name) and a verb of any kind: that person ('... ,” Defence Minister X announced')."""
        if k >= end or self.d.words[k] not in (",", "”", '"', "»"):
            return None
        while k < end and self.d.words[k] in (",", "”", '"', "»"):
            k += 1
        while k < end and k not in self.f.ref_at and (self.d.ent_types[k] in ("TITLE", "DEMONYM", "COUNTRY", "ORG")
                                                       or self.d.lower[k] == "the"):
            k += 1
        ref = self.f.ref_at.get(k)
        if ref is None or ref.kind != "person" or ref.end >= end:
            return None
        verb = ref.end
        while verb < end - 1 and self.d.words[verb] in SUFFIXES:
            verb += 1  # '..., Secretary X III said' (session 18)
        syntax = self.d.syntax
        is_verb = syntax.pos[verb] == "VERB" if syntax is not None and syntax.parsed[verb] else (
            self.d.words[verb].isalpha() and self.d.words[verb].islower())
        return ref.id if is_verb else None

    def _object_not_clause(self, c: ClaimFact) -> bool:
        """The claim's text starts right after a speech verb that the parse reads with a noun object and no clause
        ('stressed the need for ...'): no speech is reported."""
        syntax = self.d.syntax
        k = self.d.tok_index(c.start - self.d.base) - 1
        while k > 0 and self.d.lower[k] in ("that", ","):
            k -= 1
        return syntax is not None and k >= 0 and syntax.parsed[k] and self.d.lower[k] in self.d.g.speech_verbs \
            and bool(syntax.kids(k, "dobj")) and not syntax.kids(k, "ccomp")

    def _closing_person(self, head: int) -> str | None:
        """A person whose name closes the subject's whole phrase ('Deputy Chairman of the French Defense Committee
        Jean Roe': the parser may hang the name inside the title's 'of' phrase)."""
        syntax = self.d.syntax
        if syntax is None:
            return None
        full = syntax.subtree(head)
        if any(syntax.dep[k] in ("relcl", "acl") for k in full if k != head):
            return None
        ref = self.f.ref_at.get(full[-1])
        return ref.id if ref is not None and ref.kind == "person" and ref.start >= full[0] else None

    def _attribution_start(self, verb: int, start: int) -> int:
        """Where the attribution before a speech verb starts: back over the speaker's name, title, apposition and
        commas ('..." Roe, the Estonian defence minister, said': right after the quotation)."""
        k = verb
        while k > start and (self.d.words[k - 1] == "," or k - 1 in self.f.ref_at
                             or self.d.ent_types[k - 1] in ("TITLE", "DEMONYM", "COUNTRY", "ORG")
                             or self.d.lower[k - 1] in ("the", "’s", "'s", "has", "have", "had", *TITLE_MODIFIERS,
                                                        *GOVERNMENT_WORDS)):
            k -= 1
        return k

    def _closing_name(self, head: int) -> str | None:
        """A name the gazetteers lack closing a subject whose head is an office word ('The head of Ukraine's military
        intelligence Jane Roe', 'Ukraine's top general Jane Roe'): that person."""
        syntax = self.d.syntax
        company = not self.d.ent_types[head] and self.d.lower[head] in office_words().company_offices \
            and head + 1 < len(self.d.words) and self.d.lower[head + 1] == "of"
        if syntax is None or not (self.d.ent_types[head] == "TITLE" or self.d.lower[head] in OFFICE_NOUNS or company):
            return None
        full = syntax.subtree(head)
        if any(syntax.dep[k] in ("relcl", "acl") for k in full if k != head) or full[-1] <= head:
            return None
        if company:
            # 'CEO of Nordwerk Hans Keller said': the company's name runs into its officer's; the name is the last
            # two words (a hyphenated given name one of them)
            start = full[-1] - 1
            if start - 2 > head + 2 and self.d.words[start - 1] == "-":
                start -= 2
            return self._name_speaker(start, full[-1] + 1) if start > head + 2 else None
        return self._name_speaker(head + 1, full[-1] + 1)

    def _country_body(self, start: int, end: int) -> str | None:
        """'the country’s Defense Ministry': a body of the state the sentence is about speaks for that state."""
        lowers = self.d.lower[start:end]
        if not any(w in GOVERNMENT_WORDS for w in lowers) or not any(
                lowers[k] == "country" and lowers[k + 1] in ("’s", "'s") for k in range(len(lowers) - 1)):
            return None
        # the sentence's first state (its subject: 'Norway has sent ... to Ukraine, according to the country’s ...'),
        # else the last one before the sentence
        first = self.d.sent_of(start).start
        for k in [*range(first, start), *range(first - 1, -1, -1)]:
            ref = self.f.ref_at.get(k)
            if ref is not None and ref.id.startswith("country:") and ref.kind in ("name", "capital", "demonym"):
                return ref.id
        return None

    def _name_speaker(self, start: int, end: int) -> str | None:
        """A subject the gazetteers do not know that the parse shows is a name ('Josep Borrell'): two to four
        capitalised proper nouns in a row, outside any entity; the person is added to the entities."""
        syntax = self.d.syntax
        if syntax is None:
            return None
        run: list[int] = []
        k = end - 1
        # the head and the name words compounded onto it ('Nachman' of 'Nachman Shai'), not a title's complement
        while k >= start and syntax.pos[k] == "PROPN" and self.d.words[k][:1].isupper() and self.d.words[k].isalpha() \
                and not self.d.ent_types[k] \
                and (k == end - 1 or (syntax.dep[k] == "compound" and syntax.head[k] in run)):
            run.insert(0, k)
            k -= 1
        while run and run[0] - 2 >= start and self.d.words[run[0] - 1] == "-" \
                and self.d.words[run[0] - 2].istitle() and self.d.words[run[0] - 2].isalpha() \
                and not self.d.ent_types[run[0] - 2]:
            run[:0] = [run[0] - 2, run[0] - 1]  # 'Marie-Agnes Strack': a hyphenated given name is one name word
        while run and (self.d.words[run[0]] in TITLE_PREFIXES
                       or (self.d.words[run[0]].isupper() and self.d.words[run[0]].isalpha() and len(run) > 2)):
            run = run[1:]  # "People's Deputy Jane Roe said", 'Ukrainian MP Jane Roe said': an office's word
        honored = False
        while run and self.d.lower[run[0]] in self._honorifics:
            run = run[1:]  # 'Admiral Brad Cooper said': the rank is no part of the name
            honored = True
        later = run
        if honored and len(run) == 1:
            # 'Mr Wallace warned ...' after 'Ben Wallace revealed ...': the full name written before
            run = self._full_name_before(run[0]) or run
        body = [m for m, k in enumerate(run) if self.d.lower[k] in STATE_BODY_WORDS
                or self.d.g.cues.get(self.d.lower[k]) == "office-head"]
        if body:
            # 'Ground Forces Jane Roe', 'Film Director Jane Roe': the name after the body's or the office's words
            run = run[body[-1] + 1:]
        size = len(run) - 2 * sum(1 for k in run if self.d.words[k] == "-")  # name words, hyphenated ones as one
        if not 2 <= size <= 4 or self.d.lower[run[-1]] in self.d.g.non_person_heads:
            return None  # 'Defense Ministry' is a body, 'Borealis Optics' a company: no person
        name = " ".join(self.d.words[k] for k in run).replace(" - ", "-")
        ident = Person.id_of(name=name)
        self.f.add_entity(ident, run[0], run[-1] + 1, "person:subject-of-speech", name=name)
        self.f.add_ref(Ref(run[0], run[-1] + 1, ident, "person"))  # 'He stressed ...' after it is this person
        if later != run:
            self.f.add_entity(ident, later[0], later[-1] + 1, "person:subject-of-speech", name=name)
            self.f.add_ref(Ref(later[0], later[-1] + 1, ident, "person"))
        return ident

    def _full_name_before(self, surname: int) -> list[int] | None:
        """Tokens of the last name before token ``surname`` that ends in the same word and opens with one or two
        capitalised words outside any entity ('Ben Wallace' for a later 'Mr Wallace'), None without one."""
        words = self.d.words
        for k in range(surname - 1, 0, -1):
            if words[k] != words[surname]:
                continue
            m = k
            while m > 0 and k - m < 2 and words[m - 1].istitle() and words[m - 1].isalpha() \
                    and not self.d.ent_types[m - 1] and self.d.lower[m - 1] not in self._honorifics \
                    and not self.d.doc[m - 1].is_stop and m - 1 >= self.d.sent_of(k).start:
                m -= 1
            if m < k:
                return list(range(m, k + 1))
        return None

    def _content_start(self, s: int, end: int) -> int:
        """Where what is said starts in tokens [s, end): after the first 'that' that follows a verb ('denied that
        Ukraine will ...'), else at s."""
        for k in range(s + 1, end - 1):
            if self.d.lower[k] == "that" and (self.d.lower[k - 1] in self.d.g.speech_verbs or (
                    self.d.syntax is not None and self.d.syntax.parsed[k - 1] and self.d.syntax.pos[k - 1] == "VERB")):
                return k + 1
        return s

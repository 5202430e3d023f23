"""Several speakers of one sentence: readouts and joint statements report what leaders said together.

'President X and Chancellor Y affirmed their intention ...' (persons coordinated in the subject) and 'They
reiterated their support ...' / 'The two leaders reaffirmed ...' (a plural subject standing for the persons
coordinated in a sentence before: 'President X and Chancellor Y spoke by phone ...') make one claim per person.
First person ('We reaffirm') is the authors' own voice and no claim.
"""

from __future__ import annotations

from armsgraph.loaders.text.facts import Facts, Ref
from armsgraph.loaders.text.office_words import office_words
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.word_tables import words_by_kind

PLURAL_WORDS = words_by_kind("plural_subjects.csv", ("subject", "counted", "count-2", "count-3", "count-4", "count-5",
                                                     "not-party", "partner", "adverbial"))
"""``data/plural_subjects.csv`` by kind."""
PLURAL_SUBJECTS = frozenset(tuple(words.split()) for words in PLURAL_WORDS["subject"])
"""Subjects that stand for the persons named together just before."""
OPENERS = frozenset({"and", "but", "also", "then", "today", "finally", "together", ",", "in", "addition"})
"""Words that may open the sentence before its subject ('In addition, they reaffirmed ...')."""
BETWEEN = frozenset({"and", "the", ",", "’s", "'s", "of"})
"""Tokens that may join two coordinated persons beside titles and states ('President X and the Chancellor of
Germany Y')."""
SUBJECT_REACH = 20
"""Tokens a coordinated subject may span before its verb ('Prime Minister X of Estonia and Prime Minister Y of
Latvia said')."""
POSSESSIVE_MARKS = frozenset({"'", "’", "'s", "’s"})
"""A possessive after a group noun ('the three countries' defence ministries')."""
NOT_PARTY = PLURAL_WORDS["not-party"]
"""Before a state named as no party of its clause's subject ('... to Ukraine', '... with Ukraine'; session 28)."""
PARTNER = PLURAL_WORDS["partner"]
"""Of those, the prepositions before a state that is the subject's partner ('... with Ukraine'; session 28)."""
ADVERBIAL = PLURAL_WORDS["adverbial"]
"""Words opening an adverbial clause ('As Russia pressed its offensive, ...'): a state in one is no party of a
counted subject (review mends, session 28)."""
WEAPON_ENTS = frozenset({"WEAPON", "CATEGORY"})
"""Entity labels of a weapon: a state right before one modifies it ('US Abrams tanks') and is no party, unless it
opens a gapped clause after one of ``GAP_OPENERS`` ('and Berlin IRIS-T systems')."""
GAP_OPENERS = frozenset({",", "and"})
LOOK_BACK = 6
"""Sentences searched back for the persons a plural subject stands for."""


def coordinated(d: TextDoc, f: Facts, start: int, end: int) -> tuple[list[str], int] | None:
    """The persons coordinated by 'and' from ``start`` (titles and states allowed around them, a plural title
    before them) and the token after the last one, when there are at least two."""
    ids: list[str] = []
    # a title in the plural may open them ('Defence ministers X of Norway and Y of Sweden said')
    k = next((start + size for size in (3, 2, 1) if tuple(d.lower[start:start + size]) in d.g.plural_titles), start)
    joined = False
    while k < end:
        ref = f.ref_at.get(k)
        if ref is not None and ref.kind == "person":
            if ids and not joined:
                break
            ids.append(ref.id)
            joined = False
            k = ref.end
            continue
        if d.lower[k] == "and" and ids:
            joined = True
        elif joined and _counterpart_words(d, k):
            # 'Defence Minister X and her Norwegian counterpart Y said': the counterpart is the second person
            pass
        elif ids and joined and d.words[k][:1].isupper() and not d.ent_types[k] \
                and any(d.ent_types[m] == "TITLE" for m in range(k + 1, min(k + 4, end))):
            # "... and France's Armed Forces Minister Y said": the words of a title the titles list lacks, after 'and'
            # only (a name the gazetteers lack elsewhere in the list still ends it)
            pass
        elif not (d.ent_types[k] in ("TITLE", "COUNTRY", "DEMONYM", "ORG") or d.lower[k] in BETWEEN):
            break
        k += 1
    people = list(dict.fromkeys(ids))
    return (people, k) if len(people) >= 2 and not joined else None


def _counterpart_words(d: TextDoc, k: int) -> bool:
    """Whether token k is a counterpart noun (``cues.csv`` kind ``counterpart``) or a possessive before one (kind
    ``counterpart-owner``, a demonym allowed between: 'her Norwegian counterpart')."""
    kind = d.g.cues.get(d.lower[k])
    if kind == "counterpart":
        return True
    if kind != "counterpart-owner":
        return False
    n = k + 1
    while n < len(d.lower) and n - k <= 3 and d.ent_types[n] in ("DEMONYM", "COUNTRY"):
        n += 1
    return n < len(d.lower) and d.g.cues.get(d.lower[n]) == "counterpart"


def _subject_start(d: TextDoc, s: int, e: int) -> int:
    k = s
    while k < e and d.lower[k] in OPENERS:
        k += 1
    return k


def group_speech(d: TextDoc, f: Facts, s: int, e: int) -> tuple[list[str], int] | None:
    """(the persons, the speech verb) when a verb of ``speech_verbs.csv`` in sentence [s, e) has right before it
    ('also' allowed between) several coordinated persons or a plural subject standing for them, which opens the
    sentence or follows a comma ('In light of ..., President X and Chancellor Y affirmed ...')."""
    opening = _subject_start(d, s, e)
    # where a subject may start: the sentence's opening, or after a comma
    starts = [opening, *(k for k in range(opening + 1, e) if d.lower[k - 1] == ",")]
    for verb in range(s + 1, e):
        if d.g.speech_verbs.get(d.lower[verb]) != "past":
            continue
        end = verb - 1 if d.lower[verb - 1] in ("also", "again", "jointly") else verb
        for k in starts:
            if not end - SUBJECT_REACH <= k < end:
                continue
            found = coordinated(d, f, k, e)
            if found is not None and found[1] == end:
                return found[0], verb
            if tuple(d.lower[k:end]) in PLURAL_SUBJECTS:
                people = _persons_before(d, f, s)
                if people:
                    return people, verb
    return None


def _persons_before(d: TextDoc, f: Facts, s: int) -> list[str] | None:
    """The persons coordinated in the subject of the nearest of the few sentences before ``s``."""
    if s not in d.sent_starts:
        return None
    at = d.sent_starts.index(s)
    for sent in reversed(d.sents[max(0, at - LOOK_BACK):at]):
        found = coordinated(d, f, _subject_start(d, sent.start, sent.end), sent.end)
        if found is not None:
            return found[0]
    return None


def state_pair_speech(d: TextDoc, f: Facts, s: int, e: int) -> tuple[list[str], int, int] | None:
    """(the states, the speech verb, the subject's start) when a subject standing for states named together ('the two
    governments', ``Gazetteer.state_pairs``; since session 18 also 'the leaders', 'the three defence ministries':
    'the', a number word, at most two lower-case words, a noun of ``office_words.csv`` kind ``state-group``) has a
    verb of ``speech_verbs.csv`` right after it, and stands for the states coordinated before it in its sentence
    ('The United States, Germany, ... and Italy will provide ..., the leaders said'; '... paid for by Germany, Denmark
    and Norway, the three defence ministries said') or at the opening of the sentence before. A number in the
    subject must be the states' count ('the two governments': two); without one, two or more. Since session 28 a
    counted subject with no such list stands for the states named in clauses of their own before it, or with a
    partner after 'with' (``_states_named_before``: 'Washington will send X and Berlin Y to Ukraine, the two
    governments said'), not a state in an adverbial clause or modifying a weapon (review mends); and the subject
    reads on past a possessive to the bodies it owns, after a state pair too (``_owned_group_end``: 'the two
    countries' defence ministries said')."""
    for k in range(s, e - 2):
        found = _state_group(d, k, e)
        if found is None:
            continue
        verb, count = found
        if verb >= e or d.lower[verb] not in d.g.speech_verbs:
            continue
        states = _states_before(d, f, s, k, count) or _states_named_before(d, f, s, k, count)
        if states is None and s > 0:
            before = d.sent_of(s - 1)
            states = _states_opening(d, f, before.start, before.end)
            states = states if states is not None and _fits(states, count) else None
        return (states, verb, k) if states else None
    return None


def _state_group(d: TextDoc, k: int, e: int) -> tuple[int, int | None] | None:
    """(the token after the subject, the number it names or None) when a subject standing for states opens at k."""
    size = next((len(p) for p in d.g.state_pairs if tuple(d.lower[k:k + len(p)]) == p), 0)
    if size:
        # 'the two countries' defence ministries said' reads on past the possessive too (review mends, session 28)
        return _owned_group_end(d, k + size, e), 2
    if d.lower[k] != "the" or k + 1 >= e:
        return None
    m = k + 1
    number = d.g.quantity_words.get(d.lower[m])
    count = number[1] if number is not None and number[0] == "number" else None
    m += count is not None
    groups = office_words().state_groups
    for size in (0, 1, 2):
        n = m + size
        if n < e and d.lower[n] in groups and all(d.words[j].isalpha() and d.words[j].islower() for j in range(m, n)):
            return _owned_group_end(d, n + 1, e), count
    return None


def _owned_group_end(d: TextDoc, k: int, e: int) -> int:
    """The token after a subject standing for states whose group noun ends at k: past a possessive and the bodies
    of those states it owns ('the three countries' defence ministries said'; session 28), else k."""
    if k >= e or d.words[k] not in POSSESSIVE_MARKS:
        return k
    groups = office_words().state_groups
    for size in (0, 1, 2):
        n = k + 1 + size
        if n < e and d.lower[n] in groups and all(d.words[j].isalpha() and d.words[j].islower()
                                                   for j in range(k + 1, n)):
            return n + 1
    return k


def _states_named_before(d: TextDoc, f: Facts, s: int, subject: int, count: int | None) -> list[str] | None:
    """For a subject that counts its states ('the two governments', 'the three governments'): the states named
    before it in its sentence in clauses of their own ('Washington will send X and Berlin Y', 'France will send X,
    Germany Y and the United States Z'), those after a preposition left out ('... to Ukraine'), or, when those are
    too few, with a partner after 'with' ('The United States will resume aid with Ukraine, the two countries
    said'), when exactly that many (session 28); a recipient after 'to' is never counted in ('Norway will send X to
    Ukraine, the two governments said' does not say who the other is). None without a number."""
    if count is None:
        return None
    free: list[str] = []
    partners: list[str] = []
    for k in range(s, subject):
        ref = _state_at(f, k)
        if ref is None or _modifier_or_adverbial(d, s, ref):
            continue
        before = k - 1 - (k > s and d.lower[k - 1] == "the")
        if before < s or d.lower[before] not in NOT_PARTY:
            free.append(ref.id)
            partners.append(ref.id)
        elif d.lower[before] in PARTNER:
            partners.append(ref.id)
    for ids in (free, partners):
        states = list(dict.fromkeys(ids))
        if len(states) == count:
            return states
    return None


def _modifier_or_adverbial(d: TextDoc, s: int, ref: Ref) -> bool:
    """Whether a state named at ``ref`` is no clause's subject: right before a weapon it modifies ('Poland will send
    US Abrams tanks'), or in a clause opened by a word of ``plural_subjects.csv`` kind adverbial ('As Russia pressed
    its offensive, Germany will send ...'; review mends, session 28)."""
    before = ref.start - 1 - (ref.start > s and d.lower[ref.start - 1] == "the")
    if ref.end < len(d.ent_types) and d.ent_types[ref.end] in WEAPON_ENTS and before >= s \
            and d.lower[before] not in GAP_OPENERS:
        return True  # not a gapped clause's subject ('..., Latvia Piorun launchers and Finland a NASAMS battery')
    k = ref.start
    while k > s and d.lower[k - 1] != ",":
        k -= 1
    k = _subject_start(d, k, ref.start)
    return k < ref.start and d.lower[k] in ADVERBIAL


def _fits(states: list[str], count: int | None) -> bool:
    return len(states) == count if count is not None else len(states) >= 2


def _states_before(d: TextDoc, f: Facts, s: int, subject: int, count: int | None) -> list[str] | None:
    """The first list of states coordinated by commas and 'and' in [s, subject) that fits the count."""
    k = s
    while k < subject:
        found = _state_list(d, f, k, subject)
        if found is None:
            k += 1
            continue
        states, k = found
        if _fits(states, count):
            return states
    return None


def _state_at(f: Facts, k: int) -> Ref | None:
    """The state named by name or capital that starts at token k, or None."""
    ref = f.ref_at.get(k)
    if ref is None or ref.start != k or not ref.id.startswith("country:") or ref.kind not in ("name", "capital"):
        return None
    return ref


def _state_list(d: TextDoc, f: Facts, k: int, e: int) -> tuple[list[str], int] | None:
    """The states named by name or capital from k, joined by ',' and 'and' ('the' allowed before each), and the token
    after the list; None when no state starts at k."""
    ids: list[str] = []
    while k < e:
        ref = _state_at(f, k)
        if ref is None:
            if ids or d.lower[k] != "the":
                break
            k += 1
            continue
        ids.append(ref.id)
        k = ref.end
        joiner = k
        while joiner < e and d.lower[joiner] in (",", "and", "the"):
            joiner += 1
        if joiner == k or joiner >= e or joiner not in f.ref_at:
            break
        k = joiner
    states = list(dict.fromkeys(ids))
    return (states, k) if states else None


def _states_opening(d: TextDoc, f: Facts, s: int, e: int) -> list[str] | None:
    """The states coordinated by 'and' at the opening of sentence [s, e) ('Norway and Ukraine signed ...')."""
    k = _subject_start(d, s, e)
    if k < e and d.lower[k] == "the":
        k += 1
    ids: list[str] = []
    while k < e:
        ref = _state_at(f, k)
        if ref is None:
            break
        ids.append(ref.id)
        k = ref.end
        if k + 1 < e and d.lower[k] == "and":
            k += 1 + (d.lower[k + 1] == "the")
            continue
        break
    states = list(dict.fromkeys(ids))
    return states if len(states) == 2 else None

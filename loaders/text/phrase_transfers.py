"""Components: transfers a phrase states without a transfer word (``data/phrase_words.csv``).

The clause rules need a transfer word (send, deliver, buy, ...) and a recipient in its clause; news often has
neither:

- ``deal_transfers``: a purchase agreement, '<buyer> signed a deal / contract / agreement with <seller> for
  <weapon>' (kind ``deal``): the buyer is the clause's subject before the noun (as the clause rules find a subject:
  not in a prepositional phrase), the seller right after 'with' (the weapons after it) or after 'from' ('signed a
  contract for 96 Apache helicopters from the United States'). Stage from the
  clause's cues, else contracted. Rule ``transfer:deal``.
- ``thanked_transfers``: '<recipient> thanked <supplier> for <weapon>' (kind ``thanks``: thanked, grateful to,
  gratitude to): the one thanked gave what they are thanked for to the state of whoever thanks (a person by the
  state they serve, 'we' by the publisher's). Thanks naming no weapon of their own, with one state thanked, are
  for the weapons their sentence names before them or after a 'saying' (session 22). Stage from the clause's cues,
  else delivered. Rule ``transfer:thanks``.

- ``identified_transfers``: 'North Korea has given Russia ballistic missiles ... U.S. officials identified the weapons
  as KN-23 missiles' (kind ``identify``: identified ... as; or a copula of kind ``identity`` after a pronoun of kind
  ``identity-subject`` or a noun of the system's category: 'we assess that these are KN-23', 'the missiles are
  KN-23'): a named system said to be what a generic weapon was takes the parties of the one delivered category-level
  transfer of its category read before it (session 23). Rule ``transfer:identified``.

- ``replaced_transfers``: 'Australia will send 49 of its retired Abrams tanks to Ukraine ... The tanks were replaced
  by newer M1A2 from the US' (kind ``replaced-by``, passive): the systems after 'by' came from the state after their
  'from' to the one that gave away what they replace (session 23). Rule ``transfer:replaced``.

The first two read one clause, keep the rules' vetoes (parts, ammunition for a system, versions; negated and
hypothetical clauses), need both parties named (a company is no party: 'a contract with Rheinmetall for Skyranger'
is domestic procurement), never pair two actors joined by 'and' ('Poland and South Korea signed an agreement for K2
tanks': no direction), and leave alone a weapon mention the rules already read. ``deal_transfers`` also reads a
letter of intent to buy (session 26, kind ``intent``): 'Ukraine signed a letter of intent to acquire up to 100 French
Rafale fighter jets' (the seller: the state marking the weapon), 'Sweden and Ukraine signed a letter of intent ... that
could see Kyiv buy ... Gripen E' (of two signers, the one right before the buy word buys).
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span

from armsgraph.loaders.text.anaphora import category_words, singular
from armsgraph.loaders.text.extraction import TransferFact
from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import CLAUSE_CUTS, PASSIVE_AUX, phrase_kind, phrase_words, pick_stage

MAX_GAP = 12
"""Tokens at most between a deal noun and the seller's 'with' ('a $2 billion contract with ...')."""


def _clauses(d: TextDoc, kind: str) -> list[tuple[int, int, int]]:
    """(sentence start, the phrase word, clause end) of each word of ``kind`` in a sentence the rules read."""
    words = phrase_kind(kind)
    found: list[tuple[int, int, int]] = []
    if not any(w in words for w in d.lower):
        return found
    for sent in d.sents:
        s, e = sent.start, sent.end
        if e - s > 400 or d.words[e - 1] == "?" or (e - s > 1 and d.words[e - 2] == "?"):
            continue
        for i in range(s, e):
            if d.lower[i] in words and not d.ent_types[i]:
                found.append((s, i, next((k for k in range(i + 1, e) if d.lower[k] in CLAUSE_CUTS), e)))
    return found


def _read(d: TextDoc, f: Facts, rules: TransferRules, supplier: str, recipient: str, s: int, at: int, end: int,
          default_stage: str, rule: str) -> None:
    """The transfers of the weapons in [at, end) from ``supplier`` to ``recipient``, cues read from s."""
    stages, negated, hypothetical = rules.stages.cues(s, end)
    if negated or hypothetical or supplier == recipient:
        return
    read = {t.weapon_mention.start for t in f.transfers.values() if t.weapon_mention is not None}
    sent = d.sent_of(s)
    for w in rules.mentions.weapons(at, end):
        if d.token_span(w.start, w.end).start not in read:
            rules.record.transfer(supplier, recipient, w, pick_stage(stages) or default_stage, sent, rule)


def deal_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: a transfer from the seller to the buyer of each weapon a purchase agreement names."""
    before = set(f.transfers)
    rules = TransferRules(d, f)
    for s, i, right in _clauses(d, "deal"):
        # the seller after 'with' ('a deal with France for ...') or after 'from' ('a contract for ... from Korea')
        at = next((k for k in range(i + 1, min(right, i + MAX_GAP)) if d.lower[k] in ("with", "from")), None)
        if at is None:
            continue
        parties = rules.parties
        sellers = parties.with_actors(at, right) if d.lower[at] == "with" else parties.from_actors(at, right)
        buyers = rules.parties.supplier_in(s, i, None)
        start = at + 1 if d.lower[at] == "with" else i + 1
        if len(sellers) == 1 and len(buyers) == 1:
            _read(d, f, rules, sellers[0], buyers[0], s, start, right, "contracted", "transfer:deal")
    _intent_transfers(d, f, rules)
    return [t for k, t in f.transfers.items() if k not in before]


def _intent_transfers(d: TextDoc, f: Facts, rules: TransferRules) -> None:
    """'Ukraine signed a letter of intent to acquire up to 100 French Rafale fighter jets'; 'Sweden and Ukraine signed
    a letter of intent that could see Kyiv buy 100 Gripen E jets' (kind ``intent``, after 'letter(s) of'): the buyer
    is the one state that signs, or of two signers the one right before a buy word after the letter; the seller the
    state marking the weapon (a demonym, a name) or the other signer; only weapons after a buy word of the letter's
    sentence (``triggers.csv`` kind receive). Rule ``transfer:deal``.

    Why: a letter of intent names what one party means to buy from the other; with both parties named there is no
    other reading of its direction (one signer alone with an unmarked weapon, or two with no buyer named, gives
    none).

    Narrowed after session 26's review: a withdrawal or a cancellation before the letter ('Ukraine withdrew from a
    letter of intent to buy ...': kind ``intent-undone``) buys nothing, and a party after 'with' that is no named
    state ('a letter of intent with Rheinmetall to buy German-designed Lynx vehicles': a company) is no sale from
    the state marking the weapon."""
    heads, undone = phrase_kind("intent-head"), phrase_kind("intent-undone")
    for s, i, _right in _clauses(d, "intent"):
        if i < s + 2 or " ".join(d.lower[i - 2 : i]) not in heads:
            continue
        if any(w in undone for w in (*d.lower[s : i - 2], *(" ".join(p) for p in pairwise(d.lower[s : i - 2])))):
            continue  # 'withdrew from a letter of intent', 'cancelled its letter of intent'
        # the signing is the fact; what it 'could see' happen after it is its content, not a condition
        stages, negated, hypothetical = rules.stages.cues(s, i)
        if negated or hypothetical:
            continue
        e = d.sent_of(i).end
        read = {t.weapon_mention.start for t in f.transfers.values() if t.weapon_mention is not None}
        signers = rules.parties.supplier_in(s, i - 2, None)
        buyer_at = [k for k in range(i + 1, e)
                    if any(kind == "receive" for kind, _ in d.g.triggers.get(d.lower[k], ()))]
        if not buyer_at:
            continue  # a letter on production or training ('to counter Russian drones') buys nothing
        if any(d.lower[k] == "with" and not _state(rules.parties.object_actor(k + 1, buyer_at[0]))
               for k in range(i + 1, buyer_at[0])):
            continue  # 'a letter of intent with Rheinmetall to buy ...': a company is no party
        for w in rules.mentions.weapons(buyer_at[0] + 1, e):
            marked = rules.parties.owner_on(w, i)
            if len(signers) == 1 and marked is not None and marked != signers[0]:
                seller, buyer = marked, signers[0]
            elif len(signers) == 2 and (named := rules.parties.named_actors(s, buyer_at[0])) \
                    and named[-1] in signers and marked in (None, *signers):
                buyer = named[-1]
                seller = next(x for x in signers if x != buyer)
            else:
                continue
            if d.token_span(w.start, w.end).start not in read:
                stage = pick_stage(stages) or "announced"
                rules.record.transfer(seller, buyer, w, stage, d.sent_of(s), "transfer:deal")


def _state(actor: str | None) -> bool:
    """Whether an actor id is a state's ('country:FRA'), not a company's or an alliance's."""
    return actor is not None and actor.startswith("country:")


def thanked_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: a transfer from the one thanked to the state of whoever thanks, of what they are thanked for."""
    before = set(f.transfers)
    rules = TransferRules(d, f)
    for s, i, right in _clauses(d, "thanks"):
        if i == s and d.lower[i] == "thanks" and i + 1 < right and d.lower[i + 1] == "to":
            _thanks_to(d, f, rules, s, i, right)
            continue
        j = i + 1 if i + 1 < right and d.lower[i + 1] in ("to", "for") and d.lower[i] != "thanks" else i
        if d.lower[j] == "for":
            continue  # 'thanks for the support': nobody thanked by name
        thanked = rules.parties.object_actor(j + 1, right)
        for_at = next((k for k in range(j + 1, right) if d.lower[k] == "for"), None)
        if thanked is None:
            continue
        thanker = rules.parties.first_actor(s, i)
        if thanker is None and any(w in ("we", "i", "our") for w in d.lower[s:i]):
            thanker = d.first_person
        if thanker is None:
            continue
        if for_at is not None and rules.mentions.weapons(for_at + 1, right):
            # cues from the thanking clause: 'would not say which systems were used but thanked Germany for ...'
            own = max([s, *(k + 1 for k in range(s, i) if d.lower[k] in CLAUSE_CUTS)])
            _read(d, f, rules, thanked, thanker, own, for_at + 1, right, "delivered", "transfer:thanks")
        elif _one_thanked(f, rules, i, right):
            _thanked_before(d, f, rules, thanked, thanker, s, i)
    return [t for k, t in f.transfers.items() if k not in before]


def _one_thanked(f: Facts, rules: TransferRules, i: int, right: int) -> bool:
    """Whether the thanks at i name one actor only ('thanking Norway, Spain and the United States' leaves open who
    gave what)."""
    refs = [ref for k in range(i + 1, right) if (ref := f.ref_at.get(k)) is not None and ref.start == k
            and ref.kind not in ("pronoun", "first-person")]
    return len({rules.parties.actor_of_ref(ref) for ref in refs} - {None}) == 1


def _thanked_before(d: TextDoc, f: Facts, rules: TransferRules, thanked: str, thanker: str, s: int, i: int) -> None:
    """'Ukraine fired its first ATACMS on Tuesday and thanked the United States', 'the minister thanked his American
    colleague, saying the HIMARS work well': thanks that name no weapon of their own are for the weapons their
    sentence names before them, else after a word of ``phrase_words.csv`` kind thanks-reason ('saying') that follows
    them; the one thanked gave those to the state of whoever thanks."""
    at, end = s, i
    if not rules.mentions.weapons(s, i):
        e = d.sent_of(s).end
        saying = next((k for k in range(i + 1, e) if phrase_words().get(d.lower[k]) == "thanks-reason"), None)
        if saying is None:
            return
        at, end = saying + 1, e
    if _not_theirs(d, rules, thanked, thanker, at, end):
        return
    _read(d, f, rules, thanked, thanker, at, at, end, "delivered", "transfer:thanks")


def _not_theirs(d: TextDoc, rules: TransferRules, thanked: str, thanker: str, at: int, end: int) -> bool:
    """Whether the weapons of [at, end) may be other than the thanked's gift: another state is named there as an
    actor, not as a target's demonym ('Russia launched Kinzhal missiles ..., and Zelensky thanked Poland', 'After
    Germany delivered Leopard 2 tanks, Zelensky thanked France'), a weapon is another state's ('Russian drones'),
    or they were shot at (``phrase_words.csv`` kind thanks-against: 'shot down Shahed drones ..., and the governor
    thanked ...')."""
    if any(phrase_words().get(w) == "thanks-against" for w in d.lower[at:end]):
        return True
    if any(actor not in (thanked, thanker) for actor in rules.parties.named_actors(at, end)):
        return True
    return any((own := rules.parties.own_state_of(w)) is not None and own != thanked
               for w in rules.mentions.weapons(at, end))


def _thanks_to(d: TextDoc, f: Facts, rules: TransferRules, s: int, i: int, right: int) -> None:
    """'Thanks to the Netherlands, Ukraine now has F-16 jets': a sentence opened by 'Thanks to' a state, then a state
    that has or received weapons (``phrase_words.csv`` kind ``holding``): the first gave them to the second."""
    giver = rules.parties.object_actor(i + 2, right)
    comma = next((k for k in range(i + 2, right) if d.words[k] == ","), None)
    if giver is None or comma is None:
        return
    holder = rules.parties.object_actor(comma + 1, right)
    holding = phrase_kind("holding")
    syntax = d.syntax
    if syntax is None:
        return  # needs the parse: 'Russia has lost many tanks' is an auxiliary, not what a state has
    verb = next((k for k in range(comma + 2, min(right, comma + 6)) if d.lower[k] in holding
                 and syntax.parsed[k] and syntax.dep[k] not in ("aux", "auxpass")), None)
    if holder is not None and verb is not None:
        _read(d, f, rules, giver, holder, s, verb + 1, right, "delivered", "transfer:thanks")


def identified_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: a named system a sentence identifies a generic weapon as ('identified the weapons as KN-23', 'these
    are KN-23') is moved between the parties of the one delivered category-level transfer of its category before it.

    Why: one identifies what has been seen, so a generic weapon already given ('has provided Russia with ballistic
    missiles') and then said to be a named system is a transfer of that system, between the same two states."""
    categories = d.g.category_systems
    generic = [t for t in f.transfers.values() if t.weapon in categories and t.status == "delivered"]
    if not generic:
        return []  # the cheap gate: a copula is in nearly every document, a delivered generic weapon is not
    before = set(f.transfers)
    rules = TransferRules(d, f)
    for sent in d.sents:
        s, e = sent.start, sent.end
        if e - s > 400 or "?" in d.words[s:e]:
            continue
        opens = d.token_span(s, e).start
        for w in rules.mentions.weapons(s, e):
            system = f.entities.get(w.ent_id_)
            if system is None or system.category is None or w.ent_id_ in categories or not _identified(
                    d, s, w, system.category.partition(":")[2]):
                continue
            _stages, negated, hypothetical = rules.stages.cues(s, w.end)
            if negated or hypothetical:
                continue  # 'experts could not identify them as KN-23', 'if these are KN-23 missiles'
            pairs = {(t.supplier, t.recipient, t.status) for t in generic if t.evidence.start < opens
                     and (entity := f.entities.get(t.weapon)) is not None and entity.category == system.category}
            if len(pairs) == 1:
                supplier, recipient, stage = next(iter(pairs))
                rules.record.transfer(supplier, recipient, w, stage, sent, "transfer:identified")
    return [t for k, t in f.transfers.items() if k not in before]


def _identified(d: TextDoc, s: int, w: Span, category: str) -> bool:
    """Whether the mention w is what its sentence identifies something as: 'identified the weapons as W', or a
    copula right before it ('the', 'a' between) after a pronoun or a noun of the system's category ('these are W',
    'they're W', 'the missiles are W')."""
    words = phrase_words()
    k = w.start - 1
    while k > s and d.lower[k] in ("the", "a"):
        k -= 1
    if k > s and d.lower[k] == "as":
        return any(words.get(x) == "identify" for x in d.lower[max(s, k - 5):k])
    if k <= s or words.get(d.lower[k]) != "identity":
        return False
    subject = d.lower[k - 1]
    if words.get(subject) == "identity-subject":
        return True
    return category in category_words(d.g.category_nouns).get(singular(subject), frozenset())


REPLACED_BY_GAP = 5
"""Tokens at most between 'replaced' and its agent's 'by' ('replaced in the Australian Army by')."""
FROM_GAP = 3
"""Tokens at most between the replacing systems and their 'from' ('newer Abrams models bought from')."""


def replaced_transfers(d: TextDoc, f: Facts) -> list[TransferFact]:
    """Component: 'The tanks were replaced by newer M1A2 from the US': the replacing systems came from the state after
    'from' to the giver of the systems replaced.

    Why: a passive 'replaced by' names what took the place of weapons a state gave away, and 'from' where it came
    from; the state that gave the replaced systems away is the one that has the new ones (the active 'which Germany
    will replace with Marder vehicles' is read by the clause rules)."""
    words = phrase_kind("replaced-by")
    if not any(w in words for w in d.lower):
        return []
    before = set(f.transfers)
    rules = TransferRules(d, f)
    for sent in d.sents:
        s, e = sent.start, sent.end
        for r in range(s + 1, e):
            if d.lower[r] not in words or not PASSIVE_AUX.union({"being", "be"}).intersection(d.lower[r - 2 : r]):
                continue
            by = next((k for k in range(r + 1, min(e, r + REPLACED_BY_GAP + 1)) if d.lower[k] == "by"), None)
            replaced = rules.mentions.weapons(s, r)
            if by is None or not replaced:
                continue
            right = next((k for k in range(by + 1, e) if d.lower[k] in CLAUSE_CUTS), e)
            owner = _giver_of(f, {w.ent_id_ for w in replaced}, d.token_span(s, e).start)
            new = [w for w in rules.mentions.weapons(by + 1, right)
                   if "from" in d.lower[w.end : min(right, w.end + FROM_GAP + 1)]]
            if owner is None or not new or _not_given_away(d, rules, owner, s, r):
                continue
            frm = next(k for k in range(new[-1].end, right) if d.lower[k] == "from")
            sellers = rules.parties.from_actors(frm, right)
            if len(sellers) == 1:
                _read(d, f, rules, sellers[0], owner, s, by + 1, new[-1].end, "delivered", "transfer:replaced")
    return [t for k, t in f.transfers.items() if k not in before]


def _not_given_away(d: TextDoc, rules: TransferRules, owner: str, s: int, r: int) -> bool:
    """Whether what is replaced is said before 'replaced' to be lost (``phrase_words.csv`` kind replaced-loss: 'the
    tanks destroyed near Avdiivka were replaced') or another state's ('Ukraine's Leopards'): then the replacing
    systems are the user's, not the giver's."""
    return bool(phrase_kind("replaced-loss").intersection(d.lower[s:r])) or any(
        a != owner for a in rules.parties.named_actors(s, r))


def _giver_of(f: Facts, weapons: set[str], start: int) -> str | None:
    """The one supplier of the transfers of ``weapons`` read before the character offset ``start``."""
    givers = {t.supplier for t in f.transfers.values() if t.weapon in weapons and t.evidence.start < start}
    return next(iter(givers)) if len(givers) == 1 else None

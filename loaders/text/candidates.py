"""Candidate transfer triples and their features, for the learned relation classifier (``relation_model``).

A candidate is a (supplier, recipient, weapon system) triple from mentions the earlier components found: every
pair of distinct actors named near a weapon mention (its sentence, the two before, the one after, the first
two sentences, the title's recipient, the publisher's own state), plus every triple the rules produced; never from
a reading the rules veto (``_Reader.vetoed``: questions, negation, hypotheticals, uses, parts and crews), nor
with a claim's speaker as a party when named only as the speaker (``_Reader.reporting``). Each
weapon mention of a triple gives one feature vector; the triple's vector is their element-wise maximum, so a
triple is as strong as its best reading. Features are general (positions, distances, cue and trigger classes from
the data files, rule and parse roles); no document's strings. Read-only over the document and the facts.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span

from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.office_words import office_words
from armsgraph.loaders.text.relation_model import CLAIM_GATE, uncontested
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_parties import existing_state
from armsgraph.loaders.text.transfer_rules import TransferRules
from armsgraph.loaders.text.transfer_words import NON_SUBJECT_PREPS, NOT_MOVING, THIRD_PARTY_ENDINGS, syntax_words

WINDOW_BEFORE = 2
"""Sentences before a weapon mention's own whose actors can be its parties."""
WINDOW_AFTER = 1
LEAD_SENTENCES = 2
"""The headline and first sentence: their actors are candidates for every weapon of the document."""
ACTOR_KINDS = frozenset({"name", "demonym", "capital", "org", "person", "first-person"})
MOVING = ("supply", "receive", "arrive", "noun", "include", "aid", "request")
"""Transfer words that move something (not a use or a deployment)."""
RULE_FAMILIES = ("clause", "syntax", "frame", "list")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
CAPITAL_PLACE_PREPS = frozenset({"in", "at"})
"""A capital after one of these is where something happens, not the state acting."""


@dataclass(frozen=True)
class ActorMention:
    actor: str
    start: int
    end: int
    sentence: int
    kind: str


@dataclass
class Candidate:
    """One (supplier, recipient, weapon) triple, its best weapon mention and its features."""

    supplier: str
    recipient: str
    weapon: str
    mention: Span
    """The weapon mention whose reading scored best (evidence, stage, attribution come from its sentence)."""
    features: dict[str, float] = field(default_factory=dict)
    readings: list[tuple[Span, dict[str, float]]] = field(default_factory=list)
    """Every weapon mention of the triple with its own features (``features`` is their maximum)."""
    windowed: bool = True
    """False for a triple that is a candidate only because the rules produced it (its parties are not named in a
    window of any of its weapon's mentions)."""


MOVING_KINDS = tuple(k for k in MOVING if k != "request")
"""The moving words under which 'from' names the giver and 'to'/'for' the taker."""
AGREES = frozenset({"sup:subj@supply", "sup:poss@noun", "sup:poss@supply", "sup:by@supply", "sup:obj@receive",
                    "rec:obj@supply", "rec:subj@receive", "rec:subj@arrive", "rec:poss@receive", "rec:subj@request"}
                   | {f"sup:from@{k}" for k in MOVING_KINDS} | {f"rec:to-for@{k}" for k in MOVING_KINDS})
"""Roles that read the pair in its direction: the giver as the subject of a supply verb, the taker after to/for;
'from' names the giver and 'to'/'for' the taker whatever moving word they hang from ('the package included Puma
APCs from Italy'); an actor qualifying what is received is where it comes from ('received Bulgarian mortars'); who
asks for a delivery is its taker ('Latvia requested the delivery of Gepard guns')."""
DISAGREES = frozenset({"sup:subj@receive", "sup:obj@supply", "sup:subj@request", "rec:subj@supply", "rec:by@supply",
                       "rec:poss@noun", "rec:obj@receive"}
                      | {f"sup:to-for@{k}" for k in MOVING_KINDS} | {f"rec:from@{k}" for k in MOVING_KINDS})
"""The same roles with the parties the other way round."""
CLAUSE_KINDS = frozenset({"supply", "receive", "request", "include"})
"""Kinds of a verb that can govern a moving noun as its object ('promised a delivery of X', 'requested the transfer
of X', 'ordered a batch of X'): the verb's subject and 'to/from' phrases are read as the noun's (``clause_verb``)."""
CLAUSE_ROLES = frozenset({"subj", "obj", "to-for", "from", "by"})
CLAUSE_MARKS = frozenset({";", ",", ":"})
"""Punctuation between a verb and an actor the parse gives it as object: no dative object comes after one."""
PARTICIPLE_KINDS = frozenset({"supply", "arrive"})
"""Kinds of a participle that says the weapon it qualifies was moved ('tanks donated by Denmark')."""
LINK_DEPS = frozenset({"conj", "appos", "compound", "flat", "cc"})
"""Links inside a coordination or a name: the relation is read from where the group hangs."""
GROUP_DEPS = frozenset({"amod", "poss", "compound", "nmod", "npadvmod"})
"""An actor in one of these qualifies a noun ('Ukrainian servicemen', 'Greece's government'): it acts as the
noun does (``_Reader.group_head``)."""
GROUP_STEPS = 3
PATH_STEPS = 4
"""Longest dependency path read from a party or the weapon up to the transfer word (``_Reader.path``)."""
PREP_CLASSES = {"to": "to-for", "for": "to-for", "into": "to-for", "from": "from", "by": "by", "with": "with",
                "of": "of"}
"""Prepositions on a parse path, by class: the path names the class, not the word."""
INSIDE_STEPS = frozenset({"pobj:with", "pobj:other"})
"""The last preposition on the path from a weapon under a transfer noun that puts it inside a phrase of the noun
other than its 'of' object (``weapon:inside-other-phrase``, ``parse_gate``)."""


def _relation(dep: str, prep: str) -> str:
    if dep in ("nsubj", "csubj"):
        return "subj"
    if dep == "nsubjpass":
        return "subjpass"
    if dep in OBJECT_DEPS:
        return "obj"
    if dep == "poss":
        return "poss"
    if dep == "agent" or prep == "by":
        return "by"
    if prep in ("to", "for"):
        return "to-for"
    if prep == "from":
        return "from"
    return "prep" if prep else "other"


def _rule_family(rule: str) -> str:
    name = rule.partition(":")[2]
    for family in RULE_FAMILIES:
        if name.startswith(family):
            return family
    return "clause"


class _Reader:
    """What candidates share within one document: actor mentions by sentence, triggers and cues by sentence."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d, self.f = d, f
        self.rules = TransferRules(d, f)
        self.sent_index = {s.start: k for k, s in enumerate(d.sents)}
        self.mentions: list[ActorMention] = []
        for ref in f.refs:
            if ref.kind not in ACTOR_KINDS:
                continue
            actor = self.rules.parties.actor_of_ref(ref)
            if not actor or not actor.startswith(("country:", "org:")) or (
                    actor.startswith("country:") and not existing_state(actor)):
                continue  # not an actor, or a state that no longer exists ('Soviet T-72 tanks')
            if ref.kind == "capital" and ref.start > 0 and d.lower[ref.start - 1] in CAPITAL_PLACE_PREPS:
                continue  # a place ('speaking in Kyiv', 'talks in Berlin'), not the state as an actor
            k = self.sent_index[d.sent_of(ref.start).start]
            self.mentions.append(ActorMention(actor, ref.start, ref.end, k, ref.kind))
        self.by_sentence: dict[int, list[ActorMention]] = defaultdict(list)
        for m in self.mentions:
            self.by_sentence[m.sentence].append(m)
        self.counts = Counter(m.actor for m in self.mentions)
        self.top = self.counts.most_common(1)[0][0] if self.counts else None
        self.first_actor = self.mentions[0].actor if self.mentions else None
        self.home = d.first_person
        self.title_recipient = self.rules.recipients.title_recipient()
        self.rule_triples: dict[tuple[str, str, str], str] = {}
        for t in f.transfers.values():
            self.rule_triples.setdefault((t.supplier, t.recipient, t.weapon), _rule_family(t.rule))
        self.rule_weapons = {w for _, _, w in self.rule_triples}
        self.rule_pairs = {(s, r) for s, r, _ in self.rule_triples}
        self.rule_suppliers = {(s, w) for s, _, w in self.rule_triples}
        self.rule_recipients = {(r, w) for _, r, w in self.rule_triples}
        self._sentence_cache: dict[int, dict[str, float]] = {}
        self._kept: dict[int, set[int]] = {}
        self._paths: dict[tuple[int, int, int], str | None] = {}
        self._topics: dict[tuple[int, int], bool] = {}
        self.windowed: set[tuple[str, str, str]] = set()

    # ---- per sentence ----------------------------------------------------------------------------------

    def sentence_features(self, k: int) -> dict[str, float]:
        cached = self._sentence_cache.get(k)
        if cached is not None:
            return cached
        d = self.d
        sent = d.sents[k]
        s, e = sent.start, sent.end
        out: dict[str, float] = {}
        if e - s <= 400:
            triggers = self.rules.stages.triggers(s, e)
            for _, kind, tense in triggers:
                out[f"trigger:{kind}"] = 1.0
                if tense == "past":
                    out["trigger:past"] = 1.0
            # as the rules read them: the cues up to the transfer word ('will deliver ... in May' is no 'may')
            moving = [t for t, kind, _ in triggers if kind in MOVING]
            upto = moving[0] + 1 if moving else e
            _, negated, hypothetical = self.rules.stages.cues(s, upto)
            stages = self.rules.stages.cues(s, e)[0]
            if any(d.g.cues.get(w) == "unnamed-actor" for w in d.lower[s : min(upto, s + 3)]):
                # 'Allies and partners have committed ...': the sentence's own subject is nobody named
                out["cue:unnamed-actor"] = 1.0
            if any("".join(d.lower[max(s, t - 3) : t]).endswith(THIRD_PARTY_ENDINGS) for t in moving):
                out["cue:third-party"] = 1.0
            for stage in stages:
                out[f"stage:{stage}"] = 1.0
            if negated:
                out["cue:negation"] = 1.0
            if hypothetical:
                out["cue:hypothetical"] = 1.0
        if d.words[e - 1] == "?" or (e - s > 1 and d.words[e - 2] == "?"):
            out["question"] = 1.0
        if k < LEAD_SENTENCES:
            out["weapon:lead"] = 1.0
        out["sentence:long"] = 1.0 if e - s > 60 else 0.0
        self._sentence_cache[k] = out
        return out

    def kept(self, k: int) -> set[int]:
        """Starts of the sentence's weapon mentions the rules would read as what moves (not parts, crews, ...)."""
        found = self._kept.get(k)
        if found is None:
            sent = self.d.sents[k]
            found = {w.start for w in self.rules.mentions.weapons(sent.start, sent.end)} \
                if sent.end - sent.start <= 400 else set()
            self._kept[k] = found
        return found

    # ---- per actor mention ------------------------------------------------------------------------------

    def role_features(self, m: ActorMention, prefix: str) -> dict[str, float]:
        """Surface and parse roles of one actor mention in its sentence."""
        d = self.d
        out: dict[str, float] = {}
        s = d.sents[m.sentence].start
        prev = d.lower[m.start - 1] if m.start > s else ""
        prev2 = d.lower[m.start - 2] if m.start - 1 > s else ""
        prep = prev if prev != "the" else prev2
        if prep in ("to", "for"):
            out[f"{prefix}:to-for"] = 1.0
        elif prep == "from":
            out[f"{prefix}:from"] = 1.0
        elif prep in NON_SUBJECT_PREPS:
            out[f"{prefix}:other-prep"] = 1.0
        if m.end < len(d.words) and d.words[m.end] in ("’s", "'s"):
            out[f"{prefix}:possessive"] = 1.0
        if m.kind == "demonym":
            out[f"{prefix}:demonym"] = 1.0
        if m.kind == "first-person":
            out[f"{prefix}:first-person"] = 1.0
        syntax = d.syntax
        if syntax is not None and syntax.parsed[m.end - 1]:
            i = m.end - 1
            dep = syntax.dep[i]
            head = syntax.head[i]
            if dep in SUBJECT_DEPS:
                out[f"{prefix}:subject"] = 1.0
            elif dep in OBJECT_DEPS:
                out[f"{prefix}:object"] = 1.0
            elif dep == "pobj":
                word = d.lower[head]
                out[f"{prefix}:pobj-" + ("to-for" if word in ("to", "for") else "from" if word == "from"
                                         else "other")] = 1.0
            elif dep in ("poss", "compound", "amod"):
                out[f"{prefix}:modifier"] = 1.0
        return out

    def group_head(self, j: int) -> tuple[int, int | None]:
        """The noun phrase an actor token at j qualifies ('the Ukrainian servicemen received', 'the Ministry of
        Defence of Ukraine received', 'Greece's government promised'): (the phrase's head, whose relation is the
        actor's, j itself when the actor heads its phrase; None) or, when the phrase is a weapon's own ('Bulgarian
        M60CMA mortars': its owner or maker), (-1, the weapon's token)."""
        d, syntax = self.d, self.d.syntax
        assert syntax is not None
        for _ in range(GROUP_STEPS):
            h = syntax.head[j]
            if h == j or d.g.triggers.get(d.lower[h]):
                return j, None
            if syntax.dep[j] == "pobj" and d.lower[h] == "of" and syntax.dep[h] == "prep" \
                    and syntax.pos[syntax.head[h]] in ("NOUN", "PROPN"):
                h = syntax.head[h]  # 'the Ministry of Defence of Ukraine'
            elif syntax.dep[j] not in GROUP_DEPS:
                return j, None
            if d.ent_types[h] == "WEAPON":
                return -1, h
            j = h
            while syntax.dep[j] in LINK_DEPS and syntax.head[j] != j:
                j = syntax.head[j]
        return j, None

    def owned(self, m: ActorMention) -> int | None:
        """The weapon token whose own phrase the actor mention qualifies ('Bulgarian 60-mm M60CMA mortars'), if
        any."""
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[m.end - 1]:
            return None
        j = m.end - 1
        while syntax.dep[j] in LINK_DEPS and syntax.head[j] != j:
            j = syntax.head[j]
        return self.group_head(j)[1]

    def anchor(self, start: int, end: int, group: bool = False) -> tuple[int, str, str] | None:
        """The transfer word a mention at [start, end) hangs from in the parse and how: (trigger token, its kind,
        the mention's relation: subj, subjpass, obj, poss, to-for, from, by, prep, other); None unparsed. With
        ``group`` an actor's relation is that of the phrase it qualifies (``group_head``)."""
        d, syntax = self.d, self.d.syntax
        if syntax is None:
            return None
        j = next((i for i in range(start, end) if not start <= syntax.head[i] < end or syntax.head[i] == i),
                 end - 1)
        if not syntax.parsed[j]:
            return None
        while syntax.dep[j] in LINK_DEPS and syntax.head[j] != j:
            j = syntax.head[j]
        qualified = False
        if group:
            own = j
            j = self.group_head(j)[0]
            if j < 0:
                return None
            qualified = j != own
        first_dep, prep = syntax.dep[j], ""
        for step in range(8):
            h = syntax.head[j]
            if h == j:
                return None
            if step == 0 and qualified and first_dep in SUBJECT_DEPS | OBJECT_DEPS and syntax.pos[h] == "VERB" \
                    and not d.g.triggers.get(d.lower[h]):
                # the actor qualifies the subject or object of another verb ('to counter the Russian invasion');
                # an actor that is itself that verb's object keeps its reading ('to help Ukraine')
                return None
            if not prep and syntax.dep[j] == "pobj":
                prep = d.lower[h]
            readings = d.g.triggers.get(d.lower[h]) if not d.ent_types[h] else None
            if readings:
                kind = next((r[0] for r in readings if r[0] != "noun"), readings[0][0])
                return h, kind, _relation(first_dep, prep)
            j = h
        return None

    def path(self, start: int, end: int, target: int) -> str | None:
        """The dependency path from a mention at [start, end) to the transfer word at ``target``, as relation
        labels ('nsubj', 'pobj:to-for>prep', ...; a preposition by its class in ``PREP_CLASSES``, a coordination or
        a name's parts not counted): up from the mention when the word is above it within ``PATH_STEPS``, else
        'up<a>-down<b>' through their lowest common ancestor (each capped at 3), else None (unparsed)."""
        key = (start, end, target)
        if key not in self._paths:
            self._paths[key] = self._path(start, end, target)
        return self._paths[key]

    def _path(self, start: int, end: int, target: int) -> str | None:
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[end - 1]:
            return None
        j = next((i for i in range(start, end) if not start <= syntax.head[i] < end or syntax.head[i] == i),
                 end - 1)
        labels: list[str] = []
        above = [j]
        for _ in range(PATH_STEPS + 4):
            if j == target:
                return ">".join(labels) or "self"
            h, dep = syntax.head[j], syntax.dep[j]
            if h == j or len(labels) >= PATH_STEPS:
                break
            if dep not in LINK_DEPS:
                labels.append(f"pobj:{PREP_CLASSES.get(self.d.lower[h], 'other')}" if dep == "pobj" else dep)
            j = h
            above.append(j)
        ups = {t: n for n, t in enumerate(above)}
        t, down = target, 0
        for _ in range(12):
            if t in ups:
                return f"up{min(ups[t], 3)}-down{min(down, 3)}"
            if syntax.head[t] == t:
                break
            t, down = syntax.head[t], down + 1
        return "far"

    def topic_of(self, start: int, end: int) -> bool:
        """Whether the mention at [start, end) is the object of a topic preposition (``syntax_words.csv`` kind
        ``topic``: 'talks on Krab howitzers', 'a debate about Taurus missiles'): the weapon is what a noun is about,
        not what moves (session 15, a must-not-fire probe the retrained model failed); read once per mention."""
        if (start, end) not in self._topics:
            self._topics[start, end] = self._topic_of(start, end)
        return self._topics[start, end]

    def _topic_of(self, start: int, end: int) -> bool:
        syntax = self.d.syntax
        if syntax is None or not syntax.parsed[end - 1]:
            return False
        j = next((i for i in range(start, end) if not start <= syntax.head[i] < end or syntax.head[i] == i),
                 end - 1)
        while syntax.dep[j] in LINK_DEPS and syntax.head[j] != j:
            j = syntax.head[j]  # 'Krab and PT-91 howitzers': the first conjunct's preposition
        h = syntax.head[j]
        return syntax.dep[j] == "pobj" and h != j and self.d.lower[h] in syntax_words().get("topic", frozenset())

    def moved_participle(self, w: Span, k: int) -> int | None:
        """The participle of a moving word that qualifies the weapon's own phrase ('Leopard tanks donated by
        Denmark', 'howitzers supplied to Latvia'), if any: the weapon is what was moved whatever else the sentence
        does with it ('soldiers training on ...'), and the participle's 'by'/'to' phrases name its parties."""
        d, syntax = self.d, self.d.syntax
        if syntax is None:
            return None
        if not syntax.parsed[w.end - 1]:
            return None
        # the phrase's nouns: the mention's own tokens and a noun right after it that they hang from ('Leopard 1A5
        # tanks': the parse may hang the name and the noun apart)
        heads = set(range(w.start, w.end)) | {syntax.head[i] for i in range(w.start, w.end)
                                              if w.end <= syntax.head[i] < w.end + 3}
        for i in range(w.end, min(d.sents[k].end, w.end + 8)):
            if syntax.head[i] not in heads or syntax.dep[i] != "acl" or syntax.tag[i] != "VBN" or d.ent_types[i]:
                continue
            readings = d.g.triggers.get(d.lower[i])
            if readings and any(r[0] in PARTICIPLE_KINDS for r in readings):
                return i
        return None

    def clause_verb(self, t: int) -> int | None:
        """The transfer verb whose object the moving noun at t is ('the Greek government promised more shells and
        a delivery of BMP-1 vehicles': 'delivery' -> 'promised'), through coordination; None when the noun is no
        verb's object. The verb's subject is then a party of the noun's weapon ('promised': the giver)."""
        d, syntax = self.d, self.d.syntax
        assert syntax is not None
        j = t
        for _ in range(GROUP_STEPS):
            if syntax.dep[j] not in ("conj", "appos") or syntax.head[j] == j:
                break
            j = syntax.head[j]
        if syntax.dep[j] != "dobj":
            return None
        h = syntax.head[j]
        readings = d.g.triggers.get(d.lower[h]) if not d.ent_types[h] and syntax.pos[h] in ("VERB", "AUX") else None
        if not readings or not any(r[0] in CLAUSE_KINDS for r in readings):
            return None
        return h

    # ---- candidates --------------------------------------------------------------------------------------

    def window(self, k: int) -> list[ActorMention]:
        found: list[ActorMention] = []
        ks = set(range(max(0, k - WINDOW_BEFORE), k + WINDOW_AFTER + 1)) | set(range(LEAD_SENTENCES))
        for j in sorted(ks):
            found.extend(self.by_sentence.get(j, ()))
        return found

    def readings(self) -> dict[tuple[str, str, str], list[tuple[Span, dict[str, float]]]]:
        d = self.d
        out: dict[tuple[str, str, str], list[tuple[Span, dict[str, float]]]] = defaultdict(list)
        n_actors = len(self.counts)
        doc_features = {"doc:actors-log": math.log1p(n_actors), "doc:sentences-log": math.log1p(len(d.sents)),
                        "doc:weapons-log": math.log1p(len(d.weapon_ents))}
        for w in d.weapon_ents:
            if w.label_ != "WEAPON":
                continue
            weapon = w.ent_id_
            k = self.sent_index[d.sent_of(w.start).start]
            near = self.window(k)
            by_actor: dict[str, list[ActorMention]] = defaultdict(list)
            speakers = self.reporting(w)
            for m in near:
                if m.actor not in speakers:
                    by_actor[m.actor].append(m)
            actors = list(by_actor)
            suppliers = list(actors)
            base = dict(doc_features)
            base.update(self.sentence_features(k))
            if self.home and self.home not in by_actor and \
                    "cue:unnamed-actor" not in base:
                suppliers.append(self.home)  # the publisher's state, named elsewhere ('we', 'the United States')
            recipients = list(actors)
            if self.title_recipient and self.title_recipient not in by_actor:
                recipients.append(self.title_recipient)
            if self.vetoed(w, k, base):
                continue
            for sup in suppliers:
                for rec in recipients:
                    if sup != rec and not self.coordinated(sup, rec, k):
                        out[(sup, rec, weapon)].append((w, self.reading(w, k, sup, rec, by_actor, base)))
        self.windowed = set(out)
        for t in self.f.transfers.values():
            triple = (t.supplier, t.recipient, t.weapon)
            if t.weapon_mention is None or t.weapon in d.g.category_systems or triple in out:
                continue
            i = d.tok_index(t.weapon_mention.start - d.base)
            ruled = next((x for x in d.weapon_ents if x.start == i), None)
            if ruled is None:
                continue
            k = self.sent_index[d.sent_of(ruled.start).start]
            by_actor = defaultdict(list)
            for m in self.window(k):
                by_actor[m.actor].append(m)
            base = dict(doc_features)
            base.update(self.sentence_features(k))
            if self.vetoed(ruled, k, base):
                continue
            out[triple].append((ruled, self.reading(ruled, k, t.supplier, t.recipient, by_actor, base)))
        return out

    def reporting(self, w: Span) -> set[str]:
        """Actors named, within a weapon mention's window, only in the reporting clause of the claim the mention is
        in (outside the claim, in its sentence): they report the transfer or are where or with whom it was said
        ('Germany delivered Leopard tanks, Poland said'; '..., Duda said after meeting Chancellor Scholz'), no
        party. The speaker stays a party when the claim has a pronoun that can stand for it ('Ukraine said it
        received ...')."""
        d = self.d
        start = d.cstart(w.start) + d.base
        k = self.sent_index[d.sent_of(w.start).start]
        out: set[str] = set()
        around = [c for c in self.f.claims if c.start <= start < c.end]
        if not around:
            return out
        named: dict[str, list[ActorMention]] = defaultdict(list)
        for m in self.window(k):
            named[m.actor].append(m)
        for c in around:
            pronoun = bool(office_words().speaker_pronouns & set(c.text.lower().split()))
            for actor, ms in named.items():
                if actor == c.speaker and pronoun:
                    continue
                if all(m.sentence == k and not c.start <= d.cstart(m.start) + d.base < c.end for m in ms):
                    out.add(actor)
        return out

    def vetoed(self, w: Span, k: int, sentence: dict[str, float]) -> bool:
        """The rules' vetoes hold for the classifier too: nothing is read from a question, a negated or hypothetical
        sentence, a sentence whose only transfer words are a use or deployment, or a weapon mention the rules
        read as something else (its parts, its crews, ammunition for it, a version of it), or one that hangs from
        a use or deployment word in the parse."""
        if any(k in sentence for k in ("question", "cue:negation", "cue:hypothetical", "cue:third-party")):
            return True
        moving = any(f"trigger:{kind}" in sentence for kind in MOVING)
        if not moving and any(f"trigger:{kind}" in sentence for kind in NOT_MOVING):
            return True
        moved = self.moved_participle(w, k) is not None  # 'training on Leopard tanks donated by Denmark'
        if w.start not in self.kept(k) and not moved:
            return True
        # the mention hangs from a use or deployment word ('finance the production of 155 mm shells', 'the use of
        # Puma vehicles'): it is what is made or used there, not what moves
        anchor = self.anchor(w.start, w.end)
        if anchor is not None and anchor[1] in NOT_MOVING and not moved:
            return True
        # a negation or condition before the mention in its own clause ('..., but Berlin refuses to provide X')
        _, negated, hypothetical = self.rules.stages.cues(self.d.sents[k].start, w.start)
        return negated or hypothetical

    def coordinated(self, a: str, b: str, k: int) -> bool:
        """'Ukraine and Sweden are preparing ...': two actors joined by 'and' in sentence k give no direction."""
        d = self.d
        here = self.by_sentence.get(k, ())
        for m in here:
            if m.actor != a:
                continue
            for n in here:
                if n.actor == b and (n.start == m.end + 1 or m.start == n.end + 1) and \
                        d.lower[min(m.end, n.end)] in ("and", "&"):
                    return True
        return False

    def reading(self, w: Span, k: int, sup: str, rec: str, by_actor: dict[str, list[ActorMention]],
                base: dict[str, float]) -> dict[str, float]:
        """The features of one weapon mention read as moving from ``sup`` to ``rec``."""
        d = self.d
        weapon = w.ent_id_
        feats = dict(base)
        feats["doc:same-sentence-actors"] = float(len({m.actor for m in self.by_sentence.get(k, ())}))
        self._party(feats, "sup", sup, by_actor.get(sup, []), k, w)
        self._party(feats, "rec", rec, by_actor.get(rec, []), k, w)
        weapon_anchor = self.anchor(w.start, w.end)
        participle = self.moved_participle(w, k)
        if participle is not None:
            feats["weapon:moved-participle"] = 1.0
            if weapon_anchor is None or weapon_anchor[1] not in MOVING:
                weapon_anchor = (participle, "supply", "acl")  # what the weapon's own phrase says moved it
        if not any(f"trigger:{kind}" in base for kind in MOVING):
            feats["trigger:none-moving"] = 1.0  # 'maintenance and repair of equipment like F-16s': nothing moves
        if weapon_anchor is None or weapon_anchor[1] not in MOVING:
            feats["weapon:not-moved"] = 1.0  # 'the production of 155 mm shells': it hangs from no moving word
        verb = self.clause_verb(weapon_anchor[0]) if weapon_anchor is not None and weapon_anchor[1] == "noun" \
            else None
        if self.topic_of(w.start, w.end):
            feats["gate:weapon-topic"] = 1.0  # 'talks on Krab howitzers': what is talked about, not what moves
        if weapon_anchor is not None:
            feats[f"weapon:{weapon_anchor[2]}@{weapon_anchor[1]}"] = 1.0
            wp = self.path(w.start, w.end, weapon_anchor[0])
            if wp is not None:
                feats[f"weapon:path:{wp}@{weapon_anchor[1]}"] = 1.0
                steps = [step for step in wp.split(">") if step.startswith("pobj:")]
                if weapon_anchor[1] == "noun" and len(steps) > 1 and steps[-1] in INSIDE_STEPS:
                    # 'discussed a sale to Germany with Ukraine of its Leopard tanks': the weapon is the 'of' object
                    # of another phrase of the transfer noun, not of the noun itself
                    feats["weapon:inside-other-phrase"] = 1.0
            for prefix, actor in (("sup", sup), ("rec", rec)):
                for m in by_actor.get(actor, []):
                    if m.sentence != k:
                        continue
                    mp = self.path(m.start, m.end, weapon_anchor[0])
                    if mp is not None:
                        feats[f"{prefix}:path:{mp}@{weapon_anchor[1]}"] = 1.0
                    owned = self.owned(m)
                    if owned is not None and w.start <= owned < w.end:
                        feats[f"{prefix}:owns-weapon"] = 1.0
                    a = self.anchor(m.start, m.end, group=True)
                    if a is None:
                        continue
                    if a[2] == "obj" and a[1] == "supply" and a[0] < m.start and any(
                            d.words[i] in CLAUSE_MARKS for i in range(a[0] + 1, m.start)):
                        # the receiving object follows its verb directly ('send Ukraine IRIS-T', 'the tanks it
                        # promised Ukraine'): a state the parse hangs on the verb past a ';', ',' or ':' is the next
                        # clause's subject ('Germany will send Gepard guns; the Netherlands, PzH 2000 howitzers')
                        feats[f"{prefix}:other-trigger"] = 1.0
                        continue
                    if a[0] == weapon_anchor[0] or (a[0] in (verb, participle) and a[2] in CLAUSE_ROLES):
                        role = f"{prefix}:{a[2]}@{a[1]}"
                        feats[role] = 1.0
                        feats[f"{prefix}:same-trigger"] = 1.0
                        if role in AGREES:
                            feats["direction:agrees"] = 1.0
                        elif role in DISAGREES:
                            feats["direction:disagrees"] = 1.0
                    else:
                        feats[f"{prefix}:other-trigger"] = 1.0
        owner = self.rules.parties.own_state_of(w)
        if owner is not None:
            feats["owner:is-supplier" if owner == sup else "owner:is-recipient" if owner == rec
                  else "owner:other"] = 1.0
        if sup == self.home:
            feats["sup:home"] = 1.0
        if rec == self.title_recipient:
            feats["rec:title"] = 1.0
        sup_here = [m for m in by_actor.get(sup, []) if m.sentence == k]
        rec_here = [m for m in by_actor.get(rec, []) if m.sentence == k]
        if sup_here and rec_here:
            feats["pair:same-sentence"] = 1.0
            if min(m.start for m in sup_here) < min(m.start for m in rec_here):
                feats["pair:supplier-first"] = 1.0
            lo = min(m.start for m in sup_here + rec_here)
            hi = max(m.start for m in sup_here + rec_here)
            between = {m.actor for m in self.by_sentence.get(k, ()) if lo < m.start < hi} - {sup, rec}
            feats["pair:actors-between"] = float(len(between))
        if "direction:disagrees" in feats and "direction:agrees" not in feats:
            # the sentence reads this pair backwards ('the Ukrainian servicemen received Bulgarian mortars'): who
            # publishes and the title's one foreign state are priors about the document, not evidence against it
            feats.pop("sup:home", None)
            feats.pop("rec:title", None)
        if ("trigger:supply" in feats or "trigger:noun" in feats) and (
                feats.get("rec:to-for") or feats.get("sup:from")):
            feats["direction:surface-agrees"] = 1.0
        if feats.get("sup:to-for") or feats.get("rec:from"):
            feats["direction:surface-disagrees"] = 1.0
        if "trigger:receive" in feats and feats.get("sup:sentence-subject"):
            feats["direction:surface-disagrees"] = 1.0
        family = self.rule_triples.get((sup, rec, weapon))
        if family is not None:
            feats["rule:exact"] = 1.0
            feats[f"rule:{family}"] = 1.0
        if weapon in self.rule_weapons and family is None:
            feats["rule:weapon-elsewhere"] = 1.0
        if (sup, rec) in self.rule_pairs:
            feats["rule:pair"] = 1.0
        if (sup, weapon) in self.rule_suppliers:
            feats["rule:supplier-of-weapon"] = 1.0
        if (rec, weapon) in self.rule_recipients:
            feats["rule:recipient-of-weapon"] = 1.0
        start = d.cstart(w.start) + d.base
        if self.f.claim_spans().inside(start):
            feats["claim:inside"] = 1.0
        return feats

    def _party(self, feats: dict[str, float], prefix: str, actor: str, mentions: list[ActorMention], k: int,
               w: Span) -> None:
        if not mentions:
            feats[f"{prefix}:implicit"] = 1.0
            return
        distance = min(abs(m.sentence - k) for m in mentions)
        feats[f"{prefix}:close"] = 1.0 / (1.0 + distance)
        if distance == 0:
            feats[f"{prefix}:same-sentence"] = 1.0
        if any(m.sentence < LEAD_SENTENCES for m in self.mentions if m.actor == actor):
            feats[f"{prefix}:lead"] = 1.0
        total = len(self.mentions)
        feats[f"{prefix}:share"] = self.counts[actor] / total if total else 0.0
        if actor == self.top:
            feats[f"{prefix}:most-mentioned"] = 1.0
        if actor == self.first_actor:
            feats[f"{prefix}:first-named"] = 1.0
        here = [m for m in mentions if m.sentence == k]
        if here:
            nearest = min(here, key=lambda m: abs(m.start - w.start))
            feats[f"{prefix}:before-weapon"] = 1.0 if nearest.start < w.start else 0.0
            feats[f"{prefix}:token-close"] = 1.0 / (1.0 + abs(nearest.start - w.start) / 5.0)
            if self.rules.parties.first_actor(self.d.sents[k].start, self.d.sents[k].end) == actor:
                feats[f"{prefix}:sentence-subject"] = 1.0
            for m in here:
                for key, value in self.role_features(m, prefix).items():
                    feats[key] = max(feats.get(key, 0.0), value)


def candidates(d: TextDoc, f: Facts) -> list[Candidate]:
    """The candidate triples of one document, in a stable order, each with its features (see the module doc)."""
    if not d.weapon_ents:
        return []
    reader = _Reader(d, f)
    found: list[Candidate] = []
    for (sup, rec, weapon), readings in sorted(reader.readings().items()):
        merged: dict[str, float] = {}
        for _, feats in readings:
            for key, value in feats.items():
                if value > merged.get(key, 0.0):
                    merged[key] = value
        found.append(Candidate(sup, rec, weapon, readings[0][0], merged, list(readings),
                               (sup, rec, weapon) in reader.windowed))
    return found


def received_here(features: Mapping[str, float]) -> bool:
    """Whether a candidate's recipient has a receiving signal where the weapon is: an agreeing role of the parse,
    'to'/'for' before it, a surface reading in the pair's direction, or the title's recipient; a recipient named
    outside the weapon's sentence passes (the window's priors decide there). A state named in the sentence with no
    such signal is some other party of it ('Germany will send Gepard guns; the Netherlands, PzH 2000 howitzers':
    the Netherlands gives, it does not receive)."""
    return (any(k in AGREES for k in features if k.startswith("rec:")) or "rec:to-for" in features
            or "rec:title" in features or "direction:surface-agrees" in features
            or "rec:same-sentence" not in features)


def unsupported_in_claim(features: Mapping[str, float]) -> bool:
    """Whether a pair is read inside someone's reported speech with nothing of the parse for it: its supplier the
    subject of no clause (``sup:subject``) and neither party in a role agreeing with the pair (``direction:agrees``,
    supplier or recipient): in speech the window's priors (the most named
    state, the title's recipient, the publisher's state) name the speaker's topic, not a giver (session 20: most
    of the wrong additions on statements, left one split out)."""
    return "claim:inside" in features and "sup:subject" not in features and "direction:agrees" not in features


def parse_gate(triples: Sequence[tuple[str, str, str]], probabilities: Sequence[float],
               features: Sequence[Mapping[str, float]], gates: Collection[str] = ()) -> list[float]:
    """The probabilities the learned component decides on (session 13: precision first on unseen text): 0 for a
    triple whose recipient has no receiving signal in the weapon's sentence (``received_here``) and for a weapon
    the parse gives two givers or two takers in the same role (``relation_model.uncontested``); with
    ``CLAIM_GATE`` in ``gates`` (the model file's), 0 for a pair ``unsupported_in_claim`` too."""
    claims = CLAIM_GATE in gates
    kept = [p if received_here(f) and "weapon:inside-other-phrase" not in f and "gate:weapon-topic" not in f
            and not (claims and unsupported_in_claim(f)) else 0.0
            for p, f in zip(probabilities, features, strict=True)]
    return uncontested(triples, kept, features, AGREES)

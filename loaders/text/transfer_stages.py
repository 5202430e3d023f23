"""The transfer words of a span and the stage, negation and hypothetical cues around them."""

from __future__ import annotations

from itertools import pairwise

from armsgraph.loaders.text.passed_on import directed, unpassed
from armsgraph.loaders.text.refusals import refusing_negation
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_words import (
    NOT_YET,
    PASSIVE_AUX,
    REPORTED_STAGES,
    pick_stage,
    syntax_words,
)


class Stages:
    """Transfer words and stage cues."""

    def __init__(self, d: TextDoc) -> None:
        self.d = d
        """The parsed document (read-only)."""

    def stage_at(self, stages: list[str], past: bool, t: int) -> str:
        """The stage of a transfer word at token t: its clause's strongest cue, except that a past-tense transfer
        verb that happened is delivered whatever reported or promised it; without a cue, a past form that happened
        -> delivered, else pledged."""
        picked = pick_stage(stages)
        # the transfer word itself may name its stage ('pledged', 'promised', 'committed'): then that stage
        # a past delivery word of its own ('have arrived', 'received') happened too: 'The Leopard 2 tanks Germany
        # promised have arrived' is the later stage, delivered
        own = self.d.g.stage_cues.get(self.d.lower[t])
        happened = past and own in (None, "delivered") and not self._not_yet(t)
        if happened and (picked is None or picked in REPORTED_STAGES):
            return "delivered"
        if set(stages) == {"delivered"} and self._not_yet(t):
            return "pledged"  # 'are to be handed over': the delivery cue is the transfer word's own, still ahead
        # 'are to be donated', 'will be sent' with no cue: a past participle after a word of the future is pledged
        return picked or ("delivered" if happened else "pledged")

    def done_after(self, start: int, end: int) -> list[str]:
        """'the delivery of Gepards to Ukraine was completed': a passive 'delivered' or completion cue
        (``cues.csv`` kind ``completion``) after a transfer noun's phrase is the stage of that transfer (the cues
        before the noun cannot see it)."""
        for i in range(start + 1, end):
            low = self.d.lower[i]
            done = self.d.g.stage_cues.get(low) == "delivered" or self.d.g.cues.get(low) == "completion"
            if done and self.d.lower[i - 1] in PASSIVE_AUX:
                return ["delivered"]
        return []

    def done_before(self, t: int) -> list[str]:
        """'Denmark completed the delivery of 19 Caesar howitzers': a completion cue (past tense, ``cues.csv`` kind
        ``completion``) right before a transfer noun at t, 'the'/'its'/'their' between, is delivered; not after a
        word of the future ('will have completed', 'to be finished')."""
        k = t - 2 if t >= 2 and self.d.lower[t - 1] in ("the", "its", "their", "a") else t - 1
        if k < 0 or self.d.g.cues.get(self.d.lower[k]) != "completion":
            return []
        return [] if self._not_yet(k) else ["delivered"]

    def _not_yet(self, t: int) -> bool:
        """A word of the future in the three words before t ('will be sent', 'are to be donated'); the month
        ('In May, Norway delivered') is written with a capital and is none."""
        # 'to' of an infinitive ('to be sent'), not the preposition of 'promised to Ukraine have arrived'
        return any(self.d.lower[i] in NOT_YET and self.d.words[i] != "May" and (
            self.d.lower[i] != "to" or i + 1 == t or self.d.lower[i + 1] in ("be", "have", "get"))
            for i in range(max(0, t - 3), t))

    def _open_option_after(self, i: int, end: int) -> bool:
        """'not rule out', 'does not exclude': a negation whose next words leave the option open."""
        words = self.d.lower[i + 1 : min(end, i + 4)]
        pairs = [f"{a} {b}" for a, b in pairwise(words)]
        return any(self.d.g.cues.get(w) == "open-option" for w in [*words[:2], *pairs[:2]])

    def _reports(self, word: str) -> bool:
        """A speech verb or a reporting/decision verb ('announced', 'confirmed', 'agreed', 'promised'): after it,
        'would' is the future of what was reported ('announced that it would send'), not a hypothetical."""
        return word in self.d.g.speech_verbs or (
            word.endswith("ed") and self.d.g.stage_cues.get(word) in ("announced", "approved", "pledged"))

    def cues(self, start: int, end: int) -> tuple[list[str], bool, bool]:
        """The stage cues of [start, end), and whether a negation or a hypothetical cue is among them; a refusal
        cue ('refused', 'declined') is the stage declined, unless a negation before it undoes it ('did not refuse')."""
        stages: list[str] = []
        negated = hypothetical = False
        for i in range(start, end):
            low = self.d.lower[i]
            if self.d.words[i] == "May":
                continue  # the month ('on 6 May', 'In May, Norway delivered'): the modal is written lower-case
            pair = low + " " + self.d.lower[i + 1] if i + 1 < len(self.d.doc) else low
            for cue in (pair, low):
                if cue in self.d.g.stage_cues:
                    stages.append(self.d.g.stage_cues[cue])
                    if cue == pair and pair != low:
                        break  # 'possible sale' is an approval's wording: its first word is not a cue of its own
                kind = self.d.g.cues.get(cue)
                if kind in ("negation", "refusal") and self._open_option_after(i, end):
                    stages.append("considered")  # 'does not rule out delivering': considered, not refused
                elif kind == "refusal" and not negated:
                    stages.append("declined")  # 'refused to supply': the supplier's refusal, a stage of its own
                elif kind == "negation" and cue == low and refusing_negation(self.d.lower, i, self.d.sent_of(i).end):
                    stages.append("declined")  # 'Germany will not deliver Taurus': the supplier's refusal
                elif kind == "negation":
                    negated = True
                elif kind == "hypothetical" and cue == "so that" and self._stated_outcome(i + 2, end):
                    pass  # 'agreed to a joint action, so that Ukraine will receive ...': the outcome, not a purpose
                elif kind == "hypothetical":
                    # the reporting verb may open the sentence before the clause read ('The ministry said that
                    # the increase would allow it to send ...')
                    if cue == "would" and (any(self._reports(w) for w in self.d.lower[self.d.sent_of(start).start : i])
                                           or self._reported_after(i)):
                        stages.append("pledged")  # 'said the United States would provide': reported future
                    else:
                        hypothetical = True
        return stages, negated, hypothetical

    def _reported_after(self, i: int) -> bool:
        """'Poland would send MiG-29 jets to Ukraine, Duda said.': the sentence ends with a comma and a short
        report ('..., X said', '..., said a spokesman'), so its 'would' at token i is the future of what was said."""
        end = self.d.sent_of(i).end
        for k in range(end - 1, i, -1):
            if self.d.lower[k] == ",":
                tail = self.d.lower[k + 1 : end]
                # no condition anywhere after it ('would send ... if NATO agreed, Duda said')
                return 0 < len(tail) <= 10 and any(w in self.d.g.speech_verbs for w in tail) \
                    and not any(self.d.g.cues.get(w) == "hypothetical" for w in self._words_and_pairs(i + 1, end))
        return False

    def _words_and_pairs(self, start: int, end: int) -> list[str]:
        """The words of [start, end) and each two-word phrase (the two-word cues: 'in case', 'so that')."""
        words = self.d.lower[start:end]
        return [*words, *(a + " " + b for a, b in pairwise(words))]

    def _stated_outcome(self, start: int, end: int) -> bool:
        """'so that' then 'will'/'shall' before the transfer word states what follows from a decision ('so that Ukraine
        will receive'); a purpose ('so that we can send', 'so that Ukraine gets') stays hypothetical."""
        return any(self.d.lower[k] in ("will", "shall") for k in range(start, min(end, start + 6)))

    def triggers(self, s: int, e: int, after_package: bool = False) -> list[tuple[int, str, str]]:
        """The transfer words of [s, e) as (token, kind, tense); ``after_package``: 'It includes' may list aid."""
        found: list[tuple[int, str, str]] = []
        for i in range(s, e):
            low = self.d.lower[i]
            if low not in self.d.g.triggers or self.d.ent_types[i]:
                continue
            readings = self.d.g.triggers[low]
            nxt = self.d.lower[i + 1] if i + 1 < e else ""
            prev = self.d.lower[i - 1] if i > s else ""
            kind, tense = next((r for r in readings if r[0] != "noun"), readings[0])
            if nxt == "of" and any(r[0] in ("supply", "noun") for r in readings):
                kind, tense = "noun", "noun"
            elif kind == "noun":
                continue
            if kind == "supply" and tense in ("present", "base") and prev in ("the", "a", "an", "its", "our", "their"):
                continue
            if low in syntax_words()["directed"] and not directed(self.d.lower, i, e):
                continue  # 'heading a coalition': it moves only towards a place ('heading to Ukraine')
            if unpassed(self.d.lower, i, self.d.sent_of(i).start, e):
                continue  # 'passed a law': it moves only on ('pass on D-30 howitzers', 'pass them on to Kyiv')
            if low in ("order", "orders") and (prev == "in" or nxt in ("to", "of")):
                continue  # 'in order to', 'the order of battle': no purchase
            if kind == "request" and (prev in ("the", "a", "an", "its", "our", "their") or (
                    low.startswith("ask") and "for" not in self.d.lower[i + 1 : min(e, i + 5)])):
                continue  # 'a request', 'asked Germany to send': no request of a weapon here
            found.append((i, kind, tense))
        # 'including X' lists what a package or a supply verb carries, nothing else ('including announcements');
        # 'It includes X' after a sentence about a package is that package
        has_aid = after_package or any(w in self.d.g.aid_words for w in self.d.lower[s:e])
        kept: list[tuple[int, str, str]] = []
        for trig in found:
            if trig[1] == "include" and not has_aid and not any(k in ("supply", "noun") for _, k, _ in kept):
                continue
            kept.append(trig)
        found = kept
        if not found:
            for i in range(s, e):
                low = self.d.lower[i]
                if self.d.g.aid_words.get(low) == "package" and (low.endswith("s") or self.d.lower[i - 1] != "the"):
                    found.append((i, "aid", "noun"))
        return found

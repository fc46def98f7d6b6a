"""Why a draft claim is unverifiable: what was looked for, and what came closest.

"Unverifiable" alone leaves an editor guessing whether the corpus is silent or
checker missed the source. So the verdict says what the claim measures and
its value, and either the corpus claims that came nearest to being the same
fact (the scorer's candidate pairs, likeliest first, with the evidence in
words) or why there was none: no corpus article tells the story, the ones that
do give nothing of its kind, or the claim is not one the engine compares (a
dateline, the day something was reported, the old side of a change).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from .engine import Ruleset
from .engine.align import Scored
from .engine.corpus import Corpus
from .engine.roles import DateRole
from .engine.values import describe
from .engine.window import WINDOW_DAYS
from .models import Claim, Kind
from .verdicts import Candidate, Why
from .wording import counted

SHOWN = 3  # candidates shown at most
BUCKETS = {Kind.MONEY: "figures", Kind.PERCENT: "figures", Kind.QUANTITY: "figures", Kind.COUNT: "figures",
           Kind.DATE: "dates", Kind.TIME: "times", Kind.PLACE: "places"}
RULE_CHECKS = {"figures": "cross_source_figures", "dates": "cross_source_dates",
               "times": "cross_source_times", "places": "cross_source_places"}
MEASURES = {Kind.MONEY: "an amount of money", Kind.PERCENT: "a percentage", Kind.QUANTITY: "a quantity",
            Kind.COUNT: "a count", Kind.DATE: "a date", Kind.TIME: "a time of day",
            Kind.PLACE: "a place", Kind.QUOTE: "a quotation"}
NOT_COMPARED = {
    DateRole.DATELINE: "a dateline, when the article appeared: not compared with other sources",
    DateRole.REPORTING: "the day something was reported, not when it happened: not compared with other sources",
    DateRole.QUOTED: "inside a quotation, someone's words: checked as part of the quote",
}


def measures(claim: Claim) -> str:
    """What a claim measures, in words: its kind, unit, predicate and subject."""
    what = MEASURES[claim.kind]
    if claim.kind in (Kind.PERCENT, Kind.QUANTITY, Kind.COUNT) and claim.unit:
        what += f" ({claim.unit})"
    if claim.kind is Kind.QUOTE:
        return what + (f" of {claim.speaker}" if claim.speaker else ", its speaker not named")
    if claim.predicate:
        what += f", for {claim.predicate}"
    return what + (f" ({claim.subject})" if claim.subject else "")


class Explainer:
    """Explanations for the unverifiable claims of one draft's run, from the engine's view of
    that run (`engine.corpus_of`: the same claims, documents and declarations), whose scored
    pairs it shares: `claims` as they were given to it."""

    def __init__(self, corpus: Corpus, claims: list[Claim], ruleset: Ruleset):
        self.corpus, self.ruleset = corpus, ruleset
        self.originals = {c.id: c for c in claims}
        self._indexes: dict[tuple[str, int], dict[str, list[tuple[Scored, Claim]]]] = {}

    def why(self, claim: Claim) -> Why:
        value, what = (f"“{claim.value}”" if claim.kind is Kind.QUOTE else describe(claim)), measures(claim)
        if claim.kind is Kind.QUOTE:
            candidates, note = self._quotes(claim)
            return Why(value, what, candidates, note)
        bucket = BUCKETS[claim.kind]
        window = self._window(bucket)
        if window is None:
            return Why(value, what, note=f"the rule comparing {bucket} is switched off")
        if claim.id not in self._compared[bucket]:
            return Why(value, what, note=self._not_compared(claim))
        pairs = self._pairs(bucket, window).get(claim.id, [])
        if not pairs:
            return Why(value, what, note=self._no_candidates(claim, bucket, window))
        shown = [Candidate(self.originals[other.id], s.p, s.score.reasons(s.a, s.b)) for s, other in pairs[:SHOWN]]
        return Why(value, what, shown)

    def _window(self, bucket: str) -> int | None:
        rules = [r for r in self.ruleset.rules if r.spec.enabled and r.spec.check == RULE_CHECKS[bucket]]
        return int(rules[0].param("window_days", WINDOW_DAYS)) if rules else None

    @cached_property
    def _compared(self) -> dict[str, set[str]]:
        return {bucket: {c.id for c in claims} for bucket, claims in self.corpus.compared.items()}

    @cached_property
    def _live(self) -> set[str]:
        return {c.id for c in self.corpus.live}

    @cached_property
    def _engine_claims(self) -> dict[str, Claim]:
        """The engine's copies of the claims: one name per person across the run."""
        return {c.id: c for c in self.corpus.claims}

    def _pairs(self, bucket: str, window: int) -> dict[str, list[tuple[Scored, Claim]]]:
        """Claim id -> its scored candidate pairs and the other claim, likeliest first."""
        if (bucket, window) not in self._indexes:
            self._indexes[(bucket, window)] = _indexed(self.corpus.scored_pairs(bucket, window))
        return self._indexes[(bucket, window)]

    def _not_compared(self, claim: Claim) -> str:
        if claim.id not in self._live:
            return "the old side of a change, not a figure stated as fact: not compared with other sources"
        if claim.id in self.corpus.time_anchors:
            return "a year that only says when a figure holds: not compared with other sources"
        role = self.corpus.roles.of(claim)
        return NOT_COMPARED.get(role, "not compared with other sources")

    def _no_candidates(self, claim: Claim, bucket: str, window: int) -> str:
        partners = [pair for pair in self.corpus.stories(window).pairs() if claim.document in pair]
        if not partners:
            return "no corpus article tells this story"
        if len(partners) == 1:
            return "the one corpus article telling this story gives nothing of its kind to compare"
        return f"the {len(partners)} corpus articles telling this story give nothing of its kind to compare"

    def _quotes(self, claim: Claim) -> tuple[list[Candidate], str]:
        """The speaker's other quotes in the corpus, those sharing most words first."""
        speaker = self._engine_claims[claim.id].speaker
        if not speaker:
            return [], "no speaker named: quotes are compared by who said them"
        theirs = [c for c in self.corpus.claims if c.kind is Kind.QUOTE and c.speaker == speaker
                  and c.document != claim.document]
        if not theirs:
            return [], f"no corpus article quotes {speaker}"
        mine = _words(claim)
        ranked = sorted(theirs, key=lambda c: (-len(mine & _words(c)) / max(len(mine | _words(c)), 1), c.document, c.start))
        shown = [Candidate(self.originals[c.id], None, counted(len(mine & _words(c)), "word") + " in common")
                 for c in ranked[:SHOWN]]
        if len(theirs) == 1:
            return shown, f"the corpus's one quote of {speaker} was not taken as the same remark"
        return shown, f"none of the corpus's {len(theirs)} quotes of {speaker} was taken as the same remark"


def _words(claim: Claim) -> set[str]:
    return set(re.findall(r"[\w']+", str(claim.value).lower()))


def _indexed(scored: list[Scored]) -> dict[str, list[tuple[Scored, Claim]]]:
    found: dict[str, list[tuple[Scored, Claim]]] = defaultdict(list)
    for s in scored:
        found[s.a.id].append((s, s.b))
        found[s.b.id].append((s, s.a))
    for listed in found.values():
        listed.sort(key=lambda pair: (-pair[0].p, pair[1].document, pair[1].start))
    return found

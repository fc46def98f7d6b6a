"""From scored pairs to facts: one-to-one alignment, and groups that hold together.

Between two articles of a story a claim is taken as the same fact as at
most one claim of the other: its best partner, when that claim's best
partner is it too (mutual best). A second, small model (fitted with the
scorer) turns an aligned pair's score and its lead over the runners-up into
the probability that it is one fact. A pair whose values do not agree is
aligned on its frame (the score with the values left out), and a third model
weighs whether it is one fact told two ways: an article that gives two
different figures of one kind offers more than one partner, and two figures
with the same digits in another order are an outlet's slip far more often
than two facts. Agreement groups grow only with claims compatible
with every member: no chain of "about" and "at least" can put a toll of 12
and a toll of 4,000 in one group.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from ..lexicon import load_lexicon
from ..models import Claim, Kind
from .declared import Declared
from .matching import dimension, predicate_group
from .place_values import site_words
from .scoring import (
    EVENT_KINDS,
    Model,
    PairContext,
    PairScore,
    PairScorer,
    calendar_slip,
    features,
    share_word,
    slip,
    stated_time,
)
from .stories import Stories
from .values import overlap

FRAME_EVIDENCE = ("predicate_same", "subject_clash", "chance", "anchor_clash")  # the scorer's features the conflict model reads again
MAX_RIVALS = 6  # other values of a dimension in the two articles at which the conflict model's feature is full
MAX_LEAD = 4.0  # log-odds of lead over the runner-up counted at most (no rival: this much)


@dataclass(frozen=True)
class Scored:
    a: Claim
    b: Claim
    score: PairScore

    @property
    def p(self) -> float:
        return self.score.probability


def block(claim: Claim) -> str | None:
    """What a claim is compared with: its dimension, except that counts of any thing meet
    ("3,000 jobs" and "three thousand positions"): the scorer weighs the counted noun."""
    return "count" if claim.kind is Kind.COUNT else dimension(claim)


def candidates(claims: Iterable[Claim], stories: Stories) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of claims of one block from two articles of one story, in a stable order."""
    by_place: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    dimensions: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        dim = block(claim)
        if dim:
            by_place[(claim.document, dim)].append(claim)
            dimensions[claim.document].add(dim)
    for first, second in stories.pairs():
        for dim in sorted(dimensions[first] & dimensions[second]):
            for a in by_place[(first, dim)]:
                for b in by_place[(second, dim)]:
                    if same_period(a, b):
                        yield a, b


def may_contradict(a: Claim, b: Claim) -> bool:
    """Counts contradict only when both name what they count and it is one thing ("two
    children" and "five women" are two facts; a bare "36" may be an age), or when one names
    nothing and has its partner's digits in another order (a bare "168,000" against "about
    186,000 heaters": `scoring.slip`); places only where one thing happened (`one_event`:
    "lived in South Ozone Park" and "struck in Queens" are two facts, the second no correction
    of the first)."""
    if a.kind is Kind.PLACE:
        return one_event(a, b)
    if a.kind is not Kind.COUNT or (a.unit and b.unit and dimension(a) == dimension(b)):
        return True
    return not (a.unit and b.unit) and slip(a, b) is not None


def same_period(a: Claim, b: Claim) -> bool:
    """Figures stated for periods that do not meet ("3.1% in May", "2.8% in June") are two
    facts by definition, a change at most: never compared. (An event's when and where are
    compared whatever day each sentence gives: that day may be the error.)"""
    if a.kind in EVENT_KINDS:
        return True
    ta, tb = stated_time(a), stated_time(b)
    return not (ta and tb) or overlap(ta, tb)


def score_pairs(claims: Iterable[Claim], stories: Stories, scorer: PairScorer, pair: PairContext) -> list[Scored]:
    return [Scored(a, b, scorer.score(a, b, pair)) for a, b in candidates(claims, stories)]


def obey(declared: Declared, scored: list[Scored], claims: list[Claim]) -> list[Scored]:
    """The scored pairs as the settings have it: pairs declared two facts dropped, pairs
    declared one fact certain (added when the scorer never met them, if comparable)."""
    if not declared.same and not declared.different:
        return scored
    met = {(s.a.id, s.b.id) for s in scored} | {(s.b.id, s.a.id) for s in scored}
    kept = []
    for s in scored:
        said = declared.verdict(s.a, s.b)
        if said is not False:
            kept.append(_certain(s.a, s.b, s.score.shared) if said else s)
    for a, b in combinations([c for c in claims if declared.named_same(c)], 2):
        if a.document != b.document and (a.id, b.id) not in met and block(a) == block(b) and declared.verdict(a, b):
            kept.append(_certain(a, b, ()))
    return kept


def _certain(a: Claim, b: Claim, shared: tuple[str, ...]) -> Scored:
    sure = 1.0 - 1e-6
    return Scored(a, b, PairScore(sure, {"declared": 1.0}, shared, sure))


def _same_value(x: Claim, y: Claim) -> bool:
    return (x.value, x.low, x.high, x.unit) == (y.value, y.low, y.high, y.unit)


def _partners(scored: list[Scored], by: Callable[[Scored], float] = lambda s: s.p
              ) -> dict[tuple[str, str], list[tuple[float, Claim]]]:
    """(claim id, other document) -> its partners there, likeliest first (`by`: the measure)."""
    found: dict[tuple[str, str], list[tuple[float, Claim]]] = defaultdict(list)
    for s in scored:
        found[(s.a.id, s.b.document)].append((by(s), s.b))
        found[(s.b.id, s.a.document)].append((by(s), s.a))
    for listed in found.values():
        listed.sort(key=lambda pc: (-pc[0], pc[1].start))
    return found


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _lead(listed: list[tuple[float, Claim]]) -> float:
    """How far (in log-odds) the best partner is ahead of the best one of another value."""
    p, best = listed[0]
    rivals = [q for q, other in listed[1:] if not _same_value(other, best)]
    return min(MAX_LEAD, logit(p) - logit(rivals[0])) if rivals else MAX_LEAD


@dataclass(frozen=True)
class Aligned:
    """A mutual-best pair and the probability that it is one fact, given that it is aligned."""

    scored: Scored
    probability: float
    features: dict[str, float]  # what the model read (`alignment_features`, `conflict_features`)

    @property
    def a(self) -> Claim:
        return self.scored.a

    @property
    def b(self) -> Claim:
        return self.scored.b


def alignment_features(s: Scored, lead: float, alone: bool) -> dict[str, float]:
    """The stage-one log-odds; the lead over runners-up of another value; whether neither claim
    had any other candidate in the other article; whether they are dates, times or places (an
    event's when and where)."""
    return {"logit": logit(s.p), "lead": lead / MAX_LEAD, "alone": float(alone), "event": float(s.a.kind in EVENT_KINDS)}


def aligned(scored: list[Scored], model: Model) -> list[Aligned]:
    """Mutual best pairs, likeliest first, each with the alignment model's probability: how
    likely an aligned pair is one fact, from its score and its lead over the runners-up."""
    kept = []
    for s, mine, theirs in _mutual_best(scored, _partners(scored)):
        values = alignment_features(s, min(_lead(mine), _lead(theirs)), len(mine) == len(theirs) == 1)
        kept.append(Aligned(s, model.probability(values), values))
    return _likeliest_first(kept)


def _mutual_best(scored: list[Scored], partners: dict[tuple[str, str], list[tuple[float, Claim]]]
                 ) -> Iterator[tuple[Scored, list[tuple[float, Claim]], list[tuple[float, Claim]]]]:
    """The pairs each of whose claims is the other's best partner in its article, with both
    claims' partner lists there (likeliest first)."""
    for s in scored:
        mine, theirs = partners[(s.a.id, s.b.document)], partners[(s.b.id, s.a.document)]
        if mine[0][1].id == s.b.id and theirs[0][1].id == s.a.id:
            yield s, mine, theirs


def _likeliest_first(pairs: list[Aligned]) -> list[Aligned]:
    return sorted(pairs, key=lambda x: (-x.probability, x.a.document, x.a.start, x.b.document, x.b.start))


class Agreeing:
    """The pairs aligned in agreement, as a conflict needs them: which claims already have their
    partner in a document."""

    def __init__(self, pairs: Iterable[Aligned]):
        self.taken: set[tuple[str, str]] = set()
        for s in pairs:
            self.taken |= {(s.a.id, s.b.document), (s.b.id, s.a.document)}

    def free(self, s: Scored) -> bool:
        """Neither claim has its partner in the other's document yet."""
        return (s.a.id, s.b.document) not in self.taken and (s.b.id, s.a.document) not in self.taken


def one_event(a: Claim, b: Claim) -> bool:
    """Places contradict only where the same thing happened: their event words meet ("signed
    in Riga" / "signed in Pärnu"); a story's many places ("in Queens", "in Richmond Hill") are
    otherwise different places of one event, or nested in each other. Event words meet when
    they share a word or the synonym lexicon groups them ("sank" / "capsized"); or the two
    places locate one site ("the Tlou mine near Rustenburg" / "the Tlou mine near Polokwane",
    `place_values.site_words`)."""
    if a.kind is not Kind.PLACE:
        return True
    ga, gb = predicate_group(a.predicate), predicate_group(b.predicate)
    if share_word(a.predicate, b.predicate) or bool(ga and ga == gb and ga.startswith("g#")):
        return True
    return bool(site_words(a) & site_words(b))


def relative_day(claim: Claim) -> bool:
    """A day written without a number or a month ("Saturday", "today", "last Monday"): read
    against its article's publication date, so two outlets publishing on different days may
    each be right ("the seventh of April" names its day)."""
    return (claim.kind is Kind.DATE and claim.granularity in ("day", "weekday") and not any(ch.isdigit() for ch in claim.text)
            and not any(word in load_lexicon().month_of for word in claim.text.split()))


def conflict_features(s: Scored, pair: PairContext) -> dict[str, float]:
    """What the conflict model reads of a frame-aligned pair whose values do not agree: how
    likely one fact were the values alike (the frame score), whether an event's when or where,
    whether either tells of an earlier event, whether either is a day read against a
    publication date the other lacks (`relative_day`), whether both write the same words
    ("today" and "today" read against two publication dates: the outlets differ only in when
    they wrote), four pieces of the scorer's own evidence whose sum alone cannot tell a slip
    of the pen from two facts of one kind (the predicates meet, the subjects clash, the chance
    of meeting the partner by chance, each sentence gives another figure of one kind and none
    in common: "the 11-inch model ... 5 hours" against "the 15-inch model ... 7 hours"),
    whether the values differ as a slip of the pen does (`scoring.slip`), and how many other
    values of the dimension the two articles give (an article that gives three screen sizes
    or two wages offers more than one partner), and whether two days or clocks differ as a slip does
    (`scoring.calendar_slip`). Fitted held out by story (`benchmarks/fit_scorer.py`)."""
    said = features(s.a, s.b, pair)[0]
    relative = (relative_day(s.a) or relative_day(s.b)) and pair.days_apart(s.a, s.b) > 0
    return {"logit": logit(s.score.frame), "event": float(s.a.kind in EVENT_KINDS),
            "background": float(pair.background(s.a) or pair.background(s.b)), "relative": float(relative),
            "same_text": float(s.a.text.lower() == s.b.text.lower()),
            **{f: said[f] for f in FRAME_EVIDENCE}, "slip": float(slip(s.a, s.b) is not None),
            "rivals": min(pair.rivals(s.a) + pair.rivals(s.b), MAX_RIVALS) / MAX_RIVALS,
            "calendar_slip": float(calendar_slip(s.a, s.b))}



def conflicts(scored: list[Scored], agreeing: Agreeing, pair: PairContext, model: Model) -> list[Aligned]:
    """Pairs of claims whose values do not agree, aligned on what they say rather than on their
    values: among the claims of two articles not already aligned in agreement, mutual best by
    the probability they would be one fact had the values been alike, and values that do not
    agree (`pair.apart`), no article of the story stating both (`pair.restated`: the two ages
    of two boxers, a price with and without debt). Each with the conflict model's probability
    that it is one fact told two ways."""
    free = [s for s in scored if agreeing.free(s)]
    kept = []
    for s, _, _ in _mutual_best(free, _partners(free, by=lambda s: s.score.frame)):
        if pair.apart(s.a, s.b) is not None and not pair.restated(s.a, s.b):
            values = conflict_features(s, pair)
            kept.append(Aligned(s, model.probability(values), values))
    return _likeliest_first(kept)


def groups(pairs: list[Aligned], compatible: Callable[[Claim, Claim], bool]) -> list[list[Claim]]:
    """Agreement groups from compatible aligned pairs (likeliest first): a claim or group joins
    another only when every member of one is compatible with every member of the other."""
    group_of: dict[str, int] = {}
    members: list[list[Claim]] = []
    for s in pairs:
        ga, gb = group_of.get(s.a.id), group_of.get(s.b.id)
        if ga is not None and ga == gb:
            continue
        left = members[ga] if ga is not None else [s.a]
        right = members[gb] if gb is not None else [s.b]
        if not all(compatible(x, y) for x in left for y in right):
            continue
        target = ga if ga is not None else gb if gb is not None else len(members)
        if target == len(members):
            members.append([])
        for claim in (c for c in left + right if group_of.get(c.id) != target):
            members[target].append(claim)
            group_of[claim.id] = target
        for other in {ga, gb} - {target, None}:
            members[other] = []
    return [m for m in members if m]

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
from .actors import actors_clash
from .declared import Declared
from .matching import converts, dimension
from .measures import physical_dimension
from .place_values import site_words, sites_clash
from .scoring import (
    EVENT_KINDS,
    Model,
    PairContext,
    PairScore,
    PairScorer,
    calendar_slip,
    features,
    same_event,
    slip,
    stated_time,
    whole_digits,
)
from .stories import Stories
from .values import overlap

FRAME_EVIDENCE = ("predicate_same", "subject_clash", "chance", "anchor_clash")  # the scorer's features the conflict model reads again
MAX_RIVALS = 6  # other values of a dimension in the two articles at which the conflict model's feature is full
SLIP_DIGITS = 3  # digits a count that names nothing needs for its slip to be read as one fact's (168,000, not 14)
Restated = Callable[[Claim, Claim], bool]  # whether the first claim restates the second in its article
MAX_LEAD = 4.0  # log-odds of lead over the runner-up counted at most (no rival: this much)
PLAINER = 1.5  # log-odds by which a pair's frame must beat a claim's agreeing partner's to be compared after all


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


def agreement_block(claim: Claim) -> str | None:
    """What a claim may agree with: its block with the rate's "per" left out ("R15,000" in one
    outlet, "R15,000 a month" in another; `same_per` keeps "a month" from meeting "an hour"),
    and a duration in any unit of time ("24 months" and "two years"): the values must agree
    besides, so a looser block joins restatements, never two values."""
    if claim.kind is Kind.QUANTITY and physical_dimension(claim.unit) == "duration":
        return "quantity duration"
    found = block(claim)
    return found.split(" per ")[0] if found else None


def same_per(a: Claim, b: Claim) -> bool:
    """Rates of one period, or a figure whose outlet left the period out."""
    return not (a.per and b.per) or a.per == b.per


def candidates(claims: Iterable[Claim], stories: Stories, key: Callable[[Claim], str | None] = block
               ) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of claims of one block (`key`) from two articles of one story, in a stable order."""
    by_place: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    dimensions: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        dim = key(claim)
        if dim:
            by_place[(claim.document, dim)].append(claim)
            dimensions[claim.document].add(dim)
    for first, second in stories.pairs():
        for dim in sorted(dimensions[first] & dimensions[second]):
            for a in by_place[(first, dim)]:
                for b in by_place[(second, dim)]:
                    if same_period(a, b) and same_per(a, b):
                        yield a, b


def may_contradict(a: Claim, b: Claim) -> bool:
    """Counts contradict only when both name what they count and it is one thing ("two
    children" and "five women" are two facts; a bare "36" may be an age), or when one names
    nothing, or only people (`names_what_it_counts`), and has its partner's three or more digits
    in another order (a bare "168,000" against "about 186,000 heaters": `scoring.slip`; a
    story's many small counts swap two digits by chance, "41 were evacuated" and "14 were
    rescued"); places only where one thing happened (`one_event`: "lived in South Ozone Park"
    and "struck in Queens" are two facts, the second no correction of the first)."""
    if a.kind is Kind.PLACE:
        return one_event(a, b)
    if a.kind is not Kind.COUNT or (a.unit and b.unit and dimension(a) == dimension(b)):
        return True
    return not (names_what_it_counts(a) and names_what_it_counts(b)) and slip(a, b) is not None \
        and min(whole_digits(a), whole_digits(b)) >= SLIP_DIGITS


def names_what_it_counts(claim: Claim) -> bool:
    """Whether a count names what it counts beyond people in general ("14,812 people" names
    nothing "11,482 runners" could not be)."""
    return bool(claim.unit) and claim.unit not in load_lexicon().units.generic_nouns


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


def aligned(scored: list[Scored], model: Model, restated: Restated | None = None) -> list[Aligned]:
    """Mutual best pairs, likeliest first, each with the alignment model's probability: how
    likely an aligned pair is one fact, from its score and its lead over the runners-up.
    `restated(head, claim)`: whether `head` restates `claim` in its article; a claim's best
    partner then also counts as mutual when the partner's own best restates the claim
    ("Thursday" and "Nov 13" in one wire story, both the day of the meeting a communiqué dates
    "13 November 2025"): what agreement asks, where a conflict must find one partner each."""
    kept = []
    for s, mine, theirs in _mutual_best(scored, _partners(scored), restated):
        values = alignment_features(s, min(_lead(mine), _lead(theirs)), len(mine) == len(theirs) == 1)
        kept.append(Aligned(s, model.probability(values), values))
    return _likeliest_first(kept)


def _mutual_best(scored: list[Scored], partners: dict[tuple[str, str], list[tuple[float, Claim]]],
                 restated: Restated | None = None
                 ) -> Iterator[tuple[Scored, list[tuple[float, Claim]], list[tuple[float, Claim]]]]:
    """The pairs each of whose claims is the other's best partner in its article, with both
    claims' partner lists there (likeliest first); with `restated`, or best but for another
    claim there that restates it (`aligned`)."""
    for s in scored:
        mine, theirs = partners[(s.a.id, s.b.document)], partners[(s.b.id, s.a.document)]
        if _best(mine, s.b, restated) and _best(theirs, s.a, restated) and (
                mine[0][1].id == s.b.id or theirs[0][1].id == s.a.id):
            yield s, mine, theirs


def restates(head: Claim, claim: Claim) -> bool:
    """Whether `head` restates `claim` in its article: the same day, time or place written
    again ("Thursday" and "Nov 13"), or a conversion beside it ("9 km (about 6 miles)",
    `matching.converts`). A figure written again is left out: an article's "4.1%" for one rate
    and "4.1%" for another are two facts far more often than a date written twice is."""
    return (claim.kind in EVENT_KINDS and _same_value(head, claim)) or converts(head, claim)


def _best(listed: list[tuple[float, Claim]], partner: Claim, restated: Restated | None) -> bool:
    """Whether `partner` heads the list, or the head restates it (`restated`)."""
    head = listed[0][1]
    return head.id == partner.id or bool(restated and restated(head, partner))


def _likeliest_first(pairs: list[Aligned]) -> list[Aligned]:
    return sorted(pairs, key=lambda x: (-x.probability, x.a.document, x.a.start, x.b.document, x.b.start))


class Agreeing:
    """The pairs aligned in agreement, as a conflict needs them: which claims already have their
    partner in a document, and how well that partner fits them (the frame score)."""

    def __init__(self, pairs: Iterable[Aligned]):
        self.fit: dict[tuple[str, str], float] = {}
        for s in pairs:
            for key in ((s.a.id, s.b.document), (s.b.id, s.a.document)):
                self.fit[key] = max(self.fit.get(key, 0.0), s.scored.score.frame)

    def free(self, s: Scored) -> bool:
        """Neither claim has a partner in the other's document yet that fits it nearly as well as
        this pair does. A value that agrees by chance with another fact of the other article
        ("around half" of the homes insured, "about 40 per cent" of the town under water) is no
        partner when the other article states the claim's own fact far more plainly ("roughly 60%
        of the town stood in water"): the frame, not the coincidence of values, says which."""
        taken = [self.fit[key] for key in ((s.a.id, s.b.document), (s.b.id, s.a.document)) if key in self.fit]
        return not taken or logit(s.score.frame) - logit(max(taken)) >= PLAINER


def one_event(a: Claim, b: Claim) -> bool:
    """Places contradict only where the same thing happened: their events are one
    (`scoring.same_event`: "signed in Riga" / "signed in Pärnu", "sank" / "capsized") or the two
    places locate one site ("the Tlou mine near Rustenburg" / "the Tlou mine near Polokwane",
    `place_values.site_words`), and neither two named actors do it ("DiLeo will coach ... at
    Washington" / "Cheeks also coached at Portland", `actors.actors_clash`) nor do the places
    locate two sites ("flown to hospital in Innsbruck" / "staying at a hotel in Ischgl",
    `place_values.sites_clash`). A story's many
    places ("in Queens", "in Richmond Hill") are otherwise different places of one event, or
    nested in each other."""
    if a.kind is not Kind.PLACE:
        return True
    if actors_clash(a, b) or sites_clash(a, b):
        return False
    return same_event(a, b) or bool(site_words(a) & site_words(b))


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
    that it is one fact told two ways. A figure of an earlier event (`pair.background`) is
    compared only with another: "more than 80 vehicles" in a 2011 pile-up is no rival partner
    for this pile-up's "eighty-four vehicles". Nor is a pair that could never be reported
    (`may_contradict`: "31 cars" of a breakdown for "eighty-four vehicles")."""
    free = [s for s in scored if agreeing.free(s) and pair.background(s.a) == pair.background(s.b)
            and may_contradict(s.a, s.b)]
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

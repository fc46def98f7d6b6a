"""Everything a check may look at: the claims, their documents, the rate table."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..models import FIGURE_KINDS, Claim, Document, Kind
from .align import (
    Agreeing,
    Aligned,
    Scored,
    agreement_block,
    aligned,
    candidates,
    conflicts,
    obey,
    relative_day,
    restates,
    score_pairs,
)
from .declared import Declared
from .matching import superseded
from .pair_context import CorpusPairContext, value_key
from .place_values import planned, sized
from .roles import DateRole, Roles, names_an_edition
from .scoring import PairScorer
from .stories import Stories
from .surroundings import Calendar, Surroundings, one_name_each
from .values import RateTable, load_rates, month_of
from .window import Window


def full_names(claims: Iterable[Claim]) -> dict[str, set[str]]:
    """Surname -> the full names of people (subjects and speakers) ending in it."""
    longer: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        for name in (claim.subject, claim.speaker):
            if name and " " in name and name[:1].isupper():
                longer[name.split()[-1]].add(name)
    return longer


WEEKDAY_GAP = 3  # characters at most between a weekday and the date it names ("Tuesday, 9 September")


def _beside(first: Claim, second: Claim) -> bool:
    return 0 <= second.start - first.end <= WEEKDAY_GAP or 0 <= first.start - second.end <= WEEKDAY_GAP


@dataclass
class Corpus:
    claims: list[Claim]
    documents: dict[str, Document]
    rates: RateTable = field(default_factory=load_rates)
    reference: list[Claim] = field(default_factory=list)  # the fact sheet's facts, as claims
    scorer: PairScorer = field(default_factory=PairScorer)
    declared: Declared = field(default_factory=Declared)  # what the settings say is one fact, or two
    whole: Surroundings = field(default_factory=Surroundings)  # the archive these claims are a part of
    _cache: dict = field(default_factory=dict, repr=False)  # stories, scored and aligned pairs, by kind and window

    def __post_init__(self) -> None:
        """One name per person across the corpus: a surname alone ("Takaichi", in a draft that
        never gives the full name) becomes the full name other documents use, when exactly one
        fits. (Company short names are left alone: "Norvik" may be a parent or a subsidiary.)
        Dates that name no period ("now", "recently") are left out: there is nothing to compare."""
        names = self.whole.people if self.whole.people is not None else one_name_each(full_names(self.claims))

        def canonical(name: str | None) -> str | None:
            return names.get(name, name) if name else name

        self.claims = [
            c.model_copy(update={"subject": canonical(c.subject), "speaker": canonical(c.speaker)})
            if canonical(c.subject) != c.subject or canonical(c.speaker) != c.speaker else c
            for c in self.claims if not c.time_reference  # "now" names no date to compare
        ]

    @cached_property
    def window(self) -> Window:
        """Which claims' articles are near enough in time to compare (see `window`)."""
        return self.whole.window or Window(self.claims, self.documents, self.names)

    @cached_property
    def roles(self) -> Roles:
        """What each date does in its article (dateline, reporting date, quoted, event)."""
        return Roles(self.claims)

    def stories(self, window_days: int) -> Stories:
        """Pairs of articles that tell one story within the window (see `stories`)."""
        key = ("stories", window_days)
        if key not in self._cache:
            known = self.whole.stories.get(window_days)
            self._cache[key] = known or Stories(self.claims, self.documents, self.window, window_days)
        return self._cache[key]

    @cached_property
    def compared(self) -> dict[str, list[Claim]]:
        """The claims cross-source checks compare, by kind of fact: figures stated as facts (not
        the old side of a change); the dates of events (not a dateline, a reporting date, a
        date inside a quotation, or a year that only says when a figure holds); the times of
        events (not a publication line's "Last updated at 13:59 GMT" or a quoted one); and
        where events happened (not inside a quotation or a publication line's "posted in Local
        News", nor a plan dated after publication), each at the largest size any article gives
        its name (`place_values.sized`)."""
        return {"figures": [c for c in self.live if c.kind in FIGURE_KINDS],
                "dates": [c for c in self.live if c.kind is Kind.DATE and c.id not in self.time_anchors
                          and c.id not in self.restated_days and not names_an_edition(c)
                          and self.roles.of(c) is DateRole.EVENT],
                "times": [c for c in self.live if c.kind is Kind.TIME and self.roles.of(c) is DateRole.EVENT],
                "places": sized([c for c in self.live if c.kind is Kind.PLACE
                                 and self.roles.of(c) not in (DateRole.QUOTED, DateRole.DATELINE)
                                 and not planned(c, self.published(c.document))])}

    @cached_property
    def agreeable(self) -> dict[str, list[Claim]]:
        """The claims that may join an agreement, by kind: the `compared` ones, and the dates and
        times that say when something was reported or published, or when a figure holds
        ("officials said Monday", a dateline, "240,000 tonnes in 2023"): another outlet may
        date the same announcement, and agreeing with it says so; never a contradiction, since
        two outlets reporting on two days do not disagree about the event. Quoted ones stay
        out: they are someone's words."""
        wider = {"dates": [c for c in self.live if c.kind is Kind.DATE and self.roles.of(c) is not DateRole.QUOTED],
                 "times": [c for c in self.live if c.kind is Kind.TIME and self.roles.of(c) is not DateRole.QUOTED]}
        return {kind: wider.get(kind, claims) for kind, claims in self.compared.items()}

    def agreement_pairs(self, kind: str, window_days: int) -> list[Aligned]:
        """The pairs that may agree: the `aligned_pairs`, and the pairs aligned among the
        `agreeable` claims in blocks that leave a rate's period out (`align.agreement_block`),
        where an article that states a value twice offers both mentions (`align.aligned`). A
        pair the looser blocks add is scored only when its values agree: it is there to join
        restatements, and scoring every such pair was most of a large report's time."""
        key = ("agreement", kind, window_days)
        if key not in self._cache:
            known = {(s.a.id, s.b.id): s for s in self.scored_pairs(kind, window_days)}
            pair, scorer = self.pair_context(window_days), self.scorer
            wider = [known.get((a.id, b.id)) or Scored(a, b, scorer.score(a, b, pair))
                     for a, b in candidates(self.agreeable[kind], self.stories(window_days), agreement_block)
                     if (a.id, b.id) in known or pair.values_agree(a, b)]
            more = aligned(obey(self.declared, wider, self.agreeable[kind]), self.scorer.spec.alignment,
                           restates)
            pairs = {(s.a.id, s.b.id): s for s in self.aligned_pairs(kind, window_days) + more}
            self._cache[key] = sorted(pairs.values(), key=lambda x: -x.probability)
        return self._cache[key]

    def aligned_pairs(self, kind: str, window_days: int) -> list[Aligned]:
        """The mutual-best pairs of `scored_pairs`, with the alignment model's probabilities."""
        key = ("aligned", kind, window_days)
        if key not in self._cache:
            self._cache[key] = aligned(self.scored_pairs(kind, window_days), self.scorer.spec.alignment)
        return self._cache[key]

    def pair_context(self, window_days: int) -> CorpusPairContext:
        """What the scorer asks about pairs within a window, its answers kept for the run."""
        key = ("context", window_days)
        if key not in self._cache:
            self._cache[key] = CorpusPairContext(self, window_days)
        return self._cache[key]

    def conflict_pairs(self, kind: str, window_days: int) -> list[Aligned]:
        """Pairs whose values do not agree, aligned on what they say among the claims not
        aligned in agreement (`align.conflicts`), with the conflict model's probabilities. A
        claim that agrees only with a figure of an earlier event ("eighty-four vehicles" with
        the wire's "more than 80 vehicles" of a 2011 pile-up) is not thereby aligned."""
        key = ("conflicts", kind, window_days)
        if key not in self._cache:
            spec, pair = self.scorer.spec, self.pair_context(window_days)
            agreeing = [s for s in self.aligned_pairs(kind, window_days)
                        if s.probability >= spec.agree_min and pair.values_agree(s.a, s.b)
                        and pair.background(s.a) == pair.background(s.b)]
            self._cache[key] = conflicts(self.scored_pairs(kind, window_days), Agreeing(agreeing), pair, spec.conflict)
        return self._cache[key]

    def scored_pairs(self, kind: str, window_days: int) -> list[Scored]:
        """Every candidate pair of the `compared` claims of a kind ("figures", "dates") with the
        scorer's verdict, worked out once: the consistency and single-source checks share them."""
        key = ("scored", kind, window_days)
        if key not in self._cache:
            claims = self.compared[kind]
            scored = score_pairs(claims, self.stories(window_days), self.scorer, self.pair_context(window_days))
            self._cache[key] = obey(self.declared, scored, claims)
        return self._cache[key]

    @cached_property
    def sentence_values(self) -> dict[tuple[str, int], set[tuple]]:
        """The distinctive values each sentence states (see `value_key`)."""
        found: dict[tuple[str, int], set[tuple]] = defaultdict(set)
        for claim in self.claims:
            key = value_key(claim)
            if key:
                found[(claim.document, claim.sentence_start)].add(key)
        return found

    @cached_property
    def by_sentence(self) -> dict[tuple[str, int], list[Claim]]:
        grouped: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for claim in self.claims:
            grouped[(claim.document, claim.sentence_start)].append(claim)
        return grouped

    @cached_property
    def live(self) -> list[Claim]:
        """Claims that state a fact: not the old side of an explicit change."""
        return [c for c in self.claims if not superseded(c, self.by_sentence[(c.document, c.sentence_start)])]

    @cached_property
    def time_anchors(self) -> set[str]:
        """Year-long dates that only say when a figure in their sentence holds ("240,000 tonnes
        in 2023"); a day ("killed 12 people on Saturday") is still an event's date."""
        anchors = set()
        for claims in self.by_sentence.values():
            times = {c.time.text for c in claims if c.time and c.kind.value != "date"}
            anchors |= {c.id for c in claims if c.kind.value == "date" and c.text in times
                        and c.granularity in ("year", "span")}
        return anchors

    @cached_property
    def restated_days(self) -> set[str]:
        """Days named without a number written beside a date of the same day ("on Tuesday, 9
        September", "today, 12 June", "12 October (Monday)"): one date written twice, compared
        once, as the date (the weekday against it is the internal weekday check's). Compared
        twice, the two would tie as partners of another outlet's date."""
        found = set()
        for claims in self.by_sentence.values():
            dates = [c for c in claims if c.kind is Kind.DATE]
            found |= {c.id for c in dates if relative_day(c)
                      and any(d.value == c.value and not relative_day(d) and _beside(c, d) for d in dates)}
        return found

    @cached_property
    def calendar(self) -> Calendar:
        """The publication dates the engine reads: the whole archive's, or these documents'."""
        return self.whole.calendar or Calendar.of(d.published for d in self.documents.values())

    @property
    def latest_month(self) -> str | None:
        """The corpus's latest publication month: the rate month for an undated article."""
        return self.calendar.latest_month

    def rate_month(self, claim: Claim) -> tuple[str | None, str]:
        """The month whose exchange rate applies to a claim, and why that one."""
        month = month_of(claim, self.published(claim.document))
        if month:
            return month, ""
        if self.latest_month:
            return self.latest_month, "; the article is undated: the corpus's latest publication month"
        return None, "; no date known: the table's latest month"

    @cached_property
    def names(self) -> dict[str, set[str]]:
        """The subjects and speakers each document names."""
        found: dict[str, set[str]] = defaultdict(set)
        for claim in self.claims:
            found[claim.document] |= {n for n in (claim.subject, claim.speaker) if n and n[:1].isupper()}
        return found

    def days_apart(self, a: Claim, b: Claim) -> int:
        """How far apart the two claims' articles were published (0 when either is undated)."""
        da, db = self.published(a.document), self.published(b.document)
        return abs((da - db).days) if da and db else 0

    def published(self, document: str) -> dt.date | None:
        doc = self.documents.get(document)
        return doc.published if doc else None

    @property
    def years(self) -> range:
        """The years the corpus speaks from: its publication years, one either side."""
        return self.calendar.years

    def source(self, claim: Claim) -> str:
        """How a message names where a claim comes from."""
        return claim.document

"""Everything a check may look at: the claims, their documents, the rate table."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..lexicon import load_lexicon
from ..models import FIGURE_KINDS, Claim, Document, Kind
from .align import (
    Agreeing,
    Aligned,
    Scored,
    aligned,
    block,
    conflicts,
    obey,
    score_pairs,
)
from .declared import Declared
from .matching import dimension, distinctive, superseded
from .measures import convert, physical_dimension
from .place_story import PlaceStory
from .place_values import planned, sized
from .roles import DateRole, Roles
from .scoring import PairScorer, days_between, minutes_between
from .stories import Stories
from .surroundings import Calendar, Surroundings, one_name_each
from .values import RateTable, first_number, load_rates, month_of
from .window import Window

APART_DAYS = 30  # dates this far apart count as far apart as dates go
APART_MINUTES = 12 * 60  # and times of day this far
BACKGROUND_YEARS = 2  # a sentence naming a year this many before its article's tells of an earlier event
LOOSE = 1.5  # an open bound agrees with values within this factor of it, not beyond


def value_key(claim: Claim) -> tuple | None:
    """A claim's value as a key two sentences can share: distinctive figures (to three
    significant digits, in their unit) and dates finer than a year; None for the rest."""
    if not distinctive(claim):
        return None
    if claim.kind is Kind.DATE:
        return ("date", claim.value)
    value = claim.value if isinstance(claim.value, (int, float)) else None
    return (claim.kind.value, claim.unit, float(f"{value:.3g}")) if value is not None else None


class CorpusPairContext:
    """What the scorer asks of the corpus about a pair (`scoring.PairContext`)."""

    LEAD = 400  # characters of an article's body that make its opening

    def __init__(self, corpus: Corpus, window_days: int):
        self.corpus, self.stories = corpus, corpus.stories(window_days)
        self._anchors: dict[str, frozenset] = {}
        self._background: dict[tuple[str, int], bool] = {}
        self._verdicts: dict[tuple[str, str], bool | None] = {}
        self._rivals: dict[str, int] = {}

    def story_words(self, a: Claim, b: Claim) -> int:
        return self.stories.shared(a.document, b.document)

    def days_apart(self, a: Claim, b: Claim) -> int:
        return self.corpus.days_apart(a, b)

    def anchors(self, claim: Claim) -> frozenset:
        if claim.id not in self._anchors:
            own = value_key(claim)
            self._anchors[claim.id] = frozenset(self.corpus.sentence_values[(claim.document, claim.sentence_start)] - {own})
        return self._anchors[claim.id]

    @cached_property
    def _by_block(self) -> dict[tuple[str, str | None], list[Claim]]:
        """The compared claims of each document, by block."""
        found: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
        for claims in self.corpus.compared.values():
            for claim in claims:
                found[(claim.document, block(claim))].append(claim)
        return found

    def chance(self, a: Claim, b: Claim) -> float:
        """One over the most claims of their kind either article states: two articles that
        each give one area in km² most likely give the same one; of twenty sums of money, any
        two are one fact by chance only one time in twenty."""
        sizes = (len(self._by_block.get((a.document, block(a)), ())), len(self._by_block.get((b.document, block(b)), ())))
        return 1.0 / max(*sizes, 1)

    def rivals(self, claim: Claim) -> int:
        """How many other values of the claim's dimension its article states ("the 11-inch model"
        beside "the 13-inch model"): each a partner another article's other value may be about."""
        if claim.id not in self._rivals:
            dim = dimension(claim)
            self._rivals[claim.id] = len({(x.value, x.unit) for x in self._by_block.get((claim.document, block(claim)), ())
                                          if dimension(x) == dim} - {(claim.value, claim.unit)})
        return self._rivals[claim.id]

    def restated(self, a: Claim, b: Claim) -> bool:
        """Whether an article of the story states both values: an outlet that gives both $334
        million and $281 million ("including $281 million in cash"), or both ages of two
        boxers, shows that another's $334 million and a third's $281 million are two facts. A
        figure restates one only when distinctive and a value of the story's own (`_restates`):
        "millions of euros" agrees with €3.5 million and with €5.3 million alike; a value that is
        the claim's own in another form ("07:10 CET (0610 GMT)") is no second fact. Places: an
        article that puts both at one event, or names one in its dateline (`place_story`)."""
        if a.kind is Kind.PLACE:
            return self.place_story.related(a, b)
        if any(x.id != mine.id and (x.kind not in FIGURE_KINDS or distinctive(x)) and self._restates(x)
               and self.values_agree(x, theirs) and not self.values_agree(x, mine)
               for mine, theirs in ((a, b), (b, a)) for x in self._by_block.get((mine.document, block(theirs)), ())):
            return True
        ka, kb = value_key(a), value_key(b)
        if ka is None or kb is None:
            return False
        both = (self._documents_stating.get((block(a), ka), set()) & self._documents_stating.get((block(b), kb), set()))
        return any(self.stories.shared(d, a.document) or self.stories.shared(d, b.document) for d in both)

    def _restates(self, claim: Claim) -> bool:
        """Whether a claim states a value of the story's own: a point or a stated maximum ("up
        to 2.7GHz", `values.both_maxima`), in a sentence about this event. An open bound ("since
        Tuesday", "by 11pm", "more than 80 vehicles"), a magnitude ("millions of euros") or a
        figure of an earlier event ("in 2011, ...") does not show that its article gives the
        other outlet's value as a second fact."""
        point = claim.low is not None and claim.high is not None
        maximum = load_lexicon().qualifier_mode.get(claim.qualifier or "") == "at_most"
        return claim.value is not None and (point or maximum) and not self.background(claim)

    @cached_property
    def place_story(self) -> PlaceStory:
        return PlaceStory(self.corpus, self.stories, self.values_agree)

    @cached_property
    def _documents_stating(self) -> dict[tuple[str | None, tuple], set[str]]:
        """(block, distinctive value) -> the documents that state it as a point (`_restates`)."""
        found: dict[tuple[str | None, tuple], set[str]] = defaultdict(set)
        for (document, kind), claims in self._by_block.items():
            for claim in claims:
                if self._restates(claim) and (key := value_key(claim)) is not None:
                    found[(kind, key)].add(document)
        return found

    def background(self, claim: Claim) -> bool:
        """Whether the claim's sentence names a year two or more before its article's: "the 2011
        pile-up near Rostock killed eight", "the contract, signed in 2019, was worth ..." tell of
        an earlier event, not this story's. ("last year" is this story's comparison base.)"""
        key = (claim.document, claim.sentence_start)
        if key not in self._background:
            published = self.corpus.published(claim.document)
            self._background[key] = bool(published) and any(
                c.kind is Kind.DATE and _year(c) is not None and _year(c) <= published.year - BACKGROUND_YEARS
                for c in self.corpus.by_sentence[key])
        return self._background[key]

    def in_lead(self, claim: Claim) -> bool:
        document = self.corpus.documents.get(claim.document)
        return bool(document) and claim.sentence_start - document.body_start < self.LEAD

    def values_agree(self, a: Claim, b: Claim) -> bool | None:
        """The value verdict with the rules' default tolerances; None where agreeing would say
        nothing: small counts of two different things ("two leaders", "two countries"; "23 miners"
        and "twenty-three employees" may well be one), a month or a
        year against a day in it ("October 2025", "October 27"), or an open bound far from the
        other value ("over 4%" and "15%"). Worked out once per pair."""
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self._verdicts:
            self._verdicts[key] = self._values_agree(a, b)
        return self._verdicts[key]

    def _values_agree(self, a: Claim, b: Claim) -> bool | None:
        from .checks.common import (
            compare,  # the checks build on the corpus; asked here at run time
        )

        if a.kind is Kind.COUNT and dimension(a) != dimension(b) and not (distinctive(a) and distinctive(b)):
            return None
        if a.kind is Kind.DATE and _coarser(a, b):
            return None
        comparison = compare(_DEFAULTS, self.corpus, a, b)
        if comparison is None or (comparison.compatible and (_loose(a, b) or _loose(b, a))):
            return None
        return comparison.compatible

    def apart(self, a: Claim, b: Claim) -> float | None:
        """How far apart two values that do not agree are, 0 (a hair) to 1 (tenfold, a month):
        None when they agree or cannot be compared."""
        if self.values_agree(a, b) is not False:
            return None
        if a.kind is Kind.DATE:
            return min(days_between(a, b), APART_DAYS) / APART_DAYS
        if a.kind is Kind.PLACE:
            return 0.0  # two names, no distance between them known (the conflict model weighs places apart)
        if a.kind is Kind.TIME:
            return min(minutes_between(a, b), APART_MINUTES) / APART_MINUTES
        x, y = first_number(a), first_number(b)
        if not x or not y or (x > 0) != (y > 0):
            return 1.0
        return min(abs(math.log10(x / y)), 1.0)


def _year(claim: Claim) -> int | None:
    value = str(claim.value or "")
    return int(value[:4]) if value[:4].isdigit() else None


_FINE = {"day", "weekday"}


def _coarser(a: Claim, b: Claim) -> bool:
    """Whether one date is a day and the other a longer period."""
    return (a.granularity in _FINE) != (b.granularity in _FINE)


def _loose(bound: Claim, other: Claim) -> bool:
    """Whether `bound` is open on one side ("over 4%", "up to 5%") and `other` lies more than
    half as far again from its one bound."""
    low, high = bound.low, bound.high
    if not isinstance(low, (int, float)) and not isinstance(high, (int, float)) or (low is not None and high is not None):
        return False
    edge = low if low is not None else high
    value = first_number(other)
    if value is not None and bound.kind is Kind.QUANTITY and other.unit != bound.unit and bound.unit and other.unit \
            and physical_dimension(bound.unit) and physical_dimension(bound.unit) == physical_dimension(other.unit):
        value = convert(value, other.unit, bound.unit)  # "up to 1,500 megawatts" and "up to 1.5 GW"
    return bool(edge) and value is not None and not 1 / LOOSE <= value / edge <= LOOSE


class _Defaults:
    """A rule with no params of its own: every tolerance at its default."""

    @staticmethod
    def param(name: str, default):
        return default


_DEFAULTS = _Defaults()


def full_names(claims: Iterable[Claim]) -> dict[str, set[str]]:
    """Surname -> the full names of people (subjects and speakers) ending in it."""
    longer: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        for name in (claim.subject, claim.speaker):
            if name and " " in name and name[:1].isupper():
                longer[name.split()[-1]].add(name)
    return longer


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
                          and self.roles.of(c) is DateRole.EVENT],
                "times": [c for c in self.live if c.kind is Kind.TIME and self.roles.of(c) is DateRole.EVENT],
                "places": sized([c for c in self.live if c.kind is Kind.PLACE
                                 and self.roles.of(c) not in (DateRole.QUOTED, DateRole.DATELINE)
                                 and not planned(c, self.published(c.document))])}

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
        aligned in agreement (`align.conflicts`), with the conflict model's probabilities."""
        key = ("conflicts", kind, window_days)
        if key not in self._cache:
            spec, pair = self.scorer.spec, self.pair_context(window_days)
            agreeing = [s for s in self.aligned_pairs(kind, window_days)
                        if s.probability >= spec.agree_min and pair.values_agree(s.a, s.b)]
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

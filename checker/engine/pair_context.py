"""What the scorer asks of the corpus about a pair of claims (`scoring.PairContext`): their
story, how far apart their values are, whether an article states both, whether one tells of
an earlier event. Worked out once per pair for a run; the corpus holds one per window."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING

from ..lexicon import load_lexicon
from ..models import FIGURE_KINDS, Claim, Kind
from .align import block
from .matching import dimension, distinctive
from .measures import convert, physical_dimension
from .place_story import PlaceStory
from .scoring import days_between, minutes_between
from .values import first_number, numbers_in_one_unit

if TYPE_CHECKING:
    from .corpus import Corpus

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
        x, y = numbers_in_one_unit(a, b)
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

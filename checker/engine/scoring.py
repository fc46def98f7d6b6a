"""Do two claims state the same fact? One scorer for every check, weights fitted on data.

`PairScorer.score(a, b)` gives the probability that two claims of one
dimension, from two articles of one story, state the same fact, and each
feature's contribution to it, so a finding can say in words why two claims
were taken as one fact. The features are what the claims carry (predicate,
subject, counted unit, time reference) and the words around them weighted by
rarity (`words`); no single one is a gate. The weights are a logistic model
fitted on the tune split of the judgement benchmarks
(`benchmarks/fit_scorer.py`) and shipped as data in
`rules/model/same-fact.yaml`; nothing here is tuned by hand.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from ..errors import LexiconError
from ..lexicon import load_lexicon
from ..models import FIGURE_KINDS, Claim, Kind
from ..yamlfile import load_model
from .clauses import events_meet
from .matching import predicate_group, time_interval
from .measured import measured
from .place_values import alike
from .values import MINUTES_A_DAY, first_number, numbers_in_one_unit
from .values import overlap as intervals_meet
from .words import context, overlap, spelled, weighted

FEATURES = ("predicate_same", "predicate_clash", "subject_same", "subject_clash", "unit_same",
            "context", "local", "nearest", "chance", "time_same", "story", "days_apart", "anchored", "anchor_clash", "both_lead", "background_one", "background_both", "same_scale", "measured", "values_agree", "near_value")
VALUE_FEATURES = ("values_agree", "near_value")  # what the values say, left out of the frame models
ALIGNMENT_FEATURES = ("logit", "lead", "alone", "event")  # align.alignment_features
CONFLICT_FEATURES = ("logit", "event", "background", "relative", "same_text", "predicate_same", "subject_clash",
                     "chance", "anchor_clash", "slip", "rivals", "calendar_slip")  # align.conflict_features
STORY_WORDS = 10  # shared rare words at which the story feature is full
DAYS = 14  # days apart at which the days feature is full
NEAR_MINUTES = 60  # times of day this close are near without agreeing
EVENT_KINDS = frozenset({Kind.DATE, Kind.TIME, Kind.PLACE})  # when and where: scored by the event models
_DAY = re.compile(r"(?:(\d{4})|-)-(\d{2})-(\d{2})")


class Model(BaseModel):
    """One logistic model: probability = sigmoid(bias + sum(weight * feature))."""

    model_config = ConfigDict(extra="forbid", strict=True)
    bias: float
    weights: dict[str, float]

    def logit(self, values: dict[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(weights[f] * v for f, v in values.items() if v and f in weights)

    def probability(self, values: dict[str, float]) -> float:
        return sigmoid(self.logit(values))


class ScorerSpec(BaseModel):
    """rules/model/same-fact.yaml: the fitted models and the thresholds that use them."""

    model_config = ConfigDict(extra="forbid", strict=True)
    description: str
    fitted_on: str
    figures: Model
    dates: Model
    figures_frame: Model  # the same, from what the claims say with their values left out
    dates_frame: Model
    alignment: Model  # an aligned pair: its features are ALIGNMENT_FEATURES
    conflict: Model  # a pair aligned on its words whose values do not agree: CONFLICT_FEATURES
    agree_min: float  # an aligned pair this likely one fact may agree
    contradict_min: float  # ... and this likely, contradict


@lru_cache(maxsize=2)
def load_scorer_spec(path: str | None = None) -> ScorerSpec:
    source = resources.files("checker.rules") / "model" / "same-fact.yaml" if path is None else path
    text = source.read_text(encoding="utf-8")
    spec = load_model(text, ScorerSpec, str(source), LexiconError)
    models = (spec.figures, spec.dates, spec.figures_frame, spec.dates_frame)
    unknown = ({name for m in models for name in m.weights} - set(FEATURES)) | (
        set(spec.alignment.weights) - set(ALIGNMENT_FEATURES)) | (set(spec.conflict.weights) - set(CONFLICT_FEATURES))
    if unknown:
        raise LexiconError(f"unknown features: {', '.join(sorted(unknown))}", path=str(source))
    return spec


class PairContext(Protocol):
    """What the scorer asks of the corpus about a pair, beyond the two claims."""

    def story_words(self, a: Claim, b: Claim) -> int: ...  # rare words the two articles share
    def days_apart(self, a: Claim, b: Claim) -> int: ...
    def anchors(self, claim: Claim) -> frozenset: ...  # the values the claim's sentence states besides it
    def in_lead(self, claim: Claim) -> bool: ...  # the claim is in its article's opening
    def values_agree(self, a: Claim, b: Claim) -> bool | None: ...  # the value verdict, None: not comparable
    def background(self, claim: Claim) -> bool: ...  # the claim's sentence tells of an earlier event
    def chance(self, a: Claim, b: Claim) -> float: ...  # 1 / the most claims of their kind either article states
    def restated(self, a: Claim, b: Claim) -> bool: ...  # an article of the story states both values
    def rivals(self, claim: Claim) -> int: ...  # other values of the claim's dimension its article states


def stated_time(claim: Claim):
    """The time a figure is stated for, not the day it was reported ("..., officials said
    Monday": the time reference's word is a speech verb)."""
    if claim.time and claim.time.relation and claim.time.relation in _speech_verbs():
        return None
    return time_interval(claim)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(load_lexicon().speech.verbs)


@lru_cache(maxsize=1 << 14)
def share_word(a: str | None, b: str | None) -> bool:
    """Two predicates with a content word in common ("phone" / "phone call", "job cut" / "cut")."""
    return bool(a and b and weighted(a.split()).keys() & weighted(b.split()).keys())


def same_event(a: Claim, b: Claim) -> bool:
    """Whether two claims' event words name one event: one synonym group or head word, a content
    word in common ("phone" / "phone call"), or, for an event's when and where, the event word
    of either standing in the other's clause (`clauses.events_meet`: "spoke by phone" / "phone
    call"). The one reading of "the same event" the scorer and the place check
    (`align.one_event`) share."""
    ga, gb = predicate_group(a.predicate), predicate_group(b.predicate)
    return bool(ga and ga == gb) or share_word(a.predicate, b.predicate) or (a.kind in EVENT_KINDS and events_meet(a, b))


def _clash(a: str | None, b: str | None) -> tuple[float, float]:
    """(same, different) for two optional names: neither when either is missing."""
    if not a or not b:
        return 0.0, 0.0
    return (1.0, 0.0) if a == b else (0.0, 1.0)


def features(a: Claim, b: Claim, pair: PairContext) -> tuple[dict[str, float], list[str]]:
    """The pair's feature values (0-1), and the rare words their sentences share. `anchored`:
    the two sentences state another value in common ("12 people" beside both dates), the
    strongest sign that they tell one event."""
    ga, gb = predicate_group(a.predicate), predicate_group(b.predicate)
    known = bool(ga and gb and ga.startswith("g#") and gb.startswith("g#"))
    subject_same, subject_clash = _clash(a.subject, b.subject)
    (sa, la, na), (sb, lb, nb) = context(a), context(b)
    sentence, shared = overlap(sa, sb)
    local, _ = overlap(la, lb)
    nearest, _ = overlap(na, nb)
    ta, tb = stated_time(a), stated_time(b)
    values = {
        "predicate_same": float(same_event(a, b)),
        "predicate_clash": float(known and ga != gb),
        "subject_same": subject_same, "subject_clash": subject_clash,
        "unit_same": float(bool(a.unit and a.unit == b.unit and a.kind in FIGURE_KINDS)),
        "context": sentence, "local": local, "nearest": nearest, "chance": pair.chance(a, b),
        "time_same": float(bool(ta and tb) and intervals_meet(ta, tb)),  # times that do not meet are never candidates
        "story": min(pair.story_words(a, b), STORY_WORDS) / STORY_WORDS,
        "days_apart": min(pair.days_apart(a, b), DAYS) / DAYS,
        "anchored": float(bool(pair.anchors(a) & pair.anchors(b))),
        "anchor_clash": float(_clashing(pair.anchors(a), pair.anchors(b))),
        "both_lead": float(pair.in_lead(a) and pair.in_lead(b)),
        "background_one": float(pair.background(a) != pair.background(b)),
        "background_both": float(pair.background(a) and pair.background(b)),
        "same_scale": float(same_scale(a, b)),
        "measured": measured(a, b),
        **_value_features(a, b, pair.values_agree(a, b)),
    }
    return values, shared


def _clashing(first: frozenset, second: frozenset) -> bool:
    """Whether both sentences state another figure of one kind and unit, and none in common
    ("the 11-inch model starts at $999" / "the 15-inch model starts at $1,799"): two facts."""
    if not first or not second:
        return False
    mine, theirs = _by_unit(first), _by_unit(second)
    return any(not (mine[unit] & theirs[unit]) for unit in mine.keys() & theirs.keys())


@lru_cache(maxsize=1 << 14)
def _by_unit(keys: frozenset) -> dict[tuple, frozenset]:
    """A sentence's other figures by kind and unit (dates left out)."""
    found: dict[tuple, set] = {}
    for key in keys:
        if key[0] != "date":
            found.setdefault(key[:-1], set()).add(key[-1])
    return {unit: frozenset(values) for unit, values in found.items()}


SCALE = 3.0  # figures within this factor of each other are of one size
SCALE_DAYS = 7
SCALE_MINUTES = 6 * 60


def same_scale(a: Claim, b: Claim) -> bool:
    """Whether two values are of one size: figures within a factor of three, dates within a
    week, times within six hours, places of one size in one relation (`place_values.alike`).
    Kept in the frame models, which leave the values out: an outlet's slip changes a figure
    (58 passengers, 85 passengers) far more often than its size, and one passenger is no rival
    to 58 for being their count."""
    if a.kind is Kind.PLACE:
        return alike(a, b)
    if a.kind is Kind.DATE:
        return days_between(a, b) <= SCALE_DAYS
    if a.kind is Kind.TIME:
        return minutes_between(a, b) <= SCALE_MINUTES
    x, y = numbers_in_one_unit(a, b)
    return bool(x and y and (x > 0) == (y > 0) and 1 / SCALE <= x / y <= SCALE)


def slip(a: Claim, b: Claim) -> str | None:
    """How two figures differ where they differ as a slip of the pen makes them differ, else
    None: the same significant digits in another order (84 and 48, £1.53bn and £1.35bn, 1,200
    and 2,100), or three or more digits with one of them changed (€289 and €189), at one size
    (`same_scale`). An outlet's typing error keeps the digits; two facts of one kind seldom
    share them (two two-digit values one digit apart, 11-inch and 15-inch, are left out: that
    happens by chance; so do quantities in two units, "48 km" and "84 miles", and values of two
    sizes, 61 and 160)."""
    if a.kind not in FIGURE_KINDS or (a.kind is Kind.QUANTITY and a.unit != b.unit) or not same_scale(a, b):
        return None
    da, db = _digits(first_number(a)), _digits(first_number(b))
    if len(da) < 2 or len(db) < 2 or da == db or _magnitude(first_number(a)) != _magnitude(first_number(b)):
        return None
    if sorted(da) == sorted(db):
        return "the same digits in another order"
    if len(da) == len(db) >= 3 and sum(x != y for x, y in zip(da, db)) == 1:
        return "one digit changed"
    return None


def whole_digits(claim: Claim) -> int:
    """How many digits a figure's whole part has (2 for 84, 4 for 8,400)."""
    return _magnitude(first_number(claim)) + 1


def _magnitude(value: float | None) -> int:
    """A value's order of magnitude: a slip of the pen keeps it (84 and 48), 61 and 160 differ in it."""
    return math.floor(math.log10(abs(value))) if value else 0


def calendar_slip(a: Claim, b: Claim) -> bool:
    """Whether two days or two clocks differ as an outlet's slip makes them differ: days one
    apart ("Wednesday" / "Thursday", "23 July" / "24 July") or one day of two neighbouring
    months ("June 1" / "July 1"); clocks a whole number of hours apart, up to three, with the
    same minutes past the hour ("07:10" / "06:10": a zone taken for another). Two events of one
    story seldom fall so."""
    if a.kind is Kind.DATE:
        da, db = _day(a), _day(b)
        if da is None or db is None:
            return False
        neighbour_months = da[2] == db[2] and abs(da[1] - db[1]) in (1, 11)
        return days_between(a, b) == 1 or neighbour_months
    if a.kind is Kind.TIME:  # a round hour against another ("8 a.m.", "10:00") is two events as often
        minute = a.value % 60 if isinstance(a.value, (int, float)) else 0
        return bool(minute) and minutes_between(a, b) in (60, 120, 180)
    return False


def _digits(value: float | None) -> str:
    """A number's significant digits ("135" for 1.35 billion and for 135), "" for none."""
    return f"{abs(value):.6e}".split("e")[0].replace(".", "").rstrip("0") if value else ""


def _value_features(a: Claim, b: Claim, agree: bool | None) -> dict[str, float]:
    if a.kind is Kind.PLACE:  # a story names its city in every other sentence: one name is one fact only where one thing happened
        return {"values_agree": float(bool(agree) and share_word(a.predicate, b.predicate)), "near_value": 0.0}
    return _figure_or_date_values(a, b, agree)


def _figure_or_date_values(a: Claim, b: Claim, agree: bool | None) -> dict[str, float]:
    """Whether the values agree (the engine's own verdict: tolerance, currencies, a weekday
    against its date), or are near without agreeing (within 15%, or 3 days). The model learns
    how often one fact's outlets agree; asked of two values that do not, it gives the
    probability that they are one fact all the same, which is what a contradiction needs."""
    if agree:
        return {"values_agree": 1.0, "near_value": 0.0}
    if a.kind is Kind.DATE:
        return {"values_agree": 0.0, "near_value": float(days_between(a, b) <= 3)}
    if a.kind is Kind.TIME:
        return {"values_agree": 0.0, "near_value": float(minutes_between(a, b) <= NEAR_MINUTES)}
    x, y = numbers_in_one_unit(a, b)
    near = x is not None and y is not None and max(abs(x), abs(y)) > 0 and abs(x - y) / max(abs(x), abs(y)) <= 0.15
    return {"values_agree": 0.0, "near_value": float(near)}


def days_between(a: Claim, b: Claim) -> float:
    """Days between two days' dates; a date without its year ("--10-25": the article gives
    none) is taken in the other's year, or both in a leap year; inf when either is no day."""
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return math.inf
    ya, yb = da[0], db[0]
    if ya is None or yb is None:  # one year for both: the one given, else a leap year
        ya = yb = ya or yb or 2000
    return abs(_ordinal(ya, da[1:]) - _ordinal(yb, db[1:]))


def minutes_between(a: Claim, b: Claim) -> float:
    """Minutes between two times of day as written, round the clock; inf when either has no value."""
    if not isinstance(a.value, (int, float)) or not isinstance(b.value, (int, float)):
        return math.inf
    gap = abs(a.value - b.value) % MINUTES_A_DAY
    return min(gap, MINUTES_A_DAY - gap)


def _day(claim: Claim) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a day's date; None for a longer period or an unresolved weekday."""
    if claim.granularity not in ("day", "weekday") or not isinstance(claim.value, str):
        return None
    found = _DAY.fullmatch(claim.value)
    return (int(found[1]) if found[1] else None, int(found[2]), int(found[3])) if found else None


def _ordinal(year: int, month_day: tuple[int, int]) -> int:
    try:
        return dt.date(year, *month_day).toordinal()
    except ValueError:  # 29 February taken into a common year
        return dt.date(year, month_day[0], 28).toordinal()


@dataclass(frozen=True)
class PairScore:
    """How likely two claims state one fact, and why."""

    probability: float
    contributions: dict[str, float]  # feature -> weight * value, the non-zero ones
    shared: tuple[str, ...]  # rare words both sentences use, rarest first
    frame: float  # the probability from what the two claims say, their values left out: a contradiction's measure

    def reasons(self, a: Claim, b: Claim) -> str:
        """The evidence in words, strongest first."""
        words = {
            "predicate_same": f"both about {a.predicate}" if a.predicate == b.predicate else f"{a.predicate} ~ {b.predicate}",
            "subject_same": f"both name {a.subject}",
            "unit_same": f"both count {a.unit}",
            "context": "the sentences share " + ", ".join(spelled(stem, a.sentence) for stem in self.shared[:4])
                       if self.shared else "",
            "local": "the same words near the figure",
            "time_same": f"stated for times that meet ({a.time.text if a.time else ''}; {b.time.text if b.time else ''})",
            "story": "the articles tell one story",
            "anchored": "both sentences also give the same other figure",
            "values_agree": "the values agree",
            "declared": "declared one fact in the settings",
            "both_lead": "both open their articles",
            "background_both": "both tell of the same earlier event",
        }
        strongest = sorted((c, f) for f, c in self.contributions.items() if c > 0 and words.get(f))
        return "; ".join(words[f] for _, f in reversed(strongest)) or "little in common"


class PairScorer:
    """The one answer to "same fact?" for every check."""

    def __init__(self, spec: ScorerSpec | None = None):
        self.spec = spec or load_scorer_spec()

    def score(self, a: Claim, b: Claim, pair: PairContext) -> PairScore:
        event = a.kind in EVENT_KINDS
        model, frame = (self.spec.dates, self.spec.dates_frame) if event else (self.spec.figures, self.spec.figures_frame)
        values, shared = features(a, b, pair)
        contributions = {f: model.weights.get(f, 0.0) * v for f, v in values.items() if v}
        return PairScore(model.probability(values), contributions, tuple(shared), frame.probability(values))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))

"""What a claim measures, and the structured match the fact sheet asks for.

`dimension` says which claims can be compared at all (money with money in
any currency, percent with percent in one unit, quantities of one physical
dimension, dates with dates); `predicate_group` reads a predicate through the
synonym lexicon. Whether two claims of articles state one fact is the
scorer's question (`scoring`); `same_fact` here is the fact sheet's
declared-key match: a sheet names its fact's subject and predicate, and a
claim is about it when those do not differ. `superseded` finds the old side
of an explicit change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..lexicon import load_lexicon
from ..models import Claim, Kind
from ..pipeline.calendar import bounds
from .measures import physical_dimension
from .values import overlap


def _in_lexicon(group: str) -> bool:
    return group.startswith("g#")


@lru_cache(maxsize=1 << 14)  # asked for both claims of every candidate pair
def predicate_group(predicate: str | None) -> str | None:
    """The synonym group of a predicate, by the whole phrase, else by its head (last) word."""
    if not predicate:
        return None
    groups = load_lexicon().synonym_group
    phrase = predicate.lower()
    for key in (phrase, phrase.split()[-1]):
        if key in groups:
            return f"g#{groups[key]}"
    return phrase.split()[-1]


def dimension(claim: Claim) -> str | None:
    """What a claim measures; only claims of one dimension are compared. A quantity's is
    its physical dimension when the units table knows it, so 50 km meets 31 miles."""
    if claim.kind is Kind.MONEY:
        return "money" + (f" per {claim.per}" if claim.per else "")
    if claim.kind in (Kind.PERCENT, Kind.QUANTITY):
        unit = (_compared_across_units(claim.unit) if claim.kind is Kind.QUANTITY else None) or claim.unit
        return f"{claim.kind.value} {unit}" + (f" per {claim.per}" if claim.per else "")
    if claim.kind is Kind.COUNT:
        return f"count {predicate_group(claim.unit) or '-'}"
    if claim.kind in (Kind.DATE, Kind.TIME, Kind.PLACE):
        return claim.kind.value
    return None


def _compared_across_units(unit: str | None) -> str | None:
    """A unit's physical dimension, so 50 km meets 31 miles; durations keep their own unit: a
    story's "four months" and "10 years" are nearly always two facts (a term, an age, a
    sentence), and outlets that differ on one duration rarely differ in its unit."""
    dimension = physical_dimension(unit)
    return None if dimension == "duration" else dimension


def time_interval(claim: Claim) -> tuple[float | None, float | None] | None:
    return _interval(claim.time.value) if claim.time and claim.time.value else None


@lru_cache(maxsize=1 << 14)
def _interval(value: str) -> tuple[float | None, float | None] | None:
    low, high = bounds(value)
    if low is None:
        return None
    days = [int(x.replace("-", "")) for x in (low, high)]
    return days[0], days[1]


@dataclass(frozen=True)
class Match:
    """Why two claims are taken as one fact, and how sure that is (0-1)."""

    confidence: float
    why: Callable[[], str]  # the words, made only when a finding shows them
    shared_predicate: bool
    same_subject: bool = False  # both name one subject
    same_period: bool = False  # both give a time, in sentences plainly about one story

    @property
    def reason(self) -> str:
        return self.why()


_CONVERSION_GAP = re.compile(r"^\s*(?:\(|,?\s*or\s|,?\s*(?:equivalent to|worth|about|roughly|some)\s)", re.IGNORECASE)
CONVERSION_GAP_CHARS = 30  # characters at most between a figure and its conversion


def text_between(first: Claim, second: Claim) -> str:
    """The text of a sentence between two of its claims, the first ending before the second starts."""
    return first.sentence[first.end - first.sentence_start : second.start - first.sentence_start]


def converts(a: Claim, b: Claim) -> bool:
    """Whether one of two claims of a sentence gives the other in another unit, only a
    conversion's words between them: "229 metres (650 ft)", "46.2C, or 111.2F", "10:40 SAST
    (0840 GMT)"."""
    if a.document != b.document or a.sentence_start != b.sentence_start or a.unit == b.unit or a.kind is not b.kind:
        return False
    first, second = sorted((a, b), key=lambda c: c.start)
    gap = text_between(first, second)
    return len(gap) <= CONVERSION_GAP_CHARS and bool(_CONVERSION_GAP.match(gap))


_SAME_STORY = 0.3  # sentences sharing this much (Jaccard of content stems) tell the same story


def _stems(claim: Claim) -> frozenset[str]:
    """Content words of a claim's sentence, cut to five letters, without the claim itself."""
    return _sentence_stems(claim.sentence, claim.start - claim.sentence_start, len(claim.text))


@lru_cache(maxsize=1 << 16)  # a claim meets many others: its stems are worked out once
def _sentence_stems(sentence: str, offset: int, length: int) -> frozenset[str]:
    text = sentence[:offset] + " " + sentence[offset + length :]
    return frozenset(w[:5] for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOP_WORDS)


def context_overlap(a: Claim, b: Claim) -> tuple[float, frozenset[str]]:
    """How much the two sentences share (Jaccard of content stems), and the stems shared."""
    sa, sb = _stems(a), _stems(b)
    if not sa or not sb:
        return 0.0, frozenset()
    shared = sa & sb
    return len(shared) / (len(sa) + len(sb) - len(shared)), shared


def same_fact(a: Claim, b: Claim) -> Match | None:
    """Context compatibility of two claims of one dimension; None when their subjects,
    predicates or times say they are different facts."""
    if a.subject and b.subject and a.subject != b.subject:
        return None
    ta, tb = time_interval(a), time_interval(b)
    if ta and tb and not overlap(ta, tb):
        return None
    ga, gb = predicate_group(a.predicate), predicate_group(b.predicate)
    if ga and gb and ga != gb and _in_lexicon(ga) and _in_lexicon(gb):
        return None  # two known, different kinds of fact: "tariff" is not "pledge"
    shared_predicate = bool(ga and ga == gb)
    same_subject = bool(a.subject and a.subject == b.subject)
    share, words = context_overlap(a, b)
    confidence = 0.45 + 0.15 * shared_predicate + 0.2 * same_subject + 0.15 * bool(ta and tb) + min(0.25, share)

    def why() -> str:
        reasons = []
        if shared_predicate:
            reasons.append(f"both about {a.predicate}" if a.predicate == b.predicate else f"{a.predicate} ~ {b.predicate}")
        if same_subject:
            reasons.append(a.subject)
        if ta and tb:
            reasons.append(f"{a.time.text} / {b.time.text}")
        if words:
            reasons.append("sentences share " + ", ".join(sorted(words)[:5]))
        return "; ".join(reasons)

    same_period = bool(ta and tb and share >= _SAME_STORY)
    return Match(round(min(confidence, 1.0), 2), why, shared_predicate, same_subject, same_period)


@lru_cache(maxsize=1)
def change_words() -> frozenset[str]:
    """Words that make a sentence state a change; built once, not per claim."""
    extra = {"forward", "back", "postponed", "delayed", "advanced", "revised"}
    return frozenset(load_lexicon().qualifiers.change_words) | extra


def superseded(claim: Claim, sentence_claims: Iterable[Claim]) -> bool:
    """The old value of an explicit change ("moved the deadline from 2030 to 2028",
    "raised the forecast from 3% to 4%", "rose to $610 million from $540 million"): not a
    competing statement of the fact."""
    words = set(re.findall(r"[a-z]+", claim.sentence.lower()))
    if not words & change_words():
        return False
    offset = claim.start - claim.sentence_start
    before = claim.sentence[max(0, offset - 6) : offset].lower()
    if not before.rstrip().endswith("from"):
        return False
    after = claim.sentence[offset + len(claim.text) :]
    new_after = any(  # "from X to Y"
        other.kind == claim.kind and other.start > claim.end
        and re.fullmatch(r"\s*to\s*", claim.sentence[offset + len(claim.text) : other.start - claim.sentence_start])
        for other in sentence_claims
    )
    new_before = any(  # "to Y from X"
        other.kind == claim.kind and other.end < claim.start
        and claim.sentence[: other.start - claim.sentence_start].rstrip().lower().endswith("to")
        for other in sentence_claims
    )
    return new_after or new_before or bool(re.match(r"\s*to\b", after) and claim.kind is Kind.DATE)


def distinctive(claim: Claim) -> bool:
    """A value unlikely to recur by chance: two or more significant digits (8.1 billion,
    240,000, 13) or a date finer than a year. Equal distinctive values in one corpus are
    taken as one fact unless their contexts say otherwise."""
    if claim.kind is Kind.DATE:
        return claim.granularity in ("day", "month", "quarter")
    values = [v for v in (claim.value, claim.low, claim.high) if isinstance(v, (int, float)) and v]
    if not values:
        return False
    digits = f"{abs(values[0]):.6e}".split("e")[0].replace(".", "").rstrip("0")
    return len(digits) >= 2


def predicate_blocks(claims: Iterable[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """Claims grouped by (dimension, predicate group); claims with neither are left out."""
    grouped: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        dim, group = dimension(claim), predicate_group(claim.predicate)
        if dim and group:
            grouped[(dim, group)].append(claim)
    return grouped

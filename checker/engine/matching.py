"""Which claims speak of the same fact?

Two claims are candidates when their dimensions are comparable (money with
money in any currency, percent with percent in the same unit, counts of the
same thing, dates with dates), their predicates fall in one synonym group,
their subjects do not differ and their time references overlap. Claims are
blocked by (dimension, predicate group) so only claims in one block are ever
compared: the work stays close to linear in the number of claims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from ..lexicon import load_lexicon
from ..models import Claim, Kind
from ..pipeline.calendar import bounds
from .values import overlap


def predicate_group(predicate: str | None) -> str | None:
    """The synonym group of a predicate, by the whole phrase, else by its head (last) word."""
    if not predicate:
        return None
    groups = load_lexicon().synonym_group
    phrase = predicate.lower()
    for key in (phrase, phrase.split()[-1]):
        if key in groups:
            return f"g{groups[key]}"
    return phrase.split()[-1]


def dimension(claim: Claim) -> str | None:
    """What a claim measures; only claims of one dimension are compared."""
    if claim.kind is Kind.MONEY:
        return "money" + (f" per {claim.per}" if claim.per else "")
    if claim.kind in (Kind.PERCENT, Kind.QUANTITY):
        return f"{claim.kind.value} {claim.unit}" + (f" per {claim.per}" if claim.per else "")
    if claim.kind is Kind.COUNT:
        return f"count {predicate_group(claim.unit) or '-'}"
    if claim.kind is Kind.DATE:
        return "date"
    return None


def time_interval(claim: Claim) -> tuple[float | None, float | None] | None:
    if not claim.time or not claim.time.value:
        return None
    low, high = bounds(claim.time.value)
    if low is None:
        return None
    days = [int(x.replace("-", "")) for x in (low, high)]
    return days[0], days[1]


@dataclass(frozen=True)
class Match:
    """Why two claims are taken as one fact, and how sure that is (0-1)."""

    confidence: float
    reason: str


def same_fact(a: Claim, b: Claim) -> Match | None:
    """Context compatibility of two claims already in one block; None when they differ."""
    if a.subject and b.subject and a.subject != b.subject:
        return None
    ta, tb = time_interval(a), time_interval(b)
    if ta and tb and not overlap(ta, tb):
        return None
    confidence, reasons = 0.55, [f"both about {a.predicate or b.predicate}" if a.predicate == b.predicate
                                 else f"{a.predicate} ~ {b.predicate}"]
    if a.subject and a.subject == b.subject:
        confidence += 0.25
        reasons.append(a.subject)
    if ta and tb:
        confidence += 0.15
        reasons.append(f"time {a.time.text} / {b.time.text}")
    if a.predicate == b.predicate:
        confidence += 0.05
    return Match(min(confidence, 1.0), ", ".join(reasons))


def superseded(claim: Claim, sentence_claims: Iterable[Claim]) -> bool:
    """The old value of an explicit change ("moved the deadline from 2030 to 2028",
    "raised the forecast from 3% to 4%"): not a competing statement of the fact."""
    change_words = set(load_lexicon().qualifiers.change_words)
    words = set(re.findall(r"[a-z]+", claim.sentence.lower()))
    if not words & (change_words | {"forward", "back", "postponed", "delayed", "advanced", "revised"}):
        return False
    offset = claim.start - claim.sentence_start
    before = claim.sentence[max(0, offset - 6) : offset].lower()
    if not before.rstrip().endswith("from"):
        return False
    after = claim.sentence[offset + len(claim.text) :]
    return any(
        other.kind == claim.kind and other.start > claim.end
        and re.fullmatch(r"\s*to\s*", claim.sentence[offset + len(claim.text) : other.start - claim.sentence_start])
        for other in sentence_claims
    ) or bool(re.match(r"\s*to\b", after) and claim.kind is Kind.DATE)


def blocks(claims: Iterable[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """Claims grouped by (dimension, predicate group); claims with neither are left out."""
    grouped: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        dim, group = dimension(claim), predicate_group(claim.predicate)
        if dim and group:
            grouped[(dim, group)].append(claim)
    return grouped

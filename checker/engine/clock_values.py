"""Do two times of day agree? Each clock read at the precision it is stated with, in UTC where
both zones are known, as written where the zone is "local" or was read from a place.

Apart from `values` (figures and dates), which it shares `Comparison` and the clock's
arithmetic with.
"""

from __future__ import annotations

import re

from ..models import Claim
from .values import (
    MINUTES_A_DAY,
    Comparison,
    Interval,
    clock,
    describe,
    numeric_interval,
)

_CLOCK_PRECISION = {"minute": 2, "hour": 30}  # how far a time as stated may be from the moment it names
_OFFSET = re.compile(r"UTC([+-])(\d{2}):(\d{2})")


def compare_times(a: Claim, b: Claim) -> Comparison | None:
    """Two times of day agree when their intervals, each widened by the precision it is stated
    with (a minute-exact time give or take 2 minutes, an hour-only one 30), meet on the clock.
    Both with a zone: compared in UTC ("12:00 GMT" is "8 a.m. EDT"); one with a zone and the
    other with none: the clocks as stated (the same story's times are mostly written in one
    zone); "local time" against a written zone: not comparable, as the local zone is unknown.
    A zone the extraction read from a place (`extract.local_zones`: "local time", or no zone
    written, in Oslo) is the local time of the event: two such read as two different zones, or
    one such against a "local time" whose place is unknown, are one local clock, compared as
    written (one of the two places was misread, not the event's clock)."""
    ia, ib = _clock_interval(a), _clock_interval(b)
    shifts = _zone_shifts(a, b)
    if ia is None or ib is None or shifts is None:
        return None
    ia, ib = (ia[0] - shifts[0], ia[1] - shifts[0]), (ib[0] - shifts[1], ib[1] - shifts[1])
    ok = any(ia[0] <= ib[1] + turn and ib[0] + turn <= ia[1] for turn in (-MINUTES_A_DAY, 0, MINUTES_A_DAY))
    return Comparison(ok, lambda: f"{_shown_time(a, shifts[0])} and {_shown_time(b, shifts[1])} {'agree' if ok else 'differ'}")


def _zone_shifts(a: Claim, b: Claim) -> tuple[int, int] | None:
    """The offsets (minutes) to take off two clocks to compare them (`compare_times`); None
    when they cannot be compared: "local time" somewhere unknown against a written zone."""
    oa, ob = _offset(a.unit), _offset(b.unit)
    if (a.unit == "local" and ob is not None and not _zone_read(b)) or (b.unit == "local" and oa is not None and not _zone_read(a)):
        return None
    if oa is None or ob is None or (oa != ob and _zone_read(a) and _zone_read(b)):
        return 0, 0  # no zone, "local time", or two places read for one local clock: as written
    return oa, ob


def _zone_read(claim: Claim) -> bool:
    """Whether a time's offset was read from the place it is in, not written: an offset with a
    resolution (a written zone needs none; `extract.times`)."""
    return _offset(claim.unit) is not None and claim.resolution is not None


def _clock_interval(claim: Claim) -> Interval | None:
    """A time's interval widened by its precision; an open side ("before 6 a.m.") reaches half a day."""
    low, high = numeric_interval(claim)
    if low is None and high is None:
        return None
    low = high - MINUTES_A_DAY / 2 if low is None else low
    high = low + MINUTES_A_DAY / 2 if high is None else high
    step = _CLOCK_PRECISION.get(claim.granularity or "minute", 2)
    return low - step, high + step


def _offset(unit: str | None) -> int | None:
    """A zone's offset from UTC in minutes ("UTC-05:00" -> -300); None for none or "local"."""
    found = _OFFSET.fullmatch(unit or "")
    if found is None:
        return None
    return (1 if found[1] == "+" else -1) * (int(found[2]) * 60 + int(found[3]))


def _shown_time(claim: Claim, shift: int) -> str:
    text = f"{claim.qualifier} {describe(claim)}" if claim.qualifier else describe(claim)
    if shift and isinstance(claim.value, (int, float)):
        text += f" ({clock((claim.value - shift) % MINUTES_A_DAY)} UTC)"
    return text

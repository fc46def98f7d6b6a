"""Time-of-day claims from `doc.spans["times"]`: the clock in minutes after midnight, its zone."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..models import Claim, Kind
from .context import ContextReader, Source, make_claim
from .local_zones import local_zone


def _unwritten_zone(span, context: ContextReader) -> tuple[str, str] | None:
    """A clock written without a zone ("at 06:10 in dense fog near Vechta") is the local time
    of where it happened, as news writes it: read in the zone of that place when one names a
    zone with a known offset, so that it meets another outlet's "07:10 CET (0610 GMT)" in UTC.
    None when no place names one, or its offset depends on an unknown season."""
    found = local_zone(span, context.place_zones)
    if found is None or found[0] == "local":
        return None
    return found[0], f"no zone written: read as {found[1]}"


def time_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    """One claim per time; `time` is the date in its sentence ("at 6:40 a.m. on Monday"), so
    a clock is read with the day it belongs to."""
    for span in doc.spans.get("times", []):
        r = span._.reading
        unit, resolution = r.unit, r.resolution
        if unit == "local" and resolution is None:  # "14:30 local time": the zone of the place it is in
            unit, resolution = local_zone(span, context.place_zones) or (unit, resolution)
        elif unit is None:
            unit, resolution = _unwritten_zone(span, context) or (unit, resolution)
        yield make_claim(
            source, span, Kind.TIME,
            value=r.value, low=r.low, high=r.high, unit=unit, qualifier=r.qualifier, granularity=r.granularity,
            resolution=resolution, time=context.time(span),
            subject=context.subject(span, own_clause=True), predicate=context.event(span),
        )

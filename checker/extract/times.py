"""Time-of-day claims from `doc.spans["times"]`: the clock in minutes after midnight, its zone."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..models import Claim, Kind
from .context import ContextReader, Source, make_claim
from .local_zones import local_zone


def time_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    """One claim per time; `time` is the date in its sentence ("at 6:40 a.m. on Monday"), so
    a clock is read with the day it belongs to."""
    for span in doc.spans.get("times", []):
        r = span._.reading
        unit, resolution = r.unit, r.resolution
        if unit == "local" and resolution is None:  # "14:30 local time": the zone of the place it is in
            unit, resolution = local_zone(span, context.place_zones) or (unit, resolution)
        yield make_claim(
            source, span, Kind.TIME,
            value=r.value, low=r.low, high=r.high, unit=unit, qualifier=r.qualifier, granularity=r.granularity,
            resolution=resolution, time=context.time(span),
            subject=context.subject(span, own_clause=True), predicate=context.event(span),
        )

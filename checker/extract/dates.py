"""Date claims from `doc.spans["dates"]`, with how partial dates were resolved."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..models import Claim, Kind
from .context import ContextReader, Source, make_claim


def date_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    for span in doc.spans.get("dates", []):
        r = span._.reading
        yield make_claim(
            source, span, Kind.DATE,
            value=r.value, low=r.low, high=r.high, qualifier=r.qualifier, granularity=r.granularity,
            weekday=r.weekday, resolution=r.resolution,
            subject=context.subject(span, own_clause=True), predicate=context.event(span),
        )

"""Money, percent, quantity and count claims from `doc.spans["figures"]`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..models import Claim, Kind
from .context import ContextReader, Source, make_claim


def figure_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    for span in doc.spans.get("figures", []):
        r = span._.reading
        yield make_claim(
            source, span, Kind(r.kind),
            value=r.value, low=r.low, high=r.high, unit=r.unit, per=r.per, qualifier=r.qualifier,
            time=context.time(span), subject=context.subject(span), predicate=context.predicate(span),
        )

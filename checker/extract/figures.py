"""Money, percent, quantity and count claims from `doc.spans["figures"]`, a shared
currency name ("$", "francs") read as the currency the article establishes (see `currency`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc

from ..models import Claim, Kind
from ..pipeline.readings import round_bound
from ..pipeline.units import MINOR
from .context import ContextReader, Source, make_claim


def figure_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    settled = context.currency.settle(doc)
    for span in doc.spans.get("figures", []):
        r = span._.reading
        kind, unit, resolution, options = Kind(r.kind), r.unit, None, None
        if (currency := settled.get((span.start, span.end))) is not None:
            kind, unit, resolution, options = Kind.MONEY, currency.unit, currency.resolution, list(currency.options) or None
            if currency.unit is None and not currency.counted:
                continue  # "1080p" in an article that states no amount in pounds
            if currency.unit is None:  # "1.5 billion pesos", no peso established: pesos counted
                kind, unit = Kind.COUNT, (span[-1].lemma_ or span[-1].lower_).lower()
                if currency.minor:  # "5 cents": 5 of them, not 0.05
                    r = replace(r, **{k: _whole(getattr(r, k)) for k in ("value", "low", "high")})
        yield make_claim(
            source, span, kind,
            value=r.value, low=r.low, high=r.high, unit=unit, per=r.per, previous=r.previous, qualifier=r.qualifier, resolution=resolution,
            unit_options=options,
            time=context.time(span), subject=context.subject(span), predicate=context.predicate(span),
        )


def _whole(amount: float | None) -> float | None:
    """A hundredth's amount read back as a number of them: 0.05 (dollars) -> 5 (cents)."""
    return None if amount is None else round_bound(amount / MINOR)

"""Quote claims from `doc.spans["quotes"]`: the quoted words and their speaker."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..models import Claim, Kind
from .context import ContextReader, Source, make_claim


def quote_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    for span in doc.spans.get("quotes", []):
        attribution = span._.attribution
        yield make_claim(
            source, span, Kind.QUOTE,
            value=" ".join(span.text.split()),
            speaker=attribution.speaker, predicate=attribution.cue,
            subject=context.subject(span, exclude=attribution.speaker), time=context.time(span),
        )

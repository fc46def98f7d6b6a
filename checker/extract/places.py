"""Place claims from `doc.spans["places"]`, with the event each place is attached to.

The predicate of a place is the event it locates, not the name's own context: read as a
date's is (`events`), the verb or event noun of the clause the place stands in,
lemmatised ("the treaty was signed in Riga" -> "sign", "made landfall near Morgan City" ->
"landfall", "the pile-up near Bramsche" -> "pile-up"), so two reports of one event can be
lined up by what happened there.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..models import Claim, Kind
from .context import ContextReader, Source, make_claim


def place_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    for span in doc.spans.get("places", []):
        r = span._.reading
        yield make_claim(
            source, span, Kind.PLACE,
            value=r.value, unit=r.unit, granularity=r.granularity, time=context.time(span),
            subject=context.subject(span, exclude=r.value, own_clause=True), predicate=context.event(span),
        )

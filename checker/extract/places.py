"""Place claims from `doc.spans["places"]`, with the event word each place is attached to.

The predicate of a place is the event it locates, not the name's own context: the nearest
verb or event noun before its preposition in the same clause, lemmatised ("the treaty was
signed in Riga" -> "sign", "made landfall near Morgan City" -> "landfall", "the pile-up near
Bramsche" -> "pile-up"), so two reports of one event can be lined up by what happened there.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..models import Claim, Kind
from ..pipeline.lemmas import lookup_lemma
from .context import ContextReader, Source, make_claim

_REACH = 10  # words before the preposition looked at for the event word
_ARTICLES = {"the", "a", "an"}
_DETERMINERS = _ARTICLES | {"this", "that", "its", "their", "his", "her", "our"}


def place_claims(doc: Doc, source: Source, context: ContextReader) -> Iterator[Claim]:
    for span in doc.spans.get("places", []):
        r = span._.reading
        yield make_claim(
            source, span, Kind.PLACE,
            value=r.value, unit=r.unit, granularity=r.granularity, time=context.time(span),
            subject=context.subject(span, exclude=r.value), predicate=event_word(span, context),
        )


def event_word(span: Span, context: ContextReader) -> str | None:
    """The nearest content word before the place's preposition, within its clause."""
    doc = span.doc
    k = span.start - 1 - (doc[span.start - 1].lower_ == "the")  # the preposition
    for i in range(k - 1, max(span.sent.start, k - _REACH) - 1, -1):
        t = doc[i]
        if _hyphened(doc, i):
            return f"{doc[i - 1].lower_}-{doc[i + 1].lower_}"  # "pile-up"
        if t.is_punct and t.text != "-":
            return None
        if context.content(t) or _opening(t, context) or _noun_after_article(doc, i, context):
            return _lemma(doc, i)
    return None


def _noun_after_article(doc: Doc, i: int, context: ContextReader) -> bool:
    """A word spaCy lists as a stop word that an article makes a noun ("the mine near Rustenburg")."""
    token = doc[i]
    return i > 0 and doc[i - 1].lower_ in _ARTICLES and token.is_alpha and token.is_lower and token.lower_ not in context.light


def _opening(token: Token, context: ContextReader) -> bool:
    """A content word capitalised only because it opens the sentence ("Speaking from Geneva")."""
    return token.is_sent_start and token.is_title and token.is_alpha and not token.is_stop and token.lower_ not in context.light


def _hyphened(doc: Doc, i: int) -> bool:
    """Whether token i is a hyphen joining two lower-case words ("pile-up", "break-in")."""
    if doc[i].text != "-" or i == 0 or i + 1 >= len(doc) or doc[i - 1].whitespace_ or doc[i].whitespace_:
        return False
    return all(t.is_alpha and t.is_lower for t in (doc[i - 1], doc[i + 1]))


def _lemma(doc: Doc, i: int) -> str:
    """A verb's lemma ("sank" -> "sink", "Speaking" -> "speak"); a noun in -ing after a
    determiner stays as written ("the bombing")."""
    token = doc[i]
    if token.lower_.endswith("ing") and i > 0 and doc[i - 1].lower_ in _DETERMINERS:
        return token.lower_
    if token.is_title and token.lemma_ == token.text:  # opening the sentence: not in the table as written
        return lookup_lemma(token.lower_)
    return (token.lemma_ or token.text).lower()

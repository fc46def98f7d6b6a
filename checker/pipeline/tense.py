"""The tense of the verb a date belongs to: which way a weekday or a year-less date points.

There is no parser in the pipeline, so the tense is read from words: future markers
("will", "expected to", "as soon as"), past markers ("was", "said", verbs ending in -ed)
and present ones ("is", "are"). The date's own verb is the marker nearest to it in its
clause, before or after it: "a court Thursday refused" is past even when the sentence
began "Elian will stay ...", and "Conseco said it is calling the shares on Dec. 7" is
present, not the past of the reporting verb. A date opening its sentence ("In January,
the company ...") takes the verb after its comma.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

_CLAUSE_BREAKS = {"and", "but", "or", "while", "whereas", "although", "though"}
# words after a date that open another clause, whose verb is not the date's
_CLAUSE_OPENERS = _CLAUSE_BREAKS | {"that", "which", "who", "when", "because", "if", "after", "before", "as"}
_PASSIVE = {"be", "been", "being", "to"}  # "will be paid", "to be completed": the tense is the auxiliary's
_AFTER = 6  # tokens after a date read for its verb
_FRONT = 3  # a date at most this many tokens into its sentence opens it


class TenseReader:
    """Reads "future", "past" or None (present or no marker) for a date span."""

    def __init__(self, future_markers: list[str], past_markers: list[str], present_markers: list[str]):
        self.future: dict[str, list[tuple[str, ...]]] = {}  # first word -> the future markers it starts
        for marker in {tuple(w.split()) for w in future_markers}:
            self.future.setdefault(marker[0], []).append(marker)
        self.past = set(past_markers)
        self.present = set(present_markers)

    def __call__(self, span: Span) -> str | None:
        """The tense of the marker nearest the date in its clause; on a tie, the one before it."""
        doc, sent = span.doc, span.sent
        before = self.nearest(doc, self._before(span, sent))
        after = self.nearest(doc, self._after(span, sent))
        found = before if before and (not after or before[0] <= after[0]) else after
        return None if not found or found[1] == "present" else found[1]

    def nearest(self, doc: Doc, tokens: Iterator[Token]) -> tuple[int, str] | None:
        """(distance, tense) of the first marker among `tokens`, nearest the date first."""
        return next(((k, mark) for k, t in enumerate(tokens) if (mark := self.marker(doc, t))), None)

    def marker(self, doc: Doc, t: Token) -> str | None:
        """"future", "past", "present" or None for one token."""
        word = t.lower_
        if word in self.future and self.is_future(doc, t.i):
            return "future"
        if word in self.present:
            return "present"
        if word in self.past or (t.is_alpha and t.is_lower and len(t) > 4 and word.endswith("ed")):
            return None if t.i > 0 and doc[t.i - 1].lower_ in _PASSIVE else "past"
        return None

    def is_future(self, doc: Doc, i: int) -> bool:
        """Whether a future marker ("will", "expected to") starts at token i."""
        markers = self.future.get(doc[i].lower_, ())
        return any(tuple(t.lower_ for t in doc[i : i + len(m)]) == m for m in markers)

    @staticmethod
    def _before(span: Span, sent: Span) -> Iterator[Token]:
        """The clause before the date, nearest word first, read only as far as asked: it ends
        at a semicolon, a colon, or a comma that is not right before the date."""
        doc, first = span.doc, sent.start
        for k in range(span.start - 1, first - 1, -1):
            t = doc[k]
            if t.text in (";", ":") or (t.text == "," and k < span.start - 1):
                return
            yield t

    @staticmethod
    def _after(span: Span, sent: Span) -> Iterator[Token]:
        """The words after the date up to the next clause; past its comma when it opens the
        sentence ("In January, American Medical brought in ...")."""
        doc = span.doc
        fronted = span.start - sent.start <= _FRONT
        read = 0
        for t in doc[span.end : min(span.end + _AFTER, sent.end)]:
            if t.text == "," and fronted and not read:
                continue
            if t.is_punct or t.lower_ in _CLAUSE_OPENERS:
                return
            read += 1
            yield t

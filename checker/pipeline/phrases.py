"""Longest-match lookup of multi-word lexicon phrases on token sequences.

The lexicons hold phrases ("more than", "per cent", "US dollars"); the
components ask "which phrase starts (or ends) at this token?". Phrases are
tokenized with the pipeline's own tokenizer so they split the way text does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

V = TypeVar("V")


class PhraseTable(Generic[V]):
    """Phrases mapped to values, matched on token text (optionally lower-cased)."""

    def __init__(self, nlp: Language, phrases: Mapping[str, V] | Iterable[tuple[str, V]], lower: bool = True):
        self.lower = lower
        self.table: dict[tuple[str, ...], V] = {}
        items = phrases.items() if isinstance(phrases, Mapping) else phrases
        for phrase, value in items:
            key = tuple(t.text for t in nlp.make_doc(phrase))
            self.table.setdefault(self._norm(key), value)
            if " " not in phrase:  # alone "$US" splits in two; before digits it stays one token
                self.table.setdefault(self._norm((phrase,)), value)
        self.longest = max((len(k) for k in self.table), default=0)

    def _norm(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.lower() for w in words) if self.lower else words

    def _key(self, doc: Doc, start: int, end: int) -> tuple[str, ...]:
        return self._norm(tuple(t.text for t in doc[start:end]))

    def at(self, doc: Doc, start: int) -> tuple[V, int] | None:
        """The longest phrase starting at token `start`: (value, end)."""
        for size in range(min(self.longest, len(doc) - start), 0, -1):
            value = self.table.get(self._key(doc, start, start + size))
            if value is not None:
                return value, start + size
        return None

    def ending_at(self, doc: Doc, end: int) -> tuple[V, int] | None:
        """The longest phrase ending just before token `end`: (value, start)."""
        for size in range(min(self.longest, end), 0, -1):
            value = self.table.get(self._key(doc, end - size, end))
            if value is not None:
                return value, end - size
        return None

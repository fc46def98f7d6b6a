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
    """Phrases mapped to values, matched on token text (optionally lower-cased).

    The components ask at nearly every token, and nearly every answer is "none":
    so the longest phrase that can start (or end) with a word is kept per word,
    and a token whose word begins (or ends) no phrase costs one set lookup."""

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
        self.from_first: dict[str, int] = {}  # first word -> the longest phrase starting with it
        self.to_last: dict[str, int] = {}  # last word -> the longest phrase ending with it
        self.prefixes: set[tuple[str, ...]] = set()  # the word sequences a longer phrase starts with
        self.suffixes: set[tuple[str, ...]] = set()  # and ends with
        for key in filter(None, self.table):
            self.from_first[key[0]] = max(self.from_first.get(key[0], 0), len(key))
            self.to_last[key[-1]] = max(self.to_last.get(key[-1], 0), len(key))
            self.prefixes.update(key[:n] for n in range(1, len(key)))
            self.suffixes.update(key[-n:] for n in range(1, len(key)))

    def _norm(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.lower() for w in words) if self.lower else words

    def _word(self, doc: Doc, i: int) -> str:
        return doc[i].lower_ if self.lower else doc[i].text

    def at(self, doc: Doc, start: int) -> tuple[V, int] | None:
        """The longest phrase starting at token `start`: (value, end)."""
        if start >= len(doc):
            return None
        first = self._word(doc, start)
        longest = self.from_first.get(first, 0)
        if longest <= 1:  # most answers: no phrase, or one word
            value = self.table.get((first,)) if longest else None
            return None if value is None else (value, start + 1)
        words, best = (first,), self.table.get((first,))
        found = None if best is None else (best, start + 1)
        for i in range(start + 1, min(start + longest, len(doc))):
            words = (*words, self._word(doc, i))
            if (value := self.table.get(words)) is not None:
                found = value, i + 1
            if words not in self.prefixes:  # no longer phrase goes on: the next words are not read
                break
        return found

    def ending_at(self, doc: Doc, end: int) -> tuple[V, int] | None:
        """The longest phrase ending just before token `end`: (value, start)."""
        longest = self.to_last.get(self._word(doc, end - 1), 0) if 0 < end <= len(doc) else 0
        if not longest:
            return None
        words = (self._word(doc, end - 1),)
        best = self.table.get(words)
        found = None if best is None else (best, end - 1)
        for i in range(end - 2, max(0, end - longest) - 1, -1):
            words = (self._word(doc, i), *words)
            if (value := self.table.get(words)) is not None:
                found = value, i
            if words not in self.suffixes:
                break
        return found

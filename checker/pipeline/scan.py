"""Finding the few tokens a component must look at, for a whole Doc at once.

Most components only act at a handful of tokens: a number word, a month, a
quote mark, a capital letter. Asking every token from Python (`token.lower_
in words`) costs more than spaCy's whole tokenizer; reading one attribute of
every token as an array and matching it against a set of string hashes costs
a tenth of that. These helpers return the positions to look at, and the
components then read the tokens there as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import LOWER, ORTH, PREFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span


class Words:
    """A set of words, matched on token text (`cased`) or lower-cased text."""

    def __init__(self, words: Iterable[str], cased: bool = False):
        self.attr = ORTH if cased else LOWER
        self.hashes = numpy.array(sorted({get_string_id(w) for w in words}), dtype="uint64")

    def mask(self, tokens: Doc | Span) -> numpy.ndarray:
        """Which tokens (of a Doc or a Span) are one of the words."""
        return numpy.isin(tokens.to_array([self.attr]).reshape(-1), self.hashes)


def first_character(doc: Doc, test: Callable[[str], bool]) -> numpy.ndarray:
    """Which tokens start with a character that passes `test` (a Doc has few distinct first characters)."""
    prefixes = doc.to_array(PREFIX)
    passing = [h for h in numpy.unique(prefixes).tolist() if test(doc.vocab.strings[h])]
    return numpy.isin(prefixes, numpy.array(passing, dtype="uint64"))


def starts_number(doc: Doc) -> numpy.ndarray:
    """Which tokens start with a digit or a decimal point: where a figure written in digits can start."""
    return first_character(doc, lambda c: c.isdigit() or c == ".")


def positions(mask: numpy.ndarray) -> list[int]:
    return numpy.flatnonzero(mask).tolist()

"""Finding the few tokens a component must look at, for a whole Doc at once.

Most components only act at a handful of tokens: a number word, a month, a
quote mark, a capital letter. Asking every token from Python (`token.lower_
in words`) costs more than spaCy's whole tokenizer. Instead a Doc's token
texts, lower-cased texts, first characters and space flags are read once as
an array of string hashes (kept in `doc.user_data`, read again only if the
Doc's length changed), and each component matches the column it needs
against a sorted array of the hashes it looks for. The components then read
the tokens at those positions as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import IS_SPACE, LOWER, ORTH, PREFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

_COLUMNS = [ORTH, LOWER, PREFIX, IS_SPACE]
_TEXT, _LOWER, _FIRST, _SPACE = range(len(_COLUMNS))
_KEY = "checker.scan"
_STARTS = "checker.scan.starts_number"
_POINT = get_string_id(".")


def _table(doc: Doc) -> numpy.ndarray:
    table = doc.user_data.get(_KEY)
    if table is None or len(table) != len(doc):
        table = doc.user_data[_KEY] = doc.to_array(_COLUMNS).reshape(len(doc), len(_COLUMNS))
    return table


def _member(values: numpy.ndarray, hashes: numpy.ndarray) -> numpy.ndarray:
    """Which values are among the sorted `hashes` (a binary search: no set is built per Doc)."""
    if not len(hashes):
        return numpy.zeros(len(values), dtype=bool)
    found = numpy.searchsorted(hashes, values)
    found[found == len(hashes)] = 0
    return hashes[found] == values


class Words:
    """A set of words, matched on token text (`cased`) or lower-cased text."""

    def __init__(self, words: Iterable[str], cased: bool = False):
        self.column, self.attr = (_TEXT, ORTH) if cased else (_LOWER, LOWER)
        self.hashes = numpy.array(sorted({get_string_id(w) for w in words}), dtype="uint64")

    def mask(self, tokens: Doc | Span) -> numpy.ndarray:
        """Which tokens (of a Doc or a Span) are one of the words."""
        if isinstance(tokens, Doc):
            return _member(_table(tokens)[:, self.column], self.hashes)
        return _member(tokens.to_array([self.attr]).reshape(-1), self.hashes)


_PASSING: dict[tuple[Callable[[str], bool], int], bool] = {}  # (test, first character) -> verdict


def first_character(doc: Doc, test: Callable[[str], bool]) -> numpy.ndarray:
    """Which tokens start with a character that passes `test` (each character is tested once)."""
    firsts = _table(doc)[:, _FIRST]
    distinct, where = numpy.unique(firsts, return_inverse=True)
    verdicts = []
    for h in distinct.tolist():
        if (test, h) not in _PASSING:
            _PASSING[(test, h)] = test(doc.vocab.strings[h])
        verdicts.append(_PASSING[(test, h)])
    return numpy.array(verdicts, dtype=bool)[where.reshape(-1)]


def starts_number(doc: Doc) -> numpy.ndarray:
    """Which tokens start with a digit, or with a decimal point and go on (".5", not a full
    stop): where a figure written in digits can start. Kept with the Doc's table (several
    components ask), read again only if the Doc's length changed."""
    kept = doc.user_data.get(_STARTS)
    if kept is not None and len(kept) == len(doc):
        return kept
    table = _table(doc)
    point = numpy.logical_and(table[:, _FIRST] == _POINT, table[:, _TEXT] != _POINT)
    mask = doc.user_data[_STARTS] = first_character(doc, str.isdigit) | point
    return mask


def spaces(doc: Doc) -> numpy.ndarray:
    """Which tokens are whitespace (spaCy keeps line breaks in such tokens)."""
    return _table(doc)[:, _SPACE] == 1


def positions(mask: numpy.ndarray) -> list[int]:
    return numpy.flatnonzero(mask).tolist()

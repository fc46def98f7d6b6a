"""Sentence boundaries for news text without a parser.

News files break paragraphs, headings and bullet lines with newlines and no
final punctuation, so a line break always ends a sentence here, as does a
full stop, question or exclamation mark (with any closing quote or bracket
after it). Abbreviations such as "U.S." and "Oct." are single tokens already.

A sentence is at most `MAX_TOKENS` tokens and about `MAX_CHARS` characters:
a longer run without a break is split, after its last comma, semicolon,
colon or dash where there is one, else before a small word such as "and"
after a word (not inside "$5 million" or "5 and 6"). Every rule that reads a claim's sentence
then reads a bounded stretch of text, so an article without full stops costs
time and memory in proportion to its length, not to its square.
"""

from __future__ import annotations

import itertools

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_STOP, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .scan import Words, positions, spaces

_ENDERS = {".", "!", "?", "…", "...", "?!"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
_PUNCT = Words(_ENDERS | _CLOSERS, cased=True)
_SOFT = Words([",", ";", ":", "—", "–", "-", ")"], cased=True)  # where a long sentence is best split
MAX_TOKENS = 200  # the longest sentence of the seed and development corpora has 67
MAX_CHARS = 1200  # and 410 characters


class SentenceSplitter:
    """Mark sentence starts; leaves a Doc that already has them untouched.

    Only punctuation and space tokens are read (a token's `whitespace_` is
    only ever a space or nothing, so line breaks are in space tokens), and the
    marks are written in one `Doc.from_array` call: setting
    `token.is_sent_start` one token at a time makes spaCy re-scan the Doc for
    parse annotation on every call, which is quadratic in its length."""

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("SENT_START") or not len(doc):
            return doc
        n = len(doc)
        starts = numpy.full(n, -1, dtype="int64")  # -1: not a start; 1: a start
        starts[0] = 1
        # only punctuation and space tokens change whether the next token starts a sentence
        ended, last = False, -2  # whether a sentence ended after token `last`
        for i in positions(_PUNCT.mask(doc) | spaces(doc)):
            before = i == 0 or (last == i - 1 and ended)
            text = doc[i].text
            if text.isspace():
                ended = before or "\n" in text
            elif text in _ENDERS:
                ended = not (i + 1 < n and doc[i + 1].text in _CLOSERS)  # the closing quote belongs here
            else:  # a closing quote or bracket
                ended = i > 0 and doc[i - 1].text in _ENDERS
            last = i
            if ended and i + 1 < n:
                starts[i + 1] = 1
        split_long(doc, starts)
        doc.from_array([SENT_START], starts.astype("uint64"))  # -1 (not a start) as spaCy stores it
        return doc


def split_long(doc: Doc, starts: numpy.ndarray) -> None:
    """Mark more sentence starts in `starts` so that no sentence is longer than the limits."""
    bounds = [*numpy.flatnonzero(starts == 1).tolist(), len(doc)]
    if max(b - a for a, b in itertools.pairwise(bounds)) <= MAX_TOKENS and doc[-1].idx < MAX_CHARS:
        return
    table = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_LOWER, IS_STOP]).reshape(len(doc), 5)
    ends = (table[:, 0] + table[:, 1]).tolist()  # where each token's text ends
    firsts = table[:, 0].tolist()  # and starts
    after_punct = numpy.roll(_SOFT.mask(doc), 1)  # tokens that follow a comma, a dash ...
    small_word = (table[:, 3] & table[:, 4]).astype(bool) & numpy.roll(table[:, 2].astype(bool), 1)
    for a, b in itertools.pairwise(bounds):
        while b - a > MAX_TOKENS or (b - a > 1 and ends[b - 1] - firsts[a] > MAX_CHARS):
            a = _cut(a, b, (firsts, ends), (after_punct, small_word))
            starts[a] = 1


def _cut(a: int, b: int, offsets: tuple[list[int], list[int]], preferred: tuple[numpy.ndarray, ...]) -> int:
    """Where the next sentence starts in an over-long one running from token `a` to `b`
    (`offsets`: where each token starts and ends): the last preferred start in its
    second half, else at the limit; always after `a`."""
    firsts, ends = offsets
    limit = min(a + MAX_TOKENS, b - 1)  # b - a >= 2 here
    while limit > a + 1 and ends[limit - 1] - firsts[a] > MAX_CHARS:
        limit -= 1
    half = (a + limit + 1) // 2
    for mask in preferred:
        found = numpy.flatnonzero(mask[half : limit + 1])
        if len(found):
            return int(found[-1]) + half
    return limit


@Language.factory("checker_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()

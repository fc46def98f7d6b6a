"""Sentence boundaries for news text without a parser.

News files break paragraphs, headings and bullet lines with newlines and no
final punctuation, so a line break always ends a sentence here, as does a
full stop, question or exclamation mark (with any closing quote or bracket
after it). Abbreviations such as "U.S." and "Oct." are single tokens already.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .scan import Words, positions, spaces

_ENDERS = {".", "!", "?", "…", "...", "?!"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
_PUNCT = Words(_ENDERS | _CLOSERS, cased=True)


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
        doc.from_array([SENT_START], starts.astype("uint64"))  # -1 (not a start) as spaCy stores it
        return doc


@Language.factory("checker_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()

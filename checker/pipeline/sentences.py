"""Sentence boundaries for news text without a parser.

News files break paragraphs, headings and bullet lines with newlines and no
final punctuation, so a line break always ends a sentence here, as does a
full stop, question or exclamation mark (with any closing quote or bracket
after it). Abbreviations such as "U.S." and "Oct." are single tokens already.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = {".", "!", "?", "…", "...", "?!"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}


class SentenceSplitter:
    """Mark sentence starts; leaves a Doc that already has them untouched."""

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("SENT_START"):
            return doc
        ended = True
        for token in doc:
            token.is_sent_start = ended
            if token.is_space:
                ended = ended or "\n" in token.text
                continue
            if "\n" in token.whitespace_:
                ended = True
            elif token.text in _ENDERS:
                ended = True
            elif token.text in _CLOSERS and token.i > 0 and doc[token.i - 1].text in _ENDERS:
                ended = True
            else:
                ended = False
            if ended and token.text in _ENDERS and token.i + 1 < len(doc) and doc[token.i + 1].text in _CLOSERS:
                ended = False  # the closing quote belongs to this sentence
        return doc


@Language.factory("checker_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()

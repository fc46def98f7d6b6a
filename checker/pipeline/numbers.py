"""Numbers written in digits, words or both, with their scale.

"550", "1,200", "0.25", "fifteen", "two hundred and fifty", "twenty-five",
"2.9 million", "1.2bn", "a million", "a dozen" each become one span in
`doc.spans["numbers"]` whose `_.number` is the value. Whether a number is a
figure, a year, an ordinal or part of a name is decided later; this component
only refuses what is not a number at all (URLs, licence versions).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, load_lexicon
from .readings import register_extensions
from .scan import Words, positions, starts_number

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
# No text means a larger figure; below it, a figure times a unit factor, a scale
# or a qualifier's tolerance stays finite, so no value or bound becomes infinity.
LARGEST = 1e300


def parse_digits(text: str) -> float | None:
    """The value of a digit string such as "1,200" or "0.25", else None (also
    for a digit string too long to be a figure: 300 digits are not a number)."""
    if not DIGITS.match(text):
        return None
    value = float(text.replace(",", ""))
    return value if value <= LARGEST else None


class NumberFinder:
    """Find number spans and attach their values."""

    def __init__(self, lexicon: Lexicon):
        n = lexicon.numbers
        self.small = {**n.units, **n.tens}
        self.hundred = set(n.hundred)
        self.scales = {k.lower(): v for k, v in n.scales.items()}
        self.abbrev = n.scale_abbreviations
        self.specials = sorted(((tuple(k.split()), v) for k, v in n.specials.items()), key=lambda kv: -len(kv[0]))
        self.articles = set(n.article_as_one)
        # the lower-cased words a number can start with; any other token starts one only with a digit
        self.starters = set(self.small) | self.articles | {words[0] for words, _ in self.specials}
        self.starter_words = Words(self.starters)
        self.specials_from: dict[str, list[tuple[tuple[str, ...], float]]] = {}  # first word -> specials, longest first
        for words, value in self.specials:
            self.specials_from.setdefault(words[0], []).append((words, value))

    def scale_at(self, doc: Doc, i: int) -> float | None:
        """The multiplier of a scale word at token i ("million", or "bn" written after digits)."""
        if i >= len(doc):
            return None
        token = doc[i]
        if token.lower_ in self.scales:
            return self.scales[token.lower_]
        attached = i > 0 and doc[i - 1].whitespace_ == ""
        if token.text in self.abbrev and (attached or len(token.text) > 1):
            return self.abbrev[token.text]
        return None

    def words_at(self, doc: Doc, i: int) -> tuple[float, int] | None:
        """A number written in words starting at token i: (value, end).

        "twenty-five", "two hundred and fifty", "one hundred twenty three"; a
        second small number joins only as the units of a tens word or after
        "hundred", so "nineteen ninety" and "two three" stay apart."""
        for words, value in self.specials_from.get(doc[i].lower_, ()):
            if tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
                return value, i + len(words)
        current, j, seen = 0.0, i, False
        while j < len(doc):
            word = doc[j].lower_
            if word in self.small:
                n = self.small[word]
                joins = current % 100 == 0 or (current % 100 >= 20 and current % 10 == 0 and n < 10)
                if seen and not joins:
                    break
                current, seen = current + n, True
            elif word in self.hundred and seen and current < 100:
                current *= 100
            elif not (word in ("-", "and") and seen and j + 1 < len(doc) and doc[j + 1].lower_ in self.small):
                break
            j += 1
        while j > i and doc[j - 1].lower_ in ("-", "and"):
            j -= 1
        return (current, j) if seen else None

    def number_at(self, doc: Doc, i: int) -> tuple[float, float, int] | None:
        """The number starting at token i, scale included: (value, scale, end)."""
        token: Token = doc[i]
        if not self.may_start(token) or token.like_url or token.like_email:
            return None
        value = parse_digits(token.text)
        end = i + 1
        if value is None:
            if token.lower_ in self.articles and i + 1 < len(doc) and doc[i + 1].lower_ in self.scales:
                value, end = 1.0, i + 1
            else:
                found = self.words_at(doc, i)
                if found is None:
                    return None
                value, end = found
        total_scale = 1.0
        while (scale := self.scale_at(doc, end)) is not None:  # "4 hundred million"
            total_scale, end = total_scale * scale, end + 1
        value *= total_scale
        if not value <= LARGEST:  # "999...9 trillion trillion", or 0 times a scale that overflowed (NaN)
            return None
        if total_scale >= 1000 and end < len(doc):  # "twenty-eight thousand six hundred forty-two"
            rest = self.words_at(doc, end) if parse_digits(doc[end].text) is None else None
            if rest is not None and rest[0] < total_scale:
                value, end = value + rest[0], rest[1]
        return value, total_scale, end

    def may_start(self, token: Token) -> bool:
        """Whether a number can start at this token: a digit or "." first, or a number word."""
        first = token.text[:1]
        return first.isdigit() or first == "." or token.lower_ in self.starters

    def candidates(self, doc: Doc) -> list[int]:
        """The tokens `may_start` would pass, found for the whole Doc at once."""
        return positions(self.starter_words.mask(doc) | starts_number(doc))

    def __call__(self, doc: Doc) -> Doc:
        spans, end = [], 0
        for i in self.candidates(doc):
            if i < end:
                continue
            found = self.number_at(doc, i)
            if found is None:
                continue
            value, scale, end = found
            span = Span(doc, i, end, label="NUMBER")
            span._.number, span._.scale = value, scale
            spans.append(span)
        doc.spans["numbers"] = spans
        return doc


@Language.factory("checker_numbers", default_config={"lexicon_dir": None})
def make_number_finder(nlp: Language, name: str, lexicon_dir: str | None) -> NumberFinder:
    register_extensions()
    return NumberFinder(load_lexicon(lexicon_dir))

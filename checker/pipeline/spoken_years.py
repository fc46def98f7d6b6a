"""Years said aloud, as transcripts and quotations write them: "nineteen ninety-six",
"nineteen oh five", "two thousand and nine", "twenty twenty-five", "the year two thousand".

A century's two words followed by two more ("nineteen ninety-six", "eighteen twelve") are a
year wherever they stand: no figure is written that way. The other forms are also numbers
("two thousand and nine" people, "twenty, twenty-five", "nineteen hundred" voters), so they
are a year only after a word that asks for one ("in", "since", "by", "the year", a month:
`spoken_year_before` in rules/lexicon/dates.yaml) and not before a word they could count.
The numbers component marks each as a number span labelled YEAR (the figures component
leaves years to the dates component) and records it in `Doc._.spoken_years`.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..lexicon import Lexicon


class SpokenYears:
    """Find years written in words at a token."""

    def __init__(self, lexicon: Lexicon):
        n = lexicon.numbers
        self.small = {w.lower(): v for w, v in n.units.items()}
        self.tens = {w.lower(): v for w, v in n.tens.items()}
        self.centuries = {w: v for w, v in self.small.items() if 11 <= v <= 19} | {w: v for w, v in self.tens.items() if v == 20}
        self.before = {w.lower() for w in lexicon.dates.spoken_year_before}
        self.months = set(lexicon.month_of)
        self.starters = {*self.centuries, "two"}

    def at(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """(year, end) of a year said aloud starting at token i, or None."""
        found = self.read(doc, i)
        if found is None:
            return None
        year, end, ambiguous = found
        if ambiguous and not (self.named_year(doc, i) or (self.asked_for(doc, i) and self.nothing_counted(doc, end))):
            return None
        return year, end

    def read(self, doc: Doc, i: int) -> tuple[int, int, bool] | None:
        """(year, end, whether the words are also an ordinary number) at token i."""
        word = doc[i].lower_
        if word == "two" and i + 1 < len(doc) and doc[i + 1].lower_ == "thousand":
            j = i + 2
            if j + 1 < len(doc) and doc[j].lower_ == "and" and doc[j + 1].lower_ in (*self.small, *self.tens):
                j += 1
            rest = self.below_hundred(doc, j)
            return (2000 + rest[0], rest[1], True) if rest else (2000, i + 2, True)
        century = self.centuries.get(word)
        if century is None or i + 1 >= len(doc):
            return None
        j = i + 2 if doc[i + 1].text == "-" and not doc[i].whitespace_ else i + 1  # "nineteen-ninety-eight"
        after = doc[j].lower_ if j < len(doc) else ""
        if after == "hundred":
            return century * 100, j + 1, True
        clock_like = not 15 <= century <= 19  # "twenty twenty-five" people, "eleven fifteen" at night
        if after in ("oh", "o") and j + 1 < len(doc) and 1 <= self.small.get(doc[j + 1].lower_, 0) <= 9:
            return century * 100 + self.small[doc[j + 1].lower_], j + 2, clock_like
        rest = self.below_hundred(doc, j)
        if rest is None or rest[0] < 10:
            return None
        return century * 100 + rest[0], rest[1], clock_like

    def below_hundred(self, doc: Doc, j: int) -> tuple[int, int] | None:
        """A number from one to ninety-nine in words at token j: (value, end)."""
        if j >= len(doc):
            return None
        word = doc[j].lower_
        if word in self.small and self.small[word] > 0:
            return self.small[word], j + 1
        if word not in self.tens:
            return None
        value, end = self.tens[word], j + 1
        k = end + 1 if end < len(doc) and doc[end].text == "-" else end
        if k < len(doc) and 1 <= self.small.get(doc[k].lower_, 0) <= 9:
            return value + self.small[doc[k].lower_], k + 1
        return value, end

    def asked_for(self, doc: Doc, i: int) -> bool:
        """Whether the word before asks for a year: "in", "since", "by", "during"."""
        return i > 0 and doc[i - 1].lower_ in self.before

    def named_year(self, doc: Doc, i: int) -> bool:
        """After "the year" or a month nothing else is meant: "the year two thousand worried them"."""
        return i > 0 and (doc[i - 1].lower_ == "year" or doc[i - 1].text in self.months)

    @staticmethod
    def nothing_counted(doc: Doc, end: int) -> bool:
        """Whether no word the number could count follows: punctuation, a capital, a small word."""
        if end >= len(doc):
            return True
        after = doc[end]
        return after.is_punct or after.is_title or after.lower_ in STOP_WORDS

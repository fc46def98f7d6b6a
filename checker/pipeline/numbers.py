"""Numbers written in digits, words or both, with their scale.

"550", "1,200", "0.25", "fifteen", "two hundred and fifty", "twenty-five",
"2.9 million", "1.2bn", "a million", "a dozen", and numbers said aloud as radio
transcripts write them ("a hundred and eighty-six thousand", "one point seven
billion", "nine and a half thousand", "half a million") each become one span in
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
from .spoken_years import SpokenYears

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
# No text means a larger figure; below it, a figure times a unit factor, a scale
# or a qualifier's tolerance stays finite, so no value or bound becomes infinity.
LARGEST = 1e300


class Phrases:
    """Number phrases of whole lower-case words ("half a dozen", "and a half"), matched at a token."""

    def __init__(self, phrases: dict[str, float]):
        self.from_first: dict[str, list[tuple[tuple[str, ...], float]]] = {}  # first word -> phrases, longest first
        for words, value in sorted(((tuple(k.lower().split()), v) for k, v in phrases.items()), key=lambda kv: -len(kv[0])):
            self.from_first.setdefault(words[0], []).append((words, value))

    def at(self, doc: Doc, i: int) -> tuple[float, int] | None:
        """The longest phrase starting at token i: (value, end)."""
        for words, value in self.from_first.get(doc[i].lower_, ()) if i < len(doc) else ():
            if tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
                return value, i + len(words)
        return None


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
        self.specials = Phrases(n.specials)
        self.articles = set(n.article_as_one)
        self.points = {w.lower() for w in n.decimal_point}
        self.digit_words = {w: v for w, v in n.units.items() if v < 10}  # the words after "point"
        self.fractions = Phrases(n.fractions)
        self.fractions_of_one = Phrases(n.fractions_of_one)
        # the words a unit can start with: "half a" is a number before them ("half a mile", "half an hour")
        units, currencies = lexicon.units, lexicon.currency_names
        unit_phrases = [
            *lexicon.measure_of, *units.percent, *units.percentage_points, *units.basis_points,
            *(n.surface for n in (*currencies.after, *currencies.after_scale, *currencies.minor)),
        ]
        self.unit_starts = {phrase.split()[0].lower() for phrase in unit_phrases if phrase.split()}
        # the lower-cased words a number can start with; any other token starts one only with a digit
        self.starters = set(self.small) | self.articles | set(self.specials.from_first) | set(self.fractions_of_one.from_first)
        self.spoken_years = SpokenYears(lexicon)
        self.starters |= self.spoken_years.starters
        self.starter_words = Words(self.starters)

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

    def hyphen_before_scale(self, doc: Doc, i: int) -> bool:
        """A hyphen glued between a number and a scale word: "a $120-million budget"."""
        return (
            i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and doc[i + 1].lower_ in self.scales
        )

    def words_at(self, doc: Doc, i: int) -> tuple[float, int] | None:
        """A number written in words starting at token i: (value, end).

        "twenty-five", "two hundred and fifty", "one hundred twenty three", "a
        hundred and fifty", "one point seven"; a second small number joins only
        as the units of a tens word or after "hundred", so "nineteen ninety" and
        "two three" stay apart."""
        current, j, seen = 0.0, i, False
        if doc[i].lower_ in self.articles and i + 1 < len(doc) and doc[i + 1].lower_ in self.hundred:
            current, j, seen = 1.0, i + 1, True  # "a hundred and fifty": "a" is one
        special = None if seen else self.specials.at(doc, i)
        if special is not None:
            return special
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
        if not seen:
            return None
        return self.decimals_at(doc, j, current)

    def decimals_at(self, doc: Doc, j: int, whole: float) -> tuple[float, int]:
        """A whole number said aloud with its decimals: "one point seven" (1.7), "four point
        two five" (4.25), each word after "point" one digit; (whole, j) without them."""
        k = j + 1
        if k >= len(doc) or doc[j].lower_ not in self.points or doc[k].lower_ not in self.digit_words:
            return whole, j
        while k < len(doc) and doc[k].lower_ in self.digit_words:
            k += 1
        digits = "".join(str(self.digit_words[t.lower_]) for t in doc[j + 1 : k])
        return whole + float(f"0.{digits}"), k

    def fraction_of_one_at(self, doc: Doc, i: int) -> tuple[float, int] | None:
        """"half a million", "half a mile", "a quarter of a billion": (value, end) when a scale
        word or a unit follows; "half a chance" is no number."""
        found = self.fractions_of_one.at(doc, i)
        if found is None or found[1] >= len(doc):
            return None
        after = doc[found[1]].lower_
        return found if after in self.scales or after in self.unit_starts else None

    def number_at(self, doc: Doc, i: int) -> tuple[float, float, int] | None:
        """The number starting at token i, scale included: (value, scale, end)."""
        token: Token = doc[i]
        if not self.may_start(token) or token.like_url or token.like_email:
            return None
        value = parse_digits(token.text)
        end = i + 1
        if value is None:
            article = token.lower_ in self.articles and i + 1 < len(doc)
            found = self.fraction_of_one_at(doc, i)
            if found is None and article and doc[i + 1].lower_ in self.scales and doc[i + 1].lower_ not in self.hundred:
                found = 1.0, i + 1  # "a million"
            found = found or self.words_at(doc, i)
            if found is None:
                return None
            value, end = found
        if float(value).is_integer() and (fraction := self.fractions.at(doc, end)) is not None:
            value, end = value + fraction[0], fraction[1]  # "nine and a half thousand", "4 and a half months"
        total_scale = 1.0
        if self.hyphen_before_scale(doc, end):
            end += 1  # "$120-million"
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
        spans, end, years = [], 0, {}
        for i in self.candidates(doc):
            if i < end:
                continue
            year = self.spoken_years.at(doc, i) if doc[i].lower_ in self.spoken_years.starters else None
            found = (float(year[0]), 1.0, year[1]) if year else self.number_at(doc, i)
            if found is None:
                continue
            value, scale, end = found
            span = Span(doc, i, end, label="YEAR" if year else "NUMBER")
            span._.number, span._.scale = value, scale
            spans.append(span)
            if year:
                years[i] = year
        doc.spans["numbers"] = spans
        doc._.spoken_years = years  # start token -> (year, end), for the dates component
        return doc


@Language.factory("checker_numbers", default_config={"lexicon_dir": None})
def make_number_finder(nlp: Language, name: str, lexicon_dir: str | None) -> NumberFinder:
    register_extensions()
    return NumberFinder(load_lexicon(lexicon_dir))

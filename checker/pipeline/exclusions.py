"""Numbers that are not figures: day numbers, times, labels, identifiers,
addresses, postcodes, phone numbers, licences, models, parts of names.

Each rule is general English usage ("Section 427", "iPhone 16", "10 Downing
Street", "555-0199", "CC BY 4.0", "Air Force One"), with the word lists in
rules/lexicon/units.yaml.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..lexicon import Lexicon
from .numbers import parse_digits
from .phrases import PhraseTable


def glued_left(doc: Doc, start: int) -> bool:
    """Whether digits and a hyphen are glued before the number ("2025-10")."""
    if start < 2:
        return False
    dash, other = doc[start - 1], doc[start - 2]
    return dash.text in "-–" and not dash.whitespace_ and not other.whitespace_ and other.text[-1:].isdigit()


def glued_right(doc: Doc, end: int) -> bool:
    """Whether a hyphen and digits are glued after the number ("555-0199")."""
    if end + 1 >= len(doc):
        return False
    dash, other = doc[end], doc[end + 1]
    return dash.text in "-–" and not doc[end - 1].whitespace_ and not dash.whitespace_ and other.text[:1].isdigit()


class Exclusions:
    def __init__(self, lexicon: Lexicon, qualifiers: PhraseTable):
        units = lexicon.units
        self.months = set(lexicon.month_of)
        self.scales = set(lexicon.numbers.scales) | set(lexicon.numbers.scale_abbreviations)
        self.labels = {w.lower() for w in units.label_words}
        self.addresses = set(units.address_words)
        self.model_suffixes = set(units.model_suffixes)
        self.code_words = {w.lower() for w in units.code_words}
        self.qualifiers = qualifiers  # the figure finder's table: "about 5" is not a name
        self.negative = {w.lower() for w in lexicon.numbers.negative_words}
        t = lexicon.times  # a number before a meridiem, a zone or "o'clock" is a time of day
        self.time_words = {w.lower() for w in [*t.am, *t.pm, *t.hour_words, *t.hours_words]}
        self.past_words = {w.lower() for w in t.past_words}  # "ten past seven": minutes, before an hour
        self.zones = {*t.zones, *t.ambiguous_zones}

    def word_glued(self, doc: Doc, start: int) -> bool:
        """Whether a word and a hyphen are glued before the number, as in a model name;
        "minus-5" and "sub-300" are a sign and a qualifier, not a name."""
        if start < 2:
            return False
        dash, word = doc[start - 1], doc[start - 2]
        return (
            dash.text == "-" and not dash.whitespace_ and not word.whitespace_ and word.is_alpha
            and word.lower_ not in self.negative and self.qualifiers.ending_at(doc, start) is None
        )

    @staticmethod
    def minutes(doc: Doc, start: int, end: int) -> bool:
        """Whether the number could be minutes before "past" and an hour: a whole number below
        60 with a number after the word ("ten past seven", "20 after 6")."""
        digits = parse_digits(doc[start].text) if end - start == 1 else None  # None: in words, "ten"
        whole = digits is None or (digits.is_integer() and 0 < digits < 60)
        return whole and end + 1 < len(doc) and doc[end + 1].like_num

    def address(self, doc: Doc, end: int) -> bool:
        """Whether a street follows the number: up to three capitalised words and a street word
        ("10 Downing Street", "49 Zorro Ranch Road"), or a street word and a name ("22 Ave Foch")."""
        if not doc[end].is_title:
            return False
        if end + 1 < len(doc) and doc[end].text in self.addresses and doc[end + 1].is_title:
            return True
        for i in range(end + 1, min(end + 4, len(doc))):
            t = doc[i]
            if not t.is_title:
                return False
            if t.text in self.addresses:
                return True
        return False

    def __call__(self, doc: Doc, start: int, end: int, ranged: bool) -> bool:
        """Whether the bare number doc[start:end] is not a figure."""
        first, last = doc[start], doc[end - 1]
        if end < len(doc):
            after = doc[end]
            if after.lower_ in self.time_words or after.text in self.zones or after.text in self.months:
                return True  # 9 a.m., 0800 GMT, May 5
            if after.lower_ in self.past_words and self.minutes(doc, start, end):
                return True  # ten past seven; not "rose 8.15% to 3.65 after reporting"
            if last.whitespace_ == "" and after.is_alpha and after.text not in self.scales:
                return True  # 5G, 4K
            if self.address(doc, end):
                return True  # 10 Downing Street, 49 Zorro Ranch Road, 22 Ave Foch
            if after.text in self.model_suffixes or after.lower_ in self.code_words:
                return True  # 11 Pro Max, 737 Max jets, the 90049 ZIP Code
            if after.text == ")" and start > 0 and doc[start - 1].text == "(" and glued_right(doc, end + 2):
                return True  # (212) 555-0199
        if glued_left(doc, start) or (not ranged and glued_right(doc, end)):
            return True  # 555-0199, 737-800, 2025-10-28
        if self.word_glued(doc, start):
            return True  # F-35, COVID-19, AK-47
        if any(0 <= k < len(doc) and parse_digits(doc[k].text) is not None for k in (start - 1, end)):
            return True  # digit groups in a row: 1300 555 017
        if start == 0:
            return False
        before = doc[start - 1]
        if before.text in self.months or (before.lower_ in self.labels and not first.is_sent_start):
            return True
        if any(c.isupper() for c in before.text[1:]) and before.text[:1].isalpha() and not before.is_sent_start:
            return True  # iPhone 16, FTSE 100, S&P 500
        if before.text.upper() == "BY" and start > 1 and doc[start - 2].text.upper().startswith("CC"):
            return True  # CC BY 4.0
        if (
            not before.is_sent_start and before.is_title and before.is_alpha
            and before.lower_ not in STOP_WORDS and self.qualifiers.ending_at(doc, start) is None
        ):
            return True  # Section 427, Boeing 737, Article 5
        opens_sentence = all(t.is_punct for t in doc[first.sent.start : start])  # "**Boats.** Two dozen"
        opens_clause = before.text in (":", "-", "–", "—")  # "(CPA) - Two people died", "VARMA: Twenty-eight million"
        return first.text[0].isupper() and first.is_alpha and not (opens_sentence or opens_clause)  # Air Force One

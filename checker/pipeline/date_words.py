"""Calendar words that are dates without digits: references to the present, past or future
("now", "recently"), seasons ("last fall"), holidays ("Thanksgiving Day"), decades and
centuries ("the 1990s", "the 20th century") and the end of a period ("year-end").

Each pattern returns (end, parts) like the patterns of `dates.DateFinder`, and `resolve`
turns those parts into a `Reading`. A reference ("now") names no period: its value is
TimeML's PRESENT_REF, PAST_REF or FUTURE_REF with no bounds, and the engine never
compares it (`models.Claim.time_reference`).
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Dates, Holiday
from . import calendar as cal
from .phrases import PhraseTable
from .readings import Reading

_DECADE = re.compile(r"^(1[0-9]|20)([0-9])0'?s$")  # "1990s", "1990's"
_SHORT_DECADE = re.compile(r"^'?([0-9])0s$")  # "'90s", "90s"
_CENTURY = re.compile(r"^([0-9]{1,2})(?:st|nd|rd|th)$")  # "20th"
_SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OPENERS = {"the", "this", "last", "next", "past", "coming", "early", "late", "mid", "in", "during", "since", "until", "by"}
_AUXILIARIES = {"do", "does", "did", "will", "would", "could", "can", "may", "might", "should", "must", "to"}
_REFERENCE_NAMES = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}


class CalendarWords:
    """Find and resolve the digit-less calendar expressions of the dates lexicon."""

    def __init__(self, nlp: Language, d: Dates, period_words: set[str], relative_periods: dict[str, int]):
        self.references = PhraseTable(nlp, {w: ref for ref, words in d.time_references.items() for w in words})
        self.seasons = {w: code for code, words in d.seasons.items() for w in words}
        self.season_verbs = set(d.season_verbs)
        self.holidays: PhraseTable[Holiday] = PhraseTable(nlp, d.holidays, lower=False)
        self.decade_words = d.decade_words
        self.periods = period_words
        self.relative_periods = relative_periods
        self.period_ends = PhraseTable(nlp, {w: 0 for w in d.period_ends})
        self.century_words = {"century", "centuries"}
        self.reported = PhraseTable(nlp, d.reporting_periods)
        self.durations = period_words | {"few", "several", "decade", "years", "months", "weeks", "days"}

        # the patterns tried at each word: a reference or a reported period is found at its
        # last word ("the past", "the latest quarter"), so common first words cost nothing
        self.patterns: dict[str, list] = {}
        for words, pattern in ((self.references.to_last, self.reference), (self.reported.to_last, self.reported_period),
                               ([*self.seasons, *relative_periods], self.season), (self.decade_words, self.era),
                               (self.period_ends.from_first, self.period_end)):
            for word in words:
                self.patterns.setdefault(word, []).append(pattern)
        self.starters = set(self.patterns)
        self.cased_starters = set(self.holidays.from_first)  # matched as written: "Christmas"

    def at(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """The first of these patterns that matches at token i; a reference's or reported
        period's parts say where it begins ("begin"), at or before i. Only a decade or a
        century starts with a digit ("1990s", "20th century")."""
        token = doc[i]
        if token.text in self.cased_starters and (found := self.holiday(doc, i)):
            return found
        for pattern in self.patterns.get(token.lower_, ()):
            if found := pattern(doc, i):
                return found
        return self.era(doc, i) if token.text[:1].isdigit() else None

    # -- patterns -------------------------------------------------------------------------
    def reference(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """"now", "currently", "recently", "in the past", found at their last word; not "the past
        three months" (a duration) or "the present value"."""
        found = self.references.ending_at(doc, i + 1)
        if not found:
            return None
        ref, begin = found
        end = i + 1
        if end < len(doc) and (doc[end].like_num or doc[end].lower_ in self.durations):
            return None
        return end, {"reference": ref, "begin": begin}

    def reported_period(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """"the latest quarter", "the year-ago period", "year-earlier": the period an earnings
        report is about, read from the quarter written before it (`date_context`); found at
        its last word, and only where no longer phrase goes on past it."""
        found = self.reported.ending_at(doc, i + 1)
        if not found or ((longer := self.reported.ending_at(doc, i + 2)) and longer[1] <= found[1]):
            return None
        return i + 1, {"reported": found[0], "begin": found[1]}

    def season(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """"last fall", "this summer", "the summer of 1998", "summer 1998", "in the spring"."""
        k, direction = i, None
        word = doc[i].lower_
        if word in self.relative_periods and word in ("last", "this", "next", "past", "coming"):
            direction, k = self.relative_periods.get(word, -1), i + 1
        if k >= len(doc) or doc[k].lower_ not in self.seasons:
            return None
        code = self.seasons[doc[k].lower_]
        if direction is None and not (k > 0 and doc[k - 1].lower_ in _SEASON_OPENERS):
            return None  # "prices fall", "a spring": a season word needs a determiner or preposition
        if doc[k].lower_ in self.season_verbs and any(t.lower_ in _AUXILIARIES for t in doc[max(0, i - 4) : i]):
            return None  # "when did rates last fall?": the verb
        end = k + 1
        year_at = end + 1 if end + 1 < len(doc) and doc[end].lower_ == "of" else end
        if direction is None and year_at < len(doc) and re.fullmatch(r"1[89]\d\d|2[01]\d\d", doc[year_at].text):
            return year_at + 1, {"season": code, "year": int(doc[year_at].text)}
        return end, {"season": code, "direction": direction}

    def holiday(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """A named holiday ("Thanksgiving Day", "Christmas"), with its year when one follows."""
        found = self.holidays.at(doc, i)
        if not found:
            return None
        rule, end = found
        k = end + 1 if end < len(doc) and doc[end].text == "," else end
        if k < len(doc) and re.fullmatch(r"1[89]\d\d|2[01]\d\d", doc[k].text):
            return k + 1, {"holiday": rule, "year": int(doc[k].text)}
        return end, {"holiday": rule}

    def era(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """A decade ("the 1990s", "the '80s", "the nineties") or a century ("the 20th century")."""
        t = doc[i]
        if m := _DECADE.match(t.text):
            return i + 1, {"era": f"{m[1]}{m[2]}"}
        if t.lower_ in self.decade_words:
            return i + 1, {"era": f"19{self.decade_words[t.lower_]}"}
        if (m := _SHORT_DECADE.match(t.text)) and i > 0 and doc[i - 1].text in ("the", "'", "’"):
            return i + 1, {"era": f"19{m[1]}"}
        if (m := _CENTURY.match(t.text)) and i + 1 < len(doc) and doc[i + 1].lower_ in self.century_words:
            return i + 2, {"era": f"{int(m[1]) - 1:02d}"} if 0 < int(m[1]) <= 21 else None
        return None

    def period_end(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """"year-end", "year's end", "the end of the year": the year it ends (TimeML's reading)."""
        found = self.period_ends.at(doc, i)
        return (found[1], {"shift": ("year", 0), "period_end": True}) if found else None

    # -- resolution -----------------------------------------------------------------------
    @staticmethod
    def resolve(parts: dict, published: dt.date | None, tense: str | None) -> Reading | None:
        """The Reading of a match of these patterns; None for other parts."""
        if "reported" in parts:  # resolved by `date_context` from the quarter before it
            return Reading("date", None, granularity="pending", qualifier=parts["reported"])
        if "reference" in parts:
            ref = parts["reference"]
            return Reading("date", ref, granularity="reference", resolution=f"refers to {_REFERENCE_NAMES[ref]}, names no date")
        if "era" in parts:
            value = parts["era"]
            low, high = cal.bounds(value)  # none for the first century: there is no year 0
            return Reading("date", value, low, high, granularity="decade" if len(value) == 3 else "century") if low else None
        if "season" in parts:
            return _season(parts, published, tense)
        if "holiday" in parts:
            return _holiday(parts, published, tense)
        return None


def _season(parts: dict, published: dt.date | None, tense: str | None) -> Reading:
    code, year = parts["season"], parts.get("year")
    note = None
    if year is None:
        if published is None:
            return Reading("date", None, granularity="season", resolution="year unknown: publication date unknown")
        year = season_year(code, published, parts.get("direction"), tense)
        if year is None or not 1 <= year <= 9999:
            return Reading("date", None, granularity="season", resolution="year unknown: outside the calendar")
        note = f"year from publication date {published}"
    value = f"{year:04d}-{code}"
    return Reading("date", value, *cal.bounds(value), granularity="season", resolution=note)


def season_year(code: str, published: dt.date, direction: int | None, tense: str | None) -> int | None:
    """The year of a season named without one: "last fall" is the latest that ended before
    publication, "next summer" the first that starts after it, "this winter" the one of the
    publication's season year; a bare "the summer" goes by the tense, as a month does. None
    where that year is outside the calendar (the winter before a date in January of year 1)."""
    start = _SEASON_STARTS[code]
    current = published.year - 1 if code == "WI" and published.month <= 2 else published.year
    if direction is None:
        return cal.infer_year(start, None, published, tense)
    if direction == 0:
        return current
    step = -1 if direction < 0 else 1
    year = max(current, 1) if step > 0 else current
    while True:
        if not 1 <= year <= 9999:  # a winter before year 1 or a season after 9999: no calendar has it
            return None
        low, high = cal.bounds(f"{year:04d}-{code}")
        if (direction < 0 and high < published.isoformat()) or (direction > 0 and low > published.isoformat()):
            return year
        year += step


def holiday_date(rule: Holiday, year: int) -> dt.date | None:
    """The day of a holiday in a year: a fixed day, the nth weekday of a month (-1 the last),
    moved by `offset` days ("the Tuesday after the first Monday"), or days from Easter."""
    if rule.easter is not None:
        return easter(year) + dt.timedelta(days=rule.easter)
    if rule.day is not None:
        return dt.date(year, rule.month, rule.day) if cal.valid_day(year, rule.month, rule.day) else None
    first = dt.date(year, rule.month, 1)
    days = [first + dt.timedelta(days=k) for k in range(31) if (first + dt.timedelta(days=k)).month == rule.month]
    matching = [d for d in days if d.weekday() == rule.weekday]
    return matching[rule.nth - 1 if rule.nth > 0 else rule.nth] + dt.timedelta(days=rule.offset)


def _holiday(parts: dict, published: dt.date | None, tense: str | None) -> Reading | None:
    rule, year, note = parts["holiday"], parts.get("year"), None
    if year is None:
        if published is None:
            return Reading("date", None, granularity="day", resolution="year unknown: publication date unknown")
        around = holiday_date(rule, published.year)
        if around is None:
            return None
        year = cal.infer_year(around.month, around.day, published, tense)
        note = f"year from publication date {published}"
    if not 1 <= year <= 9998:
        return None
    day = holiday_date(rule, year)
    if day is None:
        return None
    return Reading("date", day.isoformat(), day.isoformat(), day.isoformat(), granularity="day", resolution=note)

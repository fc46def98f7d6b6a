"""Dates: full, partial, relative, weekdays, quarters, deadlines and spans.

Each date found becomes a span in `doc.spans["dates"]` whose `Reading` has an
ISO value at the granularity the text gives ("2025-10-25", "2025-10",
"2025", "2025-Q3", "2025-W43", "2023/2025"), the first and last day it covers,
and how a partial date was completed. A year-less date takes its year from
the publication date; when that is unknown it stays year-less ("--10-25"),
and a weekday stays a weekday: nothing is guessed. A year the narrative names
("later that year", "the following year") is the last year written before it,
shifted; with none before it, it is no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, load_lexicon
from . import calendar as cal
from .date_context import DateContext
from .date_words import CalendarWords
from .numbers import NumberFinder
from .phrases import PhraseTable
from .readings import Reading, register_extensions
from .scan import Words, positions, starts_number
from .tense import TenseReader

_DIGITS = re.compile(r"\d+")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^(1[89]\d\d|2[01]\d\d)$")
_YEAR_SPAN = re.compile(r"^(\d{4})[–-](\d{2}|\d{4})$")
_WORD_PARTS = {"reference", "reported", "era", "season", "holiday"}  # the parts `CalendarWords` resolves
_TENS = {"twenty": 20, "thirty": 30}  # the tens of a compound day in words ("twenty-seventh")
_MAY_CONTEXT = {"in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "from", "through", "before", "after", "during"}


class DateFinder:
    """Read date expressions and resolve them against the publication date."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        d = lexicon.dates
        self.months = lexicon.month_of
        self.full_months = {words[0] for words in d.months.values()}
        self.weekdays = lexicon.weekday_of
        self.quarters = PhraseTable(nlp, {w: q for q, words in d.quarters.items() for w in words})
        self.relative_days = d.relative_days
        self.relative_periods = d.relative_periods
        self.periods = set(d.period_words)
        self.units = self.periods | {"day"}  # what "a ... ago" counts back
        self.ago = set(d.ago_words)
        self.deadline = PhraseTable(nlp, {w: "deadline" for w in d.deadline})
        self.since = PhraseTable(nlp, {w: "since" for w in d.since if w != "from"})
        self.openers = set(d.span_openers)
        self.tenses = TenseReader(d.future_markers, d.past_markers, d.present_markers)
        self.numbers = NumberFinder(lexicon)
        self.spoken_starters = self.numbers.spoken_years.starters  # "nineteen" of "nineteen ninety-six"
        self.context = DateContext(nlp, d)
        # the words a date can start with (any other token starts one only with a digit):
        # weekdays and months as written, the rest lower-cased
        self.words = CalendarWords(nlp, d, self.periods, self.relative_periods)
        self.cased_starters = Words([*self.weekdays, *self.months, *self.words.cased_starters], cased=True)
        self.day_ordinals = d.day_ordinals
        self.starters = Words([*self.quarters.from_first, *self.relative_days, *self.relative_periods,
                               "a", "an", "one", *self.numbers.starters, *self.words.starters, *d.day_ordinals, *_TENS])
        # words only a calendar word starts with ("now", "summer", "quarter"): the other patterns are spared
        self.calendar_only = self.words.starters - {*self.quarters.from_first, *self.relative_days,
                                                    *self.relative_periods, "a", "an", "one", *self.numbers.starters}

    def candidates(self, doc: Doc) -> list[int]:
        """The tokens a date can start at, found for the whole Doc at once: one check that
        spares the patterns at every other token."""
        return positions(self.cased_starters.mask(doc) | self.starters.mask(doc) | starts_number(doc))

    def match(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """The first pattern that matches at token i (the calendar words only where one may
        be: "now", "summer", "Christmas", "1990s")."""
        if doc[i].lower_ in self.calendar_only:
            return self.words.at(doc, i)
        return (
            self.weekday(doc, i) or self.calendar_date(doc, i) or self.quarter(doc, i)
            or self.relative(doc, i) or self.year_span(doc, i) or self.words.at(doc, i)
        )

    def tense(self, span: Span) -> str | None:
        """"future", "past" or None for the verb the date belongs to (see `tense`)."""
        return self.tenses(span)

    def year_at(self, doc: Doc, i: int) -> int | None:
        """The year written at token i in digits, or said aloud ("nineteen ninety-six")."""
        if i >= len(doc):
            return None
        if _YEAR.match(doc[i].text):
            return int(doc[i].text)
        spoken = (doc._.spoken_years or {}).get(i) if doc[i].lower_ in self.spoken_starters else None
        return spoken[0] if spoken else None

    def year_end(self, doc: Doc, i: int) -> int:
        """Where the year at token i ends: the next token, or past the words of one said aloud."""
        spoken = (doc._.spoken_years or {}).get(i) if doc[i].lower_ in self.spoken_starters else None
        return spoken[1] if spoken else i + 1

    def day_at(self, doc: Doc, i: int) -> int | None:
        found = self.day_span(doc, i)
        return found[0] if found else None

    def day_span(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """(day, end) of a day of the month at token i: "27", "27th", or in words ("seventh",
        "twenty-seventh", "thirty first"); not a word glued to the next by a hyphen ("first-quarter")."""
        if i >= len(doc):
            return None
        if (m := _DAY.match(doc[i].text)) and 1 <= int(m[1]) <= 31:
            return int(m[1]), i + 1
        word, end = doc[i].lower_, i + 1
        tens = _TENS.get(word, 0)
        if tens:
            k = i + 2 if i + 2 < len(doc) and doc[i + 1].text == "-" else i + 1
            if k < len(doc) and 0 < self.day_ordinals.get(doc[k].lower_, 0) < 10:
                word, end = doc[k].lower_, k + 1
        day = tens * (word != doc[i].lower_) + self.day_ordinals.get(word, 0)
        glued = end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
        return (day, end) if 1 <= day <= 31 and not glued else None

    def month_at(self, doc: Doc, i: int) -> int | None:
        if i >= len(doc) or doc[i].text not in self.months:
            return None
        if doc[i].text == "May" and not (
            self.day_at(doc, i + 1) or self.year_at(doc, i + 1)
            or (i > 0 and (doc[i - 1].lower_ in _MAY_CONTEXT or self.day_at(doc, i - 1)))
        ):
            return None  # the verb "may"
        return self.months[doc[i].text]

    # -- patterns: each returns (end, parts) -------------------------------------------------
    def calendar_date(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        """ISO, month-day(-year), day-month(-year), month-year, or a month alone."""
        t = doc[i].text
        if _YEAR.match(t) and i + 4 < len(doc) and doc[i + 1].text == doc[i + 3].text == "-":
            glued = all(not x.whitespace_ for x in doc[i : i + 4])
            # decimal digits only: `is_digit` also takes "5²", which int() refuses
            if glued and _DIGITS.fullmatch(doc[i + 2].text) and _DIGITS.fullmatch(doc[i + 4].text):
                return i + 5, {"year": int(t), "month": int(doc[i + 2].text), "day": int(doc[i + 4].text)}
        month = self.month_at(doc, i)
        if month is not None:
            found = self.day_span(doc, i + 1)
            if found is not None:
                day, end = found
                k = end + 1 if end < len(doc) and doc[end].text == "," else end
                year = self.year_at(doc, k)
                return (self.year_end(doc, k), {"year": year, "month": month, "day": day}) if year else (end, {"month": month, "day": day})
            k = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "," else i + 1
            year = self.year_at(doc, k)
            if year:
                return self.year_end(doc, k), {"year": year, "month": month}
            if t in self.full_months:
                shift = self.year_shift(doc, i + 1)
                if shift is not None:
                    return i + 3, {"month": month, "year_shift": shift}  # "June last year"
                return i + 1, {"month": month}
            return None
        found = self.day_span(doc, i)
        if found is not None:
            day, k = found
            if k + 1 < len(doc) and doc[k].lower_ == "of":
                k += 1
            month = self.month_at(doc, k)
            if month is not None:
                year = self.year_at(doc, k + 1)
                return (self.year_end(doc, k + 1), {"year": year, "month": month, "day": day}) if year else (k + 1, {"month": month, "day": day})
        return None

    def quarter(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        found = self.quarters.at(doc, i)
        if not found:
            return None
        q, end = found
        k = end + 1 if end < len(doc) and doc[end].lower_ in ("of", ",") else end
        year = self.year_at(doc, k)
        return (self.year_end(doc, k), {"year": year, "quarter": q}) if year else (end, {"quarter": q})

    def relative(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        word = doc[i].lower_
        if word in self.relative_days:
            return i + 1, {"shift": ("day", self.relative_days[word])}
        if word in self.relative_periods and i + 1 < len(doc):
            nxt = doc[i + 1]
            if nxt.lower_ in self.periods:
                return i + 2, {"shift": (nxt.lower_, self.relative_periods[word])}
            if nxt.text in self.weekdays and word in ("last", "next", "this"):
                return i + 2, {"weekday": self.weekdays[nxt.text], "direction": self.relative_periods[word]}
            if nxt.text in self.full_months and word in ("last", "next", "this"):
                return i + 2, {"month": self.months[nxt.text], "direction": self.relative_periods[word]}
        if (word in ("a", "an", "one") and i + 2 < len(doc) and doc[i + 1].lower_ in self.units
                and doc[i + 2].lower_ in self.ago):
            return i + 3, {"shift": (doc[i + 1].lower_, -1)}  # "a year ago"
        found = self.numbers.number_at(doc, i)
        if found:
            value, _, end = found
            if end + 1 < len(doc) and doc[end + 1].lower_ in self.ago:
                unit = doc[end].lower_.rstrip("s")
                if unit in self.units:
                    return end + 2, {"shift": (unit, -int(value))}
        return None

    def weekday(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        if doc[i].text not in self.weekdays:
            return None
        return i + 1, {"weekday": self.weekdays[doc[i].text]}

    def year_shift(self, doc: Doc, i: int) -> int | None:
        """"last year" / "this year" / "next year" at token i, as a shift in years."""
        if i + 1 < len(doc) and doc[i].lower_ in self.relative_periods and doc[i + 1].lower_ == "year":
            return self.relative_periods[doc[i].lower_]
        return None

    def weekday_before(self, doc: Doc, i: int) -> int | None:
        """The weekday written just before a date ("Wednesday, October 31"), if any."""
        k = i - 2 if i >= 2 and doc[i - 1].text == "," else i - 1
        return self.weekdays.get(doc[k].text) if k >= 0 else None

    def year_span(self, doc: Doc, i: int) -> tuple[int, dict] | None:
        if m := _YEAR_SPAN.match(doc[i].text):
            a, b = int(m[1]), int(m[2])
            b = b if b > 99 else a // 100 * 100 + b
            return (i + 1, {"span": (cal.iso(a), cal.iso(b)), "qualifier": "-"}) if b > a else None
        a = self.year_at(doc, i)
        if a and i + 2 < len(doc) and doc[i + 1].text in ("-", "–") and not doc[i].whitespace_:
            b = self.year_at(doc, i + 2)
            if b is None and re.fullmatch(r"\d{2}", doc[i + 2].text):
                b = a // 100 * 100 + int(doc[i + 2].text)
            if b and b > a:
                return i + 3, {"span": (cal.iso(a), cal.iso(b)), "qualifier": "-"}
        if a:
            return self.year_end(doc, i), {"year": a}
        return None

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, parts: dict, published: dt.date | None, tense: str | None) -> Reading | None:
        """Turn matched parts into a Reading, completing them from `published` where needed."""
        if parts.keys() & _WORD_PARTS:
            return self.words.resolve(parts, published, tense)
        if "span" in parts:
            (a, b), q = parts["span"], parts.get("qualifier")
            return Reading("date", f"{a}/{b}", cal.bounds(a)[0], cal.bounds(b)[1], qualifier=q, granularity="span")
        if "shift" in parts:
            unit, amount = parts["shift"]
            if published is None:
                return Reading("date", None, granularity=unit, resolution="relative date; publication date unknown")
            value = cal.shift(published, unit, amount)
            if value is None:
                return self.outside(published, unit)
            return Reading("date", value, *cal.bounds(value), granularity=unit, resolution=f"relative to publication date {published}")
        weekday = parts.get("weekday")
        weekday_name = cal.WEEKDAYS[weekday] if weekday is not None else None
        if weekday is not None and "day" not in parts:
            if published is None:
                return Reading("date", None, granularity="weekday", weekday=weekday_name, resolution="weekday kept: publication date unknown")
            direction = parts.get("direction")
            ahead = direction == 1 or (direction is None and tense == "future")
            day = cal.resolve_weekday(weekday, published, ahead, strictly=direction in (-1, 1))
            if day is None:
                return self.outside(published, "weekday", weekday_name)
            return Reading("date", day.isoformat(), day.isoformat(), day.isoformat(), granularity="day", weekday=weekday_name,
                           resolution=f"weekday resolved against publication date {published} ({'future' if ahead else 'past'})")
        if "quarter" in parts:
            year, note = parts.get("year"), None
            if year is None and published is not None:
                starts_later = parts["quarter"] * 3 - 2 > published.month
                year = published.year - 1 if starts_later and tense == "past" else published.year
                note = f"year from publication date {published}"
            if year is None:
                return Reading("date", f"--Q{parts['quarter']}", granularity="quarter", resolution="year unknown: publication date unknown")
            if not 1 <= year <= 9999:
                return self.outside(published, "quarter")
            value = f"{year:04d}-Q{parts['quarter']}"
            return Reading("date", value, *cal.bounds(value), granularity="quarter", resolution=note)
        year, month, day = parts.get("year"), parts.get("month"), parts.get("day")
        note = None
        if year is None and month is not None:
            if published is None:
                value = f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
                return Reading("date", value, granularity="day" if day else "month", weekday=weekday_name,
                               resolution="year unknown: publication date unknown")
            if "direction" in parts:
                year = cal.month_relative(month, published, parts["direction"])
            elif "year_shift" in parts:
                year = published.year + parts["year_shift"]
            else:
                year = cal.infer_year(month, day, published, tense)
            note = f"year from publication date {published}"
            if not 1 <= year <= 9999:
                return self.outside(published, "day" if day else "month", weekday_name)
        if day is not None and not cal.valid_day(year, month, day):
            return None
        value = cal.iso(year, month, day)
        granularity = "day" if day else "month" if month else "year"
        return Reading("date", value, *cal.bounds(value), granularity=granularity, weekday=weekday_name, resolution=note)

    @staticmethod
    def outside(published: dt.date, granularity: str, weekday: str | None = None) -> Reading:
        """A date that completing from the publication date would put before year 1 or after
        9999 ("last year" in a file dated 0001-01-01): left unresolved, and says why."""
        return Reading("date", None, granularity=granularity, weekday=weekday,
                       resolution=f"outside the calendar (years 1 to 9999) from publication date {published}")

    def __call__(self, doc: Doc) -> Doc:
        taken = {i for group in ("figures", "times") for span in doc.spans.get(group, []) for i in range(span.start, span.end)}
        published: dt.date | None = doc._.published
        spans: list[Span] = []
        i = 0
        for start in self.candidates(doc):
            if start < i or start in taken:
                continue
            i = start
            found = self.match(doc, i)
            if not found or found[1].get("begin", i) < (spans[-1].end if spans else 0):
                continue
            end, parts = found
            i = parts.pop("begin", i)
            stated = self.weekday_before(doc, i)
            if stated is not None and "day" in parts:
                parts = {**parts, "weekday": stated}  # "Wednesday, October 31": kept to check the two agree
            start, end, parts = self.widen(doc, i, end, parts, published)
            span = Span(doc, start, end, label="DATE")
            reading = self.bound(self.resolve(parts, published, self.tense(span)), parts)
            if reading is not None:
                span._.reading = reading
                spans.append(span)
            i = end
        spans = self.context.narrative_years(doc, spans, taken)
        spans = self.context.reporting_periods(doc, spans, published)
        doc.spans["dates"] = self.context.anchor_weekdays(doc, spans)
        return doc

    def widen(self, doc: Doc, start: int, end: int, parts: dict, published) -> tuple[int, int, dict]:
        """Take in a span's second date ("between 2023 and 2025") or a deadline word ("by 2027")."""
        opener = doc[start - 1].lower_ if start > 0 else None
        joiner = doc[end].lower_ if end < len(doc) else None
        if (opener in self.openers and joiner in ("and", "to", "-", "–") and "span" not in parts and "shift" not in parts
                and (opener, joiner) in (("between", "and"), ("from", "to"), ("from", "-"), ("from", "–"))):
            second = self.calendar_date(doc, end + 1) or self.year_span(doc, end + 1) if end + 1 < len(doc) else None
            if second and "span" not in second[1]:
                a = self.resolve(parts, published, None)
                b = self.resolve(second[1], published, None)
                resolved = a and b and a.value and b.value and not a.value.startswith("--") and not b.value.startswith("--")
                # a span that would end before it starts ("from December to July" completed
                # to the same year) is not guessed at: the two dates stay two claims
                if resolved and a.low and b.high and a.low <= b.high:
                    return start - 1, second[0], {"span": (a.value, b.value), "qualifier": opener}
        for table, kind in ((self.deadline, "deadline"), (self.since, "since")):
            found = table.ending_at(doc, start)
            if found and "span" not in parts:
                return found[1], end, {**parts, kind: doc[found[1] : start].text.lower()}
        return start, end, parts

    @staticmethod
    def bound(reading: Reading | None, parts: dict) -> Reading | None:
        """A deadline keeps only the end of its period ("by 2027"), "since" only the start."""
        if reading is None or not ({"deadline", "since"} & parts.keys()):
            return reading
        if "deadline" in parts:
            return replace(reading, low=None, qualifier=parts["deadline"])
        return replace(reading, high=None, qualifier=parts["since"])


@Language.factory("checker_dates", default_config={"lexicon_dir": None})
def make_date_finder(nlp: Language, name: str, lexicon_dir: str | None) -> DateFinder:
    register_extensions()
    return DateFinder(nlp, load_lexicon(lexicon_dir))

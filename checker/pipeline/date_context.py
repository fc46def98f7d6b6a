"""Dates read from the dates around them: the year a narrative names ("later that year"),
the quarter an earnings report is about ("the latest quarter", "a year earlier"), and a
weekday written before a date ("Thursday, October 31").

Each pass takes the date spans found in a Doc, in order, and returns them with the ones
it adds, merges or re-reads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Dates
from . import calendar as cal
from .phrases import PhraseTable
from .readings import Reading
from .scan import Words, positions

_DATED = re.compile(r"^\d{4}(?:-|$)")  # a date's value that names its year ("1957", "2025-10-25")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


class DateContext:
    """The passes over a Doc's date spans that read one date from the others."""

    def __init__(self, nlp: Language, d: Dates):
        self.narrative = PhraseTable(nlp, d.narrative_years)
        self.narrative_last = Words(self.narrative.to_last)
        self.year_before = {p.lower() for p in d.year_before}

    def narrative_years(self, doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
        """"He was convicted in 1957. Later that year ...": the year a narrative phrase names,
        from the last date with a year before it (`spans`, in order), shifted."""
        found: list[Span] = []
        for last in positions(self.narrative_last.mask(doc)):  # found at their last word: "year", "later"
            ending = self.narrative.ending_at(doc, last + 1)
            if ending is None:
                continue
            i, match = ending[1], (ending[0], last + 1)
            if any(k in taken for k in range(i, match[1])) or (found and i < found[-1].end):
                continue
            before = [s for s in (*spans, *found) if s.end <= i and _DATED.match(str(s._.reading.value))]
            if not before:
                continue
            before.sort(key=lambda s: s.end)
            year = int(before[-1]._.reading.value[:4]) + match[0]
            if not 1 <= year <= 9999:
                continue
            span = Span(doc, i, match[1], label="DATE")
            value = cal.iso(year)
            span._.reading = Reading("date", value, *cal.bounds(value), granularity="year",
                                     resolution=f"the year of the date before it (“{before[-1].text}”){f', {match[0]:+d}' if match[0] else ''}")
            found.append(span)
        overlaps = {k for s in found for k in range(s.start, s.end)}
        kept = [s for s in spans if not any(k in overlaps for k in range(s.start, s.end))]
        return sorted([*kept, *found], key=lambda s: s.start)

    @staticmethod
    def anchor_weekdays(doc: Doc, spans: list[Span]) -> list[Span]:
        """A weekday written right before a date ("Thursday, October 31") means that date
        when the two agree; when they do not, the weekday is left unresolved and says why."""
        for weekday, date in pairwise(spans):
            w, d = weekday._.reading, date._.reading
            if w.granularity not in ("day", "weekday") or weekday.end - weekday.start != 1:
                continue
            if doc[weekday.end : date.start].text.strip() not in ("", ","):
                continue
            if d.granularity != "day" or not isinstance(d.value, str) or d.value.startswith("--") or w.weekday is None:
                continue
            if cal.WEEKDAYS[dt.date.fromisoformat(d.value).weekday()] == w.weekday:
                weekday._.reading = replace(w, value=d.value, low=d.value, high=d.value, granularity="day",
                                            resolution=f"the date written after it ({d.value})")
            else:
                weekday._.reading = replace(w, value=None, low=None, high=None, granularity="weekday",
                                            resolution=f"does not match the date written after it ({d.value})")
        return spans

    def reporting_periods(self, doc: Doc, spans: list[Span], published: dt.date | None) -> list[Span]:
        """Earnings news compares the quarter it reports on with the same quarter a year
        before: once a quarter has been written ("third-quarter profit"), "the latest
        quarter" is that quarter and "a year earlier", "last year" or "the year-ago period"
        the same quarter a year before it. A quarter with its year written before it ("next
        year's first quarter", "the 1988 second quarter") takes that year first. Only a quarter
        over by the publication date is reported on: "fourth-quarter sales are expected to
        fall" in November does not move "the latest quarter" off the third."""
        quarter: tuple[int, int] | None = None
        result: list[Span] = []
        for span in self._year_quarters(doc, spans):
            reading = span._.reading
            shift = self._shift_of(span)
            if shift is None:
                if reading.granularity == "quarter" and (m := _QUARTER.match(str(reading.value))) and (
                        published is None or str(reading.high) < published.isoformat()):
                    quarter = int(m[1]), int(m[2])
                result.append(span)
                continue
            reading = self._reported(reading, quarter, shift, published, span.text)
            if reading is not None:
                span = Span(doc, span.start, span.end, label="DATE")
                span._.reading = reading
                result.append(span)
        return result

    def _shift_of(self, span: Span) -> int | None:
        """Years back from the reported quarter a span names: 0 for "the latest quarter", -1
        for "a year earlier"; None for any other date."""
        if span._.reading.granularity == "pending":
            return span._.reading.qualifier
        if span.text.lower() in self.year_before:
            return -1
        return None

    @staticmethod
    def _reported(reading: Reading, quarter: tuple[int, int] | None, shift: int, published: dt.date | None,
                  text: str) -> Reading | None:
        """The reading of a span naming the reported quarter or the one a year before it;
        with no quarter before it, "a year ago" reads as it does alone, "the year-ago period"
        as the year before publication, "the latest quarter" as the last quarter ended."""
        if quarter is not None:
            value = f"{quarter[0] + shift:04d}-Q{quarter[1]}"
            return Reading("date", value, *cal.bounds(value), granularity="quarter",
                           resolution=f"the quarter reported on ({quarter[0]}-Q{quarter[1]}){', a year before' if shift else ''}")
        if reading.granularity != "pending":
            return reading
        if published is None:
            return None
        unit = "year" if shift else "quarter" if text.lower().endswith("latest quarter") else None
        value = cal.shift(published, unit, shift or -1) if unit else None
        return Reading("date", value, *cal.bounds(value), granularity=unit,
                       resolution=f"relative to publication date {published}") if value else None

    @staticmethod
    def _year_quarters(doc: Doc, spans: list[Span]) -> list[Span]:
        """A quarter with its year before it ("next year's first quarter", "the 1988 second
        quarter") becomes one span naming that quarter of that year."""
        merged: list[Span] = []
        for span in spans:
            year = merged[-1] if merged else None
            reading = span._.reading
            quarter = re.search(r"Q([1-4])$", str(reading.value))  # not a relative one left unresolved
            if (year is not None and quarter and reading.granularity == "quarter" and year._.reading.granularity == "year"
                    and isinstance(year._.reading.value, str) and doc[year.end : span.start].text.strip() in ("", "'s", "’s")):
                value = f"{year._.reading.value}-Q{quarter[1]}"
                whole = Span(doc, year.start, span.end, label="DATE")
                whole._.reading = Reading("date", value, *cal.bounds(value), granularity="quarter",
                                          resolution=f"the quarter of {year.text}")
                merged[-1] = whole
                continue
            merged.append(span)
        return merged

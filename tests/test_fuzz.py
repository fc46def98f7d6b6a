"""Property-based fuzzing of the extractor and each normalizer it is built from.

Whatever the text — huge numbers, odd whitespace, unbalanced quotes, any
Unicode — extraction must not raise, every claim's offsets must point at its
text in the source (front matter included) and every interval must run from
low to high. The normalizers are fuzzed on their own too, at every token of
random documents, so a failure names the function at fault. This is the short
run; `benchmarks/fuzz.py` runs the same properties for minutes.
"""

from __future__ import annotations

import datetime as dt
import math
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.documents import read_document
from checker.errors import FrontMatterError
from checker.pipeline import calendar as cal
from checker.pipeline.exclusions import glued_left, glued_right
from checker.pipeline.numbers import parse_digits
from checker.pipeline.readings import interval, round_bound
from tests.fuzz_strategies import (
    document_problems,
    file_problems,
    front_matter,
    hiding,
    news_text,
    numbers,
    published,
    spelling_problems,
    text_problems,
    texts,
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MODES = [None, "approximate", "near_below", "above", "at_least", "below", "at_most"]


def within(end: int, i: int, doc) -> bool:
    return i < end <= len(doc)


# -- the extractor as a whole ------------------------------------------------------------------
@FUZZ
@given(text=texts, published=published)
# regressions: each failed once (the comment says how)
@example(text="-0 to 1 %", published=None)  # the sign of the first number negated both: -0 to -1
@example(text="9" * 309, published=None)  # read as infinity
@example(text="9" * 309 + " days ago", published=None)  # OverflowError: int(inf)
@example(text="0" + " trillion" * 26 + " ships", published=None)  # 0 times an infinite scale: NaN
@example(text="between 2025 and 2023", published=None)  # a span ending before it starts
@example(text="from December to July", published=dt.date(2000, 6, 1))  # the same, years from publication
@example(text="yesterday", published=dt.date(1, 1, 1))  # OverflowError past the calendar's ends
@example(text="last Monday", published=dt.date(1, 1, 3))
@example(text="next week", published=dt.date(9999, 12, 31))
@example(text="Monday, December 28", published=dt.date(1, 1, 1))  # completed to year 0: ValueError
@example(text="Q4", published=dt.date(1, 1, 1))  # "1-Q4": year not padded, so no bounds
@example(text="2025-10-5²", published=None)  # int("5²"): `is_digit` takes superscripts
@example(text="Apr 0, 1800 0 quarters ago", published=None)  # a year before an unresolved relative quarter: "1800-Qe"
def test_extract_text_keeps_offsets_and_intervals(extractor, text, published):
    assert text_problems(extractor, text, published)[1] == []


@FUZZ
@given(text=texts, hide=hiding, published=published)
@example(text="Acme paid $15 million", hide=[(12, "\u200b"), (21, "\u200f")], published=None)  # once $1|5 and $15 (no million)
@example(text="São Paulo said 5%", hide=[], published=None)  # NFD: another subject
def test_nfd_and_invisible_characters_read_as_plain_text(extractor, text, hide, published):
    assert spelling_problems(extractor, text, hide, published)[1] == []


@FUZZ
@given(head=front_matter(), body=news_text(), published=published)
def test_document_offsets_include_front_matter(extractor, head, body, published):
    assert document_problems(extractor, head, body, published)[1] == []


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(head=st.one_of(st.just(""), front_matter()), body=news_text())
def test_read_document_then_extract(extractor, folder, head, body):
    assert file_problems(extractor, folder, head, body)[1] == []


def test_alias_bomb_before_a_bad_date_is_refused_at_once(folder):
    """Aliases of aliases, then an impossible date: finding the date's line walked every
    path through the aliases (10**6 here, minutes; found while fuzzing front matter)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    path = folder / "bomb.md"
    path.write_text("---\n" + "\n".join(lines) + "\npublished: 2025-02-30\n---\nBody.\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(FrontMatterError, match=":8: invalid value"):
        read_document(path)
    assert time.perf_counter() - started < 2


# -- numbers -------------------------------------------------------------------------------
@FUZZ
@given(st.one_of(st.text(), numbers))
def test_parse_digits_is_finite_or_none(text):
    value = parse_digits(text)
    assert value is None or (math.isfinite(value) and value >= 0)


@FUZZ
@given(texts)
def test_number_finder_at_every_token(extractor, text):
    doc = extractor.nlp(text)
    finder = extractor.nlp.get_pipe("checker_numbers")
    for i in range(len(doc)):
        if (found := finder.number_at(doc, i)) is not None:
            value, scale, end = found
            assert within(end, i, doc) and math.isfinite(value) and value >= 0 and scale >= 1
        if (words := finder.words_at(doc, i)) is not None:
            assert within(words[1], i, doc)
        assert finder.scale_at(doc, i) in (None, *finder.scales.values(), *finder.abbrev.values())
    assert all(math.isfinite(span._.number) for span in doc.spans["numbers"])


# -- units, figures and exclusions -----------------------------------------------------------
@FUZZ
@given(texts)
def test_figure_readers_at_every_token(extractor, text):
    doc = extractor.nlp(text)
    figures = extractor.nlp.get_pipe("checker_figures")
    units = figures.units
    for k in range(len(doc)):
        for scaled in (False, True):
            if (unit := units.unit_after(doc, k, scaled)) is not None:
                assert within(unit[2], k, doc) and unit[3] > 0
        counted = [units.nouns.counted(doc, k, value) for value in (None, 1.0, 2.0)]
        for found in (units.base_after(doc, k), units.rate_after(doc, k), *counted):
            assert found is None or within(found[1], k, doc)
        units.base_before(doc, k)
        sign, start = figures.sign_before(doc, k)
        assert sign in (-1.0, 1.0) and 0 <= start <= k
        glued_left(doc, k), glued_right(doc, k)
        for table in (figures.qualifiers, units.currency_before):
            if (found := table.at(doc, k)) is not None:
                assert within(found[1], k, doc)
            if (found := table.ending_at(doc, k)) is not None:
                assert 0 <= found[1] < k
    for span in doc.spans["numbers"]:
        figures.excluded(doc, span.start, span.end, ranged=False)
        units.metres(doc, span)
        if (found := figures.pairs.alternative(doc, span, {s.start: s for s in doc.spans["numbers"]})) is not None:
            assert found[2] == span.end


@FUZZ
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300),
       st.sampled_from(MODES), st.floats(0, 1))
@example(-5.0, "approximate", 0.1)  # a negative value made low > high
@example(-5.0, "near_below", 0.1)
def test_interval_runs_low_to_high(value, mode, tolerance):
    low, high = interval(value, mode, tolerance)
    assert low is None or high is None or low <= high
    assert round_bound(value) == pytest.approx(value, rel=1e-11)


# -- dates ---------------------------------------------------------------------------------
def check_reading(reading) -> None:
    if reading is None:
        return
    for bound in (reading.low, reading.high):
        assert bound is None or dt.date.fromisoformat(bound).isoformat() == bound
    if reading.low is not None and reading.high is not None:
        assert reading.low <= reading.high


@FUZZ
@given(texts, published)
def test_date_patterns_at_every_token(extractor, text, published):
    doc = extractor.nlp(text)
    dates = extractor.nlp.get_pipe("checker_dates")
    for i in range(len(doc)):
        for pattern in (dates.calendar_date, dates.quarter, dates.relative, dates.weekday, dates.year_span, dates.words.at):
            if (found := pattern(doc, i)) is not None:
                end, parts = found
                assert within(end, i, doc)
                check_reading(dates.resolve(parts, published, dates.tense(doc[i:end])))
        dates.year_shift(doc, i), dates.weekday_before(doc, i), dates.month_at(doc, i)


years, months, weekdays = st.integers(1800, 2199), st.integers(1, 12), st.integers(0, 6)
# the shapes the date patterns produce, with any numbers the text could put in them
parts = st.one_of(
    st.fixed_dictionaries({"year": years}),
    st.fixed_dictionaries({"year": years, "month": st.integers(0, 99), "day": st.integers(0, 99)}),  # 2025-13-45
    st.fixed_dictionaries({"month": months}, optional={"day": st.integers(1, 31), "year": years, "weekday": weekdays}),
    st.fixed_dictionaries({"month": months, "direction": st.integers(-1, 1)}),
    st.fixed_dictionaries({"month": months, "year_shift": st.integers(-1, 1)}),
    st.fixed_dictionaries({"quarter": st.integers(1, 4)}, optional={"year": years}),
    st.fixed_dictionaries({"weekday": weekdays}, optional={"direction": st.integers(-1, 1)}),
    st.fixed_dictionaries({"season": st.sampled_from(["SP", "SU", "FA", "WI"])},
                          optional={"year": years, "direction": st.one_of(st.none(), st.integers(-1, 1))}),
    st.fixed_dictionaries({"era": st.sampled_from(["19", "20", "199", "200", "00"])}),
    st.fixed_dictionaries({"shift": st.tuples(st.sampled_from(["day", "week", "month", "quarter", "year"]),
                                              st.integers(-int(1e300), 10))}),
)


@FUZZ
@given(parts, st.dates(), st.sampled_from([None, "past", "future"]))
def test_resolve_any_parts_against_any_publication_date(extractor, parts, published, tense):
    check_reading(extractor.nlp.get_pipe("checker_dates").resolve(parts, published, tense))


iso_like = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"\A-?\d{1,5}(-(\d{1,2}|Q\d|W\d{1,2})(-\d{1,2})?)?\Z"),
)


@FUZZ
@given(iso_like)
@example("2025-13")
@example("2025-W53")
def test_bounds_are_days_or_none(value):
    low, high = cal.bounds(value)
    assert (low is None) == (high is None)
    if low is not None:
        assert dt.date.fromisoformat(low) <= dt.date.fromisoformat(high)


@FUZZ
@given(st.integers(1, 12), st.one_of(st.none(), st.integers(1, 31)), st.dates(), st.sampled_from([None, "past", "future"]),
       st.integers(0, 6), st.sampled_from(["day", "week", "month", "quarter", "year"]), st.integers(-10**6, 10**6))
def test_calendar_arithmetic(month, day, published, tense, weekday, unit, amount):
    assert abs(cal.infer_year(month, day, published, tense) - published.year) <= 1
    assert abs(cal.month_relative(month, published, amount % 3 - 1) - published.year) <= 1
    for future in (False, True):
        found = cal.resolve_weekday(weekday, published, future)
        assert found is None or found.weekday() == weekday
    value = cal.shift(published, unit, amount)
    assert value is None or cal.bounds(value)[0] is not None


# -- quotes and sentences ---------------------------------------------------------------------
@FUZZ
@given(texts)
def test_quote_pairs_and_sentences(extractor, text):
    doc = extractor.nlp(text)
    quotes = extractor.nlp.get_pipe("checker_quotes")
    for start, end in quotes.paragraphs(doc):
        for a, b in quotes.pairs(doc, start, end, []):
            # marks inside the paragraph; a quote whose opening mark was lost opens just
            # before it, one continued in the next paragraph runs to its end
            assert start - 1 <= a < b <= end
    sentences = list(doc.sents)
    assert sum(len(s) for s in sentences) == len(doc)
    for offset, _ in doc._.quote_warnings:
        assert 0 <= offset < len(text)

"""Times of day, read by the real extractor (`checker.extract.extract_text`), and compared as
the engine will compare them (`checker.engine.clock_values.compare_times`).

The cases are tests/cases/times.yaml (which tests/test_cases.py reads as well): a sentence and
the one time claim it must hold, with its words, its value in minutes after midnight, the
interval its qualifier makes, its zone, qualifier and granularity; and the sentences that hold
no time (scores, ratios, race times, verses, durations, prices). Here each is also read for
its offsets and for figures or dates over its words; then the pairs of times the comparison
must call compatible, incompatible or not comparable.
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine.checks.common import compare
from checker.engine.clock_values import compare_times
from checker.engine.corpus import Corpus
from checker.engine.values import describe
from checker.expect import time_of_day, value_matches
from checker.extract import extract_text
from checker.models import Kind
from checker.render.claims import format_value
from checker.render.explain import normalized

from .case_checks import assert_case, assert_compared, load_cases, of_kind

TIMES, NOT_TIMES = load_cases("times")


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_a_time_of_day_is_read(text, expected):
    assert_case(text, expected, Kind.TIME)


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_a_time_is_not_also_a_count_a_quantity_or_a_date(text, expected):
    claims = extract_text(text)
    (time,) = [c for c in claims if c.kind is Kind.TIME]
    figures = [c for c in claims if c.kind in (Kind.COUNT, Kind.QUANTITY, Kind.DATE) and c.start < time.end and time.start < c.end]
    assert figures == []


def test_a_zone_whose_offset_is_not_settled_is_not_guessed():
    (claim,) = of_kind("Markets open at 9:30 a.m. ET on Monday.", Kind.TIME)
    assert (claim.text, claim.value, claim.unit) == ("9:30 a.m. ET", 570, "local")
    assert "ambiguous" in claim.resolution and "ET" in claim.resolution


def test_a_range_of_times_gives_both_ends():
    evening = of_kind("The curfew runs from 9 to 11 p.m. nightly.", Kind.TIME)
    assert [(c.text, c.value) for c in evening] == [("9", 1260), ("11 p.m.", 1380)]
    morning = of_kind("The office is open from 9:30 to 11:45 on weekdays.", Kind.TIME)
    assert [(c.text, c.value) for c in morning] == [("9:30", 570), ("11:45", 705)]


def test_a_time_takes_the_date_of_its_sentence():
    (claim,) = of_kind("The ferry sank at 6:40 a.m. on Monday.", Kind.TIME)
    assert claim.time is not None and claim.time.text == "Monday"


@pytest.mark.parametrize("text", NOT_TIMES)
def test_what_is_not_a_time_of_day(text):
    assert of_kind(text, Kind.TIME) == []


def test_a_clock_in_words_without_a_trigger_is_no_count_either():
    assert [c for c in extract_text("The station clock read ten past seven.") if c.kind is Kind.COUNT] == []


def test_offsets_point_at_the_words_in_a_longer_text():
    text = ("The storm hit Morgan City at 4 a.m. CDT. Power failed just before 2 a.m. in the east, "
            "and the mayor spoke at noon.\n\nBy about 6.40pm, crews had restored most lines.")
    found = of_kind(text, Kind.TIME)
    assert [c.text for c in found] == ["4 a.m. CDT", "just before 2 a.m.", "noon", "about 6.40pm"]
    assert all(text[c.start : c.end] == c.text for c in found)


# -- comparison ------------------------------------------------------------------------------

def one_time(sentence: str):
    (claim,) = of_kind(sentence, Kind.TIME)
    return claim


COMPARED = [  # (first, second, compatible; None: not comparable)
    ("The call began at 12:00 GMT.", "The call began at 8 a.m. EDT.", True),  # both zoned: in UTC
    ("The call began at 12:00 GMT.", "The call began at 9 a.m. EDT.", False),
    ("The fire started at 11 p.m. GMT.", "The fire started at 1 a.m. CEST.", True),  # across midnight
    ("The call began at 09:15 GMT.", "The call began at 09:15.", True),  # one zone, one none: as stated
    ("The call began at 09:15 GMT.", "The call began at 10:15.", False),
    ("The quake struck at 10:15 a.m. local time.", "The quake struck at 08:15 GMT.", None),  # local zone unknown
    ("The quake struck at 10:15 a.m. local time.", "The quake struck at 10:15 a.m.", True),
    ("The train left at 6:40 a.m.", "The train left at 6:45 a.m.", False),  # minutes: 2 either side
    ("The train left at 6:40 a.m.", "The train left at 6:42 a.m.", True),
    ("The blast came at 4 a.m.", "The blast came at 4:20 a.m.", True),  # an hour: 30 either side
    ("The blast came at 4 a.m.", "The blast came at 4:45 a.m.", False),
    ("He was seen about 6.40pm.", "He was seen at 18:48.", True),
    ("He was seen about 6.40pm.", "He was seen at 19:00.", False),
    ("The vote ended at 23:59.", "The vote ended shortly after midnight.", True),  # around the clock
    ("The fire broke out just before 2 a.m.", "The fire broke out at 1:50 a.m.", True),
    ("The fire broke out just before 2 a.m.", "The fire broke out at 2:40 a.m.", False),
    ("Markets open at 9:30 a.m. ET.", "Markets open at 14:30 GMT.", None),  # ET: offset not settled
]


@pytest.mark.parametrize(("first", "second", "compatible"), COMPARED)
def test_two_times_are_compared(first, second, compatible):
    assert_compared(compare_times, one_time(first), one_time(second), compatible)


def test_a_clock_written_without_a_zone_is_the_local_time_of_its_place():
    (claim,) = [c for c in extract_text("The pile-up happened at 06:10 near Osnabrück.", published=dt.date(2025, 11, 4))
                if c.kind is Kind.TIME]
    assert claim.unit == "UTC+01:00" and "no zone written" in claim.resolution and "Osnabrück" in claim.resolution
    (unplaced,) = of_kind("The pile-up happened at 06:10.", Kind.TIME)
    assert unplaced.unit is None and unplaced.resolution is None


def _read_in(sentence: str, unit: str):
    """A time whose zone extraction read from a place (a resolution says so)."""
    return one_time(sentence).model_copy(update={"unit": unit, "resolution": "local time in a place named near it"})


def test_a_local_clock_and_a_written_zone_are_compared_in_utc():
    regional = _read_in("The pile-up began at 06:10.", "UTC+01:00")
    assert not compare_times(regional, one_time("The pile-up began at 07:10 CET.")).compatible
    assert compare_times(regional, one_time("The pile-up began at 0510 GMT.")).compatible


def test_two_local_clocks_read_in_two_zones_are_one_clock_as_written():
    """Two outlets' local time of one event: a second zone means a misread place, not another clock."""
    manila, tokyo = _read_in("It sank at 6:40 a.m.", "UTC+08:00"), _read_in("It sank at 6:40 a.m.", "UTC+09:00")
    assert compare_times(manila, tokyo).compatible
    assert not compare_times(_read_in("It began at 19:00.", "UTC+03:00"), one_time("It began at 20:00 local time.")).compatible
    assert compare_times(one_time("It began at 19:00 local time."), one_time("It began at 16:00 GMT.")) is None


def test_a_comparison_in_utc_says_so():
    result = compare_times(one_time("It began at 12:00 GMT."), one_time("It began at 8 a.m. EDT."))
    assert result.reason == "12:00 UTC+00:00 and 08:00 UTC-04:00 (12:00 UTC) agree"


def test_the_engine_dispatches_times_to_their_comparison():
    a, b = one_time("It began at 12:00 GMT."), one_time("It began at 9 a.m. EDT.")
    result = compare(None, Corpus([], {}), a, b)
    assert result is not None and not result.compatible


def test_a_time_reads_as_a_clock_in_messages_and_tables():
    claim = one_time("The suspect was last seen about 6.40pm.")
    assert describe(claim) == "18:40"
    assert format_value(claim) == "18:40 [18:30, 18:50]"
    assert normalized(claim) == "18:40 (about: 18:30 to 18:50)"
    zoned = one_time("Ida made landfall at 4 a.m. CDT on Sunday.")
    assert format_value(zoned) == "04:00 UTC-05:00"
    late = one_time("The last ferry left shortly after 23:50.")
    assert format_value(late) == "23:50 [23:50, 00:05 the next day]"


def test_an_expected_time_matches_at_the_precision_stated():
    claim = one_time("The suspect was last seen about 6.40pm.")
    assert value_matches(claim, time_of_day("18:40"))
    assert value_matches(claim, time_of_day("18:35"))  # inside "about"
    assert not value_matches(claim, time_of_day("19:00"))
    assert value_matches(claim, dt.time(18, 40))
    zoned = one_time("Ida made landfall at 4 a.m. CDT on Sunday.")
    assert value_matches(zoned, time_of_day("04:00", zone="UTC-05:00"))
    assert not value_matches(zoned, time_of_day("09:00", zone="UTC+00:00"))  # zones are not converted

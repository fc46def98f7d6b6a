"""Calendar words and the periods they name: seasons, decades, centuries, holidays, and
references to the present or past that the engine must never compare as dates."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine import check
from checker.engine.values import describe
from checker.lexicon import Holiday
from checker.models import Kind
from checker.pipeline import calendar as cal
from checker.pipeline.date_words import holiday_date, season_year

from .test_judgement_engine import corpus_of


@pytest.mark.parametrize(
    "value, low, high",
    [
        ("1998-SP", "1998-03-01", "1998-05-31"),
        ("1998-SU", "1998-06-01", "1998-08-31"),
        ("1998-FA", "1998-09-01", "1998-11-30"),
        ("1999-WI", "1999-12-01", "2000-02-29"),  # winter runs into a leap February
        ("199", "1990-01-01", "1999-12-31"),  # a decade
        ("19", "1900-01-01", "1999-12-31"),  # a century, as TimeML writes it
    ],
)
def test_bounds_of_seasons_decades_and_centuries(value, low, high):
    assert cal.bounds(value) == (low, high)


@pytest.mark.parametrize(
    "code, published, direction, tense, year",
    [
        ("FA", "1999-01-22", -1, None, 1998),  # last fall, said in January
        ("FA", "1998-10-15", -1, None, 1997),  # last fall, said in the fall: the one before
        ("SU", "1998-10-15", -1, None, 1998),  # last summer, said in October
        ("SU", "1998-10-15", 1, None, 1999),  # next summer
        ("WI", "1999-01-22", 0, None, 1998),  # this winter, in January: the one from December 1998
        ("SU", "1989-10-30", None, "past", 1989),  # "in the summer", past tense
        ("SU", "1989-03-30", None, "past", 1988),
        ("WI", "0001-01-01", 1, None, 1),  # next winter, said on the calendar's first day
        ("WI", "0001-01-01", -1, None, None),  # last winter then: before the calendar, no year
        ("SU", "9999-12-31", 1, None, None),  # next summer after the calendar's last day
    ],
)
def test_the_year_of_a_season(code, published, direction, tense, year):
    assert season_year(code, dt.date.fromisoformat(published), direction, tense) == year


@pytest.mark.parametrize(
    "rule, year, day",
    [
        (Holiday(month=11, weekday=3, nth=4), 1999, "1999-11-25"),  # Thanksgiving
        (Holiday(month=5, weekday=0, nth=-1), 2025, "2025-05-26"),  # Memorial Day: the last Monday
        (Holiday(month=11, weekday=0, nth=1, offset=1), 1998, "1998-11-03"),  # Election Day
        (Holiday(easter=0), 2000, "2000-04-23"),
        (Holiday(easter=-2), 2024, "2024-03-29"),  # Good Friday
        (Holiday(month=12, day=25), 1990, "1990-12-25"),
    ],
)
def test_holiday_dates(rule, year, day):
    assert holiday_date(rule, year).isoformat() == day


def test_references_are_claims_but_never_reach_the_engine(extractor):
    texts = ("Interest rates are now 4.1%, the bank said on Tuesday.",
             "Rates stand at 4.1% now and were recently cut, the bank said on Tuesday.")
    corpus = corpus_of(extractor, *texts)
    claims = [c for document in corpus.documents.values()
              for c in extractor.text(document.text, published=document.published, document=document.id)]
    references = [c for c in claims if c.time_reference]
    assert {(c.text, c.value) for c in references} == {("now", "PRESENT_REF"), ("recently", "PAST_REF")}
    assert all(c.kind is Kind.DATE and c.low is None and c.high is None for c in references)
    assert not any(c.time_reference for c in corpus.claims)
    assert {c.text for c in corpus.claims if c.kind is Kind.DATE} == {"Tuesday"}
    findings = check(claims, corpus.documents.values())
    cited = {claim_id for f in findings for claim_id in f.claims}
    assert not cited & {c.id for c in references}


def test_a_reference_is_described_in_words(extractor):
    (now,) = [c for c in extractor.text("Prices are now higher.") if c.kind is Kind.DATE]
    assert describe(now) == "the present"
    assert now.resolution == "refers to the present, names no date"


def test_a_quotation_continued_in_the_next_paragraph_is_kept_whole_and_not_reported(extractor):
    text = ('The minister spoke at length.\n\n'
            '"We will not cut the budget. We made our choice and we stand by it.\n\n'
            '"The people deserve better than this," Ana Ruiz said.\n')
    doc = extractor.nlp(text)
    assert doc._.quote_warnings == []
    quotes = [c.text for c in extractor.text(text) if c.kind is Kind.QUOTE]
    assert quotes == ["We will not cut the budget. We made our choice and we stand by it",
                      "The people deserve better than this"]

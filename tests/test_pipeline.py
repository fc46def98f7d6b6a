"""The pipeline's assembly and its calendar rules.

A trained pipeline stays pluggable: any spaCy pipeline on disk can be named
with `--model`; its sentence boundaries and entities replace checker's own.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from checker.extract import Extractor
from checker.pipeline import calendar as cal
from checker.pipeline.build import build_pipeline


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory):
    """A small pipeline on disk: a sentencizer and an entity ruler, as a trained one would bring."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Acme Widgets"}, {"label": "PERSON", "pattern": "Jo Park"}])
    path = tmp_path_factory.mktemp("model") / "tiny_pipeline"
    nlp.to_disk(path)
    return str(path)


def test_blank_pipeline_has_checker_components():
    names = build_pipeline().pipe_names
    assert names[:2] == ["checker_unit_splitter", "checker_sentences"]
    assert names[-7:] == ["checker_numbers", "checker_times", "checker_figures", "checker_dates", "checker_entities",
                          "checker_quotes", "checker_places"]


def test_a_saved_pipeline_is_used_for_sentences_and_entities(saved_model):
    nlp = build_pipeline(saved_model)
    assert "sentencizer" in nlp.pipe_names and "checker_sentences" not in nlp.pipe_names
    claims = Extractor(saved_model).text('Acme Widgets said sales rose 12%. "We are pleased," Jo Park said.')
    by_kind = {c.kind.value: c for c in claims}
    assert by_kind["percent"].subject == "Acme Widgets"
    assert by_kind["quote"].speaker == "Jo Park"


def test_a_saved_pipelines_long_sentence_is_stored_in_stretches(saved_model):
    """A trained pipeline's sentences are its own, of any length: each claim keeps the
    stretch of it that it starts in (the whole sentence was copied into every claim), one
    stretch for the claims side by side (the engine checks "1 trillion yen ($1 billion)"
    within a sentence)."""
    text = "Acme Widgets paid $5 million and " * 200  # one sentence of 6,600 characters
    claims = Extractor(saved_model).text(text)
    assert len(claims) == 200
    for c in claims:
        assert len(c.sentence) <= 1200 + len(c.text)
        assert text[c.sentence_start : c.sentence_start + len(c.sentence)] == c.sentence
        assert c.sentence_start <= c.start and c.end <= c.sentence_start + len(c.sentence)
        assert c.sentence.startswith(("Acme", "Widgets", "paid", "$5", "million", "and"))  # whole words
    assert 5 <= len({c.sentence_start for c in claims}) <= 12


@pytest.mark.parametrize(
    "month, day, published, tense, year",
    [
        (10, 25, "2025-10-30", None, 2025),
        (12, 28, "2026-01-05", None, 2025),  # more than half a year ahead: last year's
        (1, 10, "2025-12-20", None, 2026),  # more than half a year back: next year's
        (12, 1, "1998-03-04", "past", 1997),  # "met in December", written in March
        (11, 20, "1989-11-02", "past", 1989),  # a few weeks ahead in the past tense: a slip, same year
        (3, 30, "1998-02-13", "future", 1998),
        (1, 2, "1989-11-02", "future", 1990),
    ],
)
def test_infer_year(month, day, published, tense, year):
    assert cal.infer_year(month, day, dt.date.fromisoformat(published), tense) == year


@pytest.mark.parametrize(
    "weekday, published, future, strictly, expected",
    [
        (5, "2025-10-30", False, False, "2025-10-25"),  # Saturday before Thursday 30 October
        (3, "2025-10-30", False, False, "2025-10-30"),  # the same day
        (1, "2025-10-30", True, False, "2025-11-04"),  # next Tuesday
        (3, "2025-10-30", True, False, "2025-10-30"),  # "will meet Thursday", published on a Thursday: that day
        (3, "2025-10-30", True, True, "2025-11-06"),  # "next Thursday", said on a Thursday
        (3, "2025-10-30", False, True, "2025-10-23"),  # "last Thursday", said on a Thursday
        (4, "2025-10-30", False, True, "2025-10-24"),  # "last Friday": the most recent Friday
        (2, "2025-10-30", False, True, "2025-10-29"),  # "last Wednesday", the day before
    ],
)
def test_resolve_weekday(weekday, published, future, strictly, expected):
    found = cal.resolve_weekday(weekday, dt.date.fromisoformat(published), future, strictly)
    assert found.isoformat() == expected


@pytest.mark.parametrize(
    "value, low, high",
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-Q3", "2025-07-01", "2025-09-30"),
        ("2025-W43", "2025-10-20", "2025-10-26"),
        ("2025-10-25", "2025-10-25", "2025-10-25"),
        ("--10-25", None, None),
    ],
)
def test_bounds(value, low, high):
    assert cal.bounds(value) == (low, high)


@pytest.mark.parametrize(
    "unit, amount, expected",
    [("day", -1, "2025-01-01"), ("month", -1, "2024-12"), ("quarter", 1, "2025-Q2"), ("year", -1, "2024"), ("week", -1, "2024-W52")],
)
def test_shift(unit, amount, expected):
    assert cal.shift(dt.date(2025, 1, 2), unit, amount) == expected

"""Agreement groups: restatements in other forms join, two facts never do."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine import check
from checker.engine.align import aligned, restates, same_per
from checker.engine.checks.cross_source import written_dates_meet
from checker.engine.scoring import load_scorer_spec

from .test_judgement_engine import _scored, claim, corpus_of

PUBLISHED = dt.date(2025, 1, 21)  # a Tuesday: "Monday" is January 20


def findings(extractor, *texts: str, published: dt.date = PUBLISHED) -> set[tuple[str, tuple[str, ...]]]:
    """(verdict, the cited claims' words) of every agreement and alarm over the articles."""
    corpus = corpus_of(extractor, *texts, published=published)
    texts_of = {c.id: c.text for c in corpus.claims}
    return {(f.verdict.value, tuple(sorted(texts_of[i] for i in f.claims))) for f in check(corpus.claims, corpus.documents.values())
            if f.verdict.value in ("agreement", "contradiction", "internal")}


WAGE = ("Miners at the Kgotso platinum mine in Rustenburg walked out on Monday, demanding a basic wage of R15,000 a month.",
        "The Kgotso strike in Rustenburg goes on: the union's key demand is an entry-level basic wage of R15,000.")


def test_a_rate_agrees_with_the_same_figure_an_outlet_gives_without_its_period(extractor):
    assert ("agreement", ("R15,000", "R15,000")) in findings(extractor, *WAGE)


def test_rates_of_two_periods_never_meet_but_a_rate_meets_a_figure_without_one(extractor):
    corpus = corpus_of(extractor, "Cleaners earn $15 an hour.", "Cleaners earn $2,400 a month.", "Cleaners earn $15.")
    hourly, monthly, bare = (claim(corpus, d, t) for d, t in (("a.md", "$15"), ("b.md", "$2,400"), ("c.md", "$15")))
    assert hourly.per and monthly.per and not bare.per
    assert not same_per(hourly, monthly)
    assert same_per(hourly, bare) and same_per(bare, monthly)


def test_a_duration_agrees_across_units_of_time(extractor):
    found = findings(extractor, "Coracle Bank will offer affected customers 24 months of free credit monitoring.",
                     "Customers affected by the Coracle Bank breach get two years of free credit monitoring.")
    assert ("agreement", ("24 months", "two years")) in found


RECALL = ("Veltra Motors put out a recall of 41,000 Kestrel hatchbacks on January 20, 2025, over a faulty brake hose.",
          "The Kestrel hatchback recall covers 41,000 cars, Veltra Motors said on Monday, citing a faulty brake hose.")


def test_a_reporting_date_agrees_with_the_date_another_outlet_gives(extractor):
    corpus = corpus_of(extractor, *RECALL, published=PUBLISHED)
    assert corpus.roles.of(claim(corpus, "b.md", "Monday")).value == "reporting"
    assert ("agreement", ("January 20, 2025", "Monday")) in findings(extractor, *RECALL)


def test_a_reporting_date_never_contradicts_an_event_date(extractor):
    late = (RECALL[0], RECALL[1].replace("on Monday", "on Tuesday"))
    assert not {f for f in findings(extractor, *late) if f[0] == "contradiction" and "Tuesday" in f[1]}


@pytest.mark.parametrize("first, second, meet", [
    ("The bridge must be finished by 2030.", "The bridge will be finished in 2030.", True),
    ("The bridge must be finished by 2030.", "Work on the bridge began in 2024.", False),
    ("Rates have been on hold since November 2020.", "Rates have been on hold since November 2023.", False),
    ("The bridge opened in 2024.", "The bridge opened in 2024.", True),
])
def test_an_open_date_agrees_only_with_the_date_it_writes(extractor, first, second, meet):
    corpus = corpus_of(extractor, first, second)
    (a,) = [c for c in corpus.claims if c.document == "a.md" and c.kind.value == "date"]
    (b,) = [c for c in corpus.claims if c.document == "b.md" and c.kind.value == "date"]
    assert written_dates_meet(a, b) is meet


def test_a_day_an_article_writes_twice_joins_with_both_mentions(extractor):
    corpus = corpus_of(extractor, "The ministers met in Mendoza on Thursday. The talks on Nov 13 ended late.",
                       "The ministers met in Mendoza on 13 November 2025.", published=dt.date(2025, 11, 14))
    thursday, nov13, full = (claim(corpus, d, t) for d, t in (
        ("a.md", "Thursday"), ("a.md", "Nov 13"), ("b.md", "13 November 2025")))
    pairs = [_scored(thursday, full, 0.8), _scored(nov13, full, 0.9)]
    model = load_scorer_spec().alignment
    assert [(x.a.text, x.b.text) for x in aligned(pairs, model)] == [("Nov 13", "13 November 2025")]
    assert restates(nov13, thursday)
    assert {(x.a.text, x.b.text) for x in aligned(pairs, model, restates)} == {
        ("Nov 13", "13 November 2025"), ("Thursday", "13 November 2025")}


def test_a_figure_an_article_writes_twice_is_no_restatement(extractor):
    corpus = corpus_of(extractor, "The cash rate is 4.1%. Unemployment is 4.1%.")
    rate, jobless = [c for c in corpus.claims if c.text == "4.1%"]
    assert not restates(rate, jobless)


SPEECH = "We will not close a single school in this county while I am in charge of the budget"


def test_a_quote_agrees_whatever_words_stand_before_its_speaker_name(extractor):
    found = findings(extractor, f'"{SPEECH}," council leader Fiona Drummond said.',
                     f'"{SPEECH}," Fiona Drummond told reporters.')
    assert ("agreement", (SPEECH, SPEECH)) in found


def test_a_quote_whose_speaker_names_nobody_takes_its_twins_speaker(extractor):
    found = findings(extractor, f'"{SPEECH}," Fiona Drummond said.', f'"{SPEECH}," the council said in a statement.')
    assert ("agreement", (SPEECH, SPEECH)) in found


@pytest.mark.parametrize("text, unit", [
    ("The 59-year-old driver was arrested.", "year of age"),
    ("A 23-year old man was held.", "year of age"),
    ("Raj Chohan, 59, died at the scene.", "year of age"),
    ("The five-year plan was approved.", "year"),
])
def test_an_age_written_with_old_is_an_age(extractor, text, unit):
    (found,) = [c for c in extractor.text(text) if c.kind.value == "quantity"]
    assert found.unit == unit


def test_ages_written_two_ways_agree(extractor):
    found = findings(extractor, "Raj Chohan, 59, was struck by a car in Richmond Hill.",
                     "The 59-year-old victim, Raj Chohan, died in Richmond Hill.")
    assert ("agreement", ("59", "59-year")) in found

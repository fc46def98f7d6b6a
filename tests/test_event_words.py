"""Which event a date, a time or a place dates, read across wordings: the event word of one
claim among the words of the other's clause (checker/engine/clauses.py), and the clause's own
subject (checker/extract/context.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine.clauses import canonical, clause_keys, events_meet
from checker.lexicon import load_lexicon


def _date(extractor, text: str, day: str):
    return next(c for c in extractor.text(text, published=dt.date(2025, 10, 31), document="a.md") if c.text == day)


@pytest.mark.parametrize("inflected, other", [("telephoned", "phone"), ("spoke", "speech"), ("resigned", "resignation"),
                                              ("sank", "sinking")])
def test_a_family_reads_as_one_key(inflected, other):
    assert canonical(inflected) == canonical(other)


def test_every_family_word_belongs_to_one_family():
    words = [w for family in load_lexicon().events.families for w in family]
    assert len(words) == len(set(words)) and all(w == w.lower() and " " not in w for w in words)


@pytest.mark.parametrize("first, second", [
    ("The two leaders first spoke by phone on October 27.", "She held her first phone call with Trump on October 25."),
    ("The prime minister telephoned the president on October 27.", "Their phone call on October 25 lasted an hour."),
    ("The minister resigned on October 27.", "His resignation on October 25 surprised the party."),
])
def test_one_event_in_other_words(extractor, first, second):
    a, b = _date(extractor, first, "October 27"), _date(extractor, second, "October 25")
    assert events_meet(a, b)


@pytest.mark.parametrize("first, second", [
    ("The festival opened on October 27.", "The festival will close on October 25."),
    ("Pickets gathered at the staff entrance on October 27.", "The help line will be staffed from October 25."),
])
def test_two_events_of_one_story_stay_apart(extractor, first, second):
    a, b = _date(extractor, first, "October 27"), _date(extractor, second, "October 25")
    assert not events_meet(a, b)


def test_the_clause_is_the_dates_own(extractor):
    claim = _date(extractor, "Japan pledged $500 billion in the United States, and the two leaders spoke by phone on October 27.",
                  "October 27")
    assert {"speak", "phone"} <= clause_keys(claim) and "pledge" not in clause_keys(claim)


def test_a_dates_subject_is_named_in_its_own_clause(extractor):
    claim = _date(extractor, "Japan pledged $500 billion in the United States, and the two leaders spoke by phone on October 27.",
                  "October 27")
    assert claim.subject is None
    named = _date(extractor, "Japan and the United States signed the accord on October 27.", "October 27")
    assert named.subject is not None

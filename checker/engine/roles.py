"""What a date does in its article: only the dates of events are facts to compare.

A date can be the article's dateline ("MANILA, Oct. 28 (Wire) -"), the day
something was reported ("officials said on Monday": two outlets reporting on
different days do not disagree about the event), words inside a quotation or
a chant ("'today we march'"), or the day an event happened. Datelines and
reporting dates made most of the false alarms on real news; quoted dates
are someone's words, checked as a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from enum import StrEnum
from functools import lru_cache

from ..lexicon import load_lexicon
from ..models import Claim, Kind

_DATELINE_BEFORE = re.compile(  # "MANILA, ", "MORGAN CITY, La., ", "A CORUÑA, Spain, ", "Published on "
    r"^\W*(?:(?:published|updated|posted)(?: on)?\s*:?\s*|[A-Z][\w.'’ -]{1,40},\s*(?:[A-Z][\w.'’ -]{1,30},\s*)?)$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"^[\s,]*(?:\d{4}\s*)?(?:\(|[-–—/|]|$)")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\(?\b(?:GMT|UTC)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)?",
                    re.IGNORECASE)
_LINE_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’.-]*")  # a word, not an ordinal's "th" ("Jun 11th")
_STAMP_BEFORE = re.compile(r"^[\s*_#>]*$")  # only markup between a line's start and its stamp
_STAMP_AFTER = re.compile(r"^[\s*_]*(?:[-–—|]|$)")  # "**05:30 CET** - Good morning."
_NOTE = re.compile(r"^\s*\[[^\]]*\]\s*$")  # "[Transcript — Europe Today, midday edition, Tuesday]"
_PUBLISHING = frozenset({"published", "updated", "posted", "filed", "modified", "last", "on", "at", "in", "by", "and"})
PUBLICATION_LINE = 100  # characters at most in a line that only says when an article appeared


class DateRole(StrEnum):
    DATELINE = "dateline"
    REPORTING = "reporting"
    QUOTED = "quoted"
    EVENT = "event"


@lru_cache(maxsize=1)
def _reported_before() -> re.Pattern:
    """'... said (on)', 'told reporters (on)': a speech verb just before the date; not a noun
    of the same form after a determiner ("put out a recall on January 27", "the claims on")."""
    verbs = "|".join(sorted((re.escape(v) for v in load_lexicon().speech.verbs if " " not in v), key=len, reverse=True))
    nouns = "".join(rf"(?<!\b{d} )" for d in ("a", "an", "the", "its", "his", "her", "their", "this", "that"))
    return re.compile(rf"{nouns}\b(?:{verbs})\b(?:\s+[a-z]+)?\s+(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)


def _quote_spans(claims: list[Claim]) -> dict[str, tuple[list[int], list[int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for claim in claims:
        if claim.kind is Kind.QUOTE:
            spans[claim.document].append((claim.start, claim.end))
    return {doc: ([s for s, _ in sorted(found)], [e for _, e in sorted(found)]) for doc, found in spans.items()}


def _publication_line(sentence: str, before: str, after: str) -> bool:
    """A short line that only says when the article appeared: "Published 12:17 am, Monday,
    September 16, 2013", "posted in Local News on Wednesday, September 18, 2013", "Reuters Sep
    18, 2013, 02.16PM IST", a live blog's "Thursday, February 21". Besides the date, a clock
    time and its zone, only publishing words and capitalised names (a source, a section) stand
    there: any other lower-case word ("hits", "to host") makes it a sentence about an event."""
    if len(sentence) > PUBLICATION_LINE:
        return False
    words = _LINE_WORD.findall(_CLOCK.sub(" ", f"{before} {after}"))
    return all(w.lower() in _PUBLISHING or w[:1].isupper() for w in words)


def _entry_stamp(before: str, after: str) -> bool:
    """A time or date that heads a live blog's entry ("**05:30 CET** - Reports coming in of
    an eruption"): when the entry was posted, not when what it reports happened (which the
    entry's text gives, if it gives it)."""
    return bool(_STAMP_BEFORE.match(before) and _STAMP_AFTER.match(after))


_POSSESSIVE = re.compile(r"^['’]s\b")
_THE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^\s+[^\W\d_]")


def _sides(claim: Claim) -> tuple[str, str]:
    """The claim's sentence before it and after it."""
    offset = claim.start - claim.sentence_start
    return claim.sentence[:offset], claim.sentence[offset + len(claim.text):]


def names_an_edition(claim: Claim) -> bool:
    """A year that says which edition of a thing, not when something happened: "this year's
    Oscars", "last year's strike", "the 2014 Oscars". Outlets name one ceremony by the year it
    is held or by the season it honours; the event's own date, if given, is compared instead."""
    if claim.kind is not Kind.DATE or claim.granularity != "year":
        return False
    before, after = _sides(claim)
    return bool(_POSSESSIVE.match(after) or (_THE_BEFORE.search(before) and _NOUN_AFTER.match(after)))


class Roles:
    """Each date claim's role, worked out once for a corpus."""

    def __init__(self, claims: list[Claim]):
        self._quotes = _quote_spans(claims)

    def _quoted(self, claim: Claim) -> bool:
        starts, ends = self._quotes.get(claim.document, ([], []))
        at = bisect_right(starts, claim.start) - 1
        return at >= 0 and ends[at] >= claim.end

    def of(self, claim: Claim) -> DateRole:
        if self._quoted(claim):
            return DateRole.QUOTED
        before, after = _sides(claim)
        if len(before) <= 45 and _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
            return DateRole.DATELINE
        if _publication_line(claim.sentence, before, after) or _entry_stamp(before, after) or _NOTE.match(claim.sentence):
            return DateRole.DATELINE
        if _reported_before().search(before):
            return DateRole.REPORTING
        return DateRole.EVENT

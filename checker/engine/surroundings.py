"""What a part of an archive needs to know of the whole to be judged as the whole would be.

The engine judges claims against the claims near them: those of one story
(`stories`), those of one speaker (quotes). Run over one such part of an
archive, it still reads a few things of the whole: the one full name each
surname stands for, each document's day and the stories of undated ones
(`window`), which pairs of documents are one story (a word's holders are
counted over the whole archive), the publication calendar (the rate
month of an undated article, the years the archive speaks from), and the
speaker a quote without one is taken to be (one speaker of the whole archive). Each is a
summary far smaller than the claims; a field left None is worked out from
the claims at hand, as a run over a whole corpus does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Claim, Document, Kind
from .declared import declares
from .stories import Stories, story_words
from .window import Window, document_days


@dataclass(frozen=True)
class Calendar:
    """The publication dates of a whole corpus, as far as the engine reads them."""

    latest_month: str | None  # the rate month of an undated article
    years: range  # the years the corpus speaks from: its publication years, one either side

    @classmethod
    def of(cls, published: Iterable[dt.date | None]) -> Calendar:
        dates = [d for d in published if d]
        if not dates:
            today = dt.date.today().year
            return cls(None, range(today - 1, today + 1))
        return cls(max(dates).strftime("%Y-%m"), range(min(dates).year - 1, max(dates).year + 2))


@dataclass(frozen=True)
class Surroundings:
    """The whole archive's summaries a part of it is judged with (None: from the part itself)."""

    people: dict[str, str] | None = None  # surname -> the one full name the archive gives it
    window: Window | None = None
    stories: dict[int, Stories] = field(default_factory=dict)  # by window (days); a missing one: from the part
    calendar: Calendar | None = None
    adopted: dict[str, str] | None = None  # a quote without a speaker -> the speaker it is taken to be


def one_name_each(longer: dict[str, set[str]]) -> dict[str, str]:
    """Surname -> full name, where exactly one full name in the corpus ends in it."""
    return {short: next(iter(found)) for short, found in longer.items() if len(found) == 1}


@dataclass(frozen=True)
class Summary:
    """What the engine needs of one document to find its stories, its parts and its speakers
    without its claims (a store keeps it beside them)."""

    day: int | None  # `Window.day`: its publication date, else the middle of its stated dates
    words: frozenset[str]  # the rare words of its story (`story_words`)
    rare_names: frozenset[str]  # those never written in lower case
    names: frozenset[str]  # its subjects and speakers, as written
    speakers: frozenset[str]  # whom it quotes, as written
    declares: bool  # whether it holds an inline declaration (`declared`)

    @classmethod
    def of(cls, document: Document, claims: list[Claim]) -> Summary:
        claims = [c for c in claims if not c.time_reference]  # as `Corpus` leaves out "now": no date to compare
        words, rare_names = story_words(claims, {document.id: document}).get(document.id, (set(), set()))
        return cls(document_days(claims, {document.id: document})[document.id], frozenset(words),
                   frozenset(rare_names), frozenset(n for c in claims for n in (c.subject, c.speaker) if n),
                   frozenset(c.speaker for c in claims if c.kind is Kind.QUOTE and c.speaker),
                   declares(document.text))

    @property
    def full_names(self) -> set[str]:
        """The names of people among its names: two words or more, capitalised (`full_names`)."""
        return {n for n in self.names if " " in n and n[:1].isupper()}

"""Which claims are compared at all: those from articles near each other in time.

An archive grows by adding days of news, not by making each day longer, so
comparing a claim only with claims from articles published within a window
(a rule's `window_days`, a month by default) keeps the engine's work in
proportion to the archive instead of its square. Within a block of
candidates the pairs come out in the order the unwindowed loops gave them,
so findings and their messages do not depend on how they were found.

A document without a publication date is placed at the middle of the day
and month dates it states with their year ("on October 26, 2024"), when at
least two of them fall within a window of that middle: a lone date may well
be a background paragraph's ("the Carmont derailment of August 2020"). One
that states none cannot be placed: it is compared with the documents of its
story, those naming at least two of the same people and places (as
`Corpus.names`), and with every document when
it names fewer than two.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..models import Claim, Document, Kind

WINDOW_DAYS = 31
_STATED = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def document_days(claims: Iterable[Claim], documents: dict[str, Document]) -> dict[str, int | None]:
    """Each document's day (a date ordinal): its publication date, else the middle of its stated dates."""
    stated: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        if claim.kind is not Kind.DATE or claim.granularity not in ("day", "month") or not isinstance(claim.value, str):
            continue
        if m := _STATED.fullmatch(claim.value):
            try:
                stated[claim.document].append(dt.date(int(m[1]), int(m[2]), int(m[3] or 15)).toordinal())
            except ValueError:  # month 13, 30 February: not a day
                continue
    days: dict[str, int | None] = {}
    for doc_id in {*documents, *stated}:
        published = documents[doc_id].published if doc_id in documents else None
        days[doc_id] = published.toordinal() if published else _placed(sorted(stated.get(doc_id, ())))
    return days


def _placed(found: list[int]) -> int | None:
    """The middle of a document's stated days, when two or more lie within a window of it."""
    if not found:
        return None
    middle = found[len(found) // 2]
    return middle if sum(abs(day - middle) <= WINDOW_DAYS for day in found) >= 2 else None


def unplaced_stories(days: dict[str, int | None], names: dict[str, set[str]],
                     documents: Iterable[str]) -> dict[str, set[str] | None]:
    """Each of `documents` that has no day -> the documents naming at least two of the same
    people (None: it names fewer than two, and is compared with every document)."""
    unplaced = [d for d in documents if days.get(d) is None]
    if not unplaced:
        return {}
    holders: dict[str, list[str]] = defaultdict(list)  # name -> the documents naming it
    for doc_id, found in names.items():
        for name in found:
            holders[name].append(doc_id)
    story: dict[str, set[str] | None] = {}
    for doc_id in unplaced:
        if len(names.get(doc_id, ())) < 2:
            story[doc_id] = None
            continue
        shared = Counter(other for name in names[doc_id] for other in holders[name])
        story[doc_id] = {other for other, count in shared.items() if count >= 2}
    return story


class Window:
    """Pairs of claims near enough to compare, from each document's day or story."""

    def __init__(self, claims: list[Claim], documents: dict[str, Document], names: dict[str, set[str]]):
        self.day = document_days(claims, documents)
        self.story = unplaced_stories(self.day, names, {c.document for c in claims})

    @classmethod
    def known(cls, day: dict[str, int | None], story: dict[str, set[str] | None]) -> Window:
        """A window whose days and unplaced documents' stories were worked out elsewhere (over a
        whole archive, when the claims at hand are one story of it)."""
        window = cls.__new__(cls)
        window.day, window.story = day, story
        return window

    def pairs(self, docs: list[str], window: int) -> list[tuple[int, int]]:
        """Index pairs (i < j), in order, of claims (given by their documents) near enough to compare."""
        days = [self.day.get(d) for d in docs]
        dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
        found = []
        for k, (d, i) in enumerate(dated):
            for m in range(k + 1, len(dated)):
                e, j = dated[m]
                if e - d > window:
                    break
                found.append((i, j) if i < j else (j, i))
        found += {(i, j) if i < j else (j, i) for i, j in self._unplaced(docs, days, docs)}
        return sorted(found)

    def across(self, first: list[str], second: list[str], window: int) -> list[tuple[int, int]]:
        """Index pairs (i in `first`, j in `second`), in order, of claims near enough to compare."""
        second_days = [self.day.get(d) for d in second]
        by_day = sorted((d, j) for j, d in enumerate(second_days) if d is not None)
        keys = [d for d, _ in by_day]
        found = []
        for i, doc in enumerate(first):
            d = self.day.get(doc)
            if d is not None:
                found += [(i, j) for _, j in by_day[bisect_left(keys, d - window) : bisect_right(keys, d + window)]]
        first_days = [self.day.get(d) for d in first]
        found += {*self._unplaced(first, first_days, second), *((i, j) for j, i in self._unplaced(second, second_days, first))}
        return sorted(found)

    def _unplaced(self, docs: list[str], days: list[int | None], others: list[str]) -> list[tuple[int, int]]:
        """(i, j) for each claim i of an unplaced document and each claim j of `others` in its story
        (`others` may be `docs` itself: a claim is not paired with itself)."""
        if all(d is not None for d in days):
            return []
        by_doc: dict[str, list[int]] = defaultdict(list)
        for j, doc in enumerate(others):
            by_doc[doc].append(j)
        found = []
        for i, doc in enumerate(docs):
            if days[i] is not None:
                continue
            story = self.story.get(doc)
            if story is None:
                found += [(i, j) for j in range(len(others)) if others is not docs or j != i]
                continue
            for other in story if len(story) < len(by_doc) else by_doc:
                if other in by_doc and other in story:
                    found += [(i, j) for j in by_doc[other] if others is not docs or j != i]
        return found

"""Everything a check may look at: the claims, their documents, the rate table."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..models import Claim, Document
from .matching import superseded
from .values import RateTable, load_rates, month_of
from .window import Window


@dataclass
class Corpus:
    claims: list[Claim]
    documents: dict[str, Document]
    rates: RateTable = field(default_factory=load_rates)
    reference: list[Claim] = field(default_factory=list)  # the fact sheet's facts, as claims

    def __post_init__(self) -> None:
        """One name per person across the corpus: a surname alone ("Takaichi", in a draft that
        never gives the full name) becomes the full name other documents use, when exactly one
        fits. (Company short names are left alone: "Norvik" may be a parent or a subsidiary.)"""
        longer: dict[str, set[str]] = defaultdict(set)
        for claim in self.claims:
            for name in (claim.subject, claim.speaker):
                if name and " " in name and name[:1].isupper():
                    longer[name.split()[-1]].add(name)
        names = {short: next(iter(found)) for short, found in longer.items() if len(found) == 1}

        def canonical(name: str | None) -> str | None:
            return names.get(name, name) if name else name

        self.claims = [
            c.model_copy(update={"subject": canonical(c.subject), "speaker": canonical(c.speaker)})
            if canonical(c.subject) != c.subject or canonical(c.speaker) != c.speaker else c
            for c in self.claims
        ]

    @cached_property
    def window(self) -> Window:
        """Which claims' articles are near enough in time to compare (see `window`)."""
        return Window(self.claims, self.documents, self.names)

    @cached_property
    def by_sentence(self) -> dict[tuple[str, int], list[Claim]]:
        grouped: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for claim in self.claims:
            grouped[(claim.document, claim.sentence_start)].append(claim)
        return grouped

    @cached_property
    def live(self) -> list[Claim]:
        """Claims that state a fact: not the old side of an explicit change."""
        return [c for c in self.claims if not superseded(c, self.by_sentence[(c.document, c.sentence_start)])]

    @cached_property
    def time_anchors(self) -> set[str]:
        """Year-long dates that only say when a figure in their sentence holds ("240,000 tonnes
        in 2023"); a day ("killed 12 people on Saturday") is still an event's date."""
        anchors = set()
        for claims in self.by_sentence.values():
            times = {c.time.text for c in claims if c.time and c.kind.value != "date"}
            anchors |= {c.id for c in claims if c.kind.value == "date" and c.text in times
                        and c.granularity in ("year", "span")}
        return anchors

    @cached_property
    def latest_month(self) -> str | None:
        """The corpus's latest publication month: the rate month for an undated article."""
        dates = [d.published for d in self.documents.values() if d.published]
        return max(dates).strftime("%Y-%m") if dates else None

    def rate_month(self, claim: Claim) -> tuple[str | None, str]:
        """The month whose exchange rate applies to a claim, and why that one."""
        month = month_of(claim, self.published(claim.document))
        if month:
            return month, ""
        if self.latest_month:
            return self.latest_month, "; the article is undated: the corpus's latest publication month"
        return None, "; no date known: the table's latest month"

    @cached_property
    def names(self) -> dict[str, set[str]]:
        """The subjects and speakers each document names."""
        found: dict[str, set[str]] = defaultdict(set)
        for claim in self.claims:
            found[claim.document] |= {n for n in (claim.subject, claim.speaker) if n and n[:1].isupper()}
        return found

    def same_story(self, a: Claim, b: Claim, shared: int = 2) -> bool:
        """Whether two claims' documents name the same people and places: one story, not two
        companies' quarterly results that happen to share their vocabulary."""
        return a.document == b.document or len(self.names[a.document] & self.names[b.document]) >= shared

    def days_apart(self, a: Claim, b: Claim) -> int:
        """How far apart the two claims' articles were published (0 when either is undated)."""
        da, db = self.published(a.document), self.published(b.document)
        return abs((da - db).days) if da and db else 0

    def published(self, document: str) -> dt.date | None:
        doc = self.documents.get(document)
        return doc.published if doc else None

    @cached_property
    def years(self) -> range:
        """The years the corpus speaks from: its publication years, one either side."""
        years = [d.published.year for d in self.documents.values() if d.published]
        if not years:
            return range(dt.date.today().year - 1, dt.date.today().year + 1)
        return range(min(years) - 1, max(years) + 2)

    def source(self, claim: Claim) -> str:
        """How a message names where a claim comes from."""
        return claim.document

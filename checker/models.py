"""The records every stage after extraction relies on.

`Claim` is the contract between extraction, the store, the rule engine and the
renderers: its JSON field names (`start`, `end`, `text`, `kind`, `value`, `unit`,
...) are the report contract and are only ever added to, never renamed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

Number = float
Bound = float | str | None  # a number, or an ISO date for dates; None is unbounded


class Kind(StrEnum):
    """What a claim states."""

    MONEY = "money"  # an amount in a currency: value in currency units, unit ISO 4217
    PERCENT = "percent"  # a percentage, percentage points or a ratio of a base
    QUANTITY = "quantity"  # a measured amount with a unit of measure (km, tonnes, years)
    COUNT = "count"  # a number of things ("40 ships"), unit = the thing counted
    DATE = "date"  # a calendar date, month, year, quarter, weekday or span
    QUOTE = "quote"  # directly quoted words
    TIME = "time"  # a time of day: value in minutes after midnight as stated, unit the zone ("UTC+02:00", "local")
    PLACE = "place"  # where something happened: value the name, unit the preposition ("in", "near", "off")


FIGURE_KINDS = frozenset({Kind.MONEY, Kind.PERCENT, Kind.QUANTITY, Kind.COUNT})  # the kinds with a number for a value
# a date that names no period ("now", "recently", "in the future"), as TimeML writes it, in words
TIME_REFERENCES = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}


class TimeRef(BaseModel):
    """The time a figure refers to, as found near it ("in 2025", "by 2027")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    value: str | None  # ISO date, month or year; None when it could not be resolved
    relation: str | None = None  # the preposition that ties it: "in", "by", "since", ...


class Document(BaseModel):
    """One source file, with what is known of where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    path: str
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # "front matter", "dateline", or None when unknown
    url: str | None = None
    sha256: str
    text: str = Field(repr=False)  # the full decoded file, front matter included
    body_start: int = 0  # offset of the article body (after front matter) in `text`


class Claim(BaseModel):
    """A figure, date, quote, time of day or place found in a document, normalized.

    `start`/`end` are character offsets into the document's full decoded text
    (front matter included), so `text == document.text[start:end]` always.
    `value` is the figure as stated (currency units for money, 15 for 15%,
    an ISO `YYYY-MM-DD`/`YYYY-MM`/`YYYY` string for dates, the quoted words for
    a quote, minutes after midnight for a time of day, the name for a place);
    `low`/`high` are the interval it stands for once the qualifier is
    applied (None is unbounded), and `qualifier` the words that produced it.
    A change written "from X to Y" is one claim: `value` is the new level Y,
    `previous` the old level X, in the same unit.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    document: str
    start: int
    end: int
    text: str
    kind: Kind
    value: Number | str | None = None
    low: Bound = None
    high: Bound = None
    unit: str | None = None
    per: str | None = None  # a rate's period ("$920 a week" -> "week")
    previous: Number | None = None  # a change's old level ("rose from 3% to 4%": 3; value is 4)
    unit_options: list[str] | None = None  # when `unit` is a default reading ("$" as USD): what else its words may mean
    qualifier: str | None = None
    granularity: str | None = None  # dates: day, month, quarter, season, year, decade, century, weekday, span,
    # reference ("now": value PRESENT_REF, PAST_REF or FUTURE_REF, no bounds); times: minute, hour;
    # places: country, region, place
    weekday: str | None = None  # a weekday named in the text ("Saturday")
    resolution: str | None = None  # how a relative or partial date was resolved, or why not
    time: TimeRef | None = None
    subject: str | None = None
    predicate: str | None = None
    speaker: str | None = None
    sentence: str  # the sentence the claim starts in; of one over 1,200 characters, the stretch it starts in
    sentence_start: int  # its offset, like `start`

    @property
    def time_reference(self) -> bool:
        """A date that refers to the present, past or future without naming a period ("now",
        "recently"): shown with the claims, never compared with other dates."""
        return self.kind is Kind.DATE and self.value in TIME_REFERENCES

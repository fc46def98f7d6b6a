"""A newsroom's reference facts, checked against every claim that speaks of them.

An optional YAML file (`--facts FILE`, or `facts = "..."` in settings):

    facts:
      - key: japan-us-investment-pledge
        kind: money
        value: 550000000000        # or low/high for a range
        unit: USD
        subject: Japan
        predicate: pledge
        time: "2025"               # optional: the period the fact holds for
        source: "US-Japan joint statement, 2025-09-04"

Each fact becomes a reference claim, matched and compared exactly as claims
from two sources are. A fact that could match nothing or anything is an
error, not a quiet pass: a figure's value must be a finite number (`.nan`
would confirm every claim), a date's an ISO period, and each key is used once
(a second fact with the same key was silently dropped).
"""

from __future__ import annotations

import math
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ..errors import CheckerError
from ..files import read_limited_text
from ..models import FIGURE_KINDS, Claim, Kind, TimeRef
from ..pipeline.calendar import bounds
from ..yamlfile import Invalid, load_model

LIMIT_MB = 5  # a sheet of 20,000 facts; the whole file is parsed, and an error re-parsed in Python


class FactSheetError(CheckerError):
    """The fact sheet is malformed."""

    exit_code = 14


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    kind: Kind
    value: float | str | None = None
    low: float | str | None = None
    high: float | str | None = None
    unit: str | None = None
    subject: str | None = None
    predicate: str
    time: str | None = None
    source: str

    @field_validator("value", "low", "high")
    @classmethod
    def _fits_kind(cls, value: float | str | None, info: ValidationInfo) -> float | str | None:
        """A figure's bounds are finite numbers, a date's an ISO period: nothing else compares."""
        kind = info.data.get("kind")  # absent when the kind itself was invalid
        if value is None:
            return value
        if isinstance(value, float) and not math.isfinite(value):
            raise PydanticCustomError("fact_value", "a finite number is needed, not {value}", {"value": repr(value)})
        if kind in FIGURE_KINDS and isinstance(value, str):
            raise PydanticCustomError("fact_value", "a {kind} fact needs a number, not {value}",
                                      {"kind": kind.value, "value": repr(value)})
        if kind is Kind.DATE and (not isinstance(value, str) or bounds(value) == (None, None)):
            raise PydanticCustomError("fact_value", "a date fact needs an ISO date such as 2025-10-30, not {value}",
                                      {"value": repr(value)})
        return value


class FactSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: list[Fact]

    def reference_claims(self, path: str) -> list[Claim]:
        """The facts as claims of a document named after the sheet."""
        claims = []
        for fact in self.facts:
            low = fact.low if fact.low is not None else fact.value
            high = fact.high if fact.high is not None else fact.value
            if fact.kind is Kind.DATE and isinstance(fact.value, str):
                low, high = bounds(fact.value)
            time = TimeRef(text=fact.time, value=fact.time) if fact.time else None
            text = f"{fact.key} ({fact.source})"
            claims.append(Claim(
                id=f"fact:{fact.key}", document=f"fact sheet {path}", start=0, end=len(text), text=text,
                kind=fact.kind, value=fact.value, low=low, high=high, unit=fact.unit, subject=fact.subject,
                predicate=fact.predicate, time=time, sentence=text, sentence_start=0,
            ))
        return claims


def _one_fact_per_key(sheet: FactSheet) -> None:
    seen: set[str] = set()
    for number, fact in enumerate(sheet.facts):
        if fact.key in seen:
            raise Invalid(("facts", number, "key"), f"the key {fact.key!r} is already used by an earlier fact")
        seen.add(fact.key)


def load_fact_sheet(path: str | Path) -> tuple[FactSheet, str]:
    """The fact sheet at `path` (a regular file of at most `LIMIT_MB`), validated, and its name."""
    text = read_limited_text(Path(path), LIMIT_MB, FactSheetError, "fact sheet")
    return load_model(text, FactSheet, str(path), FactSheetError, verify=_one_fact_per_key), str(path)

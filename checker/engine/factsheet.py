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
from two sources are; it is a claim of the sheet's file, at the fact's line,
and its words name that line, so a finding about it says where to look. A
fact that could match nothing or anything is an error, not a quiet pass: a
figure's value must be a finite number (`.nan` would confirm every claim), a
date's an ISO period, a fact without value, low or high would be an
unbounded interval, and each key is used once (a second fact with the same
key was silently dropped). The README documents the format with a complete
example, which the tests load.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import CheckerError
from ..files import read_limited_text
from ..models import FIGURE_KINDS, Claim, Document, Kind, TimeRef
from ..pipeline.calendar import bounds
from ..yamlfile import Invalid, item_offsets, load_model

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

    @model_validator(mode="after")
    def _has_a_value(self) -> Fact:
        """A fact without a value would be an unbounded interval: every claim would agree with it."""
        if self.value is None and self.low is None and self.high is None:
            raise PydanticCustomError("fact_value", "a fact needs a value, or low and/or high")
        return self


class FactSheet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: list[Fact]
    _text: str = PrivateAttr(default="")  # the file's text, when loaded from one
    _places: list[tuple[int, int]] = PrivateAttr(default_factory=list)  # each fact's offset and line in it

    def reference_claims(self, path: str) -> list[Claim]:
        """The facts as claims of the sheet's file, each at its place in it (so `document` can
        show a finding's fact by its line)."""
        claims = []
        for number, fact in enumerate(self.facts):
            low = fact.low if fact.low is not None else fact.value
            high = fact.high if fact.high is not None else fact.value
            if fact.kind is Kind.DATE and isinstance(fact.value, str):
                low, high = bounds(fact.value)
            time = TimeRef(text=fact.time, value=fact.time) if fact.time else None
            start, line = self._places[number] if number < len(self._places) else (0, 0)
            where = f"; {path}:{line}" if line else ""
            text = f"{fact.key} ({fact.source}{where})"
            claims.append(Claim(
                id=f"fact:{fact.key}", document=path, start=start, end=start + len(text), text=text,
                kind=fact.kind, value=fact.value, low=low, high=high, unit=fact.unit, subject=fact.subject,
                predicate=fact.predicate, time=time, sentence=text, sentence_start=start,
            ))
        return claims

    def document(self, path: str) -> Document:
        """The sheet as the document its reference claims cite: a check names a fact's file and line."""
        return Document(id=path, path=path, title="fact sheet", sha256=hashlib.sha256(
            self._text.encode("utf-8")).hexdigest(), text=self._text)


def _one_fact_per_key(sheet: FactSheet) -> None:
    seen: set[str] = set()
    for number, fact in enumerate(sheet.facts):
        if fact.key in seen:
            raise Invalid(("facts", number, "key"), f"the key {fact.key!r} is already used by an earlier fact")
        seen.add(fact.key)


def load_fact_sheet(path: str | Path) -> tuple[FactSheet, str]:
    """The fact sheet at `path` (a regular file of at most `LIMIT_MB`), validated, and its name."""
    text = read_limited_text(Path(path), LIMIT_MB, FactSheetError, "fact sheet")
    sheet = load_model(text, FactSheet, str(path), FactSheetError, verify=_one_fact_per_key)
    sheet._text, sheet._places = text, list(_with_lines(text, item_offsets(text, "facts")))
    return sheet, str(path)


def _with_lines(text: str, offsets: list[int]) -> Iterator[tuple[int, int]]:
    """Each offset with its line, counting line breaks once through the text."""
    line, counted = 1, 0
    for offset in offsets:
        line, counted = line + text.count("\n", counted, offset), offset
        yield offset, line

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
from two sources are.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import CheckerError
from ..models import Claim, Kind, TimeRef
from ..pipeline.calendar import bounds
from ..yamlfile import load_model


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


def load_fact_sheet(path: str | Path) -> tuple[FactSheet, str]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactSheetError(f"cannot read fact sheet: {exc}", path=str(path)) from None
    return load_model(text, FactSheet, str(path), FactSheetError), str(path)

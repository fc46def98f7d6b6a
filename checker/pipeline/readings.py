"""What the pipeline components attach to spans, and where.

Every component writes to its own span group (`doc.spans["figures"]`,
`["dates"]`, `["times"]`, `["places"]`, `["quotes"]`, `["entities"]`,
`["numbers"]`) so figures, dates, times, places and quotes may overlap. Each span carries one normalized reading in a custom
attribute; the attributes are registered here, once, idempotently.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Reading:
    """A normalized figure or date: value, interval, unit and how they were read."""

    kind: str
    value: float | str | None
    low: float | str | None = None
    high: float | str | None = None
    unit: str | None = None
    qualifier: str | None = None
    granularity: str | None = None
    weekday: str | None = None
    resolution: str | None = None
    per: str | None = None  # a rate's period: "$920 a week" -> "week"
    previous: float | None = None  # a change's old level: "from 3% to 4%" -> 3 (value 4)


def round_bound(x: float | None) -> float | None:
    """Drop float noise from a computed bound (0.9 * 550e9 -> 495e9 exactly)."""
    return None if x is None else float(f"{x:.12g}")


def interval(value: float, mode: str | None, tolerance: float) -> tuple[float | None, float | None]:
    """The interval a qualifier makes of a value (see rules/lexicon/qualifiers.yaml), low end
    first: for a negative value the tolerance moves the ends the other way ("nearly -5%" is
    -5 to -4.5)."""
    lo, hi = {
        None: (value, value),
        "approximate": (value * (1 - tolerance), value * (1 + tolerance)),
        "near_below": (value * (1 - tolerance), value),
        "above": (value, None),
        "at_least": (value, None),
        "below": (None, value),
        "at_most": (None, value),
    }[mode]
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return round_bound(lo), round_bound(hi)


@dataclass(frozen=True)
class Attribution:
    """Who is credited with a quotation, and by which word."""

    speaker: str | None
    cue: str | None  # the speech verb, noun or phrase that credits the speaker


def register_extensions() -> None:
    """Register the custom attributes the components use (safe to call twice)."""
    for name, default in (("reading", None), ("number", None), ("scale", 1.0), ("canonical", None), ("attribution", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in (("published", None), ("quote_warnings", None), ("spoken_years", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)

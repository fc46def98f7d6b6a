"""Units a figure takes from the figures beside it.

A number the sentence states without a unit takes the unit of a parallel figure
("68,400 people voted and 95,800 stayed home"), the size of a change that of the other
changes beside it ("revenue grew 20% while profit fell 5"), and a part named with "of" takes
the unit of the whole it is part of ("280 million of the 1.5 billion shekels").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span

from .readings import Reading

ChangeTest = Callable[[Doc, int], bool]  # whether a figure starting at a token is a change's size


def parallel_units(figures: list[Span], durations: set[str], changed: ChangeTest) -> None:
    """A number the sentence states without a unit takes the one unit its other counts and
    measures of like size (within ten times) are given in: "68,400 people voted and 95,800 stayed home",
    "a -1.4 degree angle in 2018 and 2.1 last year", "2483805 while Florida had 1385710
    lightning strikes". Not when they name two units, nor from a percentage, money, a
    duration or an age ("from 24.2 to 33 billion euros in seven to 10 years")."""
    readings = [(s, s._.reading) for s in figures]
    bare = [(s, r) for s, r in readings if r.kind == "count" and r.unit is None and isinstance(r.value, float)]
    if not bare:
        return
    bare = parts_of_wholes(bare, {s.start: s for s in figures})
    bare = parallel_changes(bare, readings, changed)
    given: dict[int, list[Reading]] = {}  # sentence start -> the readings with a unit a number may take
    for other, o in readings:
        if o.kind in ("count", "quantity") and o.unit not in (None, "year of age", *durations):
            given.setdefault(other.sent.start, []).append(o)
    for span, r in bare:
        if not given or partitive(span):
            continue
        units = {(o.kind, o.unit) for o in given.get(span.sent.start, ()) if like_size(o, r.value)}
        if len(units) == 1:
            kind, unit = units.pop()
            span._.reading = replace(r, kind=kind, unit=unit)
            span.label_ = kind.upper()


def parallel_changes(bare: list[tuple[Span, Reading]], readings: list[tuple[Span, Reading]],
                     changed: ChangeTest) -> list[tuple[Span, Reading]]:
    """The size of a change written bare takes the one unit the sentence's other changes are
    given in, percentages and money too: "revenue grew 20% while profit fell 5", "the DAX
    rose 2 percent but the Nasdaq lost 1", "the Dow gained 200 points and the S&P added 30".
    Only between changes (each right after its verb) of like size. The bare numbers left."""
    left = []
    for span, r in bare:
        units = set()
        if changed(span.doc, span.start):
            units = {(o.kind, o.unit) for other, o in readings
                     if other.sent.start == span.sent.start and o.unit is not None
                     and changed(other.doc, other.start) and like_size(o, r.value)}
        if len(units) != 1:
            left.append((span, r))
            continue
        kind, unit = units.pop()
        span._.reading = replace(r, kind=kind, unit=unit)
        span.label_ = kind.upper()
    return left


def parts_of_wholes(bare: list[tuple[Span, Reading]], starts: dict[int, Span]) -> list[tuple[Span, Reading]]:
    """A part named with "of" takes the currency or unit of measure of the figure it is part
    of, when that one is no smaller: "280 million of the 1.5 billion shekels" are shekels.
    ("Seven of the nine members" names its own figure of members: it stays bare.) The bare
    numbers left."""
    left = []
    for span, r in bare:
        whole = whole_of(span, starts)
        w = whole._.reading if whole is not None else None
        size = w.value if w is not None and isinstance(w.value, float) else w.high if w is not None else None
        if w is None or w.unit is None or w.kind not in ("money", "quantity") or not isinstance(size, float) or size < r.value:
            left.append((span, r))
            continue
        span._.reading = replace(r, kind=w.kind, unit=w.unit)
        span.label_ = w.kind.upper()
    return left


def whole_of(span: Span, starts: dict[int, Span]) -> Span | None:
    """The figure right after "of" and a determiner: "of the 1.5 billion shekels", "of its 40 ships"."""
    doc, k = span.doc, span.end + 1
    if not partitive(span) or k >= len(doc):
        return None
    if k in starts:
        return starts[k]
    return starts.get(k + 1) if doc[k].is_alpha and doc[k].is_lower else None


def partitive(span: Span) -> bool:
    """"Seven of the nine members": what it counts is named after "of", not borrowed."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ == "of"


def like_size(reading: Reading, value: float) -> bool:
    """Whether a figure is within ten times of a value (both of one sign)."""
    other = reading.value if isinstance(reading.value, float) else reading.high if isinstance(reading.high, float) else None
    return other is not None and other * value > 0 and 0.1 <= value / other <= 10

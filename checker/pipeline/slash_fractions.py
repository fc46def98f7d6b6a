"""Fractions written with a slash before a unit of measure: "1/16 of a US pint", "a 3/4-inch
pipe", "2 1/2 pounds", "1⁄32 of a quart" (the fraction slash too).

A slash between two numbers is many things besides a fraction (a date, "9/11", a score, a
ratio), so one is read only with a unit of measure after it: the fraction is then an amount
of that unit. "Of a" and up to two words that say which unit ("of a US pint", "of a fluid
ounce") may stand between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from .numbers import parse_digits
from .phrases import PhraseTable
from .readings import Reading, interval, round_bound
from .scan import positions, starts_number
from .units import UnitReader

_FRACTION = re.compile(r"^(\d{1,3})[/⁄](\d{1,4})$")
MODIFIERS = 2  # the most words naming which unit between "of a" and the unit ("of a US fluid ounce")


class SlashFractions:
    def __init__(self, units: UnitReader, qualifiers: PhraseTable, tolerance: float):
        self.units, self.qualifiers, self.tolerance = units, qualifiers, tolerance

    def __call__(self, doc: Doc, used: set[int]) -> Iterator[Span]:
        """Each fraction with a unit after it, as a quantity in that unit."""
        for i in positions(starts_number(doc)):
            m = _FRACTION.match(doc[i].text)
            if m is None or i in used or not 0 < int(m[1]) < int(m[2]):
                continue
            unit = self.unit_after(doc, i + 1)
            if unit is None or any(k in used for k in range(i, unit[1])):
                continue
            left, value = self.whole_before(doc, i, used), int(m[1]) / int(m[2])
            if left < i:
                value += parse_digits(doc[left].text) or 0.0
            found = self.qualifiers.ending_at(doc, left)
            mode, qualifier = (found[0], doc[found[1] : left].text.lower()) if found else (None, None)
            left = found[1] if found else left
            stated = round_bound(value)
            span = Span(doc, left, unit[1], label="QUANTITY")
            span._.reading = Reading("quantity", stated, *interval(stated, mode, self.tolerance), unit[0], qualifier)
            used.update(range(left, unit[1]))
            yield span

    def unit_after(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """(unit, end) of the measure after a fraction: straight after it ("1/2 inch", "3/4-inch"),
        or after "of a" and up to two words ("of a US pint")."""
        found = self.units.unit_after(doc, k, False)
        if found is not None:
            return (found[1], found[2]) if found[0] == "quantity" else None
        if k + 1 >= len(doc) or doc[k].lower_ != "of" or doc[k + 1].lower_ not in ("a", "an"):
            return None
        for j in range(k + 2, min(k + 3 + MODIFIERS, len(doc))):
            found = self.units.unit_after(doc, j, False)
            if found is not None:
                return (found[1], found[2]) if found[0] == "quantity" else None
            if not doc[j].is_alpha:
                return None
        return None

    @staticmethod
    def whole_before(doc: Doc, i: int, used: set[int]) -> int:
        """Where a mixed number starts: the whole number before "2 1/2", else the fraction."""
        k = i - 1
        if k >= 0 and k not in used and doc[k].whitespace_ and (whole := parse_digits(doc[k].text)) is not None and whole.is_integer():
            return k
        return i

"""Quantities in units of one physical dimension: 50 km against 31 miles, 46 °C against 115 °F.

A figure's unit is the lexicon's canonical measure name ("kilometre", "mile per hour");
rules/lexicon/units.yaml `conversions` gives each its size in its dimension's first unit,
and a temperature scale its zero too, since °F and °C differ by an offset, not a factor.
Measures the table leaves out keep their own name as their dimension, so they are
compared only with figures in the same unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import load_lexicon


@dataclass(frozen=True)
class Measure:
    """One unit of a physical dimension: a reading v is (v - zero) * size reference units."""

    dimension: str
    size: float
    zero: float = 0.0


@lru_cache(maxsize=1)
def _measures() -> dict[str, Measure]:
    table = {}
    for dimension, sizes in load_lexicon().units.conversions.items():
        for name, size in sizes.items():
            table[name] = Measure(dimension, *size) if isinstance(size, tuple) else Measure(dimension, size)
    return table


def physical_dimension(unit: str | None) -> str | None:
    """The dimension a unit measures ("mile" -> "length"); None when the table lacks it."""
    found = _measures().get(unit or "")
    return found.dimension if found else None


def convert(value: float | None, unit: str, into: str) -> float | None:
    """A reading in `unit` expressed in `into`, both of one dimension (None stays unbounded)."""
    if value is None:
        return None
    source, target = _measures()[unit], _measures()[into]
    return (value - source.zero) * source.size / target.size + target.zero

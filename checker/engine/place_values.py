"""Do two places name one place? Precision first: a difference counts only where it means something.

Two names agree when they are one name (case and accents aside, "St" for "Saint"), or when
the gazetteer (`checker.gazetteer`, GeoNames) has a country or US state of one holding the
town of the other ("in California" / "in Los Angeles"). They are compared only where a
difference means something: both of one size as the article says it ("the town of", "in
Cagayan province") and as the gazetteer knows it (a town is in a country, a street or a
hospital is in a town), both in one relation to the event ("in" and "off" may both be true),
neither a part of the other ("High Street" and "Banstead High Street", "Richmond Hill" and
"South Richmond Hill"), and neither sentence naming the other place beside its own ("in High
Street, Banstead", "hospitals in Covilhã and Coimbra"): an article that relates two places
does not contradict an article that gives one of them. A mention of the other name inside a
longer name ("the Gulf of Riga" beside "signed in Pärnu") or as a route's end ("its voyage
from Danao City" beside "sank off Poro Island") relates nothing and does not count.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from ..gazetteer import area, holds, name_key, plain, towns
from ..lexicon import load_lexicon
from ..models import Claim
from .clauses import canonical
from .matching import time_interval
from .values import Comparison

_WORD = re.compile(r"[\w']+\.?")
_TOKEN = re.compile(r"[\w']+\.?|[^\w\s]")  # punctuation kept: "High Street, Banstead" is two names
_FUNCTION_WORDS = STOP_WORDS - {"mine"}  # spaCy lists the pronoun; news means the pit
_ROUTE = {"from", "to", "towards", "toward", "via"}  # a route's ends: where someone travelled, not where it happened


def compare_places(a: Claim, b: Claim) -> Comparison | None:
    """Whether two places agree (module docstring); None where they are not comparable."""
    if not isinstance(a.value, str) or not isinstance(b.value, str):
        return None
    held = within(a, b) or within(b, a)
    if held:
        return Comparison(True, held)
    if not alike(a, b) or _sizes_differ(gazetteer_size(a.value), gazetteer_size(b.value)):
        return None
    ka, kb = place_key(a.value), place_key(b.value)
    if ka != kb and (nested(ka, kb) or names_beside(a.sentence, kb) or names_beside(b.sentence, ka)):
        return None
    ok = ka == kb
    return Comparison(ok, f"{a.value} and {b.value} {'name the same place' if ok else 'differ'}")


def alike(a: Claim, b: Claim) -> bool:
    """Whether two places are of one size (a town and a town, a country and a country) and in
    one relation to their events ("in" and "at", not "in" and "off"): the places' "same scale",
    without which their names say nothing of each other."""
    relations = load_lexicon().places.relations
    return ((a.granularity or "place") == (b.granularity or "place")
            and relations.get(a.unit or "", a.unit) == relations.get(b.unit or "", b.unit))


def within(outer: Claim, inner: Claim) -> str | None:
    """"Los Angeles is in California: the two agree" when `outer` says where an event happened by a country
    or US state that holds `inner`'s town (the gazetteer): the two agree at two sizes."""
    relations = load_lexicon().places.relations
    if relations.get(outer.unit or "") != "in" or relations.get(inner.unit or "") == "offshore":
        return None
    return f"{inner.value} is in {outer.value}: the two agree" if holds(name_key(outer.value), name_key(inner.value)) else None


SITE_WORD_ZIPF = 4.0  # an English word at least this common ending a name makes it a site ("High Street", "Medical Center")


@lru_cache(maxsize=1 << 12)
def gazetteer_size(name: str) -> str | None:
    """What the gazetteer tells of a name's size: "area" (a country or US state), "town", "site"
    (a name GeoNames does not hold ending in a common English noun: "Banstead High Street",
    "Hennepin County Medical Center", "St Enda's ward", not "Morgan City" or "Poro Island",
    whose last word says it is a town or a feature of the land), or None when it cannot tell (a small town, "Cape Ortegal", "Washington", a
    town and a state). A site and the
    town around it, or a town and a country, are two sizes: their names say nothing of each other."""
    key = name_key(name)
    if area(key) or towns(key):
        return None if area(key) and towns(key) else "area" if area(key) else "town"  # "Washington": either
    words = key.split()
    last = words[-1] if words else ""
    if len(words) > 1 and last not in _not_site_words() and zipf_frequency(last, "en") >= SITE_WORD_ZIPF:
        return "site"
    return None


@lru_cache(maxsize=1)
def _not_site_words() -> frozenset[str]:
    """Last words that make a name a town, an area or a feature of the land, not a site in a
    town: the lexicon's kinds of place ("Morgan City", "Cagayan province") and features ("Poro
    Island", "Manila Bay")."""
    places = load_lexicon().places
    return frozenset(w.casefold() for w in [*places.type_words, *places.kind_of, *places.feature_words])


def _sizes_differ(first: str | None, second: str | None) -> bool:
    """A site only meets a site; a town and an area differ; a size the gazetteer cannot tell
    meets any but a site (a town of 3,000 people is in no table)."""
    if first == second:
        return False
    return "site" in (first, second) or (first is not None and second is not None)


PLAN_WORDS = 6  # words before a place read for a future marker: its own verb's, not a relative clause's


def planned(claim: Claim, published: dt.date | None) -> bool:
    """Whether a place is where something will happen ("Ministers will meet again in Santiago
    next year"), a plan that another outlet's place of this story's event does not
    contradict: a future marker just before it in its clause (rules/lexicon/dates.yaml; not
    "the treaty that will fill the Gulf ... was signed in Pärnu"), or its sentence dates it
    after its article was published."""
    when = time_interval(claim)
    if when and published and when[0] is not None and when[0] > int(published.strftime("%Y%m%d")):
        return True
    clause = re.split(r"[,;:]", claim.sentence[: max(0, claim.start - claim.sentence_start)])[-1]
    words = f" {' '.join(_WORD.findall(plain(clause).casefold())[-PLAN_WORDS:])} "
    return any(f" {marker} " in words for marker in load_lexicon().dates.future_markers)


_SIZES = ("place", "region", "country")  # smallest first


def sized(places: list[Claim]) -> list[Claim]:
    """The places with the largest size any of them gives their name: one outlet's "off the
    island of Cebu" (a region) tells that another's "off Cebu" is no town beside Poro Island."""
    largest: dict[str, int] = {}
    for claim in places:
        key = place_key(str(claim.value))
        largest[key] = max(largest.get(key, 0), _size(claim))
    return [c if largest[place_key(str(c.value))] <= _size(c) else c.model_copy(
        update={"granularity": _SIZES[largest[place_key(str(c.value))]]}) for c in places]


def _size(claim: Claim) -> int:
    return _SIZES.index(claim.granularity) if claim.granularity in _SIZES else 0


SITE_WORDS = 3  # words before a place's preposition that may name the site it locates ("the Tlou mine near")


def site_words(claim: Claim) -> frozenset[str]:
    """The words of the phrase a place locates when it follows one ("the Tlou mine near
    Rustenburg" -> tlou, mine; "the N338 road near Manteigas" -> n338, road): the few words
    right before its preposition, back to punctuation or a word of no content; none when a
    verb stands there ("signed in Riga")."""
    return frozenset(_folded(word) for word in _site_tokens(claim))


def _site_tokens(claim: Claim) -> list[str]:
    """`site_words` as written, nearest first."""
    relations = load_lexicon().places.relations
    before = _TOKEN.findall(claim.sentence[: max(0, claim.start - claim.sentence_start)])
    if before and _folded(before[-1]) == "the":
        before = before[:-1]  # "near the Vechta exit"
    if before and _folded(before[-1]) in relations:
        before = before[:-1]  # the preposition
    found = []
    for word in reversed(before[-SITE_WORDS:]):
        lower = _folded(word)
        if not word[:1].isalnum() or lower in _FUNCTION_WORDS or lower in relations:
            break
        found.append(word)
    return found


def sites_clash(a: Claim, b: Claim) -> bool:
    """Whether two places locate two different sites: each follows a common noun naming one,
    and they share no word ("were flown to hospital in Innsbruck" / "was staying at a hotel in
    Ischgl"): two things of one story, each somewhere. A name there is no site of the place
    but a topic ("the treaty on the Gulf of Riga in Pärnu"), and the event's own words
    ("crashed ashore near") name no site."""
    first, second = _site_keys(a), _site_keys(b)
    return bool(first and second and not first & second)


def _site_keys(claim: Claim) -> frozenset[str]:
    event = {canonical(w) for w in (claim.predicate or "").split()}
    return frozenset(key for w in _site_tokens(claim) if w.islower() and (key := canonical(w)) and key not in event)


def nested(first: str, second: str) -> bool:
    """Whether one name's words are all in the other ("High Street" in "Banstead High Street"):
    one may be a part of the other, or its short form. Sharing a word is not enough ("Cape
    Finisterre" and "Cape Ortegal" are two capes)."""
    one, other = set(first.split()), set(second.split())
    return one <= other or other <= one


def names_beside(sentence: str, key: str) -> bool:
    """Whether a sentence names the place `key` on its own: not inside a longer capitalised
    name ("the Gulf of Riga", "Riga Airport") and not as a route's end ("from Danao City")."""
    words = _TOKEN.findall(plain(sentence))
    wanted = key.split()
    size = len(wanted)
    for i in range(len(words) - size + 1):
        if [_folded(w) for w in words[i : i + size]] == wanted and _alone(words, i, i + size):
            return True
    return False


def _alone(words: list[str], start: int, end: int) -> bool:
    before = words[start - 1] if start else ""
    after = words[end] if end < len(words) else ""
    if _folded(before) in _ROUTE or _name_word(after):
        return False
    if _folded(before) == "of" and start > 1 and _name_word(words[start - 2]):
        return False  # "the Gulf of Riga"
    return not (start and _name_word(before))  # "Riga" in "Old Riga"


def _name_word(word: str) -> bool:
    return bool(word) and word[:1].isupper() and word.lower().rstrip(".") not in STOP_WORDS


def _folded(word: str) -> str:
    lower = word.casefold()
    return "saint" if lower in ("st", "st.") else lower.rstrip(".")


@lru_cache(maxsize=1 << 12)
def place_key(name: str) -> str:
    """"St Ciarán's" and "Saint Ciaran's" are one key."""
    return " ".join(_folded(w) for w in _WORD.findall(plain(name)))

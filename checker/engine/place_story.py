"""What the articles of one story say of its places together: which two places an article
relates, so that another pair of articles giving one each does not contradict.

An article relates two places when it gives both for one event (in one sentence, "hospitals
in Covilhã and Coimbra", "in South Richmond Hill, Queens", or for events whose words meet) or
names one of them in its dateline ("OSNABRÜCK, Germany, Nov 4 (RW) - ... near Bramsche"): a dateline is where the article was
filed from, at or near the event, not a second claim of where it happened. A story names
many places for other events ("the prosecutor in Innsbruck", "a memorial in Bramsche"); an
article naming a place for another event relates nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property

from ..models import Claim
from .align import one_event
from .place_values import names_beside, place_key
from .stories import Stories

_DATELINE_LINES = 15  # a dateline is looked for only this near the top of the body
_DATELINE = re.compile(r"^\W*(?P<name>[^\W\d_][\w .'’-]*?)\s*(?:\([^)]*\)\s*)?(?:,|-\s|[–—])")


def dateline_place(body: str) -> str | None:
    """The place an article's dateline names ("A CORUÑA, Spain, Feb 28 (INA) -" -> a coruna):
    the first line of the body opening with a name in capitals before a comma or a dash."""
    for line in body.strip().splitlines()[:_DATELINE_LINES]:
        found = _DATELINE.match(line)
        if found and found["name"].isupper() and sum(c.isalpha() for c in found["name"]) >= 3:
            return place_key(found["name"])
        if line.strip() and not line.lstrip().startswith("#"):
            return None  # the body's first paragraph opens without one
    return None


class PlaceStory:
    """The places of a corpus's stories, as `related` asks of them."""

    def __init__(self, corpus, stories: Stories, agree: Callable[[Claim, Claim], bool | None]):
        self.corpus, self.stories, self.agree = corpus, stories, agree

    @cached_property
    def datelines(self) -> dict[str, str]:
        """Document id -> the place key of its dateline."""
        found = {}
        for document in self.corpus.documents.values():
            place = dateline_place(document.text[document.body_start :])
            if place:
                found[document.id] = place
        return found

    @cached_property
    def partners(self) -> dict[str, set[str]]:
        """Document -> the documents of its story."""
        found: dict[str, set[str]] = defaultdict(set)
        for first, second in self.stories.pairs():
            found[first].add(second)
            found[second].add(first)
        return found

    @cached_property
    def places(self) -> dict[str, list[Claim]]:
        """Document -> the place claims the engine compares."""
        found: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.corpus.compared["places"]:
            found[claim.document].append(claim)
        return found

    def related(self, a: Claim, b: Claim) -> bool:
        """Whether an article of the story relates a's place and b's (module docstring)."""
        if self.datelines.get(a.document) == place_key(b.value) or self.datelines.get(b.document) == place_key(a.value):
            return True
        for document in {a.document, b.document} | self.partners[a.document]:
            places = self.places.get(document, ())
            if any(self._beside(x, a, b) or self._beside(x, b, a) for x in places):
                return True
            if any(self._one_event_each(x, y, a, b) for x in places for y in places if x.id != y.id):
                return True
        return False

    def _beside(self, x: Claim, mine: Claim, other: Claim) -> bool:
        """Whether x states mine's place in a sentence naming other's beside it ("in South
        Richmond Hill, Queens"): that article puts the two together."""
        return bool(self.agree(x, mine)) and names_beside(x.sentence, place_key(other.value))

    def _one_event_each(self, x: Claim, y: Claim, a: Claim, b: Claim) -> bool:
        """Whether x states a's place and y b's, in one sentence or for one event with them."""
        if not (self.agree(x, a) and self.agree(y, b)):
            return False
        return x.sentence_start == y.sentence_start or (one_event(x, a) and one_event(y, b) and one_event(x, y))

"""Which articles tell one story: the only ones whose claims are compared.

Two articles are one story when their texts share several rare words
(names, places, the uncommon words of an event: "Haldener", "derailment",
"Dalwhinnie"), do not name disjoint sets of people and companies, and, when
both are dated, were published within the window. A word that more than
`MAX_HOLDERS` articles use within one window says nothing of a story and
pairs none of them there, which also keeps the work near-linear.

This is a relation between two articles, never a chain: A and B sharing
words and B and C sharing others does not put A and C in one story.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from itertools import chain, combinations

import numpy

from ..models import Claim, Document
from .window import Window
from .words import STEM, weighted, word_list

RARE = 0.55  # rarity from which a word can name a story (Zipf about 4.2 and under)
MIN_SHARED = 3  # rare words two articles must share to be one story
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
OPENING = 20000  # characters of an article (after its title) read for the words that name its story
MAX_HOLDERS = 40  # a word in more documents than this within a window is the news's, not a story's


def story_words(claims: Iterable[Claim], documents: dict[str, Document]) -> dict[str, tuple[set[str], set[str]]]:
    """The rare words and the rare names of each document's title and text (every document
    with a claim; one not at hand, a fact sheet's, by its claims' sentences)."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for claim in claims:
        if claim.document in found:
            continue
        document = documents.get(claim.document)
        text = (f"{document.title or ''}\n{document.text[document.body_start : document.body_start + OPENING]}"
                if document else " ".join(c.sentence for c in claims if c.document == claim.document))
        found[claim.document] = _rare(text)
    return found


def _rare(text: str) -> tuple[set[str], set[str]]:
    """(rare words, rare names): a name is a rare word never written in lower case there.
    HTML comments (checker's own suppression comments among them) are not the article's."""
    written = set(word_list(_COMMENT.sub(" ", text)))
    words = {w for w, rarity in weighted(written).items() if rarity >= RARE}
    lower = {w[:STEM] for w in written if w.islower()}
    return words, words - lower


def needed(first: Collection[str], second: Collection[str]) -> int:
    """Rare words two documents must share: MIN_SHARED, or half of the shorter one's when it
    has fewer (a one-paragraph draft names its story in two or three words)."""
    return min(MIN_SHARED, max(1, min(len(first), len(second)) // 2))


def one_story(first: tuple[Collection[str], Collection[str]], second: tuple[Collection[str], Collection[str]],
              shared: int) -> bool:
    """Enough rare words in common, and no two disjoint sets of names (Acme's results and
    Bolt's, in like words, are two stories)."""
    (words_a, names_a), (words_b, names_b) = first, second
    if names_a and names_b and frozenset(names_a).isdisjoint(names_b):
        return False
    return shared >= needed(words_a, words_b) or not words_a or not words_b


def _near_pairs(docs: list[int], day: Sequence[int | None], window_days: int) -> list[tuple[int, int]]:
    """Pairs of the documents holding one word (by number, in id order) that the word can tie
    into a story: those published within the window of each other, where no more than
    MAX_HOLDERS hold it within that window (a name the whole month's news uses names no
    story). Undated documents pair with every holder while the word is rare across the whole
    archive."""
    if len(docs) <= MAX_HOLDERS:
        return list(combinations(docs, 2))
    dated = sorted((day[d], d) for d in docs if day[d] is not None)
    days = [d for d, _ in dated]
    found = []
    for i, (when, doc) in enumerate(dated):
        last = bisect_right(days, when + window_days)
        if last - bisect_left(days, when - window_days) <= MAX_HOLDERS:
            found += [(doc, other) if doc < other else (other, doc) for _, other in dated[i + 1 : last]]
    return found


def story_strength(words: dict[str, tuple[Collection[str], Collection[str]]], day: dict[str, int | None],
                   window_days: int) -> dict[tuple[str, str], int]:
    """(document, document) in sorted order -> the rare words they share, for each pair of
    documents that is one story within the window (`words`: `story_words`; `day`: `Window.day`).

    An archive's documents share a rare word with many more documents than they tell a story
    with: each pair a word ties is counted as one 8-byte number (the two documents' places in
    id order) and the numbers counted by sorting them, so the count of every such pair, a
    million pairs over a large archive, takes megabytes, not a dictionary of them."""
    ids = sorted(words)
    count = max(len(ids), 1)  # a pair (a, b) is the number a * count + b
    days = [day.get(doc) for doc in ids]
    holders: dict[str, list[int]] = defaultdict(list)
    for number, doc in enumerate(ids):
        for word in words[doc][0]:
            holders[word].append(number)
    tied = array("q")
    for docs in holders.values():
        tied.extend(a * count + b for a, b in _near_pairs(docs, days, window_days))
    del holders
    pairs, counts = numpy.unique(numpy.frombuffer(tied, dtype=numpy.int64), return_counts=True)
    del tied
    tied_pairs = ((ids[a], ids[b], int(n)) for a, b, n in zip(*divmod(pairs, count), counts, strict=True))
    wordless = [d for d in ids if not words[d][0]]  # no rare word to name a story: compared with every article
    untied = ((*sorted((doc, other)), 0) for doc in wordless for other in ids if other != doc)
    return {(a, b): n for a, b, n in chain(tied_pairs, untied)
            if one_story(words[a], words[b], n) and _near(day, (a, b), window_days)}


def _near(day: dict[str, int | None], pair: tuple[str, str], days: int) -> bool:
    a, b = (day.get(d) for d in pair)
    return a is None or b is None or abs(a - b) <= days


class Stories:
    """Pairs of documents of one story, with how many rare words they share."""

    def __init__(self, claims: list[Claim], documents: dict[str, Document], window: Window, window_days: int):
        self.strength = story_strength(story_words(claims, documents), window.day, window_days)

    @classmethod
    def known(cls, strength: dict[tuple[str, str], int]) -> Stories:
        """Stories whose pairs were found elsewhere (over a whole archive, when the claims at
        hand are one story of it): a word's holders are counted over the whole archive."""
        stories = cls.__new__(cls)
        stories.strength = strength
        return stories

    def pairs(self) -> list[tuple[str, str]]:
        """Document pairs (in sorted order) that are one story."""
        return sorted(self.strength)

    def shared(self, a: str, b: str) -> int:
        """Rare words the two documents share (0 when they are not one story)."""
        return self.strength.get((a, b) if a < b else (b, a), 0)

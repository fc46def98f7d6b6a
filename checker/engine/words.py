"""The words around a claim, weighted by how rare they are in English.

Two sentences about one fact share its rare words ("derailment", "Haldener",
"carmaker"); two sentences about different facts in one story share the
story's words but differ in the rare ones near the figure. Rarity comes from
wordfreq's Zipf frequencies (a maintained table built from large corpora),
so no hand-made stem or stop list decides which words count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from ..models import Claim

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
LOCAL_WORDS = 5  # words each side of a claim that say what it is about
NEAREST_WORDS = 3  # content words each side that name what a figure measures ("a deficit of", "in emergency aid")
STEM = 6  # words are keyed by their first letters, so "investment" meets "investments"

Weighted = dict[str, float]  # stem -> rarity (0 common .. 1 rare)


@lru_cache(maxsize=1 << 16)
def rarity(word: str) -> float:
    """0.05 for the commonest words (Zipf 7, "the") up to 1 for rare ones (Zipf 2 and under)."""
    return min(1.0, max(0.05, (7.0 - zipf_frequency(word, "en")) / 5.0))


def weighted(words: Iterable[str]) -> Weighted:
    """Content words, by stem, with their rarity."""
    found: Weighted = {}
    for word in words:
        lower = word.lower()
        if lower in STOP_WORDS:
            continue
        key = lower[:STEM]
        found[key] = max(found.get(key, 0.0), rarity(lower))
    return found


def word_list(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 16)
def _context(sentence: str, offset: int, length: int) -> tuple[Weighted, Weighted, Weighted]:
    before, after = word_list(sentence[:offset]), word_list(sentence[offset + length :])
    content_before = [w for w in before if w.lower() not in STOP_WORDS]
    content_after = [w for w in after if w.lower() not in STOP_WORDS]
    return (weighted(before + after), weighted(before[-LOCAL_WORDS:] + after[:LOCAL_WORDS]),
            weighted(content_before[-NEAREST_WORDS:] + content_after[:NEAREST_WORDS]))


def context(claim: Claim) -> tuple[Weighted, Weighted, Weighted]:
    """(the claim's sentence, the few words either side of it, the nearest content words), the
    claim itself left out."""
    return _context(claim.sentence, claim.start - claim.sentence_start, len(claim.text))


def overlap(a: Weighted, b: Weighted) -> tuple[float, list[str]]:
    """Weighted Jaccard of two word sets, and the shared words rarest first."""
    if not a or not b:
        return 0.0, []
    shared = a.keys() & b.keys()
    common = sum(min(a[k], b[k]) for k in shared)
    return common / (sum(a.values()) + sum(b.values()) - common), sorted(shared, key=lambda k: (-a[k], k))


def spelled(stem: str, sentence: str) -> str:
    """A stem as the sentence writes it ("invest" -> "investments"), for a message to show."""
    return next((w for w in word_list(sentence) if w.lower().startswith(stem)), stem)

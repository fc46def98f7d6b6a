"""Who did what happened at a place: the name standing as the subject of a place's event word.

Two outlets' places are one fact's only when one thing happened there. The same event word
is not enough: "DiLeo will coach the Sixers in Saturday's game at Washington" and "Cheeks
also coached at Portland" tell of two coaches, "Apple's headquarters in Cupertino" and "ATI
... its headquarters in Markham" of two companies. The actor is read without a parser: from
the place's event word (`Claim.predicate`) back over the words that carry no one (function
words, "-ly" adverbs, light and aspect verbs: "is expected to continue to operate"), to the
capitalised name right before them ("ATI", "Apple's" without its "'s"). A common noun there
("the treaty was signed") names no actor, and then nothing is told of one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from ..gazetteer import plain
from ..lexicon import load_lexicon
from ..models import Claim
from ..pipeline.lemmas import lookup_lemma
from .clauses import canonical

_TOKEN = re.compile(r"[^\W\d_][\w'-]*|\d[\w'-]*|[^\w\s]")
COMMON_OPENING = 4.8  # Zipf frequency from which a sentence's capitalised first word is a common noun ("Police", "Workers")


@lru_cache(maxsize=1)
def _carry_no_one() -> frozenset[str]:
    """Lemmas of the words between an actor and its event word: light and aspect verbs."""
    events = load_lexicon().events
    return frozenset(events.light_verbs) | frozenset(events.aspect_verbs)


def _passable(word: str) -> bool:
    lower = word.lower()
    return lower in STOP_WORDS or lower.endswith("ly") or lookup_lemma(lower) in _carry_no_one()


def _event_index(tokens: list[str], place_at: int, predicate: str) -> int | None:
    """The token of the event word (its first: "crash" of "crash ashore") nearest before the
    place, else nearest after it."""
    key = canonical(predicate.split()[0])
    hits = [k for k, word in enumerate(tokens) if word[:1].isalpha() and key and canonical(word) == key]
    before = [k for k in hits if k < place_at]
    return before[-1] if before else (hits[0] if hits else None)


def actor(claim: Claim) -> frozenset[str]:
    """The words of the name doing the place's event (module docstring); empty when none is read."""
    if not claim.predicate:
        return frozenset()
    return _actor(claim.sentence, claim.start - claim.sentence_start, len(claim.text), claim.predicate)


@lru_cache(maxsize=1 << 14)
def _actor(sentence: str, offset: int, length: int, predicate: str) -> frozenset[str]:
    tokens = _TOKEN.findall(plain(sentence[:offset])) + ["<place>"] + _TOKEN.findall(plain(sentence[offset + length:]))
    event = _event_index(tokens, tokens.index("<place>"), predicate)
    if event is None:
        return frozenset()
    k = event - 1
    while k >= 0 and tokens[k][:1].islower() and _passable(tokens[k]):
        k -= 1
    name = []
    while k >= 0 and tokens[k][:1].isupper() and tokens[k] != "<place>":
        word = re.sub(r"'s$", "", tokens[k]).casefold()
        if word not in STOP_WORDS and not (k == 0 and zipf_frequency(word, "en") >= COMMON_OPENING):
            name.append(word)
        k -= 1
    return frozenset(name)


def actors_clash(a: Claim, b: Claim) -> bool:
    """Whether two places' events are done by two different named actors: both read, no word
    in common, and neither sentence naming the other's actor ("Cheeks" / "DiLeo")."""
    first, second = actor(a), actor(b)
    if not first or not second or first & second:
        return False
    said_a, said_b = set(_TOKEN.findall(plain(a.sentence).casefold())), set(_TOKEN.findall(plain(b.sentence).casefold()))
    return not (first & said_b or second & said_a)

"""What a figure measures, in words two outlets share however they phrase it.

"€150 million in emergency aid" and "€115m in emergency aid", "a 15 per cent pay
increase" and "a pay rise of 12 per cent", "40 per cent of the vehicles involved"
and "a quarter of the vehicles involved": the words of the figure's own clause
nearest to it, and the noun a count counts, name the property measured. Read
as lemmas ("spilling" is "spill", "cutting" is "cut") and through the synonym
lexicon ("rise" and "increase" where it groups them), so another verb form or
word order still meets; weighted by rarity (`words.rarity`), so "per" and "year"
say less than "aid". The sentence's other words (the story's) are left to the
scorer's context features.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..lexicon import load_lexicon
from ..models import FIGURE_KINDS, Claim, Kind
from ..pipeline.lemmas import lookup_lemma
from .words import STEM, Weighted, overlap, rarity

MEASURED_WORDS = 4  # content words each side of a figure, within its clause, that say what it measures
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[,;:()\[\]—–]|\s-\s")


def measured(a: Claim, b: Claim) -> float:
    """How much the two figures' measured words meet (weighted Jaccard, 0-1); 0 for claims
    other than figures."""
    if a.kind not in FIGURE_KINDS or b.kind not in FIGURE_KINDS:
        return 0.0
    return overlap(measured_words(a), measured_words(b))[0]


def measured_words(claim: Claim) -> Weighted:
    """The claim's measured words by key (`word_key`), with their rarity: the content words
    nearest it on each side within its clause, and a count's counted noun."""
    offset = claim.start - claim.sentence_start
    found = dict(_clause_words(claim.sentence, offset, len(claim.text)))
    if claim.kind is Kind.COUNT and claim.unit:
        for word in claim.unit.split():
            found[word_key(word)] = max(found.get(word_key(word), 0.0), rarity(word))
    return found


@lru_cache(maxsize=1 << 16)
def _clause_words(sentence: str, offset: int, length: int) -> tuple[tuple[str, float], ...]:
    before = _content(reversed(_TOKEN.findall(sentence[:offset])))
    after = _content(_TOKEN.findall(sentence[offset + length:]))
    found: dict[str, float] = {}
    for word in before + after:
        key = word_key(word)
        found[key] = max(found.get(key, 0.0), rarity(word.lower()))
    return tuple(found.items())


def _content(tokens) -> list[str]:
    """Content words in order from the figure, up to MEASURED_WORDS, stopping at the clause's
    edge (a comma, a colon, a bracket, a dash)."""
    kept: list[str] = []
    for token in tokens:
        if not token[:1].isalpha():
            break
        if token.lower() not in STOP_WORDS:
            kept.append(token)
            if len(kept) == MEASURED_WORDS:
                break
    return kept


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A word's lemma's synonym group, else the lemma's first letters."""
    lemma = lookup_lemma(word.lower())
    group = load_lexicon().synonym_group.get(lemma)
    return f"g#{group}" if group is not None else lemma[:STEM]

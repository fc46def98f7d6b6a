"""The event a date, a time of day or a place dates: its event word, and the words of its clause.

Extraction gives each such claim one event word (`Claim.predicate`: "the two leaders first
spoke by phone on October 27" -> speak; "in her inaugural phone call ... on October 25" ->
phone call). Two outlets naming one event often pick different words for it, a verb in one
and a noun in the other, and the word one picks stands in the other's clause all the same
("by phone"). So two claims date one event when the event word of either is among the
content words of the other's clause, read as lemmas ("spoke" -> speak) and through the
lexicon's derivational families ("telephoned" -> telephone ~ phone, "resigned" ~
resignation). The clause is the stretch of the sentence around the claim between
punctuation and clause words ("and", "when", "which"); a claim that opens its clause ("On 5
May, the launch ...") takes the stretch after it too. A word that modifies the next one ("the
staff entrance") is not read: the head of a phrase is what it names ("by phone").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..lexicon import load_lexicon
from ..models import Claim
from ..pipeline.lemmas import lookup_lemma

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[,;:()–—\[\]]| - ")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """(word -> its family's first word, clause words, words that name no event of their own,
    stop words that still name one: "call", "show")."""
    lexicon = load_lexicon()
    events = lexicon.events
    family = {word: words[0] for words in events.families for word in words}
    empty = frozenset(events.light_verbs) | frozenset(events.aspect_verbs) | frozenset(lexicon.speech.verbs)
    return family, frozenset(events.clause_words), empty, frozenset(lexicon.predicates.content_stop_words)


@lru_cache(maxsize=1 << 16)
def canonical(word: str) -> str | None:
    """A content word as its family's key ("telephoned" -> phone, "spoke" -> speak), None for
    a stop word."""
    family, _, _, keep = _lexicon()
    lower = word.lower().replace("’", "'")
    if lower in STOP_WORDS and lower not in keep:
        return None
    lemma = lookup_lemma(lower)
    return family.get(lower) or family.get(lemma) or lemma


@lru_cache(maxsize=1 << 14)
def event_keys(predicate: str | None) -> frozenset[str]:
    """The keys of an event word's content words ("phone call" -> phone, call); a light,
    aspect or speech verb names no event ("was made", "began", "said")."""
    if not predicate:
        return frozenset()
    _, _, empty, _ = _lexicon()
    return frozenset(k for w in predicate.split() if lookup_lemma(w.lower()) not in empty and (k := canonical(w)))


@lru_cache(maxsize=1 << 14)
def _clause(sentence: str, offset: int, length: int) -> frozenset[str]:
    tokens = [(m.start(), m[0]) for m in _TOKEN.finditer(sentence)]
    _, clause_words, _, _ = _lexicon()

    def boundary(k: int) -> bool:
        text = tokens[k][1]
        return not text[0].isalpha() or text.lower() in clause_words

    first = next((k for k, (s, _) in enumerate(tokens) if s >= offset), len(tokens))
    last = next((k for k, (s, _) in enumerate(tokens) if s >= offset + length), len(tokens))
    start = max((k + 1 for k in range(first) if boundary(k)), default=0)
    stop = next((k for k in range(last, len(tokens)) if boundary(k)), len(tokens))
    keys = _heads(tokens, range(start, first)) | _heads(tokens, range(last, stop))
    if not _heads(tokens, range(start, first)) and stop < len(tokens):  # the claim opens its clause
        keys |= _heads(tokens, range(stop + 1, next((k for k in range(stop + 1, len(tokens)) if boundary(k)), len(tokens))))
    return keys


def _heads(tokens: list[tuple[int, str]], span: range) -> frozenset[str]:
    """The keys of the words in `span` that are no modifier of the word after them."""
    return frozenset(key for k in span if tokens[k][1][0].isalpha() and not (k + 1 < len(tokens) and _modifies(tokens[k + 1][1]))
                     and (key := canonical(tokens[k][1])))


def _modifies(following: str) -> bool:
    """Whether a word stands before a content word of its phrase, as a noun's modifier does
    ("the staff entrance"): it names what the phrase is about, not the event."""
    return following[0].isalpha() and following.islower() and canonical(following) is not None


def clause_keys(claim: Claim) -> frozenset[str]:
    """The keys of the content words of the claim's clause, the claim's own words left out."""
    return _clause(claim.sentence, claim.start - claim.sentence_start, len(claim.text))


def events_meet(a: Claim, b: Claim) -> bool:
    """Whether either claim's event word stands in the other's clause (module docstring)."""
    return bool(event_keys(a.predicate) & clause_keys(b)) or bool(event_keys(b.predicate) & clause_keys(a))

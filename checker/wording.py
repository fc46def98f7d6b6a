"""Counts in words: "1 error", "2 errors", never "1 errors"."""

from __future__ import annotations


def noun(n: int, word: str, plural: str | None = None) -> str:
    """The noun as a count of `n` takes it: singular for one, else `plural` (or the word and an s)."""
    return word if n == 1 else plural or word + "s"


def counted(n: int, word: str, plural: str | None = None) -> str:
    """`n` and the noun: "1 source", "0 sources", "2 inconsistencies" (with `plural` given)."""
    return f"{n} {noun(n, word, plural)}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb as a count of `n` takes it: "1 source agrees", "2 sources agree"."""
    return noun(n, singular, plural)

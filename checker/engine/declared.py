"""What an editor has taught the engine: these claims are one fact, those are two.

The scorer errs; a desk that has read the sentences knows better. In settings:

    same_fact = [["wire.md: Tuesday", "blog.md: March 11"]]
    different_facts = [["wire.md: 3,000 jobs", "wire.md: 3,400 jobs"]]

Each entry names two or more claims as `DOCUMENT: WORDS`: the document by its
path or the end of it (`wire.md` matches `corpus/wire.md`), the words exactly
as the claim's text. Every pair of claims an entry names is then taken as one
fact (same_fact) or as two (different_facts), whatever the scorer says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from ..models import Claim


def parse_selector(text: str) -> tuple[str, str]:
    """'wire.md: 3,000 jobs' -> ('wire.md', '3,000 jobs'); ValueError when it is not that shape."""
    document, sep, words = text.partition(": ")
    if not sep or not document.strip() or not words.strip():
        raise ValueError(f"{text!r} is not 'DOCUMENT: WORDS'")
    return document.strip(), words.strip()


def _matches(selector: tuple[str, str], claim: Claim) -> bool:
    document, words = selector
    return claim.text == words and (claim.document == document or claim.document.endswith("/" + document))


@dataclass(frozen=True)
class Declared:
    """The pairs of claim selectors declared one fact, and those declared two."""

    same: list[list[tuple[str, str]]] = field(default_factory=list)
    different: list[list[tuple[str, str]]] = field(default_factory=list)

    @classmethod
    def from_settings(cls, same: list[list[str]], different: list[list[str]]) -> Declared:
        return cls([[parse_selector(s) for s in entry] for entry in same],
                   [[parse_selector(s) for s in entry] for entry in different])

    def named_same(self, claim: Claim) -> bool:
        """Whether a same_fact entry names the claim."""
        return any(_matches(selector, claim) for entry in self.same for selector in entry)

    def verdict(self, a: Claim, b: Claim) -> bool | None:
        """True: declared one fact; False: declared two; None: not declared."""
        for entries, answer in ((self.different, False), (self.same, True)):
            for entry in entries:
                if any((_matches(x, a) and _matches(y, b)) or (_matches(x, b) and _matches(y, a))
                       for x, y in combinations(entry, 2)):
                    return answer
        return None

"""What an editor has taught the engine: these claims are one fact, those are two.

The scorer errs; a desk that has read the sentences knows better. In settings:

    same_fact = [["wire.md: Tuesday", "blog.md: March 11"]]
    different_facts = [["wire.md: 3,000 jobs", "wire.md: 3,400 jobs"]]

Each entry names two or more claims as `DOCUMENT: WORDS`: the document by its
path or the end of it (`wire.md` matches `corpus/wire.md`), the words exactly
as the claim's text. Every pair of claims an entry names is then taken as one
fact (same_fact) or as two (different_facts), whatever the scorer says.

Or inline, in the article itself, where a writer knows it best:

    <!-- checker: same-fact Tuesday | blog.md: March 11 -->
    <!-- checker: different-facts 3,000 jobs | paper.md: 3,400 jobs -->

the claims separated by `|`, a claim without `DOCUMENT:` being the article's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from ..errors import InputError
from ..models import Claim, Document

_INLINE = re.compile(r"<!--\s*checker:\s*(same-fact|different-facts)\b(.*?)-->", re.IGNORECASE | re.DOTALL)


def declares(text: str) -> bool:
    """Whether a document's text holds an inline declaration (well formed or not)."""
    return _INLINE.search(text) is not None


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

    @classmethod
    def inline(cls, documents: Iterable[Document]) -> Declared:
        """The declarations written in the documents themselves; a malformed one is an error
        naming its file and line."""
        same, different = [], []
        for document in documents:
            for match in _INLINE.finditer(document.text):
                entry = [_inline_selector(part, document, match) for part in match[2].split("|")]
                if len(entry) < 2:
                    raise InputError(f"'{match[1]}' names {len(entry)} claim; it needs two or more, separated by '|'",
                                     path=document.path, line=_line(document, match))
                (same if match[1].lower() == "same-fact" else different).append(entry)
        return cls(same, different)

    def merged(self, other: Declared) -> Declared:
        return Declared(self.same + other.same, self.different + other.different)

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


def _inline_selector(part: str, document: Document, match: re.Match) -> tuple[str, str]:
    """'3,000 jobs' (the document's own claim) or 'paper.md: 3,400 jobs'."""
    words = part.strip()
    if not words:
        raise InputError(f"'{match[1]}' has an empty claim between '|'", path=document.path, line=_line(document, match))
    return parse_selector(words) if ": " in words else (document.id, words)


def _line(document: Document, match: re.Match) -> int:
    return document.text.count("\n", 0, match.start()) + 1

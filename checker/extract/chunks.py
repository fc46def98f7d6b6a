"""Cutting a text too long for one spaCy Doc into pieces the pipeline takes.

spaCy refuses a text longer than `nlp.max_length` (a million characters by
default). Such a text is cut where no claim can straddle the cut: after a
blank line (a paragraph break) when the piece has one, else after a
sentence's end, else at a space, and only as a last resort mid-word. Each
piece comes with its offset, so claims found in it are moved back to offsets
into the whole text. What a piece cannot see is context from other pieces (a
speaker named only in an earlier paragraph), which a text this long rarely
needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# the last of these in a window is where it is cut, best first
_BREAKS = (
    re.compile(r"\n[ \t\r]*\n\s*"),  # a blank line: a paragraph break
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # the end of a sentence
    re.compile(r"\s+"),  # any space
)


def _cut(window: str) -> int:
    """Where to end a piece that must fit in `window`: just after its best last break."""
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window) if m.end() > 0]
        if ends:
            return ends[-1]
    return len(window)


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """`text` as (offset, piece) pairs, each piece at most `limit` characters, together the whole text."""
    start = 0
    while len(text) - start > limit:
        end = start + _cut(text[start : start + limit])
        yield start, text[start:end]
        start = end
    yield start, text[start:]

"""The text the pipeline reads: what a reader sees, in one spelling.

A figure must read the same however its characters are encoded. "$1\u200b5
million" (a zero-width space) and "$15\u00ad million" (a soft hyphen) show
as $15 million; a bidi mark after "$12 million" made it "$12"; a draft in NFD
("São" as "Sa\u0303o") named other subjects than its NFC twin; "$12\u00a0million"
with a no-break space read as $12. So the pipeline reads the text in NFC,
without format characters (Unicode category Cf: zero-width spaces and
joiners, soft hyphens, bidi marks, the BOM), and with other spaces as plain
ones. Claims keep offsets into the original text (`text ==
source[start:end]`), through the map `Normalized` keeps.

Only the stretches that can change are visited: runs of combining marks
(and of the vowel signs and jamo that compose with what comes before) with
the character they follow, format characters, characters NFC replaces, and
spaces other than U+0020 — all outside ASCII, so ASCII text is passed over at
once. Each stretch is normalized on its own and its normalized characters map
to its whole original stretch; everything between maps one to one.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby

# code points that may hold a format character, a mark or a character NFC replaces
_SCANNED = (*range(0x30000), *range(0xE0000, 0xE1000))
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")  # Zs but U+0020
_JAMO = (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))  # Hangul vowels and finals: compose with what precedes
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _class(codes: list[int]) -> str:
    """A regex character class of `codes`, written as ranges."""
    parts, start = [], None
    for i, code in enumerate(codes):
        if start is None:
            start = code
        if i + 1 == len(codes) or codes[i + 1] != code + 1:
            parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(code)) if code != start else ""))
            start = None
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """(a pattern of format characters, the characters normalization may change, the marks
    among them), built once from the Unicode tables."""
    chars = [chr(c) for c in _SCANNED]
    decompositions = [d.split() for c in chars if (d := unicodedata.decomposition(c)) and not d.startswith("<")]
    seconds = {chr(int(d[1], 16)) for d in decompositions if len(d) == 2}  # what composes with a character before it
    marks = {c for c in chars if unicodedata.combining(c)} | seconds | {chr(c) for c in _JAMO}
    fmt = [c for c in chars if unicodedata.category(c) == "Cf"]
    replaced = {c for c in chars if not unicodedata.is_normalized("NFC", c)}
    spaces = {c for c in chars if _SPACES.match(c)}
    return re.compile(_class([ord(c) for c in fmt])), frozenset(marks | set(fmt) | replaced | spaces), frozenset(marks)


@lru_cache(maxsize=4096)  # a text's changing stretches are mostly a few short ones, again and again
def visible(text: str) -> str:
    """`text` as the pipeline reads it: NFC, no format characters, plain spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", _tables()[0].sub("", text)))


def invisible(text: str) -> list[str]:
    """The format characters in `text`, in order."""
    return _tables()[0].findall(text)


def _changes(body: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, what it reads as) of each stretch of `body` the pipeline reads otherwise."""
    _, special, marks = _tables()
    for run in _NON_ASCII.finditer(body):
        if special.isdisjoint(run.group()):
            continue
        for changing, group in groupby(range(run.start(), run.end()), key=lambda i: body[i] in special):
            if changing:
                start = next(group)
                end = start + 1 + sum(1 for _ in group)
                start -= start > 0 and body[start] in marks  # with the character the marks belong to
                new = visible(body[start:end])
                if new != body[start:end]:
                    yield start, end, new


class Normalized:
    """`original[start:]` as the pipeline reads it (`text`), and the way back to offsets into `original`."""

    def __init__(self, original: str, start: int = 0):
        self.original, self.base = original, start
        body = original[start:]
        # where each changed or unchanged stretch starts in `text`, in `original`, and for a changed one where it ends there
        self._at, self._from, self._to = array("q"), array("q"), array("q")
        pieces, last, self._length = [], 0, 0
        changes = [] if body.isascii() else _changes(body)
        for begin, end, new in changes:
            self._add(pieces, body[last:begin], last, None)
            self._add(pieces, new, begin, end)
            last = end
        if not self._at and not last:  # nothing changed: offsets map one to one
            self.text = body
            return
        self._add(pieces, body[last:], last, None)
        self.text = "".join(pieces)

    def _add(self, pieces: list[str], piece: str, origin: int, end: int | None) -> None:
        """Append `piece` of the normalized text, read from `original` at `origin` (to `end` if it changed)."""
        if piece:
            self._at.append(self._length)
            self._from.append(self.base + origin)
            self._to.append(-1 if end is None else self.base + end)
            pieces.append(piece)
            self._length += len(piece)

    def start(self, i: int) -> int:
        """Where in `original` the text from `text[i]` on starts."""
        if not self._at:
            return self.base + i
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self._at, i) - 1
        return self._from[k] + (i - self._at[k]) if self._to[k] < 0 else self._from[k]

    def end(self, j: int) -> int:
        """Where in `original` the text up to `text[j - 1]` ends (invisible characters after it left out)."""
        if not self._at or j <= 0:
            return self.start(j)
        k = bisect_right(self._at, j - 1) - 1
        return self._from[k] + (j - self._at[k]) if self._to[k] < 0 else self._to[k]

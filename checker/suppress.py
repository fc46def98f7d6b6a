"""Inline suppression comments in drafts.

    <!-- checker: ignore figure-consistency -->   the next paragraph (or line) is not checked
                                                   for that rule (several ids, or none: every rule)
    <!-- checker: off -->  ...  <!-- checker: on -->   nothing between them is checked

A suppression covers character ranges of the draft; a finding is dropped when
a draft claim it cites lies in a range that covers its rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(r"<!--\s*checker:\s*(ignore|off|on)\b([^>]*?)-->", re.IGNORECASE)


@dataclass(frozen=True)
class Suppression:
    start: int
    end: int
    rules: frozenset[str] | None  # None: every rule

    def covers(self, offset: int, rule: str) -> bool:
        return self.start <= offset < self.end and (self.rules is None or rule in self.rules)


def _next_paragraph(text: str, after: int) -> tuple[int, int]:
    """The paragraph (or line, in a list) that follows a comment ending at `after`."""
    start = after
    while start < len(text) and text[start] in " \t\r\n":
        start += 1
    blank = re.compile(r"\n[ \t]*\n").search(text, start)
    return start, blank.start() if blank else len(text)


def suppressions(text: str) -> list[Suppression]:
    found, off_at = [], None
    for match in _COMMENT.finditer(text):
        verb, rest = match.group(1).lower(), match.group(2).split()
        if verb == "ignore":
            start, end = _next_paragraph(text, match.end())
            found.append(Suppression(start, end, frozenset(rest) or None))
        elif verb == "off" and off_at is None:
            off_at = match.end()
        elif verb == "on" and off_at is not None:
            found.append(Suppression(off_at, match.start(), None))
            off_at = None
    if off_at is not None:
        found.append(Suppression(off_at, len(text), None))
    return found

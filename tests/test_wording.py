"""Counts in words: the one helper every summary uses."""

from __future__ import annotations

import pytest

from checker.wording import counted, noun, verb


@pytest.mark.parametrize("n, word, plural, shown", [
    (0, "document", None, "0 documents"),
    (1, "document", None, "1 document"),
    (2, "document", None, "2 documents"),
    (1, "story", "stories", "1 story"),
    (2, "story", "stories", "2 stories"),
])
def test_counted(n, word, plural, shown):
    assert counted(n, word, plural) == shown
    assert noun(n, word, plural) == shown.split(" ", 1)[1]


@pytest.mark.parametrize(("n", "said"), [(1, "agrees"), (0, "agree"), (2, "agree")])
def test_a_verb_agrees_with_its_count(n, said):
    assert verb(n, "agrees", "agree") == said

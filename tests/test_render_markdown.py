"""The Markdown report makes no live link and pings no one when posted as a pull-request comment.

GitHub turns bare URLs, `www.` addresses and e-mail addresses into links
(GFM autolinks), and `@user`, `@org/team`, `#123`, `owner/repo#123`, `GH-123`
and commit hashes into mentions and references after the Markdown is rendered,
so a backslash does not stop them (github/markup#1168); only a code span does.
Each case is the exact Markdown expected, and a CommonMark parser must read it
back as the very same text (no invisible character added), with every live
token inside a code span.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.render.markdown import escape

markdown_it = pytest.importorskip("markdown_it")

CASES = [
    ("Read more at https://evil.example/x now", "Read more at `https://evil.example/x` now"),
    ("Visit www.evil.example.", "Visit `www.evil.example.`"),
    ("WWW.EVIL.EXAMPLE", "`WWW.EVIL.EXAMPLE`"),
    ("ftp://files.example/a", "`ftp://files.example/a`"),
    ("Thanks @octocat!", "Thanks `@octocat!`"),
    ("cc @newsroom/editors", "cc `@newsroom/editors`"),
    ("Write to tips@paper.example.", "Write to `tips@paper.example.`"),
    ("mailto:tips@paper.example", "`mailto:tips@paper.example`"),
    ("Fixes #123 and GH-45", "Fixes `#123` and `GH-45`"),
    ("See owner/repo#7.", "See `owner/repo#7.`"),
    ("#123 opens the line", "`#123` opens the line"),
    ("commit 1a2b3c4d landed", "commit `1a2b3c4d` landed"),
    ("cell|https://evil.example", "cell\\|`https://evil.example`"),
    ("say `@team` now", "say `` `@team` `` now"),
    ("(https://evil.example/a_b*c)", "`(https://evil.example/a_b*c)`"),
    # not live: left as words, with the usual escapes
    ("A #hashtag, 1234567 votes, a defaced wall, $12 million", "A #hashtag, 1234567 votes, a defaced wall, \\$12 million"),
    ("# Heading? no: example.com", "\\# Heading? no: example.com"),
]
LINKS = re.compile(r"://|@|#\d|www\.|\bGH-\d", re.IGNORECASE)
HASH = re.compile(r"\b[0-9a-f]{7,40}\b", re.IGNORECASE)


def live(text: str) -> list[str]:
    """What GitHub would link or ping in plain text: autolinks, mentions, references, commit hashes."""
    hashes = [h for h in HASH.findall(text) if re.search(r"\d", h) and re.search("[a-f]", h, re.IGNORECASE)]
    return LINKS.findall(text) + hashes


def read_back(markdown: str) -> tuple[str, str]:
    """What a CommonMark reader shows (all text, code spans included) and the part outside code spans."""
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    shown, outside = [], []
    for block in parser.parse(markdown):
        for token in block.children or []:
            if token.type in ("text", "code_inline"):
                shown.append(token.content)
            if token.type == "text":
                outside.append(token.content)
    return "".join(shown), " ".join(outside)


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0] for c in CASES])
def test_links_and_mentions_become_code_spans(text, expected):
    assert escape(text) == expected
    shown, outside = read_back(escape(text))
    assert shown == text  # the same characters, nothing invisible added
    assert live(outside) == [], outside


def test_a_table_cell_keeps_its_code_span_whole():
    shown, outside = read_back(f"| a | b |\n| --- | --- |\n| {escape('x|@octocat|y')} | z |\n")
    assert shown == "abx|@octocat|yz" and "@" not in outside


ARTICLE = """---
title: "Ask @octocat about #12"
source: "www.wire.example"
published: 2025-03-10
---
The Port of Elmhaven approved a budget of $12 million for dredging on Monday, @mayor said at https://evil.example/pr (owner/repo#9).
"""
OTHER = """---
source: "Coastal Times"
published: 2025-03-11
---
The Port of Elmhaven approved a $15 million budget for dredging on Monday.
"""


def test_the_markdown_report_of_a_hostile_article_has_nothing_live(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "@editors #3.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "other.md").write_text(OTHER, encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "@editors #3.md", "other.md", "-f", "markdown", "--single"])
    assert result.exit_code == 0, result.stderr
    shown, outside = read_back(result.stdout)
    assert "@octocat" in shown and "https://evil.example/pr" in shown and "@editors #3.md" in shown
    assert live(outside) == [], outside

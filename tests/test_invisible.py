"""Invisible characters and other spellings of the same text cannot change what a figure says.

A zero-width space or a soft hyphen inside "$15 million" hid the figure from
the extractor, a bidi mark after it made it "$12", and a draft in NFD missed
what its NFC twin caught. The pipeline reads NFC text without format
characters; offsets still point into the file as it is, and an invisible
character inside a figure is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.extract import Extractor
from checker.models import Document

HEAD = "---\ntitle: {0}\nsource: {0}\npublished: 2025-10-30\n---\n"
SENTENCE = "Nestlé said on Tuesday that its profit in São Paulo rose to {} last year, according to José Álvarez.\n"


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "wire.md").write_text(HEAD.format("Wire") + SENTENCE.format("$12 million"), encoding="utf-8")
    return tmp_path


def check(folder, figure: str, form: str = "NFC"):
    draft = unicodedata.normalize(form, HEAD.format("Draft") + SENTENCE.format("{}")).format(figure)
    (folder / "draft.md").write_text(draft, encoding="utf-8")
    return CliRunner().invoke(app, ["check", "draft.md", "--against", "corpus"], env={"COLUMNS": "200", "NO_COLOR": "1"})


def contradicted(output: str) -> bool:
    """Whether the check output reports the draft's $15 million against the corpus's $12 million."""
    return any("error [figure-consistency]" in line and "(15 million USD)" in line and "(12 million USD)" in line
               for line in output.splitlines())


@pytest.mark.parametrize("figure, hidden", [
    ("$1\u200b5 million", "U+200B"),  # zero-width space
    ("$15\u00ad million", "U+00AD"),  # soft hyphen
    ("$15 mil\u2060lion", "U+2060"),  # word joiner
    ("$\ufeff15 million", "U+FEFF"),  # a byte order mark mid-text
])
def test_check_catches_a_wrong_figure_with_an_invisible_character_inside(corpus, figure, hidden):
    result = check(corpus, figure)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert contradicted(result.stdout)
    warning = next(line for line in result.stderr.splitlines() if hidden in line)
    assert warning.startswith("checker: warning: draft.md:6:") and "$15 million" in warning


@pytest.mark.parametrize("figure", ["$12 million\u200f", "\u2067$12 million\u2069", "$12\u00a0million"])
def test_marks_around_a_figure_leave_it_as_it_reads(corpus, figure):
    result = check(corpus, figure)
    assert result.exit_code == 0, result.stdout
    assert "1 contradicted" not in result.stdout and "U+" not in result.stderr


def test_an_nfd_draft_is_checked_like_its_nfc_twin(corpus):
    nfc, nfd = check(corpus, "$15 million", "NFC"), check(corpus, "$15 million", "NFD")
    assert nfc.exit_code == nfd.exit_code == 1
    assert contradicted(nfd.stdout)


def test_offsets_point_into_the_original_text(extractor):
    text = unicodedata.normalize("NFD", "Café owners in São Paulo paid $1\u200b5 million\u200f on Tuesday.")
    claims = {c.kind.value: c for c in extractor.text(text, published=dt.date(2025, 10, 30))}
    money = claims["money"]
    assert money.value == 15_000_000 and money.text == "$1\u200b5 million"
    assert text[money.start : money.end] == money.text
    assert text[money.sentence_start : money.sentence_start + len(money.sentence)] == money.sentence
    assert money.subject == "São Paulo" and unicodedata.is_normalized("NFC", money.subject)
    assert text[claims["date"].start : claims["date"].end] == "Tuesday"


def test_a_warning_names_the_invisible_character_and_where_it_is(extractor):
    text = "---\ntitle: T\n---\nAcme paid\n$1\u200b5 million and 20% more.\n"
    document = Document(id="d.md", path="d.md", sha256="0" * 64, text=text, body_start=text.index("Acme"))
    assert extractor.document(document).warnings == [
        "d.md:5:1: invisible character U+200B (ZERO WIDTH SPACE) inside “$15 million”, read without it"
    ]


@pytest.mark.parametrize("original, expected", [
    ("plain text", "plain text"),
    ("a\u200bb", "ab"),
    ("e\u0301t\u00e9", "été"),
    ("\u200f\u200f", ""),
    ("\u1100\u1161\u11a8 x", "각 x"),  # Hangul jamo compose to one syllable
])
def test_normalized_text_maps_back_to_the_original(original, expected):
    from checker.extract.normalize import Normalized

    mapped = Normalized("head" + original, start=4)
    assert mapped.text == expected
    for i in range(len(expected) + 1):
        for j in range(i + 1, len(expected) + 1):
            a, b = mapped.start(i), mapped.end(j)
            assert 4 <= a < b <= len(original) + 4
            assert unicodedata.normalize("NFC", "".join(c for c in mapped.original[a:b] if unicodedata.category(c) != "Cf")) \
                == expected[i:j]

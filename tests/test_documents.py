"""checker.documents: reading .md/.txt files into `Document` records.

Covers front matter, the publication date (front matter, else a dateline near
the top), the one-line errors for files that cannot be read, folder expansion
and the UTF-8 byte order mark.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from checker.documents import (
    iter_paths,
    load_documents,
    parse_front_matter,
    read_document,
)
from checker.errors import (
    CheckerError,
    FrontMatterError,
    InputError,
    LexiconError,
    ModelError,
)

BOM = b"\xef\xbb\xbf"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- front matter -----------------------------------------------------------


def test_without_front_matter_the_body_is_the_whole_file(tmp_path):
    text = "Japan pledged $550 billion.\nSecond line.\n"
    doc = read_document(write(tmp_path / "plain.md", text))
    assert doc.text == text
    assert doc.body_start == 0
    assert (doc.title, doc.source, doc.url, doc.published, doc.published_from) == (None,) * 5


def test_unknown_field_is_kept_and_warned_of(tmp_path):
    """Before: "[colour] Extra inputs are not permitted", and the article was refused."""
    path = write(tmp_path / "a.md", "---\ntitle: T\ncolour: red\npubished: 2025-10-31\n---\nBody.\n")
    warnings: list[str] = []
    doc = read_document(path, warn=warnings.append)
    assert doc.title == "T"
    assert warnings == [f"{path}:3: unknown front matter field 'colour', kept",
                        f"{path}:4: unknown front matter field 'pubished', kept (did you mean 'published'?)"]
    with pytest.raises(FrontMatterError, match=r"a\.md:3: \[colour\] unknown front matter field; strict"):
        read_document(path, strict=True)


def test_front_matter_fields_are_read(tmp_path):
    text = (
        "---\n"
        'title: "Japan And US Deepen Alliance"\n'
        "source: Observer Research Foundation\n"
        "published: 2025-10-30\n"
        "url: https://example.org/a\n"
        "author: Pratnashree Basu\n"
        "---\n"
        "Body text.\n"
    )
    doc = read_document(write(tmp_path / "a.md", text))
    assert doc.title == "Japan And US Deepen Alliance"
    assert doc.source == "Observer Research Foundation"
    assert doc.published == dt.date(2025, 10, 30)
    assert doc.published_from == "front matter"
    assert doc.url == "https://example.org/a"


@pytest.mark.parametrize(
    "front, body",
    [
        ("---\ntitle: T\n---\n", "Body.\n"),
        ("---\ntitle: T\n---   \n", "Body.\n"),  # trailing blanks on the closing line
        ("---\r\ntitle: T\r\n---\r\n", "Body.\r\n"),  # CRLF line ends
        ("---\n---\n", "Body.\n"),  # empty front matter
    ],
    ids=["lf", "trailing-blanks", "crlf", "empty"],
)
def test_body_start_points_just_after_the_closing_line(tmp_path, front, body):
    text = front + body
    doc = read_document(write(tmp_path / "a.md", text))
    assert doc.body_start == len(front)
    assert doc.text[doc.body_start :] == body
    assert doc.text == text  # front matter stays in the text: offsets point into the whole file


def test_closing_line_at_end_of_file_leaves_no_body():
    """Found as front matter (read_document then refuses the file: no article text)."""
    text = "---\ntitle: T\n---"
    assert parse_front_matter(text, "a.md")[1] == len(text)


def test_sha256_is_the_hash_of_the_text(tmp_path):
    text = "---\ntitle: Café\n---\nYen ¥3 trillion — “quoted”.\n"
    doc = read_document(write(tmp_path / "a.md", text))
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    other = read_document(write(tmp_path / "b.md", text + "x"))
    assert other.sha256 != doc.sha256


def test_id_is_the_cwd_relative_posix_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "news" / "2025" / "a.md", "Body.\n")
    for given in ("news/2025/a.md", "./news/2025/a.md", path):
        doc = read_document(given)
        assert doc.id == "news/2025/a.md"
        assert doc.path == str(Path(given))


def test_id_outside_the_cwd_is_the_absolute_path(tmp_path, monkeypatch):
    path = write(tmp_path / "outside" / "a.md", "Body.\n")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert read_document(path).id == path.resolve().as_posix()


# --- publication date -------------------------------------------------------

FILLER = "".join(f"Paragraph {i} of the story.\n" for i in range(1, 15))  # 14 lines


@pytest.mark.parametrize(
    "text, published, published_from",
    [
        ("Published on Oct 30, 2025\n\nBody.\n", dt.date(2025, 10, 30), "dateline"),
        ("Today : Nov 06, 2025\nWorld News\n", dt.date(2025, 11, 6), "dateline"),
        ("Updated: 2024-03-14\nBody.\n", dt.date(2024, 3, 14), "dateline"),
        ("Author : A. Writer\n\nExpert Speak\nPublished on Oct 30, 2025\n", dt.date(2025, 10, 30), "dateline"),
        ("---\ntitle: T\n---\n\n\nPublished on Oct 30, 2025\n", dt.date(2025, 10, 30), "dateline"),
        # front matter wins over a dateline
        ("---\npublished: 2025-11-06\n---\nPublished on Oct 30, 2025\n", dt.date(2025, 11, 6), "front matter"),
        # an explicit null in front matter falls back to the dateline
        ("---\npublished: null\n---\nToday : Nov 06, 2025\n", dt.date(2025, 11, 6), "dateline"),
        # Hugo's and Jekyll's `date`, Ghost's `published_at`; a datetime gives the date in its own zone
        ("---\ndate: 2025-10-31\n---\nBody.\n", dt.date(2025, 10, 31), "front matter"),
        ("---\ndate: 2025-10-31T00:30:00+01:00\n---\nBody.\n", dt.date(2025, 10, 31), "front matter"),
        ("---\npublished_at: '2025-10-30T23:30:00-05:00'\n---\nBody.\n", dt.date(2025, 10, 30), "front matter"),
        # a dateline without a year is not trusted
        ("Published on Oct 30\nBody.\n", None, None),
        ("Today : Nov 06\nBody.\n", None, None),
        # the dateline must open its line, and say a date
        ("The report was published on Oct 30, 2025.\n", None, None),
        ("Today the minister said 5 things\n", None, None),
        # line 15 is still near the top, line 16 is not
        (FILLER + "Published on Oct 30, 2025\n", dt.date(2025, 10, 30), "dateline"),
        (FILLER + "One more.\nPublished on Oct 30, 2025\n", None, None),
        ("No date at all here.\n", None, None),
    ],
    ids=[
        "published-on",
        "today-colon",
        "updated-iso",
        "below-byline",
        "after-front-matter",
        "front-matter-wins",
        "null-front-matter",
        "hugo-date",
        "date-with-zone",
        "ghost-published-at",
        "no-year",
        "no-year-today",
        "mid-sentence",
        "not-a-date",
        "line-15",
        "line-16",
        "none",
    ],
)
def test_publication_date(tmp_path, text, published, published_from):
    doc = read_document(write(tmp_path / "a.md", text))
    assert doc.published == published
    assert doc.published_from == published_from


def test_dateline_in_front_matter_region_is_not_used(tmp_path):
    # The front matter is not part of the body: a "Date:" there is not a dateline.
    doc = read_document(write(tmp_path / "a.md", "---\ntitle: 'Date: 2024-03-14'\n---\nBody.\n"))
    assert doc.published is None


# --- errors -----------------------------------------------------------------


def test_error_classes_have_distinct_exit_codes():
    codes = [cls.exit_code for cls in (InputError, FrontMatterError, LexiconError, ModelError)]
    assert len(set(codes)) == len(codes)
    assert all(code not in (0, 1) for code in codes)


def _missing(tmp_path):
    return tmp_path / "nope.md"


def _folder_without_documents(tmp_path):
    write(tmp_path / "docs" / "report.pdf", b"%PDF-1.4")
    write(tmp_path / "docs" / "notes.rst", "Notes.\n")
    return tmp_path / "docs"


def _binary(tmp_path):
    return write(tmp_path / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def _not_utf8(tmp_path):
    return write(tmp_path / "latin1.md", "line one\nline two\nCaf\xe9 au lait\n".encode("latin-1"))


def _empty(tmp_path):
    return write(tmp_path / "empty.md", b"")


def _blank(tmp_path):
    return write(tmp_path / "blank.txt", " \n\t\n  \r\n")


def _bom_only(tmp_path):
    return write(tmp_path / "bom.md", BOM + b"\n")


def _bad_yaml(tmp_path):
    return write(tmp_path / "a.md", "---\ntitle: T\nsource: Wire: Reuters\nurl: x\n---\nBody.\n")


def _dates_differ(tmp_path):
    return write(tmp_path / "a.md", "---\ntitle: T\ndate: 2025-10-31\npublished: 2025-10-30\n---\nBody.\n")


def _bad_date(tmp_path):
    return write(tmp_path / "a.md", "---\ntitle: T\nsource: S\npublished: not a date\n---\nBody.\n")


def _date_as_prose(tmp_path):
    return write(tmp_path / "a.md", '---\npublished: "Oct 30, 2025"\n---\nBody.\n')


def _not_a_mapping(tmp_path):
    return write(tmp_path / "a.md", "---\n- title\n- source\n---\nBody.\n")


@pytest.mark.parametrize(
    "make, error, fragment",
    [
        pytest.param(_missing, InputError, ": no such file or folder", id="missing"),
        pytest.param(_folder_without_documents, InputError, ": folder holds no .md or .txt files", id="empty-folder"),
        pytest.param(_binary, InputError, ": binary file", id="binary"),
        pytest.param(_not_utf8, InputError, ":3: not UTF-8", id="not-utf8"),
        pytest.param(_empty, InputError, ": empty file", id="empty"),
        pytest.param(_blank, InputError, ": empty file", id="whitespace-only"),
        pytest.param(_bom_only, InputError, ": empty file", id="bom-only"),
        pytest.param(_bad_yaml, FrontMatterError, ":3: mapping values are not allowed here", id="bad-yaml"),
        pytest.param(_dates_differ, FrontMatterError, ":4: [published] 2025-10-30 differs from date: 2025-10-31 (line 3)",
                     id="date-and-published-differ"),
        pytest.param(_bad_date, FrontMatterError, ":4: [published] ", id="bad-date"),
        pytest.param(_date_as_prose, FrontMatterError, ":2: [published] ", id="date-as-prose"),
        pytest.param(_not_a_mapping, FrontMatterError, ":2: ", id="not-a-mapping"),
    ],
)
def test_unreadable_documents_raise_one_line_errors(tmp_path, make, error, fragment):
    path = make(tmp_path)
    with pytest.raises(error) as info:
        load_documents([path])
    message = str(info.value)
    assert isinstance(info.value, CheckerError)
    assert message.startswith(f"{path}:")
    assert fragment in message
    assert "\n" not in message
    assert info.value.exit_code == error.exit_code
    assert info.value.path == str(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.md", "Body.\n")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"secret\.md: cannot read file"):
            read_document(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30"])
def test_impossible_date_in_front_matter(tmp_path, value):
    path = write(tmp_path / "a.md", f"---\ntitle: T\npublished: {value}\n---\nBody.\n")
    with pytest.raises(FrontMatterError, match=r"a\.md:3: "):
        read_document(path)


def test_not_utf8_after_a_bom_reports_the_right_line(tmp_path):
    path = write(tmp_path / "a.md", BOM + b"ab\ncd\n\xff\n")
    with pytest.raises(InputError, match=r"a\.md:3: not UTF-8 \(byte 9\)"):
        read_document(path)


# --- folders ----------------------------------------------------------------


def test_folder_is_expanded_recursively_sorted_and_filtered(tmp_path):
    for name in [
        "b.md",
        "a.txt",
        "sub/deeper/z.md",
        "sub/c.md",
        "sub/UPPER.MD",
        "sub/skip.pdf",
        "sub/skip.markdown",
        "notes.md/x.txt",  # a folder whose name looks like a document
        ".hidden/h.md",
        "sub/.git/g.md",
    ]:
        write(tmp_path / name, f"Text of {name}.\n")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.txt", "b.md", "notes.md/x.txt", "sub/UPPER.MD", "sub/c.md", "sub/deeper/z.md"]
    docs = load_documents([tmp_path])
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in docs] == found


def test_a_file_named_twice_is_read_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "A.\n")
    write(tmp_path / "b.md", "B.\n")
    docs = load_documents(["a.md", "./a.md", tmp_path / "a.md", ".", "b.md"])
    assert [d.id for d in docs] == ["a.md", "b.md"]


def test_files_keep_the_order_they_are_named_in(tmp_path):
    b = write(tmp_path / "b.md", "B.\n")
    a = write(tmp_path / "a.md", "A.\n")
    assert list(iter_paths([b, a])) == [b, a]


# --- byte order mark --------------------------------------------------------


def test_bom_is_dropped_from_the_text(tmp_path):
    body = "Published on Oct 30, 2025\nBody.\n"
    front = "---\ntitle: T\n---\n"
    doc = read_document(write(tmp_path / "a.md", BOM + (front + body).encode()))
    assert doc.text == front + body
    assert not doc.text.startswith("\ufeff")
    assert doc.title == "T"
    assert doc.body_start == len(front)
    assert doc.published == dt.date(2025, 10, 30)
    assert doc.sha256 == hashlib.sha256((front + body).encode()).hexdigest()


def test_keep_going_sets_aside_bad_files_but_never_an_interruption(tmp_path, monkeypatch):
    """Ctrl-C or SIGTERM while a file is read stops a --keep-going run; it is not a bad file."""
    import signal

    from checker import documents
    from checker.errors import Interrupted

    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("---\npublished: 2025-01-02\n---\nText.\n")

    def interrupted(path, max_mb, **options):
        raise Interrupted(signal.SIGTERM)

    monkeypatch.setattr(documents, "read_document", interrupted)
    reader = documents.DocumentReader(keep_going=True)
    with pytest.raises(Interrupted):
        list(reader([tmp_path]))
    assert reader.errors == []

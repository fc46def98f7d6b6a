"""checker.frontmatter: front matter as Hugo, Jekyll and Ghost write it.

Their publication dates (`date`, Ghost's `published_at`) count as checker's own
`published`; their other fields are accepted and type-checked; two publication
dates that differ are one error at the later's line; a field checker does not
know is kept and warned of (with the known field it is closest to), or with
`strict_front_matter` in settings is an error, exit 4. A settings key that is no
setting names the closest one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.documents import DocumentReader, read_document
from checker.errors import ConfigError, FrontMatterError
from checker.frontmatter import parse_front_matter

BODY = "Japan pledged about $550 billion on Tuesday.\n"

HUGO = """---
title: "Tariff talks resume"
date: 2025-10-31T09:00:00+01:00
lastmod: 2025-11-02
draft: false
tags: ["trade", "japan"]
categories: ["economy"]
authors: ["Jane Roe", "Ken Sato"]
slug: tariff-talks
description: Talks resume in Tokyo.
summary: Talks resume.
weight: 10
publishDate: 2025-10-31
---
"""

JEKYLL = """---
layout: post
title: Tariff talks resume
date: 2016-03-09 12:00:00 -0500
categories: economy trade
tags: [trade]
author: Jane Roe
permalink: /tariffs/
last_modified_at: 2016-03-10
published: true
---
"""

GHOST = """---
title: Tariff talks resume
slug: tariff-talks
published_at: 2025-10-31T23:30:00.000Z
updated_at: "2025-11-01T08:00:00.000Z"
status: published
visibility: public
feature_image: https://example.org/a.jpg
custom_excerpt: Talks resume.
tags:
  - name: Trade
    slug: trade
authors:
  - name: Jane Roe
    slug: jane
---
"""

OWN = """---
title: Tariff talks resume
source: Wire
published: 2025-10-30
url: https://example.org/a
author: Jane Roe
---
"""

SYSTEMS = [
    # id, front matter, publication date, fields as read
    ("hugo", HUGO, dt.date(2025, 10, 31),
     {"lastmod": dt.date(2025, 11, 2), "draft": False, "tags": ["trade", "japan"], "categories": ["economy"],
      "authors": ["Jane Roe", "Ken Sato"], "slug": "tariff-talks", "summary": "Talks resume."}),
    ("jekyll", JEKYLL, dt.date(2016, 3, 9),
     {"categories": ["economy trade"], "author": ["Jane Roe"], "last_modified_at": dt.date(2016, 3, 10),
      "draft": False}),
    ("ghost", GHOST, dt.date(2025, 10, 31),
     {"updated_at": dt.date(2025, 11, 1), "tags": ["Trade"], "authors": ["Jane Roe"], "slug": "tariff-talks"}),
    ("checker", OWN, dt.date(2025, 10, 30), {"title": "Tariff talks resume", "source": "Wire"}),
]


def cases(table: list[tuple]) -> list:
    """A table's rows as pytest parameters, each named by its first column."""
    return [pytest.param(*row[1:], id=row[0]) for row in table]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def article(folder: Path, front: str) -> Path:
    """a.md: these front matter lines, then a short article."""
    return write(folder / "a.md", f"---\n{front}\n---\n{BODY}")


@pytest.mark.parametrize("front, published, fields", cases(SYSTEMS))
def test_publishing_systems_front_matter_is_read(tmp_path, front, published, fields):
    warnings: list[str] = []
    doc = read_document(write(tmp_path / "a.md", front + BODY), warn=warnings.append)
    assert (doc.published, doc.published_from) == (published, "front matter")
    meta, body_start = parse_front_matter(front + BODY, "a.md")
    assert {name: getattr(meta, name) for name in fields} == fields
    assert body_start == len(front)
    assert warnings == []  # every field of these systems is known


DATES = [
    # id, the YAML value, the date it gives: where it was written, not in UTC
    ("yaml-date", "2025-10-31", dt.date(2025, 10, 31)),
    ("iso-string", '"2025-10-31"', dt.date(2025, 10, 31)),
    ("datetime-zone-east", "2025-10-31T00:30:00+01:00", dt.date(2025, 10, 31)),  # UTC: 30 October
    ("datetime-zone-west", "2025-10-30T23:30:00-05:00", dt.date(2025, 10, 30)),  # UTC: 31 October
    ("datetime-string-zone", '"2025-10-31T09:00:00+01:00"', dt.date(2025, 10, 31)),
    ("datetime-utc", "2025-10-31T09:00:00Z", dt.date(2025, 10, 31)),
    ("jekyll-space-zone", "2016-03-09 12:00:00 -0500", dt.date(2016, 3, 9)),
    ("naive-datetime", "2025-10-31 09:00:00", dt.date(2025, 10, 31)),
]


@pytest.mark.parametrize("name", ["published", "date", "published_at"])
@pytest.mark.parametrize("value, expected", cases(DATES))
def test_publication_date_forms(tmp_path, name, value, expected):
    doc = read_document(article(tmp_path, f"{name}: {value}"))
    assert doc.published == expected


ERRORS = [
    # id, front matter lines, the error after "a.md:"
    ("date-and-published-differ", "date: 2025-10-31\npublished: 2025-10-30",
     ("3: [published] 2025-10-30 differs from date: 2025-10-31 (line 2); give the publication date once, "
      "or the same in both")),
    ("published-before-date", "title: T\npublished: 2025-10-30T23:30:00-05:00\ndate: 2025-10-31",
     "4: [date] 2025-10-31 differs from published: 2025-10-30 (line 3)"),
    ("ghost-date-differs", "published: 2025-10-31\ndate: 2025-10-31\npublished_at: 2025-11-01T00:00:00Z",
     "4: [published_at] 2025-11-01 differs from published: 2025-10-31 (line 2)"),
    ("date-as-prose", "date: Oct 30, 2025",
     "2: [date] a date such as 2025-10-31 or 2025-10-31T09:00:00+01:00, not 'Oct 30, 2025'"),
    ("date-a-number", "lastmod: 20251031", "2: [lastmod] a date such as 2025-10-30, not the number 20251031"),
    ("draft-not-a-flag", "draft: maybe", "2: [draft] Input should be a valid boolean"),
    ("tag-not-text", "tags:\n  - trade\n  - [1, 2]", "4: [tags.1] Input should be a valid string"),
]


@pytest.mark.parametrize("front, message", cases(ERRORS))
def test_front_matter_errors_name_the_file_and_line(tmp_path, front, message):
    path = article(tmp_path, front)
    with pytest.raises(FrontMatterError) as raised:
        read_document(path)
    assert str(raised.value).startswith(f"{path}:{message}")
    assert "\n" not in str(raised.value) and raised.value.exit_code == 4


def test_agreeing_dates_are_one_date(tmp_path):
    doc = read_document(write(tmp_path / "a.md", f"---\ndate: 2025-10-31\npublished: 2025-10-31T08:00:00Z\n---\n{BODY}"))
    assert doc.published == dt.date(2025, 10, 31)


def test_jekyll_published_false_is_a_draft_not_a_date(tmp_path):
    meta, _ = parse_front_matter(f"---\ndate: 2025-10-31\npublished: false\n---\n{BODY}", "a.md")
    assert (meta.draft, meta.publication_date) == (True, dt.date(2025, 10, 31))


UNKNOWN = [
    # id, a field checker does not know (on line 3 of a.md), the hint its message gives
    ("typo", "pubished", " (did you mean 'published'?)"),
    ("case", "Title", " (did you mean 'title'?)"),
    ("site-field", "colour", ""),
]


@pytest.mark.parametrize("field, hint", cases(UNKNOWN))
def test_unknown_fields_are_kept_with_a_warning(tmp_path, field, hint):
    path = article(tmp_path, f"title: T\n{field}: 2025-10-31")
    reader = DocumentReader()
    [doc] = reader([path])
    assert reader.warnings == [f"{path}:3: unknown front matter field {field!r}, kept{hint}"]
    assert doc.published is None  # a misspelt date is not guessed at
    assert parse_front_matter(path.read_text(), str(path))[0].model_extra == {field: dt.date(2025, 10, 31)}


def test_an_unknown_field_libyaml_reads_and_pythons_yaml_refuses_is_warned_of_without_its_line(tmp_path):
    path = article(tmp_path, "title: T\nother: \t")  # a tab after the colon: libyaml reads it, PyYAML's composer does not
    reader = DocumentReader()
    [doc] = reader([path])
    assert doc.text.endswith(BODY)  # read, not refused
    assert reader.warnings == [f"{path}: unknown front matter field 'other', kept"]


@pytest.mark.parametrize("field, hint", cases(UNKNOWN))
def test_strict_mode_makes_unknown_fields_errors(tmp_path, field, hint):
    path = article(tmp_path, f"title: T\n{field}: 2025-10-31")
    with pytest.raises(FrontMatterError) as raised:
        list(DocumentReader(strict=True)([path]))
    assert str(raised.value) == f"{path}:3: [{field}] unknown front matter field{hint}; strict_front_matter is on"


# --- through the command line ------------------------------------------------------------------


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", f"---\ntitle: T\npubished: 2025-10-31\n---\n{BODY}")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


WARNING = "checker: warning: a.md:3: unknown front matter field 'pubished', kept (did you mean 'published'?)\n"


@pytest.mark.parametrize("args", [["claims", "a.md"], ["ingest", "a.md", "--store", "s.db"],
                                  ["report", "a.md", "-f", "json"]], ids=["claims", "ingest", "report"])
def test_cli_prints_the_warning_once_and_succeeds(work, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == WARNING


@pytest.mark.parametrize("settings, name", [
    ("strict_front_matter = true\n", "checker.toml"),
    ("[project]\nname = 'x'\n\n[tool.checker]\nstrict_front_matter = true\n", "pyproject.toml"),
])
def test_cli_strict_front_matter_exits_4(work, settings, name):
    write(work / name, settings)
    result = run("claims", "a.md")
    assert result.exit_code == FrontMatterError.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == ("checker: error: a.md:3: [pubished] unknown front matter field "
                             "(did you mean 'published'?); strict_front_matter is on\n")


SETTINGS_TYPOS = [
    # id, file, text, the error after "checker: error: "
    ("toml-strict", "checker.toml", "strict_frontmatter = true\n",
     "checker.toml:1: [strict_frontmatter] unknown setting (did you mean 'strict_front_matter'?)"),
    ("toml-store", "checker.toml", "# settings\nstroe = 'x.db'\n", "checker.toml:2: [stroe] unknown setting (did you mean 'store'?)"),
    ("pyproject", "pyproject.toml", "[project]\nname = 'x'\n\n[tool.checker]\nmax_file_m = 5\n",
     "pyproject.toml:5: [max_file_m] unknown setting (did you mean 'max_file_mb'?)"),
    ("nothing-close", "checker.toml", "colour = 'red'\n", "checker.toml:1: [colour] unknown setting"),
]


@pytest.mark.parametrize("name, text, line", cases(SETTINGS_TYPOS))
def test_settings_typo_says_did_you_mean(work, name, text, line):
    write(work / name, text)
    result = run("claims", "a.md")
    assert result.exit_code == ConfigError.exit_code
    assert result.stderr == f"checker: error: {line}\n"

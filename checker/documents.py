"""Reading source files into `Document` records.

A document is a `.md` or `.txt` file, optionally opening with a YAML front
matter block. Offsets everywhere in checker point into the file's full decoded
text, front matter included, so nothing here strips or rewrites the text.
The publication date comes from front matter, else from an explicit dateline
near the top of the text, else it stays unknown.

A file over the size limit (10 MB unless raised with `max_file_mb` in
settings) is refused before it is read whole: news articles are kilobytes, so
a 50 MB "article" is a mistake (a log, a dump, a binary renamed), not news.
`DocumentReader` reads many files with that limit and, with `keep_going`, sets
a bad file aside with its error instead of stopping the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateutil import parser as dateparser
from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from .errors import CheckerError, FrontMatterError, InputError, Interrupted
from .files import decode, read_limited
from .lexicon import load_lexicon
from .models import Document
from .yamlfile import load_model

SUFFIXES = (".md", ".txt")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_DATELINE_LINES = 15  # a dateline is looked for only this near the top of the text
DEFAULT_MAX_MB = 10.0
FRONT_MATTER_LIMIT = 64_000  # characters; YAML errors cost the pure-Python loader's time and memory


class FrontMatter(BaseModel):
    """The fields a user may put in a document's front matter."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    author: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_of_datetime(cls, value):
        """A timestamp (2025-10-30T10:00:00Z) gives its date; a bare number is refused, where
        pydantic would read `published: 0` as seconds since 1970 and date the article 1970-01-01."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise PydanticCustomError("date_not_number", "a date such as 2025-10-30, not the number {number}",
                                      {"number": value})
        return value.date() if isinstance(value, dt.datetime) else value


def iter_paths(paths: Iterable[str | Path], on_error: Callable[[CheckerError], None] | None = None) -> Iterator[Path]:
    """Expand files and folders into document paths, sorted, each once.

    A missing path or a folder without documents raises `InputError`, or with
    `on_error` is handed to it and skipped."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        problem = None
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problem = InputError("folder holds no .md or .txt files", path=str(path))
        elif path.exists():
            found = [path]
        else:
            problem = InputError("no such file or folder", path=str(path))
        if problem is not None:
            if on_error is None:
                raise problem
            on_error(problem)
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p


def document_id(path: Path) -> str:
    """A stable id: the path relative to the working folder, or absolute outside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def read_text(path: Path, max_mb: float = DEFAULT_MAX_MB) -> str:
    """Decode a regular file as UTF-8, refusing oversized, binary, undecodable and empty files.

    At most one byte over the limit is read, so a huge file costs nothing (see `checker.files`)."""
    data = read_limited(path, max_mb, InputError, hint=" (raise it with max_file_mb in settings)")
    if b"\0" in data[:8192]:
        raise InputError("binary file, not text", path=str(path))
    text = decode(data, str(path), InputError)
    if not text.strip():
        raise InputError("empty file", path=str(path))
    return text


def parse_front_matter(text: str, path: str) -> tuple[FrontMatter, int]:
    """Return the validated front matter and the offset where the body starts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(), 0
    if len(match.group(1)) > FRONT_MATTER_LIMIT:  # five short fields: anything this long is a mistake
        raise FrontMatterError(f"front matter is {len(match.group(1)) // 1000} KB, over the "
                               f"{FRONT_MATTER_LIMIT // 1000} KB limit", path=path, line=1)
    meta = load_model(match.group(1), FrontMatter, path, FrontMatterError, line_offset=1)
    return meta, match.end()


def find_dateline(body: str) -> dt.date | None:
    """A publication date stated explicitly near the top ("Published on Oct 30, 2025")."""
    lexicon = load_lexicon()
    for line in body.strip().splitlines()[:_DATELINE_LINES]:
        match = lexicon.dateline_pattern.match(line.strip())
        if not match:
            continue
        try:
            with warnings.catch_warnings():  # dateutil warns of what it guessed (an unknown zone): unreadable
                warnings.simplefilter("error")
                parsed = dateparser.parse(match.group("date"), fuzzy=False)
        except (ValueError, OverflowError, Warning):
            continue
        if re.search(r"\b\d{4}\b", match.group("date")):  # a dateline must state its year
            return parsed.date()
    return None


def read_document(path: str | Path, max_mb: float = DEFAULT_MAX_MB) -> Document:
    """Read one file into a `Document`, or raise a one-line `InputError` or `FrontMatterError`."""
    path = Path(path)
    try:  # a name with a byte that is not UTF-8 could be stored, compared or printed nowhere
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("file name is not UTF-8; rename the file", path=str(path)) from None
    text = read_text(path, max_mb)
    meta, body_start = parse_front_matter(text, str(path))
    if not text[body_start:].strip():  # metadata alone is not an article: say so rather than find nothing
        raise InputError("no article text after the front matter", path=str(path))
    published, published_from = meta.published, "front matter" if meta.published else None
    if published is None:
        published = find_dateline(text[body_start:])
        published_from = "dateline" if published else None
    return Document(
        id=document_id(path),
        path=str(path),
        title=meta.title,
        source=meta.source,
        published=published,
        published_from=published_from,
        url=meta.url,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        body_start=body_start,
    )


def load_documents(paths: Iterable[str | Path]) -> list[Document]:
    """Read every document under `paths` (files and folders), in a stable order."""
    return list(DocumentReader()(paths))


@dataclass
class DocumentReader:
    """Reads the documents under paths: the size limit, and what a bad file does.

    Without `keep_going` the first bad file raises its error. With it, each
    bad file's error is kept in `errors` (in path order) and the file skipped,
    so one broken file among thousands does not cost the rest; the caller
    reports the errors and still fails the run."""

    max_mb: float = DEFAULT_MAX_MB
    keep_going: bool = False
    errors: list[CheckerError] = field(default_factory=list)

    def __call__(self, paths: Iterable[str | Path]) -> Iterator[Document]:
        for path in iter_paths(paths, on_error=self.errors.append if self.keep_going else None):
            try:
                yield read_document(path, self.max_mb)
            except CheckerError as error:
                if not self.keep_going or isinstance(error, Interrupted):
                    raise  # Ctrl-C or SIGTERM stops the run: it is no bad file to set aside
                self.errors.append(error)

"""Reading source files into `Document` records.

A document is a `.md` or `.txt` file, optionally opening with a YAML front
matter block. Offsets everywhere in checker point into the file's full decoded
text, front matter included, so nothing here strips or rewrites the text.
The publication date comes from front matter (`checker.frontmatter`: checker's
own fields and those of Hugo, Jekyll and Ghost), else from an explicit dateline
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

from .errors import CheckerError, InputError, Interrupted
from .files import decode, read_limited
from .frontmatter import FrontMatter, parse_front_matter
from .lexicon import load_lexicon
from .models import Document

__all__ = ["DocumentReader", "FrontMatter", "iter_paths", "load_documents", "parse_front_matter", "read_document"]

SUFFIXES = (".md", ".txt")
_DATELINE_LINES = 15  # a dateline is looked for only this near the top of the text
DEFAULT_MAX_MB = 10.0


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


def read_document(path: str | Path, max_mb: float = DEFAULT_MAX_MB, *, strict: bool = False,
                  warn: Callable[[str], None] | None = None) -> Document:
    """Read one file into a `Document`, or raise a one-line `InputError` or `FrontMatterError`.

    An unknown front matter field goes to `warn` as a "path:line: ..." line, or with `strict`
    is a `FrontMatterError` (see `checker.frontmatter`)."""
    path = Path(path)
    try:  # a name with a byte that is not UTF-8 could be stored, compared or printed nowhere
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("file name is not UTF-8; rename the file", path=str(path)) from None
    text = read_text(path, max_mb)
    meta, body_start = parse_front_matter(text, str(path), strict, warn)
    if not text[body_start:].strip():  # metadata alone is not an article: say so rather than find nothing
        raise InputError("no article text after the front matter", path=str(path))
    published = meta.publication_date
    published_from = "front matter" if published else None
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
    """Reads the documents under paths: the size limit, how strict front matter is, and what
    a bad file does.

    Without `keep_going` the first bad file raises its error. With it, each
    bad file's error is kept in `errors` (in path order) and the file skipped,
    so one broken file among thousands does not cost the rest; the caller
    reports the errors and still fails the run."""

    max_mb: float = DEFAULT_MAX_MB
    keep_going: bool = False
    strict: bool = False  # an unknown front matter field is an error, not a warning
    errors: list[CheckerError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "path:line: unknown front matter field ..."
    on_warning: Callable[[str], None] | None = None  # told of each warning as its file is read

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)

    def __call__(self, paths: Iterable[str | Path]) -> Iterator[Document]:
        for path in iter_paths(paths, on_error=self.errors.append if self.keep_going else None):
            try:
                yield read_document(path, self.max_mb, strict=self.strict, warn=self._warn)
            except CheckerError as error:
                if not self.keep_going or isinstance(error, Interrupted):
                    raise  # Ctrl-C or SIGTERM stops the run: it is no bad file to set aside
                self.errors.append(error)

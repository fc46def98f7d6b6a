"""A document's YAML front matter, as real publishing systems write it.

Articles arrive from Hugo, Jekyll and Ghost as often as from checker's own
templates, so their fields are accepted: `date` (or Ghost's `published_at`)
is the publication date, as checker's own `published` is; modified dates,
tags, categories, authors, draft flags, slugs and summaries are read and
checked for type. Dates may be YAML dates, ISO strings or ISO datetimes with a
zone, which give the date where they were written ("2025-10-31T00:30:00+01:00"
is 31 October, though it was still 30 October in UTC).

A field checker does not know is kept, and reported as a warning naming its
line (with the known field it is closest to, since most are typos such as
`pubished`): a site's own fields are no reason to refuse an article. With
`strict_front_matter` in settings it is an error instead, for newsrooms that
want a typo to stop the run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from .errors import FrontMatterError, did_you_mean
from .yamlfile import key_lines, load_model

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
FRONT_MATTER_LIMIT = 64_000  # characters; YAML errors cost the pure-Python loader's time and memory
_ZONE_AFTER_SPACE = re.compile(r"\s+(?=(?:Z|[+-]\d\d:?\d\d)$)")  # Jekyll's "2016-03-09 12:00:00 -0500"

# Fields of Hugo, Jekyll and Ghost that say nothing checker uses: accepted as they are, not warned of.
OTHER_KNOWN = frozenset({
    "aliases", "expiryDate", "images", "keywords", "layout", "publishDate", "type", "weight",  # Hugo
    "excerpt_separator", "image", "permalink",  # Jekyll
    "custom_excerpt", "excerpt", "feature_image", "featured", "status", "uuid", "visibility",  # Ghost
})
PUBLICATION_DATES = ("published", "date", "published_at")  # one date under three names: all must agree


def _local_date(value):
    """A date from a YAML date or datetime, or an ISO date or datetime string: the date where it
    was written, zone kept. A bare number is refused, where pydantic would read `published: 0`
    as seconds since 1970 and date the article 1970-01-01."""
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                return _local_date(parse(_ZONE_AFTER_SPACE.sub("", value.strip())))
            except ValueError:
                continue
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("date_not_number", "a date such as 2025-10-30, not the number {number}",
                                  {"number": value})
    raise PydanticCustomError("date_format", "a date such as 2025-10-31 or 2025-10-31T09:00:00+01:00, "
                              "not {value}", {"value": repr(value)[:60]})


def _as_list(value):
    """Jekyll writes one tag or author as a string, Ghost as an object with a name: both as a list."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [item["name"] if isinstance(item, dict) and "name" in item else item for item in items]


Date = Annotated[dt.date | None, BeforeValidator(_local_date)]
Names = Annotated[list[str], BeforeValidator(_as_list)]


class FrontMatter(BaseModel):
    """The fields checker knows in a document's front matter; any other is kept in `model_extra`."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None
    source: str | None = None
    published: Date = None
    url: str | None = None
    date: Date = None  # Hugo, Jekyll: the publication date
    published_at: Date = None  # Ghost
    lastmod: Date = None  # Hugo
    last_modified_at: Date = None  # Jekyll
    updated_at: Date = None  # Ghost
    author: Names = []
    authors: Names = []
    tags: Names = []
    categories: Names = []
    draft: bool = False
    slug: str | None = None
    description: str | None = None
    summary: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _jekyll_published_flag(cls, data):
        """Jekyll's `published: false` is no date but "do not publish": read it as a draft."""
        if isinstance(data, dict) and isinstance(data.get("published"), bool):
            data = dict(data)
            data.setdefault("draft", not data.pop("published"))
        return data

    @property
    def publication_date(self) -> dt.date | None:
        return next((getattr(self, name) for name in PUBLICATION_DATES if getattr(self, name)), None)


def _one_publication_date(meta: FrontMatter, front: str, path: str) -> None:
    """Two names for the publication date that disagree: which one the article means would be
    a guess, so the error is at the later of the two, naming the line of the first."""
    given = [name for name in PUBLICATION_DATES if getattr(meta, name)]
    if len({getattr(meta, name) for name in given}) < 2:
        return
    lines = key_lines(front)
    first, *others = sorted(given, key=lambda name: lines.get(name, 0))
    later = next(name for name in others if getattr(meta, name) != getattr(meta, first))
    raise FrontMatterError(f"[{later}] {getattr(meta, later)} differs from {first}: {getattr(meta, first)} "
                           f"(line {lines[first] + 1}); give the publication date once, or the same in both",
                           path=path, line=lines[later] + 1)


def known_fields() -> list[str]:
    return [*FrontMatter.model_fields, *sorted(OTHER_KNOWN)]


def unknown_fields(meta: FrontMatter, front: str, path: str, strict: bool) -> list[str]:
    """A warning ("path:line: ...") for each field checker does not know, in file order; with
    `strict`, a `FrontMatterError` at the first instead."""
    unknown = [key for key in meta.model_extra or {} if key not in OTHER_KNOWN]
    if not unknown:
        return []
    lines = key_lines(front)
    found = []
    for key in sorted(unknown, key=lambda k: lines.get(k, 0)):
        line = lines[key] + 1 if key in lines else None
        hint = did_you_mean(key, known_fields())
        if strict:
            raise FrontMatterError(f"[{key}] unknown front matter field{hint}; strict_front_matter is on",
                                   path=path, line=line)
        found.append(f"{path}:{line}: unknown front matter field {key!r}, kept{hint}" if line
                     else f"{path}: unknown front matter field {key!r}, kept{hint}")
    return found


def parse_front_matter(text: str, path: str, strict: bool = False,
                       warn: Callable[[str], None] | None = None) -> tuple[FrontMatter, int]:
    """Return the validated front matter and the offset where the body starts; each unknown
    field goes to `warn` (or, with `strict`, is an error)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(), 0
    if len(match.group(1)) > FRONT_MATTER_LIMIT:  # a dozen short fields: anything this long is a mistake
        raise FrontMatterError(f"front matter is {len(match.group(1)) // 1000} KB, over the "
                               f"{FRONT_MATTER_LIMIT // 1000} KB limit", path=path, line=1)
    meta = load_model(match.group(1), FrontMatter, path, FrontMatterError, line_offset=1)
    _one_publication_date(meta, match.group(1), path)
    for warning in unknown_fields(meta, match.group(1), path, strict):
        if warn is not None:
            warn(warning)
    return meta, match.end()

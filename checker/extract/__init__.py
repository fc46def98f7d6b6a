"""Extraction: documents -> spaCy Docs with claim spans -> `Claim` records.

One module per kind of claim (figures, dates, quotes, times, places), each a generator from
a processed Doc to Claims; this module runs the pipeline and collects them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..documents import DocumentReader
from ..lexicon import load_lexicon
from ..models import Claim, Document, Kind
from ..pipeline.build import build_pipeline
from .batch import extract_many
from .chunks import split_text
from .context import ContextReader, Source
from .dates import date_claims
from .figures import figure_claims
from .normalize import Normalized, invisible, visible
from .places import place_claims
from .quotes import quote_claims
from .times import time_claims

if TYPE_CHECKING:
    from .cluster import Cluster

__all__ = ["Extraction", "Extractor", "extract", "extract_text"]


@dataclass
class Extraction:
    """The claims of one document, and what the extractor refused to guess."""

    document: Document
    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)  # "path:line:col: message"


class Extractor:
    """Runs the pipeline (built once) over texts and documents."""

    def __init__(self, model: str | None = None, lexicon_dir: str | None = None):
        self.model, self.lexicon_dir = model, lexicon_dir  # what a worker process rebuilds it from
        self.nlp = build_pipeline(model, lexicon_dir)
        self.context = ContextReader(load_lexicon(lexicon_dir))

    def process(self, text: str, published: dt.date | None) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.published = published
        return self.nlp(doc)

    def pieces(self, source: Source, published: dt.date | None) -> Iterator[tuple[Source, Doc]]:
        """The source's text processed: one Doc, or several when it is longer than spaCy
        takes at once, each with the source moved to where its piece starts."""
        for offset, piece in split_text(source.text.text, self.nlp.max_length):
            yield Source(source.document, source.text, offset), self.process(piece, published)

    def claims(self, doc: Doc, source: Source) -> list[Claim]:
        found = [
            *figure_claims(doc, source, self.context),
            *date_claims(doc, source, self.context),
            *quote_claims(doc, source, self.context),
            *time_claims(doc, source, self.context),
            *place_claims(doc, source, self.context),
        ]
        return sorted(found, key=lambda c: (c.start, c.end, c.kind.value))

    def document(self, document: Document) -> Extraction:
        claims, found = [], []  # found: (offset in the file, message)
        for source, doc in self.pieces(Source(document.id, Normalized(document.text, document.body_start)), document.published):
            claims += uncommented(self.claims(doc, source), document.text)
            found += [(source.span(at, at)[0], message) for at, message in doc._.quote_warnings or []]
        found += [(c.start, hidden_warning(c)) for c in claims if c.kind is not Kind.QUOTE and invisible(c.text)]
        warnings = [f"{document.path}:{where(document.text, at)}: {message}" for at, message in sorted(found, key=lambda f: f[0])]
        return Extraction(document, claims, warnings)

    def text(self, text: str, *, published: dt.date | None = None, document: str = "text") -> list[Claim]:
        found = [c for source, doc in self.pieces(Source(document, Normalized(text)), published) for c in self.claims(doc, source)]
        return uncommented(found, text)

    def many(self, documents: Iterable[Document], jobs: int = 1, cluster: Cluster | None = None) -> Iterator[Extraction]:
        """Extractions of a stream of documents, in order, on `jobs` processes or on a Dask
        `cluster`'s workers (see `batch` and `cluster`)."""
        return extract_many(self, documents, jobs, cluster)

    def paths(self, paths: Iterable[str | Path], reader: DocumentReader | None = None) -> Iterator[Extraction]:
        """Extractions of the documents under `paths`; `reader` sets the size limit and keep-going."""
        for document in (reader or DocumentReader())(paths):
            yield self.document(document)


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def uncommented(claims: list[Claim], text: str) -> list[Claim]:
    """The claims outside HTML comments: a comment is not the article's text (checker's own
    inline comments name claims: "<!-- checker: different-facts 3,400 jobs | ... -->")."""
    spans = [m.span() for m in _HTML_COMMENT.finditer(text)] if "<!--" in text else []
    return [c for c in claims if not any(start <= c.start < end for start, end in spans)]


def where(text: str, offset: int) -> str:
    """"line:column" of an offset, both counted from 1."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def hidden_warning(claim: Claim) -> str:
    """The warning for a figure or date with invisible characters inside. It is read as
    if they were not there (as a reader sees it), but a wrong figure may have been
    hidden that way from an earlier check, so the reviewer is told."""
    names = [f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in dict.fromkeys(invisible(claim.text))]
    plural = "s" if len(names) > 1 else ""
    return f"invisible character{plural} {', '.join(names)} inside “{visible(claim.text)}”, read without {'them' if plural else 'it'}"


def extract(
    paths: Iterable[str | Path] | str | Path,
    *,
    kinds: Iterable[Kind | str] | None = None,
    model: str | None = None,
) -> list[Claim]:
    """Claims from files and folders of `.md`/`.txt` documents, in document order."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    wanted = {Kind(k) for k in kinds} if kinds else None
    return [
        claim
        for result in Extractor(model).paths(paths)
        for claim in result.claims
        if wanted is None or claim.kind in wanted
    ]


def extract_text(
    text: str, *, published: dt.date | None = None, document: str = "text", model: str | None = None
) -> list[Claim]:
    """Claims from a string; offsets point into `text`."""
    return Extractor(model).text(text, published=published, document=document)

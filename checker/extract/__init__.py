"""Extraction: documents -> spaCy Docs with claim spans -> `Claim` records.

One module per kind of claim (figures, dates, quotes), each a generator from
a processed Doc to Claims; this module runs the pipeline and collects them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
from .quotes import quote_claims

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

    def pieces(self, text: str, published: dt.date | None) -> Iterator[tuple[int, Doc]]:
        """`text` processed, with offsets: one Doc, or several when it is longer than spaCy takes at once."""
        for offset, piece in split_text(text, self.nlp.max_length):
            yield offset, self.process(piece, published)

    def claims(self, doc: Doc, source: Source) -> list[Claim]:
        found = [
            *figure_claims(doc, source, self.context),
            *date_claims(doc, source, self.context),
            *quote_claims(doc, source, self.context),
        ]
        return sorted(found, key=lambda c: (c.start, c.end, c.kind.value))

    def document(self, document: Document) -> Extraction:
        claims, warnings = [], []
        for offset, doc in self.pieces(document.text[document.body_start :], document.published):
            start = document.body_start + offset
            claims += self.claims(doc, Source(document.id, start))
            for at, message in doc._.quote_warnings or []:
                absolute = start + at
                line = document.text.count("\n", 0, absolute) + 1
                column = absolute - (document.text.rfind("\n", 0, absolute) + 1) + 1
                warnings.append(f"{document.path}:{line}:{column}: {message}")
        return Extraction(document, claims, warnings)

    def text(self, text: str, *, published: dt.date | None = None, document: str = "text") -> list[Claim]:
        return [c for offset, doc in self.pieces(text, published) for c in self.claims(doc, Source(document, offset))]

    def many(self, documents: Iterable[Document], jobs: int = 1) -> Iterator[Extraction]:
        """Extractions of a stream of documents, in order, on `jobs` processes (see `batch`)."""
        return extract_many(self, documents, jobs)

    def paths(self, paths: Iterable[str | Path], reader: DocumentReader | None = None) -> Iterator[Extraction]:
        """Extractions of the documents under `paths`; `reader` sets the size limit and keep-going."""
        for document in (reader or DocumentReader())(paths):
            yield self.document(document)


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

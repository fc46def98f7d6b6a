"""Ingest: bring a store up to date with a set of documents.

A document whose content hash, pipeline version and rules version are all
unchanged is not extracted again; a changed one is replaced in one
transaction; with `prune`, documents whose files are gone are removed. Every
file is read and checked before anything is written, so a bad file stops the
run with the store as it was — unless the reader keeps going, when bad files
are set aside in its `errors` and the good ones stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .documents import DocumentReader
from .extract import Extractor
from .lexicon import lexicon_version
from .store import ClaimStore, Versions


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    claims: int = 0  # claims written by this run
    warnings: list[str] = field(default_factory=list)


def current_versions(model: str | None = None, lexicon_dir: str | None = None) -> Versions:
    return Versions(pipeline=f"checker {__version__}; {model or 'blank en'}", rules=lexicon_version(lexicon_dir))


def ingest(
    store: ClaimStore,
    paths: Iterable[str | Path],
    *,
    extractor: Extractor,
    versions: Versions,
    prune: bool = False,
    progress: Callable[[str], None] | None = None,
    reader: DocumentReader | None = None,
) -> IngestReport:
    """Extract what changed under `paths` into `store`; `progress` is called once per document."""
    documents = list((reader or DocumentReader())(paths))
    stored = store.state()
    report = IngestReport()
    for document in documents:
        before = stored.get(document.id)
        if before is not None and (before.sha256, before.versions) == (document.sha256, versions):
            report.unchanged.append(document.id)
        else:
            result = extractor.document(document)
            store.replace(document, result.claims, versions)
            (report.updated if before else report.added).append(document.id)
            report.claims += len(result.claims)
            report.warnings.extend(result.warnings)
        if progress:
            progress(document.id)
    if prune:
        seen = {d.id for d in documents}
        for doc_id, state in sorted(stored.items()):
            if doc_id not in seen and not Path(state.path).exists():
                store.remove(doc_id)
                report.removed.append(doc_id)
    return report

"""Ingest: bring a store up to date with a set of documents.

A document whose content hash, pipeline version and rules version are all
unchanged is not extracted again; a changed one is replaced in one
transaction; with `prune`, documents whose files are gone are removed. Every
file is read and checked before anything is written, so a bad file stops the
run with the store as it was — unless the reader keeps going, when bad files
are set aside in its `errors` and the good ones stored.

Memory does not grow with the corpus: the first pass reads and checks every
file but keeps only the path of each one to extract, and the second reads
those again, one batch at a time, on `jobs` processes, and stores each
document's claims as they come.
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
    jobs: int = 1,
) -> IngestReport:
    """Extract what changed under `paths` into `store`; `progress` is called once per document."""
    reader = reader or DocumentReader()
    stored = store.state()
    report = IngestReport()
    seen: set[str] = set()
    changed: list[str] = []
    for document in reader(paths):  # the first pass: every file read and checked, none kept
        seen.add(document.id)
        before = stored.get(document.id)
        if before is not None and (before.sha256, before.versions) == (document.sha256, versions):
            report.unchanged.append(document.id)
            if progress:
                progress(document.id)
        else:
            changed.append(document.path)
    for result in extractor.many(reader(changed), jobs):
        document = result.document
        store.replace(document, result.claims, versions)
        (report.updated if document.id in stored else report.added).append(document.id)
        report.claims += len(result.claims)
        report.warnings.extend(result.warnings)
        if progress:
            progress(document.id)
    if prune:
        for doc_id, state in sorted(stored.items()):
            if doc_id not in seen and not Path(state.path).exists():
                store.remove(doc_id)
                report.removed.append(doc_id)
    return report

"""Ingest: bring a store up to date with a set of documents.

A document whose content hash, pipeline version and rules version are all
unchanged is not extracted again; a changed one is replaced in one
transaction; with `prune`, documents whose files are gone are removed. Every
file is read and checked before anything is written, so a bad file stops the
run with the store as it was — unless the reader keeps going, when bad files
are set aside in its `errors` and the good ones stored.

Memory does not grow with the corpus: the first pass reads and checks every
file but keeps only the path and content hash of each one to extract, and the
second reads those again, one batch at a time, on `jobs` processes (or a Dask
cluster's workers, which send the claims back), and stores each document's
claims as they come, in the order of the files; into a store on a server, a
cluster's workers store the documents themselves and send back only what they
stored of each. Which documents to extract (not the unchanged) is decided here,
in the first pass, before any is sent. What is stored is what was checked: a
file whose hash differs in the second pass (or that no longer reads) changed
while the run went on, and is not stored; the others are, and the run then
fails naming it (with keep-going, it joins the reader's `errors`).

A document's id is its path relative to the store's project root
(`ClaimStore.root`), not to the working folder, so one file ingested from two
folders is one document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .documents import DocumentReader, read_document
from .errors import CheckerError, InputError, Interrupted
from .extract import Extractor
from .extract.batch import Stored
from .lexicon import lexicon_version
from .models import Document
from .store import ClaimStore, Versions

if TYPE_CHECKING:
    from .extract.cluster import Cluster


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


def stored_id(path: str | Path, folder: Path) -> str:
    """A document's id in a store: its path relative to `folder` (the store's root, resolved),
    or absolute outside it."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(folder).as_posix()
    except ValueError:
        return resolved.as_posix()


def _reread(paths: Iterable[str], max_mb: float) -> Iterator[Document]:
    """The files again, leaving out one that no longer reads (it passed its check, so it changed
    since; the caller finds it missing). Ctrl-C is not a bad file: it stops the run."""
    for path in paths:
        try:
            yield read_document(path, max_mb)
        except Interrupted:
            raise
        except CheckerError:
            continue


def _as_stored(documents: Iterable[Document], root: Path | None) -> Iterator[Document]:
    """The documents with their ids in the store of `root` (None: the working folder), which is
    resolved once, not for each document (its links looked up again every time)."""
    folder = (root or Path.cwd()).resolve()
    for document in documents:
        key = stored_id(document.path, folder)
        yield document if key == document.id else document.model_copy(update={"id": key})


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
    cluster: Cluster | None = None,
) -> IngestReport:
    """Extract what changed under `paths` into `store`, on `jobs` processes or a Dask
    `cluster`'s workers; `progress` is called once per document."""
    run = _Run(store, versions, reader or DocumentReader(), progress or (lambda _: None))
    checked = run.check(paths)
    changed = run.extract_and_store(checked, extractor, jobs, cluster)
    if prune:
        run.prune()
    for path in changed:
        error = InputError("changed while ingest ran, after it was checked; not stored (the other documents "
                           "were): run ingest again", path=path)
        if not run.reader.keep_going:
            raise error
        run.reader.errors.append(error)
    return run.report


@dataclass
class _Run:
    """One ingest: what the store held when it began, and what this run did."""

    store: ClaimStore
    versions: Versions
    reader: DocumentReader
    progress: Callable[[str], None]
    report: IngestReport = field(default_factory=IngestReport)
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.stored = self.store.state()

    def check(self, paths: Iterable[str | Path]) -> dict[str, str]:
        """The first pass: every file read and checked, none kept. Returns path -> content hash
        of each file to extract."""
        checked: dict[str, str] = {}
        for document in _as_stored(self.reader(paths), self.store.root):
            self.seen.add(document.id)
            before = self.stored.get(document.id)
            if before is not None and (before.sha256, before.versions) == (document.sha256, self.versions):
                self.report.unchanged.append(document.id)
                self.progress(document.id)
            else:
                checked[document.path] = document.sha256
        return checked

    def extract_and_store(self, checked: dict[str, str], extractor: Extractor, jobs: int,
                          cluster: Cluster | None) -> list[str]:
        """The second pass: read each checked file again and store it if it is still what was
        checked. Returns the paths of those that changed meanwhile."""
        again = _reread(list(checked), self.reader.max_mb)
        same = (d for d in _as_stored(again, self.store.root) if checked[d.path] == d.sha256)
        done: set[str] = set()
        for stored in self._stored(same, extractor, jobs, cluster):
            done.add(stored.path)
            (self.report.updated if stored.id in self.stored else self.report.added).append(stored.id)
            self.report.claims += stored.claims
            self.report.warnings.extend(stored.warnings)
            self.progress(stored.id)
        return [path for path in checked if path not in done]

    def _stored(self, documents: Iterable[Document], extractor: Extractor, jobs: int,
                cluster: Cluster | None) -> Iterator[Stored]:
        """Each document extracted and stored, in order: by the cluster's workers when they can
        reach the store themselves (a server's URL), else here, wherever it was extracted."""
        if cluster is not None and self.store.url is not None:
            yield from cluster.store(extractor, documents, self.store, self.versions)
            return
        for result in extractor.many(documents, jobs, cluster=cluster):
            self.store.replace(result.document, result.claims, self.versions)
            yield Stored(result.document.id, result.document.path, len(result.claims), result.warnings)

    def prune(self) -> None:
        for doc_id, state in sorted(self.stored.items()):
            if doc_id not in self.seen and not Path(state.path).exists():
                self.store.remove(doc_id)
                self.report.removed.append(doc_id)

"""Where a run's claims come from: files extracted now, a store filled before, or both.

With files and a store together the store is a cache: the files are ingested
(only what changed is extracted again) and their claims read back, so a test
session or a report over a large corpus pays for extraction once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .extract import Extraction, Extractor
from .ingest import current_versions, ingest
from .store import ClaimStore, open_store


def stored(db: ClaimStore, only: set[str] | None = None, **filters) -> list[Extraction]:
    """A store's documents (only those with ids in `only`, when given), each with its claims
    that pass `filters` (those of `ClaimStore.claims`)."""
    by_document = defaultdict(list)
    with db.snapshot():  # an ingest running meanwhile must not add documents without their claims
        for claim in db.claims(**filters):
            by_document[claim.document].append(claim)
        documents = db.documents()
    return [Extraction(d, by_document[d.id]) for d in documents if only is None or d.id in only]


def gather(paths: Iterable[str | Path] | None, *, store: str | Path | None = None,
           model: str | None = None) -> list[Extraction]:
    """Extractions of `paths`, through `store` when one is given; no paths: the whole store."""
    paths = list(paths or [])
    if store is None:
        return list(Extractor(model).paths(paths))
    if not paths:
        with open_store(str(store), readonly=True) as db:
            return stored(db)
    with open_store(str(store)) as db:
        report = ingest(db, paths, extractor=Extractor(model), versions=current_versions(model))
        return stored(db, {*report.added, *report.updated, *report.unchanged})

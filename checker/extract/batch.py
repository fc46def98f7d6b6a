"""Extracting many documents: in order, streamed, on one process or several.

Why not spaCy's `nlp.pipe(n_process=...)`: its workers send each Doc back as
`Doc.to_bytes()`, and our span readings (`Reading`, `Attribution` in
`span._`) are not msgpack-serializable, so the call fails; even with encoders
registered, every Doc would be serialized, sent and rebuilt, and the claims
then made on the parent process alone. Here each worker process holds its
own `Extractor` and sends back only the claims (and quote warnings), so the
work the parent does per document is unpickling a few dozen claims.

Documents go out in batches, at most `2 * jobs` batches in flight, so memory
holds a bounded window of the input however long the stream is; results come
back in input order. A worker's claims are the ones `Extractor.document`
gives on one process: the same code runs, only elsewhere. A Dask cluster
(`cluster`) runs the same batches with the same window on its workers.
"""

from __future__ import annotations

import functools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from ..models import Claim, Document

if TYPE_CHECKING:
    from . import Extraction, Extractor
    from .cluster import Cluster

Found = tuple[list[Claim], list[str]]  # a document's claims and warnings, as a worker sends them back


@dataclass(frozen=True)
class Stored:
    """What ingest learns of a document once it is stored, wherever that was done: a worker that
    stored it itself sends back this, not the claims."""

    id: str
    path: str
    claims: int  # how many were written
    warnings: list[str]


BATCH = 8  # documents per task: news articles take milliseconds each, so this hides the IPC
_worker: Extractor | None = None


def _start(model: str | None, lexicon_dir: str | None) -> None:
    """Build the worker's extractor once (free after a fork: the pipeline is cached).

    The parent alone answers Ctrl-C (it stops the pool cleanly), so a worker ignores
    SIGINT; and a worker whose parent was killed outright exits instead of waiting
    forever on a queue nobody will close."""
    global _worker
    from . import Extractor

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker = Extractor(model, lexicon_dir)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def found_in(extractor: Extractor, documents: list[Document]) -> list[Found]:
    """What a worker sends back for a batch: each document's claims and warnings."""
    return [(e.claims, e.warnings) for e in map(extractor.document, documents)]


def _extract(documents: list[Document]) -> list[Found]:
    assert _worker is not None
    return found_in(_worker, documents)


class Pending(Protocol):
    """A batch's result to come: a local pool's future or a Dask cluster's."""

    def result(self) -> Any: ...

    def cancel(self) -> Any: ...


def in_order(submit: Callable[[list[Document]], Pending], documents: Iterable[Document], window: int,
             size: int = BATCH) -> Iterator[tuple[list[Document], Any]]:
    """Each batch of `size` documents with its result, in input order, with at most `window`
    batches submitted and not yet taken: the input is read only as fast as results are used.
    Batches still out when the caller stops (or fails) are cancelled."""
    stream = iter(documents)
    pending: deque[tuple[list[Document], Pending]] = deque()
    try:
        while True:
            while len(pending) < window and (batch := list(islice(stream, size))):
                pending.append((batch, submit(batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            yield batch, future.result()
    finally:
        for _, future in pending:
            future.cancel()


def extractions(batches: Iterable[tuple[list[Document], list[Found]]]) -> Iterator[Extraction]:
    """Each document of each batch with what its worker found: one `Extraction` apiece."""
    from . import Extraction

    for batch, found in batches:
        for document, (claims, warnings) in zip(batch, found, strict=True):
            yield Extraction(document, claims, warnings)


def extract_many(extractor: Extractor, documents: Iterable[Document], jobs: int = 1,
                 cluster: Cluster | None = None) -> Iterator[Extraction]:
    """Extractions of `documents`, in order: on the `cluster`'s workers when one is given, else
    on this process, or on `jobs` worker processes when `jobs` > 1."""
    if cluster is not None:
        yield from cluster.extract(extractor, documents)
        return
    if jobs <= 1:
        yield from map(extractor.document, documents)
        return
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(extractor.model, extractor.lexicon_dir)) as pool:
        yield from extractions(in_order(functools.partial(pool.submit, _extract), documents, 2 * jobs))

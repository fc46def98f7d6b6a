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
gives on one process: the same code runs, only elsewhere.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from ..models import Claim, Document

if TYPE_CHECKING:
    from . import Extraction, Extractor

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


def _extract(documents: list[Document]) -> list[tuple[list[Claim], list[str]]]:
    assert _worker is not None
    return [(e.claims, e.warnings) for e in map(_worker.document, documents)]


def extract_many(extractor: Extractor, documents: Iterable[Document], jobs: int = 1) -> Iterator[Extraction]:
    """Extractions of `documents`, in order; `jobs` > 1 runs that many worker processes."""
    if jobs <= 1:
        yield from map(extractor.document, documents)
        return
    from . import Extraction

    stream = iter(documents)
    pending: deque[tuple[list[Document], Future]] = deque()
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(extractor.model, extractor.lexicon_dir)) as pool:
        try:
            while True:
                while len(pending) < 2 * jobs and (batch := list(islice(stream, BATCH))):
                    pending.append((batch, pool.submit(_extract, batch)))
                if not pending:
                    return
                batch, future = pending.popleft()
                for document, (claims, warnings) in zip(batch, future.result()):
                    yield Extraction(document, claims, warnings)
        finally:
            for _, future in pending:
                future.cancel()

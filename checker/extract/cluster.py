"""Extracting on a Dask cluster: the same batches as the local pool, on other machines.

Dask (`dask.distributed`) is an optional dependency (the `dask` extra), imported
only when a scheduler is named, so a checker without it runs as before. A
`Cluster` is a connected client: `connect` resolves the address and reaches the
scheduler before anything else happens, so a wrong or unreachable address fails
in one line and the caller has written nothing yet.

Each worker process builds its `Extractor` once, on its first batch, and keeps
it (`_worker_extractor`, keyed by model and lexicon folder), so a pipeline is
loaded once per worker, not once per batch. Every batch says which checker and
rules the client runs, and a worker whose own differ refuses it: its claims
would be stored under versions that did not make them.

Into an SQLite file, workers return each document's claims to the client, which
stores them, so the store and its reports are those of a local run. Into a store
that workers reach themselves (a database server's URL, `ClaimStore.url`), each
worker stores its documents, each in the store's own one transaction with its
locks, and sends back only a `Stored` apiece (id, claim count, warnings): the
client's work per document is then reading it and printing a line. A worker
opens the store once per ingest run (`_worker_store`, keyed by the run), keeps it
for every batch of that run and closes it when the client says the run is over;
the documents go out as text, so workers need the store's URL but not the files.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .. import __version__
from ..errors import MissingExtraError, SchedulerError, StoreError
from ..lexicon import lexicon_version
from ..models import Document
from .batch import Found, Stored, extractions, found_in, in_order

if TYPE_CHECKING:
    from distributed import Client

    from ..store import ClaimStore, Versions
    from . import Extraction, Extractor

# documents per task: four times the local pool's, as a Dask task costs more than a pipe write:
# about 2 ms of the client's and scheduler's CPU and 2 ms of the worker's (measured on 2 cores),
# against some 8 ms of extraction per news article; 32 keeps that under 2% of the work, and the
# last batch, which one worker runs while the others have none, at a quarter of a second
BATCH = 32
_ONE_BATCH = threading.Lock()  # a worker with several threads builds its extractor once and runs a batch at a time


class _DaskQuiet:
    """Dask's client logs what goes wrong to stderr (a lost scheduler is a traceback when the
    client closes); checker raises it as an error instead, so while a cluster is in use its
    client-side loggers are kept to CRITICAL, and given back their levels after."""

    NAMES = ("distributed", "distributed.client", "distributed.gc")

    def __init__(self) -> None:
        self.levels = {name: logging.getLogger(name).level for name in self.NAMES}
        for name in self.NAMES:
            logging.getLogger(name).setLevel(logging.CRITICAL)

    def restore(self) -> None:
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)


class Cluster:
    """A client connected to a Dask scheduler; `close` (or leaving `with`) disconnects."""

    def __init__(self, client: Client, address: str, quiet: _DaskQuiet):
        self.client, self.address, self.quiet = client, address, quiet

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            self.quiet.restore()

    def window(self) -> int:
        """Batches in flight: two per worker thread, so none waits idle for the next one while
        the input read at any time stays bounded."""
        return 2 * max(1, sum(self.client.nthreads().values()))

    def ordered(self, task: Callable[..., Any], documents: Iterable[Document], *args: Any) -> Iterator[tuple[list[Document], Any]]:
        """Each batch of `documents` with `task(*args, batch)`'s result, in order, a bounded
        number in flight. A scheduler or worker lost on the way is a `SchedulerError`."""
        from distributed import CancelledError
        from distributed.comm.core import CommClosedError
        from distributed.scheduler import KilledWorker

        submit = functools.partial(self.client.submit, task, *args, pure=False)
        try:
            yield from in_order(submit, documents, self.window(), BATCH)
        except (CommClosedError, TimeoutError, CancelledError, KilledWorker) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise SchedulerError(f"lost the Dask cluster at {self.address} while extracting ({reason}); what was "
                                 "stored before is kept, run again to finish") from None

    def extract(self, extractor: Extractor, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extractions of `documents`, in order, made by the cluster's workers."""
        batches = self.ordered(extract_on_worker, documents, extractor.model, extractor.lexicon_dir, _build(extractor))
        return extractions(batches)

    def store(self, extractor: Extractor, documents: Iterable[Document], store: ClaimStore,
              versions: Versions) -> Iterator[Stored]:
        """`documents` extracted and written to `store` (one with a `url`) by the cluster's
        workers, each under `versions`; what was stored of each, in order."""
        assert store.url is not None, "workers write only to a store they can reach themselves"
        destination = Destination(store.url, store.root, versions)
        batches = self.ordered(store_on_worker, documents, extractor.model, extractor.lexicon_dir, _build(extractor),
                               destination)
        for _, stored in batches:
            yield from stored
        with contextlib.suppress(OSError, TimeoutError):  # a worker gone since closed its own
            self.client.run(_forget_store, destination.run, on_error="ignore")


def _build(extractor: Extractor) -> tuple[str, str]:
    """The checker and rules versions the client runs, which every worker must run too."""
    return __version__, lexicon_version(extractor.lexicon_dir)


@dataclass(frozen=True)
class Destination:
    """Where workers store an ingest run's documents: the store's URL, the folder its document
    ids are relative to (the client's, as a worker runs elsewhere), the versions to record, and
    the run, whose store connection a worker keeps for the run's batches."""

    url: str
    root: Path | None
    versions: Versions
    run: str = field(default_factory=lambda: uuid.uuid4().hex)


def connect(address: str) -> Cluster:
    """A client of the scheduler at `address`, which has at least one worker. The wait for
    either is Dask's connect timeout (`distributed.comm.timeouts.connect`, 30 s unless set)."""
    try:
        import dask
        from distributed import Client
        from distributed.comm.addressing import resolve_address
    except ImportError:
        raise MissingExtraError("--scheduler needs Dask, which is not installed: pip install 'checker[dask]'") from None
    try:
        resolve_address(address)
    except ValueError as error:
        raise SchedulerError(f"{address!r} is not a Dask scheduler address (tcp://HOST:PORT): {error}") from None
    except OSError as error:  # a host name that does not resolve
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    timeout, quiet = dask.config.get("distributed.comm.timeouts.connect"), _DaskQuiet()
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        quiet.restore()
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    cluster = Cluster(client, address, quiet)
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        cluster.close()
        raise SchedulerError(f"the Dask scheduler at {address} has no workers; start one with "
                             f"`dask worker {address}`") from None
    return cluster


@functools.lru_cache(maxsize=2)
def _worker_extractor(model: str | None, lexicon_dir: str | None) -> tuple[Extractor, tuple[str, str]]:
    """This worker process's extractor for a model and lexicon, and the build that made it."""
    from . import Extractor

    return Extractor(model, lexicon_dir), (__version__, lexicon_version(lexicon_dir))


def _checked_extractor(model: str | None, lexicon_dir: str | None, build: tuple[str, str]) -> Extractor:
    """This worker's extractor, once it is known to be the client's checker and rules."""
    extractor, own = _worker_extractor(model, lexicon_dir)
    if own != build:
        raise SchedulerError(f"a Dask worker runs checker {own[0]} with rules {own[1]}, the client checker "
                             f"{build[0]} with rules {build[1]}; install the same checker on both")
    return extractor


def extract_on_worker(model: str | None, lexicon_dir: str | None, build: tuple[str, str],
                      documents: list[Document]) -> list[Found]:
    """The task a worker runs for a client that stores: the claims and warnings of each document of a batch."""
    with _ONE_BATCH:
        return found_in(_checked_extractor(model, lexicon_dir, build), documents)


_RUNS_KEPT = 2  # store connections a worker keeps: the latest run's, and one run's beside it
_stores: dict[str, ClaimStore] = {}  # ingest run -> this worker's connection to its store, oldest first
_STORES_LOCK = threading.Lock()  # `_forget_store` runs on the worker's event loop, beside a batch


def _worker_store(destination: Destination) -> ClaimStore:
    """This worker's connection to the run's store: opened on the run's first batch here, and
    kept for its others until the run ends. A run that never said it ended (interrupted) is
    closed once two newer runs are open: each holds a server connection."""
    store = _stores.get(destination.run)
    if store is None:
        from ..store import open_store

        store = open_store(destination.url)
        store.root = destination.root
        with _STORES_LOCK:
            _stores[destination.run] = store
            oldest = list(_stores)[:-_RUNS_KEPT]
        for run in oldest:
            _forget_store(run)
    return store


def _forget_store(run: str) -> None:
    """Close the run's store: it ended, or met an error (a later batch opens it afresh)."""
    with _STORES_LOCK:
        store = _stores.pop(run, None)
    if store is not None:
        store.close()  # a connection already lost closes without a word


def _on_worker(error: StoreError) -> StoreError:
    """The error with the worker's host named: the client reached the store, a worker did not."""
    said = str(error).removeprefix(f"{error.path}: ") if error.path is not None else str(error)
    return type(error)(f"on the Dask worker on {socket.gethostname()}, {said}", path=error.path)


def store_on_worker(model: str | None, lexicon_dir: str | None, build: tuple[str, str], destination: Destination,
                    documents: list[Document]) -> list[Stored]:
    """The task a worker runs into a store it reaches itself: each document of a batch extracted
    and stored in its own transaction (an error stops the batch with the earlier ones stored)."""
    with _ONE_BATCH:
        extractor = _checked_extractor(model, lexicon_dir, build)
        try:
            return _extract_and_store(extractor, _worker_store(destination), documents, destination.versions)
        except StoreError as error:
            _forget_store(destination.run)
            raise _on_worker(error) from None


def _extract_and_store(extractor: Extractor, store: ClaimStore, documents: list[Document],
                       versions: Versions) -> list[Stored]:
    """Each document stored on a second thread while the next is extracted: a write waits on
    the server (a round trip and its work there), and a thread waiting leaves the extractor running."""
    stored: list[Stored] = []
    with ThreadPoolExecutor(1, thread_name_prefix="checker-store") as writer:
        writing: Future[Stored] | None = None
        for document in documents:
            found = extractor.document(document)
            if writing is not None:
                stored.append(writing.result())
            writing = writer.submit(_store_one, store, found, versions)
        if writing is not None:
            stored.append(writing.result())
    return stored


def _store_one(store: ClaimStore, found: Extraction, versions: Versions) -> Stored:
    store.replace(found.document, found.claims, versions)
    return Stored(found.document.id, found.document.path, len(found.claims), found.warnings)

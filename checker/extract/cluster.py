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

Workers return each document's claims to the client, which stores them, so the
store is whatever the client opened and its contents and reports are those of
a local run. A store that workers can reach themselves (a database server)
would let them write too: `Cluster.ordered` runs any batch task in order with
the same bounded window, so such a task would return what it wrote instead of
the claims.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Self

from .. import __version__
from ..errors import MissingExtraError, SchedulerError
from ..lexicon import lexicon_version
from ..models import Document
from .batch import Found, extractions, found_in, in_order

if TYPE_CHECKING:
    from distributed import Client

    from . import Extraction, Extractor

# documents per task: twice the local pool's, as a Dask task costs more to schedule and send
# than a pipe write (about a millisecond against 0.1 s of extraction for a batch of news articles)
BATCH = 16
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
        build = (__version__, lexicon_version(extractor.lexicon_dir))
        batches = self.ordered(extract_on_worker, documents, extractor.model, extractor.lexicon_dir, build)
        return extractions(batches)


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


def extract_on_worker(model: str | None, lexicon_dir: str | None, build: tuple[str, str],
                      documents: list[Document]) -> list[Found]:
    """The task a worker runs: the claims and warnings of each document of a batch."""
    with _ONE_BATCH:
        extractor, own = _worker_extractor(model, lexicon_dir)
        if own != build:
            raise SchedulerError(f"a Dask worker runs checker {own[0]} with rules {own[1]}, the client checker "
                                 f"{build[0]} with rules {build[1]}; install the same checker on both")
        return found_in(extractor, documents)

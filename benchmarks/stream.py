"""The rule engine over a claim store, whole (`check`) and a story at a time (`check_store`).

    python benchmarks/stream.py --store STORE [--claims 100000 300000 1000000] [--repeat 1]
                                [--whole-up-to 300000] [--work DIR] [--output FILE]

STORE is a store of ingested articles (benchmarks/perf.py leaves one of its
largest corpus as `claims-N.db` in its work folder; benchmarks/generate.py
writes the articles). Archives of each `--claims` count are grown from its
claims (benchmarks/corpus.py: Archive) and written into stores under
`--work`; then each engine runs over each store in a fresh process, so that
its peak memory (ru_maxrss) is its own, `--repeat` times (the median time is
printed). The whole-store run loads every claim, as `checker report` does;
it runs up to `--whole-up-to` claims (above that it needs gigabytes). Both
give the same findings (tests/test_stream.py); the benchmark checks their
count and a digest of them. Prints a table and writes it to `--output`
(default benchmarks/results/stream-<date>.txt). Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Archive, fit, in_process, stage_or_report, started

STAGES = {}


def stage(func):
    STAGES[func.__name__] = func
    return func


@stage
def grow(source: str, target: str, claims: int) -> dict:
    """An archive of `claims` claims grown from the source store's, written into a fresh store."""
    from checker.ingest import current_versions
    from checker.store import open_store

    with open_store(str(source), readonly=True) as db:
        archive = Archive(list(db.claims()), db.documents())
    grown, documents = archive.grown(claims)
    del archive
    by_document: dict[str, list] = {d.id: [] for d in documents}
    for claim in grown:
        by_document[claim.document].append(claim)
    versions = current_versions()
    with open_store(str(target)) as out:
        out.replace_all((d, by_document[d.id], versions) for d in documents)
    return {"claims": len(grown), "documents": len(documents)}


def _digest(findings) -> tuple[int, str]:
    """How many findings, and a digest of them in order, read one at a time."""
    digest, count = hashlib.sha256(), 0
    for finding in findings:
        digest.update((("\n" if count else "") + finding.model_dump_json()).encode())
        count += 1
    return count, digest.hexdigest()[:12]


@stage
def whole(store: str) -> dict:
    """Every claim loaded, then `check` (what `checker report` does over a store)."""
    from checker.engine import check
    from checker.gather import stored
    from checker.store import open_store

    t0 = time.perf_counter()
    with open_store(str(store), readonly=True) as db:
        extractions = stored(db)
    count, digest = _digest(check([c for e in extractions for c in e.claims], [e.document for e in extractions]))
    return {"seconds": time.perf_counter() - t0, "findings": count, "digest": digest}


@stage
def streamed(store: str) -> dict:
    """`each_finding` (`check_store` without its list): one story at a time, the findings read
    one at a time, in order, as `checker report` writes them."""
    from checker.engine.stream import each_finding
    from checker.store import open_store

    t0 = time.perf_counter()
    with open_store(str(store), readonly=True) as db:
        count, digest = _digest(each_finding(db))
    return {"seconds": time.perf_counter() - t0, "findings": count, "digest": digest}


def run_stage(name: str, **kwargs) -> dict:
    """One stage in a fresh interpreter: its result and its own peak memory."""
    return in_process(__file__, name, kwargs)


def repeated(name: str, times: int, **kwargs) -> dict:
    """The stage `times` times: the median seconds, the largest peak memory, the last findings."""
    runs = [run_stage(name, **kwargs) for _ in range(times)]
    return {**runs[-1], "seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--claims", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--whole-up-to", type=int, default=300_000)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--output", type=Path, default=HERE / "results" / f"stream-{dt.date.today()}.txt")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.stage and not args.store:
        parser.error("--store is required")
    return stage_or_report(args, STAGES, report)


def report(args) -> int:
    work, say = started(args, "stream", "rule engine over a store")
    say(f"{'claims':>10} {'documents':>9} {'findings':>9} {'whole s':>8} {'whole MB':>8} {'story s':>8} "
        f"{'story MB':>8} {'same':>5}")
    times, memory = [], []
    for count in args.claims:
        store = work / f"grown-{count}.db"
        if not store.exists():
            run_stage("grow", source=str(args.store), target=str(store), claims=count)
        with_parts = repeated("streamed", args.repeat, store=str(store))
        times.append((count, with_parts["seconds"]))
        memory.append((count, with_parts["peak_mb"]))
        at_once = repeated("whole", args.repeat, store=str(store)) if count <= args.whole_up_to else None
        from checker.store import open_store

        with open_store(str(store), readonly=True) as db:
            documents, claims = db.counts()
        say(f"{claims:>10,} {documents:>9,} {with_parts['findings']:>9,} "
            + (f"{at_once['seconds']:>8.1f} {at_once['peak_mb']:>8.0f} " if at_once else f"{'-':>8} {'-':>8} ")
            + f"{with_parts['seconds']:>8.1f} {with_parts['peak_mb']:>8.0f} "
            + (f"{'yes' if at_once['digest'] == with_parts['digest'] else 'NO':>5}" if at_once else f"{'-':>5}"))
    if len(times) > 1:
        say(f"story at a time, growth exponents (least squares on log claims): seconds {fit(times):.2f}, "
            f"peak memory {fit(memory):.2f}")
    say.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

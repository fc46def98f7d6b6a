"""Ingest on a Dask cluster beside local processes: articles per second and the speed-up.

    python benchmarks/cluster.py [--articles 1000] [--rounds 3] [--work DIR] [--output FILE]

One generated corpus (benchmarks/generate.py, seed 7) is ingested into a fresh
SQLite store by `checker.ingest.ingest` four ways: on this process (`--jobs 1`),
on 2 local processes (`--jobs 2`), and on a `dask.distributed.LocalCluster` of
1 and of 2 worker processes with one thread each (`--scheduler`). Each way is
warmed up on a small corpus first (a cluster's workers build their pipelines
on their first batch, once, as a long-lived cluster's workers do), so the
figures are the steady state. The four take turns for `--rounds` rounds and each keeps its best
time: the load of the machine changes over a run, and turns keep the ratios fair.
Articles per second are end to end: files read and checked twice, claims
extracted, sent back and stored. Prints a table and writes it to `--output`
(default benchmarks/results/cluster-<date>.txt). Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_line, save
from generate import generate

WARM_UP_ARTICLES = 40  # enough batches to reach every worker of a 2-worker cluster


def cpu_seconds(cluster) -> tuple[float, float]:
    """CPU time so far of this process (with a LocalCluster's scheduler, which runs here) and of
    the workers: the local pool's finished processes, or the cluster's live ones."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = sum(cluster.client.run(time.process_time).values()) if cluster else children.ru_utime + children.ru_stime
    return own.ru_utime + own.ru_stime, workers


def ingest_once(corpus: Path, store: Path, extractor, jobs: int = 1, cluster=None) -> dict:
    """One ingest of `corpus` into a fresh `store`: its seconds, the articles it stored, and the
    CPU seconds this process and the workers spent."""
    from checker.ingest import current_versions, ingest
    from checker.store import open_store

    store.unlink(missing_ok=True)
    with open_store(str(store)) as db:
        cpu_before, t0 = cpu_seconds(cluster), time.perf_counter()
        report = ingest(db, [corpus], extractor=extractor, versions=current_versions(), jobs=jobs, cluster=cluster)
        seconds, cpu_after = time.perf_counter() - t0, cpu_seconds(cluster)
    return {"seconds": seconds, "stored": len(report.added), "client cpu": cpu_after[0] - cpu_before[0],
            "worker cpu": cpu_after[1] - cpu_before[1]}


def timed_way(corpus: Path, warm: Path, work: Path, extractor, jobs: int = 1, workers: int = 0) -> dict:
    """One timed ingest on `jobs` local processes, or on a fresh LocalCluster of `workers`
    processes (one thread each) warmed up first. One cluster at a time: an idle one's
    scheduler and nannies would take CPU from the other's run."""
    if not workers:
        ingest_once(warm, work / "warm.db", extractor, jobs)
        return ingest_once(corpus, work / "claims.db", extractor, jobs)
    from distributed import LocalCluster

    from checker.extract.cluster import connect

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            connect(local.scheduler_address) as cluster:
        ingest_once(warm, work / "warm.db", extractor, cluster=cluster)
        return ingest_once(corpus, work / "claims.db", extractor, cluster=cluster)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where the corpus and stores go (default: a temporary folder)")
    parser.add_argument("--output", type=Path, default=HERE / "results" / f"cluster-{dt.date.today()}.txt")
    args = parser.parse_args(argv)
    from checker.extract import Extractor

    work = args.work or Path(tempfile.mkdtemp(prefix="checker-cluster-"))
    corpus, warm = work / f"corpus-{args.articles}", work / "warm-up"
    for folder, count in ((corpus, args.articles), (warm, WARM_UP_ARTICLES)):
        if not folder.exists():
            generate(folder, count)
    extractor = Extractor()
    ways = {"local, 1 process (--jobs 1)": {"jobs": 1}, "local, 2 processes (--jobs 2)": {"jobs": 2},
            "Dask, 1 worker": {"workers": 1}, "Dask, 2 workers": {"workers": 2}}
    best: dict[str, dict] = {}
    for round_number in range(args.rounds):
        for name, way in ways.items():
            run = timed_way(corpus, warm, work, extractor, **way)
            assert run["stored"] == args.articles, (name, run)
            if name not in best or run["seconds"] < best[name]["seconds"]:
                best[name] = run
            print(f"  round {round_number + 1}: {name}: {run['seconds']:.1f} s", flush=True)
    return report(args, best)


def report(args, best: dict[str, dict]) -> int:
    heading = (f"checker ingest on a Dask cluster, {dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores, "
               f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}")
    about = (f"{args.articles} generated articles into a fresh SQLite store, end to end; best of {args.rounds} "
             "rounds taken in turns; CPU seconds of that run: the client process (with the LocalCluster's "
             "scheduler) and the workers")
    lines = [heading, f"command: python benchmarks/cluster.py {' '.join(sys.argv[1:])}", "", about,
             f"{'':30} {'seconds':>8} {'articles/s':>10} {'speed-up':>9} {'client CPU s':>12} {'worker CPU s':>12}"]
    base = {"local": best["local, 1 process (--jobs 1)"]["seconds"], "Dask": best["Dask, 1 worker"]["seconds"]}
    for name, run in best.items():
        lines.append(f"{name:30} {run['seconds']:>8.1f} {args.articles / run['seconds']:>10.0f} "
                     f"{base[name.split(',')[0]] / run['seconds']:>8.2f}x {run['client cpu']:>12.1f} {run['worker cpu']:>12.1f}")
    lines += ["", "speed-up: against the same kind's single process (local) or single worker (Dask)", load_line()]
    print("\n".join(lines))
    save(lines, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

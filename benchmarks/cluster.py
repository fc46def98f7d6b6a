"""Ingest on a Dask cluster beside local processes: articles per second and the speed-up.

    python benchmarks/cluster.py [--articles 1000] [--rounds 3] [--work DIR] [--output FILE]
    .ci/postgres python benchmarks/cluster.py --postgres [--url URL] [--before FOLDER] [...]

One generated corpus (benchmarks/generate.py, seed 7) is ingested into a fresh
SQLite store by `checker.ingest.ingest` four ways: on this process (`--jobs 1`),
on 2 local processes (`--jobs 2`), and on a `dask.distributed.LocalCluster` of
1 and of 2 worker processes with one thread each (`--scheduler`). With
`--postgres`, the four ways are the cluster's of 1 and 2 workers into SQLite
(the workers send the claims back, the client stores them) and into a fresh
PostgreSQL database (the workers store the documents themselves), on the server
of `--url` (default: $CHECKER_TEST_POSTGRES, which `.ci/postgres` sets); the
server's CPU time is measured when it runs here (as .ci/postgres runs it). Each way
runs in a fresh process (the client), and is warmed up on a small corpus first (a
cluster's workers build their pipelines on their first batch, once, as a long-lived
cluster's workers do), so the figures are the steady state. `--before FOLDER`: each
way also runs with the checker in FOLDER (an earlier commit's files), the two taking
turns. The ways take turns for `--rounds` rounds and each keeps its best
time: the load of the machine changes over a run, and turns keep the ratios fair.
Articles per second are end to end: files read and checked twice, claims
extracted, sent back and stored (or stored by the workers). CPU seconds (of the
client, the workers and the server) are what the load of a shared machine changes
least; the bound column is the least time they allow on this machine's cores.
Prints a table and writes it to `--output`
(default benchmarks/results/cluster-<date>.txt, or cluster-<date>-pg.txt). Asserts nothing.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # after $PYTHONPATH, which may name another checker (--before)

from corpus import in_process, load_line, save, stage_or_report
from generate import generate

from tests.postgres_server import ENV, fresh_database, server_url

WARM_UP_ARTICLES = 40  # enough batches to reach every worker of a 2-worker cluster


def cpu_seconds(cluster, url: str | None) -> tuple[float, float, float]:
    """CPU time so far of this process (with a LocalCluster's scheduler, which runs here), of
    the workers (the local pool's finished processes, or the cluster's live ones) and of the
    PostgreSQL server of `url`."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = sum(cluster.client.run(time.process_time).values()) if cluster else children.ru_utime + children.ru_stime
    return own.ru_utime + own.ru_stime, workers, server_cpu(url)


def server_cpu(url: str | None) -> float:
    """CPU seconds so far of the PostgreSQL server of `url` if it runs on this machine with its
    data folder in its socket folder (as `.ci/postgres` starts it): the postmaster, its ended
    backends (their time is its children's once reaped) and its live processes; else 0. The
    postmaster is read before and after its live processes, and all again if it reaped one
    meanwhile (a backend that ended between the reads would be counted in neither, or twice)."""
    host = parse_qs(urlsplit(url).query).get("host", [""])[0] if url else ""
    pid_file = Path(host) / "data" / "postmaster.pid"
    if not host or not pid_file.is_file():
        return 0.0
    postmaster = int(pid_file.read_text().split()[0])
    while True:
        own = _ticks(postmaster, 15)  # its own time and its reaped children's
        live = sum(_ticks(pid, 13) for pid in _children(postmaster))
        if _ticks(postmaster, 15) == own:
            return (own + live) / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """A process's /proc stat fields from its state on (ppid at 1, utime at 11), or none if it has ended."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _ticks(pid: int, upto: int) -> int:
    """Clock ticks of a process: utime and stime (`upto` 13), with its reaped children's (15)."""
    return sum(int(value) for value in _stat(pid)[11:upto])


def _children(parent: int) -> list[int]:
    return [int(entry.name) for entry in Path("/proc").glob("[0-9]*")
            if (fields := _stat(int(entry.name))) and int(fields[1]) == parent]


@contextmanager
def fresh_store(work: Path, name: str, url: str | None) -> Iterator[str]:
    """A new, empty store: a database on the server of `url`, or else the SQLite file `name` in `work`."""
    if url:
        with fresh_database(url) as database:
            yield database
        return
    store = work / name
    store.unlink(missing_ok=True)
    yield str(store)


def ingest_once(corpus: Path, store: str, extractor, jobs: int = 1, cluster=None) -> dict:
    """One ingest of `corpus` into the new `store`: its seconds, the articles it stored, and the
    CPU seconds this process and the workers spent."""
    from checker.ingest import current_versions, ingest
    from checker.store import open_store

    with open_store(store) as db:
        url = store if db.url else None
        cpu_before, t0 = cpu_seconds(cluster, url), time.perf_counter()
        report = ingest(db, [corpus], extractor=extractor, versions=current_versions(), jobs=jobs, cluster=cluster)
        seconds, cpu_after = time.perf_counter() - t0, cpu_seconds(cluster, url)
    spent = [after - before for before, after in zip(cpu_before, cpu_after, strict=True)]
    return {"seconds": seconds, "stored": len(report.added), "client cpu": spent[0], "worker cpu": spent[1],
            "server cpu": spent[2]}


def timed_way(corpus: str, warm: str, work: str, jobs: int = 1, workers: int = 0, url: str | None = None) -> dict:
    """One timed ingest (this process being the client) on `jobs` local processes, or on a
    fresh LocalCluster of `workers` processes (one thread each) warmed up first, into a new
    SQLite store, or a new database on the server of `url`. One cluster at a time: an idle
    one's scheduler and nannies would take CPU from the other's run."""
    from checker.extract import Extractor

    extractor, corpus_folder, warm_folder, work_folder = Extractor(), Path(corpus), Path(warm), Path(work)
    if not workers:
        with fresh_store(work_folder, "warm.db", url) as store:
            ingest_once(warm_folder, store, extractor, jobs)
        with fresh_store(work_folder, "claims.db", url) as store:
            return ingest_once(corpus_folder, store, extractor, jobs)
    from distributed import LocalCluster

    from checker.extract.cluster import connect

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            connect(local.scheduler_address) as cluster:
        with fresh_store(work_folder, "warm.db", url) as store:
            ingest_once(warm_folder, store, extractor, cluster=cluster)
        with fresh_store(work_folder, "claims.db", url) as store:
            return ingest_once(corpus_folder, store, extractor, cluster=cluster)


def ways(url: str | None, before: str | None) -> dict[str, tuple[dict, str, str | None]]:
    """Each way to time: its arguments to `timed_way`, the way its speed-up is against, and the
    folder of the checker it runs (None: this one); with `before`, each way with both checkers."""
    if not url:
        plain = {"local, 1 process (--jobs 1)": ({"jobs": 1}, "local, 1 process (--jobs 1)"),
                 "local, 2 processes (--jobs 2)": ({"jobs": 2}, "local, 1 process (--jobs 1)"),
                 "Dask, 1 worker": ({"workers": 1}, "Dask, 1 worker"),
                 "Dask, 2 workers": ({"workers": 2}, "Dask, 1 worker")}
    else:
        plain = {"SQLite, Dask 1 worker": ({"workers": 1}, "SQLite, Dask 1 worker"),
                 "SQLite, Dask 2 workers": ({"workers": 2}, "SQLite, Dask 1 worker"),
                 "PostgreSQL, Dask 1 worker": ({"workers": 1, "url": url}, "PostgreSQL, Dask 1 worker"),
                 "PostgreSQL, Dask 2 workers": ({"workers": 2, "url": url}, "PostgreSQL, Dask 1 worker")}
    if not before:
        return {name: (way, base, None) for name, (way, base) in plain.items()}
    return {f"{name} ({label})": (way, f"{base} ({label})", code)
            for name, (way, base) in plain.items() for label, code in (("before", before), ("after", None))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where the corpus and stores go (default: a temporary folder)")
    parser.add_argument("--postgres", action="store_true", help="the cluster into SQLite and into PostgreSQL")
    parser.add_argument("--url", default=server_url(), help=f"a database on the PostgreSQL server (default: ${ENV})")
    parser.add_argument("--before", help="a folder holding an earlier checker, timed side by side")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.postgres and not args.url:
        parser.error(f"--postgres needs a server: set {ENV} (run under .ci/postgres) or give --url")
    args.output = args.output or HERE / "results" / f"cluster-{dt.date.today()}{'-pg' if args.postgres else ''}.txt"
    return stage_or_report(args, {"way": timed_way}, run_ways)


def run_ways(args) -> int:
    """Every way in turn, `--rounds` times, each in a fresh process; then the table."""
    work = args.work or Path(tempfile.mkdtemp(prefix="checker-cluster-"))
    corpus, warm = work / f"corpus-{args.articles}", work / "warm-up"
    for folder, count in ((corpus, args.articles), (warm, WARM_UP_ARTICLES)):
        if not folder.exists():
            generate(folder, count)
    timed = ways(args.url if args.postgres else None, args.before)
    runs: dict[str, list[dict]] = {name: [] for name in timed}
    rounds = []
    for round_number in range(args.rounds):
        for name, (way, _, code) in timed.items():
            run = in_process(__file__, "way", {"corpus": str(corpus), "warm": str(warm), "work": str(work), **way},
                             code)
            assert run["stored"] == args.articles, (name, run)
            runs[name].append(run)
            rounds.append(f"  round {round_number + 1}: {name}: {run['seconds']:.1f} s, CPU s client "
                          f"{run['client cpu']:.1f}, workers {run['worker cpu']:.1f}, server {run['server cpu']:.1f}; "
                          f"load average {os.getloadavg()[0]:.2f}")
            print(rounds[-1], flush=True)
    return report(args, timed, runs, rounds)


def least_seconds(run: dict, way: dict) -> float:
    """The least time a run's CPU seconds allow on this machine's cores, were they free: the
    busiest process's (a worker's share, or the client's), or all of them spread over every core."""
    processes = way.get("workers") or way.get("jobs", 1)
    spent = run["client cpu"] + run["worker cpu"] + run["server cpu"]
    return max(run["worker cpu"] / processes, run["client cpu"], spent / (os.cpu_count() or 1))


def busiest_seconds(run: dict, way: dict) -> float:
    """The least time a run's CPU seconds allow were each process on cores of its own (the
    workers, the client and the server on machines of their own, as a real cluster runs): the
    busiest one's."""
    return max(run["worker cpu"] / (way.get("workers") or way.get("jobs", 1)), run["client cpu"], run["server cpu"])


def middle(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def report(args, timed: dict[str, tuple[dict, str, str | None]], runs: dict[str, list[dict]], rounds: list[str]) -> int:
    heading = (f"checker ingest on a Dask cluster, {dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores, "
               f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}")
    into = "a fresh SQLite store and a fresh PostgreSQL database" if args.postgres else "a fresh SQLite store"
    about = (f"{args.articles} generated articles into {into}, end to end; best and median of {args.rounds} "
             "rounds taken in turns; CPU seconds (median of the rounds): the client process (with the "
             "LocalCluster's scheduler), the workers and the PostgreSQL server"
             + (f"; before: the checker in {args.before}" if args.before else ""))
    server = ".ci/postgres " if args.postgres else ""
    width = max(map(len, timed))
    columns = (f"{'':{width}} {'best s':>7} {'articles/s':>10} {'speed-up':>9} {'median s':>9} {'speed-up':>9} "
               f"{'client CPU s':>12} {'worker CPU s':>12} {'server CPU s':>12} {'bound s':>8} {'speed-up':>9} "
               f"{'apart s':>8} {'speed-up':>9}")
    lines = [heading, f"command: {server}python benchmarks/cluster.py {' '.join(sys.argv[1:])}", "", about, columns]
    best = {name: min(run["seconds"] for run in done) for name, done in runs.items()}
    median = {name: middle([run["seconds"] for run in done]) for name, done in runs.items()}
    cpu = {name: {key: middle([run[key] for run in done]) for key in ("client cpu", "worker cpu", "server cpu")}
           for name, done in runs.items()}
    bound = {name: least_seconds(cpu[name], way) for name, (way, _, _) in timed.items()}
    apart = {name: busiest_seconds(cpu[name], way) for name, (way, _, _) in timed.items()}
    for name, (_, base, _) in timed.items():
        lines.append(f"{name:{width}} {best[name]:>7.1f} {args.articles / best[name]:>10.0f} "
                     f"{best[base] / best[name]:>8.2f}x {median[name]:>9.1f} {median[base] / median[name]:>8.2f}x "
                     f"{cpu[name]['client cpu']:>12.1f} {cpu[name]['worker cpu']:>12.1f} "
                     f"{cpu[name]['server cpu']:>12.1f} {bound[name]:>8.1f} {bound[base] / bound[name]:>8.2f}x "
                     f"{apart[name]:>8.1f} {apart[base] / apart[name]:>8.2f}x")
    lines += ["", "speed-up: against the same store's (and checker's) single process (local) or single worker (Dask)",
              ("bound: the least time the CPU seconds allow were the cores free: the busiest process's (a "
               "worker's share, or the client's), or all of them spread over every core"),
              ("apart: the least time they allow were each process on cores of its own (workers, client and "
               "server on machines of their own): the busiest one's"),
              "rounds, in the order run:", *rounds, load_line()]
    print("\n".join(lines))
    save(lines, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Two `checker ingest` processes into one PostgreSQL store at once, killed at random, many
times: count the documents lost, duplicated or half-written.

Each trial makes a fresh database, starts two ingests together on overlapping folders (a
shared folder, and one of each process's own), and once a random number of documents is
stored sends SIGKILL to one of them or to both. Then it counts: documents stored without all
their claims (half-written), files stored twice (duplicated), files of a process that was
not killed but are missing (lost by the survivor); runs one ingest of every folder, which
must report the documents already stored as unchanged, and counts the files still missing
(lost) or stored twice.

    .ci/postgres .venv/bin/python benchmarks/postgres_ingest.py [--trials 20] [--articles 40] [--seed 1]

needs a server: the URL of a database on it in CHECKER_TEST_POSTGRES (which `.ci/postgres`
sets), or --url; each trial's database is made beside it and dropped. Prints one line per
trial and the totals; exits 1 if any document was lost, duplicated or half-written.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ingest_processes import (
    assert_consistent,
    corpus,
    ingest_process,
    stored_documents,
    stored_files,
)
from tests.postgres_server import ENV, fresh_database, server_url

VICTIMS = {"first": [0], "second": [1], "both": [0, 1]}  # which of the two processes are killed


def _files(folders: list[Path]) -> list[str]:
    return sorted(str(path.resolve()) for folder in folders for path in folder.glob("*.md"))


def _wait_for(processes, store: str, target: int, timeout: float = 300) -> bool:
    """Wait until `target` documents are stored while a process still runs; whether one does."""
    deadline = time.time() + timeout
    while time.time() < deadline and any(p.poll() is None for p in processes) and stored_documents(store) < target:
        time.sleep(0.02)
    return any(p.poll() is None for p in processes)


def _consistent(store: str) -> int | None:
    """Documents stored, or None when one is half-written (or a file stored twice)."""
    try:
        return assert_consistent(store)
    except AssertionError:
        return None


def trial(number: int, store: str, shared: Path, own: list[Path], rng: random.Random) -> Counter:
    folders = [[shared, folder] for folder in own]
    expected = _files([shared, *own])
    target, victims = rng.randrange(0, len(expected)), rng.choice(sorted(VICTIMS))
    processes = [ingest_process(store, paths) for paths in folders]
    running = _wait_for(processes, store, target)
    killed = VICTIMS[victims]
    for i in killed:
        if processes[i].poll() is None:
            processes[i].send_signal(signal.SIGKILL)
    codes = [(p.communicate(timeout=600), p.returncode)[1] for p in processes]
    stored = _consistent(store)
    on_file = stored_files(store)
    counts = Counter(mid_run=running, killed=len(killed))
    counts["half_written"] += stored is None
    counts["duplicated"] += len(on_file) - len(set(on_file))
    for i, paths in enumerate(folders):
        if i not in killed:  # a survivor finished: every one of its files is stored
            counts["survivor_failed"] += codes[i] != 0
            counts["lost_by_survivor"] += len(set(_files(paths)) - set(on_file))
    resumed = ingest_process(store, [shared, *own])
    out, _ = resumed.communicate(timeout=600)
    counts["resume_failed"] += resumed.returncode != 0 or f"unchanged {len(on_file)}," not in out
    after = stored_files(store)
    counts["lost"] += len(set(expected) - set(after))
    counts["duplicated"] += len(after) - len(set(after))
    counts["half_written"] += _consistent(store) is None
    print(f"trial {number:>2}: kill {victims:6} at {target:>3} stored (mid-run: {running}); "
          f"{len(on_file)} stored then, {len(after)} of {len(expected)} after the re-run; exit codes {codes}",
          flush=True)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40, help="in the shared folder; each process has a quarter more")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", default=server_url(), help=f"a database on the server (default: ${ENV})")
    args = parser.parse_args()
    if not args.url:
        parser.error(f"no server: set {ENV} (run under .ci/postgres) or give --url")
    rng, tally, started = random.Random(args.seed), Counter(), time.time()
    with tempfile.TemporaryDirectory() as tmp:
        shared = corpus(Path(tmp) / "shared", args.articles, "s")
        own = [corpus(Path(tmp) / name, max(1, args.articles // 4), name) for name in ("one", "two")]
        for number in range(1, args.trials + 1):
            with fresh_database(args.url) as store:
                tally.update(trial(number, store, shared, own, rng))
    bad = ("lost", "duplicated", "half_written", "lost_by_survivor", "survivor_failed", "resume_failed")
    print(f"\n{args.trials} trials, 2 processes each, {args.articles} shared articles + {args.articles // 4} "
          f"each, in {time.time() - started:.0f} s: killed mid-run {tally['mid_run']} times, {tally['killed']} "
          "processes killed")
    print("  " + ", ".join(f"{key.replace('_', ' ')} {tally[key]}" for key in bad))
    return 1 if any(tally[key] for key in bad) else 0


if __name__ == "__main__":
    sys.exit(main())

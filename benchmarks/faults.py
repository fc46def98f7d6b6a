"""Kill `checker ingest` at random points, many times, and count what survives.

Each trial starts a real ingest (one or two processes) on a generated corpus,
sends SIGKILL, SIGTERM or SIGINT when a random number of documents is stored
(0: straight away, possibly before the store exists), then checks that the
store passes SQLite's integrity check, that every stored document has all its
claims, that no worker process outlived its parent, and that the next run
finishes the job, reporting the documents already stored as unchanged. In
every other trial, `checker export` and `checker report` first run together
on the store while the ingest still writes (the signal follows if it is
still running): each must succeed and show every document with all its
claims (one consistent state, never half an ingest).

Before the trials, each kind of file checker reads (a draft, a corpus file,
a rules file, a fact sheet, a baseline, an import file, the settings) is
given as a FIFO and as a link to /dev/zero (tests/hostile_inputs.py): each
run must end at once with its one error line and exit code, not hang or
fill memory.

    .venv/bin/python benchmarks/faults.py [--trials 60] [--articles 120] [--seed 1]

Prints one line per case and per trial and a summary; exits 1 if any failed
(`--trials 0`: the input cases only).
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_inputs import KINDS, ROLES, lay_out
from tests.ingest_processes import (
    assert_consistent,
    corpus,
    ingest_process,
    read_while_ingesting,
    wait_until_stored,
)

SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)


def survivors(store: Path) -> int:
    """Processes still running an ingest into `store` (a worker orphaned by its parent)."""
    count = 0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(store) in (proc / "cmdline").read_bytes().decode(errors="replace"):
                count += 1
        except OSError:
            continue
    return count


def trial(folder: Path, store: Path, articles: int, rng: random.Random, read: bool) -> dict:
    sig, jobs = rng.choice(SIGNALS), rng.choice((1, 2))
    target = rng.randrange(0, articles)
    process = ingest_process(store, folder, jobs)
    mid_run = wait_until_stored(process, store, target, timeout=300)
    reads, seen = read_while_ingesting(store) if read and mid_run and target else (None, 0)
    mid_run = mid_run and process.poll() is None  # the reads take a moment: still running?
    if mid_run:
        process.send_signal(sig)
    _, errors = process.communicate(timeout=300)
    time.sleep(0.6)  # a worker checks for its parent twice a second
    result = {"signal": sig.name, "jobs": jobs, "target": target, "mid_run": mid_run,
              "code": process.returncode, "orphans": survivors(store), "traceback": "Traceback" in errors,
              "reads": reads or [], "read": reads is not None, "seen": seen}
    result["stored"] = assert_consistent(store) if store.exists() else 0
    resumed = ingest_process(store, folder)
    out, errors = resumed.communicate(timeout=600)
    result["resumed"] = (resumed.returncode == 0 and f"unchanged {result['stored']}," in out
                         and assert_consistent(store) == articles)
    return result


def non_regular_inputs(tmp: Path) -> int:
    """Every input role as every non-regular kind, through the real command under a timeout;
    prints one line per case and returns how many failed."""
    failed = 0
    for role, name, args, code in ROLES:
        for kind in KINDS:
            folder = tmp / f"input-{role}-{kind}"
            folder.mkdir()
            line = lay_out(folder, name, kind)
            started = time.time()
            try:
                done = subprocess.run([sys.executable, "-m", "checker", *args], cwd=folder, capture_output=True,
                                      text=True, timeout=60, check=False)
                ok, outcome = done.returncode == code and done.stderr == f"checker: error: {line}\n", done.returncode
            except subprocess.TimeoutExpired:
                ok, outcome = False, "none: hung for 60 s"
            failed += not ok
            print(f"{role:12} as {kind:8}: exit {outcome} in {time.time() - started:.1f} s" + ("" if ok else " FAILED"))
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally: Counter = Counter()
    failed = reads = mid_reads = 0
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        inputs_failed = non_regular_inputs(Path(tmp))
        print(f"{len(ROLES) * len(KINDS)} non-regular inputs, {inputs_failed} failed\n")
        failed += inputs_failed
        folder = corpus(Path(tmp) / "corpus", args.articles, "f")
        for number in range(1, args.trials + 1):
            store = Path(tmp) / f"store-{number}.db"
            try:
                r = trial(folder, store, args.articles, rng, read=number % 2 == 0)
            except AssertionError as problem:
                r = {"signal": "?", "jobs": "?", "target": "?", "mid_run": True, "code": "?", "orphans": 0,
                     "traceback": False, "stored": "?", "resumed": False, "problem": str(problem),
                     "reads": [], "read": False}
            ok = r["resumed"] and not r["orphans"] and not r["traceback"] and not r["reads"]
            failed += not ok
            tally[(r["signal"], r["mid_run"])] += 1
            reads += r["read"]
            mid_reads += r["read"] and r["seen"] < args.articles
            print(f"{number:3d} {r['signal']:8} jobs={r['jobs']} kill at {r['target']:>3} stored "
                  f"{'mid-run' if r['mid_run'] else 'after the end'}: exit {r['code']}, {r['stored']} documents "
                  f"stored, orphans {r['orphans']}, resumed {'ok' if r['resumed'] else 'FAILED'}"
                  + (f" ({r['problem']})" if "problem" in r else "") + (" TRACEBACK" if r["traceback"] else "")
                  + (f"; export and report read at {r['seen']} documents" if r["read"] else "")
                  + "".join(f"; READ: {problem}" for problem in r["reads"]))
    mid = sum(n for (_, m), n in tally.items() if m)
    print(f"\n{args.trials} trials in {time.time() - started:.0f} s, {mid} killed mid-run "
          f"({', '.join(f'{s} {n}' for (s, m), n in sorted(tally.items()) if m)}), {reads} with an export and a "
          f"report during the ingest ({mid_reads} of them read before it ended); {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`checker check DRAFT --against STORE`: every stored document read, or only the draft's
neighbourhood, found through the store's indexes.

    python benchmarks/check_store.py STORE [STORE ...] [--drafts 5] [--whole-up-to 20000]
        [--before FOLDER] [--repeat 1] [--output FILE]

A STORE is an SQLite file or a `postgresql://` URL (benchmarks/copy_store.py copies an
SQLite store into PostgreSQL). Drafts are stored articles written out again as files (so
each has a story in the store, as a draft usually does), spread evenly over the store (the
same ones on either backend). Each way runs in a fresh process (its peak memory, ru_maxrss,
is its own), with the extraction model loaded and one short text checked against the store
before the clock starts (what a process loads once: word lists, tables, rates); each
draft is checked on its own and the median time is printed, with each draft's. `--before
FOLDER`: also time the lookups with the checker in FOLDER (an earlier commit's files), side
by side, the two taking turns `--repeat` times, so that both meet the same load on a
shared machine; the load average is printed with every row. The whole-store way (what
`check` did before the indexes) runs on stores of up to `--whole-up-to` documents. The
ways must give the same findings and verdicts (tests/test_check_store.py); the benchmark
compares a digest of them. Prints a table and writes it to `--output` (default
benchmarks/results/check-store-<date>.txt). Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Printed, in_process, peak_mb

WARM_UP = 'Prices rose 3% to $5.2 billion on Tuesday, March 4, 2025, "a record," Ana Ruiz said.'


def _connect(store: str):
    """A read-only connection of the store's own driver, and its query placeholder."""
    if store.startswith(("postgresql://", "postgres://")):
        import psycopg

        return psycopg.connect(store, autocommit=True), "%s", ' COLLATE "C"'
    import sqlite3

    return sqlite3.connect(f"file:{store}?mode=ro", uri=True), "?", ""


def write_drafts(store: str, count: int, folder: Path) -> list[str]:
    """`count` stored articles, evenly spread, written out as draft files."""
    db, mark, binary = _connect(store)
    ids = [r[0] for r in db.execute(f"SELECT id FROM documents WHERE claim_count > 0 ORDER BY id{binary}")]
    paths = []
    for n, doc_id in enumerate(ids[:: max(1, len(ids) // count)][:count]):
        data = json.loads(db.execute(f"SELECT data FROM documents WHERE id = {mark}", (doc_id,)).fetchone()[0])
        path = folder / f"draft-{n}.md"
        path.write_text(data["text"], encoding="utf-8")
        paths.append(str(path))
    db.close()
    return paths


def _digest(result) -> str:
    said = [f.model_dump_json() for f in result.findings] + [f"{v.claim.id} {v.status} {v.why!r}" for v in result.verdicts]
    return hashlib.sha256("\n".join(said).encode()).hexdigest()[:12]


def run(store: str, drafts: list[str], whole: bool) -> dict:
    """Each draft checked on its own, the model loaded beforehand: seconds each, and digests."""
    from checker.engine import load_ruleset
    from checker.extract import Extractor
    from checker.gather import stored
    from checker.precheck import check_drafts, check_drafts_in_store
    from checker.store import open_store

    extractor, rules = Extractor(), load_ruleset()
    warm_up = Path(drafts[0]).parent / "warm-up.md"
    warm_up.write_text(WARM_UP, encoding="utf-8")
    with open_store(str(store), readonly=True) as db:  # what a process loads once: tables, word lists, rates
        check_drafts_in_store(list(extractor.paths([warm_up])), db, rules)
    seconds, digests, read = [], [], []
    for path in drafts:
        t0 = time.perf_counter()
        draft = list(extractor.paths([path]))
        with open_store(str(store), readonly=True) as db:
            result = check_drafts(draft, stored(db), rules) if whole else check_drafts_in_store(draft, db, rules)
        seconds.append(time.perf_counter() - t0)
        digests.append(_digest(result))
        read.append(len(result.documents) - 1)
    return {"seconds": seconds, "digests": digests, "read": read}


def _row(store: str, documents: int, claims: int, code: str, measured: dict) -> str:
    seconds = measured["seconds"]
    name = f"pg:{urlsplit(store).path.lstrip('/')}" if "://" in store else Path(store).name
    return (f"{name:>16} {documents:>9,} "
            f"{claims:>10,} {code:>6} {statistics.median(measured['read']):>6,.0f} {statistics.median(seconds):>8.2f} "
            f"{measured['peak_mb']:>6.0f} {os.getloadavg()[0]:>5.2f}  {' '.join(f'{t:.2f}' for t in seconds)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="*")
    parser.add_argument("--drafts", type=int, default=5)
    parser.add_argument("--whole-up-to", type=int, default=20_000)
    parser.add_argument("--before", help="a folder holding an earlier checker, timed side by side")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--output", type=Path, default=HERE / "results" / f"check-store-{dt.date.today()}.txt")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:  # its arguments, as JSON, come where the stores do
        print(json.dumps({**run(**json.loads(args.stores[0])), "peak_mb": peak_mb()[0]}))
        return 0
    say = Printed()
    say(f"check against a store, {dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores; "
        f"load average {os.getloadavg()[0]:.2f}")
    say(f"command: python benchmarks/check_store.py {' '.join(sys.argv[1:])}")
    say("s: median over the drafts, model load excluded, draft extraction included (then each draft's); "
        "MB: peak RSS; load: 1-minute load average after the row")
    say(f"{'store':>16} {'documents':>9} {'claims':>10} {'code':>6} {'read':>6} {'median s':>8} {'MB':>6} "
        f"{'load':>5}  seconds per draft")
    folder = Path(tempfile.mkdtemp(prefix="checker-drafts-"))
    for number, store in enumerate(args.stores):
        (folder / str(number)).mkdir()
        measure(store, write_drafts(store, args.drafts, folder / str(number)), args, say)
    say.write(args.output)
    return 0


def measure(store: str, drafts: list[str], args, say: Printed) -> None:
    """The rows of one store: each way (before, after) in turn, `--repeat` times, then the
    whole-store way on a small store, and whether all said the same."""
    from checker.store import open_store

    with open_store(str(store), readonly=True) as db:
        documents, claims = db.counts()
    ways = [("before", args.before)] * bool(args.before) + [("after", None)]
    digests = {}
    for _ in range(args.repeat):
        for name, code in ways:
            measured = in_process(__file__, "run", {"store": store, "drafts": drafts, "whole": False}, code)
            digests.setdefault(name, measured["digests"])
            say(_row(store, documents, claims, name, measured))
    if documents <= args.whole_up_to:
        whole = in_process(__file__, "run", {"store": store, "drafts": drafts, "whole": True})
        digests["whole"] = whole["digests"]
        say(_row(store, documents, claims, "whole", whole))
    same = all(d == digests["after"] for d in digests.values())
    say(f"  same findings and verdicts ({', '.join(digests)}): {'yes' if same else 'NO'}")


if __name__ == "__main__":
    sys.exit(main())

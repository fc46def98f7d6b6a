"""`checker check DRAFT --against STORE`: every stored document read, or only the draft's
neighbourhood, found through the store's indexes.

    python benchmarks/check_store.py STORE [STORE ...] [--drafts 5] [--whole-up-to 20000] [--output FILE]

Drafts are stored articles written out again as files (so each has a story in
the store, as a draft usually does), spread evenly over the store. Each way
runs in a fresh process (its peak memory, ru_maxrss, is its own), with the
extraction model loaded and warmed before the clock starts; each draft is
checked on its own and the median time is printed. The whole-store way
(what `check` did before the indexes) runs on stores of up to
`--whole-up-to` documents. Both must give the same findings and verdicts
(tests/test_check_store.py); the benchmark compares a digest of them.
Prints a table and writes it to `--output` (default
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Printed, in_process, peak_mb

WARM_UP = 'Prices rose 3% to $5.2 billion on Tuesday, March 4, 2025, "a record," Ana Ruiz said.'


def write_drafts(store: str, count: int, folder: Path) -> list[str]:
    """`count` stored articles, evenly spread, written out as draft files."""
    import sqlite3

    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    ids = [r[0] for r in db.execute("SELECT id FROM documents WHERE claim_count > 0 ORDER BY id")]
    paths = []
    for n, doc_id in enumerate(ids[:: max(1, len(ids) // count)][:count]):
        data = json.loads(db.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()[0])
        path = folder / f"draft-{n}.md"
        path.write_text(data["text"], encoding="utf-8")
        paths.append(str(path))
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
    extractor.text(WARM_UP)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="*")
    parser.add_argument("--drafts", type=int, default=5)
    parser.add_argument("--whole-up-to", type=int, default=20_000)
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
    say("seconds: median over the drafts, model load excluded, draft extraction included; MB: peak RSS")
    say(f"{'documents':>9} {'claims':>10} {'drafts':>6} {'read (median)':>13} {'lookups s':>9} {'lookups MB':>10} "
        f"{'whole s':>8} {'whole MB':>8} {'same':>5}")
    folder = Path(tempfile.mkdtemp(prefix="checker-drafts-"))
    for store in args.stores:
        from checker.store import open_store

        with open_store(str(store), readonly=True) as db:
            documents, claims = db.counts()
        drafts = write_drafts(store, args.drafts, folder)
        fast = in_process(__file__, "run", {"store": store, "drafts": drafts, "whole": False})
        whole = (in_process(__file__, "run", {"store": store, "drafts": drafts, "whole": True})
                 if documents <= args.whole_up_to else None)
        say(f"{documents:>9,} {claims:>10,} {len(drafts):>6} {statistics.median(fast['read']):>13,.0f} "
            f"{statistics.median(fast['seconds']):>9.2f} {fast['peak_mb']:>10.0f} "
            + (f"{statistics.median(whole['seconds']):>8.1f} {whole['peak_mb']:>8.0f} "
               f"{'yes' if whole['digests'] == fast['digests'] else 'NO':>5}" if whole else f"{'-':>8} {'-':>8} {'-':>5}"))
        if whole and whole["digests"] != fast["digests"]:
            say(f"  differ: {[d for d, a, b in zip(drafts, whole['digests'], fast['digests']) if a != b]}")
    say.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

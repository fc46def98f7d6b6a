"""Claim store benchmark: insert rate and query latency on a large generated set.

    python benchmarks/store.py [--claims 1000000] [--per-document 100] [--store PATH]

Generates documents with realistic claims (money, percent, dates, quotes with
subjects, predicates and speakers), writes them through the public store API
(one transaction per document, as ingest does), then times the queries the CLI
and the rule engine make. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from checker.models import Claim, Document, Kind, TimeRef
from checker.store import Versions, open_store

SUBJECTS = ["Japan", "United States", "China", "European Union", "Canada", "Acme Corp", "Norvik", "IMF"]
PREDICATES = ["pledge", "tariff", "defense spending", "growth", "inflation", "revenue", "phone call", "deficit"]
SPEAKERS = ["Sanae Takaichi", "Donald Trump", "Catherine Wells", "Laura Bisset", "Mara Lindqvist"]
UNITS = {"money": ["USD", "EUR", "JPY", "GBP", "CHF"], "percent": ["%", "% of GDP", "pp"]}


def make_claims(doc_id: str, count: int, rng: random.Random) -> list[Claim]:
    claims = []
    for i in range(count):
        kind = rng.choice(["money", "percent", "percent", "date", "quote", "count"])
        start = i * 80
        value: float | str | None = round(rng.uniform(0.1, 900), 2)
        unit = rng.choice(UNITS.get(kind, [None]))
        if kind == "date":
            value, unit = f"20{rng.randint(10, 30)}-{rng.randint(1, 12):02d}", None
        if kind == "quote":
            value, unit = "we will honour the agreement", None
        claims.append(Claim(
            id=f"c{doc_id}-{i}", document=doc_id, start=start, end=start + 12, text="x" * 12, kind=Kind(kind),
            value=value, low=value if kind != "quote" else None, high=value if kind != "quote" else None, unit=unit,
            subject=rng.choice(SUBJECTS), predicate=rng.choice(PREDICATES),
            speaker=rng.choice(SPEAKERS) if kind == "quote" else None,
            time=TimeRef(text="in 2025", value="2025", relation="in") if rng.random() < 0.5 else None,
            sentence="A sentence of about the usual length for a news article, with a figure in it.",
            sentence_start=start,
        ))
    return claims


def timed(label: str, query, repeat: int = 5) -> None:
    times, rows = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = sum(1 for _ in query())
        times.append(time.perf_counter() - t0)
    print(f"  {label:<44} {statistics.median(times) * 1000:9.1f} ms  ({rows:,} rows)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--per-document", type=int, default=100)
    parser.add_argument("--store", type=Path, help="where to write (default: a temporary folder)")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="checker-bench-")
    path = args.store or Path(folder) / "claims.db"
    rng = random.Random(7)
    versions = Versions("bench", "bench")
    documents = args.claims // args.per_document
    print(f"store {path}: {documents:,} documents x {args.per_document} claims")
    with open_store(str(path)) as store:
        generate = insert = 0.0
        for d in range(documents):
            t0 = time.perf_counter()
            doc_id = f"bench/{d:07d}.md"
            document = Document(id=doc_id, path=doc_id, sha256=f"{d:064x}", text="body " * 40)
            claims = make_claims(doc_id, args.per_document, rng)
            t1 = time.perf_counter()
            store.replace(document, claims, versions)
            t2 = time.perf_counter()
            generate, insert = generate + t1 - t0, insert + t2 - t1
        total = documents * args.per_document
        print(f"insert: {total:,} claims in {insert:.1f} s = {total / insert:,.0f} claims/s "
              f"({documents / insert:,.0f} document transactions/s; generating them took {generate:.1f} s)")
        print(f"file size: {path.stat().st_size / 1e6:,.0f} MB")
        middle = f"bench/{documents // 2:07d}.md"
        print("query latency (median of 5, all rows read and parsed):")
        timed("claims(document=one document)", lambda: store.claims(document=middle))
        timed("claims(kind=money, unit=CHF)", lambda: store.claims(kind="money", unit="CHF"))
        timed("claims(kind=quote, speaker=Takaichi)", lambda: store.claims(kind="quote", speaker="Takaichi"), repeat=3)
        timed("claims(about=tariff)", lambda: store.claims(about="tariff"), repeat=3)
        timed("state() (what incremental ingest reads)", lambda: store.state().items(), repeat=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())

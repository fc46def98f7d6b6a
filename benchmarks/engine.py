"""Rule engine benchmark: how `check` scales with the number of claims.

    python benchmarks/engine.py [--sizes 5000 10000 20000 40000]

Generates corpora whose claims draw predicates from the synonym lexicon and
subjects from a list of 60 names, as a news archive would, runs every rule,
and prints claims, findings, seconds and microseconds per claim for each size.
Close to constant time per claim means close to linear work. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from checker.engine import check
from checker.lexicon import load_lexicon
from checker.models import Claim, Document, Kind, TimeRef

UNITS = {Kind.MONEY: ["USD", "EUR", "JPY"], Kind.PERCENT: ["%", "% of GDP"], Kind.COUNT: ["people", "ship", "home"]}


def corpus(size: int, rng: random.Random) -> tuple[list[Claim], list[Document]]:
    predicates = sorted(load_lexicon().synonym_group)
    subjects = [f"Subject {i}" for i in range(60)]
    per_doc = 40
    documents, claims = [], []
    for d in range(size // per_doc):
        doc_id = f"doc{d:06d}.md"
        documents.append(Document(id=doc_id, path=doc_id, sha256="0" * 64, text="x"))
        for i in range(per_doc):
            kind = rng.choice([Kind.MONEY, Kind.PERCENT, Kind.COUNT])
            value = float(rng.choice([1, 2, 3, 5, 8, 12, 20, 50]) * rng.choice([1, 10, 1e6, 1e9]))
            year = str(rng.randint(2015, 2025))
            claims.append(Claim(
                id=f"{doc_id}#{i}", document=doc_id, start=i * 100, end=i * 100 + 5, text="12345", kind=kind,
                value=value, low=value, high=value, unit=rng.choice(UNITS[kind]), subject=rng.choice(subjects),
                predicate=rng.choice(predicates), time=TimeRef(text=year, value=year),
                sentence=f"A sentence about {rng.choice(predicates)} and {rng.choice(predicates)}.", sentence_start=i * 100,
            ))
    return claims, documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 40000])
    args = parser.parse_args(argv)
    print(f"{'claims':>8} {'findings':>9} {'seconds':>8} {'us/claim':>9}")
    for size in args.sizes:
        claims, documents = corpus(size, random.Random(size))
        t0 = time.perf_counter()
        findings = check(claims, documents)
        elapsed = time.perf_counter() - t0
        print(f"{len(claims):>8} {len(findings):>9} {elapsed:>8.2f} {elapsed / len(claims) * 1e6:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

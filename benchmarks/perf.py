"""Performance: extraction speed, store speed, rule-engine growth and peak memory.

    python benchmarks/perf.py [--sizes 100 1000 10000] [--engine-claims 25000 ... 1000000]
                              [--jobs 2] [--quantulum-sample 300] [--work DIR] [--output FILE]

For each size a corpus is generated (benchmarks/generate.py, seed 7), and each
stage runs in a fresh Python process so that its peak memory (ru_maxrss) is
its own: ours, bare `spacy.blank("en")` with a sentencizer (the ceiling a
spaCy pipeline can approach) and quantulum3 (on the first
`--quantulum-sample` articles: it is slow) side by side on each article in
turn; our extraction alone on one process and on `--jobs`; ingest into a
fresh SQLite store and again of the unchanged corpus; and the stored claims
written into another fresh store (the store's own speed). Then the rule
engine runs on archives grown from the largest corpus's stored claims
(benchmarks/corpus.py: Archive) at each `--engine-claims` count, and a
least-squares fit of log(seconds) on log(claims) gives the growth exponent
(1 is linear). Words are whitespace-separated words of the article bodies.
Prints tables and writes them to `--output` (default
benchmarks/results/perf-<date>.txt). Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Archive, fit, in_process, stage_or_report, started, words
from generate import generate

STAGES = {}
WARM_UP = 'Prices rose 3% to $5.2 billion on Tuesday, March 4, 2025, "a record," Ana Ruiz said.'


def stage(func):
    STAGES[func.__name__] = func
    return func


def timed(items, tally: dict):
    """Pass items through, adding the time spent producing them to `tally["reading"]`."""
    tally.setdefault("reading", 0.0)
    items = iter(items)
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        tally["reading"] += time.perf_counter() - t0
        if item is None:
            return
        yield item


@stage
def extract(corpus: str, jobs: int) -> dict:
    """Our extraction alone, on `jobs` processes: its throughput and its own peak memory."""
    from checker.documents import DocumentReader
    from checker.extract import Extractor

    extractor = Extractor()
    extractor.text(WARM_UP)
    tally = {"words": 0, "claims": 0}
    t0 = time.perf_counter()
    for result in extractor.many(timed(DocumentReader()([corpus]), tally), jobs):
        tally["words"] += words(result.document.text[result.document.body_start :])
        tally["claims"] += len(result.claims)
    return {**tally, "seconds": time.perf_counter() - t0}


@stage
def side_by_side(corpus: str, sample: int) -> dict:
    """Ours, bare spaCy (blank English and a sentencizer) and quantulum3 on each article in
    turn (quantulum3 on the first `sample` only: it is slow), so that all three see the same
    machine: the load changes over a run, and timing them in turns keeps the ratios fair."""
    import warnings

    import spacy
    from quantulum3 import parser

    from checker.documents import DocumentReader
    from checker.extract import Extractor

    warnings.filterwarnings("ignore")
    extractor, bare = Extractor(), spacy.blank("en")
    bare.add_pipe("sentencizer")
    extractor.text(WARM_UP), bare(WARM_UP), parser.parse(WARM_UP)  # first calls load tables
    seconds = {"ours": 0.0, "bare": 0.0, "quantulum": 0.0, "ours on the sample": 0.0}
    counts = {"words": 0, "sample words": 0}
    for i, document in enumerate(DocumentReader()([corpus])):
        text = document.text[document.body_start :]
        t0 = time.perf_counter()
        bare(text)
        t1 = time.perf_counter()
        extractor.document(document)
        t2 = time.perf_counter()
        seconds["bare"] += t1 - t0
        seconds["ours"] += t2 - t1
        counts["words"] += words(text)
        if i < sample:
            t3 = time.perf_counter()
            parser.parse(text)
            seconds["quantulum"] += time.perf_counter() - t3
            seconds["ours on the sample"] += t2 - t1
            counts["sample words"] += words(text)
    return {**counts, **seconds}


@stage
def ingest(corpus: str, store: str, jobs: int) -> dict:
    from checker.extract import Extractor
    from checker.ingest import current_versions
    from checker.ingest import ingest as run
    from checker.store import open_store

    extractor = Extractor()
    with open_store(store) as db:
        t0 = time.perf_counter()
        report = run(db, [corpus], extractor=extractor, versions=current_versions(), jobs=jobs)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "claims": report.claims, "extracted": len(report.added) + len(report.updated),
            "unchanged": len(report.unchanged)}


@stage
def writes(source: str, target: str) -> dict:
    """A store's documents and claims written into a fresh one as ingest writes them (one
    transaction per document): the store's own speed, without extraction competing for the cores."""
    from checker.ingest import current_versions
    from checker.store import open_store

    versions = current_versions()
    with open_store(source, readonly=True) as db, open_store(target) as out:
        items = [(document, list(db.claims(document=document.id))) for document in db.documents()]
        t0 = time.perf_counter()
        for document, claims in items:
            out.replace(document, claims, versions)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "claims": sum(len(claims) for _, claims in items)}


@stage
def engine(store: str, claims: int) -> dict:
    from checker.engine import check
    from checker.store import open_store

    with open_store(store, readonly=True) as db:
        archive = Archive(list(db.claims()), db.documents())
    grown, documents = archive.grown(claims)
    del archive
    t0 = time.perf_counter()
    findings = check(grown, documents)
    return {"seconds": time.perf_counter() - t0, "claims": len(grown), "documents": len(documents),
            "findings": len(findings)}


def run_stage(name: str, **kwargs) -> dict:
    """One stage in a fresh interpreter: its result and its own peak memory."""
    return in_process(__file__, name, kwargs)


def speed(result: dict) -> float:
    """Words per second of a stage's own work, the time spent reading the files left out."""
    return result["words"] / (result["seconds"] - result["reading"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--engine-claims", type=int, nargs="*",
                        default=[25_000, 60_000, 125_000, 250_000, 500_000, 1_000_000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--quantulum-sample", type=int, default=300)
    parser.add_argument("--work", type=Path, help="where corpora and stores go (default: a temporary folder)")
    parser.add_argument("--output", type=Path, default=HERE / "results" / f"perf-{dt.date.today()}.txt")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return stage_or_report(args, STAGES, report)


def report(args) -> int:
    import spacy

    work, say = started(args, "perf", f"checker performance, Python {platform.python_version()}, "
                                      f"spaCy {spacy.__version__}")
    say()
    extraction, storage, store = [], [], None
    for size in args.sizes:
        corpus = work / f"corpus-{size}"
        if not corpus.exists():
            generate(corpus, size)
        one = run_stage("extract", corpus=str(corpus), jobs=1)
        many = run_stage("extract", corpus=str(corpus), jobs=args.jobs)
        side = run_stage("side_by_side", corpus=str(corpus), sample=args.quantulum_sample)
        store = work / f"claims-{size}.db"
        store.unlink(missing_ok=True)
        first = run_stage("ingest", corpus=str(corpus), store=str(store), jobs=args.jobs)
        again = run_stage("ingest", corpus=str(corpus), store=str(store), jobs=args.jobs)
        copy = work / f"copy-{size}.db"
        copy.unlink(missing_ok=True)
        written = run_stage("writes", source=str(store), target=str(copy))
        extraction.append((size, side["words"], side["words"] / side["ours"], speed(one), many["words"] / many["seconds"],
                           side["words"] / side["bare"], side["sample words"] / side["quantulum"], side["sample words"],
                           side["quantulum"] / side["ours on the sample"]))
        storage.append((size, first["claims"], written["claims"] / written["seconds"], first["seconds"],
                        again["seconds"], again["unchanged"], one["peak_mb"], many["peak_mb"],
                        many["child_peak_mb"], first["peak_mb"], first["child_peak_mb"]))
        print(f"  [{size} articles done; load average {os.getloadavg()[0]:.2f}]", flush=True)
    say("Extraction, words per second. Side by side on each article in turn, file reading left out: ours on one")
    say("process, bare spacy.blank('en') + sentencizer (the ceiling), quantulum3 (on the first "
        f"{args.quantulum_sample} articles; its ratio is to ours on those). Alone: ours on 1 process")
    say(f"(file reading left out) and on {args.jobs} (end to end, reading included).")
    say(f"{'articles':>8} {'words':>10} {'ours':>8} {'bare':>8} {'ours/bare':>9} {'quantulum':>9} {'(words)':>9} "
        f"{'ours/quant':>10} {'alone 1p':>9} {f'alone {args.jobs}p':>9}")
    for size, count, ours, alone, para, ceil, quant, sample, ratio in extraction:
        say(f"{size:>8,} {count:>10,} {ours:>8,.0f} {ceil:>8,.0f} {ours / ceil:>9.0%} {quant:>9,.0f} {sample:>9,} "
            f"{ratio:>9.1f}x {alone:>9,.0f} {para:>9,.0f}")
    say()
    say("Store and memory (claims/s: the stored claims written again into a fresh store, as ingest writes them; "
        "ingest on all cores into a fresh store, then again unchanged; peak RSS in MB)")
    say(f"{'articles':>8} {'claims':>9} {'store claims/s':>14} {'ingest s':>9} {'re-ingest s':>11} "
        f"{'peak extract 1p':>15} {f'{args.jobs}p parent/worker':>17} {'ingest parent/worker':>20}")
    for size, claims, rate, seconds, again, unchanged, p1, pp, pc, ip, ic in storage:
        say(f"{size:>8,} {claims:>9,} {rate:>14,.0f} {seconds:>9.1f} {again:>11.2f} {p1:>15.0f} "
            f"{f'{pp:.0f} / {pc:.0f}':>17} {f'{ip:.0f} / {ic:.0f}':>20}")
    if args.engine_claims and store is not None:
        say()
        say(f"Rule engine on archives grown from the {args.sizes[-1]:,}-article corpus's claims")
        say(f"{'claims':>10} {'documents':>10} {'findings':>9} {'seconds':>9} {'us/claim':>9} {'peak MB':>8}")
        points = []
        for count in args.engine_claims:
            result = run_stage("engine", store=str(store), claims=count)
            points.append((result["claims"], result["seconds"]))
            say(f"{result['claims']:>10,} {result['documents']:>10,} {result['findings']:>9,} {result['seconds']:>9.1f} "
                f"{result['seconds'] / result['claims'] * 1e6:>9.1f} {result['peak_mb']:>8.0f}")
        if len(points) > 1:
            say(f"growth exponent (least squares, log seconds on log claims): {fit(points):.2f}")
    say()
    say.write(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

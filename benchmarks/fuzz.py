"""A long fuzz of the extractor: tests/test_fuzz.py's properties for minutes, not seconds.

    python benchmarks/fuzz.py [--seconds 300] [--examples N] [--seed S] [--chunk 200]

Draws hostile texts, publication dates and front matter from
tests/fuzz_strategies.py and checks each extraction with the same properties
as the test suite (no exception; offsets inside the text and `text ==
source[start:end]`; the sentence at `sentence_start`; low <= high; finite
numbers; resolved dates that cover ISO days), in four ways in turn: a string
with or without a publication date, a document with front matter, a file
read with `read_document`, and a string read plain, in NFD and with
invisible format characters put in (all three must say the same things).
Hypothesis runs in chunks with a new seed each, so the run can stop on time;
a failure is shrunk to a minimal input, printed with its traceback, and the
script exits 1. It prints how many inputs it tried, how many claims it
checked, and the slowest input.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.fuzz_strategies

from checker.extract import Extractor
from tests.fuzz_strategies import (
    document_problems,
    file_problems,
    front_matter,
    hiding,
    news_text,
    published,
    spelling_problems,
    text_problems,
    texts,
)


@dataclass
class Tally:
    inputs: int = 0
    claims: int = 0
    slowest: tuple[float, str] = (0.0, "")
    failures: list[str] = field(default_factory=list)


def targets(extractor: Extractor, folder: Path):
    """(name, strategies, check) for each way of feeding the extractor."""
    return [
        ("text", {"text": texts, "published": published},
         lambda text, published: text_problems(extractor, text, published)),
        ("document", {"head": front_matter(), "body": news_text(), "published": published},
         lambda head, body, published: document_problems(extractor, head, body, published)),
        ("file", {"head": st.one_of(st.just(""), front_matter()), "body": news_text()},
         lambda head, body: file_problems(extractor, folder, head, body)),
        ("spelling", {"text": texts, "hide": hiding, "published": published},
         lambda text, hide, published: spelling_problems(extractor, text, hide, published)),
    ]


def run_chunk(name: str, strategies: dict, check, examples: int, chunk_seed: int, tally: Tally) -> None:
    """Up to `examples` inputs for one target; a failure is shrunk and recorded with its minimal input."""
    last_failing: list[dict] = []

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck), print_blob=True)
    @seed(chunk_seed)
    @given(**strategies)
    def fuzz(**kwargs):
        tally.inputs += 1
        started = time.perf_counter()
        try:
            claims, problems = check(**kwargs)
        except Exception:
            last_failing[:] = [kwargs]  # the last failing call is the shrunk one
            raise
        took = time.perf_counter() - started
        if took > tally.slowest[0]:
            tally.slowest = (took, f"{name} {sum(len(str(v)) for v in kwargs.values())} characters")
        tally.claims += claims
        if problems:
            last_failing[:] = [kwargs]
            raise AssertionError("\n".join(problems))

    try:
        fuzz()
    except Exception as exc:  # noqa: BLE001  (every failure, whatever its kind, is reported with its input)
        trace = "".join(traceback.format_exception(exc))
        tally.failures.append(f"[{name}, seed {chunk_seed}] minimal input: {last_failing[0] if last_failing else '?'}\n{trace}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300, help="stop after this long (default 300)")
    parser.add_argument("--examples", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=0, help="first chunk's seed; chunk k uses seed + k")
    parser.add_argument("--chunk", type=int, default=200, help="inputs per Hypothesis run (default 200)")
    args = parser.parse_args()

    started = time.perf_counter()
    extractor = Extractor()
    tally, k = Tally(), 0
    with tempfile.TemporaryDirectory() as tmp:
        runs = targets(extractor, Path(tmp))
        while time.perf_counter() - started < args.seconds and (args.examples is None or tally.inputs < args.examples):
            name, strategies, check = runs[k % len(runs)]
            left = args.chunk if args.examples is None else min(args.chunk, args.examples - tally.inputs)
            run_chunk(name, strategies, check, left, args.seed + k, tally)
            k += 1
            if tally.failures:
                break
    took = time.perf_counter() - started
    print(f"inputs tried: {tally.inputs} in {took:.0f} s ({tally.inputs / took:.0f}/s), {k} chunks from seed {args.seed}")
    print(f"claims checked: {tally.claims}")
    print(f"slowest input: {tally.slowest[0] * 1000:.0f} ms ({tally.slowest[1]})")
    for failure in tally.failures:
        print(f"\nFAILURE {failure}")
    print("failures: " + str(len(tally.failures)))
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())

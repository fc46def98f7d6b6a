"""Score extraction against the development corpus's hand-made gold.

    python tests/score_extraction.py [--errors]

A predicted claim matches a gold claim in the same document when the surface
text and kind are equal (occurrences taken in order); it is *correct* when
every field the gold gives (value, unit, low, high, qualifier, speaker, ...)
agrees too, numbers within a relative tolerance of 1e-6. Precision is over
all predicted claims, recall over all gold claims, per kind and overall.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "devcorpus"


@dataclass
class Score:
    gold: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)  # span + kind match
    correct: Counter = field(default_factory=Counter)  # and every gold field
    errors: list[str] = field(default_factory=list)

    def rates(self, kind: str | None = None) -> tuple[float, float, float, float]:
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c.values()))
        g, p, f, ok = pick(self.gold), pick(self.predicted), pick(self.found), pick(self.correct)
        return (f / p if p else 0.0, f / g if g else 0.0, ok / p if p else 0.0, ok / g if g else 0.0)


def same(expected, actual) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-9)
    return expected == actual


def score(extractor) -> Score:
    from checker.documents import read_document

    result = Score()
    gold_docs = yaml.safe_load((CORPUS / "gold" / "extraction.yaml").read_text(encoding="utf-8"))
    for entry in gold_docs:
        document = read_document(CORPUS / entry["document"])
        predicted = extractor.document(document).claims
        by_key: dict[tuple[str, str], list] = defaultdict(list)
        for claim in predicted:
            by_key[(claim.text, claim.kind.value)].append(claim)
            result.predicted[claim.kind.value] += 1
        for gold in entry["claims"]:
            result.gold[gold["kind"]] += 1
            matches = by_key.get((gold["text"], gold["kind"]))
            if not matches:
                result.errors.append(f"{entry['document']}: missed {gold['kind']} {gold['text']!r}")
                continue
            claim = matches.pop(0)
            result.found[gold["kind"]] += 1
            wrong = [
                f"{k}={getattr(claim, k)!r} (gold {v!r})"
                for k, v in gold.items()
                if k not in ("text", "kind") and not same(v, getattr(claim, k))
            ]
            if wrong:
                result.errors.append(f"{entry['document']}: {gold['text']!r}: " + ", ".join(wrong))
            else:
                result.correct[gold["kind"]] += 1
        for leftovers in by_key.values():
            for claim in leftovers:
                result.errors.append(f"{entry['document']}: extra {claim.kind.value} {claim.text!r}")
    return result


def report(result: Score) -> str:
    lines = [f"{'kind':<10}{'gold':>6}{'pred':>6}{'span P':>8}{'span R':>8}{'full P':>8}{'full R':>8}"]
    for kind in sorted(result.gold | result.predicted):
        p, r, fp, fr = result.rates(kind)
        lines.append(f"{kind:<10}{result.gold[kind]:>6}{result.predicted[kind]:>6}{p:>8.1%}{r:>8.1%}{fp:>8.1%}{fr:>8.1%}")
    p, r, fp, fr = result.rates()
    lines.append(f"{'all':<10}{sum(result.gold.values()):>6}{sum(result.predicted.values()):>6}{p:>8.1%}{r:>8.1%}{fp:>8.1%}{fr:>8.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong field")
    args = parser.parse_args(argv)
    from checker.extract import Extractor

    result = score(Extractor())
    print(report(result))
    if args.errors:
        print("\n".join(result.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())

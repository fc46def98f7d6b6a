"""How well the frames claims carry tell one fact from two, on the tune splits.

    python benchmarks/frames.py

For every labelled candidate pair of the fitting sets (`fit_scorer.SETS`: the
tune stories of the real-news gold and the invented benchmark, and the
development corpus; a pair is one fact when the gold puts its two claims in
one entry), it prints, per kind of fact, how often each frame feature fires
on pairs that are one fact and on pairs that are two: a good frame fires on
the first often and on the second rarely. Validate stories are never read.
"""

from __future__ import annotations

import sys
from collections import Counter

from fit_scorer import SETS, labelled

from checker.engine.align import candidates
from checker.engine.scoring import features
from checker.engine.window import WINDOW_DAYS

SHOWN = ("predicate_same", "predicate_clash", "subject_same", "subject_clash", "unit_same", "nearest", "local")


def main() -> int:
    fired: Counter = Counter()  # (kind, label, feature) -> summed value
    pairs: Counter = Counter()  # (kind, label) -> pairs
    for data in (labelled(*s) for s in SETS):
        stories = data.corpus.stories(WINDOW_DAYS)
        for name, members in data.members.items():
            for a, b in candidates(members, stories):
                y = data.label(a, b)
                if y is None:
                    continue
                values, _ = features(a, b, data.pair)
                pairs[(name, y)] += 1
                for feature in SHOWN:
                    fired[(name, y, feature)] += values[feature]
    for name in sorted({k for k, _ in pairs}):
        print(f"== {name}: {pairs[(name, 1)]} pairs one fact, {pairs[(name, 0)]} two facts")
        for feature in SHOWN:
            one = fired[(name, 1, feature)] / max(pairs[(name, 1)], 1)
            two = fired[(name, 0, feature)] / max(pairs[(name, 0)], 1)
            print(f"  {feature:<16} one fact {one:5.2f}   two facts {two:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fit the same-fact scorer's weights on the tune split and write rules/model/same-fact.yaml.

    python benchmarks/fit_scorer.py [--write]

The training pairs are the engine's own candidate pairs (claims of one
dimension from two articles of one story) over the tune stories of the
real-news gold and of the invented benchmark, and the whole development
corpus. A pair is one fact when the gold claims it overlaps share an
agreement, contradiction or neutral (evolved) entry; it is two facts when
both are in the gold but in no common entry (a trap, or two facts of one
story). A pair with a claim the gold never names is left out: the gold names
the facts it plants, not every restatement of them, so such a pair may well
be one fact. Validate stories are never read here.

The model is a logistic regression with a light L2 penalty, fitted by
Newton's method in numpy (spaCy already brings numpy; scikit-learn would add
nothing here), one for figures and one for event dates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from judgement import Gold, contradiction_sides, extract, resolve, selected

from checker.engine.align import aligned, candidates, may_contradict, score_pairs
from checker.engine.corpus import Corpus
from checker.engine.pair_context import CorpusPairContext as PairContext
from checker.engine.scoring import (
    ALIGNMENT_FEATURES,
    CONFLICT_FEATURES,
    FEATURES,
    VALUE_FEATURES,
    PairScorer,
    ScorerSpec,
    features,
)
from checker.engine.values import load_rates
from checker.engine.window import WINDOW_DAYS
from checker.models import Kind

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks" / "ecbplus"
SETS = [  # (articles, gold files, split)
    (SHARED / "articles", [SHARED / "gold.json"], "tune"),
    (ROOT / "benchmarks" / "judgement" / "invented", sorted((ROOT / "benchmarks" / "judgement" / "invented").glob("gold-*.json")), "tune"),
    (ROOT / "tests" / "devcorpus", [ROOT / "tests" / "devcorpus" / "gold" / "judgement.json"], "all"),
]
OUT = ROOT / "rules" / "model" / "same-fact.yaml"
L2 = 1.0
PENALTIES = (0.1, 0.3, 1.0, 3.0, 10.0)  # the conflict model's L2 penalties tried (`chosen_penalty`)
PRECISION = 0.8  # of the labelled conflict pairs flagged held out: their negatives are the hardest (frame-aligned, values apart), and the checks gate alarms further (days apart, one thing counted), so alarms run truer than these pairs
MODEL_OF = {"figures": "figures", "dates": "dates", "times": "dates", "places": "dates"}  # times and places: the event models


def entries_of(gold: Gold) -> dict[str, set[str]]:
    """Gold claim id -> the ids of the same-fact entries naming it."""
    found: dict[str, set[str]] = defaultdict(set)
    for section in ("agreements", "contradictions", "neutral"):
        for entry in gold.entries[section]:
            for gid in entry["claims"]:
                found[gid].add(entry["id"])
    return found


def label(a_gold: set[str], b_gold: set[str], entries: dict[str, set[str]]) -> int | None:
    if not a_gold or not b_gold:
        return None
    shared = set().union(*(entries[g] for g in a_gold)) & set().union(*(entries[g] for g in b_gold))
    return 1 if shared else 0


@dataclass
class Labelled:
    """One set's candidate claims with what the gold says of them."""

    corpus: Corpus
    pair: PairContext
    members: dict[str, list]  # model name -> the claims it compares
    gold_of: dict[str, set[str]]  # extracted claim id -> gold claim ids
    entries: dict[str, set[str]]  # gold claim id -> same-fact entry ids
    contradicting: set[frozenset[str]]  # pairs of gold claims that contradict (sides widened)
    neutral: set[frozenset[str]]  # pairs of gold claims of one evolved figure

    def label(self, a, b) -> int | None:
        return label(self.gold_of[a.id], self.gold_of[b.id], self.entries)

    def conflict_label(self, a, b) -> int | None:
        """1: the gold says the two contradict; None: an evolved figure; 0: any other pair, a
        claim the gold never names among them, as `judgement.py` counts an alarm on it false."""
        ga, gb = self.gold_of[a.id], self.gold_of[b.id]
        pairs = {frozenset((x, y)) for x in ga for y in gb}
        return 1 if pairs & self.contradicting else None if pairs & self.neutral else 0


def labelled(articles: Path, gold_paths: list[Path], split: str) -> Labelled:
    gold, files = selected(articles, gold_paths, split)
    documents, claims = extract(files)
    gold_of: dict[str, set[str]] = defaultdict(set)
    for gid, hits in resolve(articles, documents, claims, gold).items():
        for cid in hits:
            gold_of[cid].add(gid)
    corpus = Corpus(list(claims.values()), {d.id: d for d in documents}, load_rates())
    contradicting = {frozenset(e["claims"]) for e in contradiction_sides(gold) if len(e["claims"]) == 2}
    neutral = {frozenset((x, y)) for e in gold.entries["neutral"] for x in e["claims"] for y in e["claims"] if x != y}
    return Labelled(corpus, corpus.pair_context(WINDOW_DAYS), corpus.compared, gold_of, entries_of(gold),
                    contradicting, neutral)


def pair_rows(sets: list[Labelled]):
    """(model name, feature row, label) for every labelled candidate pair."""
    for data in sets:
        stories = data.corpus.stories(WINDOW_DAYS)
        for name, members in data.members.items():
            for a, b in candidates(members, stories):
                y = data.label(a, b)
                if y is not None:
                    values, _ = features(a, b, data.pair)
                    yield MODEL_OF[name], [values[f] for f in FEATURES], y


def alignment_rows(sets: list[Labelled], spec: ScorerSpec):
    """(feature row, label) for every labelled mutual-best pair under the fitted scorer."""
    scorer = PairScorer(spec)
    for data in sets:
        stories = data.corpus.stories(WINDOW_DAYS)
        for members in data.members.values():
            for s in aligned(score_pairs(members, stories, scorer, data.pair), spec.alignment):
                y = data.label(s.a, s.b)
                if y is not None:
                    yield [s.features[f] for f in ALIGNMENT_FEATURES], y


def conflict_rows(sets: list[Labelled], spec: ScorerSpec):
    """(feature row, label, story) for every labelled conflict pair (`Corpus.conflict_pairs`)
    under the fitted scorer and alignment."""
    for data in sets:
        refitted = Corpus(data.corpus.claims, data.corpus.documents, data.corpus.rates, scorer=PairScorer(spec))
        for name in data.members:
            for s in refitted.conflict_pairs(name, WINDOW_DAYS):
                if s.a.kind is Kind.PLACE and not may_contradict(s.a, s.b):
                    continue  # places of two events: never reported, so nothing to learn from
                y = data.conflict_label(s.a, s.b)
                if y is not None:
                    yield [s.features[f] for f in CONFLICT_FEATURES], y, Path(s.a.document).parent.name


def held_out_probabilities(rows: list[tuple[list[float], int, str]], l2: float, folds: int = 5) -> np.ndarray:
    """Each pair's conflict probability from a model fitted without its story (folds of whole
    stories, the sorted stories dealt round): what the model says of stories it never saw."""
    stories = sorted({story for _, _, story in rows})
    fold_of = {story: i % folds for i, story in enumerate(stories)}
    x, y = np.array([r for r, _, _ in rows]), np.array([t for _, t, _ in rows], dtype=float)
    fold = np.array([fold_of[story] for _, _, story in rows])
    p = np.zeros(len(rows))
    for k in range(folds):
        bias, weights = fit(x[fold != k], y[fold != k], l2)
        p[fold == k] = sigmoid(bias + x[fold == k] @ weights)
    return p


def chosen_penalty(rows: list[tuple[list[float], int, str]]) -> float:
    """The conflict model's L2 penalty with the least held-out log loss (`held_out_probabilities`):
    chosen on stories the fit never saw, not on the fit itself."""
    y = np.array([t for _, t, _ in rows], dtype=float)

    def loss(l2: float) -> float:
        p = np.clip(held_out_probabilities(rows, l2), 1e-9, 1 - 1e-9)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    return min(PENALTIES, key=loss)


def held_out(p: np.ndarray, y: np.ndarray) -> str:
    """Precision and recall of the held-out probabilities at a few thresholds."""
    return "held out by story: " + ", ".join(
        f">= {t:.1f} {int(((p >= t) & (y == 1)).sum())}/{int((p >= t).sum())} flagged true "
        f"({int(((p >= t) & (y == 1)).sum())}/{int(y.sum())} found)" for t in (0.4, 0.5, 0.6, 0.7))


def thresholds(p: np.ndarray, y: np.ndarray) -> str:
    """Precision and recall of the labelled conflict pairs at a few thresholds."""
    out = []
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        hit = p >= t
        out.append(f"  >= {t:.1f}: {int((hit & (y == 1)).sum())} true of {int(hit.sum())} flagged, "
                   f"{int(y.sum())} contradictions")
    return "\n".join(out)


def contradict_min(p: np.ndarray, y: np.ndarray) -> float:
    """The lowest threshold (in steps of 0.05) at which the conflict pairs flagged by the
    held-out probabilities are at least PRECISION true: most alarms found, few false ones, as
    judged on stories the model was not fitted on."""
    for t in np.arange(0.3, 0.96, 0.05):
        hit = p >= t
        if hit.sum() and (hit & (y == 1)).sum() / hit.sum() >= PRECISION:
            return round(float(t), 2)
    return 0.95


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def conflict_probabilities(rows: list[tuple[list[float], int]], model: dict) -> np.ndarray:
    w = np.array([model["weights"][f] for f in CONFLICT_FEATURES])
    return sigmoid(model["bias"] + np.array([r for r, _ in rows]) @ w)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Logistic regression, L2 on the weights (not the bias), by Newton's method."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = np.eye(x1.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x1 @ w))
        gradient = x1.T @ (p - y) + penalty @ w
        hessian = x1.T @ (x1 * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def fitted(rows: list[tuple[list[float], int]], names: tuple[str, ...], l2: float = L2) -> tuple[dict, str]:
    x, y = np.array([r for r, _ in rows]), np.array([t for _, t in rows], dtype=float)
    bias, weights = fit(x, y, l2)
    shown = f"{len(y)} pairs ({int(y.sum())} one fact); bias {bias:+.2f}; " + ", ".join(
        f"{f} {w:+.2f}" for f, w in zip(names, weights))
    return {"bias": round(bias, 3), "weights": {f: round(float(w), 3) for f, w in zip(names, weights)}}, shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    sets = [labelled(*s) for s in SETS]
    rows: dict[str, list] = defaultdict(list)
    for name, row, y in pair_rows(sets):
        rows[name].append((row, y))
    spec = yaml.safe_load(OUT.read_text(encoding="utf-8"))
    summary = []
    frame = tuple(f for f in FEATURES if f not in VALUE_FEATURES)
    for name in ("figures", "dates"):
        spec[name], shown = fitted(rows[name], FEATURES)
        summary.append(f"{name}: {shown.split(';')[0]}")
        print(f"{name}: {shown}")
        framed = [([v for f, v in zip(FEATURES, row) if f in frame], y) for row, y in rows[name]]
        spec[f"{name}_frame"], shown = fitted(framed, frame)
        print(f"{name}_frame: {shown}")
    spec["alignment"], shown = fitted(list(alignment_rows(sets, ScorerSpec.model_validate(spec))), ALIGNMENT_FEATURES)
    summary.append(f"alignment: {shown.split(';')[0]}")
    print(f"alignment: {shown}")
    with_stories = list(conflict_rows(sets, ScorerSpec.model_validate(spec)))
    conflicting = [(row, y) for row, y, _ in with_stories]
    l2 = chosen_penalty(with_stories)
    spec["conflict"], shown = fitted(conflicting, CONFLICT_FEATURES, l2)
    summary.append(f"conflict: {shown.split(';')[0]}, L2 {l2}")
    print(f"conflict (L2 {l2}, least held-out log loss of {PENALTIES}): {shown}")
    y = np.array([t for _, t in conflicting], dtype=float)
    print(thresholds(conflict_probabilities(conflicting, spec["conflict"]), y))
    out_of_story = held_out_probabilities(with_stories, l2)
    print(held_out(out_of_story, y))
    spec["contradict_min"] = contradict_min(out_of_story, y)
    print(f"contradict_min: {spec['contradict_min']} (held-out precision >= {PRECISION})")
    spec["fitted_on"] = (f"{dt.date.today().isoformat()} by benchmarks/fit_scorer.py: the tune stories of the real-news "
                         f"gold and the invented benchmark, and the development corpus ({'; '.join(summary)})")
    if args.write:
        OUT.write_text(yaml.safe_dump(spec, sort_keys=False, width=100), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

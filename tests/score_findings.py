"""Score the rule engine's findings against the development corpus's planted facts.

    python tests/score_findings.py [--errors]

Each gold fact in `gold/facts.yaml` names its claims by document + exact text
(+ occurrence). They are resolved to the extractor's claims first, so the
engine is judged only on what extraction gave it: a fact whose resolved claims
could not satisfy its own test (a claim the extractor missed) is *unresolvable*,
counted apart as an extraction miss and left out of the recall denominators.
A fact that lost some claims but can still be judged is *partly resolved* and
is judged on the claims that remain.

* agreement: found when one `agreement` finding holds two of its claims, from
  different documents when the fact spans several; *full* when it holds all.
* contradiction (across sources): as agreement, with a `contradiction` finding.
* internal: an `internal` finding holding one of its claims (both when the fact
  lists exactly two, as "Wednesday" + "October 31": either alone says nothing).
* trap: violated when a contradiction or internal finding holds two of its claims,
  unless the finding cites them as part of a larger gold contradiction/internal
  fact (C$41bn and C$49bn are different years, a trap, yet with "30%" they make
  the planted "a 30% increase" error).
* precision: a contradiction/internal finding is *supported* when it shares two
  claims with a gold contradiction/internal fact (one, if both are internal),
  violates no trap (as above) and cites no claim the gold never mentions;
  the rest are false alarms, listed with --errors so the gold can be checked.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "devcorpus"
VERDICTS = ("agreement", "contradiction", "internal")  # the ones with a recall row
ALARMS = ("contradiction", "internal")  # finding verdicts that accuse the text


@dataclass
class Score:
    gold: Counter = field(default_factory=Counter)  # facts per gold verdict (trap included)
    resolvable: Counter = field(default_factory=Counter)  # ... that extraction lets the engine find
    found: Counter = field(default_factory=Counter)  # ... that a finding matches
    full: Counter = field(default_factory=Counter)  # ... that one finding covers completely
    partly_resolved: int = 0
    unresolvable: list[str] = field(default_factory=list)  # fact ids
    alarms: int = 0  # findings with verdict contradiction or internal
    supported: int = 0
    violations: list[str] = field(default_factory=list)  # "trap id: finding id"
    errors: list[str] = field(default_factory=list)

    def recall(self, verdict: str) -> float:
        return self.found[verdict] / self.resolvable[verdict] if self.resolvable[verdict] else 0.0

    def precision(self) -> float:
        return self.supported / self.alarms if self.alarms else 0.0


def load_gold(path: Path = CORPUS / "gold" / "facts.yaml") -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def index_claims(claims, documents, corpus: Path = CORPUS) -> dict[tuple[Path, str], list]:
    """(resolved document path, exact text) -> claims in document order.

    Keyed by resolved path, not by document id: ids are relative to wherever
    the checker was run from, while the gold is relative to the corpus.
    """
    path_of = {doc.id: Path(doc.path).resolve() for doc in documents}
    index: dict[tuple[Path, str], list] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (c.document, c.start, c.end)):
        if claim.document in path_of:
            index[(path_of[claim.document], claim.text)].append(claim)
    return index


def resolve(gold_claim: dict, index, corpus: Path = CORPUS):
    """The occurrence-th extracted claim with exactly the gold text, or None."""
    same = index.get(((corpus / gold_claim["document"]).resolve(), gold_claim["text"]), [])
    n = gold_claim.get("occurrence", 1)
    return same[n - 1] if 0 < n <= len(same) else None


def requirement(fact: dict) -> tuple[int, bool]:
    """(claims a finding must share, whether they must come from two documents)."""
    spans_sources = len({c["document"] for c in fact["claims"]}) > 1
    if fact["verdict"] == "internal":
        return (2 if len(fact["claims"]) == 2 else 1), False
    return 2, spans_sources and fact["verdict"] in ("agreement", "contradiction")


def meets(ids: set[str], resolved: list, need: int, cross: bool) -> bool:
    shared = [c for c in resolved if c.id in ids]
    return len(shared) >= need and (not cross or len({c.document for c in shared}) > 1)


def trapped(ids: set[str], trap: list, alarm_facts: list[set[str]]) -> bool:
    """Whether a finding over `ids` ties together two claims of the trap, unexcused."""
    shared = ids & {c.id for c in trap}
    return len(shared) >= 2 and not any(shared <= g and len(ids & g) > len(shared) for g in alarm_facts)


def describe(gold_claim: dict) -> str:
    n = gold_claim.get("occurrence", 1)
    return f"{gold_claim['document']} {gold_claim['text']!r}" + (f" (occurrence {n})" if n != 1 else "")


def score(findings, claims, documents, gold: list[dict], *, corpus: Path = CORPUS) -> Score:
    """Match findings to gold facts; see the module docstring for each test."""
    result = Score()
    index = index_claims(claims, documents, corpus)
    by_id = {c.id: c for c in claims}
    label = {c.id: f"{c.document} {c.text!r}" for c in claims}
    facts = []  # (fact, resolved claims, need, cross) for every judgeable fact
    mentioned: set[str] = set()
    for fact in gold:
        verdict = fact["verdict"]
        result.gold[verdict] += 1
        resolved, missing = [], []
        for g in fact["claims"]:
            claim = resolve(g, index, corpus)
            if claim is None:
                missing.append(describe(g))
            else:
                resolved.append(claim)
                mentioned.add(claim.id)
        need, cross = requirement(fact)
        if not meets({c.id for c in resolved}, resolved, need, cross):
            result.unresolvable.append(fact["id"])
            result.errors.append(f"unresolvable {verdict} {fact['id']}: not extracted: " + "; ".join(missing))
            continue
        if missing:
            result.partly_resolved += 1
            result.errors.append(f"partly resolved {verdict} {fact['id']}: not extracted: " + "; ".join(missing))
        result.resolvable[verdict] += 1
        facts.append((fact, resolved, need, cross))

    finding_ids = [(f, set(f.claims)) for f in findings]
    alarm_facts = [{c.id for c in resolved} for f, resolved, _, _ in facts if f["verdict"] in ALARMS]
    for fact, resolved, need, cross in facts:
        verdict = fact["verdict"]
        if verdict == "trap":
            for finding, ids in finding_ids:
                if finding.verdict in ALARMS and trapped(ids, resolved, alarm_facts):
                    result.violations.append(f"{fact['id']}: {finding.id}")
                    result.errors.append(
                        f"trap {fact['id']} violated by {finding.rule} {finding.id}: {finding.message}"
                    )
            continue
        matching = [ids for finding, ids in finding_ids if finding.verdict == verdict]
        if any(meets(ids, resolved, need, cross) for ids in matching):
            result.found[verdict] += 1
            if any({c.id for c in resolved} <= ids for ids in matching):
                result.full[verdict] += 1
        else:
            shown = "; ".join(label[c.id] for c in resolved)
            result.errors.append(f"missed {verdict} {fact['id']}: {shown}  ({fact.get('why', '')})")

    for finding, ids in finding_ids:
        if finding.verdict not in ALARMS:
            continue
        result.alarms += 1
        reasons = []
        unknown = sorted(ids - by_id.keys())
        if unknown:
            reasons.append("cites claim ids that were never extracted: " + ", ".join(unknown))
        unmentioned = [label[i] for i in finding.claims if i in by_id and i not in mentioned]
        if unmentioned:
            reasons.append("cites claims the gold never mentions: " + "; ".join(unmentioned))
        traps = [f["id"] for f, resolved, _, _ in facts if f["verdict"] == "trap" and trapped(ids, resolved, alarm_facts)]
        if traps:
            reasons.append("pairs claims of trap " + ", ".join(traps))
        if not any(
            meets(ids, resolved, 1 if f["verdict"] == finding.verdict == "internal" else 2, False)
            for f, resolved, _, _ in facts
            if f["verdict"] in ALARMS
        ):
            reasons.append("matches no gold contradiction or internal fact")
        if reasons:
            cited = "; ".join(label.get(i, i) for i in finding.claims)
            result.errors.append(
                f"false alarm {finding.verdict} {finding.rule} {finding.id}: {cited}: "
                + "; ".join(reasons)
                + f"  [{finding.message}]"
            )
        else:
            result.supported += 1
    return result


def report(result: Score) -> str:
    lines = [f"{'verdict':<14}{'gold':>6}{'resolv':>8}{'found':>7}{'full':>6}{'recall':>8}"]
    for verdict in VERDICTS:
        lines.append(
            f"{verdict:<14}{result.gold[verdict]:>6}{result.resolvable[verdict]:>8}{result.found[verdict]:>7}"
            f"{result.full[verdict]:>6}{result.recall(verdict):>8.1%}"
        )
    lines += [
        "(recall = found / resolvable; full = one finding holds every resolved claim)",
        (f"contradiction precision: {result.supported}/{result.alarms} = {result.precision():.1%}"
        "  (false alarms listed with --errors)"),
        (f"trap violations: {len(result.violations)} of {result.resolvable['trap']}"
        f" resolvable traps ({result.gold['trap']} in gold)"),
        (f"unresolvable gold facts (extraction misses): {len(result.unresolvable)}"
        f"; partly resolved: {result.partly_resolved}"),
    ]
    return "\n".join(lines)


def score_corpus(extractor) -> Score:
    """Extract the development corpus, run the engine on it and score the findings."""
    from checker.documents import load_documents
    from checker.engine import (
        check,  # imported here so this module loads before the engine exists
    )

    documents = load_documents(sorted(CORPUS.glob("*/*.md")))  # the articles, not README.md
    claims = [claim for doc in documents for claim in extractor.document(doc).claims]
    return score(check(claims, documents), claims, documents, load_gold())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms, trap violations, extraction misses")
    args = parser.parse_args(argv)
    from checker.extract import Extractor

    result = score_corpus(Extractor())
    print(report(result))
    if args.errors:
        print("\n".join(result.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())

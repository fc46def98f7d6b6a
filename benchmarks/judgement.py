"""Score the rule engine's judgement ("same fact? do they agree?") against hand-made gold.

    python benchmarks/judgement.py ARTICLES GOLD.json [GOLD.json ...] [--split tune|validate|all] [--errors]
    python benchmarks/judgement.py ../shared/benchmarks/ecbplus/articles ../shared/benchmarks/ecbplus/gold.json --split tune
    python benchmarks/judgement.py benchmarks/judgement/invented benchmarks/judgement/invented/gold-*.json --split validate
    python benchmarks/judgement.py tests/devcorpus tests/devcorpus/gold/judgement.json
    python benchmarks/judgement.py ../shared/benchmarks/ecbplus/articles --stories '*_ecb' --alarms   # no gold: print alarms to read

The gold format and its scoring rules are those of the real-news gold
(`../shared/benchmarks/ecbplus/README.md`): a gold claim is its file, exact
text and occurrence (the n-th appearance in the whole file, the search
restarting one character after each hit); a finding cites a gold claim when
one of its claims overlaps it.

* contradiction recall: a contradiction or internal finding cites claims
  overlapping every gold claim of it; by kind (the entry's `kind`, else its
  claims' kind) and by scope (cross, internal).
* agreement recall: agreement findings link all its claims (one connected
  group over the findings' claims).
* precision: an alarm (contradiction or internal finding) is true when it
  cites two claims of one gold contradiction (one, for a one-claim internal
  entry), each side widened by the claims that agree with it in the gold (a
  contradiction is listed once, between two outlets, though a third outlet
  agreeing with one of them contradicts the other as much); an alarm that
  cites only the claims of a neutral pair counts neither way; every other
  alarm is false.
* traps sprung: an alarm citing two claims of a trap; alarms on neutral
  (evolved) pairs are counted apart.

Stories are split by a fixed rule, decided before any scoring: the sorted
story folders, every fifth from the first and the third (index mod 5 in
{0, 2}) is `validate` (40% or more), the rest `tune`. Validate stories are
scored, never read while tuning.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from checker.documents import DocumentReader
from checker.engine import Verdict, check
from checker.extract import Extractor

ALARMS = (Verdict.CONTRADICTION, Verdict.INTERNAL)
GROUPS = {"money": "figures", "percent": "figures", "count": "figures", "quantity": "figures",
          "date": "dates", "weekday": "dates", "time": "dates", "place": "places", "quote": "quotes"}


def split_of(story: str, stories: list[str]) -> str:
    """The fixed tune/validate rule (module docstring)."""
    return "validate" if sorted(stories).index(story) % 5 in (0, 2) else "tune"


def story_of(file: str) -> str:
    return Path(file).parts[0]


@dataclass
class Gold:
    claims: dict[str, dict] = field(default_factory=dict)
    entries: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, paths: list[Path]) -> Gold:
        gold = cls()
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            gold.claims.update({c["id"]: c for c in data["claims"]})
            for section in ("agreements", "contradictions", "traps", "neutral"):
                gold.entries[section] += data.get(section, [])
        return gold

    def stories(self) -> list[str]:
        return sorted({story_of(c["file"]) for c in self.claims.values()})

    def restricted(self, keep: set[str]) -> Gold:
        """The gold of the stories in `keep` only."""
        gold = Gold({i: c for i, c in self.claims.items() if story_of(c["file"]) in keep})
        for section, entries in self.entries.items():
            gold.entries[section] = [e for e in entries if all(i in gold.claims for i in e["claims"])]
        return gold


def locate(text: str, surface: str, occurrence: int) -> tuple[int, int] | None:
    """The span of the occurrence-th appearance of `surface` (search restarts one character on)."""
    at = -1
    for _ in range(occurrence):
        at = text.find(surface, at + 1)
        if at < 0:
            return None
    return at, at + len(surface)


@dataclass
class Run:
    """The engine's findings over the articles, and which extracted claims each gold claim is."""

    findings: list
    claims: dict  # extracted claim id -> Claim
    cited_as: dict[str, set[str]]  # gold claim id -> extracted claim ids overlapping it
    missing: list[str]  # gold claim ids located in no extracted claim

    @classmethod
    def of(cls, root: Path, files: list[Path], gold: Gold) -> Run:
        documents, claims = extract(files)
        cited_as = resolve(root, documents, claims, gold)
        missing = [gid for gid, hits in cited_as.items() if not hits]
        return cls(check(claims.values(), documents), claims, cited_as, missing)

    def cites(self, finding, gold_id: str) -> bool:
        return bool(self.cited_as[gold_id] & set(finding.claims))



def extract(files: list[Path]) -> tuple[list, dict]:
    """The documents under `files`, and their claims by id."""
    extractions = list(Extractor().paths(files, DocumentReader()))
    return [e.document for e in extractions], {c.id: c for e in extractions for c in e.claims}


def resolve(root: Path, documents: list, claims: dict, gold: Gold) -> dict[str, set[str]]:
    """Gold claim id -> the ids of the extracted claims overlapping it."""
    by_file = {Path(d.path).resolve(): d for d in documents}
    per_document = defaultdict(list)
    for claim in claims.values():
        per_document[claim.document].append(claim)
    cited_as = {}
    for gid, g in gold.claims.items():
        doc = by_file.get((root / g["file"]).resolve())
        span = locate(doc.text, g["text"], g.get("occurrence", 1)) if doc else None
        cited_as[gid] = {c.id for c in per_document[doc.id] if c.start < span[1] and span[0] < c.end} if span else set()
    return cited_as


def selected(articles: Path, gold_paths: list[Path], split: str) -> tuple[Gold, list[Path]]:
    """The gold of one split, and the story folders it covers."""
    gold = Gold.load(gold_paths)
    stories = gold.stories()
    keep = {s for s in stories if split == "all" or split_of(s, stories) == split}
    return gold.restricted(keep), [articles / s for s in sorted(keep)]


def linked(run: Run, gold_ids: list[str]) -> bool:
    """Whether agreement findings join every gold claim into one group."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for finding in run.findings:
        if finding.verdict == Verdict.AGREEMENT:
            for other in finding.claims[1:]:
                parent[root(other)] = root(finding.claims[0])
    groups = [{root(c) for c in run.cited_as[g]} for g in gold_ids]
    return all(groups) and bool(set.intersection(*groups))


def entry_kind(entry: dict, gold: Gold) -> str:
    return entry.get("kind") or gold.claims[entry["claims"][0]]["kind"]


@dataclass
class Score:
    recall: Counter = field(default_factory=Counter)  # (section, key) -> found
    total: Counter = field(default_factory=Counter)  # (section, key) -> gold entries
    alarms: Counter = field(default_factory=Counter)  # kind -> alarms judged
    true: Counter = field(default_factory=Counter)  # kind -> true alarms
    on_neutral: int = 0
    sprung: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # --errors lines


def score_recall(run: Run, gold: Gold, result: Score) -> None:
    alarms = [f for f in run.findings if f.verdict in ALARMS]
    for entry in gold.entries["contradictions"]:
        kind = entry_kind(entry, gold)
        keys = ["all", f"kind:{kind}", f"group:{GROUPS.get(kind, kind)}", f"scope:{entry.get('scope', 'cross')}"]
        found = any(all(run.cites(f, g) for g in entry["claims"]) for f in alarms)
        for key in keys:
            result.total[("contradiction", key)] += 1
            result.recall[("contradiction", key)] += found
        if not found:
            result.notes.append(f"missed contradiction {entry['id']} ({kind}): {entry.get('why', '')}")
    for entry in gold.entries["agreements"]:
        found = linked(run, entry["claims"])
        result.total[("agreement", "all")] += 1
        result.recall[("agreement", "all")] += found
        if not found:
            result.notes.append(f"missed agreement {entry['id']}: {entry.get('why', '')}")


def cited_gold(run: Run, finding, entry: dict) -> int:
    return sum(run.cites(finding, g) for g in entry["claims"])


def contradiction_sides(gold: Gold) -> list[dict]:
    """Each gold contradiction, its claims widened by the agreements each of them is in: a
    claim agreeing with one side of a contradiction contradicts the other side too (the gold
    lists a contradiction once, between two of the outlets)."""
    agreeing: dict[str, set[str]] = defaultdict(set)
    for entry in gold.entries["agreements"]:
        for gid in entry["claims"]:
            agreeing[gid] |= set(entry["claims"])
    widened = []
    for entry in gold.entries["contradictions"]:
        if len(entry["claims"]) < 2:
            widened.append(entry)
            continue
        sides = [agreeing[g] | {g} for g in entry["claims"]]
        for i, first in enumerate(sides):
            for second in sides[i + 1:]:
                widened += [{"claims": [x, y]} for x in sorted(first) for y in sorted(second) if x != y]
    return widened


def judge_alarm(run: Run, gold: Gold, finding, result: Score) -> None:
    kind = run.claims[finding.claims[0]].kind.value if finding.claims[0] in run.claims else "reference"
    for trap in gold.entries["traps"]:
        if cited_gold(run, finding, trap) >= 2:
            result.sprung.append(trap["id"])
            result.notes.append(f"trap {trap['id']} sprung by {finding.rule}: {finding.message}")
    if any(cited_gold(run, finding, c) >= min(2, len(c["claims"])) for c in contradiction_sides(gold)):
        result.alarms[kind] += 1
        result.true[kind] += 1
        return
    if any(cited_gold(run, finding, n) >= 2 for n in gold.entries["neutral"]):
        result.on_neutral += 1
        return
    result.alarms[kind] += 1
    result.notes.append(f"false alarm {finding.rule} [{kind}]: {finding.message}")


def score(run: Run, gold: Gold) -> Score:
    result = Score()
    score_recall(run, gold, result)
    for finding in run.findings:
        if finding.verdict in ALARMS:
            judge_alarm(run, gold, finding, result)
    return result


def ratio(found: int, total: int) -> str:
    return f"{found / total:.2f} ({found}/{total})" if total else "n/a"


def render(result: Score, gold: Gold, run: Run, label: str) -> str:
    lines = [(f"== {label}: {len(gold.stories())} stories, {len(gold.claims)} gold claims "
             f"({len(run.missing)} not extracted)")]
    lines.append(f"agreement recall        {ratio(result.recall[('agreement', 'all')], result.total[('agreement', 'all')])}")
    lines.append(f"contradiction recall    {ratio(result.recall[('contradiction', 'all')], result.total[('contradiction', 'all')])}")
    for prefix in ("group:", "kind:", "scope:"):
        for key in sorted(k for s, k in result.total if s == "contradiction" and k.startswith(prefix)):
            lines.append(f"  {key:<21} {ratio(result.recall[('contradiction', key)], result.total[('contradiction', key)])}")
    lines.append(f"contradiction precision {ratio(sum(result.true.values()), sum(result.alarms.values()))}")
    for kind in sorted(result.alarms):
        lines.append(f"  {kind:<21} {ratio(result.true[kind], result.alarms[kind])}")
    lines.append(f"traps sprung            {len(set(result.sprung))} of {len(gold.entries['traps'])}")
    lines.append(f"alarms on evolved pairs {result.on_neutral} (of {len(gold.entries['neutral'])} neutral entries)")
    return "\n".join(lines)


def alarms_to_read(root: Path, patterns: list[str]) -> str:
    """Every alarm over the chosen folders, with its claims' sentences, for a reader to judge."""
    files = [p for p in sorted(root.iterdir()) if any(fnmatch.fnmatch(p.name, pat) for pat in patterns)]
    run = Run.of(root, files, Gold())
    out = []
    for n, finding in enumerate(f for f in run.findings if f.verdict in ALARMS):
        out.append(f"[{n + 1}] {finding.verdict} {finding.rule}: {finding.message}")
        out += [f"    {run.claims[c].document}: {run.claims[c].sentence}" for c in finding.claims if c in run.claims]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("gold", type=Path, nargs="*")
    parser.add_argument("--split", choices=["tune", "validate", "all"], default="all")
    parser.add_argument("--stories", nargs="*", default=None, help="story folder patterns (no gold: with --alarms)")
    parser.add_argument("--alarms", action="store_true", help="print every alarm with its sentences")
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and sprung traps")
    args = parser.parse_args(argv)
    if args.alarms:
        print(alarms_to_read(args.articles, args.stories or ["*"]))
        return 0
    gold, files = selected(args.articles, args.gold, args.split)
    run = Run.of(args.articles, files, gold)
    result = score(run, gold)
    print(render(result, gold, run, f"{args.articles} [{args.split}]"))
    if args.errors:
        print("\n".join(result.notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())

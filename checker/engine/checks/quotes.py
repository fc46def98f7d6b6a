"""Quote consistency: one speaker, one remark, one wording.

Two sources quoting the same speaker with the same words agree; quoting them
with words that overlap heavily but differ ("cheerful and pleasant" /
"cheerful and engaging") is a contradiction: at least one misquotes. A quote
contained in a longer one agrees with it. Only short remarks are compared
(long quotes are often different passages of one speech).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from ...models import Claim, Kind
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict, finding_id
from ..ruleset import Rule, check


def _words(claim: Claim) -> list[str]:
    return re.findall(r"[\w']+", str(claim.value).lower())


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


@check("quote_consistency")
def quotes(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    min_similarity = float(rule.param("min_similarity", 0.4))
    max_words = int(rule.param("max_words", 12))
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        if claim.kind is Kind.QUOTE and claim.speaker and claim.speaker[:1].isupper():
            by_speaker[claim.speaker].append(claim)
    agreeing: dict[str, list[Claim]] = defaultdict(list)
    for speaker, said in sorted(by_speaker.items()):
        for a, b in combinations(said, 2):
            if a.document == b.document or (a.subject and b.subject and a.subject != b.subject):
                continue
            wa, wb = _words(a), _words(b)
            if not wa or not wb:
                continue
            if wa == wb or _contains(wa, wb) or _contains(wb, wa):
                key = f"{speaker}\0{' '.join(min(wa, wb, key=len))}"
                agreeing[key] += [c for c in (a, b) if c not in agreeing[key]]
                continue
            similarity = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
            if similarity >= min_similarity and max(len(wa), len(wb)) <= max_words:
                ids = sorted([a, b], key=lambda c: (c.document, c.start))
                yield Finding(
                    id=finding_id(rule.id, [c.id for c in ids]), rule=rule.id, verdict=Verdict.CONTRADICTION,
                    severity=rule.severity, claims=[c.id for c in ids], confidence=round(similarity, 2),
                    message=f"{speaker} is quoted as “{ids[0].value}” in {ids[0].document} and as “{ids[1].value}” "
                            f"in {ids[1].document}: the same remark in different words ({similarity:.0%} of the words shared)",
                )
    for key, group in sorted(agreeing.items()):
        group = sorted(group, key=lambda c: (c.document, c.start))
        speaker = key.split("\0")[0]
        sources = sorted({c.document for c in group})
        yield Finding(
            id=finding_id(rule.id, [c.id for c in group]), rule=rule.id, verdict=Verdict.AGREEMENT,
            severity=Severity.INFO, claims=[c.id for c in group],
            message=f"{len(sources)} sources quote {speaker} alike: " + "; ".join(f"{c.document}: “{c.value}”" for c in group),
        )

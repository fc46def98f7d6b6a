"""Quote consistency: one speaker, one remark, one wording.

Two sources quoting the same speaker with the same words agree; quoting them
with words that overlap heavily but differ ("cheerful and pleasant" /
"cheerful and engaging") is a contradiction: at least one misquotes. Overlap
is measured on content words cut to five letters ("investing"/"investment"),
or, for a phrase of fewer than three content words, on all its words and only
when both sources say whom it describes. A quote contained in a longer one
agrees with it. Long quotes are not compared (they are often different
passages of one speech).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from ...models import Claim, Kind
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..ruleset import Rule, check
from ..window import WINDOW_DAYS
from .common import finding


def _words(claim: Claim) -> list[str]:
    return re.findall(r"[\w']+", str(claim.value).lower())


def _stems(words: list[str]) -> set[str]:
    """Content words cut to five letters: "investing"/"investment" and "count"/"counting" meet."""
    return {w[:5] for w in words if w not in STOP_WORDS and len(w) > 2}


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


@check("quote_consistency")
def quotes(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    min_similarity = float(rule.param("min_similarity", 0.34))
    max_words = int(rule.param("max_words", 20))
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        if claim.kind is Kind.QUOTE and claim.speaker and claim.speaker[:1].isupper():
            by_speaker[claim.speaker].append(claim)
    days = int(rule.param("window_days", WINDOW_DAYS))
    for speaker, said in sorted(by_speaker.items()):
        groups: dict[str, list[Claim]] = {c.id: [c] for c in said}
        root = {c.id: c.id for c in said}
        conflicts = []
        for i, j in corpus.window.pairs([c.document for c in said], days):
            a, b = said[i], said[j]
            if a.document == b.document or (a.subject and b.subject and a.subject != b.subject):
                continue
            wa, wb = _words(a), _words(b)
            if wa == wb or (min(len(wa), len(wb)) >= 2 and (_contains(wa, wb) or _contains(wb, wa))):
                ra, rb = root[a.id], root[b.id]
                if ra != rb:
                    groups[ra] += groups.pop(rb)
                    for c in groups[ra]:
                        root[c.id] = ra
                continue
            if max(len(wa), len(wb)) > max_words:
                continue
            sa, sb = _stems(wa), _stems(wb)
            if len(sa) >= 3 and len(sb) >= 3:
                similarity = len(sa & sb) / len(sa | sb)
            elif a.subject and a.subject == b.subject:  # a short phrase about one subject: compare all words
                similarity = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
                similarity = similarity if similarity >= 0.5 else 0.0
            else:
                continue
            if similarity >= min_similarity:
                conflicts.append((a, b, similarity))
        for group in groups.values():
            if len({c.document for c in group}) >= 2:
                yield finding(rule, Verdict.AGREEMENT, Severity.INFO, group,
                               f"{len({c.document for c in group})} sources quote {speaker} alike: "
                               + "; ".join(f"{c.document}: “{c.value}”" for c in group))
        reported = set()
        for a, b, similarity in conflicts:
            pair = tuple(sorted((root[a.id], root[b.id])))
            if pair[0] == pair[1] or pair in reported:
                continue
            reported.add(pair)
            yield finding(rule, Verdict.CONTRADICTION, rule.severity, groups[pair[0]] + groups[pair[1]],
                           f"{speaker} is quoted as “{a.value}” in {a.document} and as “{b.value}” in {b.document}: "
                           f"the same remark in different words ({similarity:.0%} of the content words shared)",
                           similarity)

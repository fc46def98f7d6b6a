"""Quote consistency: one speaker, one remark, one wording.

Two sources quoting the same speaker with the same words agree; quoting them
with words that overlap heavily but differ ("cheerful and pleasant" /
"cheerful and engaging") is a contradiction: at least one misquotes. Overlap
is measured on content words cut to five letters ("investing"/"investment"),
or, for a phrase of fewer than three content words, on all its words and only
when both sources say whom it describes. A quote contained in a longer one
agrees with it. Long quotes are compared only where the shorter lines up,
word for word in order, with a stretch of the longer one (difflib's matching
blocks): "we are not cutting" against "we are cutting", "for good" against
"for now" at the end of one sentence, inside a longer passage. Otherwise they
are too often different passages of one speech to compare.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher

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


MIN_ALIGNED = 5  # words of the shorter quote at least, to line it up with the longer one
LINED_UP = 0.7  # share of the shorter quote's words found in order in the longer one
MIN_SHARED_CONTENT = 2  # content words among them: "we are going to" lines up with anything


def lined_up(wa: list[str], wb: list[str]) -> tuple[float, list[str], list[str]]:
    """How much of the shorter quote is found, in order, in the longer one (0-1), and the words
    each says that the other does not where they line up: (["not"], ["and"])."""
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    matcher = SequenceMatcher(a=short, b=long, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0.0, [], []
    matched = [w for b in blocks for w in short[b.a : b.a + b.size]]
    if len(_stems(matched)) < MIN_SHARED_CONTENT:
        return 0.0, [], []
    first, last = blocks[0], blocks[-1]
    only_short = [w for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal" for w in short[i1:i2]]
    only_long = [w for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" for w in long[j1:j2]
                 if first.b <= j1 and j2 <= last.b + last.size]
    mine, theirs = (only_short, only_long) if short is wa else (only_long, only_short)
    return len(matched) / len(short), mine, theirs


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
            wa, wb = _words(a), _words(b)
            short = min(len(wa), len(wb)) < MIN_ALIGNED  # a phrase: whom it describes tells remarks apart
            if a.document == b.document or (short and a.subject and b.subject and a.subject != b.subject):
                continue
            if wa == wb or (min(len(wa), len(wb)) >= 2 and (_contains(wa, wb) or _contains(wb, wa))):
                ra, rb = root[a.id], root[b.id]
                if ra != rb:
                    groups[ra] += groups.pop(rb)
                    for c in groups[ra]:
                        root[c.id] = ra
                continue
            found = _misquote(a, b, wa, wb, min_similarity, max_words)
            if found:
                conflicts.append((a, b, *found))
        for group in groups.values():
            if len({c.document for c in group}) >= 2:
                yield finding(rule, Verdict.AGREEMENT, Severity.INFO, group,
                               f"{len({c.document for c in group})} sources quote {speaker} alike: "
                               + "; ".join(f"{c.document}: “{c.value}”" for c in group))
        reported = set()
        for a, b, similarity, how in conflicts:
            pair = tuple(sorted((root[a.id], root[b.id])))
            if pair[0] == pair[1] or pair in reported:
                continue
            reported.add(pair)
            yield finding(rule, Verdict.CONTRADICTION, rule.severity, groups[pair[0]] + groups[pair[1]],
                           f"{speaker} is quoted as “{a.value}” in {a.document} and as “{b.value}” in {b.document}: "
                           f"the same remark in different words ({how})", similarity)


def _misquote(a: Claim, b: Claim, wa: list[str], wb: list[str], min_similarity: float,
              max_words: int) -> tuple[float, str] | None:
    """(how alike, in words) when two different wordings are one remark; None when they are not
    alike enough to be one. The shorter lined up with the longer first, then shared content words."""
    if min(len(wa), len(wb)) >= MIN_ALIGNED:
        share, mine, theirs = lined_up(wa, wb)
        if share >= LINED_UP:
            return share, f"{share:.0%} of the shorter wording lines up with the longer; {_differ(mine, theirs)}"
    if max(len(wa), len(wb)) > max_words:
        return None
    sa, sb = _stems(wa), _stems(wb)
    if len(sa) >= 3 and len(sb) >= 3:
        similarity = len(sa & sb) / len(sa | sb)
    elif a.subject and a.subject == b.subject:  # a short phrase about one subject: compare all words
        similarity = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
        similarity = similarity if similarity >= 0.5 else 0.0
    else:
        return None
    return (similarity, f"{similarity:.0%} of the content words shared") if similarity >= min_similarity else None


def _differ(mine: list[str], theirs: list[str]) -> str:
    said = " ".join(mine) or "nothing"
    other = " ".join(theirs) or "nothing"
    return f"one has “{said}” where the other has “{other}”"

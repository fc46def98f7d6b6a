"""One verdict per draft claim, from the findings of the draft's own engine run.

An editor reads a verdict as a statement about the figure: supported (these
sources say the same), contradicted (these do not, whoever else agrees),
internally inconsistent (the draft disagrees with itself) or unverifiable (no
source was taken to state it). So:

- a claim any source contradicts is contradicted, and its sources are split
  into those that agree with it and those that do not;
- sources are documents: one statement each, however often a document repeats
  the figure;
- a claim that restates another claim of the draft (the same value, measure and
  predicate: "pledged $550 billion" ... "the $550 billion pledge") takes that
  claim's verdict. The engine lines each claim up with at most one claim of
  another article, so the second mention finds no partner; left alone it would
  read as unverifiable, and as single-source, beside the first one supported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from .engine import Finding, Verdict
from .engine.matching import dimension, predicate_group
from .engine.values import describe
from .models import Claim, Kind
from .wording import counted, verb


class Status(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    INTERNAL = "internally inconsistent"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class Candidate:
    """A corpus claim that might have stated the same fact, and was not taken to."""

    claim: Claim
    probability: float | None  # the scorer's, that the two are one fact (None for quotes: no scorer)
    reasons: str


@dataclass(frozen=True)
class Why:
    """Why a claim is unverifiable: what was looked for, and what came closest."""

    value: str  # the normalized value ("500 billion USD")
    measures: str  # what it measures ("an amount of money, for pledge (Japan)")
    candidates: list[Candidate] = field(default_factory=list)  # likeliest first, at most three
    note: str = ""  # why nothing was a candidate ("no corpus article tells this story")


@dataclass
class DraftClaim:
    claim: Claim
    status: Status
    agreeing: list[Claim] = field(default_factory=list)  # one claim per corpus document
    disagreeing: list[Claim] = field(default_factory=list)  # one claim per corpus document
    inconsistent: list[Claim] = field(default_factory=list)  # the draft's own claims it does not fit
    restates: Claim | None = None  # the draft's claim whose verdict this one shares
    why: Why | None = None  # for an unverifiable claim

    @property
    def sources(self) -> list[Claim]:
        """The claims the verdict rests on: the corpus's, or the draft's own for an internal problem."""
        return self.inconsistent if self.status is Status.INTERNAL else self.agreeing + self.disagreeing


def judge(claims_of_draft: list[Claim], findings: list[Finding], claims: dict[str, Claim]) -> list[DraftClaim]:
    """Each draft claim's verdict, in the draft's order; restatements share their first mention's."""
    judged = [_judged(claim, findings, claims) for claim in claims_of_draft]
    decided = [j for j in judged if j.status in (Status.SUPPORTED, Status.CONTRADICTED)]
    for n, verdict in enumerate(judged):
        if verdict.status is Status.UNVERIFIABLE:
            first = next((d for d in decided if restates(verdict.claim, d.claim)), None)
            if first is not None:
                judged[n] = DraftClaim(verdict.claim, first.status, first.agreeing, first.disagreeing, restates=first.claim)
    return judged


def _judged(claim: Claim, findings: list[Finding], claims: dict[str, Claim]) -> DraftClaim:
    mine = [f for f in findings if claim.id in f.claims]

    def cited(verdict: Verdict) -> list[Claim]:
        return [claims[i] for f in mine if f.verdict is verdict for i in f.claims if i != claim.id]

    inconsistent = _unique(cited(Verdict.INTERNAL))
    agreeing = one_each(c for c in cited(Verdict.AGREEMENT) if c.document != claim.document)
    sides = {c.document for c in agreeing}
    disagreeing = one_each(c for c in cited(Verdict.CONTRADICTION) if c.document != claim.document
                            and c.document not in sides)
    if inconsistent:
        return DraftClaim(claim, Status.INTERNAL, agreeing, disagreeing, inconsistent)
    if disagreeing:
        return DraftClaim(claim, Status.CONTRADICTED, agreeing, disagreeing)
    if agreeing:
        return DraftClaim(claim, Status.SUPPORTED, agreeing)
    return DraftClaim(claim, Status.UNVERIFIABLE)


def _unique(claims: Iterable[Claim]) -> list[Claim]:
    return sorted({c.id: c for c in claims}.values(), key=lambda c: (c.document, c.start))


def one_each(claims: Iterable[Claim]) -> list[Claim]:
    """The first statement of each document: a source counts once, however often it repeats a figure."""
    first: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.document, c.start)):
        first.setdefault(claim.document, claim)
    return list(first.values())


def restates(claim: Claim, earlier: Claim) -> bool:
    """Whether `claim` states again, in the same article, what `earlier` states: one value of one
    measure about one thing (quotes aside: a remark repeated is checked as a quote)."""
    return (claim.document == earlier.document and claim.id != earlier.id and claim.kind is earlier.kind
            and claim.kind is not Kind.QUOTE and dimension(claim) == dimension(earlier)
            and (claim.value, claim.low, claim.high, claim.unit) == (earlier.value, earlier.low, earlier.high, earlier.unit)
            and predicate_group(claim.predicate) == predicate_group(earlier.predicate))


def statement(claim: Claim) -> str:
    """How a message cites a claim: where, the words, and the value read from them."""
    read = "" if claim.kind is Kind.QUOTE else f" ({describe(claim)})"
    return f"{claim.document} says “{claim.text}”{read}"


def agreement_message(finding: Finding, claims: dict[str, Claim], draft: str) -> str:
    """An agreement as the draft's check tells it: the sources (documents, the draft not among
    them) and one statement of each."""
    mine = [claims[i] for i in finding.claims if claims[i].document == draft]
    sources = one_each(claims[i] for i in finding.claims if claims[i].document != draft)
    said = " and ".join(f"“{c.text}”" for c in _unique(mine))
    return (f"{counted(len(sources), 'source')} {verb(len(sources), 'agrees', 'agree')} with {draft}'s {said}: "
            + "; ".join(statement(c) for c in sources))

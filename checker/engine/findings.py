"""What the rule engine produces: findings that cite claims and a rule.

A finding must be explainable from what a report shows: it names its rule,
its verdict and severity, the claims it is about (by id), and a message a
reader can check by hand ("790 trillion JPY is about 5.2 trillion USD at 151
JPY/USD (2025-10), 9.5 times the $550 billion it converts").
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Verdict(StrEnum):
    AGREEMENT = "agreement"  # two or more sources state the fact compatibly
    CONTRADICTION = "contradiction"  # sources state it incompatibly
    INTERNAL = "internal"  # one article contradicts itself
    SINGLE_SOURCE = "single-source"  # only one source states the figure


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    rule: str
    verdict: Verdict
    severity: Severity
    claims: list[str]  # claim ids, in document and offset order
    message: str
    confidence: float = 1.0  # how sure the engine is that the claims speak of the same fact


def finding_id(rule: str, claim_ids: list[str]) -> str:
    """Stable: the same rule over the same claims always gets the same id."""
    return "f" + hashlib.sha1("\0".join([rule, *sorted(claim_ids)]).encode()).hexdigest()[:12]


def fingerprint(finding: Finding, claims: dict) -> str:
    """What identifies a finding across edits (baselines, SARIF): its rule and each cited
    claim's document, words and sentence, whitespace normalized and sorted; offsets, line
    numbers and severity are deliberately left out. A claim not at hand (a fact sheet's) is
    known by its id."""
    def squash(text: str) -> str:
        return " ".join(text.split())

    cited = []
    for claim_id in finding.claims:
        claim = claims.get(claim_id)
        cited.append((claim.document, claim.text, claim.sentence) if claim else ("", claim_id, ""))
    parts = sorted("\x1f".join(squash(p) for p in part) for part in cited)
    return hashlib.sha256("\x1e".join([finding.rule, *parts]).encode("utf-8")).hexdigest()

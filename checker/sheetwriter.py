"""A first fact sheet, from what a corpus's sources agree on (`checker facts init`).

Writing a fact sheet by hand means finding the figures and dates a newsroom
relies on; the report has most of them already, as agreements. Each agreement
of two or more documents becomes a proposed fact: the values, measure,
subject and period of the claim most of its group state alike, with a comment
listing the sources that agree. An editor then prunes the sheet — keeps the
facts the newsroom stands by, gives each a real `source` — rather than
writing it.

A fact goes on the sheet only when the sheet's own check (the `fact_sheet`
rule, which matches a fact with every claim of its measure and predicate, not
only with those of one story) finds the corpus stating it and contradicting it
nowhere: the sheet written loads back, checking the corpus against it finds
no contradiction, and each fact matches what it was made from. The others
are counted, not written: a fact two sources agree on and a third
contradicts is a question for the editor, not a reference.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from pydantic import ValidationError

from .engine import Declared, FactSheet, Finding, Ruleset, Verdict, check
from .engine.factsheet import Fact
from .engine.values import describe
from .extract import Extraction
from .models import Claim, Document, Kind
from .render.annotations import line_col
from .render.inert import one_line
from .verdicts import one_each
from .wording import counted, verb

HEADER = """\
# Facts two or more corpus sources agree on, written by `checker facts init` for an editor to prune:
# keep the facts the newsroom stands by, give each a real `source`, delete the rest. The comment
# above each fact lists the corpus claims that agree on it. The format is in the README.
"""
_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass
class Proposal:
    """A fact and the claims (one per document) the corpus states it with."""

    fact: Fact
    sources: list[Claim] = field(default_factory=list)


@dataclass
class ProposedSheet:
    proposals: list[Proposal]
    documents: dict[str, Document]
    left_out: int  # facts the sheet's check would find contradicted in the corpus, or stated nowhere

    def text(self) -> str:
        """The sheet as YAML, sorted by key, each fact under a comment naming its sources."""
        if not self.proposals:
            return HEADER + "facts: []\n"
        return HEADER + "facts:\n" + "".join(self._entry(p) for p in self.proposals)

    def _entry(self, proposal: Proposal) -> str:
        agree = len(proposal.sources)
        lines = [f"  # {counted(agree, 'source')} {verb(agree, 'agrees', 'agree')}:"]
        for claim in proposal.sources:
            document = self.documents[claim.document]
            line = line_col(document.text, claim.start)[0]
            lines.append(f"  #   {one_line(document.path)}:{line}: “{one_line(claim.text)}”")
        fields = proposal.fact.model_dump(mode="json", exclude_none=True)
        body = yaml.safe_dump([_plain_numbers(fields)], sort_keys=False, allow_unicode=True, width=1_000_000)
        return "\n".join(lines) + "\n" + "".join(f"  {line}\n" for line in body.splitlines())


def _plain_numbers(fields: dict) -> dict:
    """550000000000 rather than 550000000000.0: an editor reads the sheet."""
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in fields.items()}


def propose_sheet(extractions: list[Extraction], ruleset: Ruleset, declared: Declared | None = None) -> ProposedSheet:
    """The facts the corpus's sources agree on, each verified against the corpus as a fact sheet."""
    claims = [c for e in extractions for c in e.claims]
    documents = {e.document.id: e.document for e in extractions}
    by_id = {c.id: c for c in claims}
    findings = check(claims, documents.values(), ruleset=ruleset, declared=declared)
    proposals = _merged(p for f in findings if f.verdict is Verdict.AGREEMENT
                        and (p := _proposal(f, by_id)) is not None)
    kept = _confirmed(proposals, claims, documents, ruleset, declared)
    return ProposedSheet(sorted(kept, key=lambda p: p.fact.key), documents, len(proposals) - len(kept))


def _proposal(agreement: Finding, by_id: dict[str, Claim]) -> Proposal | None:
    """The fact an agreement of two or more documents states, or None when it cannot be one."""
    cited = [by_id[i] for i in agreement.claims if i in by_id]
    if len({c.document for c in cited}) < 2:
        return None
    usable = [c for c in cited if c.kind is not Kind.QUOTE and c.predicate]
    if not usable:
        return None
    predicates = Counter(c.predicate for c in usable)
    subjects = Counter(c.subject for c in usable if c.subject)
    # the claim most of the group state alike: its predicate and subject the commonest, exact and dated first
    best = max(usable, key=lambda c: (predicates[c.predicate], subjects[c.subject], c.qualifier is None,
                                      c.time is not None and c.time.value is not None))
    try:
        fact = Fact(key="-", kind=best.kind, value=best.value, low=None if best.value is not None else best.low,
                    high=None if best.value is not None else best.high, unit=best.unit, subject=best.subject,
                    predicate=best.predicate, time=best.time.value if best.time else None, source="-")
    except ValidationError:  # a value no sheet can hold: a date without its year, an unresolved weekday
        return None
    return Proposal(fact.model_copy(update={"key": _key(best)}), one_each(cited))


def _key(claim: Claim) -> str:
    """A readable key: "japan-pledge-550-billion-usd"."""
    words = " ".join(part for part in (claim.subject, claim.predicate, describe(claim)) if part)
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()  # "Zürich" -> "zurich"
    return _UNSAFE.sub("-", ascii_words.lower()).strip("-")[:80].strip("-") or "fact"


def _merged(proposals: Iterable[Proposal]) -> list[Proposal]:
    """One proposal per fact (agreements of several rules may state one), keys made unique."""
    same: dict[tuple, Proposal] = {}
    for proposal in proposals:
        fact = proposal.fact
        found = same.setdefault((fact.kind, fact.value, fact.low, fact.high, fact.unit, fact.subject,
                                 fact.predicate, fact.time), proposal)
        if found is not proposal:
            found.sources = one_each([*found.sources, *proposal.sources])
    used: set[str] = set()
    for proposal in same.values():
        key, number = proposal.fact.key, 1
        while key in used:
            number += 1
            key = f"{proposal.fact.key}-{number}"
        used.add(key)
        proposal.fact = proposal.fact.model_copy(update={"key": key})
    return list(same.values())


def _confirmed(proposals: list[Proposal], claims: list[Claim], documents: dict[str, Document], ruleset: Ruleset,
               declared: Declared | None) -> list[Proposal]:
    """The proposals the sheet's own check finds stated in the corpus and contradicted nowhere in
    it, each with its sources' names as its `source`."""
    rules = [r for r in ruleset.rules if r.spec.check == "fact_sheet" and r.spec.enabled]
    if rules and proposals:
        sheet = FactSheet(facts=[p.fact for p in proposals])
        found = check(claims, documents.values(), ruleset=Ruleset(rules), facts=sheet, declared=declared)
        stated = {f.claims[-1] for f in found if f.verdict is Verdict.AGREEMENT}  # each cites the claim, then the fact
        contradicted = {f.claims[-1] for f in found if f.verdict is not Verdict.AGREEMENT}
        proposals = [p for p in proposals if f"fact:{p.fact.key}" in stated - contradicted]
    for proposal in proposals:
        names = sorted({documents[c.document].source or documents[c.document].path for c in proposal.sources})
        proposal.fact = proposal.fact.model_copy(update={"source": "agreed by " + ", ".join(names)})
    return proposals

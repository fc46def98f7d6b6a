"""A vocabulary for asserting facts about a corpus, so a test reads like an editor's sentence:

    assert claims.about("pledge").money().values() == {usd("550bn")}
    assert claims.one(kind="date", about="phone call").value == date(2025, 10, 25)
    assert claims.about("defense spending").agree()
    assert checker_report.contradictions() == []

`ClaimSet` narrows the corpus's claims, a figure's in-sentence conversion set
aside until a unit is asked for ("€600 million ($650 million)" states €600
million; `in_unit("USD")` finds the $650 million); `Values` compares what they state with
expected values (see `checker.expect`); `Findings` are the rule engine's
verdicts. Checks that end in a yes or no (`agree`, `one`) fail with an
`AssertionError` that shows every claim concerned, because a bare `False`
would tell the editor nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .engine import FactSheet, Finding, Ruleset, Verdict, check, load_ruleset
from .engine.checks.common import compare
from .engine.checks.internal import conversion_pairs
from .engine.corpus import Corpus
from .engine.measures import physical_dimension
from .engine.values import load_rates
from .expect import report_tolerance, unit_fits, value_matches
from .models import Claim, Document, Kind
from .render.explain import claim_lines, claims_lines, finding_lines, normalized, where
from .wording import counted


@dataclass
class Evidence:
    """A corpus's documents and claims with the rules that judge them; findings run once."""

    documents: dict[str, Document]
    claims: list[Claim]
    ruleset: Ruleset = field(default_factory=load_ruleset)
    facts: FactSheet | None = None
    facts_path: str = ""

    @cached_property
    def findings(self) -> list[Finding]:
        return check(self.claims, self.documents.values(), ruleset=self.ruleset, facts=self.facts,
                     facts_path=self.facts_path)

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in [*self.claims, *self.corpus.reference]}

    @cached_property
    def corpus(self) -> Corpus:
        reference = self.facts.reference_claims(self.facts_path) if self.facts else []
        return Corpus(list(self.claims), self.documents, load_rates(), reference)

    @cached_property
    def conversions(self) -> frozenset[str]:
        """Claims that only convert the figure before them ("€600 million ($650 million)",
        "229 metres (650 ft)"), by id: the pairs the engine's conversion checks read, a
        quantity's in its own dimension. A test gets them only by asking for their unit."""
        return frozenset(b.id for claims in self.corpus.by_sentence.values()
                         for kind in (Kind.MONEY, Kind.QUANTITY) for a, b in conversion_pairs(claims, kind)
                         if kind is Kind.MONEY or _one_dimension(a, b))

    @cached_property
    def order(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.claims)}

    @cached_property
    def tolerance(self) -> float:
        """The slack the report allows a figure, so a test's expected value compares as it."""
        return report_tolerance(self.ruleset)

    def comparable(self, a: Claim, b: Claim) -> str | None:
        """Why two claims' values differ, by the engine's own comparison; None when they agree
        or cannot be compared (different kinds or units)."""
        if a.kind is not b.kind or a.kind is Kind.QUOTE:
            return None
        if a.kind not in _ACROSS_UNITS and not (unit_fits(a.kind, a.unit, b.unit or "")
                                                or unit_fits(a.kind, b.unit, a.unit or "")):
            return None  # counts: "3,200 permanent jobs" and "about 3,000 jobs" count one thing
        rule = self.ruleset.get("date-consistency" if a.kind is Kind.DATE else "figure-consistency")
        if rule is None and a.kind not in _OWN_COMPARISON:
            return None
        result = compare(rule, self.corpus, a, b)
        return None if result is None or result.compatible else result.reason


# kinds compared across units: money through the rate table, times across zones, places
# across prepositions (the comparison itself says when two are not comparable)
_ACROSS_UNITS = {Kind.MONEY, Kind.TIME, Kind.PLACE}
_OWN_COMPARISON = {Kind.TIME, Kind.PLACE}  # compared without a rule's tolerances


def _one_dimension(a: Claim, b: Claim) -> bool:
    """Two quantities one converts into the other: "229 metres (650 ft)", not "5 km, or 20 minutes"."""
    dimension = physical_dimension(a.unit)
    return dimension is not None and dimension == physical_dimension(b.unit)


def _words(phrase: str) -> re.Pattern[str]:
    """A phrase's words in order, each matching a word's start ("pledge" finds "pledged")."""
    words = phrase.split()
    if not words:
        raise ValueError("about() needs at least one word")
    return re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words), re.IGNORECASE)


class ClaimSet:
    """Some of a corpus's claims, in document and offset order; every filter returns a new set.
    Conversions are set aside (`aside`), narrowed with the rest, until `in_unit` asks for them."""

    def __init__(self, evidence: Evidence, claims: Iterable[Claim] | None = None, description: str = "claims",
                 aside: Iterable[Claim] = ()):
        self.evidence = evidence
        if claims is None:
            claims = [c for c in evidence.claims if c.id not in evidence.conversions]
            aside = [c for c in evidence.claims if c.id in evidence.conversions]
        self._claims = tuple(claims)
        self.aside = tuple(aside)
        self.description = description

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._claims)

    def __len__(self) -> int:
        return len(self._claims)

    def __repr__(self) -> str:
        return f"<{len(self)} {self.description}>"

    def where(self, test: Callable[[Claim], bool], described: str = "chosen") -> ClaimSet:
        return ClaimSet(self.evidence, [c for c in self._claims if test(c)], f"{self.description} {described}",
                        [c for c in self.aside if test(c)])

    def about(self, phrase: str) -> ClaimSet:
        """Claims whose sentence, subject, predicate or speaker has the phrase's words in order."""
        pattern = _words(phrase)
        return self.where(lambda c: any(pattern.search(t) for t in (c.sentence, c.subject, c.predicate, c.speaker)
                                        if t), f"about {phrase!r}")

    def with_text(self, words: str) -> ClaimSet:
        """Claims whose own words (not the sentence's) contain `words`."""
        return self.where(lambda c: words.lower() in c.text.lower(), f"reading {words!r}")

    def of_kind(self, kind: Kind | str) -> ClaimSet:
        wanted = Kind(kind)
        found = self.where(lambda c: c.kind is wanted)
        found.description = self.description.replace("claims", f"{wanted.value} claims", 1)
        return found

    def _figures(self, kind: Kind, in_unit: str | None) -> ClaimSet:
        found = self.of_kind(kind)
        return found.in_unit(in_unit) if in_unit else found

    def money(self, in_unit: str | None = None) -> ClaimSet:
        """Money as stated; `in_unit="USD"`: in that currency, conversions too."""
        return self._figures(Kind.MONEY, in_unit)

    def percentages(self, in_unit: str | None = None) -> ClaimSet:
        return self._figures(Kind.PERCENT, in_unit)

    def counts(self, in_unit: str | None = None) -> ClaimSet:
        """Counts; `in_unit="job"`: of that thing ("3,200 permanent jobs" counts jobs)."""
        return self._figures(Kind.COUNT, in_unit)

    def quantities(self, in_unit: str | None = None) -> ClaimSet:
        """Quantities as stated; `in_unit="foot"`: in that unit, conversions too."""
        return self._figures(Kind.QUANTITY, in_unit)

    def dates(self) -> ClaimSet:
        return self.of_kind(Kind.DATE)

    def quotes(self) -> ClaimSet:
        return self.of_kind(Kind.QUOTE)

    def times(self) -> ClaimSet:
        return self.of_kind(Kind.TIME)

    def places(self) -> ClaimSet:
        return self.of_kind(Kind.PLACE)

    def in_unit(self, unit: str) -> ClaimSet:
        """Claims in `unit` (a count's: the thing counted), the conversions set aside among them:
        asking for a unit is asking for the figure in it, however the article came to give it."""
        fits = [c for c in (*self._claims, *self.aside) if unit_fits(c.kind, c.unit, unit)]
        return ClaimSet(self.evidence, sorted(fits, key=lambda c: self.evidence.order[c.id]),
                        f"{self.description} in {unit}")

    def from_source(self, name: str) -> ClaimSet:
        """Claims of documents whose path, id, source or title contains `name`."""
        def fits(claim: Claim) -> bool:
            doc = self.evidence.documents.get(claim.document)
            fields = (claim.document, *((doc.path, doc.source, doc.title) if doc else ()))
            return any(name.lower() in f.lower() for f in fields if f)
        return self.where(fits, f"from {name!r}")

    def said_by(self, speaker: str) -> ClaimSet:
        return self.where(lambda c: speaker.lower() in (c.speaker or "").lower(), f"said by {speaker!r}")

    def filter(self, *, kind: Kind | str | None = None, about: str | None = None, unit: str | None = None,
               source: str | None = None, speaker: str | None = None, text: str | None = None) -> ClaimSet:
        """Every filter at once, by keyword."""
        found = self
        for value, narrow in ((kind, ClaimSet.of_kind), (about, ClaimSet.about), (unit, ClaimSet.in_unit),
                              (source, ClaimSet.from_source), (speaker, ClaimSet.said_by),
                              (text, ClaimSet.with_text)):
            if value is not None:
                found = narrow(found, value)
        return found

    def one(self, **filters) -> ClaimView:
        """The single claim the filters leave; fails, listing them, when there are none or several."""
        __tracebackhide__ = True
        found = self.filter(**filters)
        if len(found) != 1:
            raise AssertionError("\n".join([f"expected exactly one of the {found.description}, found {len(found)}:",
                                            *claims_lines(found, self.evidence.documents)]))
        return ClaimView(found._claims[0], self.evidence)

    def values(self) -> Values:
        return Values([Value(c, self.evidence) for c in self._claims], self.description,
                      [Value(c, self.evidence) for c in self.aside])

    def sources(self) -> list[str]:
        """The documents these claims come from, by id (the path from the working folder)."""
        return sorted({c.document for c in self._claims})

    def disagreements(self) -> list[tuple[Claim, Claim, str]]:
        """Pairs of claims from different sources, of one kind and unit, whose values the
        engine finds incompatible. (Two figures in one article are usually two facts.)"""
        found = []
        for i, a in enumerate(self._claims):
            for b in self._claims[i + 1:]:
                reason = self.evidence.comparable(a, b) if a.document != b.document else None
                if reason:
                    found.append((a, b, reason))
        return found

    def agree(self, sources: int = 2) -> bool:
        """True when at least `sources` documents state these claims and no two disagree;
        otherwise fails with the claims side by side."""
        __tracebackhide__ = True
        docs = self.evidence.documents
        problems = [f"the {self.description} come from {counted(len(self.sources()), 'source')}, fewer than {sources}:"] \
            if len(self.sources()) < sources else []
        for a, b, reason in self.disagreements():
            problems += [f"they disagree: {reason}", *claim_lines(a, docs), *claim_lines(b, docs)]
        if problems:
            if len(self.sources()) < sources:
                problems += claims_lines(self._claims, docs)
            raise AssertionError("\n".join(problems))
        return True


class ClaimView:
    """One claim, with `value` comparable to what an editor expects; other fields as on `Claim`."""

    def __init__(self, claim: Claim, evidence: Evidence):
        self.claim = claim
        self.value = Value(claim, evidence)

    def __getattr__(self, name: str):
        return getattr(self.claim, name)

    def __repr__(self) -> str:
        return repr(self.value)


class Value:
    """What one claim states; `==` an expected value (see `checker.expect.value_matches`)."""

    def __init__(self, claim: Claim, evidence: Evidence):
        self.claim = claim
        self.evidence = evidence

    def __eq__(self, expected: object) -> bool:
        return value_matches(self.claim, expected, self.evidence.tolerance)

    __hash__ = None  # equality is tolerant, so values cannot be hashed consistently

    def __repr__(self) -> str:
        return f"{normalized(self.claim)} (“{self.claim.text}”, {where(self.claim, self.evidence.documents)})"

    def explain(self) -> list[str]:
        return claim_lines(self.claim, self.evidence.documents)


def expected_items(expected: object) -> list:
    return list(expected) if isinstance(expected, (set, frozenset, list, tuple)) else [expected]


class Values:
    """The values of a claim set. `==` a set (or list) of expected values when every claim
    states one of them and each is stated; `in` when any claim states it."""

    def __init__(self, values: list[Value], description: str, aside: list[Value] | None = None):
        self.items = values
        self.description = description
        self.aside = aside or []  # conversions set aside, shown when a value is missing

    def __iter__(self) -> Iterator[Value]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, expected: object) -> bool:
        return any(v == expected for v in self.items)

    def __eq__(self, expected: object) -> bool:
        unexpected, missing = self.mismatches(expected)
        return not unexpected and not missing

    __hash__ = None

    def mismatches(self, expected: object) -> tuple[list[Value], list]:
        """The values no expected value accounts for, and the expected values nothing states."""
        wanted = expected_items(expected)
        unexpected = [v for v in self.items if not any(v == e for e in wanted)]
        missing = [e for e in wanted if not any(v == e for v in self.items)]
        return unexpected, missing

    def __repr__(self) -> str:
        return f"<values of {len(self.items)} {self.description}>"


class Findings(list):
    """Findings of the rule engine, in report order; filters return new `Findings`.
    A list, so `== []` asserts there are none."""

    def __init__(self, findings: Iterable[Finding], evidence: Evidence, description: str = "findings"):
        super().__init__(findings)
        self.evidence = evidence
        self.description = description

    def _cited(self, finding: Finding) -> list[Claim]:
        return [self.evidence.by_id[i] for i in finding.claims if i in self.evidence.by_id]

    def about(self, phrase: str) -> Findings:
        """Findings whose message, or a cited claim's words or sentence, has the phrase."""
        pattern = _words(phrase)
        return Findings([f for f in self if pattern.search(f.message) or any(
            pattern.search(c.text) or pattern.search(c.sentence) for c in self._cited(f))],
            self.evidence, f"{self.description} about {phrase!r}")

    def excluding(self, *phrases: str) -> Findings:
        """The findings left once those about any of `phrases` (the known ones) are set aside."""
        known = {f.id for p in phrases for f in self.about(p)}
        return Findings([f for f in self if f.id not in known], self.evidence,
                        f"{self.description} other than {', '.join(map(repr, phrases))}")

    def cited(self) -> list[tuple[str, ...]]:
        """Each finding's cited corpus claims, by their words (a fact sheet's fact, which a
        fact-sheet finding cites too, is named in its message)."""
        return [tuple(c.text for c in self._cited(f) if c.document in self.evidence.documents) for f in self]

    def explain(self) -> list[str]:
        lines = [line for f in self for line in finding_lines(f, self.evidence.by_id, self.evidence.documents)]
        return lines or ["  (none)"]


class Report:
    """The rule engine's findings over the corpus, by verdict."""

    def __init__(self, evidence: Evidence):
        self.evidence = evidence

    def __repr__(self) -> str:
        return f"<report: {len(self.evidence.findings)} findings>"

    def _of(self, verdicts: tuple[Verdict, ...], name: str, about: str | None) -> Findings:
        found = Findings([f for f in self.evidence.findings if f.verdict in verdicts], self.evidence, name)
        return found.about(about) if about else found

    @property
    def findings(self) -> Findings:
        return Findings(self.evidence.findings, self.evidence)

    def contradictions(self, about: str | None = None) -> Findings:
        return self._of((Verdict.CONTRADICTION,), "contradictions", about)

    def internal(self, about: str | None = None) -> Findings:
        """Articles that contradict themselves (a wrong conversion, parts that don't add up)."""
        return self._of((Verdict.INTERNAL,), "internal inconsistencies", about)

    def problems(self, about: str | None = None) -> Findings:
        return self._of((Verdict.CONTRADICTION, Verdict.INTERNAL), "problems", about)

    def agreements(self, about: str | None = None) -> Findings:
        return self._of((Verdict.AGREEMENT,), "agreements", about)

    def single_source(self, about: str | None = None) -> Findings:
        return self._of((Verdict.SINGLE_SOURCE,), "single-source figures", about)

"""What a report shows of its findings, gathered as they stream past, and the findings again in
the order each section lists them, without ever holding them all.

A report leads with totals (per verdict, per rule, per source) and with the problems grouped
into stories, the most confident first; it can only be written once every finding has been
seen. So `gathered` reads the findings once, in the engine's order, a page at a time: it looks
up the claims each page cites and their documents (`Archive`: from the store, or from memory),
keeps the counts, joins the problems' documents into stories (union-find, with each story's
size and confidence kept at its root) and the few most important problems, and puts every
finding a section will list, with what it cites, into sorted runs on disk (`SortedRuns`). The
sections then read their findings back one at a time: problems story by story, the others in
the engine's order. Memory holds a page, the counts (a few numbers per document) and the
stories' documents, never the findings.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import islice

from pydantic import BaseModel

from ..engine import Finding, Verdict
from ..engine.runs import SortedRuns
from ..models import Claim, Document
from .summary import PROBLEMS, Story, outlet, rank

PAGE = 500  # findings whose claims are looked up together
SPILLED = 2_000  # findings (with what they cite) held before a sorted run is written to disk
TOP = 10  # the most important problems a large report names first
LARGE_PROBLEMS = 25  # a report listing more problems than this (a few screens of them) is large
LARGE_SOURCES = 100  # so is one over more documents than this: its table of sources goes last


class Cited(BaseModel):
    """A finding with the claims it cites that the report holds, and their documents (a
    document's text only where a claim's passage must be widened from it)."""

    finding: Finding
    claims: dict[str, Claim]
    documents: dict[str, Document]

    @property
    def sources(self) -> list[str]:
        """The documents the finding cites, each once, in the order of its claims."""
        return list(dict.fromkeys(self.claims[i].document for i in self.finding.claims if i in self.claims))


@dataclass(frozen=True)
class Archive:
    """Where a report reads what it shows besides the findings: every document in order, each
    one's claim count, and the claims and documents a page of findings cites."""

    documents: Callable[[], Iterable[Document]]
    claim_counts: Callable[[], Mapping[str, int]]
    claims_by_id: Callable[[Iterable[str]], Iterable[Claim]]
    documents_by_id: Callable[[Iterable[str]], Iterable[Document]]

    @classmethod
    def of_store(cls, db) -> Archive:
        return cls(db.each_document, db.claim_counts, db.claims_by_id, db.documents_by_id)

    @classmethod
    def of_memory(cls, documents: Sequence[Document], claims: Sequence[Claim]) -> Archive:
        by_id, docs = {c.id: c for c in claims}, {d.id: d for d in documents}
        return cls(lambda: documents, lambda: Counter(c.document for c in claims),
                   lambda ids: [by_id[i] for i in ids if i in by_id], lambda ids: [docs[i] for i in ids if i in docs])


def in_sentence(claim: Claim) -> bool:
    """Whether the claim's text stands in its sentence where its offsets say (a quote may run
    past the sentence the extractor gave it: then its passage is widened from the document)."""
    at = claim.start - claim.sentence_start
    return 0 <= at and claim.sentence[at:at + len(claim.text)] == claim.text


def pages(findings: Iterable[Finding]) -> Iterator[list[Finding]]:
    """The findings a page (`PAGE`) at a time: what a report looks up together."""
    findings = iter(findings)
    while page := list(islice(findings, PAGE)):
        yield page


def cited_by(findings: list[Finding], archive: Archive) -> tuple[dict[str, Claim], dict[str, Document]]:
    """The claims a page of findings cites and their documents, by id, looked up at once."""
    claims = {c.id: c for c in archive.claims_by_id({i for f in findings for i in f.claims})}
    documents = {d.id: d for d in archive.documents_by_id({c.document for c in claims.values()})}
    return claims, documents


def _page(findings: list[Finding], archive: Archive) -> Iterator[Cited]:
    """Each finding of a page with what it cites, looked up at once for the page."""
    claims, documents = cited_by(findings, archive)
    for finding in findings:
        own = {i: claims[i] for i in finding.claims if i in claims}
        needed = {c.document for c in own.values() if not in_sentence(c)}
        yield Cited(finding=finding, claims=own, documents={
            d: documents[d] if d in needed else documents[d].model_copy(update={"text": ""})
            for d in dict.fromkeys(c.document for c in own.values()) if d in documents})


def _pages(findings: Iterable[Finding], archive: Archive) -> Iterator[Cited]:
    for page in pages(findings):
        yield from _page(page, archive)


class _Stories:
    """Problems' documents joined into stories as they come (union-find, the smaller story into
    the larger), each root keeping its story's size, confidence, documents and first finding."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.heads: dict[str, Story] = {}
        self.documents: dict[str, set[str]] = {}
        self.first: dict[str, int] = {}

    def root(self, doc: str) -> str:
        while self.parent.setdefault(doc, doc) != doc:
            self.parent[doc] = self.parent[self.parent[doc]]
            doc = self.parent[doc]
        return doc

    def key(self, number: int, sources: list[str]) -> str:
        """The story a problem belongs to: its first document's root, or a story of its own when
        it cites no document (only a fact sheet's claims)."""
        return self.root(sources[0]) if sources else f"\0{number}"

    def add(self, number: int, finding: Finding, sources: list[str]) -> None:
        key = self.key(number, sources)
        for doc in sources[1:]:
            key = self._join(key, self.root(doc))
        head = self.heads.setdefault(key, Story())
        self.first.setdefault(key, number)
        head.size += 1
        head.confidence = max(head.confidence, finding.confidence)
        self.documents.setdefault(key, set()).update(sources)

    def _join(self, a: str, b: str) -> str:
        if a == b:
            return a
        if len(self.documents.get(a, ())) < len(self.documents.get(b, ())):
            a, b = b, a
        self.parent[b] = a
        if b in self.heads:
            into, gone = self.heads.setdefault(a, Story()), self.heads.pop(b)
            into.size, into.confidence = into.size + gone.size, max(into.confidence, gone.confidence)
            self.documents.setdefault(a, set()).update(self.documents.pop(b))
            self.first[a] = min(self.first.get(a, self.first[b]), self.first.pop(b))
        return a

    def ranked(self) -> dict[str, int]:
        """Each story's place (by its root): the most confident first, then the larger, then by
        its first document, then the earlier."""
        for key, head in self.heads.items():
            head.documents = sorted(self.documents.pop(key, ()))
        order = sorted(self.heads, key=lambda k: (-self.heads[k].confidence, -self.heads[k].size,
                                                  self.heads[k].documents[:1], self.first[k]))
        return {key: place for place, key in enumerate(order)}


@dataclass
class Digest:
    """A report's totals and its findings, section by section, read back from disk."""

    documents: int = 0
    claim_counts: Mapping[str, int] = field(default_factory=dict)
    tally: Counter = field(default_factory=Counter)  # (verdict, rule, severity) -> findings
    per_source: dict[str, Counter] = field(default_factory=dict)  # cited document -> findings per verdict
    outlets: list[str] = field(default_factory=list)
    source_count: int = 0  # the documents, and any other source cited
    stories: list[Story] = field(default_factory=list)
    top: list[tuple[tuple, Cited]] = field(default_factory=list)  # (rank, the finding), best first
    sources: Callable[[], Iterator[tuple[str, Document | None]]] = lambda: iter(())
    runs: dict[object, SortedRuns] = field(default_factory=dict)

    @property
    def large(self) -> bool:
        """Whether the report leads with its most important problems (`TOP`) and closes with its
        sources: too many to read first. A small report's layout is as it always was."""
        return sum(s.size for s in self.stories) > LARGE_PROBLEMS or self.documents > LARGE_SOURCES

    @property
    def claims(self) -> int:
        return sum(self.claim_counts.values())

    def count(self, verdict: Verdict | None = None) -> int:
        return sum(n for (v, _, _), n in self.tally.items() if verdict is None or v is verdict)

    def rule_counts(self, verdict: Verdict) -> list[tuple[str, int]]:
        """How many findings of `verdict` each rule made, most first: what a collapsed section shows."""
        counts: Counter = Counter()
        for (v, rule, _), n in self.tally.items():
            if v is verdict:
                counts[rule] += n
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def source_counts(self, source: str) -> Counter:
        """A source's claims (key "claims") and the findings citing it per verdict."""
        return Counter(claims=self.claim_counts.get(source, 0)) + self.per_source.get(source, Counter())

    def problems(self) -> Iterator[tuple[int, Cited]]:
        """The problems story by story (each with its story's place), most confident first."""
        if PROBLEMS in self.runs:
            for (place, *_), cited in self.runs[PROBLEMS].keyed():
                yield place, cited

    def listed(self, verdict: Verdict) -> Iterator[Cited]:
        """The findings of a verdict listed in full, in the engine's order."""
        if verdict in self.runs:
            yield from (cited for _, cited in self.runs[verdict].keyed())


def _documents(archive: Archive, digest: Digest) -> None:
    """Count the documents and name their outlets (the HTML filters list every one); the sources
    a table lists are every document in order, then any other cited one."""
    outlets, known = set(), set()
    for document in archive.documents():
        known.add(document.id)
        outlets.add(outlet(document, document.id))
    extra = sorted(set(digest.per_source) - known)

    def sources() -> Iterator[tuple[str, Document | None]]:
        yield from ((document.id, document) for document in archive.documents())
        yield from ((s, None) for s in extra)

    digest.documents, digest.source_count, digest.sources = len(known), len(known) + len(extra), sources
    digest.outlets = sorted(outlets | {outlet(None, s) for s in extra})


@contextmanager
def gathered(findings: Iterable[Finding], archive: Archive, listed: Iterable[Verdict] = ()) -> Iterator[Digest]:
    """The digest of `findings` (in the engine's order), with the problems and the `listed`
    verdicts kept on disk to be read back; the runs go when the context closes."""
    stories, digest, listed = _Stories(), Digest(claim_counts=archive.claim_counts()), frozenset(listed)
    with ExitStack() as stack:
        def spill(key: object) -> SortedRuns:
            if key not in digest.runs:
                digest.runs[key] = stack.enter_context(SortedRuns(Cited, SPILLED))
            return digest.runs[key]

        for number, cited in enumerate(_pages(findings, archive)):
            finding, sources = cited.finding, cited.sources
            digest.tally[finding.verdict, finding.rule, finding.severity.value] += 1
            for source in sources:
                digest.per_source.setdefault(source, Counter())[finding.verdict] += 1
            if finding.verdict in PROBLEMS and finding.verdict in listed:
                stories.add(number, finding, sources)
                spill(_ENGINE_ORDER).add([((number,), cited)])
                digest.top = heapq.nsmallest(TOP, [*digest.top, ((*rank(finding), number), cited)], key=lambda r: r[0])
            elif finding.verdict in listed:
                spill(finding.verdict).add([((number,), cited)])
        _by_story(stories, digest, spill)
        _documents(archive, digest)
        yield digest


_ENGINE_ORDER = "engine order"  # the problems as they came, before their stories are known


def _by_story(stories: _Stories, digest: Digest, spill: Callable[[object], SortedRuns]) -> None:
    """The problems put in their stories' order, each story's most confident first."""
    places = stories.ranked()
    digest.stories = [stories.heads[key] for key in sorted(places, key=places.__getitem__)]
    if _ENGINE_ORDER not in digest.runs:
        return
    by_story = spill(PROBLEMS)
    for (number,), cited in digest.runs.pop(_ENGINE_ORDER).keyed():
        place = places[stories.key(number, cited.sources)]
        by_story.add([((place, *rank(cited.finding), number), cited)])

"""Which corpus documents a draft can be compared with: the only ones its check reads.

The pre-publication check runs the rule engine once per draft, over that
draft and the corpus, so that no draft is ever compared with another. Run
over the whole corpus each time, the engine would score every pair of corpus
claims again for every draft, though none of them can change what the draft
is found to say. So each run reads only the draft's neighbourhood:

- the corpus documents that tell one story with the draft (`Stories`, for each
  window an enabled rule uses): the only ones whose figures, dates, times and
  places are compared with the draft's;
- those quoting someone the draft quotes (the quote rule compares any two
  documents within its window, not only one story's);
- those holding a claim an editor declared one fact (settings or an inline
  comment) when the draft holds one too;
- and the documents within `HOPS` story links of these: agreement groups join
  claims through corpus pairs, and grow only with claims that fit every
  member, so a group seen without the articles beyond its edge can take in a
  claim that a whole-corpus run keeps out. On the 183 articles of the
  development and invented benchmark corpora, each of 92 taken as a draft,
  three links gave the same verdicts and findings (by id) as a run over the
  whole corpus (two links: the same verdicts, 28 of 645 agreements with other
  sources; one link: 8 verdicts of 2,165 changed), at a tenth of the time.

The stories are found once for all drafts, over the whole corpus. (What the
engine reads of the corpus as a whole, its publication dates, comes from
every corpus document: `precheck` hands them all to each run.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .engine import Declared, Ruleset
from .engine.corpus import Corpus
from .engine.stream import story_windows
from .extract import Extraction
from .models import Kind

HOPS = 3  # story links from the draft read: measured, the fewest at which verdicts and agreements match a whole-corpus run
class Neighbourhoods:
    """Story links between all documents, quotes by speaker, claims declared one fact."""

    def __init__(self, drafts: list[Extraction], corpus: list[Extraction], ruleset: Ruleset,
                 declared: Declared | None = None):
        everything = [*drafts, *corpus]
        documents = {e.document.id: e.document for e in everything}
        engine = Corpus([c for e in everything for c in e.claims], documents)
        taught = (declared or Declared()).merged(Declared.inline(documents.values()))
        self.drafts = {e.document.id for e in drafts}
        self.links: dict[str, set[str]] = defaultdict(set)
        for days in story_windows(ruleset):
            for a, b in engine.stories(days).pairs():
                self.links[a].add(b)
                self.links[b].add(a)
        self.quoting: dict[str, set[str]] = defaultdict(set)  # speaker (as the engine names them) -> documents
        self.speakers: dict[str, set[str]] = defaultdict(set)  # document -> speakers it quotes
        self.declared: set[str] = set()  # documents holding a claim named in a same_fact declaration
        for claim in engine.claims:  # the engine's copies: one name per person across the corpus
            if claim.kind is Kind.QUOTE and claim.speaker:
                self.quoting[claim.speaker].add(claim.document)
                self.speakers[claim.document].add(claim.speaker)
            if taught.same and taught.named_same(claim):
                self.declared.add(claim.document)
        self.by_id = {e.document.id: e for e in corpus}

    def of(self, draft: str) -> list[Extraction]:
        """The corpus documents the draft's check reads, in corpus order."""
        first = set(self.links[draft])
        first |= {doc for speaker in self.speakers[draft] for doc in self.quoting[speaker]}
        if draft in self.declared:
            first |= self.declared
        first -= self.drafts  # never another draft, nor a path through one
        near = set(first)
        for _ in range(HOPS - 1):
            near |= _partners(near, self.links) - self.drafts
        return [extraction for doc_id, extraction in self.by_id.items() if doc_id in near and doc_id not in self.drafts]


def _partners(documents: Iterable[str], links: dict[str, set[str]]) -> set[str]:
    return {other for doc in documents for other in links.get(doc, ())}

"""The engine over a claim store, one part of the archive at a time.

`check` holds every claim of a corpus at once; over an archive of a million
claims that is gigabytes. Yet a claim is only ever compared with claims of
its own story (figures, dates, times, places, single-source), of its own
sentence (the internal checks) or of its own speaker (quotes), and with the
fact sheet. So `check_store` works in three steps:

1. one pass over the store, a document at a time, keeps a small summary of
   each (`_Summaries`): its day, the people it names, whom it quotes, the
   rare words of its story;
2. from the summaries, what every part needs of the whole (`Surroundings`:
   one full name per surname, document days, which documents are one story)
   and the parts themselves: documents joined by a story pair (in any window
   a rule uses) or by claims an editor declared one fact fall in one part;
3. each part is read from the store, judged, and released; the quote rule,
   which compares a speaker's quotes across stories, runs per speaker over
   that speaker's quotes alone, with the quotes without a speaker taken to
   be theirs (a quote is taken by the one speaker of the whole archive whose
   quotes line up with it: the speakers that fit are gathered over every
   speaker part first).

The findings of the parts wait on disk in sorted runs (`runs.SortedRuns`)
and come back merged, in order, one at a time (`each_finding`). Memory is
then bounded by the largest part (a story, or the quotes of the most quoted
speaker) plus the summaries, not by the archive. The findings are those of
`check` over the whole store (its claims in the store's order), in the same
order, byte for byte. An article with no rare word to name its
story, or an undated one, is compared with many others and so joins their
parts into one: an archive of those is judged as a whole, as before.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..models import Claim, Document, Kind
from . import enabled, judged
from .checks.quotes import fitting_speakers, may_be_adopted, speaker_names
from .corpus import Corpus
from .declared import Declared
from .factsheet import FactSheet
from .findings import Finding
from .ruleset import Rule, Ruleset, load_ruleset
from .runs import SortedRuns
from .stories import Stories, story_strength
from .surroundings import Calendar, Summary, Surroundings, one_name_each
from .values import load_rates
from .window import WINDOW_DAYS, Window, unplaced_stories

if TYPE_CHECKING:
    from ..store import ClaimStore

BY_SPEAKER = {"quote_consistency"}  # checks that compare a speaker's quotes across stories
PART_CLAIMS = 10_000  # parts smaller than this are read and judged together (they never meet)
QUOTING_DOCUMENTS = 2_000  # speakers quoted in fewer documents than this are read and judged together


@dataclass
class _Summaries:
    """What the first pass keeps of each document: far less than its claims."""

    claims: dict[str, int] = field(default_factory=dict)  # document -> how many claims it has
    day: dict[str, int | None] = field(default_factory=dict)
    names: dict[str, frozenset[str]] = field(default_factory=dict)  # its subjects and speakers, as written
    speakers: dict[str, frozenset[str]] = field(default_factory=dict)  # whom it quotes, as written
    words: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)  # `story_words`, compact
    longer: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # `full_names`
    unattributed: dict[str, str] = field(default_factory=dict)  # a quote that may take a speaker -> its document
    published: list = field(default_factory=list)
    declared: Declared = field(default_factory=Declared)

    def add(self, document: Document, claims: list[Claim]) -> None:
        self.published.append(document.published)
        if (inline := Declared.inline([document])).same or inline.different:
            self.declared = self.declared.merged(inline)
        if not claims:
            return
        doc, summary = document.id, Summary.of(document, claims)
        self.claims[doc] = len(claims)
        self.day[doc], self.names[doc], self.speakers[doc] = summary.day, summary.names, summary.speakers
        # a tuple of words kept once each: an archive's documents share most of their rare words
        self.words[doc] = (tuple(sorted(sys.intern(w) for w in summary.words)),
                           tuple(sorted(sys.intern(w) for w in summary.rare_names)))
        for name in summary.full_names:
            self.longer[name.split()[-1]].add(name)
        self.unattributed.update((c.id, doc) for c in claims if may_be_adopted(c))


def check_store(store: ClaimStore, **options) -> list[Finding]:
    """The findings of `check` over every stored document and claim, reading one part at a time
    (the options are `each_finding`'s)."""
    return list(each_finding(store, **options))


def each_finding(store: ClaimStore, *, ruleset: Ruleset | None = None, facts: FactSheet | None = None,
                 facts_path: str = "facts.yaml", declared: Declared | None = None) -> Iterator[Finding]:
    """`check_store`'s findings one at a time, in order: the parts' findings wait in sorted runs
    on disk (`SortedRuns`), so not even they are all in memory."""
    ruleset = ruleset or load_ruleset()
    rules = enabled(ruleset)
    reference = facts.reference_claims(facts_path) if facts else []
    with SortedRuns() as found:
        with store.snapshot():
            summaries = _Summaries(declared=declared or Declared())
            for document, claims in store.extractions():
                summaries.add(document, claims)
            people = one_name_each(summaries.longer)
            whole = Surroundings(people, _window(summaries, people), {}, Calendar.of(summaries.published))
            summaries.names.clear()  # only undated documents' stories needed them
            story_rules = [r for r in rules if r.spec.check not in BY_SPEAKER]
            for documents, stories in _story_parts(summaries, whole.window, story_windows(ruleset), store):
                claims, by_id = _read(store, documents)
                corpus = Corpus(claims, by_id, load_rates(), reference, declared=summaries.declared,
                                whole=Surroundings(people, whole.window, stories, whole.calendar))
                found.add(judged(corpus, story_rules))
            for rule in (r for r in rules if r.spec.check in BY_SPEAKER):
                adopted = _adopted(rule, summaries, people, store, whole) if summaries.unattributed else {}
                speakers = replace(whole, adopted=adopted)
                for quotes, by_id in _speaker_parts(summaries, people, store, adopted):
                    found.add(judged(Corpus(quotes, by_id, load_rates(), declared=summaries.declared,
                                            whole=speakers), [rule]))
        del summaries, people, whole
        yield from found.merged()


STORY_CHECKS = ("cross_source_figures", "cross_source_dates", "cross_source_times", "cross_source_places",
                "single_source")


def story_windows(ruleset: Ruleset) -> set[int]:
    """The windows (days) the enabled cross-source rules compare articles within."""
    return {int(rule.param("window_days", WINDOW_DAYS)) for rule in ruleset.rules
            if rule.spec.enabled and rule.spec.check in STORY_CHECKS}


def _window(summaries: _Summaries, people: dict[str, str]) -> Window:
    """The archive's window: each document's day, and the stories of undated ones by the
    people they name (as `Corpus.names`: one name per person, capitalised)."""
    names: dict[str, set[str]] = {}
    if any(day is None for day in summaries.day.values()):
        names = {doc: {n for n in (people.get(m, m) for m in found) if n[:1].isupper()}
                 for doc, found in summaries.names.items()}
    return Window.known(summaries.day, unplaced_stories(summaries.day, names, summaries.day))


class _Parts:
    """Documents joined into parts (union-find): two documents of one part may be compared."""

    def __init__(self, documents):
        self.root = {doc: doc for doc in documents}

    def find(self, doc: str) -> str:
        while self.root[doc] != doc:
            self.root[doc] = self.root[self.root[doc]]
            doc = self.root[doc]
        return doc

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.root[max(ra, rb)] = min(ra, rb)


def _story_parts(summaries: _Summaries, window: Window, days: set[int], store: ClaimStore
                 ) -> Iterator[tuple[list[str], dict[int, Stories]]]:
    """The documents of each part (small parts together, up to `PART_CLAIMS` claims) and their
    stories, in each window a rule uses."""
    parts = _Parts(summaries.claims)
    strength = {d: story_strength(summaries.words, window.day, d) for d in sorted(days)}
    summaries.words.clear()  # the largest summary, needed no more
    for pairs in strength.values():
        for a, b in pairs:
            parts.join(a, b)
    declared = _declared_documents(summaries.declared, store)
    for doc in declared[1:]:
        parts.join(declared[0], doc)
    members: dict[str, list[str]] = defaultdict(list)
    for doc in summaries.claims:
        members[parts.find(doc)].append(doc)
    split: dict[str, dict[int, dict]] = defaultdict(lambda: defaultdict(dict))
    for d, pairs in strength.items():
        for pair, shared in pairs.items():
            split[parts.find(pair[0])][d][pair] = shared
    del strength
    batch, stories, size = [], defaultdict(dict), 0
    for root, docs in sorted(members.items()):
        batch += docs
        for d, pairs in split.pop(root, {}).items():
            stories[d].update(pairs)
        size += sum(summaries.claims[doc] for doc in docs)
        if size >= PART_CLAIMS:
            yield batch, {d: Stories.known(stories.get(d, {})) for d in days}
            batch, stories, size = [], defaultdict(dict), 0
    if batch:
        yield batch, {d: Stories.known(stories.get(d, {})) for d in days}


def _declared_documents(declared: Declared, store: ClaimStore) -> list[str]:
    """The documents holding a claim named in a same-fact declaration: `obey` pairs every two
    of those claims, across stories (a second pass over the store, only when there are any)."""
    if not declared.same:
        return []
    return [document.id for document, claims in store.extractions() if any(declared.named_same(c) for c in claims)]


def _read(store: ClaimStore, documents: list[str]) -> tuple[list[Claim], dict[str, Document]]:
    """A part's claims, in the store's order, and its documents."""
    claims, by_id = [], {}
    for document, found in store.extractions(documents):
        claims += found
        by_id[document.id] = document
    return claims, by_id


def _speaker_parts(summaries: _Summaries, people: dict[str, str], store: ClaimStore,
                   adopted: dict[str, str] | None) -> Iterator[tuple[list[Claim], dict[str, Document]]]:
    """The quotes of each speaker (as `quote_consistency` names them: one name per person,
    capitalised), several speakers together up to `QUOTING_DOCUMENTS` documents, with the
    quotes without a speaker taken to be theirs (`adopted`; None: every such quote, to find
    whose they may be), and their documents."""
    names = speaker_names({people.get(s, s) for speakers in summaries.speakers.values() for s in speakers})
    called = {s: names[n] for speakers in summaries.speakers.values() for s in speakers if (n := people.get(s, s)) in names}
    quoting: dict[str, set[str]] = defaultdict(set)
    for doc, speakers in summaries.speakers.items():
        for speaker in speakers:
            if speaker in called:
                quoting[called[speaker]].add(doc)
    batch: set[str] = set()
    documents: set[str] = set()
    for speaker, docs in sorted(quoting.items()):
        batch.add(speaker)
        documents |= docs
        if len(documents) >= QUOTING_DOCUMENTS:
            yield _quotes(store, documents, batch, called, summaries.unattributed, adopted)
            batch, documents = set(), set()
    if batch:
        yield _quotes(store, documents, batch, called, summaries.unattributed, adopted)


def _quotes(store: ClaimStore, documents: set[str], speakers: set[str], called: dict[str, str],
            unattributed: dict[str, str], adopted: dict[str, str] | None
            ) -> tuple[list[Claim], dict[str, Document]]:
    """The quotes of a batch of speakers (`called`: each speaker as written -> the name the
    quote check gives), and the quotes without one taken to be theirs."""
    taken = {c for c in unattributed if adopted is None or adopted.get(c) in speakers}
    claims, by_id = [], {}
    for document, found in store.extractions(documents | {unattributed[c] for c in taken}, kind=Kind.QUOTE):
        by_id[document.id] = document
        claims += [c for c in found if called.get(c.speaker or "") in speakers or c.id in taken]
    return claims, by_id


def _adopted(rule: Rule, summaries: _Summaries, people: dict[str, str], store: ClaimStore,
             whole: Surroundings) -> dict[str, str]:
    """The speaker each quote without one is taken to be: the one speaker of the whole archive
    that fits it (`fitting_speakers`, gathered over every speaker part)."""
    fits: dict[str, set[str]] = defaultdict(set)
    for quotes, by_id in _speaker_parts(summaries, people, store, None):
        part = Corpus(quotes, by_id, load_rates(), declared=summaries.declared, whole=whole)
        for claim, speakers in fitting_speakers(rule, part).items():
            fits[claim] |= speakers
    return {claim: speakers.pop() for claim, speakers in fits.items() if len(speakers) == 1}

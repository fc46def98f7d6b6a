"""A draft's neighbourhood in a claim store, found through the store's indexes.

`nearby.Neighbourhoods` finds the corpus documents a draft's check reads by
building the engine's view of the whole corpus: every claim of every
document, every story. Against a store of a hundred thousand articles that
is most of a minute and a gigabyte, for a neighbourhood of a few dozen
documents. `StoredNeighbourhoods` finds the same documents by asking the
store (`ClaimStore.story_words` and the lookups after it): the holders of
each of the draft's rare words and their days (of a word the month's news
shares, how many hold it each day, and only the holders of the days that can
tie a document to it), the documents with no rare word, the full names ending in a surname the draft uses, the documents
quoting its speakers; story links are then worked out exactly as
`stories.story_strength` works them out over the whole corpus, for the
documents reached and no others. Only the neighbourhood's claims are read.

Some corpora it does not handle, and says so (`StoredNeighbourhoods.build`
gives None): an inline or settings same-fact declaration (it pairs claims
anywhere), and a draft with no rare word or no day and no story word limit
(it is compared with every article). The caller then reads the whole store.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from functools import cached_property
from itertools import accumulate

from .engine import Declared, Ruleset
from .engine.stories import MAX_HOLDERS, one_story
from .engine.stream import story_windows
from .engine.surroundings import Calendar, Summary, one_name_each
from .extract import Extraction
from .models import Kind
from .nearby import HOPS
from .store import ClaimStore
from .store.base import Overview, StoryWords


class _Unsupported(Exception):
    """A neighbourhood the lookups cannot find exactly: read the whole store instead."""


class StoredNeighbourhoods:
    """Story links, found on demand, between the drafts and a store's documents."""

    def __init__(self, drafts: list[Extraction], store: ClaimStore, ruleset: Ruleset, overview: Overview):
        self.store, self.windows, self.overview = store, sorted(story_windows(ruleset)), overview
        self.drafts = {e.document.id: e for e in drafts}
        summaries = {e.document.id: Summary.of(e.document, e.claims) for e in drafts if e.claims}
        self.mine = {d: StoryWords(s.day, s.words, s.rare_names) for d, s in summaries.items()}
        self.draft_names = {d: s.full_names for d, s in summaries.items()}
        self.stale = store.story_words(self.drafts)  # a draft's stored copy, which is not in the corpus
        self._links: dict[tuple[str, int], set[str]] = {}

    @classmethod
    def build(cls, drafts: list[Extraction], store: ClaimStore, ruleset: Ruleset,
              declared: Declared | None) -> StoredNeighbourhoods | None:
        """The neighbourhoods, or None where the lookups cannot find them exactly."""
        overview = store.overview(excluding=[e.document.id for e in drafts])
        if not overview.complete or (declared and declared.same) or overview.declares or Declared.inline([e.document for e in drafts]).same:
            return None
        return cls(drafts, store, ruleset, overview)

    def calendar(self, draft: Extraction) -> Calendar:
        """The publication dates a whole-corpus run reads: the draft's and the corpus's."""
        return Calendar.of([draft.document.published, self.overview.first_published, self.overview.last_published])

    def of(self, draft: str) -> list[Extraction] | None:
        """The corpus documents the draft's check reads, in corpus order (None: not found exactly)."""
        try:
            first = self._partners({draft}) | self._quoting(draft)
            near = first - self.drafts.keys()
            for _ in range(HOPS - 1):
                near |= self._partners(near) - self.drafts.keys()
        except _Unsupported:
            return None
        return [Extraction(document, claims) for document, claims in self.store.extractions(near)]

    # -- story links ---------------------------------------------------------------------------
    def _partners(self, documents: set[str]) -> set[str]:
        """The documents one story link away from any of `documents`, in any window."""
        found: set[str] = set()
        for days in self.windows:
            todo = {d for d in documents if (d, days) not in self._links}
            if todo:
                self._find_links(todo, days)
            found |= {other for d in documents for other in self._links[(d, days)]}
        return found

    def _words(self, documents: set[str]) -> dict[str, StoryWords]:
        stored = self.store.story_words(documents - self.drafts.keys())
        return {**stored, **{d: self.mine[d] for d in documents if d in self.mine}}

    def _find_links(self, documents: set[str], window: int) -> None:
        """Each document's story partners within the window, as `story_strength` finds them."""
        words = self._words(documents)
        for doc in documents - words.keys():
            self._links[(doc, window)] = set()  # no claims: in no story
        if any(not w.words for w in words.values()):
            raise _Unsupported  # compared with every article
        shared: dict[str, Counter] = {doc: Counter() for doc in words}
        holders = self._holders(words, window)
        for doc, info in words.items():
            for word in info.words:
                shared[doc].update(_counted(doc, info.day, *holders[word], window))
            for other, _ in self._wordless(words.values(), window):
                shared[doc][other] += 0
        partners = self._words({o for counts in shared.values() for o in counts})
        for doc, counts in shared.items():
            self._links[(doc, window)] = {
                other for other, n in counts.items() if other != doc and other in partners
                and one_story(_pair(words[doc]), _pair(partners[other]), n) and _near(words[doc].day, partners[other].day, window)}

    def _holders(self, asked: dict[str, StoryWords], window: int) -> dict[str, tuple[list, int, _Spread]]:
        """Word (of the documents asked about) -> its holders in the corpus and drafts that a
        pair of those documents may need, how many hold it (exactly up to `MAX_HOLDERS`, past
        which only "more" matters), and how many hold it on each day. All its holders when few
        hold it; else those dated on a day that can tie one of the documents to it, and the
        holders of the days within two windows of theirs, counted by the store. The store counts
        the drafts' stored copies, which are not in the corpus: it lists every holder up to that
        many more."""
        words = {w for info in asked.values() for w in info.words}
        found = self.store.word_holders(words, all_up_to=MAX_HOLDERS + len(self.stale))
        result = {}
        for word in words:
            total, held = found.get(word, (0, []))
            live = [(d, w.day) for d, w in self.mine.items() if word in w.words]
            count = total - sum(word in w.words for w in self.stale.values()) + len(live)
            held = [h for h in held if h[0] not in self.drafts] + live
            result[word] = (held, count, _Spread(Counter(d for _, d in held if d is not None)))
        dated = [i.day for i in asked.values() if i.day is not None]
        busy = [w for w in words if found.get(w, (0, []))[0] > MAX_HOLDERS + len(self.stale)]
        if busy and dated:
            span = (min(dated) - 2 * window, max(dated) + 2 * window)
            for word, days in self.store.word_days(busy, span).items():
                spread = _Spread(self._live_days(word, days, span))
                tying = spread.tying([i.day for i in asked.values() if word in i.words and i.day is not None], window)
                held = [h for h in self.store.word_holders_on(word, tying) if h[0] not in self.drafts] if tying else []
                result[word] = (held + [(d, w.day) for d, w in self.mine.items() if word in w.words],
                                result[word][1], spread)
        return result

    def _live_days(self, word: str, stored: dict[int, int], span: tuple[int, int]) -> Counter:
        """Day -> the corpus's holders of the word: the store's within the span, less the drafts'
        stored copies, and the drafts as they are now."""
        days = Counter(stored)
        days.subtract(w.day for w in self.stale.values() if word in w.words and w.day is not None
                      and span[0] <= w.day <= span[1])
        days.update(w.day for w in self.mine.values() if word in w.words and w.day is not None)
        return days

    def _wordless(self, infos, window: int) -> list[tuple[str, int | None]]:
        dated = [i.day for i in infos if i.day is not None]
        span = None if len(dated) < len(infos) else (min(dated) - window, max(dated) + window)
        stored = [h for h in self._stored_wordless if h[0] not in self.drafts
                  and (span is None or h[1] is None or span[0] <= h[1] <= span[1])]
        return stored + [(d, w.day) for d, w in self.mine.items() if not w.words]

    @cached_property
    def _stored_wordless(self) -> list[tuple[str, int | None]]:
        """Every stored document with claims but no story word, read once though asked for each
        window and hop (the store finds them by reading every document's lookups)."""
        return self.store.wordless(None)

    # -- quotes --------------------------------------------------------------------------------
    def _quoting(self, draft: str) -> set[str]:
        """The corpus documents quoting someone the draft quotes, as the engine names people:
        one full name per surname across drafts and corpus."""
        said = {c.speaker for c in self.drafts[draft].claims if c.kind is Kind.QUOTE and c.speaker}
        if not said:
            return set()
        surnames = said | {s.split()[-1] for s in said if " " in s}
        longer: dict[str, set[str]] = defaultdict(set)
        for surname, names in self.store.people(surnames, excluding=self.drafts).items():
            longer[surname] |= names
        for names in self.draft_names.values():
            for name in names:
                if name.split()[-1] in surnames:
                    longer[name.split()[-1]].add(name)
        people = one_name_each(longer)
        written = set()
        for speaker in {people.get(s, s) for s in said}:
            written.add(speaker)
            if " " in speaker and people.get(speaker.split()[-1]) == speaker:
                written.add(speaker.split()[-1])
        return self.store.quoting(written, excluding=self.drafts)


def _pair(info: StoryWords) -> tuple[set[str], set[str]]:
    return set(info.words), set(info.names)


def _near(a: int | None, b: int | None, days: int) -> bool:
    return a is None or b is None or abs(a - b) <= days


class _Spread:
    """How many hold a word on each day, to count those within a stretch of days."""

    def __init__(self, days: Counter):
        self.days = sorted(d for d, n in days.items() if n > 0)
        self._upto = list(accumulate(days[d] for d in self.days))

    def within(self, first: int, last: int) -> int:
        """The holders dated from `first` to `last`, inclusive."""
        lo, hi = bisect_left(self.days, first), bisect_right(self.days, last)
        return (self._upto[hi - 1] if hi else 0) - (self._upto[lo - 1] if lo else 0)

    def tying(self, days: list[int], window: int) -> set[int]:
        """The days whose holders the word can tie to a document of one of `days` (`_counted`)."""
        found = set()
        for day in days:
            for when in self.days[bisect_left(self.days, day - window) : bisect_right(self.days, day + window)]:
                first = min(day, when)
                if self.within(first - window, first + window) <= MAX_HOLDERS:
                    found.add(when)
        return found


def _counted(doc: str, day: int | None, held: list[tuple[str, int | None]], total: int, spread: _Spread,
             window: int) -> list[str]:
    """The holders of one word that the word ties to `doc` (as `stories._near_pairs`): all of
    them when few hold it; else, both dated within the window, those where no more than
    `MAX_HOLDERS` hold it within a window of the earlier one's day."""
    if total <= MAX_HOLDERS:
        return [other for other, _ in held if other != doc]
    if day is None:
        return []
    found = []
    for other, when in held:
        if other == doc or when is None or abs(when - day) > window:
            continue
        first = min((day, doc), (when, other))[0]
        if spread.within(first - window, first + window) <= MAX_HOLDERS:
            found.append(other)
    return found

"""The claim store's interface: what ingest, the rule engine and the CLI may ask.

Only this interface is used outside `checker.store`; the SQLite and PostgreSQL
backends implement it (their shared SQL is in `sql.py`).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from ..models import Claim, Document, Kind


@dataclass(frozen=True)
class Versions:
    """What a document's claims were extracted with; a change means re-extraction."""

    pipeline: str
    rules: str


@dataclass(frozen=True)
class StoredState:
    """What the store knows of a document without loading it."""

    sha256: str
    versions: Versions
    path: str


def matches(
    claim: Claim,
    *,
    kind: Kind | str | None = None,
    unit: str | None = None,
    document: str | None = None,
    about: str | None = None,
    speaker: str | None = None,
) -> bool:
    """The filters of `ClaimStore.claims`, applied to one claim (for claims not in a store)."""
    def has(text: str | None, part: str) -> bool:
        return text is not None and part.lower() in text.lower()

    return (
        (kind is None or claim.kind == Kind(kind))
        and (unit is None or claim.unit == unit)
        and (document is None or claim.document == document)
        and (about is None or has(claim.subject, about) or has(claim.predicate, about))
        and (speaker is None or has(claim.speaker, speaker))
    )


@dataclass(frozen=True)
class StoryWords:
    """A stored document as the story finder sees it (`engine.stories`)."""

    day: int | None  # its day (`engine.window.document_days`)
    words: frozenset[str]  # the rare words of its story
    names: frozenset[str]  # those of them never written in lower case


@dataclass(frozen=True)
class Overview:
    """What a check reads of every stored document at once."""

    first_published: dt.date | None
    last_published: dt.date | None
    declares: bool  # whether any document declares claims one fact, or two, inline
    complete: bool  # whether every stored document has its lookups (a damaged record has none)


class ClaimStore(ABC):
    """Documents and their claims, kept between runs."""

    root: Path | None = None
    """The folder stored documents' ids are relative to (None: the working folder), so the
    same file has the same id whichever folder an ingest runs in."""

    url: str | None = None
    """A database server's URL, by which other processes and machines (a Dask cluster's
    workers) open this same store and write to it themselves; None for a store only its
    opener writes (an SQLite file)."""

    @abstractmethod
    def state(self) -> dict[str, StoredState]:
        """Every stored document's id -> its content hash, versions and path."""

    def replace(self, document: Document, claims: Iterable[Claim], versions: Versions) -> None:
        """Store a document and its claims in one transaction, replacing what it had."""
        self.replace_all([(document, claims, versions)])

    @abstractmethod
    def replace_all(self, entries: Iterable[tuple[Document, Iterable[Claim], Versions]]) -> None:
        """Store several documents with their claims in one transaction (all or none), each
        replacing the stored document with its id or its file."""

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]:
        """A context in which every read sees one state of the store, whatever is written
        meanwhile (a report or export during an ingest must not see half of it)."""

    @abstractmethod
    def remove(self, document_id: str) -> None:
        """Remove a document and its claims in one transaction."""

    def documents(self) -> list[Document]:
        """Every stored document, by id."""
        return list(self.each_document())

    @abstractmethod
    def each_document(self) -> Iterator[Document]:
        """Every stored document, by id, one at a time: an archive read this way is never all
        in memory."""

    @abstractmethod
    def claims(
        self,
        *,
        kind: Kind | str | None = None,
        unit: str | None = None,
        document: str | None = None,
        about: str | None = None,
        speaker: str | None = None,
    ) -> Iterator[Claim]:
        """Claims matching every filter given, in document and offset order.

        `about` matches the subject or predicate (case-insensitive substring);
        `speaker` the speaker (case-insensitive substring)."""

    @abstractmethod
    def extractions(self, documents: Iterable[str] | None = None, *, kind: Kind | str | None = None
                    ) -> Iterator[tuple[Document, list[Claim]]]:
        """Stored documents (those with the ids given, or all), one at a time in id order, each
        with its claims (of `kind`, when given) in offset order, as `claims` orders them: an
        archive read this way is never all in memory. An id not stored is skipped."""

    @abstractmethod
    def claims_by_id(self, ids: Iterable[str]) -> Iterator[Claim]:
        """The stored claims with these ids (an id not stored is skipped), by id: what a report
        cites, read a page of findings at a time instead of every claim."""

    @abstractmethod
    def documents_by_id(self, ids: Iterable[str]) -> Iterator[Document]:
        """The stored documents with these ids (an id not stored is skipped), by id."""

    @abstractmethod
    def claim_counts(self) -> dict[str, int]:
        """How many claims each document holding any has: a report's per-source counts without
        reading the claims."""

    # -- lookups: what `checker check` reads instead of the whole store, each through an index --
    @abstractmethod
    def story_words(self, documents: Iterable[str]) -> dict[str, StoryWords]:
        """The day and story words of each stored document named that has claims."""

    @abstractmethod
    def word_holders(self, words: Iterable[str], *, all_up_to: int) -> dict[str, tuple[int, list[tuple[str, int | None]]]]:
        """Word -> (how many stored documents hold it among their story words, and which with
        their days, when there are at most `all_up_to`; else none). Words held by none are left
        out; the count of a word held by more than `all_up_to` reads `all_up_to + 1`."""

    @abstractmethod
    def word_days(self, words: Iterable[str], days: tuple[int, int]) -> dict[str, dict[int, int]]:
        """Word -> day -> how many stored documents of that day hold it, for the days within
        `days` (inclusive) on which any does."""

    @abstractmethod
    def word_holders_on(self, word: str, days: Iterable[int]) -> list[tuple[str, int]]:
        """The stored documents holding the word whose day is one of `days`, with their days."""

    @abstractmethod
    def wordless(self, days: tuple[int, int] | None) -> list[tuple[str, int | None]]:
        """The stored documents with claims but no story word, with their days: those undated
        or dated within `days` (None: all of them)."""

    @abstractmethod
    def people(self, surnames: Iterable[str], *, excluding: Iterable[str] = ()) -> dict[str, set[str]]:
        """Surname -> the full names (subjects and speakers) ending in it, in every stored
        document but those named."""

    @abstractmethod
    def quoting(self, speakers: Iterable[str], *, excluding: Iterable[str] = ()) -> set[str]:
        """The stored documents (but those named) quoting any of `speakers`, written exactly so."""

    @abstractmethod
    def overview(self, excluding: Iterable[str] = ()) -> Overview:
        """The publication dates and inline declarations of every stored document but those named."""

    @abstractmethod
    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

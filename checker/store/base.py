"""The claim store's interface: what ingest, the rule engine and the CLI may ask.

Only this interface is used outside `checker.store`; the SQLite and PostgreSQL
backends implement it (their shared SQL is in `sql.py`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

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


class ClaimStore(ABC):
    """Documents and their claims, kept between runs."""

    root: Path | None = None
    """The folder stored documents' ids are relative to (None: the working folder), so the
    same file has the same id whichever folder an ingest runs in."""

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

    @abstractmethod
    def documents(self) -> list[Document]:
        """Every stored document, by id."""

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
    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

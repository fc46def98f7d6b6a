"""Export a store to JSON Lines and import it back.

The first line names the format; then each document is a line
`{"document": {...}, "versions": {...}}` followed by one line `{"claim": {...}}`
per claim. Import validates the whole file before writing anything and then
stores it in one transaction, so a bad line costs nothing but its error; and
importing an export gives back the same documents and claims.

Lines end at "\\n" only: JSON escapes every control character inside a string,
but not U+2028, U+2029 or U+0085, which `str.splitlines` would also break at.
A line is checked for more than its shape, since the store and the report rely
on it: ids unique, each claim's id the hash of its document, kind and offsets,
its text the document's text at its offsets, the document's hash its text's,
numbers finite and strings valid Unicode.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from . import __version__
from .errors import ImportFormatError
from .extract.context import claim_id
from .files import read_limited_text
from .models import Claim, Document, Kind
from .store import ClaimStore, Versions

SCHEMA = "checker.export/1"
LIMIT_MB = 2_000  # a regular file, read whole: the export of a store of some four million claims
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_ZONE = re.compile(r"UTC[+-]\d{2}:\d{2}")
_DAY = 1440  # minutes in a day

Entry = tuple[Document, list[Claim], Versions]


class _VersionsRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pipeline: str
    rules: str


class _DocumentLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: Document
    versions: _VersionsRecord


class _ClaimLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claim: Claim


class _BadLine(Exception):
    """What is wrong with one line; `read_export` adds the file and line number."""


def export_lines(store: ClaimStore) -> Iterator[str]:
    """The store as JSON Lines, documents by id, claims in offset order, all from one snapshot
    (an ingest running meanwhile adds nothing half-way)."""
    with store.snapshot():
        yield json.dumps({"schema": SCHEMA, "created_by": f"checker {__version__}"})
        state = store.state()
        for document in store.documents():
            versions = state[document.id].versions
            yield json.dumps({"document": document.model_dump(mode="json"), "versions": vars(versions)},
                             ensure_ascii=False)
            for claim in store.claims(document=document.id):
                yield json.dumps({"claim": claim.model_dump(mode="json")}, ensure_ascii=False)


def _read_lines(path: Path) -> list[str]:
    text = read_limited_text(path, LIMIT_MB, ImportFormatError, "export")
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def read_export(path: Path) -> list[Entry]:
    """Parse and validate a whole export file, or raise `ImportFormatError` naming the line."""
    shown = str(path)
    lines = _read_lines(path)
    if not lines:
        raise ImportFormatError("empty file, not a checker export", path=shown)
    collected = _Collected()
    for number, line in enumerate(lines, start=1):
        try:
            record = _parse(line)
            if number == 1:
                if not isinstance(record, dict) or record.get("schema") != SCHEMA:
                    raise _BadLine(f"not a checker export (expected schema {SCHEMA})")
            else:
                collected.take(record)
        except _BadLine as bad:
            raise ImportFormatError(str(bad), path=shown, line=number) from None
    return collected.entries


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadLine(f"number {text[:20]} is not finite")
    return value


def _no_constant(name: str) -> float:
    raise _BadLine(f"{name} is not a finite number")


def _parse(line: str) -> object:
    """One line's JSON: finite numbers, valid Unicode (no lone surrogate from a `\\ud800`
    escape, which no UTF-8 text can hold), nesting Python can handle."""
    try:
        record = json.loads(line, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise _BadLine("not JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise _BadLine(f"not JSON: {exc.msg}") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise _BadLine(f"not JSON: {exc}") from None
    if _SURROGATE_ESCAPE.search(line):
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise _BadLine("a lone surrogate (\\ud800-\\udfff): not valid Unicode") from None
    return record


def _validated(model: type[BaseModel], record: object) -> BaseModel:
    try:
        return model.model_validate(record)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise _BadLine(f"[{'.'.join(str(p) for p in err['loc'])}] {err['msg']}") from None
    except RecursionError:
        raise _BadLine("nested too deeply") from None


class _Collected:
    """The entries read so far, and the ids they use (each must be used once)."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.document_ids: set[str] = set()
        self.claim_ids: set[str] = set()

    def take(self, record: object) -> None:
        """Add a document line or a claim line, checked against what came before."""
        if isinstance(record, dict) and "document" in record:
            parsed = _validated(_DocumentLine, record)
            self._check_document(parsed.document)
            self.entries.append((parsed.document, [], Versions(parsed.versions.pipeline, parsed.versions.rules)))
            return
        claim = _validated(_ClaimLine, record).claim
        if not self.entries or claim.document != self.entries[-1][0].id:
            raise _BadLine(f"claim {claim.id} does not follow its document")
        self._check_claim(claim, self.entries[-1][0])
        self.entries[-1][1].append(claim)

    def _check_document(self, document: Document) -> None:
        if document.id in self.document_ids:
            raise _BadLine(f"duplicate document {document.id}")
        if hashlib.sha256(document.text.encode("utf-8")).hexdigest() != document.sha256:
            raise _BadLine("[document.sha256] is not the SHA-256 of the document's text")
        if not 0 <= document.body_start <= len(document.text):
            raise _BadLine(f"[document.body_start] {document.body_start} is outside the document's text")
        self.document_ids.add(document.id)

    def _check_claim(self, claim: Claim, document: Document) -> None:
        size = len(document.text)
        for name in ("start", "end", "sentence_start"):
            if not 0 <= getattr(claim, name) <= size:
                raise _BadLine(f"[claim.{name}] {getattr(claim, name)} is outside the document's text (0 to {size})")
        if document.text[claim.start:claim.end] != claim.text:
            raise _BadLine(f"[claim.text] is not the document's text at {claim.start} to {claim.end}")
        if claim.id != claim_id(claim.document, claim.kind.value, claim.start, claim.end):
            raise _BadLine(f"claim id {claim.id} is not the id of its document, kind and offsets")
        if claim.id in self.claim_ids:
            raise _BadLine(f"duplicate claim id {claim.id}")
        _check_kind(claim)
        self.claim_ids.add(claim.id)


def _check_kind(claim: Claim) -> None:
    """What the engine's comparisons read of a time or a place: a time's value is minutes after
    midnight and its unit a zone ("UTC+02:00", "local" or none); a place's value is a name."""
    if claim.kind is Kind.TIME:
        if not isinstance(claim.value, (int, float)) or not 0 <= claim.value <= _DAY:
            raise _BadLine(f"[claim.value] a time's value is minutes after midnight (0 to {_DAY}), not {claim.value!r}")
        if claim.unit not in (None, "local") and not _ZONE.fullmatch(claim.unit):
            raise _BadLine(f"[claim.unit] a time's unit is a zone such as UTC+02:00, or local, not {claim.unit!r}")
    if claim.kind is Kind.PLACE and not (isinstance(claim.value, str) and claim.value.strip()):
        raise _BadLine(f"[claim.value] a place's value is its name, not {claim.value!r}")


def store_entries(store: ClaimStore, entries: list[Entry]) -> tuple[int, int]:
    """Store what `read_export` read in one transaction, replacing documents with the same ids
    (or files): (documents, claims)."""
    store.replace_all(entries)
    return len(entries), sum(len(c) for _, c, _ in entries)


def import_file(store: ClaimStore, path: Path) -> tuple[int, int]:
    """Load an export into `store`: all of it, or nothing and an `ImportFormatError`."""
    return store_entries(store, read_export(path))

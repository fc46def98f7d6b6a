"""Export a store to JSON Lines and import it back.

The first line names the format; then each document is a line
`{"document": {...}, "versions": {...}}` followed by one line `{"claim": {...}}`
per claim. Import validates the whole file before writing anything, and
importing an export gives back the same documents and claims.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from . import __version__
from .errors import ImportFormatError
from .models import Claim, Document
from .store import ClaimStore, Versions

SCHEMA = "checker.export/1"


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


def export_lines(store: ClaimStore) -> Iterator[str]:
    """The store as JSON Lines, documents by id, claims in offset order."""
    yield json.dumps({"schema": SCHEMA, "created_by": f"checker {__version__}"})
    state = store.state()
    for document in store.documents():
        versions = state[document.id].versions
        yield json.dumps({"document": document.model_dump(mode="json"), "versions": vars(versions)}, ensure_ascii=False)
        for claim in store.claims(document=document.id):
            yield json.dumps({"claim": claim.model_dump(mode="json")}, ensure_ascii=False)


def read_export(path: Path) -> list[tuple[Document, list[Claim], Versions]]:
    """Parse and validate a whole export file, or raise `ImportFormatError` naming the line."""
    shown = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"cannot read export: {exc}", path=shown) from None
    if not lines:
        raise ImportFormatError("empty file, not a checker export", path=shown)
    entries: list[tuple[Document, list[Claim], Versions]] = []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
            if number == 1:
                if not isinstance(record, dict) or record.get("schema") != SCHEMA:
                    raise ImportFormatError(f"not a checker export (expected schema {SCHEMA})", path=shown, line=1)
            elif isinstance(record, dict) and "document" in record:
                parsed = _DocumentLine.model_validate(record)
                entries.append((parsed.document, [], Versions(parsed.versions.pipeline, parsed.versions.rules)))
            else:
                claim = _ClaimLine.model_validate(record).claim
                if not entries or claim.document != entries[-1][0].id:
                    raise ImportFormatError(f"claim {claim.id} does not follow its document", path=shown, line=number)
                entries[-1][1].append(claim)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"not JSON: {exc.msg}", path=shown, line=number) from None
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise ImportFormatError(f"[{field}] {err['msg']}", path=shown, line=number) from None
    return entries


def import_file(store: ClaimStore, path: Path) -> tuple[int, int]:
    """Load an export into `store`, replacing documents with the same ids: (documents, claims)."""
    entries = read_export(path)
    for document, claims, versions in entries:
        store.replace(document, claims, versions)
    return len(entries), sum(len(c) for _, c, _ in entries)

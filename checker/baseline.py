"""Baselines: the findings of `checker check` an editor has accepted, in a file a reviewer can read.

As ESLint's bulk suppressions (`eslint-suppressions.json`) keep a count per
file and rule, a baseline keeps, per draft and rule, the words of the draft's
claims each accepted finding cites and how many such findings there were:

    # Findings `checker check` accepts: per draft (its path from this file's folder) ...
    schema: checker.baseline/2
    files:
      drafts/port.md:
        figure-consistency:
        - claims:
          - $500 billion
          count: 1

A finding is accepted while its draft, rule and claims' words have count left;
one more occurrence than recorded is reported. Nothing else is compared — not
offsets, lines, severity or the corpus side — so edits elsewhere in the draft,
or a new corpus article that says the same, keep a baseline valid. Paths are
relative to the folder holding the baseline file, so it works whatever folder
checker runs in, and moves with the drafts when the whole tree is checked out
elsewhere. The file is written sorted, so a re-recorded baseline's diff shows
only what changed.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .engine import Finding
from .errors import CheckerError
from .files import read_limited_text
from .models import Claim, Document
from .yamlfile import load_model

SCHEMA = "checker.baseline/2"
OLD_SCHEMAS = {"checker.baseline/1"}
LIMIT_MB = 50  # an entry is ~80 bytes: room for half a million accepted findings
HEADER = ("# Findings `checker check` accepts: per draft (its path from this file's folder) and rule, the words\n"
          "# of the draft's claims each finding cites and how many such findings there are. A finding past\n"
          "# its count is reported. Record again with `checker check ... --write-baseline FILE`.\n")

Key = tuple[str, str, tuple[str, ...]]  # draft path from the baseline's folder, rule, the claims' words


class BaselineError(CheckerError):
    """A baseline file is missing or malformed."""

    exit_code = 15


class Accepted(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claims: list[str] = Field(min_length=1)
    count: int = Field(ge=1)


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_: str = Field(alias="schema")
    files: dict[str, dict[str, list[Accepted]]] = {}

    @model_validator(mode="before")
    @classmethod
    def _is_a_baseline(cls, data):
        """Another file, or a baseline in the old format, is named as such before any field is read."""
        schema = data.get("schema") if isinstance(data, dict) else None
        if schema in OLD_SCHEMAS:
            raise PydanticCustomError("old_baseline", "a baseline in an older format ({schema}): record it again "
                                      "with --write-baseline", {"schema": schema})
        if schema != SCHEMA:
            raise PydanticCustomError("not_baseline", "not a checker baseline (expected schema: {schema})",
                                      {"schema": SCHEMA})
        return data


def _folder(path: Path) -> Path:
    """The baseline's folder, resolved as document ids are (`documents.document_id`)."""
    return Path(path).absolute().parent.resolve()


def _relative(document: Document, folder: Path) -> str:
    """The draft's path from the baseline's folder, the same from any working folder."""
    location = Path(document.id)  # resolved, and relative to the working folder unless outside it
    return Path(os.path.relpath(Path.cwd().resolve() / location, folder)).as_posix()


def _words(text: str) -> str:
    return " ".join(text.split())  # a line re-wrapped elsewhere does not change what a claim says


def key(document: Document, finding: Finding, claims: dict[str, Claim], folder: Path) -> Key:
    """What a finding is accepted by: its draft, its rule and the words of the draft's claims it cites."""
    mine = sorted((claims[i] for i in finding.claims if claims[i].document == document.id), key=lambda c: c.start)
    return _relative(document, folder), finding.rule, tuple(_words(c.text) for c in mine)


class Baseline:
    """The accepted findings of one baseline file, each accepted as often as its count says."""

    def __init__(self, folder: Path, counts: Counter[Key]):
        self.folder = folder
        self._left = counts

    def accepts(self, document: Document, finding: Finding, claims: dict[str, Claim]) -> bool:
        """Whether the finding is accepted; each acceptance uses one of its entry's count."""
        found = key(document, finding, claims, self.folder)
        if self._left[found] <= 0:
            return False
        self._left[found] -= 1
        return True

    def unused(self, drafts: Iterable[Document]) -> int:
        """How many accepted findings of these drafts did not occur: fixed since the baseline was
        recorded, and worth dropping from it (another draft's entries are not counted)."""
        files = {_relative(d, self.folder) for d in drafts}
        return sum(left for (file, _, _), left in self._left.items() if file in files and left > 0)


def read_baseline(path: Path) -> Baseline:
    """The baseline at `path`: a regular file, bounded, in the current format, or `BaselineError`."""
    text = read_limited_text(path, LIMIT_MB, BaselineError, "baseline")
    data = load_model(text, BaselineFile, str(path), BaselineError)
    counts: Counter[Key] = Counter()
    for file, rules in data.files.items():
        for rule, entries in rules.items():
            for entry in entries:
                counts[file, rule, tuple(_words(w) for w in entry.claims)] += entry.count
    return Baseline(_folder(path), counts)


def baseline_text(problems: Iterable[tuple[Document, Finding]], claims: dict[str, Claim],
                  path: Path) -> tuple[str, int, int]:
    """The baseline file accepting `problems`, with paths from `path`'s folder, sorted; and how
    many findings in how many files it records."""
    folder = _folder(path)
    counts = Counter(key(document, finding, claims, folder) for document, finding in problems)
    files: dict[str, dict[str, list[dict]]] = {}
    for (file, rule, words), count in sorted(counts.items()):
        files.setdefault(file, {}).setdefault(rule, []).append({"claims": list(words), "count": count})
    body = yaml.safe_dump({"files": files}, sort_keys=True, allow_unicode=True, width=1_000_000)
    return f"{HEADER}schema: {SCHEMA}\n{body}", sum(counts.values()), len(files)

"""Findings of many parts of an archive, put back into one run's order without holding them all.

A million claims give hundreds of thousands of findings, at over a kilobyte each as models:
held until the end, they would outweigh every part the engine judges. So the findings of
each part go into a buffer; a full buffer is sorted and written to a temporary file (one line
per finding: its place, then its JSON), and at the end the files are merged, each read a line
at a time (`heapq.merge`), so memory holds one buffer and one line per file. The findings
read back are the ones written, byte for byte (a model's JSON is its own round trip).
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Generic, Self, TypeVar

from pydantic import BaseModel

from ..errors import OutputError
from .findings import Finding

Model = TypeVar("Model", bound=BaseModel)
BUFFERED = 20_000  # findings held before a sorted run of them is written out


def _line(key: tuple, finding: BaseModel) -> str:
    return json.dumps(key, ensure_ascii=False) + "\t" + finding.model_dump_json() + "\n"


def _parsed(line: str) -> tuple[list, str]:
    key, finding = line.split("\t", 1)  # JSON writes a tab inside a string as \t
    return json.loads(key), finding


class SortedRuns(Generic[Model]):
    """Findings with their places (`engine.judged`), given in any order; `merged` yields them
    in the order of their places. A context: its temporary files go when it closes. `model`:
    what is kept (a report keeps a finding with the claims it cites); `buffered`: how many are
    held before a run is written (fewer when each is larger)."""

    def __init__(self, model: type[Model] = Finding, buffered: int | None = None) -> None:
        self.model, self.buffered = model, buffered
        self.buffer: list[tuple[tuple, Model]] = []
        self.runs: list[Path] = []
        self._stack = ExitStack()
        self._folder: Path | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def add(self, found: list[tuple[tuple, Model]]) -> None:
        self.buffer += found
        if len(self.buffer) >= (self.buffered or BUFFERED):
            self._spill()

    def _spill(self) -> None:
        """Write the buffer, sorted, as one run; a full disk is one error line naming the folder."""
        if not self.buffer:
            return
        if self._folder is None:
            self._folder = Path(self._stack.enter_context(tempfile.TemporaryDirectory(prefix="checker-findings-")))
        path = self._folder / f"{len(self.runs)}.jsonl"
        try:
            with path.open("w", encoding="utf-8") as out:
                out.writelines(_line(key, f) for key, f in sorted(self.buffer, key=lambda item: item[0]))
        except OSError as exc:
            raise OutputError(f"cannot write the findings' temporary file: {exc.strerror or exc}",
                              path=str(self._folder)) from None
        self.runs.append(path)
        self.buffer = []

    def merged(self) -> Iterator[Model]:
        """Every finding added, in the order of their places."""
        yield from (finding for _, finding in self.keyed())

    def keyed(self) -> Iterator[tuple[tuple | list, Model]]:
        """Every finding added with its place (read back from disk: a list), in that order."""
        if not self.runs:  # all in the buffer: no file written
            yield from sorted(self.buffer, key=lambda item: item[0])
            return
        self._spill()
        with ExitStack() as files:
            runs = [map(_parsed, files.enter_context(path.open(encoding="utf-8"))) for path in self.runs]
            for key, finding in heapq.merge(*runs, key=lambda item: item[0]):
                yield key, self.model.model_validate_json(finding)

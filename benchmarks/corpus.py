"""What the performance benchmarks share: counting words, measuring a stage's
peak memory, saving a result file, and growing a set of extracted claims into a larger archive for
the rule engine.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from checker.lexicon import load_lexicon
from checker.models import Claim, Document, TimeRef


def words(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def load_line() -> str:
    """The closing line of a timing table: figures taken on a busy machine are slower."""
    return f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)"


def save(lines: list[str], output: Path) -> None:
    """A benchmark's printed lines kept as its result file."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {output}")


def in_process(script: str, name: str, kwargs: dict, code: str | None = None) -> dict:
    """One stage of a benchmark script (`script --stage NAME JSON`) in a fresh interpreter, so
    that its peak memory is its own: the JSON it prints last. Every stage hashes strings alike
    (one PYTHONHASHSEED), so that two stages' findings can be compared. `code`: a folder
    holding another checker to import (an earlier commit's, for before/after figures)."""
    command = [sys.executable, script, "--stage", name, json.dumps(kwargs)]
    env = {**os.environ, "PYTHONHASHSEED": "0", **({"PYTHONPATH": code} if code else {})}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise SystemExit(f"stage {name} {kwargs} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def stage_or_report(args, stages: dict, report) -> int:
    """A benchmark script's run: one stage (`--stage NAME JSON`, as `in_process` runs it),
    printing its result and peak memory (its own and its children's) as its last line; else
    the report, which runs the stages."""
    if not args.stage:
        return report(args)
    result = stages[args.stage](**json.loads(args.arguments))
    own, child = peak_mb()
    print(json.dumps({**result, "peak_mb": own, "child_peak_mb": child}))
    return 0


def fit(points: list[tuple[int, float]]) -> float:
    """Slope of log(y) against log(x), least squares: the growth exponent (1 is linear)."""
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def started(args, script: str, title: str) -> tuple[Path, Printed]:
    """A report's work folder (--work, else a temporary one) and its printed lines, begun with
    its title, the time, the machine and the command that ran it."""
    work = args.work or Path(tempfile.mkdtemp(prefix=f"checker-{script}-"))
    say = Printed()
    say(f"{title}, {dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    say(f"command: python benchmarks/{script}.py {' '.join(sys.argv[1:])}")
    return work, say


class Printed:
    """Lines printed as they come and kept, to be written to a results file at the end."""

    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def write(self, path: Path) -> None:
        self(load_line())
        save(self.lines, path)


_YEAR = re.compile(r"\b(\d{4})(?=-|/|$)")


def _later_day(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def _later(value, years: int):
    """An ISO date, month, quarter, year or span moved `years` on ("2023-Q3" -> "2026-Q3")."""
    if not isinstance(value, str):
        return value
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _later_day(dt.date.fromisoformat(value), years).isoformat()
    return _YEAR.sub(lambda m: str(int(m[1]) + years), value)


def _copy_id(document: str, k: int) -> str:
    return f"{k}/{document}" if k else document


class Archive:
    """A larger archive grown from a real corpus's claims: copy k is the same news told
    `3 * k` years later about other people and companies (the lexicon's countries and
    institutions stay), with its figures scaled by a copy's own factor. Copies share
    the topics, predicates and countries of the original, as years of one archive do,
    but not its events. An archive grows by adding days of news, so the claims are taken
    in publication order: a smaller archive is a shorter stretch of the same news."""

    def __init__(self, claims: list[Claim], documents: list[Document]):
        # imported here, so that the other stages also run on older checkers (before/after figures)
        from checker.engine.window import document_days

        self.documents = {d.id: d for d in documents}
        # in publication order (undated articles where their stated dates put them, else last), so
        # that fewer claims than the corpus holds are its first weeks, not a thinner spread of it
        days = document_days(claims, self.documents)
        order = {doc_id: (day is None, day or 0, doc_id) for doc_id, day in days.items()}
        self.claims = sorted(claims, key=lambda c: order[c.document])
        self.known = set(load_lexicon().alias_of.values())

    def _name(self, name: str | None, k: int) -> str | None:
        return name if not name or k == 0 or name in self.known else f"{name}-{k}"

    def _number(self, value, factor: float):
        return round(value * factor, 6) if isinstance(value, float) else value

    def _claim(self, claim: Claim, k: int) -> Claim:
        if k == 0:
            return claim
        kind, factor = claim.kind.value, 1 + 0.07 * k
        if kind == "date":
            values = {f: _later(getattr(claim, f), 3 * k) for f in ("value", "low", "high")}
        elif kind != "quote":
            values = {f: self._number(getattr(claim, f), factor) for f in ("value", "low", "high")}
        else:
            values = {}
        time = claim.time and TimeRef(text=claim.time.text, value=_later(claim.time.value, 3 * k),
                                      relation=claim.time.relation)
        return claim.model_copy(update={
            **values, "id": f"{claim.id}-{k}", "document": _copy_id(claim.document, k), "time": time,
            "subject": self._name(claim.subject, k), "speaker": self._name(claim.speaker, k),
        })

    def _document(self, document: Document, k: int) -> Document:
        if k == 0:
            return document
        published = document.published and _later_day(document.published, 3 * k)
        return document.model_copy(update={"id": _copy_id(document.id, k), "published": published})

    def grown(self, count: int) -> tuple[list[Claim], list[Document]]:
        """`count` claims (whole documents, copies after the original) and their documents."""
        claims: list[Claim] = []
        documents: dict[str, Document] = {}
        k = 0
        while len(claims) < count:
            for claim in self.claims:
                doc_id = _copy_id(claim.document, k)
                if doc_id not in documents:
                    if len(claims) >= count:
                        break
                    documents[doc_id] = self._document(self.documents[claim.document], k)
                claims.append(self._claim(claim, k))
            k += 1
        return claims, list(documents.values())


"""The SARIF log of an archive, written as its findings stream from the engine.

SARIF lists the rules and the artifacts (the documents) before the results, and the results
sorted by place (`sarif.sort_key`), so the log cannot be written in the engine's order. Here
the findings are read once, a page at a time: each page's cited claims and their documents
are looked up together, each problem becomes its SARIF result, and the results go into sorted
runs on disk (`SortedRuns`), keyed by place and then by the engine's order, as the whole log
sorts them. Once every finding is seen, the rules (the ruleset, plus any rule a finding names
outside it) and the artifacts (one small entry per document, no text) are written, then the
results are merged back one at a time. Memory holds a page, a buffer of results and what is
bounded by the rules and documents, never the findings; the bytes are the whole log's
(`sarif.report_sarif`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from ..engine import Finding
from ..engine.runs import SortedRuns
from .digest import Archive, cited_by, pages
from .sarif import REPORTED, artifacts, log_pieces, result, rule_descriptors, sort_key

SPILLED = 2_000  # results held before a sorted run of them is written to disk


class KeptResult(BaseModel):
    """A SARIF result kept on disk until every finding has been seen."""

    result: dict[str, Any]


def sarif_pieces(findings: Iterable[Finding], archive: Archive, rules, *, tool_version: str) -> Iterator[str]:
    """The SARIF log of `findings` (in the engine's order) over `archive`, a piece at a time.

    A result's ruleIndex is set as it is read back: a rule outside `rules` gets its index only
    once every finding has named its rule."""
    listed, artifact_index = artifacts(archive.documents())
    named: set[str] = set()
    with SortedRuns(KeptResult, SPILLED) as kept:
        for number, res in enumerate(_results(findings, archive, artifact_index, named)):
            kept.add([((*sort_key(res), number), KeptResult(result=res))])
        descriptors = rule_descriptors(rules, named)
        rule_index = {d["id"]: n for n, d in enumerate(descriptors)}
        results = ({**k.result, "ruleIndex": rule_index[k.result["ruleId"]]} for k in kept.merged())
        yield from log_pieces(descriptors, listed, results, tool_version=tool_version)


def _results(findings: Iterable[Finding], archive: Archive, artifact_index: dict[str, int],
             named: set[str]) -> Iterator[dict]:
    """Each problem's result (its ruleIndex not yet known), a page of findings at a time; the
    rules every finding names are added to `named`."""
    unset_index: defaultdict[str, int] = defaultdict(lambda: -1)
    for page in pages(findings):
        named.update(f.rule for f in page)
        reported = [f for f in page if f.verdict in REPORTED]
        claims, documents = cited_by(reported, archive)
        yield from (result(f, unset_index, claims, documents, artifact_index) for f in reported)

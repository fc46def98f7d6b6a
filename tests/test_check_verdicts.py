"""The pre-publication check's verdicts from the library: each draft alone, an unverifiable
claim explained, a restated figure judged with its first mention."""

from __future__ import annotations

import json
import re

import pytest

from checker.documents import DocumentReader
from checker.engine import load_ruleset
from checker.models import Claim, Kind
from checker.nearby import Neighbourhoods
from checker.precheck import Status, check_drafts
from checker.verdicts import restates

from .conftest import ROOT
from .test_check import run, work  # noqa: F401  (the seed corpus copied as corpus/, and `checker check`)

HEAD = "---\npublished: 2025-11-07\n---\n"
SPEND = HEAD + "Takaichi said Japan will spend $40 billion on shipbuilding and semiconductors in the United States.\n"
ELSEWHERE = "---\ntitle: Plant\n---\nPublished on Nov 7, 2025\n\nThe Haldener plant in Bavaria will cut 3,000 jobs by March, the carmaker said.\n"


def test_unverifiable_names_what_was_looked_for_and_what_came_closest(work):
    (work / "draft.md").write_text(SPEND)
    lines = run("draft.md", "--against", "corpus").stdout.splitlines()
    at = lines.index("    looked for: 40 billion USD, an amount of money, for shipbuilding spend (Japan)")
    closest = [line for line in lines[at + 1 : at + 5] if line.startswith("    closest: corpus/")]
    assert len(closest) == 3  # at most three
    odds = [int(re.search(r"(\d+)% one fact: ", line)[1]) for line in closest]
    assert odds == sorted(odds, reverse=True) and all("the articles tell one story" in line for line in closest)
    report = json.loads(run("draft.md", "--against", "corpus", "-f", "json").stdout)
    why = next(v["why"] for v in report["verdicts"] if v["status"] == "unverifiable" and "USD" in v["why"]["value"])
    assert why["measures"] == "an amount of money, for shipbuilding spend (Japan)" and why["note"] == ""
    assert [c["probability"] for c in why["closest"]] == sorted((c["probability"] for c in why["closest"]), reverse=True)
    assert all(c["document"].startswith("corpus/") and c["text"] and c["reasons"] for c in why["closest"])


def test_unverifiable_without_candidates_says_why(work):
    (work / "draft.md").write_text(ELSEWHERE)
    report = json.loads(run("draft.md", "--against", "corpus", "-f", "json").stdout)
    texts = {c["id"]: c["text"] for c in report["claims"]}
    why = {texts[v["claim"]]: v["why"] for v in report["verdicts"]}
    assert why["3,000 jobs"] == {"value": "3,000 job", "measures": "a count (job), for cut (Bavaria)",
                                 "note": "no corpus article tells this story", "closest": []}
    assert why["Nov 7, 2025"]["note"] == "a dateline, when the article appeared: not compared with other sources"


@pytest.fixture(scope="module")
def seeds(extractor):
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return list(extractor.paths([ROOT / "seeds"], DocumentReader(10, False)))


def _draft(extractor, tmp_path, name: str, text: str):
    (tmp_path / name).write_text(HEAD + text)
    return next(iter(extractor.paths([tmp_path / name], DocumentReader(10, False))))


def test_check_drafts_keeps_each_draft_to_itself(extractor, seeds, tmp_path):
    right = _draft(extractor, tmp_path, "right.md", "Japan pledged $550 billion in investments in the United States, officials said.\n")
    wrong = _draft(extractor, tmp_path, "wrong.md", "Japan pledged $500 billion in investments in the United States, officials said.\n")
    result = check_drafts([right, wrong], seeds, load_ruleset())
    assert [c.document.id for c in result.checks] == [right.document.id, wrong.document.id]
    for outcome in result.checks:
        cited = {result.claims[i].document for f in outcome.findings for i in f.claims}
        assert outcome.document.id in cited and not cited & ({right.document.id, wrong.document.id} - {outcome.document.id})
    first, second = (next(v for v in c.verdicts if v.claim.kind is Kind.MONEY) for c in result.checks)
    assert first.status is Status.SUPPORTED and second.status is Status.CONTRADICTED
    assert {c.document for c in second.disagreeing} == {c.document for c in first.agreeing}
    assert len(first.agreeing) == len({c.document for c in first.agreeing}) == 3


def test_neighbourhoods_leave_other_drafts_out(extractor, seeds, tmp_path):
    one = _draft(extractor, tmp_path, "one.md", "Takaichi said Japan pledged $550 billion to the United States.\n")
    two = _draft(extractor, tmp_path, "two.md", "Takaichi said Japan pledged $500 billion to the United States.\n")
    near = Neighbourhoods([one, two], seeds, load_ruleset())
    found = {e.document.id for e in near.of(one.document.id)}
    assert found and found <= {e.document.id for e in seeds}  # corpus documents only, never the other draft


def _claim(**fields) -> Claim:
    base = {"id": "c1", "document": "d.md", "start": 0, "end": 12, "text": "$550 billion", "kind": Kind.MONEY, "value": 550e9,
                "low": 550e9, "high": 550e9, "unit": "USD", "predicate": "pledge", "sentence": "x", "sentence_start": 0}
    return Claim(**{**base, **fields})


def test_what_counts_as_a_restatement():
    first = _claim()
    assert restates(_claim(id="c2", start=40, end=52, predicate="commitment"), first)  # one synonym group
    assert not restates(_claim(id="c2", document="e.md"), first)  # another article: a source, not a restatement
    assert not restates(_claim(id="c2", value=500e9, low=500e9, high=500e9), first)
    assert not restates(_claim(id="c2", predicate="loan"), first)
    assert not restates(first, first)

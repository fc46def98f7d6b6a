"""What claims are about: each case of tests/cases/frames.yaml through `extract_text`.

A date's predicate is the event of its own clause (so two reports of one event line up and
two events of one story do not), none for a dateline or a heading; a figure's is what it
measures. The cases are general sentences, not benchmark ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.extract import extract_text
from checker.models import Kind

FIGURES = {Kind.MONEY, Kind.PERCENT, Kind.QUANTITY, Kind.COUNT}
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "frames.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:60] for case in CASES])
def test_predicates(case):
    claims = extract_text(case["text"])
    found = {}
    for expected in case["claims"]:
        kinds = {Kind(expected["kind"])} if "kind" in expected else {Kind.DATE, *FIGURES}
        matches = [c for c in claims if c.text == expected["text"] and c.kind in kinds]
        assert len(matches) == 1, f"{expected['text']!r}: {[(c.text, c.kind.value) for c in claims]}"
        found[expected["text"]] = matches[0].predicate
    assert found == {e["text"]: e["predicate"] for e in case["claims"]}


def test_cases_hold_both_kinds_and_negatives():
    """The file keeps dates and figures, and dates that must carry no predicate."""
    expected = [e for case in CASES for e in case["claims"]]
    assert sum(e["predicate"] is None for e in expected) >= 4
    assert len(expected) >= 40

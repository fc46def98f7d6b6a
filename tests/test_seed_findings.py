"""What the rule engine must show on the seed corpus (issue: rule engine)."""

from __future__ import annotations

import pytest

from checker.documents import load_documents
from checker.engine import check

from .conftest import ROOT


@pytest.fixture(scope="module")
def findings(extractor):
    documents = load_documents([ROOT / "seeds"])
    claims = [c for d in documents for c in extractor.document(d).claims]
    texts = {c.id: (c.document.split("/")[-1], c.text) for c in claims}
    return [(f.verdict.value, f.rule, [texts[i] for i in f.claims], f.message) for f in check(claims, documents)]


def cited(finding):
    return [text for _, text in finding[2]]


def test_550_billion_agrees_across_three_articles(findings):
    (found,) = [f for f in findings if f[0] == "agreement" and "$550 billion" in " ".join(cited(f))]
    assert len({doc for doc, _ in found[2]}) == 3 and found[1] == "figure-consistency"


def test_two_percent_of_gdp_by_2027_agrees(findings):
    (found,) = [f for f in findings if f[0] == "agreement" and "2% of GDP" in cited(f)]
    assert len({doc for doc, _ in found[2]}) == 2


def test_october_25_call_agrees_with_saturday(findings):
    (found,) = [f for f in findings if f[0] == "agreement" and f[1] == "date-consistency"]
    assert sorted(cited(found)) == ["October 25", "Saturday"] and "was a Saturday in 2025" in found[3]


def test_yen_conversion_is_internal(findings):
    (found,) = [f for f in findings if f[0] == "internal"]
    assert cited(found) == ["$550 billion", "approximately 790 trillion yen"]
    assert "JPY/USD" in found[3] and "times the $550 billion" in found[3]


def test_cheerful_quotes_contradict(findings):
    contradictions = [f for f in findings if f[0] == "contradiction"]
    assert [sorted(cited(f)) for f in contradictions] == [["cheerful and engaging", "cheerful and pleasant"]]


@pytest.mark.parametrize(
    "pair",
    [("exceeding 250%", "nearly three times its GDP"), ("up to 5%", "over 4%"), ("over 4%", "3.2%"),
     ("15%", "2% of GDP"), ("October 25", "October 28")],
)
def test_traps_are_not_contradictions(findings, pair):
    for verdict, _, claims, _ in findings:
        if verdict in ("contradiction", "internal"):
            assert not set(pair) <= {text for _, text in claims}

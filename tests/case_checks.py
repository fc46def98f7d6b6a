"""Checks the time and place tests share: a claim against its case in tests/cases/*.yaml, and a
value comparison that must give one verdict in both orders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from checker.engine.values import Comparison
from checker.extract import extract_text
from checker.models import Claim, Kind

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> tuple[list, list[str]]:
    """tests/cases/NAME.yaml as (sentence, its one expected claim) parameters, and the
    sentences that must hold no claim of the kind."""
    cases = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    found = [pytest.param(case["text"], case["expect"][0], id=case["text"]) for case in cases if case["expect"]]
    return found, [case["text"] for case in cases if not case["expect"]]


def of_kind(text: str, kind: Kind) -> list[Claim]:
    """The claims of one kind `extract_text` finds in a text."""
    return [c for c in extract_text(text) if c.kind is kind]


def assert_compared(compare: Callable[[Claim, Claim], Comparison | None], a: Claim, b: Claim, expected: bool | None) -> None:
    """`compare` gives the same verdict in both orders: `expected` (compatible or not), or None
    (not comparable); a verdict's reason ends in the word that says it."""
    for x, y in ((a, b), (b, a)):
        result = compare(x, y)
        if expected is None:
            assert result is None, result.reason
        else:
            assert result is not None and result.compatible is expected, result and result.reason
            assert result.reason.endswith(("agree", "name the same place") if expected else "differ")


def assert_case(text: str, expected: dict, kind: Kind) -> None:
    """The text holds one claim of the kind, with every field its case gives, and its words
    are the text's at its offsets."""
    (claim,) = of_kind(text, kind)
    fields = [field for field in expected if field != "kind"]
    assert {field: getattr(claim, field) for field in fields} == {field: expected[field] for field in fields}
    assert text[claim.start : claim.end] == claim.text

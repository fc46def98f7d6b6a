"""Table-driven normalizer tests: tests/cases/*.yaml, one test per sentence.

Each case names claims that must be found by their exact surface text, with
the fields given (numbers compared with a relative tolerance of 1e-6), and
kinds that must not be found at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .score_extraction import same

CASES = Path(__file__).parent / "cases"


def load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield pytest.param(case, id=f"{path.stem}-{index}")


@pytest.mark.parametrize("case", list(load_cases()))
def test_case(case, extractor):
    claims = extractor.text(case["text"], published=case.get("published"))
    for expected in case.get("expect") or []:
        matches = [c for c in claims if c.text == expected["text"]]
        assert matches, f"{expected['text']!r} not found; got {[(c.text, c.kind.value) for c in claims]}"
        claim = matches[0]
        for field, value in expected.items():
            actual = getattr(claim, field)
            actual = actual.value if hasattr(actual, "value") and field == "kind" else actual
            assert same(value, actual), f"{expected['text']!r}: {field} is {actual!r}, expected {value!r}"
    found_kinds = {c.kind.value for c in claims}
    for kind in case.get("absent") or []:
        assert kind not in found_kinds, f"unexpected {kind}: {[c.text for c in claims if c.kind.value == kind]}"

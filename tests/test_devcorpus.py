"""Extraction scored against the development corpus's hand-made gold.

Prints the per-kind table (run `pytest -s` or `python tests/score_extraction.py`)
and fails when precision or recall falls below what the extractor reaches
today, so a change that loses claims is caught.
"""

from __future__ import annotations

from .score_extraction import report, score

FLOORS = {"span P": 0.97, "span R": 0.95, "full P": 0.95, "full R": 0.94}


def test_extraction_against_gold(extractor):
    result = score(extractor)
    print("\n" + report(result))
    span_p, span_r, full_p, full_r = result.rates()
    reached = {"span P": span_p, "span R": span_r, "full P": full_p, "full R": full_r}
    low = {k: f"{v:.1%}" for k, v in reached.items() if v < FLOORS[k]}
    assert not low, f"below the floor {FLOORS}: {low}\n" + "\n".join(result.errors[:40])


def test_every_offset_points_at_its_text(extractor):
    from checker.documents import load_documents

    from .score_extraction import CORPUS

    for document in load_documents([CORPUS]):
        for claim in extractor.document(document).claims:
            assert document.text[claim.start : claim.end] == claim.text

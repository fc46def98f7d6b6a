"""The engine's comparison window: articles far apart in time are not compared, an undated
article is placed by its dates or compared within its story, and the pairs found are exactly
the near pairs, in the order the unwindowed loops gave them."""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations, product

from checker.engine import check
from checker.engine.window import Window
from checker.models import Claim, Document, Kind


def _doc(doc_id: str, published: dt.date | None) -> Document:
    return Document(id=doc_id, path=doc_id, sha256="0" * 64, text="x", published=published)


def _claim(doc_id: str, i: int, **fields) -> Claim:
    return Claim(**{
        "id": f"{doc_id}#{i}", "document": doc_id, "start": i * 10, "end": i * 10 + 3, "text": "$5bn",
        "kind": Kind.MONEY, "value": 5e9, "low": 5e9, "high": 5e9, "unit": "USD", "subject": "Acme Corp",
        "predicate": "revenue", "sentence": "Acme Corp reported revenue of $5bn.", "sentence_start": i * 10,
        **fields,
    })


def _agreements(published_b: dt.date) -> list:
    documents = [_doc("a.md", dt.date(2025, 3, 1)), _doc("b.md", published_b)]
    return [f for f in check([_claim("a.md", 0), _claim("b.md", 0)], documents) if f.verdict.value == "agreement"]


def test_articles_a_month_apart_are_not_compared():
    assert _agreements(dt.date(2025, 3, 4))
    assert not _agreements(dt.date(2025, 6, 1))


def _stated(day: str, index: int):
    return _claim("u.md", index, kind=Kind.DATE, text=day, value=day, low=day, high=day, unit=None,
                  granularity="day", subject=None, predicate=None)


def test_an_undated_article_is_placed_by_the_dates_it_states():
    claims = [_claim("u.md", 0), _stated("2025-03-03", 1), _stated("2025-03-05", 2)]
    window = Window(claims, {"u.md": _doc("u.md", None)}, {})
    assert window.day["u.md"] == dt.date(2025, 3, 5).toordinal()


def test_a_lone_stated_date_does_not_place_an_undated_article():
    """A background paragraph's date ("the derailment of August 2020") says nothing of when the
    article appeared: an article is placed only by two stated dates within a window."""
    claims = [_claim("u.md", 0), _stated("2020-08-12", 1), _stated("2025-03-03", 2)]
    window = Window(claims, {"u.md": _doc("u.md", None)}, {})
    assert window.day["u.md"] is None


def test_an_undated_article_without_dates_is_compared_within_its_story():
    names = {"a.md": {"Acme Corp", "Lena Ostvik"}, "b.md": {"Acme Corp", "Lena Ostvik"}, "c.md": {"Acme Corp", "Norvik"}}
    documents = {"a.md": _doc("a.md", None), "b.md": _doc("b.md", dt.date(2025, 3, 1)), "c.md": _doc("c.md", dt.date(2025, 3, 1))}
    window = Window([_claim(d, 0) for d in documents], documents, names)
    assert window.pairs(["a.md", "b.md", "c.md"], 31) == [(0, 1), (1, 2)]


def test_the_pairs_are_exactly_the_near_ones_in_loop_order():
    rng = random.Random(3)
    documents = {f"d{i}.md": _doc(f"d{i}.md", None if i % 7 == 0 else dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(200)))
                 for i in range(40)}
    names = {d: {f"Name {rng.randrange(6)}" for _ in range(rng.randrange(4))} for d in documents}
    window = Window([_claim(d, 0) for d in documents], documents, names)

    def near(a: str, b: str) -> bool:
        da, db = window.day[a], window.day[b]
        if da is not None and db is not None:
            return abs(da - db) <= 31
        story = [window.story[d] for d in (a, b) if window.day[d] is None]
        return any(s is None or (a in s and b in s) for s in story)

    docs = [rng.choice(sorted(documents)) for _ in range(60)]
    assert window.pairs(docs, 31) == [(i, j) for i, j in combinations(range(len(docs)), 2) if near(docs[i], docs[j])]
    first, second = docs[:25], docs[25:]
    expected = [(i, j) for i, j in product(range(len(first)), range(len(second))) if near(first[i], second[j])]
    assert window.across(first, second, 31) == expected

"""Expected values and the claim query vocabulary, on claims extracted from short texts."""

from datetime import date

import pytest

from checker import Extractor
from checker.expect import (
    amount,
    count,
    eur,
    jpy,
    money,
    percent,
    quantity,
    usd,
    value_matches,
)
from checker.models import Document
from checker.query import ClaimSet, Evidence


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def one_claim(extractor, text, kind, published=date(2025, 10, 30)):
    found = [c for c in extractor.text(text, published=published) if c.kind.value == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("written", "value"), [
    (550e9, 550e9), ("550bn", 550e9), ("550 billion", 550e9), ("1.2tn", 1.2e12), ("1,200", 1200.0),
    ("3.5m", 3.5e6), ("40", 40.0), (".5", 0.5),
])
def test_amounts_are_read_as_people_write_them(written, value):
    assert amount(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["lots", "550 zillion", "", "5e", True])
def test_unreadable_amounts_are_refused(written):
    with pytest.raises(ValueError, match="amount|scale word"):
        amount(written)


def test_a_backwards_range_is_refused():
    with pytest.raises(ValueError, match="backwards"):
        usd("600bn", "500bn")


def test_money_matches_its_currency_within_the_tolerance(extractor):
    claim = one_claim(extractor, "Japan pledged $550 billion.", "money")
    assert value_matches(claim, usd("550bn"))
    assert value_matches(claim, usd("560bn"))  # both widened by the report's 2%: they meet
    assert not value_matches(claim, usd("575bn"))
    assert not value_matches(claim, usd("560bn", within=0))
    assert value_matches(claim, usd("575bn", within=0.05))
    assert not value_matches(claim, eur("550bn"))
    assert not value_matches(claim, jpy("550bn"))  # never converted
    assert value_matches(claim, usd("500bn", "600bn"))
    assert value_matches(claim, money(550e9, "usd"))
    assert value_matches(claim, 550e9)


def test_a_stated_range_matches_what_meets_it_as_in_the_report(extractor):
    claim = one_claim(extractor, "Officials expect between 3% and 5% growth.", "percent")
    assert value_matches(claim, percent(3, 5))
    assert value_matches(claim, percent(4))  # the report finds "4%" and "between 3% and 5%" agreeing
    assert not value_matches(claim, percent(6)) and not value_matches(claim, percent(6, 8))


def test_percent_without_a_base_accepts_any_base(extractor):
    claim = one_claim(extractor, "Spending will reach 2% of GDP by 2027.", "percent")
    assert value_matches(claim, percent(2))
    assert value_matches(claim, percent(2, of="GDP"))
    assert not value_matches(claim, percent(2, of="revenue"))
    assert not value_matches(claim, usd(2))


def test_counts_and_quantities_match_their_unit(extractor):
    people = one_claim(extractor, "The storm killed 12 people.", "count")
    assert value_matches(people, count(12, "people")) and value_matches(people, count(12))
    assert not value_matches(people, count(12, "ships"))
    tonnes = one_claim(extractor, "The port shipped 240,000 tonnes of grain.", "quantity")
    assert value_matches(tonnes, quantity("240k", "tonne"))
    assert not value_matches(tonnes, quantity(240000, "kilometre"))


def test_dates_match_at_the_precision_stated(extractor):
    full = one_claim(extractor, "The talks ended on October 25, 2025.", "date")
    assert value_matches(full, date(2025, 10, 25)) and value_matches(full, "2025-10-25")
    assert not value_matches(full, date(2024, 10, 25))
    yearless = one_claim(extractor, "The talks ended on October 25.", "date", published=None)
    assert value_matches(yearless, date(2025, 10, 25)) and value_matches(yearless, date(2019, 10, 25))
    assert not value_matches(yearless, date(2025, 10, 26))
    weekday = one_claim(extractor, "The talks ended on Saturday.", "date", published=None)
    assert value_matches(weekday, date(2025, 10, 25))  # a Saturday
    assert not value_matches(weekday, date(2025, 10, 24))
    year = one_claim(extractor, "The plant will open in 2027.", "date")
    assert value_matches(year, "2027") and not value_matches(year, date(2027, 1, 1))


def evidence_of(extractor, texts: dict[str, str]) -> Evidence:
    documents, claims = {}, []
    for name, text in texts.items():
        document = Document(id=name, path=name, source=name.upper(), published=date(2025, 3, 11), sha256="0",
                            text=text)
        documents[name] = document
        claims += extractor.document(document).claims
    return Evidence(documents, claims)


def test_claim_sets_narrow_by_words_kind_unit_source_and_speaker(extractor):
    claims = ClaimSet(evidence_of(extractor, {
        "a.md": 'The council pledged $12 million on Monday. "It is enough," Mayor Ortiz said.',
        "b.md": "The council's pledges reached €11 million, or 4% of the budget.",
    }))
    assert [c.text for c in claims.about("pledge")] == ["$12 million", "Monday", "€11 million", "4%"]
    assert [c.text for c in claims.about("council pledged").money()] == ["$12 million"]
    assert [c.text for c in claims.money().in_unit("eur")] == ["€11 million"]
    assert [c.text for c in claims.from_source("B.MD").percentages()] == ["4%"]
    assert [c.text for c in claims.said_by("ortiz")] == ["It is enough"]
    assert claims.filter(kind="money", source="a.md").one().value == usd("12m")
    assert claims.money().sources() == ["a.md", "b.md"]
    with pytest.raises(AssertionError, match=r"expected exactly one of the money claims, found 2:\n  a.md:1: “\$12 million”"):
        claims.money().one()
    with pytest.raises(ValueError, match="at least one word"):
        claims.about("  ")


def test_agreement_compares_sources_with_the_engines_tolerance_and_rates(extractor):
    agree = ClaimSet(evidence_of(extractor, {
        "a.md": "The fund holds $12 million.", "b.md": "The fund holds $12.1 million.",
    }))
    assert agree.money().agree()
    differ = ClaimSet(evidence_of(extractor, {
        "a.md": "The fund holds $12 million.", "b.md": "The fund holds $15 million.",
    }))
    assert [(a.text, b.text) for a, b, _ in differ.money().disagreements()] == [("$12 million", "$15 million")]
    with pytest.raises(AssertionError, match="they disagree: 12 million USD and 15 million USD differ"):
        differ.money().agree()
    with pytest.raises(AssertionError, match="from 1 source"):
        differ.from_source("a.md").agree()


def test_a_count_is_of_its_head_noun_whatever_the_adjectives(extractor):
    jobs = one_claim(extractor, "The plant will create 3,200 permanent jobs.", "count")
    assert jobs.unit == "permanent job"
    assert value_matches(jobs, count(3200, "job")) and value_matches(jobs, count(3200, "Permanent Job"))
    assert not value_matches(jobs, count(3200, "temporary job")) and not value_matches(jobs, count(3200, "b"))
    plain = one_claim(extractor, "The plant will create 3,200 jobs.", "count")
    assert not value_matches(plain, count(3200, "permanent job"))  # more than the article says


def test_an_approximate_figure_is_read_at_its_stated_precision(extractor):
    about = one_claim(extractor, "The plant will bring about 3,000 jobs.", "count")
    assert value_matches(about, count(3400, "job")) and value_matches(about, 2600)  # 2,500-3,500
    assert not value_matches(about, count(3700, "job")) and not value_matches(about, count(2300))
    assert value_matches(about, count(3500, "job", within=0)) and not value_matches(about, count(3600, within=0))
    exact = one_claim(extractor, "The plant will bring 3,000 jobs.", "count")
    assert not value_matches(exact, count(3400, "job"))
    assert value_matches(about, count(3400), tolerance=0)  # the stated precision, not the report's slack


def test_conversions_are_set_aside_until_their_unit_is_asked_for(extractor):
    claims = ClaimSet(evidence_of(extractor, {
        "a.md": "The carmaker will invest €600 million ($650 million) in the plant.",
        "b.md": "The tower is 229 metres (751 ft) tall, and the site covers 5 km, or 20 minutes on foot.",
    }))
    assert [c.text for c in claims.money()] == ["€600 million"]
    assert [c.text for c in claims.money(in_unit="usd")] == ["$650 million"]
    assert [c.text for c in claims.about("invest").in_unit("USD")] == ["$650 million"]
    assert [c.text for c in claims.about("tower").quantities()] == ["229 metres", "5 km", "20 minutes"]
    assert [c.text for c in claims.quantities(in_unit="foot")] == ["751 ft"]
    assert [c.text for c in claims.with_text("million").filter(unit="USD")] == ["$650 million"]
    assert len(claims.money()) == 1 and claims.money().values() == {eur("600m")}


def test_agreement_counts_one_thing_whatever_the_adjectives(extractor):
    differ = ClaimSet(evidence_of(extractor, {
        "a.md": "The plant will create 3,200 permanent jobs.", "b.md": "The plant will create 5,000 jobs.",
    }))
    assert [(a.text, b.text) for a, b, _ in differ.counts().disagreements()] == [("3,200 permanent jobs", "5,000 jobs")]
    agree = ClaimSet(evidence_of(extractor, {
        "a.md": "The plant will create 3,200 permanent jobs.", "b.md": "The plant will bring about 3,000 jobs.",
    }))
    assert agree.counts().agree()

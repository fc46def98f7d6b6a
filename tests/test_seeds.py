"""What extraction must show on the seed corpus (issue: claim extraction).

The seed files are real articles; these tests pin the figures, dates and
quotes an editor checks first, and the non-claims a naive extractor finds.
"""

from __future__ import annotations

import pytest

from checker.documents import read_document

from .conftest import ROOT

SEEDS = ROOT / "seeds"
ORF = "2025-10-30-orf-takaichi-first-week-asean-and-us.md"
ALLIANCE = "2025-11-06-japan-and-us-deepen-alliance-as-takaichi-leads.md"
PIVOT = "undated-takaichi-asean-security-and-ai-pivot.md"
GET = "undated-global-economic-times-takaichi-trump-first-call.md"
EXPLAINER = "undated-takaichi-trump-phone-call-explainer.md"


@pytest.fixture(scope="module")
def seeds(extractor):
    return {path.name: extractor.document(read_document(path)) for path in sorted(SEEDS.glob("*.md"))}


def claims(seeds, name, kind=None, text=None):
    return [c for c in seeds[name].claims if (kind is None or c.kind == kind) and (text is None or c.text == text)]


def test_seed_documents_metadata(seeds):
    assert {n: seeds[n].document.published and seeds[n].document.published.isoformat() for n in seeds} == {
        ORF: "2025-10-30", ALLIANCE: "2025-11-06", PIVOT: None, GET: None, EXPLAINER: None,
    }
    assert seeds[GET].document.source == "Global Economic Times"


def test_seed_body_is_the_original_article(seeds):
    original = {
        ORF: "000_2a3b1fbdb8690073.txt", ALLIANCE: "001_18e314edcc2708f3.txt", PIVOT: "002_1baf86176f959a56.txt",
        GET: "003_c9447405520ffec7.txt", EXPLAINER: "004_3887277c7194da92.txt",
    }
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    for name, source in original.items():
        doc = seeds[name].document
        assert doc.text[doc.body_start :] == (shared / source).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, count", [(ALLIANCE, 1), (GET, 1), (EXPLAINER, 2)])
def test_550_billion_pledge(seeds, name, count):
    found = [c for c in claims(seeds, name, "money") if c.text.endswith("$550 billion")]
    assert len(found) == count
    for claim in found:
        assert (claim.value, claim.unit) == (550e9, "USD")


def test_pledge_qualifier_makes_an_interval(seeds):
    (claim,) = claims(seeds, ALLIANCE, "money")
    assert claim.text == "approximately $550 billion"
    assert (claim.low, claim.high, claim.qualifier) == (495e9, 605e9, "approximately")
    assert claim.predicate == "pledge" and claim.subject == "Japan"


def test_790_trillion_yen(seeds):
    (claim,) = claims(seeds, GET, "money", "approximately 790 trillion yen")
    assert (claim.value, claim.unit) == (7.9e14, "JPY")


def test_15_percent_tariff(seeds):
    (claim,) = claims(seeds, ALLIANCE, "percent", "15%")
    assert (claim.value, claim.unit, claim.predicate) == (15, "%", "tariff")


@pytest.mark.parametrize("name, count", [(ALLIANCE, 2), (EXPLAINER, 1)])
def test_two_percent_of_gdp_by_2027(seeds, name, count):
    found = claims(seeds, name, "percent", "2% of GDP")
    assert len(found) == count
    for claim in found:
        assert (claim.value, claim.unit) == (2, "% of GDP")
        assert claim.time is not None and claim.time.value == "2027"


def test_deadline_by_2027(seeds):
    (claim,) = claims(seeds, EXPLAINER, "date", "by 2027")
    assert (claim.value, claim.low, claim.high, claim.qualifier) == ("2027", None, "2027-12-31", "by")


def test_october_dates_without_a_publication_date_keep_no_year(seeds):
    """The article states no date, so no year is invented (the issue's 2025 is not in the text)."""
    oct25 = claims(seeds, GET, "date", "October 25")
    oct28 = claims(seeds, GET, "date", "October 28")
    assert [c.value for c in oct25] == ["--10-25"] and [c.value for c in oct28] == ["--10-28"]
    assert "publication date unknown" in oct25[0].resolution
    assert oct25[0].predicate == "phone call" and oct28[0].predicate == "summit"


def test_october_dates_take_the_year_when_published(extractor):
    import datetime as dt

    text = (SEEDS / GET).read_text(encoding="utf-8")
    found = {c.text: c.value for c in extractor.text(text, published=dt.date(2025, 10, 26)) if c.kind == "date"}
    assert found["October 25"] == "2025-10-25" and found["October 28"] == "2025-10-28"


def test_on_saturday_is_kept_as_a_weekday(seeds):
    (claim,) = claims(seeds, EXPLAINER, "date", "Saturday")
    assert claim.value is None and claim.weekday == "Saturday" and claim.granularity == "weekday"


def test_debt_ratio_exceeding_250_percent_is_open_above(seeds):
    (claim,) = claims(seeds, EXPLAINER, "percent", "exceeding 250%")
    assert (claim.value, claim.low, claim.high, claim.unit) == (250, 250, None, "% of GDP")
    assert claim.subject == "Japan"


def test_nearly_three_times_gdp(seeds):
    (claim,) = claims(seeds, EXPLAINER, "percent", "nearly three times its GDP")
    assert (claim.value, claim.low, claim.high, claim.unit, claim.qualifier) == (300, 270, 300, "% of GDP", "nearly")


@pytest.mark.parametrize(
    "text, low, high, subject",
    [
        ("up to 5%", None, 5, "Mitsubishi Heavy Industries"),
        ("over 4%", 4, None, "Mitsubishi Heavy Industries"),
        ("3.2%", 3.2, 3.2, "Yaskawa Electric"),
    ],
)
def test_stock_moves_with_their_subjects(seeds, text, low, high, subject):
    (claim,) = claims(seeds, EXPLAINER, "percent", text)
    assert (claim.low, claim.high, claim.subject) == (low, high, subject)


@pytest.mark.parametrize(
    "name, words, speaker",
    [
        (GET, "cheerful and pleasant", "Sanae Takaichi"),
        (EXPLAINER, "cheerful and engaging", "Sanae Takaichi"),
        (EXPLAINER, "good and candid", "Sanae Takaichi"),
        (ORF, "new golden age", "the two leaders"),
        (GET, "very good", "Donald Trump"),
        (ALLIANCE, "our allies are our supply chains", "Donald Trump"),
    ],
)
def test_quotes_and_speakers(seeds, name, words, speaker):
    found = claims(seeds, name, "quote", words)
    assert found, f"{words!r} not found"
    assert all(c.value == words and c.speaker == speaker for c in found)


@pytest.mark.parametrize("furniture", ["177129171", "CC BY 4.0", "4.0", "a U.S.", "an ASEAN"])
def test_article_furniture_is_not_a_claim(seeds, furniture):
    for name in seeds:
        for claim in seeds[name].claims:
            assert furniture not in claim.text or claim.kind == "quote", (name, claim.text)
    assert not [c for c in seeds[PIVOT].claims if c.kind in ("count", "quantity", "money", "percent")]


def test_offsets_point_at_the_claim_text(seeds):
    for result in seeds.values():
        text = result.document.text
        for claim in result.claims:
            assert text[claim.start : claim.end] == claim.text
            assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence

"""Shared currency names ("$", "francs", "kroner", "p") read through the real extractor
(`checker.extract.extract_text`): as the currency the article establishes by a symbol or name
only it has, else as the name's default, and each says so in `resolution`.

Each case: an article, the words of one figure in it, the currency it must be read as (for a
name that is then no money, "count" and what it counts), and the resolution it must give (None:
read by its own name, nothing to resolve).
"""

from __future__ import annotations

import pytest

from checker.extract import extract_text
from checker.models import Kind

NOTHING_ELSE = "the article states no amount in another currency it may stand for"

CASES = [
    # established by a code, a symbol or a country's own name: the shared name means it
    ("The budget foresees 12.4 billion Swiss francs and a deficit of 48 million francs.",
     "48 million francs", "CHF", "“francs” read as CHF: the article states amounts in CHF (“12.4 billion Swiss francs”)"),
    ("Fjordlinje ordered the ships for NOK 9.4bn. The first 1.9 billion kroner is due next year.",
     "1.9 billion kroner", "NOK", "“kroner” read as NOK: the article states amounts in NOK (“NOK 9.4bn”)"),
    ("Nurses get a bonus of A$17,500. Cleaners will get $3,000.",
     "$3,000", "AUD", "“$” read as AUD: the article states amounts in AUD (“A$17,500”)"),
    ("The contract was worth 86 million dollars, or A$86 million.",
     "86 million dollars", "AUD", "“dollars” read as AUD: the article states amounts in AUD (“A$86 million”)"),
    ("Fares rose by 5 cents to €1.20.",
     "5 cents", "EUR", "“cents” read as EUR: the article states amounts in EUR (“€1.20”)"),
    ("Castellan pays 412p a share, about 1.35 billion pounds in all.",
     "412p", "GBP", None),  # pence, GBP's own
    # nothing established: the default, and said so
    ("The bonus is $3,000.", "$3,000", "USD", f"“$” read as USD, the default: {NOTHING_ELSE}"),
    ("The canton's deficit was 48 million francs.", "48 million francs", "CHF", f"“francs” read as CHF, the default: {NOTHING_ELSE}"),
    ("The bid was worth about 1.35 billion pounds.", "about 1.35 billion pounds", "GBP", f"“pounds” read as GBP, the default: {NOTHING_ELSE}"),
    ("The US firm paid US$2.8 million, and $1.75 billion in all.",
     "$1.75 billion", "USD", "“$” read as USD: the article states amounts in USD (“US$2.8 million”)"),
    # two of its currencies established: not guessed, the default kept and said so
    ("Nurses get A$17,500 (US$11,000). Cleaners will get $3,000.",
     "$3,000", "USD", "“$” kept as USD, the default: the article states amounts in USD and AUD, so which it means is not guessed"),
    # a name with no default and nothing established: no money
    ("The storm caused 1.5 billion pesos in damage.", "1.5 billion pesos", "count peso",
     "“pesos” not read as money, but counted: the article states no amount in MXN, PHP, ARS, CLP, COP"),
    # a currency's own name: nothing to resolve
    ("The deficit was CHF 48 million.", "CHF 48 million", "CHF", None),
    ("Tickets cost 74,900 forints.", "74,900 forints", "HUF", None),
    ("The firm raised US$1.2bn.", "US$1.2bn", "USD", None),
]


@pytest.mark.parametrize(("text", "words", "unit", "resolution"), CASES, ids=[c[1] for c in CASES])
def test_a_shared_currency_name_is_read_from_the_article(text, words, unit, resolution):
    (claim,) = [c for c in extract_text(text) if c.text == words]
    kind, unit = unit.split() if unit.startswith("count ") else ("money", unit)
    assert (claim.kind, claim.unit, claim.resolution) == (Kind(kind), unit, resolution)


def test_a_name_with_no_default_counts_what_it_names():
    (claim,) = [c for c in extract_text("Prices rose by 5 cents, or more than 7 cents on Sundays.") if c.text == "5 cents"]
    assert (claim.kind, claim.value, claim.unit) == (Kind.COUNT, 5, "cent")
    assert claim.resolution.startswith("“cents” not read as money, but counted")


def test_a_letter_with_no_currency_established_is_nothing():
    claims = extract_text("The camera records 1080p video and costs $499.")
    assert [(c.text, c.unit) for c in claims if c.kind is Kind.MONEY] == [("$499", "USD")]
    assert not [c for c in claims if "1080" in c.text]


def test_each_article_settles_its_own_currencies():
    assert [c.unit for c in extract_text("Nurses get A$17,500.") if c.kind is Kind.MONEY] == ["AUD"]
    (claim,) = [c for c in extract_text("Cleaners get $3,000.") if c.kind is Kind.MONEY]
    assert (claim.unit, claim.resolution) == ("USD", f"“$” read as USD, the default: {NOTHING_ELSE}")


def test_values_and_intervals_are_kept_when_the_currency_is_settled():
    claims = extract_text("Fjordlinje paid NOK 9.4bn, and between 1 and 2 billion kroner more.")
    (claim,) = [c for c in claims if "kroner" in c.text]
    assert (claim.unit, claim.low, claim.high, claim.qualifier) == ("NOK", 1e9, 2e9, "between")

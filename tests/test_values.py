"""How the engine reads two figures when it compares them: an approximate figure at the
precision it is stated with, quantities in different units converted first. Each case is a
pair of short sentences read by the real extractor and the verdict the comparison must give."""

from __future__ import annotations

import pytest

from checker.engine import load_ruleset
from checker.engine.matching import dimension
from checker.engine.measures import convert
from checker.engine.place_values import compare_places
from checker.engine.values import (
    compare_numbers,
    load_rates,
    stated_interval,
    stated_precision,
)
from checker.lexicon import load_lexicon
from checker.models import Kind

RULE = load_ruleset().get("figure-consistency")


def figure(extractor, sentence: str):
    (found,) = [c for c in extractor.text(sentence, document="t.md") if c.kind is not Kind.DATE]
    return found


def comparison(extractor, a: str, b: str):
    ca, cb = figure(extractor, a), figure(extractor, b)
    assert dimension(ca) == dimension(cb)
    return compare_numbers(ca, cb, float(RULE.param("tolerance", 0.02)), load_rates(), (None, None),
                           float(RULE.param("currency_tolerance", 0.1)))


PRECISION = [  # (first sentence, second sentence, compatible)
    ("Japan pledged approximately $550 billion.", "Japan pledged $500 billion.", False),
    ("Japan pledged approximately $550 billion.", "Japan pledged $552 billion.", True),
    ("Japan pledged $550 billion.", "Japan pledged $552 billion.", True),  # exact: the rule's 2% still
    ("The plant will create about 3,000 jobs.", "The plant will create 3,400 jobs.", True),
    ("The plant will create about 3,000 jobs.", "The plant will create 4,000 jobs.", False),
    ("The plant will create about 3,001 jobs.", "The plant will create 3,400 jobs.", False),
    ("The city has some 3.4 million people.", "The city has 3.6 million people.", False),
    ("The city has some 3.4 million people.", "The city has 3.44 million people.", True),
    ("Roughly 1,250 workers were laid off.", "1,350 workers were laid off.", False),  # a flat 10% took it
    ("Turnout was nearly 40%.", "Turnout was 36%.", True),
    ("Turnout was nearly 40%.", "Turnout was 33%.", False),
    ("Turnout was nearly 40%.", "Turnout was 42%.", False),
    ("The plant will create almost 3,000 jobs.", "The plant will create 2,950 jobs.", True),
    ("The plant will create almost 3,000 jobs.", "The plant will create 3,200 jobs.", False),
    ("Nearly 550 workers were laid off.", "450 workers were laid off.", False),
    ("More than 3,000 people attended.", "3,500 people attended.", True),
    ("More than 3,000 people attended.", "2,000 people attended.", False),
]

UNITS = [
    ("The road is 50 km long.", "The road is 31 miles long.", True),
    ("The road is 50 km long.", "The road is 40 miles long.", False),
    ("Temperatures hit 46°C on Monday.", "Temperatures hit 115°F on Monday.", True),
    ("Temperatures hit 46°C on Monday.", "Temperatures hit 105°F on Monday.", False),
    ("It was -1°C overnight.", "It was 30°F overnight.", True),  # a converted figure is a rounded one
    ("The trail is 3 km long.", "The trail is 2 miles long.", True),
    ("The tower is 900 metres tall.", "The tower is 3,000 ft tall.", True),
    ("The tower is 900 metres tall.", "The tower is 2,500 ft tall.", False),
    ("He weighs 80 kg.", "He weighs 176 lb.", True),
    ("He weighs 80 kg.", "He weighs 200 lb.", False),
    ("Winds reached 120 km/h.", "Winds reached 75 mph.", True),
    ("Winds reached 120 km/h.", "Winds reached 90 mph.", False),
    ("The fire burned 2,000 hectares.", "The fire burned 5,000 acres.", True),
    ("The fire burned 2,000 hectares.", "The fire burned 2,000 acres.", False),
    ("The tank holds 100 litres.", "The tank holds 26 gallons.", True),
    ("The tank holds 100 litres.", "The tank holds 100 gallons.", False),
    ("The road is about 50 km long.", "The road is 34 miles long.", True),  # about 50: 45 to 55 km
]


@pytest.mark.parametrize("a, b, compatible", PRECISION + UNITS, ids=[f"{a} | {b}" for a, b, _ in PRECISION + UNITS])
def test_compatible(extractor, a, b, compatible):
    found = comparison(extractor, a, b)
    assert found is not None and found.compatible is compatible, found and found.reason
    reverse = comparison(extractor, b, a)
    assert reverse.compatible is compatible, reverse.reason


@pytest.mark.parametrize(
    "sentence, precision",
    [("about 550 people", 5), ("about 3,000 people", 500), ("about 3,001 people", 0.5),
     ("some 3.4 million people", 50_000), ("some 3.40 million people", 5_000), ("roughly 1,250 people", 5),
     ("about $1.2bn", 50_000_000), ("some three thousand people", 500), ("around 40%", 5)],
)
def test_precision_is_read_from_the_words(extractor, sentence, precision):
    assert stated_precision(figure(extractor, sentence)) == pytest.approx(precision)


def test_an_exact_figure_and_a_range_keep_the_extracted_interval(extractor):
    exact, span = figure(extractor, "It cost $550 billion."), figure(extractor, "It cost $500-600 billion.")
    assert stated_interval(exact) == (550e9, 550e9) and stated_interval(span) == (500e9, 600e9)
    assert stated_interval(figure(extractor, "It cost approximately $550 billion.")) == (545e9, 555e9)


def test_messages_show_the_interval_and_the_conversion(extractor):
    assert "approximately 550 billion USD (545–555 billion USD as stated)" in comparison(
        extractor, "Japan pledged approximately $550 billion.", "Japan pledged $500 billion.").reason
    assert "(31 miles is 49.9 kilometre)" in comparison(
        extractor, "The road is 50 km long.", "The road is 31 miles long.").reason


def test_quantities_share_a_dimension_only_with_their_own_kind(extractor):
    km, miles = figure(extractor, "The road is 50 km long."), figure(extractor, "The road is 31 miles long.")
    kg = figure(extractor, "He weighs 80 kg.")
    assert dimension(km) == dimension(miles) != dimension(kg)
    assert dimension(figure(extractor, "It took 2,000 bytes.")) == "quantity byte"  # not in the table


def test_temperatures_convert_with_their_offset():
    assert convert(100, "celsius", "fahrenheit") == pytest.approx(212)
    assert convert(-40, "fahrenheit", "celsius") == pytest.approx(-40)


def test_every_conversion_names_a_measure():
    units = load_lexicon().units
    named = {name for sizes in units.conversions.values() for name in sizes}
    assert named <= set(units.measures)


@pytest.mark.parametrize("other, comparable", [
    ("The treaty was signed in Pärnu this week, and the Gulf of Riga will fill with turbines.", True),
    ("The treaty was signed in Pärnu this week, as Riga looked on.", False),
])
def test_a_place_inside_a_longer_name_is_not_named(extractor, other, comparable):
    """"the Gulf of Riga" does not name Riga: two cities a treaty was signed in are compared."""
    riga = next(c for c in extractor.text("The treaty was signed in Riga on Thursday.") if c.kind is Kind.PLACE)
    parnu = next(c for c in extractor.text(other) if c.kind is Kind.PLACE and c.value == "Pärnu")
    found = compare_places(riga, parnu)
    assert (found is not None and not found.compatible) if comparable else found is None

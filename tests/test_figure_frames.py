"""What a figure measures, and figures compared in one unit before the scorer weighs them."""

from __future__ import annotations

import pytest

from checker.engine.measured import measured, measured_words, word_key
from checker.engine.scoring import same_scale, slip

from .test_judgement_engine import claim, corpus_of


def _pair(extractor, first: str, second: str):
    corpus = corpus_of(extractor, first, second)
    (s,) = corpus.scored_pairs("figures", 31)
    return corpus, s


@pytest.mark.parametrize(("first", "second", "same"), [
    ("The stope lies roughly 1.4 km underground.", "The stope lies approximately 2,100 metres below surface.", True),
    ("The stope lies roughly 1.4 km underground.", "The stope lies 140 metres below surface.", False),
    ("The route is 2.5 km long.", "The route is four miles long.", True),
])
def test_quantities_in_two_units_are_sized_in_one(extractor, first, second, same):
    """1.4 km and 2,100 metres are of one size (1.4 and 2.1 km), not 1.4 against 2,100."""
    _, s = _pair(extractor, first, second)
    assert same_scale(s.a, s.b) is same


def test_how_far_apart_two_quantities_are_is_read_in_one_unit(extractor):
    corpus, s = _pair(extractor, "The stope lies roughly 1.4 km underground.",
                      "The stope lies approximately 2,100 metres below surface.")
    assert corpus.pair_context(31).apart(s.a, s.b) == pytest.approx(0.176, abs=0.01)  # log10(2.1 / 1.4)


def test_digits_shared_across_two_units_are_no_slip_of_the_pen(extractor):
    _, same_unit = _pair(extractor, "The march covered 48 km.", "The march covered 84 km.")
    _, two_units = _pair(extractor, "The march covered 48 km.", "The march covered 84 miles.")
    assert slip(same_unit.a, same_unit.b) == "the same digits in another order"
    assert slip(two_units.a, two_units.b) is None


def test_the_words_a_figure_measures_meet_across_outlets_and_others_do_not(extractor):
    corpus = corpus_of(
        extractor,
        "Bavaria's cabinet approved €150 million in emergency aid for flooded households on Tuesday.",
        "Now the state has announced €115m in emergency aid, and politicians queued for photographs.",
        "Now the state has announced €115m for a new stadium, and politicians queued for photographs.",
    )
    aid, same, other = claim(corpus, "a.md", "€150 million"), claim(corpus, "b.md", "€115m"), claim(corpus, "c.md", "€115m")
    assert measured(aid, same) > 0.15
    assert measured(aid, other) == 0.0


def test_measured_words_stop_at_the_clause_and_read_lemmas(extractor):
    corpus = corpus_of(
        extractor,
        "Damage to two tanks has caused a spill currently estimated at 1,800 tonnes.",
        "The tanker was holed off Cape Ortegal, spilling 8,100 tonnes of fuel oil.",
    )
    first, second = claim(corpus, "a.md", "1,800 tonnes"), claim(corpus, "b.md", "8,100 tonnes")
    assert word_key("spilling") == word_key("spill")
    assert word_key("spill") in measured_words(first) and word_key("spill") in measured_words(second)
    assert word_key("tanker") not in measured_words(second)  # beyond the comma: another clause
    assert measured(first, second) > 0


def test_a_count_measures_what_it_counts(extractor):
    corpus = corpus_of(extractor, "Bazaarkart handled 38 million orders.", "VARMA: Twenty-eight million orders.")
    first, second = claim(corpus, "a.md", "38 million orders"), claim(corpus, "b.md", "Twenty-eight million orders")
    assert word_key("orders") in measured_words(first)
    assert measured(first, second) > 0.1


def test_claims_other_than_figures_measure_nothing(extractor):
    corpus = corpus_of(extractor, "The plant closed on March 3, 2025.", "The plant closed on March 4, 2025.")
    (s,) = corpus.scored_pairs("dates", 31)
    assert measured(s.a, s.b) == 0.0

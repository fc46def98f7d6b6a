"""What a figure measures, and figures compared in one unit before the scorer weighs them."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine.align import (
    PLAINER,
    Agreeing,
    Aligned,
    Scored,
    logit,
    may_contradict,
)
from checker.engine.checks.cross_source import _sides
from checker.engine.measured import measured, measured_words, word_key
from checker.engine.scoring import PairScore, same_scale, slip

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


@pytest.mark.parametrize(("first", "second", "may"), [
    ("Some 168,000 were sold in Canada.", "About 186,000 heaters were sold in Canada.", True),
    ("Of these, 41 were safely evacuated to surface.", "Fourteen miners were rescued alive.", False),  # small: by chance
    ("The budget passed by 96 to 61.", "The 160-seat council passed the budget.", False),  # 61 and 160: two sizes
    ("Organisers said 11,482 runners finished.", "In all 14,812 people finished.", True),  # people: anyone
    ("Organisers said 11,482 runners finished.", "In all 14,812 cars finished.", False),  # two named things
])
def test_a_count_naming_nothing_or_only_people_is_read_as_a_slip_only_with_three_digits_or_more(extractor, first, second, may):
    corpus = corpus_of(extractor, first, second)
    a, b = (max((c for c in corpus.claims if c.document == d and c.kind.value == "count"), key=lambda c: c.start)
            for d in ("a.md", "b.md"))  # each sentence's last count
    assert may_contradict(a, b) is may


def test_values_of_two_sizes_are_no_slip_of_the_pen(extractor):
    _, s = _pair(extractor, "The council has 61 members.", "The council has 160 members.")
    assert slip(s.a, s.b) is None


def test_a_side_of_a_conflict_keeps_no_claim_of_the_other_sides_article(extractor):
    """The wire gives 1,150 MW for the fact in conflict: its "500 megawatts", agreeing with the
    trade paper's "about 510 MW", is another fact and no support for it."""
    corpus = corpus_of(
        extractor,
        "The loss of both lines disconnected about 510 MW of generation.",
        "The loss of the two lines disconnected 1,150 megawatts of generation. "
        "One unit was already offline for repairs, removing a further 500 megawatts of capacity.",
        "About 1,150 MW of supply has been lost.",
    )
    trade, wire, offline = claim(corpus, "a.md", "about 510 MW"), claim(corpus, "b.md", "1,150 megawatts"), \
        claim(corpus, "b.md", "500 megawatts")
    live = claim(corpus, "c.md", "About 1,150 MW")
    conflict = Aligned(Scored(trade, wire, PairScore(0.9, {}, (), 0.9)), 0.9, {})
    major, minor = _sides(conflict, {trade.id: [trade, offline], offline.id: [trade, offline],
                                     wire.id: [wire, live], live.id: [wire, live]})
    assert [c.text for c in major] == ["1,150 megawatts", "About 1,150 MW"]
    assert [c.text for c in minor] == ["about 510 MW"]


FLOOD = ("By Tuesday morning about 40 per cent of Eggenwang was under water, the fire service said.",
         ("Residents say that at the height of the flood, roughly 60% of Eggenwang stood in water. "
          "Only around half of the homes in the district are insured against floods."))


def test_a_value_agreeing_by_chance_with_another_fact_leaves_the_claim_free_for_its_own(extractor):
    """"about 40 per cent" agrees with "around half" (of the homes insured) only by its values;
    the frame says its fact is "roughly 60%" of the town under water."""
    corpus = corpus_of(extractor, *FLOOD)
    pairs = corpus.scored_pairs("figures", 31)
    forty = claim(corpus, "a.md", "about 40 per cent")
    sixty, half = claim(corpus, "b.md", "roughly 60%"), claim(corpus, "b.md", "around half")
    frame = {s.b.id if s.a.id == forty.id else s.a.id: s.score.frame for s in pairs if forty.id in (s.a.id, s.b.id)}
    assert logit(frame[sixty.id]) - logit(frame[half.id]) >= PLAINER
    agreeing = Agreeing([Aligned(next(s for s in pairs if {s.a.id, s.b.id} == {forty.id, half.id}), 0.9, {})])
    assert agreeing.free(next(s for s in pairs if {s.a.id, s.b.id} == {forty.id, sixty.id}))
    assert not agreeing.free(next(s for s in pairs if {s.a.id, s.b.id} == {forty.id, half.id}))


def test_a_figure_of_an_earlier_event_is_no_partner_for_this_events(extractor):
    corpus = corpus_of(
        extractor,
        "Three people were killed on Tuesday when 48 vehicles crashed into one another in fog on the A1. "
        "In April 2011, more than 80 vehicles were involved in a pile-up on the A19 near Rostock.",
        "Police say eighty-four vehicles were involved in the pile-up on the A1 this morning.",
        published=dt.date(2025, 11, 4),
    )
    conflicts = corpus.conflict_pairs("figures", 31)
    assert all("more than 80 vehicles" not in (s.a.text, s.b.text) for s in conflicts)
    assert any({s.a.text, s.b.text} == {"48 vehicles", "eighty-four vehicles"} for s in conflicts)

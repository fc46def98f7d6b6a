"""The parts of the same-fact judgement: stories, date roles, the scorer and its data,
one-to-one alignment and groups that hold together."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import yaml

from checker.config import load_settings
from checker.engine import Declared, check
from checker.engine.align import Scored, aligned, groups, may_contradict, relative_day
from checker.engine.corpus import Corpus
from checker.engine.roles import DateRole, names_an_edition
from checker.engine.scoring import (
    CONFLICT_FEATURES,
    FEATURES,
    PairScore,
    calendar_slip,
    load_scorer_spec,
    same_scale,
    slip,
)
from checker.engine.values import load_rates
from checker.errors import ConfigError, InputError, LexiconError
from checker.models import Document


def corpus_of(extractor, *texts: str, published: dt.date = dt.date(2025, 3, 14)) -> Corpus:
    documents, claims = [], []
    for n, text in enumerate(texts):
        doc_id = f"{'abcdefgh'[n]}.md"
        documents.append(Document(id=doc_id, path=doc_id, published=published, text=text,
                                  sha256=hashlib.sha256(text.encode()).hexdigest()))
        claims += extractor.text(text, published=published, document=doc_id)
    return Corpus(claims, {d.id: d for d in documents}, load_rates())


def claim(corpus: Corpus, document: str, text: str):
    (found,) = [c for c in corpus.claims if c.document == document and c.text == text]
    return found


# -- stories ------------------------------------------------------------------------------------

def test_articles_naming_the_same_people_are_one_story_and_others_are_not(extractor):
    corpus = corpus_of(
        extractor,
        "Haldener Motorenwerke will cut 3,000 jobs at its Kassel plant, chief executive Ilse Brandauer said.",
        "Brandauer said Haldener would shed some 3,000 positions in Kassel.",
        "Ostrava Steelworks will cut 900 jobs at its Vitkovice mill.",
    )
    stories = corpus.stories(31)
    assert stories.shared("a.md", "b.md") >= 2
    assert ("a.md", "c.md") not in stories.pairs() and ("b.md", "c.md") not in stories.pairs()


def test_an_article_with_no_rare_word_is_compared_with_every_article(extractor):
    corpus = corpus_of(extractor, "The port will have an annual capacity of 12 million tonnes.",
                       "The port's annual capacity will be 12m tonnes.")
    assert corpus.stories(31).pairs() == [("a.md", "b.md")]


# -- date roles ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date, role", [
    ("CEBU, March 14 (Meridian Wire) - The ferry sank on Wednesday.", "March 14", DateRole.DATELINE),
    ("Published on March 14, 2025\n\nThe ferry sank on Wednesday.", "March 14, 2025", DateRole.DATELINE),
    ("MORGAN CITY, La., Sept. 11 (AMP) - Delphine crashed ashore on Thursday.", "Sept. 11", DateRole.DATELINE),
    ("A CORUÑA, Spain, Feb 28 (INA) - A tanker leaked oil.", "Feb 28", DateRole.DATELINE),
    ("The ferry sank on Wednesday, coast guard officials said on Thursday.", "Thursday", DateRole.REPORTING),
    ("The ferry sank on Wednesday, coast guard officials said on Thursday.", "Wednesday", DateRole.EVENT),
    ('Protesters chanted "today we march, Friday we strike" outside.', "Friday", DateRole.QUOTED),
    ("**05:10 CEST** - Reports of an eruption at Etna, which began at 03:40.", "05:10 CEST", DateRole.DATELINE),
    ("**05:10 CEST** - Reports of an eruption at Etna, which began at 03:40.", "03:40", DateRole.EVENT),
    ("[Transcript - Europe Today, midday edition, Tuesday]\n\nThe ferry sank.", "Tuesday", DateRole.DATELINE),
    ("posted Jun 11th, 2012 at 1:23 PM\n\nThe ferry sank on Monday.", "1:23 PM", DateRole.DATELINE),
])
def test_date_roles(extractor, text, date, role):
    corpus = corpus_of(extractor, text)
    assert corpus.roles.of(claim(corpus, "a.md", date)) is role


def test_a_weekday_beside_its_date_is_compared_once_as_the_date(extractor):
    corpus = corpus_of(extractor, "MANILA, March 14 (Wire) - The ferry sank on Tuesday, 11 March, and on Friday rescuers left.",
                       "The two ministers today, 14 March, signed the treaty.")
    compared = {c.text for c in corpus.compared["dates"]}
    assert "11 March" in compared and "Tuesday" not in compared
    assert "14 March" in compared and "today" not in compared
    assert "Friday" in compared  # the dateline's March 14 is no date written beside it


@pytest.mark.parametrize("text, year, edition", [
    ("Ellen DeGeneres will host this year's Oscars.", "this year", True),
    ("DeGeneres will host the 2014 Oscars, the Academy said.", "2014", True),
    ("The Academy picked her in 2013 after a long search.", "2013", False),
])
def test_a_year_naming_an_edition_is_not_an_event_date(extractor, text, year, edition):
    corpus = corpus_of(extractor, text)
    assert names_an_edition(claim(corpus, "a.md", year)) is edition
    assert (year in {c.text for c in corpus.compared["dates"]}) is not edition


# -- the scorer and its data --------------------------------------------------------------------

def test_the_shipped_weights_name_only_known_features():
    spec = load_scorer_spec()
    for model in (spec.figures, spec.dates, spec.figures_frame, spec.dates_frame):
        assert set(model.weights) <= set(FEATURES)
    assert not set(spec.figures_frame.weights) & {"values_agree", "near_value"}  # the frame leaves values out
    assert set(spec.conflict.weights) == set(CONFLICT_FEATURES)
    assert 0 < spec.agree_min < 1 and 0 < spec.contradict_min < 1


def test_weights_naming_an_unknown_feature_are_refused(tmp_path):
    path = tmp_path / "same-fact.yaml"
    spec = load_scorer_spec().model_dump()
    spec["figures"]["weights"]["moon_phase"] = 1.0
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown features: moon_phase"):
        load_scorer_spec(path)


def test_the_same_fact_in_other_words_scores_above_a_different_fact(extractor):
    corpus = corpus_of(
        extractor,
        "Haldener Motorenwerke will cut 3,000 jobs at its Kassel plant, chief executive Ilse Brandauer said.",
        "Brandauer said Haldener would cut about 3,000 jobs in Kassel, where it employs 11,000 people.",
    )
    pair = corpus.scored_pairs("figures", 31)
    score = {(s.a.text, s.b.text): s.p for s in pair}
    assert score[("3,000 jobs", "about 3,000 jobs")] > score[("3,000 jobs", "11,000 people")]


@pytest.mark.parametrize(("first", "second", "same"), [
    ("The train carried 58 passengers.", "The train carried 85 passengers.", True),
    ("The train carried 58 passengers.", "One passenger died on the train.", False),
    ("The deal is worth £1.35 billion.", "The deal is worth £45 million.", False),
    ("The fire broke out at the Kassel plant on January 20, 2025.", "The fire broke out at the Kassel plant on January 27, 2025.", True),
    ("The fire broke out at the Kassel plant on January 20, 2025.", "The fire broke out at the Kassel plant on December 20, 2024.", False),
])
def test_values_of_one_size_are_told_apart_from_values_of_another(extractor, first, second, same):
    """A slip of the pen changes a figure, seldom its size: the frame models read `same_scale`."""
    corpus = corpus_of(extractor, first, second, published=dt.date(2025, 1, 28))
    (s,) = [s for name in ("figures", "dates") for s in corpus.scored_pairs(name, 31)]
    assert same_scale(s.a, s.b) is same
    assert (s.score.contributions.get("same_scale", 0.0) > 0) is same


def test_a_score_says_why_in_words(extractor):
    corpus = corpus_of(extractor, "Japan pledged $550 billion in investments, officials said.",
                       "Japan pledged $550 billion in investments in the United States.")
    (s,) = corpus.scored_pairs("figures", 31)
    reasons = s.score.reasons(s.a, s.b)
    assert "the values agree" in reasons and "pledge" in reasons


@pytest.mark.parametrize(("first", "second", "how"), [
    ("The committee heard 34 witnesses.", "The committee heard 43 witnesses.", "the same digits in another order"),
    ("The offer is worth £1.53bn.", "The offer is worth £1.35 billion.", "the same digits in another order"),
    ("The zone covers 1,200 square kilometres.", "The zone covers 2,100 square kilometres.", "the same digits in another order"),
    ("A weekend pass costs €289.", "A weekend pass costs €189.", "one digit changed"),
    ("The committee heard 34 witnesses.", "The committee heard 41 witnesses.", None),
    ("The firm sells 11 models.", "The firm sells 15 models.", None),  # two digits, one changed: by chance as often
    ("The firm sells 5 models.", "The firm sells 7 models.", None),  # one digit: no slip to tell
    ("The firm sells 17 models.", "The firm sells 71 models.", None),  # the digits, not the size
])
def test_figures_that_differ_as_a_slip_of_the_pen_are_told_from_others(extractor, first, second, how):
    corpus = corpus_of(extractor, first, second)
    (s,) = corpus.scored_pairs("figures", 31)
    assert slip(s.a, s.b) == how


@pytest.mark.parametrize(("first", "second", "slipped"), [
    ("The strike began on Wednesday.", "The strike began on Thursday.", True),
    ("The new price takes effect on June 1.", "The new price takes effect on July 1.", True),
    ("The strike began on Monday.", "The strike began on Thursday.", False),
    ("The pile-up began at 07:10 CET.", "The pile-up began at 06:10 CET.", True),
    ("The helpline opens at 8 a.m.", "The statement came at 10:00.", False),  # round hours: two events as often
    ("The pile-up began at 07:10 CET.", "The pile-up began at 07:40 CET.", False),
])
def test_days_and_clocks_that_differ_as_a_slip_are_told_from_others(extractor, first, second, slipped):
    a, b = (next(c for c in extractor.text(t, published=dt.date(2025, 3, 14)) if c.kind.value in ("date", "time"))
            for t in (first, second))
    assert calendar_slip(a, b) is slipped


def test_rivals_count_the_other_values_of_a_dimension_an_article_gives(extractor):
    corpus = corpus_of(extractor, "The 11-inch model costs $999 and the 13-inch model costs $1,199; a case is $1,199.",
                       "The basic model costs $1,099.")
    pair = corpus.pair_context(31)
    assert pair.rivals(claim(corpus, "a.md", "$999")) == 1  # $1,199, twice
    assert pair.rivals(claim(corpus, "b.md", "$1,099")) == 0


# -- alignment and groups -----------------------------------------------------------------------

def _scored(a, b, p: float) -> Scored:
    return Scored(a, b, PairScore(p, {}, (), p))


def test_a_claim_is_matched_with_its_single_best_partner(extractor):
    corpus = corpus_of(extractor, "The strike idled 6,000 miners.",
                       "About 6,000 miners and 200 contractors stopped work.")
    a = claim(corpus, "a.md", "6,000 miners")
    best, other = claim(corpus, "b.md", "About 6,000 miners"), claim(corpus, "b.md", "200 contractors")
    pairs = aligned([_scored(a, best, 0.6), _scored(a, other, 0.4)], load_scorer_spec().alignment)
    assert [(x.a.text, x.b.text) for x in pairs] == [("6,000 miners", "About 6,000 miners")]


def test_groups_hold_only_values_compatible_all_together(extractor):
    corpus = corpus_of(extractor, "The quake killed 12 people.", "The quake killed at least 10 people.",
                       "The quake killed at least 4,000 people.")
    twelve, ten, thousands = (claim(corpus, d, t) for d, t in (
        ("a.md", "12 people"), ("b.md", "at least 10 people"), ("c.md", "at least 4,000 people")))
    model = load_scorer_spec().alignment
    pairs = aligned([_scored(twelve, ten, 0.9), _scored(ten, thousands, 0.8)], model)

    def compatible(x, y) -> bool:
        bounds = {c.id: (c.low, c.high if c.high is not None else float("inf")) for c in (twelve, ten, thousands)}
        (lx, hx), (ly, hy) = bounds[x.id], bounds[y.id]
        return max(lx, ly) <= min(hx, hy)

    found = groups(pairs, compatible)
    assert sorted(sorted(c.text for c in g) for g in found) == [["12 people", "at least 10 people"]]


# -- what an editor declares --------------------------------------------------------------------

JOBS = ("Haldener Motorenwerke will cut 3,000 jobs at its Kassel plant, chief executive Ilse Brandauer said.",
        "Brandauer said Haldener would cut 3,800 jobs in Kassel.")


def verdicts(extractor, texts, declared=None):
    corpus = corpus_of(extractor, *texts)
    findings = check(corpus.claims, corpus.documents.values(), declared=declared)
    texts_of = {c.id: c.text for c in corpus.claims}
    return {(f.verdict.value, tuple(sorted(texts_of[i] for i in f.claims))) for f in findings
            if f.verdict.value in ("agreement", "contradiction")}


def test_claims_declared_two_facts_are_never_compared(extractor):
    assert ("contradiction", ("3,000 jobs", "3,800 jobs")) in verdicts(extractor, JOBS)
    declared = Declared.from_settings([], [["a.md: 3,000 jobs", "b.md: 3,800 jobs"]])
    assert verdicts(extractor, JOBS, declared) == set()


def test_claims_declared_one_fact_are_compared_whatever_the_scorer_says(extractor):
    texts = ("The Ostrava mill employs 900 people.", "Some 1,400 people work at the Vitkovice site.")
    assert verdicts(extractor, texts) == set()
    declared = Declared.from_settings([["a.md: 900 people", "b.md: Some 1,400 people"]], [])
    assert verdicts(extractor, texts, declared) == {("contradiction", ("900 people", "Some 1,400 people"))}


def test_a_declaration_that_names_no_claim_is_a_settings_error_at_its_line(tmp_path):
    (tmp_path / "checker.toml").write_text('store = "x.db"\nsame_fact = [["a.md 3,000 jobs", "b.md: 3,800 jobs"]]\n')
    with pytest.raises(ConfigError, match="DOCUMENT: WORDS") as raised:
        load_settings(tmp_path)
    assert raised.value.line == 2


def test_claims_declared_two_facts_inline_are_never_compared(extractor):
    inline = ("<!-- checker: different-facts 3,800 jobs | a.md: 3,000 jobs -->\n" + JOBS[1],)
    assert verdicts(extractor, JOBS[:1] + inline) == set()


def test_claims_declared_one_fact_inline_are_compared_and_the_comment_is_no_claim(extractor):
    texts = ("The Ostrava mill employs 900 people.",
             "<!-- checker: same-fact Some 1,400 people | a.md: 900 people -->\nSome 1,400 people work at the Vitkovice site.")
    assert verdicts(extractor, texts) == {("contradiction", ("900 people", "Some 1,400 people"))}


@pytest.mark.parametrize("comment", ["<!-- checker: same-fact 900 people -->", "<!-- checker: same-fact 900 people | -->"])
def test_a_malformed_inline_declaration_is_an_input_error_at_its_line(extractor, comment):
    texts = ("The Ostrava mill employs 900 people.", f"Intro.\n\n{comment}\nSome 1,400 people work there.")
    with pytest.raises(InputError, match=r"^b\.md:3: 'same-fact'"):
        verdicts(extractor, texts)


def test_a_figure_with_its_digits_swapped_is_a_contradiction_that_says_so(extractor):
    """Two outlets that word one fact differently: the swapped digits tip it, and the message
    says why; another figure in the same words is left alone (two facts as likely as one)."""
    first = "Over nineteen days of hearings, the committee questioned 34 witnesses, from deckhands to ministers."
    swapped, other = ("They heard forty-three witnesses over nineteen days of hearings.",
                      "They heard forty-one witnesses over nineteen days of hearings.")
    corpus = corpus_of(extractor, first, swapped)
    (found,) = [f for f in check(corpus.claims, corpus.documents.values()) if f.verdict.value == "contradiction"]
    assert "the same digits in another order, as a slip of the pen" in found.message
    assert not {v for v in verdicts(extractor, (first, other)) if v[0] == "contradiction"}


@pytest.mark.parametrize(("first", "second", "may"), [
    ("Some 168,000 were sold in Canada.", "About 186,000 heaters were sold in Canada.", True),  # digits swapped
    ("Some 168,000 were sold in Canada.", "About 172,000 heaters were sold in Canada.", False),
    ("Six of the nine members voted for the cut.", "Seven of the nine members voted for the cut.", False),  # bare and small
    ("The council passed it by 61 votes.", "The 16-seat council passed it.", False),  # two named things
])
def test_counts_contradict_when_they_count_one_thing_or_one_names_nothing_and_its_digits_are_swapped(
        extractor, first, second, may):
    corpus = corpus_of(extractor, first, second)
    a, b = (min((c for c in corpus.claims if c.document == d and c.kind.value == "count"), key=lambda c: c.start)
            for d in ("a.md", "b.md"))  # each sentence's first count
    assert may_contradict(a, b) is may


def test_a_vague_figure_does_not_restate_a_precise_one(extractor):
    """"Millions of euros" agrees with €3.5 million and with €5.3 million: it cannot show that an
    outlet giving both meant two facts; "€3.5 million" beside "€5.3 million" does."""
    stolen = "Thieves took objects worth an estimated €3.5 million."
    vague, precise = ("The objects, worth €5.3m, were insured for millions of euros.",
                      "The objects, worth €5.3m, were insured for €3.5 million.")
    for other, restated in ((vague, False), (precise, True)):
        corpus = corpus_of(extractor, stolen, other)
        pair = corpus.pair_context(31)
        assert pair.restated(claim(corpus, "a.md", "an estimated €3.5 million"), claim(corpus, "b.md", "€5.3m")) is restated


@pytest.mark.parametrize("text, day, relative", [
    ("The board met on Thursday.", "Thursday", True),
    ("The board met yesterday.", "yesterday", True),
    ("The board met on the seventh of April.", "seventh of April", False),
    ("The board met on April 7.", "April 7", False),
])
def test_a_day_named_by_its_month_is_not_read_against_the_publication_date(extractor, text, day, relative):
    claim = next(c for c in extractor.text(text, published=dt.date(2025, 4, 10)) if c.text == day)
    assert relative_day(claim) is relative


def test_a_value_and_its_own_conversion_are_not_two_facts(extractor):
    """The article's 0610 GMT is its own 07:10 CET: it does not show that 06:10 elsewhere is another fact."""
    corpus = corpus_of(extractor, "The pile-up began at about 07:10 CET (0610 GMT) on Tuesday, police said.",
                       "The pile-up began at 06:10 on Tuesday, police said.")
    pair = corpus.pair_context(7)
    assert not pair.restated(claim(corpus, "a.md", "about 07:10 CET"), claim(corpus, "b.md", "06:10"))


def test_an_article_stating_both_values_restates_them(extractor):
    corpus = corpus_of(extractor, "AMD will pay $334 million for SeaMicro, including $281 million in cash.",
                       "AMD is paying $281 million for SeaMicro.")
    pair = corpus.pair_context(7)
    assert pair.restated(claim(corpus, "a.md", "$334 million"), claim(corpus, "b.md", "$281 million"))

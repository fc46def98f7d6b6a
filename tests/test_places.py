"""Places, read by the real extractor (`checker.extract.extract_text`), and compared as the
engine will compare them (`checker.engine.place_values.compare_places`).

The cases are tests/cases/places.yaml (which tests/test_cases.py reads as well): a sentence
and the one place claim it must hold, with its words, its value (the canonical name), the
preposition, the granularity and the event word it is attached to; and the sentences whose
capitalised names after "in", "at", "on" or "from" are no place (people, organisations,
months, languages, companies). Here each is also read for its offsets; then the pairs of
places the comparison must call the same, different or not comparable.
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.engine.actors import actor
from checker.engine.align import may_contradict
from checker.engine.checks.common import compare
from checker.engine.corpus import Corpus
from checker.engine.place_story import dateline_place
from checker.engine.place_values import compare_places, planned, site_words, sized
from checker.engine.values import describe
from checker.expect import place, value_matches
from checker.extract import extract_text
from checker.models import Kind
from checker.render.claims import format_value

from .case_checks import assert_case, assert_compared, load_cases, of_kind

PLACES, NOT_PLACES = load_cases("places")


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_a_place_is_read(text, expected):
    assert_case(text, expected, Kind.PLACE)


def test_a_place_gets_its_subject_as_other_claims_do():
    (claim,) = of_kind("Prime Minister Sanae Takaichi spoke in Osaka on Monday.", Kind.PLACE)
    assert (claim.value, claim.subject, claim.predicate) == ("Osaka", "Sanae Takaichi", "speak")
    assert claim.time is not None and claim.time.text == "Monday"


@pytest.mark.parametrize("text", NOT_PLACES)
def test_what_is_not_a_place(text):
    assert of_kind(text, Kind.PLACE) == []


def test_offsets_point_at_the_words_in_a_longer_text():
    text = ("---\ntitle: x\n---\nThe ferry sank off Danao City. \u201cWe are searching,\u201d said Ana Cruz, "
            "speaking from Cebu.\n\nThe pile-up near Bramsche closed the A1 at noon.")
    found = of_kind(text, Kind.PLACE)
    assert [(c.text, c.unit) for c in found] == [("Danao City", "off"), ("Cebu", "from"), ("Bramsche", "near")]
    assert all(text[c.start : c.end] == c.text for c in found)


# -- comparison ------------------------------------------------------------------------------

def one_place(sentence: str):
    (claim,) = of_kind(sentence, Kind.PLACE)
    return claim


COMPARED = [  # (first, second, same place; None: not comparable)
    ("The treaty was signed in Riga.", "The treaty was signed in Riga.", True),
    ("The treaty was signed in Riga.", "The treaty was signed in Tallinn.", False),
    ("The outbreak began on St Ciarán's ward.", "The outbreak began on Saint Ciaran's ward.", True),  # St, accents
    ("The ferry sank near Danao City.", "The ferry sank outside Danao City.", True),  # one relation
    ("The treaty was signed in Latvia.", "The treaty was signed in Riga.", True),  # the gazetteer: a town in its country
    ("A gunman opened fire in California.", "A gunman opened fire in Los Angeles.", True),  # in its state
    ("Cars crashed in Germany.", "Cars crashed near Bramsche.", True),
    ("A gunman opened fire in Texas.", "A gunman opened fire in Los Angeles.", None),  # another state's town: two sizes
    ("A supermarket burned down in Surrey.", "A supermarket burned down in Banstead High Street.", None),  # a town, a street
    ("She died at Bloomington.", "She died at Hennepin County Medical Center.", None),  # a town, a hospital
    ("The outbreak began on St Enda's ward.", "The outbreak began on St Ciarán's ward.", False),  # two sites
    ("Four were flown to hospital in Innsbruck.", "Four were flown to hospital in Zams.", False),  # a town no table holds
    ("Floods hit towns in Texas.", "Floods hit towns in Japan.", None),  # a region and a country
    ("Leaders met in Japan.", "Leaders met in China.", False),
    ("The ferry sank in Danao City.", "The ferry sank off Danao City.", None),  # two relations
    ("The ferry sank near Danao City.", "The ferry sank in Danao City.", None),
    ("The tanker was holed off Cape Finisterre.", "The tanker was holed off Cape Ortegal.", False),  # a shared word
    ("The blaze began in High Street.", "The blaze began in Banstead High Street.", None),  # one in the other
    ("The treaty on the Gulf of Riga was signed in Pärnu.", "The treaty was signed in Riga.", False),  # a longer name
    ("The ferry sank off Poro Island on its way from Danao City.", "The ferry sank off Danao City.", False),  # a route
    ("The blaze began in High Street, Banstead.", "The blaze began in Banstead.", None),  # named beside
    ("The injured were taken to hospitals in Covilhã and Coimbra.", "The injured were taken to hospital in Coimbra.", None),
    ("The gunman was arrested at Valley Hotel.", "The gunman was arrested in Matanuska Valley.", None),  # a site, an area
]


@pytest.mark.parametrize(("first", "second", "same"), COMPARED)
def test_two_places_are_compared(first, second, same):
    assert_compared(compare_places, one_place(first), one_place(second), same)


def test_a_place_without_a_granularity_is_a_town():
    """A fact sheet's place says no granularity: it compares as a town, not as an area."""
    stated = one_place("The treaty was signed in Riga.")
    assert compare_places(stated, stated.model_copy(update={"granularity": None})).compatible


def test_the_engine_dispatches_places_to_their_comparison():
    a, b = one_place("The treaty was signed in Riga."), one_place("The treaty was signed in Tallinn.")
    result = compare(None, Corpus([], {}), a, b)
    assert result is not None and not result.compatible and result.reason == "Riga and Tallinn differ"


def test_a_place_reads_as_its_preposition_and_name():
    assert describe(one_place("The ferry sank off Danao City.")) == "off Danao City"
    assert format_value(one_place("Leaders met in Japan.")) == "in Japan (country)"


def test_an_expected_place_matches_as_the_engine_compares():
    claim = one_place("The outbreak began on St Ciarán's ward.")
    assert value_matches(claim, place("Saint Ciaran's ward"))
    assert value_matches(claim, place("st ciarán's ward", "on"))
    assert not value_matches(claim, place("St Ciarán's ward", "in"))
    assert value_matches(one_place("The ferry sank off Danao City."), "Danao City")


@pytest.mark.parametrize(("body", "place"), [
    ("OSNABRÜCK, Germany, Nov 4 (RW) - Forty vehicles crashed.", "osnabruck"),
    ("# The storm\n\nMORGAN CITY, La., Sept. 11 (AMP) - Hurricane Delphine crashed ashore.", "morgan city"),
    ("NEW YORK (AP) — A bus crashed.", "new york"),
    ("PÄRNU – The treaty was signed this week.", "parnu"),
    ("The treaty was signed in Riga. RIGA, June 12 - more.", None),  # the first paragraph opens without one
    ("US, EU agree on tariffs.", None),  # too short to tell from an acronym
])
def test_a_dateline_names_the_place_an_article_is_filed_from(body, place):
    assert dateline_place(body) == place


@pytest.mark.parametrize(("first", "second", "may"), [
    ("The treaty was signed in Riga.", "The treaty was signed in Pärnu.", True),  # one event word
    ("The ferry capsized off Danao City.", "The ferry sank off Poro Island.", True),  # words the synonym lexicon groups
    ("The woman lived in South Ozone Park.", "The woman was struck in Queens.", False),  # two events
    ("Workers at the Tlou mine near Rustenburg went on strike.", "The strike at the Tlou mine near Polokwane grew.", True),  # one site
    ("DiLeo will coach the Sixers in the game at Washington.", "Cheeks also coached at Portland.", False),  # two coaches
    ("Four skiers were flown to hospital in Innsbruck.", "The skiers were staying at a hotel in Ischgl.", False),  # two sites
    ("Hurricane Delphine crashed ashore near Morgan City.", "Delphine has come ashore near Grand Isle.", True),  # one actor
])
def test_places_contradict_only_where_one_thing_happened(first, second, may):
    assert may_contradict(one_place(first), one_place(second)) is may


@pytest.mark.parametrize(("sentence", "names"), [
    ("DiLeo will coach the Sixers in the game at Washington.", {"dileo"}),
    ("The show was held at Apple's headquarters in Cupertino.", {"apple"}),  # whose headquarters
    ("Apple CEO Steve Jobs spoke at Apple's headquarters in Cupertino.", {"apple", "ceo", "steve", "jobs"}),
    ("ATI is expected to continue to operate out of its headquarters in Markham.", {"ati"}),  # light and aspect verbs passed
    ("The treaty was signed in Riga.", set()),  # a common noun names no actor
    ("Police arrested the man in Leeds.", set()),  # a common word opening the sentence
    ("The coach, which belonged to Douro Azul, came off the road near Seia.", set()),  # a clause between
])
def test_the_actor_of_a_places_event(sentence, names):
    assert actor(one_place(sentence)) == names


def test_a_place_takes_the_largest_size_any_article_gives_its_name():
    """One outlet's "the island of Cebu" tells that another's "off Cebu" is no town beside Poro Island."""
    told = one_place("A ferry sank off the central Philippine island of Cebu.")
    bare, town = one_place("The ferry sank off Cebu."), one_place("The ferry sank off Poro Island.")
    assert compare_places(bare, town) is not None  # alone, "off Cebu" reads as a town
    sized_told, sized_bare, sized_town = sized([told, bare, town])
    assert (sized_told.granularity, sized_bare.granularity, sized_town.granularity) == ("region", "region", "place")
    assert sized_bare.id == bare.id and compare_places(sized_bare, sized_town) is None


@pytest.mark.parametrize(("sentence", "words"), [
    ("Workers at Kgotso Platinum's Tlou mine near Rustenburg went on strike.", {"platinum's", "tlou", "mine"}),
    ("The coach crashed on the N338 road near Manteigas.", {"n338", "road"}),
    ("Cars crashed on the northbound carriageway near the Vechta exit.", {"northbound", "carriageway"}),
    ("The treaty was signed in Riga.", {"signed"}),  # a verb: the event word says more
    ("Police said that in Riga it rained.", set()),  # nothing but function words before
])
def test_the_words_of_the_site_a_place_locates(sentence, words):
    assert site_words(one_place(sentence)) == words


@pytest.mark.parametrize(("sentence", "published", "plan"), [
    ("Ministers will meet again in Santiago next year.", None, True),  # a future marker in its clause
    ("The summit is scheduled to open in Lima.", None, True),
    ("The treaty, which will cut costs, was signed in Riga.", None, False),  # the marker is another clause's
    ("The treaty that will fill the middle of the gulf with wind turbines was signed in Pärnu.", None, False),
    ("Ministers met in Santiago on 12 March 2026.", dt.date(2026, 3, 14), False),
    ("Ministers meet in Santiago on 20 March 2026.", dt.date(2026, 3, 14), True),  # dated after publication
])
def test_a_place_where_something_will_happen_is_a_plan(sentence, published, plan):
    (claim,) = [c for c in extract_text(sentence, published=published) if c.kind is Kind.PLACE]
    assert planned(claim, published) is plan

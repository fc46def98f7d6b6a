"""The gazetteer: one key for every place name, and which country or state holds which town."""

from __future__ import annotations

import pytest

from checker.engine.place_values import gazetteer_size
from checker.gazetteer import area, holds, name_key, plain, towns


def test_one_fold_for_every_place_name():
    assert plain("Pärnu’s") == "Parnu's"
    assert name_key(" ZÜRICH ") == "zurich"


def test_towns_and_areas_are_looked_up_by_their_key():
    assert ("DE", "06") in towns(name_key("Bramsche"))
    assert towns("motion") == frozenset()
    assert area(name_key("California")) == ("US", "CA")
    assert area(name_key("Latvia")) == ("LV", None)


@pytest.mark.parametrize(("outer", "inner", "held"), [
    ("California", "Los Angeles", True),
    ("Texas", "Los Angeles", False),  # a town of that name, but in another state
    ("United States", "California", True),  # a state in its country
    ("Latvia", "Riga", True),
    ("Riga", "Latvia", False),  # a town holds no country
    ("Latvia", "Latvia", False),
    ("Estonia", "Riga", False),
])
def test_a_country_or_state_holds_its_towns(outer, inner, held):
    assert holds(name_key(outer), name_key(inner)) is held


@pytest.mark.parametrize(("name", "size"), [
    ("Latvia", "area"),
    ("Ballarat", "town"),
    ("Washington", None),  # a town and a state: either
    ("Banstead High Street", "site"),
    ("Hennepin County Medical Center", "site"),
    ("Morgan City", None),  # "City" says town, and no table of large towns holds it
    ("Poro Island", None),  # a feature of the land, no site in a town
    ("Cape Ortegal", None),  # a rare last word: no site noun
    ("Zams", None),
])
def test_the_size_the_gazetteer_tells(name, size):
    assert gazetteer_size(name) == size

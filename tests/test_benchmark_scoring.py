"""The benchmark scorers' pure scoring logic, on small hand-made gold and predictions.

No dependence on the extractor or on the benchmark data: benchmarks/ is not a
package, so the scripts are loaded from their files.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


nq = load("newsquant")
tb = load("timebank")


def gold(value: str, unit: str = "dollar", change: str = "=") -> dict:
    return nq.gold_quantity({"value": value, "normalized_unit": unit, "change": change,
                             "unit": "-", "referred_concepts": "-"})


def pred(value, unit: str = "dollar", change: str = "=") -> dict:
    return {"value": value, "unit": unit, "change": change, "raw": None}


def claim(text, kind, value=None, low=None, high=None, unit=None, qualifier=None, start=0):
    return SimpleNamespace(text=text, kind=kind, value=value, low=low, high=high, unit=unit,
                           qualifier=qualifier, start=start, end=start + len(text))


# --- NewsQuant -------------------------------------------------------------------

def test_gold_values_points_ranges_and_negatives():
    assert nq.parse_gold_value("800000000.0") == 800000000.0
    assert nq.parse_gold_value("1.0-1.5") == (1.0, 1.5)
    assert nq.parse_gold_value("3.0 - 4.0") == (3.0, 4.0)
    assert nq.parse_gold_value("4.8-4.7") == (4.7, 4.8)  # "from 4.8 to 4.7": compared as an interval
    assert nq.parse_gold_value("-1.4") == -1.4
    assert nq.parse_gold_value("1") == 1.0


def test_relative_tolerance():
    assert nq.values_match(800000000.0, 800000001.0)
    assert nq.values_match(1.0, 1.000009)
    assert not nq.values_match(1.0, 1.0001)
    assert not nq.values_match(15.0, 0.15)
    assert not nq.values_match(5.0, None)


def test_ranges_match_only_ranges():
    assert nq.values_match((1.0, 1.5), (1.0, 1.5))
    assert not nq.values_match((1.0, 1.5), (1.0, 1.6))
    assert not nq.values_match((1.0, 1.5), 1.0)
    assert not nq.values_match(1.0, (1.0, 1.5))


def test_claim_value_point_range_or_unresolved():
    assert nq.claim_value(60.0, 60.0, None) == 60.0  # "more than 60": the stated figure
    assert nq.claim_value(None, 62.0, 68.0) == (62.0, 68.0)
    assert nq.claim_value(None, 68.0, 62.0) == (62.0, 68.0)
    assert nq.claim_value(None, 5.0, None) is None


def test_a_change_is_compared_as_the_range_the_gold_writes():
    assert nq.claim_value(4.7, 4.7, 4.7, previous=4.8) == (4.7, 4.8)  # "from 4.8 to 4.7 percent"
    assert nq.claim_value(287.0, 287.0, 287.0, previous=252.0) == (252.0, 287.0)
    assert nq.claim_value(287.0, 287.0, 287.0, previous=None) == 287.0


def test_halves_split_the_sentences_by_parity():
    records = list(range(7))
    assert nq.half_of(records, "tune") == [0, 2, 4, 6]
    assert nq.half_of(records, "validate") == [1, 3, 5]
    assert nq.half_of(records, None) == records


def test_one_to_one_matching():
    counts = nq.match_quantities([gold("6.0"), gold("6.0")], [pred(6.0)])
    assert counts["value"] == 1 and counts["missed"] == [1] and counts["false"] == []
    counts = nq.match_quantities([gold("6.0")], [pred(6.0), pred(6.0)])
    assert counts["value"] == 1 and counts["false"] == [1]
    assert counts["gold"] == 1 and counts["pred"] == 2


def test_criteria_are_matched_separately():
    # one gold 40 dollar, two predictions of 40: the second has the right unit
    counts = nq.match_quantities([gold("40.0", "yard")], [pred(40.0, "dollar"), pred(40.0, "yard")])
    assert counts["value"] == 1 and counts["value+unit"] == 1
    counts = nq.match_quantities([gold("19.0", "percentage", "~")], [pred(19.0, "percentage", "=")])
    assert (counts["value"], counts["value+unit"], counts["value+change"]) == (1, 1, 0)
    assert counts["unit_wrong"] == []
    counts = nq.match_quantities([gold("6.0", "dollar")], [pred(6.0, "euro")])
    assert counts["unit_wrong"] == [(0, 0)]


def test_unit_names():
    assert nq.unit_name("money", "USD", "$6") == "dollar"
    assert nq.unit_name("money", "JPY", "¥5") == "japanese yen"
    assert nq.unit_name("money", "ILS", "5 shekels") == "shekel"
    assert nq.unit_name("money", "GBP", "£5") == "pound sterling"
    assert nq.unit_name("money", "USD", "19 cents") == "cent"
    assert nq.unit_name("percent", "%") == "percentage"
    assert nq.unit_name("percent", "% of GDP") == "percentage"
    assert nq.unit_name("percent", "pp") == "percentage point"
    assert nq.unit_name("quantity", "kilometre") == "kilometre"
    assert nq.unit_name("quantity", "degree Celsius") == "celsius"
    assert nq.unit_name("quantity", "tonne") == "metric ton"
    assert nq.unit_name("quantity", "year", "50 year", "-old man") == "year of age"
    assert nq.unit_name("quantity", "year", "15 years old") == "year of age"
    assert nq.unit_name("quantity", "year", "50-year", "-olds were tested") == "year of age"
    assert nq.unit_name("quantity", "year", "50-year", " older bonds") == "year"
    assert nq.unit_name("quantity", "year", "three years", " in prison") == "year"


def test_count_nouns_are_singularized():
    assert nq.unit_name("count", "people") == "people"
    assert nq.unit_name("count", "Homes") == "home"
    assert nq.unit_name("count", "viruses") == "virus"
    assert nq.unit_name("count", "companies") == "company"
    assert nq.unit_name("count", "job cuts") == "job cut"
    assert nq.unit_name("count", "children") == "child"
    assert nq.unit_name("count", None) == "-"
    # the gold writes its phrases without conjunctions
    assert nq.unit_name("count", "digital and physical sale") == "digital physical sale"
    assert nq.unit_name("count", "one or two") == "one two"


def test_money_in_a_subunit_is_compared_in_the_subunit():
    assert nq.money_value(0.19, "19 cents") == 19.0
    assert nq.money_value(6.0, "$6") == 6.0


def test_change_from_qualifier_and_verbs():
    assert nq.change_of(None, "It costs ") == "="
    assert nq.change_of("about", "") == "~"
    assert nq.change_of("more than", "") == ">"
    assert nq.change_of("up to", "") == "<"
    assert nq.change_of("between", "") == "="
    assert nq.change_of(None, "core inflation rose ") == "up"
    assert nq.change_of("nearly", "Tesla shares have been on a tear, up ") == "up"
    assert nq.change_of(None, "temperatures dropped by ") == "down"
    # a number or "to" between the verb and the figure stops the look-back
    assert nq.change_of(None, "Vecturas shares rose 6.5% to ") == "="
    assert nq.change_of(None, "exports dropped 7% to ") == "="
    # an explicit sign, in the claim or just before it, is a change
    assert nq.change_of(None, "Dow ", "+0.2%") == "up"
    assert nq.change_of(None, "In Europe: Stoxx 50 -", "1.3%") == "down"
    assert nq.change_of(None, "a minus-", "1.4 degree") == "="


def test_prediction_from_a_claim():
    sentence = "Blackmores up 9.4 per cent to $84."
    c = claim("9.4 per cent", "percent", 9.4, unit="%", start=sentence.index("9.4"))
    p = nq.prediction(c, sentence)
    assert (p["value"], p["unit"], p["change"]) == (9.4, "percentage", "up")
    c = claim("$62 and $68", "money", None, 62.0, 68.0, "USD", "between", start=10)
    assert nq.prediction(c, "x" * 40)["value"] == (62.0, 68.0)


def test_a_share_in_words_is_compared_as_the_fraction_the_gold_writes():
    for text, value, expected in (("A third", 100 / 3, 1 / 3), ("almost half", 50.0, 0.5), ("9 out of 10", 90.0, 0.9),
                                  ("1.38pc", 1.38, 1.38), ("15 per cent", 15.0, 15.0), ("5%", 5.0, 5.0),
                                  ("two-thirds", 200 / 3, 2 / 3), ("one in five", 20.0, 0.2),
                                  # a bare number in a percentage taken from its neighbour ("profit fell 5")
                                  ("5", 5.0, 5.0), ("0.8", 0.8, 0.8)):
        p = nq.prediction(claim(text, "percent", value, unit="%", start=0), text)
        assert nq.values_match(expected, p["value"]), text


def test_pence_are_compared_in_pence():
    c = claim("164p", "money", 1.64, unit="GBP", start=0)
    assert nq.prediction(c, "164p")["value"] == 164.0
    c = claim("68 p", "money", 0.68, unit="GBP", start=0)
    assert nq.prediction(c, "68 p")["value"] == 68.0


def test_a_rate_is_part_of_the_unit():
    c = claim("US $2.24", "money", 2.24, unit="USD", start=0)
    c.per = "million British thermal unit"
    assert nq.prediction(c, "US $2.24 per mmBTU")["unit"] == "dollar per mega british thermal unit"
    c = claim("300 PS", "quantity", 300.0, unit="metric horsepower", start=0)
    assert nq.prediction(c, "300 PS")["unit"] == "horsepower"


def test_prf():
    assert nq.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = nq.prf(3, 4, 6)
    assert (p, r) == (50.0, 75.0) and f == pytest.approx(60.0)


# --- TimeBank --------------------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">19980213</TIMEX3></DCT>
<TEXT>
Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-13">Friday</TIMEX3>, \
a &amp; b, after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of gains in \
<TIMEX3 tid="t3" type="DATE" value="1998-Q1">the first quarter</TIMEX3>.
</TEXT>
</TimeML>"""


def test_parse_tml_strips_tags_and_keeps_offsets():
    doc = tb.parse_tml(TML)
    assert doc["dct"] == "1998-02-13"
    assert doc["text"] == ("\nStocks fell Friday, a & b, after three days of gains in "
                           "the first quarter.\n")
    assert [(t["tid"], t["type"], t["value"]) for t in doc["timexes"]] == [
        ("t1", "DATE", "1998-02-13"), ("t2", "DURATION", "P3D"), ("t3", "DATE", "1998-Q1")]
    for t in doc["timexes"]:
        assert doc["text"][t["start"]:t["end"]] == t["text"]
    assert doc["timexes"][0]["start"] == doc["text"].index("Friday")


def test_dct_date():
    assert tb.dct_date("1998-02-13") == dt.date(1998, 2, 13)
    assert tb.dct_date("19980213") == dt.date(1998, 2, 13)
    assert tb.dct_date("1998-02-13T18:30") == dt.date(1998, 2, 13)
    assert tb.dct_date(None) is None


def test_normalize_value():
    assert tb.normalize_value("1998-02") == "1998-02"
    assert tb.normalize_value("2024-q3") == "2024-Q3"
    assert tb.normalize_value("1998-02-13TNI") == "1998-02-13"
    assert tb.normalize_value("--02-13") == "XXXX-02-13"
    assert tb.normalize_value("PRESENT_REF") == "PRESENT_REF"
    assert tb.normalize_value("1998-W05") == "1998-W05"
    assert tb.normalize_value(None) is None


def span(start, end, value=None, type_="DATE"):
    return {"start": start, "end": end, "value": value, "type": type_}


def test_score_dates_span_value_and_ignored():
    timexes = [span(0, 6, "1998-02-13"), span(10, 20, "P3D", "DURATION"), span(30, 47, "1998-Q1"),
               span(60, 70, "PAST_REF")]
    preds = [
        span(0, 6, "1998-02-13"),   # exact: span + value
        span(12, 16, "1998-02-10"),  # inside a DURATION only: ignored
        span(34, 47, "1998-Q2"),    # overlaps: span yes, value no
        span(50, 55, "1999"),       # no gold: false positive
    ]
    counts = tb.score_dates(timexes, preds)
    assert (counts["gold"], counts["pred"], counts["span"], counts["value"]) == (3, 3, 2, 1)
    assert [g["value"] for g in counts["missed"]] == ["PAST_REF"]
    assert [(g["value"], p["value"]) for g, p in counts["wrong"]] == [("1998-Q1", "1998-Q2")]
    assert [p["value"] for p in counts["false"]] == ["1999"]


def test_score_dates_one_to_one():
    timexes = [span(0, 10, "1998")]
    counts = tb.score_dates(timexes, [span(0, 4, "1997"), span(5, 10, "1998")])
    assert (counts["span"], counts["value"], counts["pred"]) == (1, 1, 2)
    counts = tb.score_dates([span(0, 4, "1998"), span(5, 10, "1998")], [span(0, 10, "1998")])
    assert (counts["span"], counts["value"], counts["gold"]) == (1, 1, 2)


def test_a_span_of_dates_is_compared_as_its_two_ends():
    ends = tb.span_ends({"start": 10, "end": 31, "value": "1994/1997", "text": "between 1994 and 1997"})
    assert [(e["start"], e["end"], e["value"]) for e in ends] == [(10, 22, "1994"), (27, 31, "1997")]
    ends = tb.span_ends({"start": 0, "end": 7, "value": "2009/2010", "text": "2009-10"})
    assert [(e["text"], e["value"]) for e in ends] == [("2009", "2009"), ("10", "2010")]
    one = {"start": 0, "end": 4, "value": "1998", "text": "1998"}
    assert tb.span_ends(one) == [one]


def test_unresolved_and_non_string_values_never_match():
    counts = tb.score_dates([span(0, 4, "1998")], [span(0, 4, None)])
    assert (counts["span"], counts["value"]) == (1, 0)


def test_timebank_halves_alternate_over_sorted_names_and_cover_every_document():
    paths = [Path(f"{name}.tml") for name in ("c", "a", "e", "b", "d")]
    tune, validate = tb.half_of(paths, "tune"), tb.half_of(paths, "validate")
    assert [p.stem for p in tune] == ["a", "c", "e"]
    assert [p.stem for p in validate] == ["b", "d"]
    assert [p.stem for p in tb.half_of(paths, None)] == ["a", "b", "c", "d", "e"]


def test_timebank_half_option_is_checked(capsys):
    with pytest.raises(SystemExit):
        tb.main(["/nonexistent", "--half", "both"])
    assert "invalid choice" in capsys.readouterr().err

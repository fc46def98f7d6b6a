"""The seed corpus's facts, as an editor would state them, pinned through checker's pytest plugin.

The corpus is configured in pyproject.toml (`checker_corpus = ["seeds"]`); the
`claims` and `checker_report` fixtures come from the plugin.
"""

from datetime import date

from checker.expect import jpy, percent, usd


def test_japan_pledged_550_billion_dollars_wherever_the_pledge_is_reported(claims):
    assert claims.about("pledge").money().values() == {usd("550bn")}


def test_every_dollar_figure_for_the_investment_agrees_across_three_sources(claims):
    assert claims.money().in_unit("USD").agree(sources=3)


def test_one_article_also_gives_the_pledge_as_790_trillion_yen(claims):
    global_times = claims.from_source("Global Economic Times")
    assert global_times.money().values() == {usd("550bn")}  # the pledge as stated
    assert global_times.money(in_unit="JPY").values() == {jpy("790tn")}  # its conversion, asked for


def test_defense_spending_is_to_reach_2_percent_of_gdp_by_2027(claims):
    defense = claims.about("defense").percentages().in_unit("% of GDP")
    assert defense.values() == {percent(2, of="GDP")}
    assert defense.agree()


def test_the_tariff_is_15_percent(claims):
    assert claims.about("tariff").percentages().values() == {percent(15)}


def test_the_first_phone_call_was_on_saturday_october_25(claims):
    assert claims.about("phone call").dates().values() == {date(2025, 10, 25)}
    call = claims.from_source("Global Economic Times").one(kind="date", about="phone call")
    assert call.value == date(2025, 10, 25)


def test_the_yen_figure_does_not_convert_to_the_dollar_pledge(checker_report):
    assert checker_report.internal().cited() == [("$550 billion", "approximately 790 trillion yen")]


def test_the_only_contradiction_is_how_trump_described_the_call(checker_report):
    assert checker_report.contradictions().excluding("cheerful and pleasant") == []
    assert checker_report.contradictions().cited() == [("cheerful and pleasant", "cheerful and engaging")]

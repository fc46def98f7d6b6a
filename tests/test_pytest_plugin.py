"""The pytest plugin, run the way a newsroom runs it: a project with a corpus and fact tests."""

import sqlite3

import pytest

pytest_plugins = ["pytester"]

HARBOR = """---
source: Harbor Wire
published: 2025-03-10
---
The Port of Elmhaven approved a budget of $12 million for the new dredging project on Monday.
Harbor master Jane Ortiz said the dredging "will keep the channel open for another decade".
"""

COASTAL = """---
source: Coastal Times
published: 2025-03-11
---
The Port of Elmhaven approved a $15 million budget for the dredging project on Monday, officials said.
The port handled 40% of the region's container traffic in 2024.
"""

INI = '[pytest]\nchecker_corpus = corpus\n'


@pytest.fixture
def newsroom(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with two articles on one story that disagree on the budget."""
    pytester.mkdir("corpus")
    (pytester.path / "corpus" / "harbor.md").write_text(HARBOR, encoding="utf-8")
    (pytester.path / "corpus" / "coastal.md").write_text(COASTAL, encoding="utf-8")
    return pytester


def test_fact_tests_pass_when_the_corpus_bears_them_out(newsroom):
    newsroom.makeini(INI)
    newsroom.makepyfile("""
        from datetime import date
        from checker.expect import percent, usd

        def test_budget_figures(claims):
            assert claims.about("budget").money().values() == {usd("12m"), usd("15m")}

        def test_approved_on_monday_march_10(claims):
            assert claims.about("approved").dates().values() == {date(2025, 3, 10)}
            assert claims.about("approved").dates().agree()

        def test_container_share(claims):
            assert claims.from_source("Coastal Times").one(kind="percent").value == percent(40)
            assert percent(40) in claims.percentages().values()

        def test_the_quote(claims):
            assert claims.quotes().said_by("Ortiz").one().text == "will keep the channel open for another decade"

        def test_the_known_contradiction(checker_report):
            assert checker_report.contradictions().cited() == [("$15 million", "$12 million")]
            assert checker_report.contradictions().excluding("dredging") == []
            assert checker_report.problems(about="container") == []
    """)
    result = newsroom.runpytest()
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(["checker: corpus corpus"])


def failed_once(project: pytest.Pytester, source: str) -> pytest.LineMatcher:
    """Run a fact test that must fail, verbosely; its output, to read the message by."""
    project.makepyfile(source)
    result = project.runpytest("-vv")
    result.assert_outcomes(failed=1)
    return result.stdout


def test_a_wrong_value_fails_with_each_claims_source_sentence_and_value(newsroom):
    newsroom.makeini(INI)
    output = failed_once(newsroom, """
        from checker.expect import usd

        def test_budget(claims):
            assert claims.about("budget").money().values() == {usd("12m")}
    """)
    output.fnmatch_lines([
        "*the 2 money claims about 'budget' state other values than {USD 12m}*",
        "*not expected:*",
        "*corpus/coastal.md:5: “$15 million” = 15 million USD*",
        "*The Port of Elmhaven approved a $15 million budget for the dredging project on Monday, officials said.*",
        "*as expected:*",
        "*corpus/harbor.md:5: “$12 million” = 12 million USD*",
    ])
    assert "Claim(" not in output.str()


def test_disagreeing_sources_and_unexpected_contradictions_fail_readably(newsroom):
    newsroom.makeini(INI)
    newsroom.makepyfile("""
        def test_sources_agree_on_the_budget(claims):
            assert claims.about("budget").money().agree()

        def test_no_contradictions(checker_report):
            assert checker_report.contradictions() == []

        def test_one_budget(claims):
            assert claims.one(kind="money").value == 12e6
    """)
    result = newsroom.runpytest("-vv")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines([
        "*they disagree: 15 million USD and 12 million USD differ*",
        "*corpus/coastal.md:5: “$15 million” = 15 million USD*",
    ])
    result.stdout.fnmatch_lines([
        "*contradictions: 1, expected 0*",
        "*[[]figure-consistency[]] contradiction: *15 million USD and 12 million USD differ*",
    ])
    result.stdout.fnmatch_lines([
        "*expected exactly one of the money claims, found 2:*",
        "*corpus/harbor.md:5: “$12 million”*",
    ])
    assert "Claim(" not in result.stdout.str()
    assert "def agree" not in result.stdout.str()  # the plugin's own frames are hidden


def test_agreement_needs_enough_sources(newsroom):
    newsroom.makeini(INI)
    newsroom.makepyfile("""
        def test_share(claims):
            assert claims.percentages().agree()
    """)
    result = newsroom.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the percent claims come from 1 source, fewer than 2:*",
                                 "*corpus/coastal.md:6: “40%” = 40 %*"])


@pytest.mark.parametrize("how", ["ini", "tool.checker", "command line"])
def test_the_corpus_can_be_configured_three_ways(newsroom, how):
    args = []
    if how == "ini":
        newsroom.makeini(INI)
    elif how == "tool.checker":
        newsroom.makepyprojecttoml('[tool.checker]\ncorpus = ["corpus/harbor.md"]\n')
    else:
        newsroom.makeini('[pytest]\nchecker_corpus = nowhere\n')  # the command line wins
        args = ["--checker-corpus", "corpus/harbor.md"]
    newsroom.makepyfile("""
        def test_corpus(claims):
            assert claims.money().sources() == (["corpus/harbor.md"] if len(claims.money()) == 1
                                                else ["corpus/coastal.md", "corpus/harbor.md"])
            assert len(claims.money()) >= 1
    """)
    newsroom.runpytest(*args).assert_outcomes(passed=1)


def test_without_a_corpus_the_fixture_says_how_to_configure_one(pytester):
    pytester.makepyfile("def test_x(claims):\n    assert len(claims)\n")
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*checker: error: no corpus: set checker_corpus in [[]tool.pytest.ini_options[]]*"])
    assert "Traceback" not in result.stdout.str()


def test_a_bad_corpus_file_is_one_line_naming_it(newsroom):
    (newsroom.path / "corpus" / "broken.md").write_bytes(b"\x00\x01binary")
    newsroom.makeini(INI)
    newsroom.makepyfile("""
        def test_a(claims):
            assert len(claims)

        def test_b(checker_report):
            assert checker_report.findings is not None
    """)
    result = newsroom.runpytest()
    result.assert_outcomes(errors=2)
    lines = result.stdout.lines
    assert lines.count("checker: error: corpus/broken.md: binary file, not text") == 2  # once per test, as the CLI says it
    assert not [line for line in lines if "binary file" in line and not line.startswith(("checker: error:", "ERROR "))]
    assert "Traceback" not in result.stdout.str() and "During handling" not in result.stdout.str()


COUNTING = """
    from checker.extract import Extractor

    calls = []
    _document = Extractor.document

    def counted(self, document):
        calls.append(document.id)
        return _document(self, document)

    Extractor.document = counted
"""


def test_extraction_runs_once_per_session_and_a_store_caches_it_across_sessions(newsroom):
    newsroom.makeini(INI + "checker_store = claims.db\n")
    newsroom.makeconftest(COUNTING)
    newsroom.makepyfile("""
        import os
        from conftest import calls
        from checker.expect import usd

        def test_first(claims):
            assert usd("12m") in claims.money().values()

        def test_second(claims, checker_report):
            assert len(checker_report.contradictions()) == 1

        def test_extracted_once(claims):
            assert len(calls) == int(os.environ["EXPECTED_EXTRACTIONS"])
    """)
    newsroom.monkeypatch = pytest.MonkeyPatch()
    try:
        newsroom.monkeypatch.setenv("EXPECTED_EXTRACTIONS", "2")
        newsroom.runpytest().assert_outcomes(passed=3)
        assert sqlite3.connect(newsroom.path / "claims.db").execute("select count(*) from documents").fetchone() == (2,)
        newsroom.monkeypatch.setenv("EXPECTED_EXTRACTIONS", "0")  # unchanged files: read from the store
        newsroom.runpytest().assert_outcomes(passed=3)
    finally:
        newsroom.monkeypatch.undo()


def test_a_fact_sheet_is_used_by_the_report(newsroom):
    (newsroom.path / "facts.yaml").write_text(
        "facts:\n"
        "  - key: dredging-budget\n"
        "    kind: money\n"
        "    value: 12000000\n"
        "    unit: USD\n"
        "    subject: Port of Elmhaven\n"
        "    predicate: budget\n"
        "    source: port authority minutes\n", encoding="utf-8")
    newsroom.makeini(INI + "checker_facts = facts.yaml\n")
    newsroom.makepyfile("""
        def test_the_fact_sheet_disagrees_with_one_source_and_agrees_with_the_other(checker_report):
            assert checker_report.contradictions(about="port authority minutes").cited() == [("$15 million",)]
            assert checker_report.agreements(about="port authority minutes").cited() == [("$12 million",)]
    """)
    newsroom.runpytest().assert_outcomes(passed=1)


def test_an_extra_rules_folder_replaces_a_default_rule(newsroom):
    from checker.engine.ruleset import default_rules_dir

    shipped = (default_rules_dir() / "figure-consistency.yaml").read_text(encoding="utf-8")
    newsroom.mkdir("house-rules")
    (newsroom.path / "house-rules" / "figure-consistency.yaml").write_text(shipped + "enabled: false\n",
                                                                           encoding="utf-8")
    newsroom.makeini(INI + "checker_rules = house-rules\n")
    newsroom.makepyfile("""
        def test_budgets_are_not_compared(checker_report):
            assert checker_report.contradictions() == []
    """)
    newsroom.runpytest().assert_outcomes(passed=1)
    newsroom.runpytest("--checker-rules", "nowhere").stdout.fnmatch_lines(["*checker: error: nowhere: rules folder not found*"])


PLANT = """---
source: Rhine Post
published: 2025-03-12
---
The carmaker will invest €600 million ($650 million) in the Elmhaven plant, creating 3,200 permanent jobs.
"""

COURIER = """---
source: Valley Courier
published: 2025-03-12
---
The carmaker's Elmhaven plant will bring about 3,000 jobs, the mayor said.
"""


@pytest.fixture
def plant(newsroom: pytest.Pytester) -> pytest.Pytester:
    """The newsroom with a story on a plant: a euro figure with its dollar conversion, and jobs."""
    (newsroom.path / "corpus" / "plant.md").write_text(PLANT, encoding="utf-8")
    (newsroom.path / "corpus" / "courier.md").write_text(COURIER, encoding="utf-8")
    newsroom.makeini(INI)
    return newsroom


def test_a_figure_is_the_one_stated_and_its_conversion_comes_when_its_unit_is_asked_for(plant):
    plant.makepyfile("""
        from checker.expect import eur, usd

        def test_the_investment_as_stated(claims):
            assert claims.about("invest").money().values() == {eur("600m")}
            assert claims.about("invest").values() != {usd("650m")}

        def test_the_investment_in_dollars(claims):
            assert claims.about("invest").money(in_unit="USD").values() == {usd("650m")}
            assert claims.about("invest").money().in_unit("usd").values() == {usd("650m")}
            assert claims.one(kind="money", unit="USD", about="invest").value == usd("650m")
            assert claims.about("invest").money(in_unit="EUR").values() == {eur("600m")}
    """)
    plant.runpytest().assert_outcomes(passed=2)


def test_a_missing_value_that_is_a_conversion_says_how_to_ask_for_it(plant):
    failed_once(plant, """
        from checker.expect import usd

        def test_dollars(claims):
            assert usd("650m") in claims.about("invest").money().values()
    """).fnmatch_lines([
        "*none of the money claims about 'invest' (1 claim) states USD 650m:*",
        "*corpus/plant.md:5: “€600 million” = 600 million EUR*",
        "*set aside as conversions of the figure before them (ask for one with in_unit=...):*",
        "*corpus/plant.md:5: “$650 million” = 650 million USD*",
    ])


def test_one_claim_is_counted_in_the_singular(plant):
    failed_once(plant, """
        from checker.expect import usd

        def test_dollars(claims):
            assert claims.about("invest").money().values() == {usd("650m")}
    """).fnmatch_lines(["*the 1 money claim about 'invest' states other values than {USD 650m}*"])


def test_an_adjective_before_the_counted_noun_counts_the_same_thing(plant):
    plant.makepyfile("""
        from checker.expect import count

        def test_permanent_jobs(claims):
            assert claims.from_source("Rhine Post").counts().values() == {count(3200, "job")}
            assert claims.from_source("Rhine Post").counts().values() == {count(3200, "permanent job")}
            assert count(3200, "temporary job") not in claims.counts().values()
            assert claims.counts(in_unit="job").sources() == ["corpus/courier.md", "corpus/plant.md"]
    """)
    plant.runpytest().assert_outcomes(passed=1)


def test_an_approximate_figure_compares_in_a_test_as_in_the_report(plant):
    plant.makepyfile("""
        from checker.expect import count

        def test_about_3000_jobs_is_read_at_its_precision(claims):
            jobs = claims.from_source("Valley Courier").one(kind="count")
            assert jobs.value == count(3000, "job")
            assert jobs.value == count(3400, "job")      # 2,500-3,500 as stated, as the report reads it
            assert jobs.value != count(3700, "job")
            assert jobs.value == count(3400, "job", within=0)  # the article's precision, no slack of the test's

        def test_the_two_job_figures_agree_in_the_report_and_in_the_test(claims, checker_report):
            assert checker_report.contradictions(about="jobs") == []
            assert claims.counts(in_unit="job").agree()
    """)
    plant.runpytest().assert_outcomes(passed=2)

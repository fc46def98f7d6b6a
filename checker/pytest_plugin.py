"""pytest plugin: pin a newsroom's facts in plain tests, and fail CI when an article breaks them.

Registered through the `pytest11` entry point, so installing checker is all it
takes. The corpus comes from `--checker-corpus`, else `checker_corpus` in the
pytest ini options, else `corpus` in `[tool.checker]`; likewise the store
(a cache: only changed files are extracted again), extra rules folders, the
fact sheet and a trained spaCy model. Extraction runs once per session.

Fixtures: `claims` (a `checker.query.ClaimSet` over the corpus) and
`checker_report` (a `checker.query.Report` of the rule engine's findings).
Failed comparisons show each claim's source, words, normalized value and
sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .config import Settings, load_settings
from .engine import load_fact_sheet, load_ruleset
from .errors import CheckerError
from .gather import gather
from .query import ClaimSet, Evidence, Findings, Report, Value, Values, expected_items
from .render.explain import shown
from .wording import counted, verb

_OPTIONS = (
    # name, help, repeatable
    ("corpus", "the corpus to check: files or folders of articles", True),
    ("store", "a claim store to cache extraction in between sessions", False),
    ("rules", "an extra rules folder", True),
    ("facts", "a fact sheet (YAML) to check claims against", False),
    ("model", "a trained spaCy pipeline to use instead of the blank one", False),
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("checker", "checker: assertions on claims")
    for name, text, many in _OPTIONS:
        group.addoption(f"--checker-{name}", action="append" if many else "store", default=None,
                        dest=f"checker_{name}", help=text + (" (repeatable)" if many else ""))
        parser.addini(f"checker_{name}", text, type="paths" if many else "string",
                      default=[] if many else None)


def _setting(config: pytest.Config, settings: Settings, name: str):
    """A setting from the command line, else the ini options, else [tool.checker]; paths are
    read from where each is written: the working folder, the ini file's folder, the rootdir."""
    given = config.getoption(f"checker_{name}")
    if given:
        return given
    ini = config.getini(f"checker_{name}")
    if ini:
        return [_local(p) for p in ini] if isinstance(ini, list) else _local(_beside(config.inipath, ini))
    value = getattr(settings, name, None) if name in settings.model_fields_set else None
    if isinstance(value, list):
        return [_local(config.rootpath / v) for v in value]
    return _local(config.rootpath / value) if value else None


def _beside(inipath: Path | None, value: str) -> Path:
    return inipath.parent / value if inipath else Path(value)


def _local(path: Path) -> str:
    """A path from the working folder when it lies inside it, as messages show paths."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_evidence(config: pytest.Config) -> Evidence:
    """The configured corpus, extracted (or read from the store) and ready to judge."""
    settings = load_settings(config.rootpath)
    corpus = _setting(config, settings, "corpus")
    store = _setting(config, settings, "store")
    if not corpus and not store:
        raise CheckerError("no corpus: set checker_corpus in [tool.pytest.ini_options] or corpus in "
                           "[tool.checker], or pass --checker-corpus PATH")
    extractions = gather(corpus, store=store, model=_setting(config, settings, "model"))
    facts = _setting(config, settings, "facts")
    sheet, sheet_path = load_fact_sheet(facts) if facts else (None, "")
    return Evidence(
        documents={e.document.id: e.document for e in extractions},
        claims=[c for e in extractions for c in e.claims],
        ruleset=load_ruleset([str(p) for p in _setting(config, settings, "rules") or []], settings.severity),
        facts=sheet,
        facts_path=sheet_path,
    )


def pytest_report_header(config: pytest.Config) -> str | None:
    """Which corpus the fact tests read, so a CI log shows it."""
    try:
        settings = load_settings(config.rootpath)
    except CheckerError:
        return None  # the fixtures report it, on the tests that use them
    corpus, store = _setting(config, settings, "corpus"), _setting(config, settings, "store")
    if not corpus and not store:
        return None
    return f"checker: corpus {', '.join(corpus or []) or '(the store)'}" + (f"; store {store}" if store else "")


@pytest.fixture(scope="session")
def checker_evidence(pytestconfig: pytest.Config) -> Evidence:
    """The corpus, its claims and rules, built once per session. A bad corpus fails each test that
    uses it with the CLI's one error line: raised outside the `except`, so pytest does not print
    the error a second time as the context of the failure."""
    try:
        return load_evidence(pytestconfig)
    except CheckerError as error:
        shown = error.shown
    pytest.fail(shown, pytrace=False)


@pytest.fixture(scope="session")
def claims(checker_evidence: Evidence) -> ClaimSet:
    """Every claim of the corpus; narrow with `.about()`, `.money()`, `.from_source()`..."""
    return ClaimSet(checker_evidence)


@pytest.fixture(scope="session")
def checker_report(checker_evidence: Evidence) -> Report:
    """The rule engine's findings: `.contradictions()`, `.internal()`, `.agreements()`..."""
    return Report(checker_evidence)


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: object, right: object) -> list[str] | None:
    """Failed comparisons of claims read as an editor's note, not a repr."""
    if op == "==" and isinstance(right, (Values, Value, Findings)) and not isinstance(left, type(right)):
        left, right = right, left
    if op == "==" and isinstance(left, Values):
        return _values_differ(left, right)
    if op == "==" and isinstance(left, Value):
        return [f"the claim states {left!r}, not {shown(right)}", *left.explain()]
    if op == "==" and isinstance(left, Findings):
        return [f"{left.description}: {len(left)}, expected {len(expected_items(right))}", *left.explain()]
    if op == "in" and isinstance(right, Values):
        return [f"none of the {right.description} ({counted(len(right), 'claim')}) states {shown(left)}:",
                *([line for v in right for line in v.explain()] or ["  (none)"]), *_set_aside(right)]
    return None


def _set_aside(values: Values) -> list[str]:
    """The conversions a set holds back, so a test that wanted one learns how to ask for it."""
    if not values.aside:
        return []
    return ["set aside as conversions of the figure before them (ask for one with in_unit=...):",
            *[line for v in values.aside for line in v.explain()]]


def _values_differ(values: Values, expected: object) -> list[str]:
    unexpected, missing = values.mismatches(expected)
    wanted = ", ".join(map(shown, expected_items(expected)))
    described = values.description if len(values) != 1 else values.description.replace("claims", "claim", 1)
    lines = [f"the {len(values)} {described} {verb(len(values), 'states', 'state')} other values than {{{wanted}}}"]
    if missing:
        lines.append("stated by none of them: " + ", ".join(map(shown, missing)))
    if unexpected:
        lines.append("not expected:")
        lines += [line for v in unexpected for line in v.explain()]
    matched = [v for v in values if all(v is not u for u in unexpected)]
    if matched:
        lines.append("as expected:")
        lines += [line for v in matched for line in v.explain()]
    return lines + (_set_aside(values) if missing else [])

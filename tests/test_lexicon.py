"""checker.lexicon: the YAML word lists under rules/lexicon/, validated strictly.

Each broken-file test copies the default lexicon into tmp_path, breaks one
file, and checks the one-line `LexiconError` points at the file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from checker.errors import CheckerError, LexiconError
from checker.lexicon import _FILES, Lexicon, default_lexicon_dir, load_lexicon

FILES = set(_FILES)  # the lexicon files the loader reads and validates


@pytest.fixture
def lexicon_copy(tmp_path: Path) -> Path:
    """A writable copy of the default lexicon folder."""
    for entry in default_lexicon_dir().iterdir():
        if entry.name.endswith(".yaml"):
            (tmp_path / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def line_of(path: Path, pattern: str) -> int:
    """The 1-based number of the first line matching `pattern`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


def replace_line(path: Path, pattern: str, new: str) -> int:
    """Replace the first line matching `pattern` with `new`; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = line_of(path, pattern)
    lines[number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


# --- the default lexicon ----------------------------------------------------


def test_default_folder_holds_exactly_the_files_the_loader_reads():
    # a .yaml file the loader does not know would be silently ignored
    names = {e.name[: -len(".yaml")] for e in default_lexicon_dir().iterdir() if e.name.endswith(".yaml")}
    assert names == FILES
    assert {"currencies", "dates", "entities", "numbers"} <= FILES


def test_default_lexicon_loads():
    lexicon = load_lexicon()
    assert isinstance(lexicon, Lexicon)
    assert lexicon.alias_of["U.S."] == "United States"
    assert lexicon.month_of["Oct"] == 10
    assert lexicon.dateline_pattern.match("Published on Oct 30, 2025").group("date") == "Oct 30, 2025"


def test_a_copy_loads_to_the_same_lexicon(lexicon_copy):
    copy, default = load_lexicon(str(lexicon_copy)), load_lexicon()
    assert copy is not default
    for part in FILES:
        assert getattr(copy, part) == getattr(default, part)


def test_load_lexicon_is_cached(lexicon_copy, tmp_path_factory):
    assert load_lexicon() is load_lexicon()
    assert load_lexicon(str(lexicon_copy)) is load_lexicon(str(lexicon_copy))
    other = tmp_path_factory.mktemp("other")
    for entry in lexicon_copy.iterdir():
        (other / entry.name).write_bytes(entry.read_bytes())
    assert load_lexicon(str(other)) is not load_lexicon(str(lexicon_copy))


def test_currency_codes_are_iso_4217_shaped_and_unique():
    codes = [c.code for c in load_lexicon().currencies.currencies]
    assert codes and all(re.fullmatch(r"[A-Z]{3}", code) for code in codes), codes
    assert len(codes) == len(set(codes))


def test_no_currency_surface_names_two_currencies():
    # a name several currencies use is listed once, under `shared`, with all of them
    owners = defaultdict(set)
    currencies = load_lexicon().currencies
    for currency in currencies.currencies:
        for surface in (*currency.before, *currency.after, *currency.after_scale, *currency.minor):
            owners[surface].add(currency.code)
    for i, shared in enumerate(currencies.shared):
        for surface in (*shared.before, *shared.after, *shared.after_scale, *shared.minor):
            owners[surface].add(f"shared.{i}")
    assert {s: c for s, c in owners.items() if len(c) > 1} == {}


def test_no_alias_maps_to_two_entities():
    # alias_of is a dict, so a clash would be silently lost there: check the source lists.
    owners = defaultdict(set)
    for name, aliases in load_lexicon().entities.entities.items():
        for alias in aliases:
            owners[alias].add(name)
    assert {a: n for a, n in owners.items() if len(n) > 1} == {}


# --- broken files -----------------------------------------------------------


def _unknown_key(folder: Path) -> tuple[str, int, str]:
    path = folder / "units.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\ncolour: [red]\n", encoding="utf-8")
    return "units.yaml", text.count("\n") + 2, "[colour] Extra inputs are not permitted"


def _wrong_type(folder: Path) -> tuple[str, int, str]:
    line = replace_line(folder / "speech.yaml", r"verbs:", "verbs: said")
    return "speech.yaml", line, "[verbs] Input should be a valid list"


def _wrong_item_type(folder: Path) -> tuple[str, int, str]:
    line = replace_line(folder / "currencies.yaml", r"\s*- \{code: JPY", "  - {code: JPY, before: ¥}")
    index = [c.code for c in load_lexicon().currencies.currencies].index("JPY")
    return "currencies.yaml", line, f"[currencies.{index}.before] Input should be a valid list"


def _missing_key(folder: Path) -> tuple[str, int, str]:
    path = folder / "predicates.yaml"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("light_words:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a missing key has no line of its own: the error points at the start of the mapping
    return "predicates.yaml", line_of(path, r"[^#\s]"), "[light_words] Field required"


def _yaml_syntax(folder: Path) -> tuple[str, int, str]:
    line = replace_line(folder / "numbers.yaml", r"hundred:", "hundred: hundred: [hundred]")
    return "numbers.yaml", line, "mapping values are not allowed here"


def _boolean_trap(folder: Path) -> tuple[str, int, str]:
    path = folder / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    assert '"On"' in text
    path.write_text(text.replace('"On"', "On", 1), encoding="utf-8")  # YAML 1.1 reads bare On as true
    index = load_lexicon().entities.not_names.index("On")
    return "entities.yaml", line_of(path, "not_names:"), f"[not_names.{index}] Input should be a valid string"


def _bad_month_key(folder: Path) -> tuple[str, int, str]:
    line = replace_line(folder / "dates.yaml", r"  12:", "  twelve: [December, Dec, Dec.]")
    return "dates.yaml", line, "[months.twelve.[key]] Input should be a valid integer"


def _holiday_with_two_rules(folder: Path) -> tuple[str, int, str]:
    line = replace_line(folder / "dates.yaml", r"  Christmas: ", "  Christmas: {month: 12, day: 25, easter: 0}")
    return "dates.yaml", line, "[holidays.Christmas] Value error, give month and day, month and weekday (with nth), or easter"


def _shared_default_elsewhere(folder: Path) -> tuple[str, int, str]:
    line = replace_line(folder / "currencies.yaml", r"\s*- \{after: \[francs", "  - {after: [francs, franc], codes: [CHF, XOF], default: JPY}")
    index = next(i for i, s in enumerate(load_lexicon().currencies.shared) if "francs" in s.after)
    return "currencies.yaml", line, f"[shared.{index}.default] Value error, default 'JPY' is not one of codes ['CHF', 'XOF']"


def _shared_code_unknown(folder: Path) -> tuple[str, int, str]:
    replace_line(folder / "currencies.yaml", r"\s*- \{after: \[francs", "  - {after: [francs, franc], codes: [CHF, XYZ], default: CHF}")
    index = next(i for i, s in enumerate(load_lexicon().currencies.shared) if "francs" in s.after)
    # the error is the list's, which starts on the line after its key
    return "currencies.yaml", line_of(folder / "currencies.yaml", "shared:") + 1, f"[shared] Value error, entry {index} names XYZ, not among the currencies"


@pytest.mark.parametrize(
    "breaks",
    [
        pytest.param(_unknown_key, id="unknown-key"),
        pytest.param(_wrong_type, id="string-for-list"),
        pytest.param(_wrong_item_type, id="string-for-list-in-list"),
        pytest.param(_missing_key, id="missing-key"),
        pytest.param(_yaml_syntax, id="yaml-syntax"),
        pytest.param(_boolean_trap, id="yaml-1.1-boolean"),
        pytest.param(_bad_month_key, id="bad-month-key"),
        pytest.param(_holiday_with_two_rules, id="holiday-with-two-rules"),
        pytest.param(_shared_default_elsewhere, id="shared-currency-default-not-among-its-codes"),
        pytest.param(_shared_code_unknown, id="shared-currency-code-not-listed"),
    ],
)
def test_broken_lexicon_file(lexicon_copy, breaks):
    name, line, message = breaks(lexicon_copy)
    with pytest.raises(LexiconError) as info:
        load_lexicon(str(lexicon_copy))
    error = info.value
    assert isinstance(error, CheckerError)
    assert error.exit_code == LexiconError.exit_code
    assert str(error).startswith(f"{lexicon_copy / name}:{line}: {message}")
    assert error.line == line
    assert "\n" not in str(error)


def test_missing_lexicon_file(lexicon_copy):
    (lexicon_copy / "speech.yaml").unlink()
    with pytest.raises(LexiconError, match=r"speech\.yaml: cannot read lexicon"):
        load_lexicon(str(lexicon_copy))


def test_lexicon_file_that_is_not_utf8(lexicon_copy):
    (lexicon_copy / "speech.yaml").write_bytes(b"verbs: [dit, d\xe9clar\xe9]\n")
    with pytest.raises(LexiconError, match=r"speech\.yaml: cannot read lexicon"):
        load_lexicon(str(lexicon_copy))

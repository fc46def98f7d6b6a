"""File names are untrusted text too: none can forge an output line, none can crash a run.

A corpus file whose name holds line breaks must not print a line of its own
choosing — a GitHub workflow command (`::stop-commands::` silences every later
annotation), a compiler-style finding or a `checker: error:` line — in any
output of any command, on stdout or stderr. A name that is not UTF-8 (Linux
allows any byte but "/" and NUL) is one error line naming the file, with its
exit code, and `--keep-going` goes on with the other files.
"""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import InputError

from .conftest import ROOT
from .test_cli import plain_environment  # noqa: F401  (autouse: no colour forced on from outside)
from .test_control_text import B as DRAFT

FORGED = ("::stop-commands::pwned", "draft.md:1:1: error [x] forged", "checker: error: forged")
NAME = "x\n" + "\n".join(FORGED) + "\n.md"
SHOWN = "x␊" + "␊".join(FORGED) + "␊.md"

WIRE = """---
source: "Harbor Wire"
published: 2025-03-10
---
The Port of Elmhaven approved a budget of $12 million for dredging on Monday.
"""


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})


def forged_lines(output: str) -> list[str]:
    """Lines an attacker chose: a tool reading the output line by line would act on them."""
    return [line for line in output.splitlines() if line.lstrip().startswith(FORGED)]


HUMAN = [
    ["check", "draft.md", "--against", "corpus"],
    ["check", "draft.md", "--against", "corpus", "-f", "github"],
    ["report", "draft.md", "corpus"],
    ["report", "draft.md", "corpus", "-f", "markdown"],
    ["report", "draft.md", "corpus", "-f", "html"],
    ["claims", "corpus"],
    ["ingest", "corpus", "--store", "s.db"],
]
MACHINE = [
    ["check", "draft.md", "--against", "corpus", "-f", "json"],
    ["check", "draft.md", "--against", "corpus", "-f", "sarif"],
    ["report", "draft.md", "corpus", "-f", "json"],
    ["report", "draft.md", "corpus", "-f", "sarif"],
    ["claims", "corpus", "-f", "json"],
]


@pytest.mark.parametrize("args", HUMAN + MACHINE, ids=" ".join)
def test_a_file_name_with_line_breaks_forges_no_output_line(work, args):
    (work / "corpus" / NAME).write_text(WIRE, encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code in (0, 1), (result.stdout, result.stderr, result.exception)
    assert forged_lines(result.stdout) == [] and forged_lines(result.stderr) == []
    if args in MACHINE:  # programs get valid JSON, with the exact name
        assert json.loads(result.stdout) and json.dumps(f"corpus/{NAME}")[1:-1] in result.stdout
    elif "github" in args:  # in a message, escaped as GitHub's toolkit does
        assert NAME.replace("\n", "%0A") in result.stdout
    elif "html" not in args:  # people see it, its line breaks shown as ␊
        assert SHOWN in result.stdout.replace("\\", "")  # (Markdown escapes the brackets)


def test_a_bad_file_with_line_breaks_in_its_name_is_one_error_line(work):
    (work / "corpus" / NAME).write_bytes(b"\x00binary")
    result = invoke("claims", "corpus")
    assert result.exit_code == InputError.exit_code
    assert result.stderr == f"checker: error: corpus/{SHOWN}: binary file, not text\n"


def test_a_draft_without_claims_warns_in_one_line(work):
    (work / NAME).write_text("An opinion, with no figure in it at all.\n", encoding="utf-8")
    result = invoke("check", NAME, "--against", "draft.md")
    assert result.exit_code == 0
    assert result.stderr == f"checker: warning: {SHOWN}: no figures, dates or quotes to check\n"


def test_rich_emoji_codes_in_a_file_name_stay_text(work):
    (work / "corpus" / ":cross_mark:.md").write_bytes(b"\x00binary")
    result = invoke("ingest", "corpus", "--store", "s.db", "--keep-going")
    assert "checker: error: corpus/:cross_mark:.md: binary file, not text" in result.stderr
    (work / "corpus" / ":cross_mark:.md").write_text(WIRE, encoding="utf-8")
    assert "added corpus/:cross_mark:.md\n" in invoke("ingest", "corpus", "--store", "s.db").stdout


# --- names that are not UTF-8 ---------------------------------------------------------

BAD = os.fsdecode(b"bad\xff.md")  # "bad\udcff.md": the undecodable byte as a lone surrogate


@pytest.fixture
def non_utf8_name(work):
    try:
        (work / "corpus" / BAD).write_text(WIRE, encoding="utf-8")
    except (OSError, UnicodeEncodeError):  # a filesystem that insists on UTF-8 names
        pytest.skip("this filesystem refuses a file name that is not UTF-8")
    (work / "corpus" / "good.md").write_text(WIRE, encoding="utf-8")
    return work


ERROR = "checker: error: corpus/bad\\xff.md: file name is not UTF-8; rename the file\n"
RUNS = [
    (["claims", "corpus"], 3),
    (["ingest", "corpus", "--store", "s.db"], 3),
    (["report", "corpus"], 3),
    (["check", "draft.md", "--against", "corpus"], 2),
]


@pytest.mark.parametrize("args, code", RUNS, ids=lambda a: " ".join(a) if isinstance(a, list) else str(a))
def test_a_file_name_that_is_not_utf8_is_one_error_line(non_utf8_name, args, code):
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (code, ERROR), result.exception
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args, code", RUNS, ids=lambda a: " ".join(a) if isinstance(a, list) else str(a))
def test_keep_going_sets_a_non_utf8_name_aside_and_goes_on(non_utf8_name, args, code):
    result = invoke(*args, "--keep-going")
    assert (result.exit_code, result.stderr) == (code, ERROR), result.exception
    assert "good.md" in result.stdout or "$12 million" in result.stdout
    assert not os.path.exists("s.db") or "good.md" in invoke("claims", "--store", "s.db").stdout


def test_a_rules_file_name_is_shown_as_written_on_one_line(work):
    (work / "house").mkdir()
    rule = "[bold]x\n::stop-commands::y"  # the id is the file name: rich markup and a line break
    (work / "house" / f"{rule}.yaml").write_bytes((ROOT / "rules" / "single-source.yaml").read_bytes())
    for args in (["rules", "list", "--rules", "house"], ["rules", "show", rule, "--rules", "house"]):
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        assert "[bold]x␊::stop-commands::y" in result.stdout and forged_lines(result.stdout) == []

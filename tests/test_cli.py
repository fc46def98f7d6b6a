"""The `checker claims` command, driven through typer's CliRunner.

Click 8.2+ keeps stdout and stderr apart (`result.stdout`, `result.stderr`).
Rich sizes its output from $COLUMNS, so each call sets it: wide for tables (no
wrapping inside cells), 80 (the width of a pipe) for the one-line-error checks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import checker
from checker import cli
from checker.cli import app
from checker.commands import common
from checker.errors import FrontMatterError, InputError, ModelError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (ROOT / "seeds").glob("*.md"))
WIDE = {"COLUMNS": "400"}
PIPE = {"COLUMNS": "80"}


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    """No colour forced on from outside: output goes to a pipe here."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["claims", *args], env=env or WIDE)


def run_json(*args: str) -> dict:
    result = run("--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def file_text(path: str | Path) -> str:
    """A document's text as checker reads it: bytes decoded, newlines untouched, BOM dropped."""
    return Path(path).read_bytes().decode("utf-8-sig")


def assert_clean_failure(result, code: int) -> str:
    """Exit `code`, nothing on stdout, one `checker: error:` line on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught error
    assert result.stdout == ""
    assert result.stderr.startswith("checker: error: ")
    assert "Traceback" not in result.stderr
    assert "\x1b[" not in result.stderr
    return result.stderr


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- output -----------------------------------------------------------------


def test_table_for_the_seeds(in_repo):
    result = run("seeds/")
    assert result.exit_code == 0, result.stderr
    assert "$550 billion" in result.stdout
    for name in SEEDS:
        if "2025-11-06" in name or "global-economic-times" in name:  # both state the $550 billion
            assert f"seeds/{name}" in result.stdout
    assert "line" in result.stdout and "normalized" in result.stdout
    assert "\x1b[" not in result.stdout


def test_json_for_the_seeds(in_repo):
    payload = run_json("seeds/")
    assert payload["schema"] == "checker.claims/1"
    assert set(payload) == {"schema", "documents", "claims", "warnings"}

    documents = payload["documents"]
    assert [d["id"] for d in documents] == [f"seeds/{name}" for name in SEEDS]
    for document in documents:
        assert set(document) == {"id", "path", "title", "source", "published"}
        assert document["path"] == document["id"]
    orf = documents[0]
    assert orf["title"] == "Early Signals from Takaichi's First Week: Navigating ASEAN and the US"
    assert orf["source"] == "Observer Research Foundation"
    assert orf["published"] == "2025-10-30"

    claims = payload["claims"]
    assert claims
    texts = {d["id"]: file_text(ROOT / d["path"]) for d in documents}
    for claim in claims:
        assert claim["document"] in texts
        assert claim["text"] == texts[claim["document"]][claim["start"] : claim["end"]], claim
    money = [c for c in claims if c["text"] == "$550 billion"]
    assert money and all(c["kind"] == "money" and c["unit"] == "USD" and c["value"] == 550e9 for c in money)


def test_kind_filters_claims(in_repo):
    everything = run_json("seeds/")["claims"]
    money = run_json("--kind", "money", "seeds/")["claims"]
    assert money and {c["kind"] for c in money} == {"money"}
    assert money == [c for c in everything if c["kind"] == "money"]

    two = run_json("-k", "money", "-k", "percent", "seeds/")["claims"]
    assert {c["kind"] for c in two} == {"money", "percent"}

    table = run("--kind", "money", "seeds/")
    assert table.exit_code == 0
    assert "$550 billion" in table.stdout
    assert "│ money │" in table.stdout
    assert "│ quote" not in table.stdout and "│ date" not in table.stdout


def test_unknown_kind_is_a_usage_error(in_repo):
    result = run("--kind", "bogus", "seeds/")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bogus" in result.stderr


@pytest.mark.parametrize("args, message, hint", [
    (["claims", "--kind", "bogus", "seeds/"], "'bogus' is not one of 'money', 'percent'", "checker claims --help"),
    (["claims", "--nope"], "No such option: --nope", "checker claims --help"),
    (["check"], "Missing argument 'drafts'.", "checker check --help"),
    (["report", "-f", "pdf"], "'pdf' is not one of 'console', 'json'", "checker report --help"),
    (["ingest", "--jobs", "0", "seeds/"], "Input should be greater than or equal to 1", "checker ingest --help"),
    (["rules", "show"], "Missing argument 'rule_id'.", "checker rules show --help"),
    (["rules", "show", "nope"], "no rule 'nope'; `checker rules list` shows them", "checker rules show --help"),
    (["nosuch\n::stop-commands::x"], "No such command 'nosuch\\n::stop-commands::x'.", "checker --help"),
])
def test_a_usage_error_is_one_line_and_a_hint(in_repo, args, message, hint):
    result = CliRunner().invoke(app, args, env=PIPE)
    assert (result.exit_code, result.stdout) == (2, "")
    error, usage = result.stderr.splitlines()
    assert error.startswith("checker: error: ") and message in error, error
    assert usage == f"Try '{hint}' for help."


def test_help_is_still_help(in_repo):
    assert CliRunner().invoke(app, ["claims", "--help"], env=WIDE).exit_code == 0
    bare = CliRunner().invoke(app, [], env=WIDE)  # no command: the help, as before
    assert "Usage: checker" in bare.stdout + bare.stderr and "checker: error" not in bare.stderr


@pytest.mark.parametrize("args, code", [(["claims", "seeds/"], 0), (["report", "seeds/"], 0),
                                        (["check", "seeds/", "--against", "seeds/", "-f", "json"], 1)])
def test_a_reader_that_stops_early_is_not_an_error(in_repo, args, code):
    """`checker claims seeds/ | head -2`: the pipe is closed before checker writes, as `head` does
    once it has its lines; checker exits as it would have (`check`: 1, it found problems), quietly."""
    process = subprocess.Popen([sys.executable, "-m", "checker", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "80"})
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert (process.returncode, stderr.decode()) == (code, "")


# --- errors -----------------------------------------------------------------


def test_missing_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stderr = assert_clean_failure(run("nope.md", env=PIPE), InputError.exit_code)
    assert InputError.exit_code == 3
    assert stderr == "checker: error: nope.md: no such file or folder\n"


def test_non_utf8_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "latin1.md", "Paris\nCaf\xe9\n".encode("latin-1"))
    stderr = assert_clean_failure(run("latin1.md", env=PIPE), 3)
    assert stderr.startswith("checker: error: latin1.md:2: not UTF-8")
    assert stderr.count("\n") == 1


def test_bad_front_matter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "---\ntitle: T\ndraft: maybe\n---\nBody.\n")
    stderr = assert_clean_failure(run("a.md", env=PIPE), FrontMatterError.exit_code)
    assert FrontMatterError.exit_code == 4
    assert stderr.startswith("checker: error: a.md:3: [draft] Input should be a valid boolean")


def test_error_in_a_later_file_prints_nothing_on_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "Japan pledged $550 billion.\n")
    write(tmp_path / "b.md", b"")
    stderr = assert_clean_failure(run(".", env=PIPE), 3)
    assert stderr == "checker: error: b.md: empty file\n"


def test_unknown_model(in_repo):
    stderr = assert_clean_failure(run("--model", "no_such_model", "seeds/", env=PIPE), ModelError.exit_code)
    assert ModelError.exit_code == 6
    assert stderr.startswith("checker: error: cannot load spaCy pipeline 'no_such_model'")


@pytest.mark.parametrize("case", ["long-path", "unknown-model"])
def test_error_is_one_line_however_long(tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    if case == "long-path":
        result = run(f"{'x' * 60}/{'y' * 60}/missing.md", env=PIPE)
    else:
        write(tmp_path / "a.md", "Body.\n")
        result = run("--model", "no_such_model", "a.md", env=PIPE)
    stderr = assert_clean_failure(result, 3 if case == "long-path" else 6)
    assert stderr.count("\n") == 1, stderr


def test_impossible_front_matter_date(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "---\npublished: 2025-13-45\n---\nBody.\n")
    stderr = assert_clean_failure(run("a.md", env=PIPE), 4)
    assert stderr.startswith("checker: error: a.md:2: ")


# --- article text is data, never markup -------------------------------------

MARKUP = (
    "---\n"
    'title: "[bold]Markup[/bold] test"\n'
    'source: "[link=http://x]Wire[/link]"\n'
    "---\n"
    '"Spend [bold red]$5 billion[/] on [link=http://x]ships[/link]," said Minister Sato.\n'
    "Exports rose 12% to ¥3 trillion, Sato said.\n"
)
QUOTED = "Spend [bold red]$5 billion[/] on [link=http://x]ships[/link]"


def test_markup_in_article_text_is_printed_literally(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "[bold]markup.md", MARKUP)
    result = run("[bold]markup.md")
    assert result.exit_code == 0, result.stderr
    assert QUOTED in result.stdout
    assert "[bold]markup.md" in result.stdout  # the table title, too
    assert "¥3 trillion" in result.stdout
    assert "\x1b[" not in result.stdout


def test_markup_in_article_text_survives_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", MARKUP)
    payload = run_json("a.md")
    assert payload["documents"][0]["title"] == "[bold]Markup[/bold] test"
    assert payload["documents"][0]["source"] == "[link=http://x]Wire[/link]"
    quotes = [c for c in payload["claims"] if c["kind"] == "quote"]
    assert [q["text"] for q in quotes] == [QUOTED]
    assert quotes[0]["speaker"] == "Sato"
    text = file_text(tmp_path / "a.md")
    for claim in payload["claims"]:
        assert claim["text"] == text[claim["start"] : claim["end"]]
    assert "¥3 trillion" in [c["text"] for c in payload["claims"]]  # not escaped to \u00a5
    assert "\\u00a5" not in run("--format", "json", "a.md").stdout


def test_version_prints_the_version_and_exits_0():
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"checker {checker.__version__}\n")


@pytest.mark.parametrize("raised", [ValueError("a serializer wrapped it"), InputError("a driver answered it")])
def test_after_a_signal_any_error_ends_the_run_as_interrupted(monkeypatch, capsys, raised):
    """A Ctrl-C can come back wrapped in another library's error; the run still ends as
    interrupted, in one line, with the shell's 128 + signal."""
    monkeypatch.setattr(common, "_signalled", [signal.SIGINT])
    with pytest.raises(typer.Exit) as stopped, cli.reported():
        raise raised
    assert stopped.value.exit_code == 130
    assert "interrupted by SIGINT" in capsys.readouterr().err


def test_without_a_signal_an_unexpected_error_is_not_disguised(monkeypatch):
    monkeypatch.setattr(common, "_signalled", [])
    with pytest.raises(ValueError), cli.reported():
        raise ValueError("a bug")

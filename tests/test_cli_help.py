"""Help and shell completion: on/off options read as flags, completion scripts for the usual shells,
and completion that offers checker's own commands and options."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from checker.cli import app

from .conftest import ROOT

WIDE = {"COLUMNS": "200"}


def _commands(command=None, path=()):
    """Every command of the `checker` tree, with the words that call it: groups and sub-apps too."""
    command = command or typer.main.get_command(app)
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands())


def test_the_tree_is_all_there():
    assert {" ".join(path) for path, _ in COMMANDS} >= {"", "claims", "ingest", "report", "check", "rules list"}


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) or "checker" for p, _ in COMMANDS])
def test_help_shows_on_off_options_as_flags(path, command):
    result = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert "<bool>" not in result.stdout and "BOOLEAN" not in result.stdout
    flags = [p for p in command.params if getattr(p, "is_flag", False) and not p.hidden]
    for flag in flags:
        for name in [*flag.opts, *flag.secondary_opts]:
            assert name in result.stdout
    lines = [line for line in result.stdout.splitlines() if "--help" in line]
    assert lines and all("<" not in line for line in lines)  # --help, a flag every command has


def _flag_value(path: tuple[str, ...], option: str):
    """What `option` sets, as the command's own parser reads the command line."""
    command = dict(COMMANDS)[path]
    context = command.make_context(" ".join(("checker", *path)), [option], resilient_parsing=True)
    return context.params


@pytest.mark.parametrize("path, option, name, value", [
    (("claims",), "--keep-going", "keep_going", True),
    (("ingest",), "--prune", "prune", True),
    (("report",), "--single", "single", True),
    (("report",), "--no-single", "single", False),
    (("check",), "--keep-going", "keep_going", True),
])
def test_flags_parse_without_a_value(path, option, name, value):
    assert _flag_value(path, option)[name] is value
    assert _flag_value(path, "--store=x")[name] is False  # every on/off option of checker is off by default


def test_a_flag_takes_no_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["claims", "--keep-going", "true"], env=WIDE)
    missing = CliRunner().invoke(app, ["claims", "true"], env=WIDE)
    assert result.exit_code == missing.exit_code != 0  # "true" is a path (not found), not the flag's value
    assert "true" in result.stderr


def _checker(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], check=False, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=120)


@pytest.mark.parametrize("shell, mentions", [
    ("bash", "_CHECKER_COMPLETE=complete_bash"),
    ("zsh", "_CHECKER_COMPLETE=complete_zsh"),
    ("fish", "_CHECKER_COMPLETE=complete_fish"),
])
def test_show_completion_prints_the_shells_script(shell, mentions):
    # typer detects the user's shell; this variable makes it take the shell named instead
    result = _checker({"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}, "--show-completion", shell)
    assert result.returncode == 0, result.stderr
    assert mentions in result.stdout and "checker" in result.stdout


def _complete_bash(words: str) -> list[str]:
    """What bash completion offers for the command line `words` (the last word being typed)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = _checker({"_CHECKER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_commands_and_options():
    assert _complete_bash("checker re") == ["report"]
    assert set(_complete_bash("checker ")) >= {"claims", "ingest", "report", "check", "rules"}
    assert "--keep-going" in _complete_bash("checker report --k")
    assert set(_complete_bash("checker report --format ")) == {"console", "json", "markdown", "html", "sarif"}


@pytest.mark.parametrize("shell, env, offered", [
    ("zsh", {}, '"report":"The consistency report'),
    ("fish", {"_TYPER_COMPLETE_FISH_ACTION": "get-args"}, "report\tThe consistency report"),
])
def test_completion_in_zsh_and_fish(shell, env, offered):
    result = _checker({"_CHECKER_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "checker re", **env})
    assert result.returncode == 0 and offered in result.stdout and "ingest" not in result.stdout

"""The progress bar of the commands that read documents: on stderr when it is a terminal, never in
a pipe, and what goes to stdout is the same byte for byte either way."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SEEDS = ROOT / "seeds"
DRAFT = min(SEEDS.glob("*.md"))
FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE", "NO_COLOR")


def _environment() -> dict[str, str]:
    """A plain environment: 80 columns, terminal or not decided by the streams themselves."""
    env = {k: v for k, v in os.environ.items() if k not in FORCING}
    return {**env, "PYTHONPATH": str(ROOT), "COLUMNS": "80", "LINES": "24"}


def _run(args: list[str], cwd: Path, stderr_on_a_terminal: bool) -> tuple[int, bytes, bytes]:
    """Exit code, stdout (a file) and stderr (a terminal, or a pipe) of `checker args`."""
    out = cwd / "stdout.bin"
    with out.open("wb") as stdout:
        if not stderr_on_a_terminal:
            done = subprocess.run([sys.executable, "-m", "checker", *args], stdout=stdout, stderr=subprocess.PIPE,
                                  cwd=cwd, env=_environment(), timeout=300, check=False)
            return done.returncode, out.read_bytes(), done.stderr
        controller, terminal = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "checker", *args], stdout=stdout, stderr=terminal,
                                   stdin=subprocess.DEVNULL, cwd=cwd, env=_environment())
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal is closed: the command has ended
                break
            if not chunk:
                break
            shown += chunk
        os.close(controller)
        return process.wait(timeout=300), out.read_bytes(), shown


@pytest.mark.parametrize("args, label", [
    (["claims", str(SEEDS)], b"extracting"),
    (["report", str(SEEDS)], b"extracting"),
    (["check", str(DRAFT), "--against", str(SEEDS), "-f", "json"], b"extracting the corpus"),
    (["ingest", str(SEEDS), "--store", "claims.db"], b"ingesting"),
])
def test_a_bar_on_a_terminal_and_the_same_output(args, label, tmp_path):
    (tmp_path / "bar").mkdir()
    (tmp_path / "plain").mkdir()
    code, stdout, bar = _run(args, tmp_path / "bar", stderr_on_a_terminal=True)
    plain_code, plain_stdout, plain_stderr = _run(args, tmp_path / "plain", stderr_on_a_terminal=False)
    assert label in bar and b"\x1b[" in bar  # drawn, and redrawn in place
    assert label not in plain_stderr and b"\x1b[" not in plain_stderr
    assert plain_stderr == b""
    assert (code, stdout) == (plain_code, plain_stdout) and stdout

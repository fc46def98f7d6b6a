"""Terminal escapes, control characters and bidi overrides in articles reach no reader live.

Two articles on one story carry an OSC title change, colour and blink codes,
a bell, a one-byte CSI, a carriage return and a right-to-left override; every
human-facing output of every command must show them as inert stand-ins, and
the JSON outputs must keep them, escaped, as data.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.render.inert import inert

HOSTILE = "\x1b]0;pwned\x07 \x1b[31m\x1b[5m \x9b2J \r \u202e"
LIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

A = f"""---
source: "Harbor Wire"
published: 2025-03-10
---
The Port of Elmhaven approved a budget of $12 million {HOSTILE} for dredging on Monday.
Harbor master Jane Ortiz said the dredging "will keep the channel {HOSTILE} open".
"""
B = """---
source: "Coastal Times"
published: 2025-03-11
---
The Port of Elmhaven approved a $15 million budget for dredging on Monday.
"""


@pytest.fixture
def story(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "a.md").write_text(A, encoding="utf-8", newline="")
    (tmp_path / "b.md").write_text(B, encoding="utf-8")
    return tmp_path


def test_inert_keeps_every_offset():
    shown = inert(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert not LIVE.search(shown)
    assert inert("tab\tand\nnewline") == "tab\tand\nnewline"
    assert shown.startswith("␛]0;pwned␇")


@pytest.mark.parametrize("args", [
    ["claims", "a.md"],
    ["report", "a.md", "b.md"],
    ["report", "a.md", "b.md", "--single"],
    ["report", "a.md", "b.md", "-f", "markdown"],
    ["report", "a.md", "b.md", "-f", "html"],
    ["check", "b.md", "--against", "a.md"],
    ["check", "a.md", "--against", "b.md", "-f", "github"],
])
def test_human_facing_outputs_show_control_characters_inertly(story, args):
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    if "github" not in args:  # annotations carry messages only, not sentences
        assert "pwned" in result.stdout  # the text is shown, not dropped
    assert not LIVE.search(result.stdout), repr(LIVE.search(result.stdout))
    assert not LIVE.search(result.stderr)


@pytest.mark.parametrize("args", [
    ["claims", "a.md", "-f", "json"],
    ["report", "a.md", "b.md", "-f", "json"],
    ["report", "a.md", "b.md", "-f", "sarif"],
    ["check", "a.md", "--against", "b.md", "-f", "json"],
])
def test_json_outputs_keep_the_text_as_escaped_data(story, args):
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", result.stdout)  # JSON escapes C0 controls
    data = json.loads(result.stdout)
    if "claims" in data:  # the sentences are kept exactly, as data
        assert any(HOSTILE in c["sentence"] for c in data["claims"])


def test_a_hostile_file_name_is_shown_inertly_in_errors(story):
    (story / "evil\x1b[2J.md").write_bytes(b"\x00binary")
    result = CliRunner().invoke(app, ["claims", "a.md", "evil\x1b[2J.md"], env={"COLUMNS": "200"})
    assert result.exit_code == 3
    assert "evil␛[2J.md: binary file" in result.stderr
    assert not LIVE.search(result.stderr)

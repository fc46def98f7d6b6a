"""Hostile files, through the real CLI: where output goes, what is read, and how much.

Output paths that are devices, pipes, other users' files, the run's own inputs
or behind a linked folder; inputs that are pipes, devices or folders; files too
big, too deep or with values no figure can have. Each is one `checker: error:`
line and its exit code, or (for output to a device or pipe) the text written
through, and nothing else touched.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import warnings
from pathlib import Path

import pytest
import spacy

from checker.documents import find_dateline

from .hostile_inputs import GOOD, KINDS, ROLES, lay_out
from .test_bad_input import FACT, RULE, assert_one_error, run, work  # noqa: F401  (work: a fixture)

ROOT = os.geteuid() == 0


# --- item 1: output paths ------------------------------------------------------------------------


@pytest.mark.skipif(not ROOT, reason="making a device node needs root")
def test_output_to_a_character_device_writes_through_it(work):
    os.mknod(work / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    result = run("report", "good.md", "-f", "json", "-o", "null")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(work / "null").st_mode), "the device was replaced by a file"
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_output_to_a_fifo_writes_into_it(work):
    os.mkfifo(work / "pipe")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append((work / "pipe").read_bytes()), daemon=True)
    reader.start()
    result = run("report", "good.md", "-f", "json", "-o", "pipe")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(work / "pipe").st_mode), "the FIFO was replaced by a file"
    assert received and json.loads(received[0])["documents"][0]["id"] == "good.md"


def test_an_existing_file_keeps_its_mode_and_owner(work):
    out = work / "report.json"
    out.write_text("old\n")
    out.chmod(0o600)
    if ROOT:
        os.chown(out, 1234, 2345)
    assert run("report", "good.md", "-f", "json", "-o", "report.json").exit_code == 0
    status = os.stat(out)
    assert stat.S_IMODE(status.st_mode) == 0o600
    if ROOT:
        assert (status.st_uid, status.st_gid) == (1234, 2345)
    assert json.loads(out.read_text())["documents"]


@pytest.mark.parametrize("args, code, target", [
    (["export", "--store", "s.db", "-o", "s.db"], 17, "s.db"),
    (["report", "good.md", "-f", "json", "-o", "good.md"], 17, "good.md"),
    (["report", "corpus", "-f", "json", "-o", "corpus/source.md"], 17, "corpus/source.md"),
    (["report", "--store", "s.db", "-f", "json", "-o", "s.db"], 17, "s.db"),
    (["report", "good.md", "--facts", "f.yaml", "-f", "json", "-o", "f.yaml"], 17, "f.yaml"),
    (["check", "good.md", "--against", "corpus", "--write-baseline", "good.md"], 2, "good.md"),
    (["check", "good.md", "--against", "corpus", "--write-baseline", "corpus/source.md"], 2, "corpus/source.md"),
    (["check", "good.md", "--against", "s.db", "--write-baseline", "s.db"], 2, "s.db"),
], ids=["export-over-store", "report-over-draft", "report-over-corpus-file", "report-over-store", "report-over-facts",
        "baseline-over-draft", "baseline-over-corpus-file", "baseline-over-store"])
def test_an_output_path_that_is_an_input_is_refused(work, args, code, target):
    assert run("ingest", "good.md", "--store", "s.db").exit_code == 0
    (work / "f.yaml").write_text(FACT)
    before = (work / target).read_bytes()
    assert_one_error(run(*args), code, f"{target}: is one of this run's inputs; refusing to write over it")
    assert (work / target).read_bytes() == before


def test_a_baseline_may_be_rewritten_in_place(work):
    """`--baseline b.json --write-baseline b.json` updates the accepted findings: read, not an input document."""
    assert run("check", "good.md", "--against", "corpus", "--write-baseline", "b.json").exit_code == 0
    again = run("check", "good.md", "--against", "corpus", "--baseline", "b.json", "--write-baseline", "b.json")
    assert again.exit_code == 0, again.stderr


def test_a_symlinked_output_folder_is_refused(work, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (work / "out").symlink_to(elsewhere, target_is_directory=True)
    assert_one_error(run("report", "good.md", "-f", "json", "-o", "out/r.json"), 17,
                     "out/r.json: its folder is a symbolic link; refusing to write through it")
    assert list(elsewhere.iterdir()) == []


def test_long_output_names(work):
    longest = "x" * 250 + ".json"  # 255 bytes, the most a name may have: written
    result = run("report", "good.md", "-f", "json", "-o", longest)
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    assert json.loads((work / longest).read_text())["documents"]
    too_long = "y" * 300 + ".json"
    assert_one_error(run("report", "good.md", "-f", "json", "-o", too_long), 17,
                     f"{too_long}: cannot write: File name too long")


# --- item 12: non-regular inputs; sizes -----------------------------------------------------------


@pytest.fixture
def alarm():
    """A hang fails the test instead of stopping the suite."""
    import signal

    def expire(*_):
        raise TimeoutError("hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("name, args, code", [r[1:] for r in ROLES], ids=[r[0] for r in ROLES])
def test_a_non_regular_input_is_refused_at_once(tmp_path, monkeypatch, alarm, kind, name, args, code):
    monkeypatch.chdir(tmp_path)
    line = lay_out(tmp_path, name, kind)
    assert_one_error(run(*args), code, line)


def test_a_folder_named_like_a_rules_file(work):
    (work / "mine" / "x.yaml").mkdir(parents=True)
    assert_one_error(run("rules", "list", "--rules", "mine"), 13,
                     "mine/x.yaml: is a folder, not a regular file; refusing to read it")


def test_a_fact_sheet_over_its_size_limit(work):
    (work / "f.yaml").write_text(FACT + ("# " + "x" * 98 + "\n") * 59_000)  # 6 MB of comments
    assert_one_error(run("report", "good.md", "-f", "json", "--facts", "f.yaml"), 14,
                     "f.yaml: file is 6.0 MB, over the 5 MB limit")


def test_front_matter_is_bounded(work):
    """Before: 2 MB of front matter with one unknown key took 36 s and 1.4 GB to report the key."""
    head = "---\ntitle: T\ncolour: red\n" + ("# " + "x" * 97 + "\n") * 2_000 + "---\n"
    (work / "a.md").write_text(head + GOOD)
    assert_one_error(run("claims", "a.md"), 4, "a.md:1: front matter is 200 KB, over the 64 KB limit")


# --- item 9: fact sheets -------------------------------------------------------------------------


@pytest.mark.parametrize("text, line", [
    (FACT.replace("value: 5", "value: .nan"), "f.yaml:4: [facts.0.value] a finite number is needed, not nan"),
    (FACT.replace("value: 5", "value: -.inf"), "f.yaml:4: [facts.0.value] a finite number is needed, not -inf"),
    (FACT.replace("value: 5", "low: 1\n    high: abc"),
     "f.yaml:5: [facts.0.high] a money fact needs a number, not 'abc'"),
    (FACT.replace("kind: money", "kind: date").replace("value: 5", "value: soon"),
     "f.yaml:4: [facts.0.value] a date fact needs an ISO date such as 2025-10-30, not 'soon'"),
    (FACT + FACT.replace("facts:\n", "").replace("value: 5", "value: 6"),
     "f.yaml:7: [facts.1.key] the key 'pledge' is already used by an earlier fact"),
], ids=["nan", "inf", "text-for-a-number", "not-a-date", "duplicate-key"])
def test_a_fact_sheet_with_impossible_values(work, text, line):
    (work / "f.yaml").write_text(text)
    assert_one_error(run("report", "good.md", "-f", "json", "--facts", "f.yaml"), 14, line)


# --- item 17: one line, not a traceback ----------------------------------------------------------


def _broken_model(part: str, text: str):
    def make(folder: Path) -> None:
        spacy.blank("en").to_disk(folder / "model")
        (folder / "model" / part).write_text(text)
    return make


def _deep_baseline(folder: Path) -> None:
    (folder / "b.yaml").write_text("[" * 100_000 + "]" * 100_000)


CASES = [
    # id, {file: text or maker}, command line, exit code, the line after "checker: error: "
    ("settings-inf", {"checker.toml": "max_file_mb = inf\n"}, ["claims", "good.md"], 7,
     "checker.toml:1: [max_file_mb] Input should be a finite number"),
    ("settings-huge", {"checker.toml": "# size\nmax_file_mb = 1e300\n"}, ["claims", "good.md"], 7,
     "checker.toml:2: [max_file_mb] Input should be less than or equal to 10000"),
    ("settings-nul-path", {"checker.toml": 'store = "s.db"\nfacts = "f\\u0000.yaml"\n'}, ["report", "good.md"], 7,
     "checker.toml:2: [facts] a path cannot hold a NUL byte"),
    ("rules-not-utf8", {"mine/r.yaml": RULE.encode() + b"# caf\xe9\n"}, ["rules", "list", "--rules", "mine"], 13,
     "mine/r.yaml:5: not UTF-8 (byte 88)"),
    ("params-text", {"mine/r.yaml": RULE + "params:\n  window_days: abc\n"}, ["rules", "list", "--rules", "mine"], 13,
     "mine/r.yaml:6: [params.window_days] Input should be a valid integer, unable to parse string as an integer"),
    ("params-nan", {"mine/r.yaml": RULE + "params:\n  min_similarity: .nan\n"}, ["rules", "list", "--rules", "mine"],
     13, "mine/r.yaml:6: [params.min_similarity] Input should be a finite number"),
    ("params-huge", {"mine/r.yaml": RULE + "params:\n  window_days: 1.0e+308\n"}, ["rules", "list", "--rules", "mine"],
     13, "mine/r.yaml:6: [params.window_days] Unable to parse input string as an integer, exceeded maximum size"),
    ("params-too-many-days", {"mine/r.yaml": RULE + "params:\n  window_days: 100000\n"},
     ["rules", "list", "--rules", "mine"], 13,
     "mine/r.yaml:6: [params.window_days] Input should be less than or equal to 36500"),
    ("params-unknown", {"mine/r.yaml": RULE + "params:\n  window_dayz: 3\n"}, ["rules", "list", "--rules", "mine"],
     13, "mine/r.yaml:6: [params.window_dayz] Extra inputs are not permitted"),
    ("baseline-deep", {"b.yaml": _deep_baseline}, ["check", "good.md", "--against", "corpus", "--baseline", "b.yaml"],
     2, "b.yaml:1: nested more than 100 deep"),
    ("baseline-long-number", {"b.yaml": ("schema: checker.baseline/2\nfiles:\n  a.md:\n    r:\n    - claims: [x]\n"
                                         "      count: " + "1" * 5000 + "\n")},
     ["check", "good.md", "--against", "corpus", "--baseline", "b.yaml"], 2,
     ("b.yaml:6: invalid value: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; "
      "use sys.set_int_max_str_digits() to increase the limit")),
    ("front-matter-deep", {"a.md": "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + GOOD}, ["claims", "a.md"],
     4, "a.md:2: nested more than 100 deep"),
    ("model-bad-config", {"m": _broken_model("config.cfg", "[nlp\n")}, ["claims", "good.md", "--model", "model"], 6,
     "cannot load spaCy pipeline 'model': Config validation error"),
    ("model-bad-meta", {"m": _broken_model("meta.json", "{bad\n")}, ["claims", "good.md", "--model", "model"], 6,
     "cannot load spaCy pipeline 'model': Expected object or value"),
]


@pytest.mark.parametrize("files, args, code, line", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_is_one_line_and_its_exit_code(work, files, args, code, line):
    for name, content in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(work)
        elif isinstance(content, bytes):
            (work / name).write_bytes(content)
        else:
            (work / name).write_text(content)
    assert_one_error(run(*args), code, line)


def test_rule_parameters_keep_working(work):
    """Known parameters of the right type still load, and reach the check."""
    (work / "mine").mkdir()
    (work / "mine" / "r.yaml").write_text(RULE + "params:\n  window_days: 10\n  min_similarity: 0.5\n")
    result = run("rules", "show", "r", "--rules", "mine")
    assert result.exit_code == 0, result.stderr
    assert "window_days = 10" in result.stdout and "min_similarity = 0.5" in result.stdout


# --- item 19: front matter and datelines ----------------------------------------------------------


def test_an_unreadable_dateline_is_no_date_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil's UnknownTimezoneWarning printed an internal path
        assert find_dateline("Published on 2A,N2025\n\nJapan pledged $5 billion.\n") is None
        assert find_dateline("Published on Oct 30, 2025\n\nBody.\n").isoformat() == "2025-10-30"


@pytest.mark.parametrize("head, line", [
    ("published: 0\n", "a.md:2: [published] a date such as 2025-10-30, not the number 0"),
    ("published: 20251030\n", "a.md:2: [published] a date such as 2025-10-30, not the number 20251030"),
    ("title: A\nsource: S\ntitle: B\n", "a.md:4: duplicate key 'title' (first on line 2)"),
], ids=["published-zero", "published-number", "duplicate-key"])
def test_front_matter_that_was_silently_misread(work, head, line):
    (work / "a.md").write_text(f"---\n{head}---\n{GOOD}")
    assert_one_error(run("claims", "a.md"), 4, line)


def test_offsets_in_a_file_with_a_byte_order_mark(work):
    """The convention: offsets point into the text decoded with utf-8-sig (the mark dropped)."""
    (work / "bom.md").write_bytes(b"\xef\xbb\xbf---\ntitle: T\n---\n" + GOOD.encode())
    payload = json.loads(run("claims", "bom.md", "-f", "json").stdout)
    text = (work / "bom.md").read_text(encoding="utf-8-sig")
    assert payload["documents"][0]["title"] == "T"  # the front matter is seen past the mark
    claims = payload["claims"]
    assert claims and all(text[c["start"]:c["end"]] == c["text"] for c in claims)
    raw = (work / "bom.md").read_text(encoding="utf-8")
    assert any(raw[c["start"]:c["end"]] != c["text"] for c in claims)  # not the raw decode's

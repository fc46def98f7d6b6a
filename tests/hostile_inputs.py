"""Files that are not regular files, handed to checker wherever it reads one.

A FIFO blocks whoever opens it until a writer comes, and `/dev/zero` never
ends; as a draft, a corpus, a rules file, a fact sheet, a baseline, an import
file or the settings, each must be refused at once in one line. The table is
shared by tests/test_hostile_files.py (in process) and benchmarks/faults.py
(the real command, under a timeout).
"""

from __future__ import annotations

import os
from pathlib import Path

GOOD = "Japan pledged $550 billion in investments on Oct 30, 2025, officials said.\n"

KINDS = {  # name: (how to make one at a path, what the error calls it)
    "fifo": (os.mkfifo, "a named pipe (FIFO)"),
    "dev-zero": (lambda path: path.symlink_to("/dev/zero"), "a character device"),
}

ROLES = [
    # role, the non-regular file, the command line, exit code
    ("draft", "draft.md", ["check", "draft.md", "--against", "corpus"], 2),
    ("document", "doc.md", ["claims", "doc.md"], 3),
    ("against", "other.md", ["check", "good.md", "--against", "other.md"], 2),
    ("rules-file", "mine/house.yaml", ["rules", "list", "--rules", "mine"], 13),
    ("fact-sheet", "facts.yaml", ["report", "good.md", "-f", "json", "--facts", "facts.yaml"], 14),
    ("baseline", "base.json", ["check", "good.md", "--against", "corpus", "--baseline", "base.json"], 2),
    ("import-file", "dump.jsonl", ["import", "dump.jsonl", "--store", "s.db"], 12),
    ("settings", "checker.toml", ["claims", "good.md"], 7),
]


def lay_out(folder: Path, name: str, kind: str) -> str:
    """A working folder with a good document and corpus, and `name` made a `kind`; the error line expected."""
    (folder / "good.md").write_text(GOOD)
    (folder / "corpus").mkdir(exist_ok=True)
    (folder / "corpus" / "source.md").write_text(GOOD)
    (folder / "mine").mkdir(exist_ok=True)
    make, called = KINDS[kind]
    make(folder / name)
    return f"{name}: is {called}, not a regular file; refusing to read it"

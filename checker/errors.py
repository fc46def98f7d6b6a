"""Domain errors, each with the exit code the CLI turns it into.

Library code raises these and never prints; the CLI catches `CheckerError`,
prints its one-line message (`shown`) and exits with its code.
"""

from __future__ import annotations

import difflib
import signal
from collections.abc import Iterable

from .render.inert import one_line


class CheckerError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")

    @property
    def shown(self) -> str:
        """The line the CLI and the pytest plugin print. A file name or a quoted value may hold
        line breaks or escape codes: they are shown inertly, so the error stays one line."""
        return f"checker: error: {one_line(str(self))}"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The hint " (did you mean 'published'?)" when a known name is close to `word`, else "":
    most unknown keys are typos, and the message should say of which name."""
    close = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class InputError(CheckerError):
    """A document cannot be read: missing, unreadable, binary, not UTF-8, empty."""

    exit_code = 3


class FrontMatterError(CheckerError):
    """A document's YAML front matter is malformed or has unknown fields."""

    exit_code = 4


class LexiconError(CheckerError):
    """A file under rules/ is malformed."""

    exit_code = 5


class ModelError(CheckerError):
    """A trained spaCy pipeline named with --model cannot be loaded."""

    exit_code = 6


class ConfigError(CheckerError):
    """A settings file (checker.toml, [tool.checker]) is malformed."""

    exit_code = 7


class StoreError(CheckerError):
    """The claim store cannot be used."""

    exit_code = 8


class NotAStoreError(StoreError):
    """The store path holds a file that is not an SQLite database, or not checker's (or the
    PostgreSQL database named holds other tables)."""

    exit_code = 9


class NewerStoreError(StoreError):
    """The store was written by a newer checker (a schema version this one does not know)."""

    exit_code = 10


class ReadOnlyStoreError(StoreError):
    """The store, or the folder it would be created in, cannot be written."""

    exit_code = 11


class StoreFullError(StoreError):
    """The disk (or filesystem quota) filled up while writing the store; the document being
    written was rolled back."""

    exit_code = 16


class StoreServerError(StoreError):
    """The PostgreSQL server of a store cannot be reached, refuses the login or the database,
    or the connection to it was lost."""

    exit_code = 18


class StoreDriverError(StoreError):
    """A PostgreSQL store is named, but its driver (psycopg) is not installed."""

    exit_code = 19


class RuleError(CheckerError):
    """A rules file is malformed, or names a check that does not exist."""

    exit_code = 13


class ImportFormatError(CheckerError):
    """A file given to `checker import` is not a checker export."""

    exit_code = 12


class OutputError(CheckerError):
    """A report, export or baseline cannot be written where it was asked to go."""

    exit_code = 17


class MissingExtraError(CheckerError):
    """An option needs an optional dependency that is not installed (`--scheduler`: Dask); the
    same code as a PostgreSQL store without its driver."""

    exit_code = 19


class SchedulerError(CheckerError):
    """The Dask scheduler named with --scheduler cannot be reached, has no workers, or was
    lost during the run; or a worker runs another checker than the client."""

    exit_code = 20


class Interrupted(CheckerError):
    """The run was stopped by a signal (Ctrl-C, SIGTERM). Transactions roll back and no output
    is half-written, so what finished is kept; the exit code is the shell's 128 + signal."""

    def __init__(self, signum: int):
        self.exit_code = 128 + signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}; finished work is kept, "
                         "nothing is half-written; run again to complete it")

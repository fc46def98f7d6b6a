"""What the `checker` command prints, and where: results on stdout, one line per problem on stderr.

A script reads checker's output line by line and acts on its exit code, so:
every error, a usage error included, is one `checker: error:` line (click's
boxed usage message would be several, and rich would draw it as a panel);
untrusted text in those lines is made inert (`one_line`) and rich's emoji codes
are off, so a file named ":cross_mark:" prints as written; and a reader that
stops early (`checker claims seeds/ | head -2`) is not an error: the rest of
the output is dropped and the run ends with its own exit code, quietly.
Help lists an on/off option as the flag it is (`--keep-going`), with no value type.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup, TyperOption

from .errors import CheckerError
from .render.inert import one_line
from .wording import counted

err = Console(stderr=True, highlight=False, emoji=False)
# click's UsageError: newer typer vendors its own click, older ones use click itself
_Item = TypeVar("_Item")
_USAGE_ERROR = next(kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "UsageError")


def _no_type_for_flags(display_type_rich):
    """typer (0.29) fills help's type column from `display_type_rich` for every option, so each
    flag, `--help` included, reads `--keep-going <bool>` as if it took a value; its plain help
    skips the type of a flag or counter, and so does this, for every command and sub-app."""

    def shown(option: TyperOption, ctx) -> str | None:
        return None if option.is_flag or option.count else display_type_rich(option, ctx)

    return shown


TyperOption.display_type_rich = _no_type_for_flags(TyperOption.display_type_rich)


def fail(error: CheckerError) -> None:
    err.print(error.shown, markup=False, soft_wrap=True)


def warn(messages: list[str]) -> None:
    for message in messages:
        err.print(f"checker: warning: {one_line(message)}", markup=False, soft_wrap=True)


@contextmanager
def progress(label: str) -> Iterator[Callable[[], None]]:
    """A bar on stderr for a long run over documents, advanced one step per document: only on a
    terminal (never in a pipe or a log) and transient (gone when the run ends), so what a
    command prints, on stdout or stderr, is the same with it or without."""
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[done]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task, done = bar.add_task(label, total=None, done=""), itertools.count(1)
        yield lambda: bar.update(task, advance=1, done=counted(next(done), "document"))


def with_progress(items: Iterable[_Item], label: str) -> list[_Item]:
    """All of `items` (the extractions of documents, made one by one as they are asked for),
    with a step of the bar for each."""
    collected = []
    with progress(label) as step:
        for item in items:
            collected.append(item)
            step()
    return collected


def _drop_the_rest() -> None:
    """After a closed pipe, stdout goes to os.devnull, as Python's docs advise (signal module,
    "Note on SIGPIPE"): the flush at exit cannot fail again and print "Exception ignored"."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def _stdout() -> Iterator[None]:
    """Standard output, where a closed pipe ends the output, not the run."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_the_rest()


class _Stdout(Console):
    """rich's console, which on a closed pipe would exit 1 (`check`'s "problems found")."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        _drop_the_rest()


def write(text: str | Iterable[str]) -> None:
    """Text for programs (JSON, SARIF, annotations, check's lines), as is: whole, or in pieces
    written as they come."""
    with _stdout():
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)


def on_terminal() -> bool:
    """Whether standard output is a terminal, as rich sees it (FORCE_COLOR and TTY_COMPATIBLE too)."""
    return _Stdout().is_terminal


def show(*renderables, **options) -> None:
    """Tables, panels and lines for people, through rich (no colour codes into a pipe)."""
    show_each(renderables, **options)


def show_each(renderables: Iterable, **options) -> None:
    """`show`, each renderable printed as it comes (a report of an archive is never all at hand)."""
    with _stdout():
        console = _Stdout(highlight=False, emoji=False)
        for renderable in renderables:
            console.print(renderable, **options)


class CheckerGroup(TyperGroup):
    """The command group, with click's usage errors (unknown option, bad value, missing argument)
    printed as checker's one error line and a hint, exit 2, instead of a rich panel."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run as a program always (exits with the code); click's own handling is switched off
        only so that its errors come here."""
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _USAGE_ERROR as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                sys.exit(2)  # no command: the help is printed already, exit 2 as before
            err.print(f"checker: error: {one_line(error.format_message())}", markup=False, soft_wrap=True)
            if error.ctx is not None:
                err.print(f"Try '{one_line(error.ctx.command_path)} --help' for help.", markup=False, soft_wrap=True)
            sys.exit(2)
        sys.exit(code or 0)

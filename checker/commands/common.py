"""What every `checker` command shares: its options, turning a domain error into one line and
an exit code, the document reader, and where its claims come from."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..config import load_settings
from ..documents import DocumentReader
from ..engine import load_ruleset
from ..errors import CheckerError, Interrupted
from ..extract import Extraction, Extractor
from ..gather import stored
from ..store import open_store
from ..streams import fail, warn, with_progress

StoreOption = Annotated[str | None, typer.Option("--store", help="The claim store: an SQLite file, or a postgresql:// URL (default: settings, else .checker/claims.db).")]
ModelOption = Annotated[str | None, typer.Option("--model", help="A trained spaCy pipeline to use instead of the blank one.")]
KeepGoingOption = Annotated[bool, typer.Option("--keep-going", help="Report a bad file and go on with the others (the run still fails).")]
RulesOption = Annotated[list[Path] | None, typer.Option("--rules", help="An extra rules folder (repeatable).")]

_signalled: list[int] = []  # the signals this run received, first first


def interrupt(signum: int, _frame) -> None:
    """The handler of Ctrl-C and SIGTERM: the run unwinds as an `Interrupted` error."""
    _signalled.append(signum)
    raise Interrupted(signum)


@contextmanager
def reported() -> Iterator[None]:
    """Turn a domain error into its one-line message and exit code. After Ctrl-C or SIGTERM any
    error is the interruption: the signal can come back wrapped in another library's error (a
    database driver's, a serializer's), and the run must still end as interrupted."""
    try:
        yield
    except Exception as error:
        if _signalled and not isinstance(error, Interrupted):
            error = Interrupted(_signalled[0])
        elif not isinstance(error, CheckerError):
            raise
        fail(error)
        raise typer.Exit(error.exit_code) from None


def reader(keep_going: bool) -> DocumentReader:
    settings = load_settings()  # front matter warnings are printed as each file is read
    return DocumentReader(settings.max_file_mb, keep_going, settings.strict_front_matter, on_warning=lambda w: warn([w]))


def finish(documents: DocumentReader, code: int | None = None) -> None:
    """Print each file --keep-going set aside, in the line that would have stopped the run,
    and exit with the first one's code (or `code`): a skipped file is never a success."""
    for error in documents.errors:
        fail(error)
    if documents.errors:
        raise typer.Exit(code or documents.errors[0].exit_code)


def plain(renderable) -> str:
    """What rich prints into a file: no colour, 80 columns unless $COLUMNS says otherwise."""
    return "".join(plain_pieces([renderable]))


def plain_pieces(renderables: Iterable) -> Iterator[str]:
    """`plain` of each renderable as it comes: the text of a long report, a part at a time."""
    buffer = io.StringIO()
    console = Console(file=buffer, highlight=False)
    for renderable in renderables:
        console.print(renderable)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def store_path(option: str | None) -> str:
    return option or load_settings().store


def ruleset(extra: list[Path] | None):
    settings = load_settings()
    return load_ruleset([*settings.rules, *(extra or [])], settings.severity)


def extracted(paths: list[Path], model: str | None, documents: DocumentReader | None = None) -> list[Extraction]:
    """Extractions of the given files, their warnings printed."""
    extractions = with_progress(Extractor(model).paths(paths, documents), "extracting")
    warn([w for e in extractions for w in e.warnings])
    return extractions


def gather(paths: list[Path] | None, store: str | None, model: str | None,
           documents: DocumentReader | None = None) -> list[Extraction]:
    """Extractions of the given files, or the store's documents and claims when none are given."""
    if paths:
        return extracted(paths, model, documents)
    with open_store(store_path(store), readonly=True) as db:
        return stored(db)

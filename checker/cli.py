"""The `checker` command: thin wiring from arguments to library calls.

Each command makes one library call and hands the result to a renderer;
domain errors become a one-line message on stderr and their exit code.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from .errors import CheckerError
from .extract import Extractor
from .models import Kind
from .render.claims import claims_json, claims_tables

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract dated claims and figures from news text and check them for consistency.",
)
err = Console(stderr=True, highlight=False)


class ClaimsFormat(str, Enum):
    table = "table"
    json = "json"


def fail(error: CheckerError) -> None:
    err.print(f"checker: error: {error}", markup=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


@app.callback()
def main() -> None:
    """checker: claim extraction and fact-consistency checking for news text."""


@app.command()
def claims(
    paths: Annotated[list[Path], typer.Argument(help="Files (.md, .txt) or folders of them.")],
    kind: Annotated[Optional[list[Kind]], typer.Option("--kind", "-k", help="Only claims of this kind (repeatable).")] = None,
    format: Annotated[ClaimsFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimsFormat.table,
    model: Annotated[Optional[str], typer.Option("--model", help="A trained spaCy pipeline to use instead of the blank one.")] = None,
) -> None:
    """List the claims found in documents."""
    kinds = set(kind) if kind else None
    try:
        extractions = list(Extractor(model).paths(paths))
    except CheckerError as error:
        fail(error)
    for extraction in extractions:
        for warning in extraction.warnings:
            err.print(f"checker: warning: {warning}", markup=False, soft_wrap=True)
    if format is ClaimsFormat.json:
        sys.stdout.write(claims_json(extractions, kinds))
    else:
        console = Console()
        for table in claims_tables(extractions, kinds):
            console.print(table)

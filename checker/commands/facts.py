"""`checker facts`: start a fact sheet from what the corpus agrees on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..config import load_settings
from ..output import write_output
from ..render.inert import one_line
from ..sheetwriter import propose_sheet
from ..streams import show
from ..wording import counted
from .common import (
    KeepGoingOption,
    ModelOption,
    RulesOption,
    StoreOption,
    finish,
    gather,
    reader,
    reported,
    ruleset,
    store_path,
)

facts_app = typer.Typer(no_args_is_help=True, help="The fact sheet: start one from what the corpus agrees on.")


@facts_app.command("init")
def facts_init(
    paths: Annotated[list[Path] | None, typer.Argument(help="The corpus: files or folders; none: the store.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The fact sheet to write.")] = ...,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    store: StoreOption = None,
    rules: RulesOption = None,
    model: ModelOption = None,
    keep_going: KeepGoingOption = False,
) -> None:
    """Write a fact sheet of the facts two or more sources agree on, for an editor to prune."""
    with reported():
        files = reader(keep_going)
        extractions = gather(paths, store, model, files)
        sheet = propose_sheet(extractions, ruleset(rules), load_settings().declared())
        read = [e.document.path for e in extractions] if paths else [store_path(store)]
        write_output(output, sheet.text(), read, replace=force)
    left_out = f"; {sheet.left_out} left out (contradicted in the corpus, or matching none of it)" if sheet.left_out else ""
    show(f"wrote {counted(len(sheet.proposals), 'fact')} to {one_line(str(output))}{left_out}", markup=False, soft_wrap=True)
    finish(files)

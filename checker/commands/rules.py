"""`checker rules`: list the consistency rules, show one."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer

from ..render.rules import rule_detail, rules_table
from ..streams import show
from .common import RulesOption, reported, ruleset

rules_app = typer.Typer(no_args_is_help=True, help="The consistency rules: list them, show one.")


@rules_app.command("list")
def rules_list(rules: RulesOption = None) -> None:
    """Every rule with its severity and what it checks."""
    with reported():
        loaded = ruleset(rules)
    show(rules_table(loaded))


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule id, as `rules list` shows it.")], rules: RulesOption = None) -> None:
    """One rule: description, severity, parameters and a bad and a good example."""
    with reported():
        loaded = ruleset(rules)
        rule = loaded.get(rule_id)
    if rule is None:  # a name the user typed, not a broken rule file: a usage error (exit 2)
        close = difflib.get_close_matches(rule_id, [r.id for r in loaded.rules], n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise typer.BadParameter(f"no rule {rule_id!r}; {hint}`checker rules list` shows them", param_hint="RULE_ID")
    show(rule_detail(rule))

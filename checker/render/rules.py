"""Rules for people: a table of all rules, and one rule in full."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..engine import Rule, Ruleset


def rules_table(ruleset: Ruleset) -> Table:
    table = Table(title="Rules", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("what it checks")
    for rule in ruleset.rules:
        first = rule.spec.description.strip().split(". ")[0].rstrip(".") + "."
        table.add_row(rule.id, rule.severity.value if rule.spec.enabled else "off", Text(first))
    return table


def rule_detail(rule: Rule) -> Group:
    params = ", ".join(f"{k} = {v}" for k, v in rule.spec.params.items()) or "none"
    return Group(
        Text.assemble((rule.id, "bold"), f"  ({rule.severity.value}; check {rule.spec.check}; {rule.path})"),
        Text(""),
        Text(" ".join(rule.spec.description.split())),
        Text(""),
        Text.assemble(("parameters: ", "bold"), params),
        Text.assemble(("bad:\n", "bold red"), rule.spec.example.bad.rstrip()),
        Text.assemble(("good:\n", "bold green"), rule.spec.example.good.rstrip()),
    )

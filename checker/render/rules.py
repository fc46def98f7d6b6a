"""Rules for people: a table of all rules, and one rule in full.

A rule's id is its file name and its text comes from a YAML file in a rules
folder, so both are shown as text (`Text`, never rich markup) and inertly;
the id and path on one line."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..engine import Rule, Ruleset
from .inert import inert, one_line


def rules_table(ruleset: Ruleset) -> Table:
    table = Table(title="Rules", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("what it checks")
    for rule in ruleset.rules:
        first = rule.spec.description.strip().split(". ")[0].rstrip(".") + "."
        table.add_row(Text(one_line(rule.id)), rule.severity.value if rule.spec.enabled else "off", Text(inert(first)))
    return table


def rule_detail(rule: Rule) -> Group:
    params = one_line(", ".join(f"{k} = {v}" for k, v in rule.spec.params.items()) or "none")
    return Group(
        Text.assemble((one_line(rule.id), "bold"), f"  ({rule.severity.value}; check {rule.spec.check}; {one_line(rule.path)})"),
        Text(""),
        Text(one_line(" ".join(rule.spec.description.split()))),
        Text(""),
        Text.assemble(("parameters: ", "bold"), params),
        Text.assemble(("bad:\n", "bold red"), inert(rule.spec.example.bad.rstrip())),
        Text.assemble(("good:\n", "bold green"), inert(rule.spec.example.good.rstrip())),
    )

"""Rules as data: one YAML file per rule under rules/, validated strictly.

The rule's id is its file name. A file names the registered check that
implements it, the severity of what it reports, its parameters, and a bad
and a good example. The default rules ship inside the package; a user adds a
folder of their own (same format) and may override severities in settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import RuleError
from ..yamlfile import load_model
from .findings import Severity


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bad: str
    good: str


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    check: str
    severity: Severity
    params: dict[str, float | int | str | bool] = {}
    example: Example
    enabled: bool = True


@dataclass(frozen=True)
class Rule:
    id: str
    path: str
    spec: RuleFile

    @property
    def severity(self) -> Severity:
        return self.spec.severity

    def param(self, name: str, default):
        return self.spec.params.get(name, default)


CHECKS: dict[str, Callable] = {}


def check(name: str):
    """Register the Python implementation of a family of rules."""

    def register(func: Callable) -> Callable:
        CHECKS[name] = func
        return func

    return register


@dataclass
class Ruleset:
    rules: list[Rule] = field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def default_rules_dir():
    return resources.files("checker.rules")


def _rule_files(folder) -> list:
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml") and f.name != "rates.yaml"), key=lambda f: f.name)


def load_ruleset(extra: Iterable[str | Path] = (), severities: dict[str, str] | None = None) -> Ruleset:
    """The default rules, then each extra folder's (a later file with the same id replaces
    an earlier one), with severities overridden from settings."""
    from . import checks  # noqa: F401  (registers the implementations)

    found: dict[str, Rule] = {}
    for folder in [default_rules_dir(), *(Path(p) for p in extra)]:
        if isinstance(folder, Path) and not folder.is_dir():
            raise RuleError("rules folder not found", path=str(folder))
        for file in _rule_files(folder):
            spec = load_model(file.read_text(encoding="utf-8"), RuleFile, str(file), RuleError)
            if spec.check not in CHECKS:
                raise RuleError(f"[check] no check named {spec.check!r} (known: {', '.join(sorted(CHECKS))})", path=str(file))
            rule_id = file.name.removesuffix(".yaml")
            found[rule_id] = Rule(rule_id, str(file), spec)
    for rule_id, level in (severities or {}).items():
        if rule_id not in found:
            raise RuleError(f"severity set for unknown rule {rule_id!r}")
        try:
            severity = Severity(level)
        except ValueError:
            raise RuleError(f"severity of {rule_id!r} must be error, warning or info, not {level!r}") from None
        rule = found[rule_id]
        found[rule_id] = Rule(rule.id, rule.path, rule.spec.model_copy(update={"severity": severity}))
    return Ruleset(sorted(found.values(), key=lambda r: r.id))

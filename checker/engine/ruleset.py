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
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..errors import RuleError
from ..files import read_limited_text
from ..yamlfile import load_model
from .findings import Severity

LIMIT_MB = 1  # a rule file is a description, a few parameters and two examples
_Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
_Slack = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]  # relative, or in the figure's unit
_Days = Annotated[int, Field(ge=0, le=36_500)]


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bad: str
    good: str


class Params(BaseModel):
    """Every parameter a check reads, typed and bounded: `window_days: "abc"`, `.nan` or `1e308`
    is an error at its line, not a crash (or an overflow) in the middle of a run, and a
    misspelt name is an error, not a default silently kept."""

    model_config = ConfigDict(extra="forbid")
    tolerance: _Slack | None = None
    currency_tolerance: _Slack | None = None
    points_tolerance: _Slack | None = None
    min_confidence: _Share | None = None
    min_similarity: _Share | None = None
    max_days_apart: _Days | None = None
    window_days: _Days | None = None
    max_words: Annotated[int, Field(ge=1, le=100_000)] | None = None

    def items(self):
        """The parameters the file sets, in the order of this model."""
        return self.model_dump(exclude_none=True).items()


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    check: str
    severity: Severity
    params: Params = Params()
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
        value = getattr(self.spec.params, name)
        return default if value is None else value


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


def _read_rule(file) -> RuleFile:
    """A user's rule file is read as any file they name (a regular file, bounded); the package's
    own may be a resource that is no plain path."""
    text = read_limited_text(file, LIMIT_MB, RuleError, "rules file") if isinstance(file, Path) else file.read_text("utf-8")
    return load_model(text, RuleFile, str(file), RuleError)


def load_ruleset(extra: Iterable[str | Path] = (), severities: dict[str, str] | None = None) -> Ruleset:
    """The default rules, then each extra folder's (a later file with the same id replaces
    an earlier one), with severities overridden from settings."""
    from . import checks  # noqa: F401  (registers the implementations)

    found: dict[str, Rule] = {}
    for folder in [default_rules_dir(), *(Path(p) for p in extra)]:
        if isinstance(folder, Path) and not folder.is_dir():
            raise RuleError("rules folder not found", path=str(folder))
        for file in _rule_files(folder):
            spec = _read_rule(file)
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

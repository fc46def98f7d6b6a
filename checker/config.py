"""Project settings: `[tool.checker]` in pyproject.toml, or a checker.toml.

Looked for in the working folder; checker.toml wins when both exist. Unknown
keys are errors, reported with the file's name, so a typo never silently
falls back to a default.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ConfigError


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: str = ".checker/claims.db"
    corpus: list[str] = []  # the articles the pytest plugin's `claims` fixture reads
    rules: list[str] = []  # extra rules folders, after the defaults
    severity: dict[str, str] = {}  # rule id -> error, warning or info
    facts: str | None = None  # the newsroom's fact sheet (YAML)
    ignore: list[str] = []  # glob patterns of files `checker check` leaves out ("archive/**")


def load_settings(folder: Path | None = None) -> Settings:
    """Settings from the working folder's checker.toml or pyproject.toml, else the defaults."""
    folder = folder or Path.cwd()
    for name, section in (("checker.toml", ()), ("pyproject.toml", ("tool", "checker"))):
        path = folder / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings: {exc}", path=str(path)) from None
        for key in section:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if name == "pyproject.toml" and not data:
            continue
        try:
            return Settings.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            raise ConfigError(f"[{field}] {err['msg']}", path=str(path)) from None
    return Settings()

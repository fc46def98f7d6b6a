"""Project settings: `[tool.checker]` in pyproject.toml, or a checker.toml.

Looked for in the working folder; checker.toml wins when both exist. Unknown
keys are errors, reported with the file's name and line, so a typo never
silently falls back to a default.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .documents import DEFAULT_MAX_MB
from .errors import ConfigError


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: str = ".checker/claims.db"
    corpus: list[str] = []  # the articles the pytest plugin's `claims` fixture reads
    rules: list[str] = []  # extra rules folders, after the defaults
    severity: dict[str, str] = {}  # rule id -> error, warning or info
    facts: str | None = None  # the newsroom's fact sheet (YAML)
    ignore: list[str] = []  # glob patterns of files `checker check` leaves out ("archive/**")
    max_file_mb: float = Field(DEFAULT_MAX_MB, gt=0)  # larger documents are refused, not read


_TOML_AT = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column \d+\)$")


def _key_line(text: str, section: tuple[str, ...], key: str) -> int | None:
    """The line that sets a settings key, or opens its table (tomllib keeps no positions)."""
    prefix = "".join(f"{part}." for part in section)
    header = re.search(rf"^[ \t]*\[[ \t]*{re.escape(prefix[:-1])}[ \t]*\]", text, re.MULTILINE) if section else None
    start = header.start() if header else 0
    found = re.compile(rf"^[ \t]*(?:{re.escape(key)}[ \t]*=|\[[ \t]*{re.escape(prefix + key)}[ \t]*\])", re.MULTILINE).search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load_settings(folder: Path | None = None) -> Settings:
    """Settings from the working folder's checker.toml or pyproject.toml, else the defaults."""
    for name, section in (("checker.toml", ()), ("pyproject.toml", ("tool", "checker"))):
        path = (folder or Path.cwd()) / name
        shown = str(path) if folder else name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read settings: {exc}", path=shown) from None
        except tomllib.TOMLDecodeError as exc:
            at = _TOML_AT.match(str(exc))
            raise ConfigError(f"invalid TOML: {at['message'] if at else exc}", path=shown,
                              line=int(at["line"]) if at else None) from None
        for key in section:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if name == "pyproject.toml" and not data:
            continue
        try:
            return Settings.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            line = _key_line(text, section, str(err["loc"][0])) if err["loc"] else None
            raise ConfigError(f"[{field}] {err['msg']}", path=shown, line=line) from None
    return Settings()

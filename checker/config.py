"""Project settings: `[tool.checker]` in pyproject.toml, or a checker.toml.

Looked for in the working folder; checker.toml wins when both exist. Unknown
keys are errors, reported with the file's name and line and the known key
closest to them, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from .documents import DEFAULT_MAX_MB
from .engine.declared import Declared, parse_selector
from .errors import ConfigError, did_you_mean
from .files import read_limited_text

LIMIT_MB = 1  # settings are a few lines; pyproject.toml a few hundred


def _no_nul(path: str) -> str:
    """A NUL byte ends a name for the system: refused here, at its line, not as a crash at the open."""
    if "\0" in path:
        raise PydanticCustomError("nul_in_path", "a path cannot hold a NUL byte")
    return path


PathText = Annotated[str, AfterValidator(_no_nul)]


def _claim_selectors(entry: list[str]) -> list[str]:
    """Two or more claims, each 'DOCUMENT: WORDS'."""
    if len(entry) < 2:
        raise ValueError("name two or more claims, each as 'DOCUMENT: WORDS'")
    for selector in entry:
        parse_selector(selector)
    return entry


ClaimGroup = Annotated[list[str], AfterValidator(_claim_selectors)]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: PathText = ".checker/claims.db"
    corpus: list[PathText] = []  # the articles the pytest plugin's `claims` fixture reads
    rules: list[PathText] = []  # extra rules folders, after the defaults
    severity: dict[str, str] = {}  # rule id -> error, warning or info
    facts: PathText | None = None  # the newsroom's fact sheet (YAML)
    ignore: list[str] = []  # glob patterns of files `checker check` leaves out ("archive/**")
    # larger documents are refused, not read; a finite limit a read can be asked for (10 GB)
    max_file_mb: float = Field(DEFAULT_MAX_MB, gt=0, le=10_000, allow_inf_nan=False)
    # claims an editor declares one fact, or two, whatever the engine's scorer says (engine/declared.py)
    same_fact: list[ClaimGroup] = []
    different_facts: list[ClaimGroup] = []
    # an unknown front matter field stops the run (exit 4) instead of a warning
    strict_front_matter: bool = False

    def declared(self) -> Declared:
        return Declared.from_settings(self.same_fact, self.different_facts)


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
        if not path.exists() and not path.is_symlink():
            continue
        text = read_limited_text(Path(shown), LIMIT_MB, ConfigError, "settings")
        try:
            data = tomllib.loads(text)
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
            line = _key_line(text, section, str(err["loc"][0])) if err["loc"] else None
            raise ConfigError(_problem(err), path=shown, line=line) from None
    return Settings()


def _problem(err: dict) -> str:
    """A settings error in words: "[stroe] unknown setting (did you mean 'store'?)" for a key
    that is no setting, since a typo is the usual cause; pydantic's own message otherwise."""
    field = ".".join(str(p) for p in err["loc"]) or "settings"
    if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
        return f"[{field}] unknown setting{did_you_mean(field, Settings.model_fields)}"
    return f"[{field}] {err['msg']}"

"""Strict loading of user-editable YAML files into pydantic models.

YAML is read with the safe loader only, and a validation error is flattened
to one line, `file:line [field] message`, pointing at the offending key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import CheckerError

M = TypeVar("M", bound=BaseModel)
MAX_DEPTH = 100  # no checker file nests past 4; the pure-Python composer recurses, and fails at ~1,000
_MERGE = "tag:yaml.org,2002:merge"


class _NoDuplicateKeys:
    """A mapping that gives one key twice is an error at the second, not the last one silently
    winning (`title:` twice in front matter, `severity:` twice in a rule). Merge keys (`<<`) are
    YAML's way to override, so they are not counted."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault((type(key), key), key_node.start_mark)
                except TypeError:  # an unhashable (complex) key: the constructor refuses it itself
                    continue
                if first is not key_node.start_mark:
                    raise _DuplicateKey(f"duplicate key {_shown(key)}", key_node.start_mark, first.line + 1)
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key given twice; `first` is the line (in the YAML text) of its first use."""

    def __init__(self, problem: str, mark, first: int):
        super().__init__(None, None, problem, mark)
        self.first = first


def _shown(key) -> str:
    """A key for a message: quoted, and cut short (a key may be any length)."""
    text = repr(key)
    return text if len(text) <= 60 else text[:57] + "..."


class _StrictLoader(_NoDuplicateKeys, yaml.SafeLoader):
    pass


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml's safe loader, when PyYAML was built with it
_FastStrictLoader = type("_FastStrictLoader", (_NoDuplicateKeys, _FAST), {}) if _FAST is not None else None


def _refuse_deep(text: str) -> None:
    """Raise a YAML error at the first node nested more than `MAX_DEPTH` deep, reading only the
    event stream (the parser is iterative), before the recursive composer can overflow."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(problem=f"nested more than {MAX_DEPTH} deep", problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _node_line(root: yaml.Node | None, loc: tuple) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(part)), None)
            if match is None:
                key = next((k for k, _ in node.value if k.value == str(part)), None)
                return key.start_mark.line + 1 if key is not None else line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line


def _bad_scalar_line(root: yaml.Node | None) -> int | None:
    """The line of the first scalar the safe loader cannot construct (an impossible date).

    Each node is visited once: aliases share nodes, and walking aliases of
    aliases path by path ("billion laughs" before a bad date) takes exponential time."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node, deep=True)
            except ValueError:
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(reversed([part for pair in node.value for part in pair]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def key_lines(text: str) -> dict[str, int]:
    """The line (from 1) of each top-level key of a YAML mapping that has already loaded, for
    reporting a key the model kept but does not know (pydantic's errors name no such key).
    None are known where the pure-Python composer refuses what libyaml read (a tab after a
    key's colon): the key is then reported without its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in root.value if isinstance(key, yaml.ScalarNode)}


def item_offsets(text: str, key: str) -> list[int]:
    """The offset in `text` of each item of the list under a top-level `key`, for a file that has
    already loaded (a fact sheet's facts, so a finding can name the line of the fact it cites)."""
    root = yaml.compose(text, Loader=_FAST or yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    items = next((value for name, value in root.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)
    return [item.start_mark.index for item in items.value] if isinstance(items, yaml.SequenceNode) else []


class Invalid(ValueError):
    """A problem a model's own validation cannot place (two facts with one key): `loc` leads
    through the YAML to the offending node, as a pydantic error's location does."""

    def __init__(self, loc: tuple, message: str):
        super().__init__(message)
        self.loc = loc


def _validated(model: type[M], data, verify: Callable[[M], None] | None) -> M:
    value = model.model_validate(data if data is not None else {})
    if verify is not None:
        verify(value)
    return value


def _compose(text: str, path: str, error: type[CheckerError], line_offset: int):
    """The node tree and data by the pure-Python loader, or `error` with the line that broke it."""
    root = None
    try:
        _refuse_deep(text)
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
            return root, loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except ValueError as exc:  # a well-formed but impossible value, such as 2025-13-45
        line = _bad_scalar_line(root)
        raise error(f"invalid value: {exc}", path=path, line=line + line_offset if line else None) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if isinstance(exc, _DuplicateKey):
            problem += f" (first on line {exc.first + line_offset})"
        raise error(problem, path=path, line=line) from None


def load_model(text: str, model: type[M], path: str, error: type[CheckerError], line_offset: int = 0,
               verify: Callable[[M], None] | None = None) -> M:
    """Parse `text` as YAML and validate it as `model` (then with `verify`, which may raise
    `Invalid`), or raise `error` in one line.

    Valid text is read with libyaml's safe loader when PyYAML has it (the same data, ten
    times faster: front matter is read for every file of every ingest); anything it
    refuses, and every error, goes through the pure-Python loader, whose messages and
    line numbers the errors report."""
    if _FAST is not None:
        try:
            data = yaml.load(text, Loader=_FastStrictLoader)
        except (ValueError, yaml.YAMLError, RecursionError):
            pass
        else:
            try:
                return _validated(model, data, verify)
            except (ValidationError, Invalid):
                pass  # reported below, with the line the node tree gives
    root, data = _compose(text, path, error, line_offset)
    try:
        return _validated(model, data, verify)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc, message = tuple(err["loc"]), err["msg"]
    except Invalid as exc:
        loc, message = exc.loc, str(exc)
    field = ".".join(str(p) for p in loc)
    line = _node_line(root, loc)
    where = f"[{field}] " if field else ""
    raise error(f"{where}{message}", path=path, line=line + line_offset if line else None) from None

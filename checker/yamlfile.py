"""Strict loading of user-editable YAML files into pydantic models.

YAML is read with the safe loader only, and a validation error is flattened
to one line, `file:line [field] message`, pointing at the offending key.
"""

from __future__ import annotations

from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import CheckerError

M = TypeVar("M", bound=BaseModel)
_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml's safe loader, when PyYAML was built with it


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


def load_model(text: str, model: type[M], path: str, error: type[CheckerError], line_offset: int = 0) -> M:
    """Parse `text` as YAML and validate it as `model`, or raise `error` in one line.

    Valid text is read with libyaml's safe loader when PyYAML has it (the same data, ten
    times faster: front matter is read for every file of every ingest); anything it
    refuses, and every error, goes through the pure-Python loader, whose messages and
    line numbers the errors report."""
    if _FAST is not None:
        try:
            data = yaml.load(text, Loader=_FAST)  # CSafeLoader: the safe loader, in C
        except (ValueError, yaml.YAMLError):
            pass
        else:
            try:
                return model.model_validate(data if data is not None else {})
            except ValidationError:
                pass  # reported below, with the line the node tree gives
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except ValueError as exc:  # a well-formed but impossible value, such as 2025-13-45
        line = _bad_scalar_line(root)
        raise error(f"invalid value: {exc}", path=path, line=line + line_offset if line else None) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise error(problem, path=path, line=line) from None
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        line = _node_line(root, tuple(err["loc"]))
        where = f"[{field}] " if field else ""
        raise error(f"{where}{err['msg']}", path=path, line=line + line_offset if line else None) from None

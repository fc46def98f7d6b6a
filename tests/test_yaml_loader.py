"""Front matter read with libyaml's loader gives what the pure-Python loader gives: the
same data for every file, the same one-line error for every bad one."""

from __future__ import annotations

import pytest

from checker import yamlfile
from checker.documents import FrontMatter
from checker.errors import FrontMatterError

from .conftest import ROOT

TEXTS = [
    *(p.read_text(encoding="utf-8").split("---")[1] for p in sorted((ROOT / "tests" / "devcorpus").rglob("*.md"))
      if p.name != "README.md"),
    'title: "x"\npublished: 2025-13-45\n',  # an impossible date
    "title: [unclosed\n",  # not YAML
    "title: x\nunknown: 1\n",  # a field the model does not have: kept (its warning is frontmatter's)
    "published: tomorrow\n",  # a value of the wrong type
    "title: &a x\nsource: *a\n",  # an alias
    "",
]


def outcome(text: str) -> object:
    try:
        return yamlfile.load_model(text, FrontMatter, "f.md", FrontMatterError, line_offset=1)
    except FrontMatterError as error:
        return str(error)


@pytest.mark.skipif(yamlfile._FAST is None, reason="PyYAML built without libyaml")
def test_libyaml_and_python_loaders_agree(monkeypatch):
    fast = [outcome(t) for t in TEXTS]
    monkeypatch.setattr(yamlfile, "_FAST", None)
    assert fast == [outcome(t) for t in TEXTS]
    assert sum(isinstance(o, str) for o in fast) == 3

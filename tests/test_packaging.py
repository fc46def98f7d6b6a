"""What users install is what the source tree holds.

An editable install reads the checkout, so a package or data file missing
from the build goes unnoticed there; these tests build a real wheel (and an
sdist) from a copy of the project and compare their contents with the tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_FILES = ["pyproject.toml", "setup.py", "README.md"]
DATA_SUFFIXES = {".yaml", ".md"}


def _tree_files(folder: str, suffixes: set[str]) -> set[Path]:
    return {path.relative_to(ROOT / folder) for path in (ROOT / folder).rglob("*")
            if path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts}


def expected_wheel_files() -> set[str]:
    """Every module of checker/, and every module and data file of rules/ under checker/rules/."""
    modules = {f"checker/{path.as_posix()}" for path in _tree_files("checker", {".py"})}
    rules = {f"checker/rules/{path.as_posix()}" for path in _tree_files("rules", {".py"} | DATA_SUFFIXES)}
    return modules | rules


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """An sdist and a wheel built the way `python -m build` does: the wheel from the sdist."""
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_FILES:
        shutil.copy2(ROOT / name, source / name)
    for folder in ("checker", "rules"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)], check=True, capture_output=True)
    return dist


def test_the_wheel_holds_every_module_and_data_file_of_the_tree(built):
    (wheel,) = built.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if ".dist-info/" not in name}
    expected = expected_wheel_files()
    assert sorted(expected - shipped) == [], "left out of the wheel"
    assert sorted(shipped - expected) == [], "in the wheel but not in the tree"


def test_the_wheel_declares_the_command_and_the_pytest_plugin(built):
    (wheel,) = built.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [name for name in archive.namelist() if name.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "checker = checker.cli:run" in text
    assert "[pytest11]" in text and "checker = checker.pytest_plugin" in text


def test_every_package_of_the_tree_has_an_init():
    """find_packages skips a folder without __init__.py: its modules would be left out."""
    folders = {path.parent for path in (ROOT / "checker").rglob("*.py") if "__pycache__" not in path.parts}
    assert sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()) == []

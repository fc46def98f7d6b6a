"""Package discovery, the one part of the build pyproject.toml cannot say.

Every package under checker/ is found (none is listed by hand, so a new
subpackage cannot be left out of the wheel), and the top-level rules/ folder
ships inside the package as checker.rules. Everything else is in
pyproject.toml.
"""

from setuptools import find_packages, setup

RULES = ["checker.rules"] + [f"checker.rules.{name}" for name in find_packages("rules")]

setup(
    packages=find_packages(include=["checker", "checker.*"]) + RULES,
    package_dir={"checker.rules": "rules"},
)

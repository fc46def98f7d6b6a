"""Shared fixtures: one extraction pipeline for the whole session (it takes a second to build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()

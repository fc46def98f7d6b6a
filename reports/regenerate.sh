#!/usr/bin/env bash
# Regenerate the seed corpus's reports. From the repository root:  bash reports/regenerate.sh
# CI fails (tests/test_reports_fresh.py) when the committed reports differ from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
"$python" -m checker report seeds/ --format markdown --output reports/seeds.md
"$python" -m checker report seeds/ --format html --output reports/seeds.html

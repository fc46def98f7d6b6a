#!/usr/bin/env bash
# Every judgement score in one run: real news and invented (tune, validate), the development corpus.
# From the repository root: bash benchmarks/judgement/run-all.sh [> benchmarks/results/judgement-DATE.txt]
set -euo pipefail
cd "$(dirname "$0")/../.."
python="${PYTHON:-.venv/bin/python}"
real=../shared/benchmarks/ecbplus
for split in tune validate; do
  "$python" benchmarks/judgement.py "$real/articles" "$real/gold.json" --split "$split"
done
for split in tune validate; do
  "$python" benchmarks/judgement.py benchmarks/judgement/invented benchmarks/judgement/invented/gold-*.json --split "$split"
done
"$python" benchmarks/judgement.py tests/devcorpus tests/devcorpus/gold/judgement.json

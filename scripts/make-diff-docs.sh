#!/usr/bin/env bash
# Regenerate the diff examples in docs/ (the README shows them; tests/test_diff_docs.py checks they are current).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH=src
old=data/scenarios/nordjylland-2021.ttl
new=data/scenarios/nordjylland-2022.ttl
python -m govgraph diff "$old" "$new" --by-kind --lang da -o docs/diff-2021-2022.md
python -m govgraph diff "$old" "$new" --lang da -o docs/diff-2021-2022.svg

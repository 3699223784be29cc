#!/usr/bin/env bash
# Regenerate the org charts of the three North Jutland eras shown in README.md.
# Usage: scripts/make-docs.sh   (needs graphviz's `dot`; output is deterministic,
# so an unchanged model gives an unchanged file and a clean `git status`).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs
for era in 2021 2022 2027; do
    PYTHONPATH=src python3 -m govgraph draw "data/scenarios/nordjylland-$era.ttl" -o "docs/nordjylland-$era.svg"
    echo "docs/nordjylland-$era.svg"
done

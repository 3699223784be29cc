#!/usr/bin/env bash
# Set up govgraph and run the main job on the bundled North Jutland data:
# validate the three eras and summarise the 2022 structure.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
gg=.venv/bin/govgraph
for era in 2021 2022 2027; do
    echo "== North Jutland $era"
    $gg info "data/scenarios/nordjylland-$era.ttl"
    $gg validate "data/scenarios/nordjylland-$era.ttl"
done
echo "== A Klynge Midt 2022 proposal that breaks parity (exit 1)"
$gg validate data/examples/klynge-midt-2022-parity.ttl --lang da || true

#!/usr/bin/env bash
# Set up govgraph and run the main job on the bundled North Jutland data:
# summarise and validate the three eras, then write a chart, the old-versus-new
# table and a scenario comparison to out/.
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

mkdir -p out
echo "== Old versus new, 2021 → 2022 (minute 001's table): out/diff-2021-2022.md"
$gg diff data/scenarios/nordjylland-2021.ttl data/scenarios/nordjylland-2022.ttl --by-kind --lang da -o out/diff-2021-2022.md
echo "== Klynge Midt 2022 alternatives side by side: out/klynge-midt-2022.md"
$gg compare data/scenarios/klynge-midt-2022-*.ttl \
    --baseline data/scenarios/klynge-midt-2022-0-as-constituted.ttl --format markdown -o out/klynge-midt-2022.md
if command -v dot >/dev/null 2>&1; then
    echo "== Org chart 2022: out/nordjylland-2022.svg"
    $gg draw data/scenarios/nordjylland-2022.ttl -o out/nordjylland-2022.svg
else
    echo "(graphviz's dot is not installed: apt-get install graphviz to draw the org chart)"
fi
ls -l out

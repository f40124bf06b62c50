#!/usr/bin/env bash
# The offline app against the CLI on the same pair and machine: `clausediff diff --format json`
# (release build, whole process, hyperfine median) and `window.clausediff.diff` in headless Chromium
# (web/test/bench.mjs, median). Prints the page's size and both medians with their ratio; the goal is
# the page within 2x of the CLI. Results also go to target/bench/web.md.
#
#   bash bench/web.sh                 # the generated 1 MB pair (target/bench-pairs/1m)
#   bash bench/web.sh OLD NEW         # any pair
#
# Needs hyperfine, python3 and bible-kjv for the generated pair (installed with apt-get when missing
# and running as root), node and npm for playwright-core (web/test/).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v bible >/dev/null || need+=(bible-kjv bible-kjv-text)
if ((${#need[@]})); then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

old=${1:-target/bench-pairs/1m/v1.txt}
new=${2:-target/bench-pairs/1m/v2.txt}
if [ $# -eq 0 ] && [ ! -f "$new" ]; then
    python3 bench/make_pairs.py --out target/bench-pairs --sizes 1m >/dev/null
fi
cargo build --release --quiet
bash web/build.sh
(cd web/test && npm ci --no-audit --no-fund --silent)

out=target/bench
mkdir -p "$out"
# -i: clausediff exits 1 when the drafts differ.
hyperfine --warmup 3 --runs 20 --style none -i --export-json "$out/web-cli.json" -N \
    "target/release/clausediff diff --format json --output /dev/null $old $new" >/dev/null
cli_ms=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$out/web-cli.json")
page=$(node web/test/bench.mjs "$old" "$new" 10)
page_ms=$(echo "$page" | python3 -c 'import json,sys; print([json.loads(l) for l in sys.stdin][1]["median_ms"])')
bytes=$(wc -c <target/web/clausediff.html)
{
    echo "| what | median |"
    echo "|---|---|"
    echo "| CLI \`diff --format json\` (release, whole process) | $cli_ms ms |"
    echo "$page" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("| page `clausediff.diff`, %s | %s ms (min %s, max %s) |"
          % (r["setting"], r["median_ms"], r["min_ms"], r["max_ms"]))'
    echo
    echo "pair: $old ($(wc -c <"$old") bytes), $new ($(wc -c <"$new") bytes); page: $bytes bytes"
    echo "page / CLI (JSON): $(python3 -c "print(f'{$page_ms / $cli_ms:.2f}')")"
} | tee "$out/web.md"

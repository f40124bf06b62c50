#!/usr/bin/env bash
# Times `clausediff history` over 50 versions of a 500-clause declaration (target: under 1 s on a
# 2-core machine). Needs hyperfine (apt-get install hyperfine) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 bench/make_history.py --out target/bench-history --versions 50 --clauses 500 >/dev/null
files=(target/bench-history/v*.txt)
echo "history of ${#files[@]} versions, $(grep -c '^[0-9]*\. ' "${files[0]}") clauses in the first"
hyperfine --warmup 2 --runs 10 --ignore-failure --export-markdown target/bench-history/result.md \
    -n "history --format json" "target/release/clausediff history --format json ${files[*]} > /dev/null" \
    -n "history --format html" "target/release/clausediff history --format html ${files[*]} > /dev/null"

#!/usr/bin/env bash
# Reading a Word document against reading its text: `clausediff clauses` on the 10 MB generated
# declaration as text and as a .docx built from that text by fixtures/docx/make.py (the numbers in
# numbering.xml, as Word writes them). Target: the .docx takes at most 2x the text's time.
#
#   bash bench/docx.sh            # builds the release binary, the pair and the .docx if missing
set -euo pipefail
cd "$(dirname "$0")/.."

pairs=target/bench-pairs/10m
[ -f "$pairs/v1.txt" ] || python3 bench/make_pairs.py --out target/bench-pairs --sizes 10m
[ -f "$pairs/v1.docx" ] || python3 fixtures/docx/make.py --large "$pairs/v1.txt" "$pairs/v1.docx"
cargo build --release --locked --bin clausediff >/dev/null
bin=target/release/clausediff
mkdir -p target/bench

hyperfine --warmup 2 --runs 10 --export-json target/bench/docx.json \
    -n text "$bin clauses --format json $pairs/v1.txt" \
    -n docx "$bin clauses --format json $pairs/v1.docx" >/dev/null

python3 - <<'PY'
import json
runs = {r["command"]: r for r in json.load(open("target/bench/docx.json"))["results"]}
text, docx = runs["text"]["median"], runs["docx"]["median"]
ratio = docx / text
print(f"| input | median |\n|---|---|\n| 10 MB text | {text*1000:.0f} ms |\n| the same as .docx | {docx*1000:.0f} ms |")
print(f"\nratio docx/text: {ratio:.2f} (target <= 2)")
raise SystemExit(0 if ratio <= 2 else 1)
PY

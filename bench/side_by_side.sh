#!/usr/bin/env bash
# The side-by-side table of BENCHMARKS.md: every clausediff report format against git's word diff,
# GNU wdiff and difftastic (when `difft` is on PATH: `cargo install difftastic`), on the generated
# pairs at 100 KB, 1 MB, 10 MB and 20 MB per version and on the document shapes that make diff tools
# fall off a cliff (every clause changed, unrelated documents, 200,000 one-word clauses, one huge
# paragraph), with clausediff's peak memory; then history and folder-mode memory. Medians of hyperfine
# runs, every command of a row in the same hyperfine run. Writes target/bench/side-by-side.md.
#
#   bash bench/side_by_side.sh            # everything (about 15 minutes on 2 cores)
#   bash bench/side_by_side.sh --quick    # 3 runs a command, no 20 MB row
#
# Needs hyperfine, git, python3, wdiff and bible-kjv (installed with apt-get when missing and running
# as root). Timings on a shared machine move between batches: read the ratios within a row.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

source bench/tools.sh

cargo build --release --quiet --locked
cargo build --release --quiet --locked --example hostile
bin=target/release/clausediff
pairs=target/bench-pairs
out=target/bench
mkdir -p "$out"
sizes=100k,1m,10m
$quick || sizes+=,20m
for size in ${sizes//,/ }; do
    [ -f "$pairs/$size/v2.txt" ] || python3 bench/make_pairs.py --out "$pairs" --sizes "$size" 2>/dev/null
done
for size in 1m 10m; do
    [ -f "$pairs/every/$size/v2.txt" ] ||
        python3 bench/make_pairs.py --out "$pairs/every" --corpus "$pairs/kjv.txt" --sizes "$size" --edited 1.0 2>/dev/null
done
for name in unrelated-1mb one-word-clauses paragraph-5mb; do
    [ -d "$pairs/hostile/$name" ] || target/release/examples/hostile "$pairs/hostile" "$name"
done

rows=()        # "name|old|new"
for size in ${sizes//,/ }; do rows+=("generated $size|$pairs/$size/v1.txt|$pairs/$size/v2.txt"); done
for size in 1m 10m; do rows+=("every clause changed, $size|$pairs/every/$size/v1.txt|$pairs/every/$size/v2.txt"); done
rows+=("two unrelated 1 MB documents|$pairs/hostile/unrelated-1mb/old.txt|$pairs/hostile/unrelated-1mb/new.txt")
rows+=("200,000 one-word clauses|$pairs/hostile/one-word-clauses/old.txt|$pairs/hostile/one-word-clauses/new.txt")
rows+=("one 5 MB paragraph|$pairs/hostile/paragraph-5mb/old.txt|$pairs/hostile/paragraph-5mb/new.txt")

formats=(json jsonl html md sarif term)
peers=(git wdiff)
command -v difft >/dev/null && peers+=(difft)
table="$out/side-by-side.md"
{
    printf '| pair | size (old + new) |'
    for f in "${formats[@]}"; do printf ' %s |' "$f"; done
    for p in "${peers[@]}"; do printf ' %s |' "$p"; done
    printf ' json / git | html / json | jsonl / json | peak RSS, json | peak RSS, html |\n|---|---|'
    for _ in "${formats[@]}" "${peers[@]}"; do printf -- '---|'; done
    printf -- '---|---|---|---|---|\n'
} >"$table"
for row in "${rows[@]}"; do
    IFS='|' read -r name old new <<<"$row"
    bytes=$(($(stat -c %s "$old") + $(stat -c %s "$new")))
    if $quick; then runs=3; elif ((bytes > 5000000)); then runs=5; else runs=10; fi
    args=()
    for f in "${formats[@]}"; do
        args+=(-n "$f" "$bin diff --format $f --color never --output /dev/null $old $new")
    done
    args+=(-n git "git diff --no-index --word-diff=porcelain $old $new")
    args+=(-n wdiff "wdiff $old $new")
    [[ " ${peers[*]} " == *" difft "* ]] && args+=(-n difft "difft --color never $old $new")
    hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --style none \
        --export-json "$out/side.json" "${args[@]}" >/dev/null 2>&1
    # Exit status 1 (the drafts differ) is no failure here.
    rss() { { /usr/bin/time -f '%M' "$bin" diff --format "$1" --output /dev/null "$old" "$new" || true; } 2>&1 | tail -1; }
    python3 - "$out/side.json" "$name" "$bytes" "$(rss json)" "$(rss html)" "${formats[*]}" "${peers[*]}" <<'PY' | tee -a "$table"
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
name, size, rss_json, rss_html = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
formats, peers = sys.argv[6].split(), sys.argv[7].split()
def ms(s):
    return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s"
def mb(b):
    return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} KB"
cells = [name, mb(size)] + [ms(results[c]) for c in formats + peers]
cells += [f"{results['json'] / results['git']:.2f}", f"{results['html'] / results['json']:.2f}",
          f"{results['jsonl'] / results['json']:.2f}"]
cells += [f"{rss_json / 1000:.0f} MB ({rss_json * 1000 / size:.1f}×)",
          f"{rss_html / 1000:.0f} MB ({rss_html * 1000 / size:.1f}×)"]
print("| " + " | ".join(cells) + " |")
PY
done

# History: 200 versions of a 500-clause document, against one pair of those versions.
python3 bench/make_history.py --out "$pairs/history-200" --versions 200 --clauses 500 >/dev/null
versions=("$pairs"/history-200/v*.txt)
peak() { { /usr/bin/time -f '%M' "$@" >/dev/null || true; } 2>&1 | tail -1; }
history_rss=$(peak "$bin" history --format json "${versions[@]}")
pair_rss=$(peak "$bin" diff --format json "${versions[0]}" "${versions[1]}")
one=$(stat -c %s "${versions[0]}")
{
    echo
    echo "history of ${#versions[@]} versions (one version $((one / 1000)) KB): peak RSS $((history_rss / 1000)) MB;" \
        "one pair of them: $((pair_rss / 1000)) MB; history / (pair × versions) = $(python3 -c "print(f'{$history_rss / ($pair_rss * ${#versions[@]}):.3f}')")"
} | tee -a "$table"

# Folder mode: JSON Lines over 1,000 and 10,000 document pairs, memory flat in the count.
for count in 1000 10000; do
    dir="$pairs/folders-$count"
    if [ ! -d "$dir/new" ]; then
        mkdir -p "$dir/old" "$dir/new"
        python3 - "$dir" "$count" "$pairs/1m/v1.txt" <<'PY'
import sys
dir, count, source = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read()
paragraphs = [p for p in source.split("\n\n") if p.strip()]
for k in range(count):
    chosen = paragraphs[(k * 7) % len(paragraphs):][:12]
    old = "\n\n".join(chosen) + "\n"
    new = "\n\n".join(p.replace("shall", "should", 1) if i % 4 == 0 else p for i, p in enumerate(chosen)) + "\n"
    open(f"{dir}/old/doc{k:05}.txt", "w", encoding="utf-8").write(old)
    open(f"{dir}/new/doc{k:05}.txt", "w", encoding="utf-8").write(new)
PY
    fi
    start=$(date +%s.%N)
    rss=$(peak "$bin" diff --format jsonl "$dir/old" "$dir/new")
    took=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
    echo "folder mode, $count pairs, JSON Lines: ${took} s, peak RSS $((rss / 1000)) MB" | tee -a "$table"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)" |
    tee -a "$table"

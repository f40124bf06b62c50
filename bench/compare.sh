#!/usr/bin/env bash
# Whole-process benchmark: `clausediff diff --format json` against `git diff --no-index
# --word-diff=porcelain` and GNU wdiff on the same pairs, timed with hyperfine. Prints a Markdown
# table of medians, the clausediff/git ratio and clausediff's peak RSS, then checks the targets:
# within 2x of git at 1 MB and 10 MB, time(10 MB)/time(1 MB) <= 12, peak RSS at 10 MB under 8x the
# two inputs. Exits 1 when a target is missed.
#
#   bash bench/compare.sh            # generated pairs, hostile pairs, fixture families
#   bash bench/compare.sh --quick    # fewer runs, no 10 MB wdiff
#
# Needs hyperfine, git, python3 (and wdiff, bible-kjv for the generated prose; installed with
# apt-get when missing and running as root). Results also go to target/bench/compare.md.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

source bench/tools.sh

cargo build --release --quiet
cargo build --release --quiet --example hostile
pairs=target/bench-pairs
out=target/bench
mkdir -p "$out"
[ -f "$pairs/10m/v2.txt" ] || python3 bench/make_pairs.py --out "$pairs" --sizes 10k,100k,1m,10m >/dev/null
[ -f "$pairs/hostile/mixed-scripts/new.txt" ] || target/release/examples/hostile "$pairs/hostile"

bin=target/release/clausediff
rows=()        # "name|old|new|description"
for size in 10k 100k 1m 10m; do
    rows+=("generated $size|$pairs/$size/v1.txt|$pairs/$size/v2.txt|make_pairs.py, $size per version")
done
# The real corpus families shipped as fixtures: their first and last versions.
for family in fixtures/*/; do
    name=$(basename "$family")
    mapfile -t versions < <(find "$family" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' \) \
        ! -name 'NOTES.md' ! -name 'PROVENANCE.md' ! -name 'README.md' | sort)
    ((${#versions[@]} >= 2)) || continue
    rows+=("$name|${versions[0]}|${versions[-1]}|fixture family, first → last of ${#versions[@]}")
done
# All the families at once, first versions against last ones: real drafting at the 1 MB scale.
mkdir -p "$pairs/families"
: >"$pairs/families/first.txt"
: >"$pairs/families/last.txt"
for row in "${rows[@]:4}"; do
    IFS='|' read -r _ first last _ <<<"$row"
    { cat "$first"; printf '\n\n'; } >>"$pairs/families/first.txt"
    { cat "$last"; printf '\n\n'; } >>"$pairs/families/last.txt"
done
rows+=("all families|$pairs/families/first.txt|$pairs/families/last.txt|every fixture family concatenated, first → last")
for dir in "$pairs"/hostile/*/; do
    name=$(basename "$dir")
    old=$(ls "$dir"old.*) new=$(ls "$dir"new.*)
    rows+=("hostile $name|$old|$new|$(cat "$dir/description")")
done

runs() { # runs for a pair of this many bytes
    local bytes=$1
    if $quick; then echo 5; elif ((bytes > 5000000)); then echo 10; elif ((bytes > 500000)); then echo 20; else echo 40; fi
}

table="$out/compare.md"
{
    echo "| pair | size (old + new) | clausediff | git word-diff | wdiff | clausediff / git | clausediff peak RSS |"
    echo "|---|---|---|---|---|---|---|"
} >"$table"
declare -A median_of
failed=0
for row in "${rows[@]}"; do
    IFS='|' read -r name old new description <<<"$row"
    bytes=$(($(stat -c %s "$old") + $(stat -c %s "$new")))
    n=$(runs "$bytes")
    commands=("$bin diff --format json $old $new" "git diff --no-index --word-diff=porcelain $old $new")
    names=(clausediff git)
    if ! { $quick && ((bytes > 5000000)); }; then
        commands+=("wdiff $old $new")
        names+=(wdiff)
    fi
    args=()
    for k in "${!commands[@]}"; do args+=(-n "${names[$k]}" "${commands[$k]}"); done
    # Shared machines slow down whole batches at a time; the target pairs are timed in three rounds
    # and each command's median is the median of the rounds' medians.
    rounds=1
    [[ "$name" == "generated 1m" || "$name" == "generated 10m" || "$name" == "all families" ]] && ! $quick && rounds=3
    for ((r = 1; r <= rounds; r++)); do
        hyperfine -N --warmup 2 --runs "$n" --ignore-failure --style none \
            --export-json "$out/result-$r.json" "${args[@]}" >/dev/null 2>&1
    done
    rss=$( { /usr/bin/time -f '%M' $bin diff --format json "$old" "$new" >/dev/null; } 2>&1 | tail -1 || true)
    line=$(python3 - "$out" "$rounds" "$name" "$bytes" "$rss" <<'PY'
import json, statistics, sys
rounds = [json.load(open(f"{sys.argv[1]}/result-{r}.json"))["results"] for r in range(1, int(sys.argv[2]) + 1)]
results = {c["command"]: statistics.median(rnd[k]["median"] for rnd in rounds) for k, c in enumerate(rounds[0])}
name, size, rss_kb = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
def ms(s):
    return "—" if s is None else (f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s")
def mb(b):
    return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} KB"
c, g, w = results["clausediff"], results["git"], results.get("wdiff")
print(f"{c} {c / g:.2f}|| {name} | {mb(size)} | {ms(c)} | {ms(g)} | {ms(w)} | {c / g:.2f} | {rss_kb / 1000:.0f} MB ({rss_kb * 1000 / size:.1f}× input) |")
PY
)
    read -r median ratio <<<"${line%%||*}"
    median_of[$name]=$median
    echo "${line#*||}" | tee -a "$table"
    if [[ "$name" == "generated 1m" || "$name" == "generated 10m" ]]; then
        python3 -c "import sys; sys.exit(0 if $ratio <= 2 else 1)" || {
            echo "TARGET MISSED: $name is $ratio× git's time (target ≤ 2)"
            failed=1
        }
    fi
    if [[ "$name" == "generated 10m" ]]; then
        python3 -c "import sys; sys.exit(0 if $rss * 1000 <= 8 * $bytes else 1)" || {
            echo "TARGET MISSED: peak RSS ${rss} KB at 10 MB is over 8× the inputs ($bytes bytes)"
            failed=1
        }
    fi
done
growth=$(python3 -c "print(f'{${median_of[generated 10m]} / ${median_of[generated 1m]}:.1f}')")
echo
echo "time(10 MB) / time(1 MB) = $growth (target ≤ 12)" | tee -a "$table"
python3 -c "import sys; sys.exit(0 if $growth <= 12 else 1)" || { echo "TARGET MISSED: growth"; failed=1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)" \
    | tee -a "$table"
exit "$failed"

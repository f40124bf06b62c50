#!/usr/bin/env bash
# What cutting Chinese into words costs: the 1 MB Chinese pair of make_language_pairs.py and the 1 MB
# English pair of make_pairs.py, compared by the release build with the `chinese` feature (the
# default) and without it (Han characters one at a time, as the browser app compares them). Prints
# the median of RUNS whole-process runs of `diff --format json --output /dev/null` for each, and with
# --callgrind the instructions of one single-threaded run (valgrind's callgrind, which a loaded
# machine does not move).
#
#   bash bench/segmentation.sh [--callgrind] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

callgrind=false
[[ "${1:-}" == "--callgrind" ]] && { callgrind=true; shift; }
runs=${1:-10}
pairs=target/bench-pairs
out=target/bench
mkdir -p "$out"
[ -f "$pairs/1m/v2.txt" ] || python3 bench/make_pairs.py --out "$pairs" --sizes 1m >/dev/null
[ -f "$pairs/zh-1m/v2.txt" ] || python3 bench/make_language_pairs.py --lang zh --size 1m --out "$pairs/zh-1m"

cargo build --release --quiet --locked --no-default-features --features cli,html,legacy-encodings,pdf
cp target/release/clausediff "$out/clausediff-per-character"
cargo build --release --quiet --locked
cp target/release/clausediff "$out/clausediff-words"

median() { # BIN OLD NEW: the median wall time of $runs runs, in milliseconds
    python3 - "$runs" "$@" <<'EOF'
import subprocess, statistics, sys, time
runs, binary, old, new = int(sys.argv[1]), *sys.argv[2:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([binary, "diff", "--format", "json", "--output", "/dev/null", old, new], check=False)
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):.1f} ms")
EOF
}

instructions() { # BIN OLD NEW: instructions of one run on one thread
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$1" diff --format json --output /dev/null "$2" "$3" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

printf '| pair | build | median of %s runs |%s\n' "$runs" "$($callgrind && printf ' instructions (callgrind) |')"
printf '|---|---|---|%s\n' "$($callgrind && printf -- '---|')"
for pair in zh-1m 1m; do
    for build in words per-character; do
        bin="$out/clausediff-$build"
        row="| $pair | $build | $(median "$bin" "$pairs/$pair/v1.txt" "$pairs/$pair/v2.txt") |"
        $callgrind && row+=" $(instructions "$bin" "$pairs/$pair/v1.txt" "$pairs/$pair/v2.txt") |"
        echo "$row"
    done
done

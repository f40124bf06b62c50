#!/usr/bin/env bash
# The structured readers against the text of the same document, timed with hyperfine:
# - a PDF of about 10 MB, typeset from a text by fixtures/pdf-joint-statement/make_pdf.py, read
#   with `clausediff clauses` against the same text (target: the PDF in at most 2x the text's time);
# - the USLM XML of H.R. 2157 against its text rendering: `clauses` of one print, and `diff` of the
#   two prints.
# Prints a Markdown table of medians and checks the PDF target (exit 1 when it is missed).
#
#   bash bench/readers.sh     (diff exits 1 on differences: hyperfine runs with -i)
#
# Needs hyperfine and python3. Inputs go to target/bench-pairs/readers, results to
# target/bench/readers.md.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=target/release/clausediff
dir=target/bench-pairs/readers
out=target/bench
mkdir -p "$dir" "$out"

# Numbered paragraphs of a bill, repeated until the PDF is about 10 MB.
if [ ! -f "$dir/big.pdf" ]; then
    : > "$dir/big.txt"
    for i in $(seq 1 59); do
        cat fixtures/us-hr2157-disaster-supplemental/01-introduced-IH.txt >> "$dir/big.txt"
        printf '\n\n' >> "$dir/big.txt"
    done
    python3 fixtures/pdf-joint-statement/make_pdf.py "$dir/big.txt" "$dir/big.pdf" --plain
fi
pdf_size=$(stat -c %s "$dir/big.pdf")
txt_size=$(stat -c %s "$dir/big.txt")

bill=fixtures/us-hr2157-disaster-supplemental
hyperfine -i --warmup 1 --runs 10 --export-json "$out/readers.json" -N \
    -n "pdf clauses" "$bin clauses $dir/big.pdf" \
    -n "text clauses" "$bin clauses $dir/big.txt" \
    -n "uslm clauses" "$bin clauses $bill/01-introduced-IH.xml" \
    -n "uslm text clauses" "$bin clauses $bill/01-introduced-IH.txt" \
    -n "uslm diff" "$bin diff $bill/01-introduced-IH.xml $bill/02-enrolled-ENR.xml --format json" \
    -n "uslm text diff" "$bin diff $bill/01-introduced-IH.txt $bill/02-enrolled-ENR.txt --format json" \
    >/dev/null

python3 - "$out/readers.json" "$pdf_size" "$txt_size" > "$out/readers.md" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
pdf_size, txt_size = int(sys.argv[2]), int(sys.argv[3])
def ms(name): return f"{results[name] * 1000:.1f} ms"
print("| input | read | its text | ratio |")
print("|---|---|---|---|")
print(f"| PDF, {pdf_size / 1e6:.1f} MB ({txt_size / 1e6:.1f} MB of text), `clauses` | {ms('pdf clauses')} | {ms('text clauses')} | {results['pdf clauses'] / results['text clauses']:.2f} |")
print(f"| USLM H.R. 2157 IH (144 KB), `clauses` | {ms('uslm clauses')} | {ms('uslm text clauses')} | {results['uslm clauses'] / results['uslm text clauses']:.2f} |")
print(f"| USLM H.R. 2157 IH → ENR, `diff --format json` | {ms('uslm diff')} | {ms('uslm text diff')} | {results['uslm diff'] / results['uslm text diff']:.2f} |")
ratio = results["pdf clauses"] / results["text clauses"]
print(f"\nPDF target (at most 2x its text): {'met' if ratio <= 2 else 'MISSED'} ({ratio:.2f}x)")
sys.exit(0 if ratio <= 2 else 1)
PY
status=$?
cat "$out/readers.md"
exit $status

#!/usr/bin/env bash
# The work of the clausediff GitHub Action (action.yml), runnable anywhere: compares the documents
# changed between two revisions — modified, added, deleted and renamed — in one clausediff run over
# two folders, writes SARIF for code scanning, annotations and the step summary for the pull request,
# and records whether a finding reached the fail-on level.
#
# Environment: BASE (revision, required), HEAD_REV (default HEAD), PATTERNS (space-separated
# pathspecs, default "*.md *.txt"), FAIL_ON (default high), BASELINE (a baseline file in the
# repository, optional), OUT (folder for the SARIF file, default clausediff-out), GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY (set by GitHub; files). Exit status 0 unless clausediff itself fails (2).
set -euo pipefail

: "${BASE:?BASE must name the base revision}"
HEAD_REV=${HEAD_REV:-HEAD}
PATTERNS=${PATTERNS:-*.md *.txt}
FAIL_ON=${FAIL_ON:-high}
OUT=$(realpath -m "${OUT:-clausediff-out}")
GITHUB_OUTPUT=${GITHUB_OUTPUT:-/dev/null}
repo=$(git rev-parse --show-toplevel)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/old" "$work/new" "$OUT"

# `git show REV:PATH` into a folder, at the path the document has in the new revision, so a renamed
# document is compared with what it was.
put() {
    local rev=$1 path=$2 side=$3 as=$4
    mkdir -p "$work/$side/$(dirname -- "$as")"
    git -C "$repo" show --end-of-options "$rev:$path" > "$work/$side/$as"
}

read -r -a globs <<< "$PATTERNS"
count=0
while IFS= read -r -d '' status; do
    IFS= read -r -d '' path
    case "$status" in
        M*) put "$BASE" "$path" old "$path"; put "$HEAD_REV" "$path" new "$path" ;;
        A*) put "$HEAD_REV" "$path" new "$path" ;;
        D*) put "$BASE" "$path" old "$path" ;;
        R*) IFS= read -r -d '' renamed
            put "$BASE" "$path" old "$renamed"; put "$HEAD_REV" "$renamed" new "$renamed" ;;
    esac
    count=$((count + 1))
done < <(git -C "$repo" diff -z --name-status -M --diff-filter=AMDR "$BASE" "$HEAD_REV" -- "${globs[@]}")

if [ "$count" = 0 ]; then
    echo "clausediff: no changed documents matching $PATTERNS"
    { echo "sarif="; echo "failed=false"; } >> "$GITHUB_OUTPUT"
    exit 0
fi

# The old documents are cited as BASE:path (`removed from 1a2b3c4:docs/decl.md line 12`).
args=(--old-label "$(git -C "$repo" rev-parse --short "$BASE")")
if [ -n "${BASELINE:-}" ]; then
    args+=(--baseline "$repo/$BASELINE")
fi

# Run from the new folder, so reports name documents by their paths in the repository.
cd "$work/new"
clausediff diff ../old . --format sarif --output "$OUT/clausediff.sarif" --fail-on none "${args[@]}"
status=0
clausediff diff ../old . --format github --fail-on "$FAIL_ON" "${args[@]}" || status=$?
if [ "$status" -gt 1 ]; then
    exit "$status"
fi
{
    echo "sarif=$OUT/clausediff.sarif"
    echo "failed=$([ "$status" = 1 ] && echo true || echo false)"
} >> "$GITHUB_OUTPUT"
echo "clausediff: compared $count changed document(s); fail-on $FAIL_ON: $([ "$status" = 1 ] && echo failed || echo passed)"

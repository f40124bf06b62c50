#!/usr/bin/env bash
# The pre-commit hook: each staged document (pre-commit passes their paths) compared with its
# version at HEAD; a document new in this commit is compared with nothing. Exits 1 when a finding
# reaches CLAUSEDIFF_FAIL_ON (default high), 2 when clausediff cannot compare.
set -uo pipefail
fail_on=${CLAUSEDIFF_FAIL_ON:-high}
worst=0
for doc in "$@"; do
    if git cat-file -e "HEAD:$doc" 2>/dev/null; then
        old="HEAD:$doc"
    else
        old=/dev/null
    fi
    clausediff diff "$old" "$doc" --fail-on "$fail_on" --old-label "HEAD:$doc"
    status=$?
    if [ "$status" -gt "$worst" ]; then worst=$status; fi
done
exit "$worst"

# Sourced by the whole-process benchmarks: installs with apt-get (as root, or through sudo) the
# peers and tools they time with — hyperfine, GNU wdiff, the King James text make_pairs.py reads,
# GNU time for peak memory — when they are missing.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v wdiff >/dev/null || need+=(wdiff)
command -v bible >/dev/null || need+=(bible-kjv bible-kjv-text)
[ -x /usr/bin/time ] || need+=(time)
if ((${#need[@]})); then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

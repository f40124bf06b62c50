#!/usr/bin/env bash
# Builds the offline browser app from a fresh clone: one self-contained file,
# target/web/clausediff.html (the library in WebAssembly, embedded; styles and script inline; a
# Content-Security-Policy that allows no network request). Installs what it needs: the
# wasm32-unknown-unknown target (rustup) and wasm-bindgen-cli at the version web/Cargo.toml pins
# (cargo install). wasm-opt is used when it is on PATH, never downloaded.
#
#   bash web/build.sh        # then open target/web/clausediff.html in a browser
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/web
bindgen=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' web/Cargo.toml)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
[ -n "$bindgen" ] || { echo "web/build.sh: web/Cargo.toml pins no exact wasm-bindgen version" >&2; exit 2; }
command -v python3 >/dev/null || { echo "web/build.sh: python3 is needed to assemble the page" >&2; exit 2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "== rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
# The glue must come from the same wasm-bindgen as the crate's; cargo's bin folder first, where
# `cargo install` puts it.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
    echo "== cargo install wasm-bindgen-cli $bindgen"
    cargo install wasm-bindgen-cli --version "$bindgen" --locked --quiet --no-default-features
fi

echo "== cargo build -p clausediff-web (wasm32-unknown-unknown, profile wasm)"
cargo build --locked --quiet -p clausediff-web --target wasm32-unknown-unknown --profile wasm
rm -rf "$out/bindgen"
wasm-bindgen --target no-modules --no-typescript --out-dir "$out/bindgen" \
    target/wasm32-unknown-unknown/wasm/clausediff_web.wasm
module="$out/bindgen/clausediff_web_bg.wasm"
if command -v wasm-opt >/dev/null; then
    echo "== wasm-opt -Oz"
    wasm-opt -Oz --all-features "$module" -o "$module.opt" && mv "$module.opt" "$module"
fi

python3 web/assemble.py --wasm "$module" --glue "$out/bindgen/clausediff_web.js" \
    --version "$version" --out "$out/clausediff.html"
bytes=$(wc -c <"$out/clausediff.html")
echo "== $out/clausediff.html: $bytes bytes ($(( (bytes + 1023) / 1024 )) KiB; module $(wc -c <"$module") bytes)"
# The page is downloaded, mailed and carried on USB sticks: the build fails at 3 MB, so growth past
# that is a decision, not an accident (the module is gzip-packed; BENCHMARKS.md has the figures).
if [ "$bytes" -ge 3000000 ]; then
    echo "web/build.sh: the page is $bytes bytes, over the 3 MB the build allows" >&2
    exit 1
fi

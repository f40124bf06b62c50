#!/usr/bin/env python3
"""Writes the browser app's one self-contained page from web/page/ and the bound module.

The module (gzip-compressed, then base64) and wasm-bindgen's glue go into the worker's source, a non-executed
<script type="text/plain"> the page starts as a Web Worker from a blob: URL; styles and the page's
script are inline. The Content-Security-Policy allows exactly that: the page's one script by its
hash, WebAssembly compilation, a worker from a blob: URL, and inline styles (the report's too). It
allows no fetch, no frame source, no form target, no image, font or media source.

    python3 web/assemble.py --wasm X_bg.wasm --glue X.js --version V --out target/web/clausediff.html
"""

import argparse
import base64
import gzip
import hashlib
import re
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "page"


def csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'sha256-{digest}' 'wasm-unsafe-eval'",
            "worker-src blob:",
            "style-src 'unsafe-inline'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def check_embeddable(name: str, text: str) -> None:
    """Text inside a <script> element must not end it early or open a comment the parser tracks."""
    for bad in ("</script", "<script", "<!--"):
        if bad in text.lower():
            sys.exit(f"assemble: {name} contains {bad!r}, which would break the page's <script>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wasm", type=Path, required=True, help="the bound module (wasm-bindgen's _bg.wasm)")
    parser.add_argument("--glue", type=Path, required=True, help="wasm-bindgen's --target no-modules glue")
    parser.add_argument("--version", required=True, help="clausediff's version, shown on the page")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    # Compressed, the module is a third of its size; the worker inflates it with the browser's own
    # DecompressionStream. mtime=0 keeps the page byte-identical between builds of the same module.
    packed = gzip.compress(args.wasm.read_bytes(), compresslevel=9, mtime=0)
    wasm = base64.b64encode(packed).decode("ascii")
    glue = args.glue.read_text(encoding="utf-8")
    worker = f'const WASM = "{wasm}";\n{glue}\n{(PAGE / "worker.js").read_text(encoding="utf-8")}'
    script = (PAGE / "app.js").read_text(encoding="utf-8")
    check_embeddable("the worker", worker)
    check_embeddable("the page's script", script)
    parts = {
        "CSP": csp(script),
        "VERSION": args.version,
        "STYLE": (PAGE / "style.css").read_text(encoding="utf-8"),
        "WORKER": worker,
        "SCRIPT": script,
    }
    template = (PAGE / "index.html").read_text(encoding="utf-8")
    # One pass, so no inserted text is searched for placeholders.
    page = re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m.group(1)], template)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()

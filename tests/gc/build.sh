#!/bin/sh
# Rebuild the wasm-tools oracles of tests/test_gc_types.py: for each .wat
# here, wasm-tools's binary (.wasm), after checking that wasm-tools
# validates it. Needs wasm-tools on PATH; the tests read only the committed
# outputs.
set -e
cd "$(dirname "$0")"
wasm-tools --version
for wat in types.wat instrs.wat; do
    base=${wat%.wat}
    wasm-tools parse "$wat" -o "$base.wasm"
    wasm-tools validate --features all "$base.wasm"
    wasm-tools print "$base.wasm" > "$base.print.wat"
done

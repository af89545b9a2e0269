#!/bin/sh
# Rebuild the wasm-tools oracles of tests/test_exceptions_syntax.py: for each
# .wat here, wasm-tools's binary (.wasm) and its printed form (.print.wat),
# after checking wasm-tools validates the binary. Needs wasm-tools on PATH
# (pip install '.[test]'); the tests read only the committed outputs.
set -e
cd "$(dirname "$0")"
wasm-tools --version
for wat in tags.wat try_table.wat legacy.wat; do
    base=${wat%.wat}
    wasm-tools parse "$wat" -o "$base.wasm"
    wasm-tools validate --features all "$base.wasm"
    wasm-tools print "$base.wasm" > "$base.print.wat"
done

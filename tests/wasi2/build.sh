#!/bin/sh
# Rebuild tests/wasi2/probe.wasm, the WASI 0.2 probe component, from
# probe.wat (its core module) and probe.wit (its world), with wasm-tools and
# the WASI 0.2.12 WIT packages (jco 1.35.0 ships them:
#   npm pack @bytecodealliance/jco && tar xzf bytecodealliance-jco-*.tgz
# gives package/lib/wit/builtin/0.2.12/wasi-*/package.wit).
# The .wasm is committed: running the tests needs neither tool.
set -e
cd "$(dirname "$0")"
WASI_WIT=${WASI_WIT:-../../package/lib/wit/builtin/0.2.12}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/wit/deps"
cp probe.wit "$tmp/wit/"
for pkg in io clocks random filesystem sockets cli; do
    mkdir -p "$tmp/wit/deps/$pkg"
    cp "$WASI_WIT/wasi-$pkg/package.wit" "$tmp/wit/deps/$pkg/"
done
wasm-tools parse probe.wat -o "$tmp/core.wasm"
wasm-tools component embed "$tmp/wit" --world probe "$tmp/core.wasm" -o "$tmp/embedded.wasm"
wasm-tools component new "$tmp/embedded.wasm" -o probe.wasm
wasm-tools validate probe.wasm
echo "built tests/wasi2/probe.wasm ($(wc -c < probe.wasm) bytes)"

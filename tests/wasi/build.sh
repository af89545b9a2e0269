#!/bin/sh
# Rebuild the committed WASI test programs (tests/wasi/*.c), the README's
# example (examples/hello_wasi.c) and the WASI benchmark (bench/wasi/*.c)
# for wasm32-wasi with Debian's clang + lld + wasi-libc:
#   apt-get install clang lld wasi-libc libclang-rt-dev-wasm32
# The .wasm files are committed: running the tests needs no compiler.
set -e
cd "$(dirname "$0")/../.."
CC=${CC:-clang}
FLAGS="--target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wno-unused-result -s"
for src in tests/wasi/*.c examples/hello_wasi.c bench/wasi/*.c; do
    [ -f "$src" ] || continue
    out="${src%.c}.wasm"
    $CC $FLAGS "$src" -o "$out"
    echo "built $out ($(wc -c < "$out") bytes)"
done

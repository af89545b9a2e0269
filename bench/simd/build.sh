#!/bin/sh
# Builds the SIMD and the scalar wasm of kernels.c (both are committed).
# Needs clang and wasm-ld (Debian: apt-get install clang lld).
set -eu
cd "$(dirname "$0")"
FLAGS="--target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export-all"
clang $FLAGS -msimd128 -o kernels_simd.wasm kernels.c
clang $FLAGS -o kernels_scalar.wasm kernels.c
ls -l kernels_simd.wasm kernels_scalar.wasm

"""Fuzzers: random valid modules run differentially against wasmtime-py
(gen.py, differential.py) and mutated binaries that must only ever raise
WasmtimeError (mutate.py). See README.md."""

"""WASI calls from wasm: wasmlite vs wasmtime-py, side by side.

A wasm loop calls ``fd_write`` (600 bytes, two iovecs, the second empty, as
musl's stdio writes) on a file it opened with ``path_open`` in a preopened
temporary directory, then ``fd_read`` of 600 bytes from a file of zeros, N
times each; time per call, best of R. Both runtimes run the same module text
in the same process (fresh Store, WasiConfig and Linker per repetition); the
ratio is wasmtime-py's time / wasmlite's time (higher is better for
wasmlite). Written to find out whether WASI calls are where a WASI
program's run goes (bench/wasi/wordfreq.wasm makes ~3,400 fd_writes and
~1,700 fd_reads).

    python bench/wasi_calls.py [--calls N] [--repeat R]
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time

WAT = """
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "out.bin")
  ;; iovecs at 64: (buf 1024, len 600), (buf 4096, len 0)
  (data (i32.const 64) "\\00\\04\\00\\00\\58\\02\\00\\00\\00\\10\\00\\00\\00\\00\\00\\00")
  (func $open (result i32)
    ;; dirfd 3, path "out.bin", O_CREAT|O_TRUNC, every right
    (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 7) (i32.const 9)
                         (i64.const 0x1fffffff) (i64.const 0x1fffffff) (i32.const 0) (i32.const 32))
      (then (unreachable)))
    (i32.load (i32.const 32)))
  (func (export "writes") (param $n i32) (result i32) (local $fd i32)
    (local.set $fd (call $open))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (drop (call $fd_write (local.get $fd) (i32.const 64) (i32.const 2) (i32.const 40)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (i32.load (i32.const 40)))
  (func (export "reads") (param $n i32) (result i32) (local $fd i32) (local $k i32)
    (local.set $fd (call $open))
    ;; write $n blocks first, then read them back
    (local.set $k (local.get $n))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $k)))
      (drop (call $fd_write (local.get $fd) (i32.const 64) (i32.const 2) (i32.const 40)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $l)))
    (drop (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 0) (i32.const 48)))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (drop (call $fd_read (local.get $fd) (i32.const 64) (i32.const 2) (i32.const 40)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (i32.load (i32.const 40))))
"""


def _per_call(rt, calls: int, repeat: int) -> tuple[float, float]:
    """(us per fd_write, us per fd_read) in runtime module ``rt``."""
    engine = rt.Engine()
    module = rt.Module(engine, WAT)
    best_w = best_r = float("inf")
    for _ in range(repeat):
        folder = tempfile.mkdtemp(prefix="wasi-calls-")
        try:
            store = rt.Store(engine)
            wasi = rt.WasiConfig()
            wasi.preopen_dir(folder, ".")
            store.set_wasi(wasi)
            linker = rt.Linker(engine)
            linker.define_wasi()
            exports = linker.instantiate(store, module).exports(store)
            t = time.perf_counter()
            assert exports["writes"](store, calls) == 600
            best_w = min(best_w, time.perf_counter() - t)
            # the reads' loop writes as many blocks first: their time is
            # the whole call's less the writes' best
            t = time.perf_counter()
            assert exports["reads"](store, calls) == 600
            best_r = min(best_r, time.perf_counter() - t - best_w)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return best_w / calls * 1e6, best_r / calls * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import wasmtime

    import wasmlite
    ours = _per_call(wasmlite, args.calls, args.repeat)
    theirs = _per_call(wasmtime, args.calls, args.repeat)
    from importlib.metadata import version
    print(f"{args.calls} calls, best of {args.repeat}; wasmtime-py {version('wasmtime')};"
          f" load average {os.getloadavg()[0]:.1f}")
    print(f"{'call':32s} {'wasmlite':>10s} {'wasmtime-py':>12s} {'ratio':>7s}")
    for name, a, b in (("fd_write 600 bytes to a file", ours[0], theirs[0]),
                       ("fd_read 600 bytes from a file", ours[1], theirs[1])):
        print(f"{name:32s} {a:8.2f} us {b:10.2f} us {b / a:6.1f}x")
    print("(ratio = wasmtime-py time / wasmlite time)")


if __name__ == "__main__":
    main()

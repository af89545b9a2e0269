"""SIMD kernels: wasmlite vs wasmtime-py, SIMD build vs scalar build, side by side.

    python bench/simd/run.py [--reps N] [--opt-level L]

kernels.c is built twice by build.sh (clang --target=wasm32 -O2, with and
without -msimd128); both .wasm files are committed. Every kernel runs on
both builds in both engines in this one process, after one untimed warm-up
call, and natively (the same C, gcc -O2, built here when gcc is present);
the best of N runs is reported with the ratios:

  wl/wt     wasmlite time / wasmtime-py time (< 1: wasmlite is faster)
  wl/nat    wasmlite time / native gcc -O2 time
  scalar/simd   the speed-up each engine gets from the SIMD build

Results of all runs of a kernel must agree (checked).
"""
from __future__ import annotations

import argparse
import ctypes
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import wasmtime  # noqa: E402

from wasmlite.binary.decode import decode_module  # noqa: E402
from wasmlite.compile import compile_module  # noqa: E402
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke  # noqa: E402
from wasmlite.valid.validate import validate_module  # noqa: E402

BUILDS = {"simd": HERE / "kernels_simd.wasm", "scalar": HERE / "kernels_scalar.wasm"}
# kernel -> iterations per timed call (each call runs ~10-100 ms)
KERNELS = {"blur": 20, "dot_i16": 400, "saxpy": 400}
SEED = 12345


def best_of(reps: int, fn) -> tuple[float, int]:
    result = fn()                      # warm-up (first-touch of memory)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


class Wasmlite:
    name = "wasmlite"

    def __init__(self, wasm: bytes, opt_level: int) -> None:
        engine = RuntimeEngine(opt_level=opt_level)
        t0 = time.perf_counter()
        module = decode_module(wasm)
        compiled = compile_module(module, validate_module(module), engine.signatures, opt_level)
        self.compile_time = time.perf_counter() - t0
        self.store = RuntimeStore(engine)
        self.exports = instantiate(self.store, compiled, []).exports

    def call(self, name: str, *args: int) -> int:
        out = invoke(self.store, self.exports[name], list(args))
        return out[0] & 0xFFFFFFFF if out else 0


class Wasmtime:
    name = "wasmtime-py"

    def __init__(self, wasm: bytes, opt_level: int) -> None:
        engine = wasmtime.Engine()
        t0 = time.perf_counter()
        module = wasmtime.Module(engine, wasm)
        self.compile_time = time.perf_counter() - t0
        self.store = wasmtime.Store(engine)
        self.exports = wasmtime.Instance(self.store, module, []).exports(self.store)

    def call(self, name: str, *args: int) -> int:
        out = self.exports[name](self.store, *args)
        return out & 0xFFFFFFFF if out is not None else 0


class Native:
    name = "native"

    def __init__(self, lib_path: Path) -> None:
        self.lib = ctypes.CDLL(str(lib_path))

    def call(self, name: str, *args: int) -> int:
        f = getattr(self.lib, name)
        f.restype = ctypes.c_uint32
        return f(*args)


def build_native(tmp: Path):
    if not shutil.which("gcc"):
        return None
    lib = tmp / "kernels.so"
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(lib), str(HERE / "kernels.c")],
                   check=True)
    return lib


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--opt-level", type=int, default=2)
    args = ap.parse_args()

    # times[kernel][build][engine]
    times: dict = {k: {b: {} for b in BUILDS} for k in KERNELS}
    results: dict = {k: set() for k in KERNELS}
    for build, path in BUILDS.items():
        wasm = path.read_bytes()
        compile_ms = {}
        for peer_cls in (Wasmlite, Wasmtime):
            for kernel, iters in KERNELS.items():
                peer = peer_cls(wasm, args.opt_level)   # a fresh instance: same data
                compile_ms[peer.name] = peer.compile_time * 1e3
                peer.call("init", SEED)
                t, r = best_of(args.reps, lambda: peer.call(kernel, iters))
                times[kernel][build][peer.name] = t
                results[kernel].add(r)      # same number of calls everywhere
        print(f"compile {path.name}: wasmlite {compile_ms['wasmlite']:.0f} ms,"
              f" wasmtime-py {compile_ms['wasmtime-py']:.0f} ms")
    native = {}
    with tempfile.TemporaryDirectory() as tmp:
        lib = build_native(Path(tmp))
        if lib is not None:
            for kernel, iters in KERNELS.items():
                peer = Native(lib)
                peer.call("init", SEED)
                native[kernel], r = best_of(args.reps, lambda: peer.call(kernel, iters))
                results[kernel].add(r)
                del peer
    bad = [k for k, r in results.items() if len(r) != 1]
    if bad:
        sys.exit(f"results disagree between peers/builds: {bad} {results}")

    print(f"\nbest of {args.reps}, wasmlite at opt level {args.opt_level}; times in ms"
          + ("; native = the same C with gcc -O2" if native else ""))
    hdr = f"{'kernel':8} {'build':7} {'wasmlite':>9} {'wasmtime':>9} {'native':>8} {'wl/wt':>6} {'wl/nat':>6}"
    print(hdr)
    print("-" * len(hdr))
    for kernel in KERNELS:
        nat = native.get(kernel)
        for build in BUILDS:
            t = times[kernel][build]
            wl, wt = t["wasmlite"], t["wasmtime-py"]
            print(f"{kernel:8} {build:7} {wl * 1e3:9.2f} {wt * 1e3:9.2f} "
                  + (f"{nat * 1e3:8.2f} " if nat else f"{'-':>8} ")
                  + f"{wl / wt:6.2f} " + (f"{wl / nat:6.2f}" if nat else f"{'-':>6}"))
    print(f"\n{'kernel':8} {'SIMD speed-up (scalar/simd)':>28}")
    print(f"{'':8} {'wasmlite':>13} {'wasmtime-py':>13}")
    for kernel in KERNELS:
        s = {e: times[kernel]["scalar"][e] / times[kernel]["simd"][e] for e in ("wasmlite", "wasmtime-py")}
        print(f"{kernel:8} {s['wasmlite']:12.2f}x {s['wasmtime-py']:12.2f}x")


if __name__ == "__main__":
    main()

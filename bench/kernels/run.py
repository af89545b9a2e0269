"""Compute kernels: wasmlite vs wasmtime-py vs native gcc -O2, side by side.

    python bench/kernels/run.py [--reps N] [--opt-level L] [--scale S]

Each kernel is a .wat file beside this script; kernels.c holds the same
algorithms for the native peer (compiled here with ``gcc -O2``). For every
kernel it prints the best-of-N run time of each peer, the run-time ratios,
and the compile time of wasmlite (decode + validate + LLVM) against
wasmtime-py's ``Module(...)`` (Cranelift). Results are checked to agree.
pywasm is left out: a pure-Python interpreter needs hours for these sizes.
"""
from __future__ import annotations

import argparse
import shutil
import struct
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

# kernel -> (argument, result type); sizes give ~10-100 ms of native time
KERNELS = {
    "fib": (35, "i32"),
    "collatz": (1_000_000, "i64"),
    "mandelbrot": (800, "i32"),
    "sieve": (16_000_000, "i32"),
    "matmul": (300, "f64"),
}


def best_of(reps: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def from_bits(bits: int, ty: str):
    if ty == "f64":
        return struct.unpack("<d", struct.pack("<Q", bits))[0]
    width = 32 if ty == "i32" else 64
    return bits - (1 << width) if bits >= 1 << (width - 1) else bits


def run_wasmlite(wasm: bytes, name: str, arg: int, ty: str, reps: int, opt_level: int):
    engine = RuntimeEngine(opt_level=opt_level)
    t0 = time.perf_counter()
    module = decode_module(wasm)
    compiled = compile_module(module, validate_module(module), engine.signatures, opt_level)
    compile_time = time.perf_counter() - t0
    store = RuntimeStore(engine)
    func = instantiate(store, compiled, []).exports[name]
    run_time, raw = best_of(reps, lambda: invoke(store, func, [arg]))
    return compile_time, run_time, from_bits(raw[0], ty)


def run_wasmtime(wasm: bytes, name: str, arg: int, reps: int):
    engine = wasmtime.Engine()
    t0 = time.perf_counter()
    module = wasmtime.Module(engine, wasm)
    compile_time = time.perf_counter() - t0
    store = wasmtime.Store(engine)
    func = wasmtime.Instance(store, module, []).exports(store)[name]
    run_time, result = best_of(reps, lambda: func(store, arg))
    return compile_time, run_time, result


def run_native(binary: Path, name: str, arg: int, reps: int):
    out = subprocess.run([str(binary), name, str(arg), str(reps)], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[1]), float(out[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--opt-level", type=int, default=2)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = ap.parse_args()

    native = None
    if shutil.which("gcc"):
        native = Path(tempfile.mkdtemp()) / "kernels"
        subprocess.run(["gcc", "-O2", "-o", str(native), str(HERE / "kernels.c")], check=True)

    print(f"wasmlite opt level {args.opt_level}, best of {args.reps}; times in ms")
    print(f"{'kernel':<11} {'wasmlite':>9} {'wasmtime':>9} {'native':>9}"
          f" {'wl/wt':>6} {'wl/nat':>6} {'wt/nat':>6} | {'compile wl':>10} {'wt':>7} {'wl/wt':>6}")
    for name, (arg, ty) in KERNELS.items():
        if name != "fib":
            arg = int(arg * args.scale)
        wasm = wasmtime.wat2wasm((HERE / f"{name}.wat").read_text())
        wl_c, wl_r, wl_v = run_wasmlite(wasm, name, arg, ty, args.reps, args.opt_level)
        wt_c, wt_r, wt_v = run_wasmtime(wasm, name, arg, args.reps)
        if wl_v != wt_v:
            print(f"{name}: results differ: wasmlite {wl_v!r}, wasmtime {wt_v!r}")
            return 1
        nat_r = float("nan")
        if native is not None:
            nat_r, nat_v = run_native(native, name, arg, args.reps)
            if nat_v != float(wt_v):
                print(f"{name}: native result {nat_v!r} differs from {wt_v!r}")
                return 1
        print(f"{name:<11} {wl_r*1e3:9.2f} {wt_r*1e3:9.2f} {nat_r*1e3:9.2f}"
              f" {wl_r/wt_r:6.2f} {wl_r/nat_r:6.2f} {wt_r/nat_r:6.2f} |"
              f" {wl_c*1e3:10.2f} {wt_c*1e3:7.2f} {wl_c/wt_c:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

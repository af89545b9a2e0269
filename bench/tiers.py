"""Tiers side by side on the compute kernels (bench/kernels/*.wat):
the interpreter alone, auto (tiered: interpreter, then LLVM -O2 by tier-up
and OSR) and llvm (everything compiled first), against wasmtime-py.

    python bench/tiers.py [--kernels fib,sieve] [--calls 100]

"one call": a fresh Module and Instance, then one long call of the kernel
(sizes where the llvm strategy computes for ~1 s), timed from Module()
to the result (so auto pays for starting interpreted, the compile in the
background and the OSR entry; llvm pays its compile).
"repeated": a fresh Module and Instance, then the kernel called --calls
times at a smaller size, total time (what a program calling a kernel in a
loop sees, tier-up included). Ratios are against the llvm strategy.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import wasmtime  # noqa: E402

import wasmlite as wl  # noqa: E402
from wasmlite import tiering  # noqa: E402

# kernel -> (argument of the one long call, argument of each repeated call)
KERNELS = {"fib": (40, 27), "collatz": (4_000_000, 100_000), "mandelbrot": (2400, 200),
           "sieve": (128_000_000, 1_000_000), "matmul": (800, 100)}


def run_wasmlite(strategy: str, name: str, wat: str, arg, calls: int, small) -> tuple[float, float, object]:
    cfg = wl.Config()
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    # the last run's stores live in reference cycles: collect them, or a big
    # memory still mapped (sieve's 128 MB) slows this run's fresh one ~15%
    gc.collect()
    t0 = time.perf_counter()
    store = wl.Store(eng)
    f = wl.Instance(store, wl.Module(eng, wat), []).exports(store)[name]
    r = f(store, arg)
    one = time.perf_counter() - t0
    store = f = None
    gc.collect()
    t0 = time.perf_counter()
    store2 = wl.Store(eng)
    f2 = wl.Instance(store2, wl.Module(eng, wat), []).exports(store2)[name]
    for _ in range(calls):
        f2(store2, small)
    rep = time.perf_counter() - t0
    tiering.drain()
    return one, rep, r


def run_wasmtime(name: str, wat: str, arg, calls: int, small) -> tuple[float, float, object]:
    eng = wasmtime.Engine()
    gc.collect()
    t0 = time.perf_counter()
    store = wasmtime.Store(eng)
    f = wasmtime.Instance(store, wasmtime.Module(eng, wat), []).exports(store)[name]
    r = f(store, arg)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = wasmtime.Store(eng)
    f = wasmtime.Instance(store, wasmtime.Module(eng, wat), []).exports(store)[name]
    for _ in range(calls):
        f(store, small)
    return one, time.perf_counter() - t0, r


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", default=",".join(KERNELS))
    ap.add_argument("--calls", type=int, default=100)
    args = ap.parse_args(argv)
    print(f"{'kernel':11} {'strategy':12} {'one call s':>11} {'x llvm':>7} {'repeated s':>11} {'x llvm':>7}")
    for name in args.kernels.split(","):
        arg, small = KERNELS[name]
        wat = (HERE / "kernels" / f"{name}.wat").read_text()
        rows = {s: run_wasmlite(s, name, wat, arg, args.calls, small) for s in ("llvm", "auto", "interpreter")}
        rows["wasmtime-py"] = run_wasmtime(name, wat, arg, args.calls, small)
        base = rows["llvm"]
        for s, (one, rep, r) in rows.items():
            ok = "" if r == base[2] else "  RESULT DIFFERS"
            print(f"{name:11} {s:12} {one:11.3f} {one / base[0]:7.2f} {rep:11.3f} {rep / base[1]:7.2f}{ok}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The cost of fuel and epoch checks: compute kernels with and without
``consume_fuel`` / ``epoch_interruption``, wasmlite and wasmtime-py side by side.

    python bench/fuel.py [--reps N]

Prints each kernel's best time per configuration and the slowdown each
setting causes in each runtime (checked / plain), through the public API.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import wasmtime  # noqa: E402

import wasmlite  # noqa: E402

KERNELS = {"fib": 30, "collatz": 300_000, "mandelbrot": 400, "sieve": 8_000_000, "matmul": 200}
SETTINGS = {"plain": {}, "fuel": {"consume_fuel": True}, "epoch": {"epoch_interruption": True}}


def kernel_func(lib, name: str, settings: dict):
    cfg = lib.Config()
    for k, v in settings.items():
        setattr(cfg, k, v)
    engine = lib.Engine(cfg)
    store = lib.Store(engine)
    if settings.get("consume_fuel"):
        store.set_fuel(2**62)
    if settings.get("epoch_interruption"):
        store.set_epoch_deadline(1)
    wat = (ROOT / "bench" / "kernels" / f"{name}.wat").read_text()
    func = lib.Instance(store, lib.Module(engine, wat), []).exports(store)[name]
    return lambda arg: func(store, arg)


def best(reps: int, fn, arg) -> float:
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn(arg)
        t = min(t, time.perf_counter() - t0)
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    print(f"best of {args.reps}, ms; slowdown = with setting / plain, per runtime")
    print(f"{'kernel':<11} {'runtime':<9} {'plain':>8} {'fuel':>8} {'epoch':>8}"
          f" {'fuel x':>7} {'epoch x':>7}")
    for name, arg in KERNELS.items():
        for label, lib in (("wasmlite", wasmlite), ("wasmtime", wasmtime)):
            times = {s: best(args.reps, kernel_func(lib, name, cfg), arg)
                     for s, cfg in SETTINGS.items()}
            print(f"{name:<11} {label:<9} {times['plain']*1e3:8.2f} {times['fuel']*1e3:8.2f}"
                  f" {times['epoch']*1e3:8.2f} {times['fuel']/times['plain']:7.2f}"
                  f" {times['epoch']/times['plain']:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

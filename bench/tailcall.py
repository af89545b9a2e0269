"""Tail calls: a deep mutual tail recursion (even/odd by return_call, by
return_call_indirect and by return_call_ref), in wasmlite (llvm,
interpreter and auto strategies) and in wasmtime-py, side by side.

    python bench/tailcall.py [--depth 10000000] [--reps 3]

Each row calls ``even(depth)`` once untimed (compiled / tiered up before
timing) and then ``--reps`` times, and prints the best time, ns per tail
call and the ratio against wasmtime-py. Every engine must finish the
recursion in its default stack (512 KiB in wasmlite): the calls are jumps.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import wasmtime  # noqa: E402

import wasmlite as wl  # noqa: E402

WAT = """
(module
  (type $t (func (param i64) (result i32)))
  (table $tab 2 funcref)
  (elem (table $tab) (i32.const 0) func $even_i $odd_i)
  (elem declare func $even_r $odd_r)
  (func $even (export "return_call") (type $t)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (type $t)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  (func $even_i (export "return_call_indirect") (type $t)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (return_call_indirect $tab (type $t)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 1)))))
  (func $odd_i (type $t)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (return_call_indirect $tab (type $t)
              (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))))
  (func $even_r (export "return_call_ref") (type $t)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (return_call_ref $t (i64.sub (local.get 0) (i64.const 1)) (ref.func $odd_r)))))
  (func $odd_r (type $t)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (return_call_ref $t (i64.sub (local.get 0) (i64.const 1)) (ref.func $even_r)))))
)
"""
FORMS = ("return_call", "return_call_indirect", "return_call_ref")


def best(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def wasmlite_times(strategy: str, depth: int, reps: int) -> dict[str, float]:
    cfg = wl.Config()
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    ex = wl.Instance(store, wl.Module(eng, WAT), []).exports(store)
    out = {}
    for form in FORMS:
        f = ex[form]
        assert f(store, depth) == 1 - depth % 2
        if strategy == "auto":
            time.sleep(0.5)         # let the background tier-up land
            f(store, depth)
        out[form] = best(lambda: f(store, depth), reps)
    return out


def wasmtime_times(depth: int, reps: int) -> dict[str, float]:
    store = wasmtime.Store()
    ex = wasmtime.Instance(store, wasmtime.Module(store.engine, WAT), []).exports(store)
    out = {}
    for form in FORMS:
        f = ex[form]
        assert f(store, depth) == 1 - depth % 2
        out[form] = best(lambda: f(store, depth), reps)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--depth", type=int, default=10_000_000)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    rows = {"wasmtime-py": wasmtime_times(a.depth, a.reps)}
    for strategy in ("llvm", "interpreter", "auto"):
        rows[f"wasmlite {strategy}"] = wasmlite_times(strategy, a.depth, a.reps)
    ref = rows["wasmtime-py"]
    print(f"{a.depth:,} tail calls per run, best of {a.reps}; s, ns per call, ratio to wasmtime-py")
    print(f"{'engine':22}" + "".join(f"{f:>34}" for f in FORMS))
    for name, t in rows.items():
        cells = "".join(f"{t[f]:>12.3f} s {1e9 * t[f] / a.depth:>7.2f} ns {t[f] / ref[f]:>7.2f}x"
                        for f in FORMS)
        print(f"{name:22}{cells}")


if __name__ == "__main__":
    main()

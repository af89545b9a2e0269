"""Exception throw + catch cost: wasmlite (each strategy) against wasmtime-py,
side by side.

    python bench/exceptions.py [--n 200000] [--reps 5]

Four loops of ``--n`` iterations each, in one module:

* ``try``: enter and leave a try_table whose body calls a function that
  does not throw (the cost of being ready to catch);
* ``throw``: the callee throws a tag with an i32 payload, the try_table
  one frame up catches it (``catch``);
* ``deep``: the same with the throw 10 frames below the handler;
* ``ref``: caught with catch_ref and rethrown with throw_ref to an outer
  handler (an exnref made and consumed per iteration).

Prints the best time per iteration of each loop, and wasmlite / wasmtime-py.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import wasmtime  # noqa: E402

import wasmlite as wl  # noqa: E402

WAT = """(module
  (tag $e (param i32))
  (func $quiet (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func $down (param i32) (param i32)
    (if (i32.eqz (local.get 1)) (then (call $thrower (local.get 0))))
    (call $down (local.get 0) (i32.sub (local.get 1) (i32.const 1))))
  (func (export "try") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (block $h
        (try_table (catch_all $h)
          (local.set $s (i32.add (local.get $s) (call $quiet (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "throw") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (block $h (result i32)
          (try_table (catch $e $h) (call $thrower (local.get $i)))
          (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "deep") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (block $h (result i32)
          (try_table (catch $e $h) (call $down (local.get $i) (i32.const 10)))
          (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "ref") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (block $outer (result i32)
          (try_table (catch $e $outer)
            (block $h (result i32 exnref)
              (try_table (catch_ref $e $h) (call $thrower (local.get $i)))
              (unreachable))
            (throw_ref))
          (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))"""

LOOPS = ("try", "throw", "deep", "ref")


def wasmlite_runner(strategy: str):
    cfg = wl.Config()
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    x = wl.Instance(store, wl.Module(eng, WAT), []).exports(store)
    return lambda name, n: x[name](store, n)


def wasmtime_runner():
    store = wasmtime.Store()
    x = wasmtime.Instance(store, wasmtime.Module(store.engine, WAT), []).exports(store)
    return lambda name, n: x[name](store, n)


def best(run, name: str, n: int, reps: int) -> tuple[float, int]:
    run(name, 1000)                      # compiled (or tiered up) before timing
    times, outs = [], set()
    for _ in range(reps):
        t0 = time.perf_counter()
        outs.add(run(name, n))
        times.append(time.perf_counter() - t0)
    assert len(outs) == 1, outs
    return min(times) / n, outs.pop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    engines = {"wasmlite llvm": wasmlite_runner("llvm"),
               "wasmlite interpreter": wasmlite_runner("interpreter"),
               "wasmtime-py": wasmtime_runner()}
    print(f"n = {args.n}, best of {args.reps}; ns per iteration")
    print(f"{'engine':22}" + "".join(f"{k:>10}" for k in LOOPS))
    results: dict = {}
    for name, run in engines.items():
        row = {}
        for loop in LOOPS:
            row[loop] = best(run, loop, args.n, args.reps)
        results[name] = row
        print(f"{name:22}" + "".join(f"{row[k][0] * 1e9:10.1f}" for k in LOOPS))
    for loop in LOOPS:          # every engine computes the same sums
        assert len({results[e][loop][1] for e in results}) == 1, loop
    base = results["wasmtime-py"]
    for name in ("wasmlite llvm", "wasmlite interpreter"):
        print(f"{name} / wasmtime-py:" + "".join(
            f" {k} {results[name][k][0] / base[k][0]:.2f}" for k in LOOPS))


if __name__ == "__main__":
    main()

"""memory64 access cost: the same kernel on a 32-bit and a 64-bit memory,
in wasmlite (each strategy) and in wasmtime-py, side by side.

    python bench/memory64.py [--mib 16] [--reps 5]

The kernel writes a byte pattern over ``--mib`` MiB with i32.store8, then
sums it with i32.load8_u and i64.load, ``--reps`` passes (loads and stores
dominate; every access is bounds-checked: wasmlite checks explicitly in
both memory types, Wasmtime uses guard pages for 32-bit memories and
explicit checks for 64-bit ones). Prints the best time per variant and the
64-bit / 32-bit ratio per engine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import wasmtime  # noqa: E402

import wasmlite as wl  # noqa: E402


def kernel(at: str, pages: int) -> str:
    """The kernel on a memory of index type ``at`` ("i32" or "i64")."""
    a = at
    return f"""(module
  (memory {a} {pages})
  (func (export "run") (param $n {a}) (param $reps i32) (result i64)
    (local $i {a}) (local $s i64) (local $r i32)
    (loop $fill
      (i32.store8 (local.get $i) (i32.wrap_{'i64' if a == 'i64' else 'i32'}_dummy))
      (local.set $i ({a}.add (local.get $i) ({a}.const 1)))
      (br_if $fill ({a}.lt_u (local.get $i) (local.get $n))))
    (loop $rep
      (local.set $i ({a}.const 0))
      (loop $sum
        (local.set $s (i64.add (local.get $s)
          (i64.extend_i32_u (i32.load8_u (local.get $i)))))
        (local.set $s (i64.xor (local.get $s) (i64.load offset=8 (local.get $i))))
        (local.set $i ({a}.add (local.get $i) ({a}.const 16)))
        (br_if $sum ({a}.lt_u (local.get $i) ({a}.sub (local.get $n) ({a}.const 16)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rep (i32.lt_u (local.get $r) (local.get $reps))))
    (local.get $s)))""".replace(
        f"(i32.wrap_{'i64' if a == 'i64' else 'i32'}_dummy)",
        "(i32.wrap_i64 (local.get $i))" if a == "i64" else "(local.get $i)")


def time_wasmlite(strategy: str, wat: str, n: int, reps: int) -> tuple[float, int]:
    cfg = wl.Config()
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    run = wl.Instance(store, wl.Module(eng, wat), []).exports(store)["run"]
    run(store, 1024, 1)                 # compiled / tiered up before timing
    t0 = time.perf_counter()
    out = run(store, n, reps)
    return time.perf_counter() - t0, out


def time_wasmtime(wat: str, n: int, reps: int) -> tuple[float, int]:
    store = wasmtime.Store()
    run = wasmtime.Instance(store, wasmtime.Module(store.engine, wat), []).exports(store)["run"]
    run(store, 1024, 1)
    t0 = time.perf_counter()
    out = run(store, n, reps)
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mib", type=int, default=16)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--passes", type=int, default=4, help="kernel passes per timing")
    args = ap.parse_args()
    n = args.mib << 20
    pages = (n >> 16) + 1
    engines = {"wasmlite llvm": lambda w: time_wasmlite("llvm", w, n, args.passes),
               "wasmlite interpreter": lambda w: time_wasmlite("interpreter", w, n, 1),
               "wasmtime-py": lambda w: time_wasmtime(w, n, args.passes)}
    print(f"{args.mib} MiB, best of {args.reps} (interpreter: 1 pass, others {args.passes})")
    print(f"{'engine':24} {'i32 (s)':>9} {'i64 (s)':>9} {'i64/i32':>8}")
    results = {}
    for name, fn in engines.items():
        best = {}
        for at in ("i32", "i64"):
            wat = kernel(at, pages)
            times, outs = [], set()
            for _ in range(args.reps):
                t, out = fn(wat)
                times.append(t)
                outs.add(out)
            assert len(outs) == 1, outs
            best[at] = (min(times), outs.pop())
        assert best["i32"][1] == best["i64"][1]
        results[name] = best
        print(f"{name:24} {best['i32'][0]:9.4f} {best['i64'][0]:9.4f} "
              f"{best['i64'][0] / best['i32'][0]:8.2f}")
    a, b = results["wasmlite llvm"], results["wasmtime-py"]
    print(f"wasmlite llvm / wasmtime-py: i32 {a['i32'][0] / b['i32'][0]:.2f}, "
          f"i64 {a['i64'][0] / b['i64'][0]:.2f}")


if __name__ == "__main__":
    main()

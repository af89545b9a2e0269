"""Calls across the Python/wasm boundary: wasmlite vs wasmtime-py, side by side.

1. host -> wasm: ``add(store, i, 1)`` on ``(func (param i32 i32) (result i32))``,
   called from a Python loop; time per call.
2. wasm -> host: a wasm loop calling an imported Python function
   ``(param i32) (result i32)`` N times; time per host call.

Both runtimes run the same module text in the same process; the ratio is
wasmtime-py's time / wasmlite's time (higher is better for wasmlite).

    python bench/calls.py [--calls N] [--repeat R]
"""
from __future__ import annotations

import argparse
import time

WAT = """
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func (export "loop") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $host (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    local.get $acc))
"""


def setup(rt):
    engine = rt.Engine()
    store = rt.Store(engine)
    module = rt.Module(engine, WAT)
    ty = rt.FuncType([rt.ValType.i32()], [rt.ValType.i32()])
    host = rt.Func(store, ty, lambda x: x + 1)
    exports = rt.Instance(store, module, [host]).exports(store)
    return store, exports["add"], exports["loop"]


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def host_to_wasm(rt, calls: int, repeat: int) -> float:
    store, add, _ = setup(rt)
    assert add(store, 2, 3) == 5

    def run():
        for i in range(calls):
            add(store, i, 1)
    return best_of(run, repeat) / calls


def wasm_to_host(rt, calls: int, repeat: int) -> float:
    store, _, loop = setup(rt)
    expected = sum(n + 1 for n in range(1, 11))
    assert loop(store, 10) == expected
    return best_of(lambda: loop(store, calls), repeat) / calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import wasmtime
    import wasmlite
    rows = []
    for name, bench in (("host -> wasm  add(i32,i32)", host_to_wasm),
                        ("wasm -> host  (i32)->i32 ", wasm_to_host)):
        ours = bench(wasmlite, args.calls, args.repeat)
        theirs = bench(wasmtime, args.calls, args.repeat)
        rows.append((name, ours, theirs))
    print(f"{'benchmark':28} {'wasmlite':>12} {'wasmtime-py':>12} {'ratio':>8}")
    for name, ours, theirs in rows:
        print(f"{name:28} {ours * 1e6:>9.3f} us {theirs * 1e6:>9.3f} us {theirs / ours:>7.1f}x")
    print(f"({args.calls} calls, best of {args.repeat}; ratio = wasmtime-py time / wasmlite time)")


if __name__ == "__main__":
    main()

"""The cost of one component call from Python: wasmlite.component against
wasmtime-py 50's wasmtime.component, the same component
(tests/components/world/values.wasm) in the same process.

    python bench/component_call.py [--calls 20000] [--reps 5]

Calls (per call, best of --reps runs of --calls calls each):
- string-and-list("hello" * 10, list(range(100))) -> u32: a string and a
  list<u32> lowered into the guest (realloc, copies), a u32 lifted back;
- echo-u32(7): the call itself, one flat value each way;
- via-string("hello" * 10): the guest calls a Python host import with the
  string and lowers its answer back (both directions of the ABI).
Prints microseconds per call on each side and wasmtime-py's time over
wasmlite's.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from component_world import World  # noqa: E402  (tests/component_world.py)


CASES = [
    ("string-and-list(str50, list100)", "echo", "string-and-list",
     ("hello" * 10, list(range(100)))),
    ("echo-u32(7)", "echo", "echo-u32", (7,)),
    ("via-string(str50) host import", "calls", "via-string", ("hello" * 10,)),
]


def per_call(world: World, interface: str, name: str, args: tuple, calls: int,
             reps: int) -> float:
    f = world.func(interface, name)
    store = world.store
    f(store, *args)                  # warm: codecs built, code compiled or cached
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(calls):
            f(store, *args)
        best = min(best, (time.perf_counter() - t0) / calls)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=20000)
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    worlds = {rt: World(rt) for rt in ("wasmlite", "wasmtime")}
    print(f"load average {os.getloadavg()[0]:.1f}; {a.calls} calls, best of {a.reps}")
    print(f"{'call':<34}{'wasmlite':>12}{'wasmtime-py':>14}{'ratio':>9}")
    for label, interface, name, args in CASES:
        t = {rt: per_call(w, interface, name, args, a.calls, a.reps) for rt, w in worlds.items()}
        print(f"{label:<34}{t['wasmlite'] * 1e6:>9.2f} us{t['wasmtime'] * 1e6:>11.2f} us"
              f"{t['wasmtime'] / t['wasmlite']:>8.1f}x")
    print("(ratio = wasmtime-py time / wasmlite time)")


if __name__ == "__main__":
    main()

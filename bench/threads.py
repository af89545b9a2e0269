"""Threads: one Engine and Module shared by N threads, one Store each.

8 jobs of a compute kernel (an integer hash loop) run one after another on
one thread, then all at once on 8 threads; wasm releases the GIL, so on a
machine with C cores the threaded run should approach min(C, 8)x.

    python bench/threads.py [--jobs 8] [--iters 30000000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import threading
import time

import wasmlite

KERNEL = """
(module
  (func (export "mix") (param $seed i32) (param $n i32) (result i32)
    (local $h i32) (local $i i32)
    (local.set $h (local.get $seed))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $i)) (i32.const 16777619)))
      (local.set $h (i32.rotl (local.get $h) (i32.const 13)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $h)))
"""


def expected(seed: int, n: int) -> int:
    """The kernel in Python (for a small n): the correctness check."""
    h = seed & 0xFFFFFFFF
    for i in range(n):
        h = ((h ^ i) * 16777619) & 0xFFFFFFFF
        h = ((h << 13) | (h >> 19)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def job(engine, module, seed: int, iters: int, out: dict) -> None:
    store = wasmlite.Store(engine)
    mix = wasmlite.Instance(store, module, []).exports(store)["mix"]
    out[seed] = mix(store, seed, iters)


def run_serial(engine, module, jobs: int, iters: int) -> tuple[float, dict]:
    out: dict = {}
    t0 = time.perf_counter()
    for seed in range(jobs):
        job(engine, module, seed, iters, out)
    return time.perf_counter() - t0, out


CPU = {}


def cpu_time() -> float:
    return time.process_time()


def run_threads(engine, module, jobs: int, iters: int) -> tuple[float, dict]:
    out: dict = {}
    threads = [threading.Thread(target=job, args=(engine, module, seed, iters, out))
               for seed in range(jobs)]
    t0, c0 = time.perf_counter(), cpu_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    CPU.setdefault("ratios", []).append((cpu_time() - c0) / wall)
    return wall, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=8)
    ap.add_argument("--iters", type=int, default=30_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    engine = wasmlite.Engine()
    module = wasmlite.Module(engine, KERNEL)
    # correctness on a small n first
    _, small = run_threads(engine, module, args.jobs, 1000)
    assert all(small[s] == expected(s, 1000) for s in range(args.jobs)), small
    serial, threaded = [], []
    for _ in range(args.repeat):
        t, out_s = run_serial(engine, module, args.jobs, args.iters)
        serial.append(t)
        t, out_t = run_threads(engine, module, args.jobs, args.iters)
        threaded.append(t)
        assert out_s == out_t
    s, t = min(serial), min(threaded)
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs}, iterations per job: {args.iters:,}")
    print(f"serial (1 thread):   {s:.3f} s")
    print(f"threaded ({args.jobs} threads): {t:.3f} s")
    print(f"speedup: {s / t:.2f}x")
    # process CPU time / wall time while the threads ran: how many cores
    # the wasm threads kept busy at once (other load on the machine lowers
    # the speedup but not this)
    print(f"cores busy during the threaded run (CPU time / wall): "
          f"{max(CPU['ratios'][1:] or CPU['ratios']):.2f}")
    try:
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    except OSError:
        pass


if __name__ == "__main__":
    main()

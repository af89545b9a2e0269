"""Two source trees of wasmlite on the tier-up benchmarks, on the same load:

    python bench/ab_tiers.py TREE_A TREE_B [--reps 3] [--kernels sieve,matmul]

For each kernel of bench/tiers.py (same sizes), a fresh process per tree,
alternating, runs the llvm strategy and auto: one long call (fresh Module +
Instance + call) and 100 calls at the smaller size, and reports auto's time
over llvm's of the same process (so the load of that moment cancels out as
far as it can), as the median over ``--reps`` processes per tree. Each tree
gets a cache of its own, ``TREE-cache``: seed its ``wasmlite/interp`` first
(one `wasmlite run --strategy interpreter` with XDG_CACHE_HOME set to it), or
the first process of a tree includes the interpreter's one-time build.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r'''
import gc, json, sys, time
import wasmlite as wl
from wasmlite import tiering
path, name, big, small, calls = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
wat = open(path).read()
out = {}
for strategy in ("llvm", "auto"):
    cfg = wl.Config(); cfg.strategy = strategy; eng = wl.Engine(cfg)
    t0 = time.perf_counter(); store = wl.Store(eng)
    wl.Instance(store, wl.Module(eng, wat), []).exports(store)[name](store, big)
    one = time.perf_counter() - t0
    # the store and its memory (sieve's is 128 MB) go before the next
    # timing: a store lives in reference cycles, and a big memory still
    # mapped made the next one-call run ~15% slower (page faults on a
    # fresh mapping beside it), which biased auto, always timed second
    store = None; gc.collect()
    t0 = time.perf_counter(); store = wl.Store(eng)
    f = wl.Instance(store, wl.Module(eng, wat), []).exports(store)[name]
    for _ in range(calls):
        f(store, small)
    out[strategy] = (one, time.perf_counter() - t0)
    tiering.drain()
    store = f = None; gc.collect()
print(json.dumps(out))
'''


def ratios(tree: str, kernel: str, sizes: tuple[int, int]) -> tuple[float, float]:
    """(auto/llvm for one call, for 100 calls) from one fresh process."""
    env = dict(os.environ, PYTHONPATH=tree, XDG_CACHE_HOME=f"{tree}-cache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    p = subprocess.run([sys.executable, "-c", CHILD, str(HERE / "kernels" / f"{kernel}.wat"),
                        kernel, str(sizes[0]), str(sizes[1]), "100"],
                       env=env, capture_output=True, text=True, check=True)
    d = json.loads(p.stdout.strip().splitlines()[-1])
    return d["auto"][0] / d["llvm"][0], d["auto"][1] / d["llvm"][1]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    from tiers import KERNELS
    ap = argparse.ArgumentParser()
    ap.add_argument("trees", nargs=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--kernels", default=",".join(KERNELS))
    args = ap.parse_args(argv)
    for kernel in args.kernels.split(","):
        got: dict[str, list[tuple[float, float]]] = {t: [] for t in args.trees}
        for _ in range(args.reps):
            for tree in args.trees:
                got[tree].append(ratios(tree, kernel, KERNELS[kernel]))
        for tree in args.trees:
            one = statistics.median(x for x, _ in got[tree])
            many = statistics.median(y for _, y in got[tree])
            print(f"{kernel:10s} {os.path.basename(tree):12s} auto/llvm one call {one:.2f}"
                  f"  100 calls {many:.2f}", flush=True)
    with open("/proc/loadavg") as f:
        print("load", f.read().split()[:3])
    return 0


if __name__ == "__main__":
    sys.exit(main())

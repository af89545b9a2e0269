"""Two source trees of wasmlite side by side on the same machine load:

    python bench/ab_trees.py TREE_A TREE_B     (e.g. `git archive` copies)

Runs fib(32) and sieve(4,000,000) in the llvm and interpreter tiers, in a
fresh process per tree, alternating the order between rounds, and prints
the best of 4 processes x 5 calls. Used for "Backtraces: cost" in
bench/RESULTS.md, where load from other jobs made single runs unusable.
"""
from __future__ import annotations

import json
import subprocess
import sys

CODE = r'''
import sys, time, json
sys.path.insert(0, ".")
import wasmlite as wt
res = {}
for kernel, arg in (("fib", 32), ("sieve", 4_000_000)):
    src = open(f"bench/kernels/{kernel}.wat").read()
    for strat in ("llvm", "interpreter"):
        cfg = wt.Config(); cfg.strategy = strat
        store = wt.Store(wt.Engine(cfg))
        fn = wt.Instance(store, wt.Module(store.engine, src), []).exports(store)[kernel]
        fn(store, arg)
        b = 1e9
        for _ in range(5):
            t0 = time.perf_counter(); fn(store, arg); b = min(b, time.perf_counter() - t0)
        res[f"{kernel}/{strat}"] = b
print(json.dumps(res))
'''


def main(trees: list[str], rounds: int = 4) -> None:
    out: dict[str, list[dict]] = {t: [] for t in trees}
    for r in range(rounds):
        for t in (trees if r % 2 == 0 else trees[::-1]):
            p = subprocess.run([sys.executable, "-c", CODE], cwd=t, capture_output=True,
                               text=True, check=True)
            out[t].append(json.loads(p.stdout))
    keys = list(out[trees[0]][0])
    print(f"ms, best of {rounds} alternating processes x 5 calls")
    print(" " * 18 + "".join(f"{t:>16}" for t in trees))
    for k in keys:
        print(f"{k:18}" + "".join(f"{min(d[k] for d in out[t]) * 1000:16.2f}" for t in trees))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Wasm GC allocation: binary-trees (the Benchmarks Game's program, in wat
with GC struct types) and a list kernel, in wasmlite (llvm, auto,
interpreter) and wasmtime-py (GC on), side by side, each in a fresh
process, with its peak RSS.

    python bench/gc_alloc.py [--depth 16] [--reps 3]

binary-trees(depth): a long-lived tree of ``depth``, then for every even
d from 4 to depth, 2^(depth - d + 4) trees of depth d built and walked (all
garbage at once), then the long-lived tree walked: almost everything it
allocates dies young, the pattern of managed-language programs. list(n):
builds a list of ``n`` cons cells holding i31s, sums it, 20 times.

Each engine runs the kernel once untimed (compiles, tiers up), then
``--reps`` times; the best time is printed with the ratio to wasmtime-py,
and the process's peak RSS (``ru_maxrss``) after the runs beside its RSS
before the first call (what the heap added is the difference).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WAT = """
(module
  (type $node (struct (field $l (ref null $node)) (field $r (ref null $node))))
  (type $cons (struct (field $head i31ref) (field $tail (ref null $cons))))
  (func $make (param $d i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $d))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else (struct.new $node
              (call $make (i32.sub (local.get $d) (i32.const 1)))
              (call $make (i32.sub (local.get $d) (i32.const 1)))))))
  (func $check (param $t (ref null $node)) (result i32)
    (if (result i32) (ref.is_null (struct.get $node $l (local.get $t)))
      (then (i32.const 1))
      (else (i32.add (i32.const 1)
              (i32.add (call $check (struct.get $node $l (local.get $t)))
                       (call $check (struct.get $node $r (local.get $t))))))))
  (func (export "trees") (param $max i32) (result i32)
    (local $long (ref null $node)) (local $d i32) (local $n i32) (local $i i32)
    (local $sum i32)
    (local.set $long (call $make (local.get $max)))
    (local.set $d (i32.const 4))
    (block $done (loop $depths
      (br_if $done (i32.gt_s (local.get $d) (local.get $max)))
      (local.set $n (i32.shl (i32.const 1)
                      (i32.add (i32.sub (local.get $max) (local.get $d)) (i32.const 4))))
      (local.set $i (i32.const 0))
      (block $b (loop $l
        (br_if $b (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $check (call $make (local.get $d)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.set $d (i32.add (local.get $d) (i32.const 2)))
      (br $depths)))
    (i32.add (local.get $sum) (call $check (local.get $long))))
  (func (export "list") (param $n i32) (result i32)
    (local $l (ref null $cons)) (local $i i32) (local $sum i32) (local $round i32)
    (loop $rounds
      (local.set $l (ref.null $cons))
      (local.set $i (i32.const 0))
      (loop $build
        (local.set $l (struct.new $cons (ref.i31 (local.get $i)) (local.get $l)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $build (i32.lt_s (local.get $i) (local.get $n))))
      (block $e (loop $walk
        (br_if $e (ref.is_null (local.get $l)))
        (local.set $sum (i32.add (local.get $sum)
                          (i31.get_u (struct.get $cons $head (local.get $l)))))
        (local.set $l (struct.get $cons $tail (local.get $l)))
        (br $walk)))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_s (local.get $round) (i32.const 20))))
    (local.get $sum))
)
"""

CHILD = r"""
import json, resource, sys, time
engine_name, kernel, arg, reps, wat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
if engine_name == "wasmtime-py":
    import wasmtime as w
    c = w.Config(); c.wasm_gc = True
else:
    import wasmlite as w
    c = w.Config(); c.strategy = engine_name
e = w.Engine(c); s = w.Store(e)
m = w.Module(e, open(wat).read())
f = w.Instance(s, m, []).exports(s)[kernel]
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
base = rss_mb()
want = f(s, arg)
times = []
for _ in range(reps):
    t0 = time.perf_counter(); got = f(s, arg); times.append(time.perf_counter() - t0)
    assert got == want, (got, want)
print(json.dumps({"best": min(times), "result": want, "base_mb": base,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ENGINES = ("wasmtime-py", "llvm", "auto", "interpreter")


def run(engine: str, kernel: str, arg: int, reps: int, wat: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", CHILD, engine, kernel, str(arg), str(reps), str(wat)],
                       capture_output=True, text=True, env=env, timeout=1800)
    if p.returncode != 0:
        return {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--depth", type=int, default=16)
    ap.add_argument("--list", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--engines", default=",".join(ENGINES))
    args = ap.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    wat = out / "gc_alloc.wat"
    wat.write_text(WAT)
    for kernel, arg in (("trees", args.depth), ("list", args.list)):
        print(f"{kernel}({arg}):")
        rows = {e: run(e, kernel, arg, args.reps, wat) for e in args.engines.split(",")}
        base = rows.get("wasmtime-py", {}).get("best")
        results = {r.get("result") for r in rows.values() if "result" in r}
        if len(results) > 1:
            print(f"  RESULTS DIFFER: {results}")
        for e, r in rows.items():
            if "error" in r:
                print(f"  {e:12} error: {r['error']}")
                continue
            ratio = f"{r['best'] / base:6.2f}x" if base else "   -  "
            print(f"  {e:12} {r['best'] * 1000:9.1f} ms  {ratio}  peak RSS {r['rss_mb']:7.1f} MB"
                  f" (before the first call {r['base_mb']:6.1f} MB)")


if __name__ == "__main__":
    main()

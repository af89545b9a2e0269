"""What each mix of LLVM passes and codegen buys on one WASI command:
compile time of the whole module and its run, per variant.

    python bench/pipeline_levels.py [--variants cheap,O1ir_fast,cheap_dag,O1ir,O2]
                                    [--rounds N] [--dir HOST] FILE.wasm [ARGS...]

Each variant runs in a fresh process (``--child``): the ``llvm`` strategy
compiles every function at -O2 with compile/jit.py's ``optimize`` and
codegen level swapped for the variant's (no parallel compile), then
``_start`` runs three times in that process, output to a file; the best run
is printed. Variants (IR passes / codegen):

* ``cheap``: the cheap tier's (SROA, InstCombine, SimplifyCFG / FastISel and
  the fast register allocator);
* ``O1ir_fast``: LLVM's O1 pipeline / FastISel;
* ``cheap_dag``: the cheap passes / SelectionDAG and the greedy allocator;
* ``O1ir``: the O1 pipeline / codegen -O2;
* ``O2``: the full level (-O2 / codegen -O2);
* ``fast:P1+P2...``: the named function passes alone (llvmlite's
  ``add_P_pass``, e.g. ``fast:sroa+simplify_cfg``) / FastISel and the fast
  register allocator: candidates for the cheap tier.

``--rounds N`` runs all the variants in one process instead, in turn, N
rounds, one run each, and prints the median CPU time (``time.thread_time``)
of compiling and of running: on a loaded machine wall times of fresh
processes spread more than the differences looked for.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANTS = ["cheap", "O1ir_fast", "cheap_dag", "O1ir", "O2"]


def _child(variants: list[str], rounds: int, wasm: str, workdir: str, args: list[str]) -> None:
    """Each variant in turn, ``rounds`` times (0: one variant, as its own
    process does, best of three runs)."""
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE / "wasi"))
    import llvmlite.binding as llvm
    import wasmlite as rt
    from wasmlite.compile import jit
    from run import run_wasi
    optimize, codegen = jit.optimize, jit._codegen_level
    current = [variants[0]]

    def swapped(mod, opt_level, tail_calls=False):
        variant = current[0]
        if opt_level != 2 or variant == "O2":
            return optimize(mod, opt_level, tail_calls)
        if variant in ("cheap", "cheap_dag"):
            return optimize(mod, 1, tail_calls)
        if variant.startswith("fast:"):
            pm = llvm.create_new_module_pass_manager()
            for name in variant[5:].split("+"):
                getattr(pm, f"add_{name}_pass")()
            pm.run(mod, jit._pass_builder(1))
            return None
        pb = llvm.create_pass_builder(jit._init()["tms"][2],
                                      llvm.create_pipeline_tuning_options(speed_level=1))
        pb.getModulePassManager().run(mod, pb)

    def level_of(variant: str) -> int:
        return 0 if variant in ("cheap", "O1ir_fast") or variant.startswith("fast:") else 2

    jit.optimize = swapped
    jit._codegen_level = lambda lvl: level_of(current[0]) if lvl == 2 else codegen(lvl)
    binary = Path(wasm).read_bytes()
    argv = [Path(wasm).stem, *args]
    out = os.path.join(workdir, "stdout.txt")

    def one(variant: str, runs: int) -> tuple[float, float, list[float], list[float]]:
        current[0] = variant
        cfg = rt.Config()
        cfg.strategy = "llvm"
        cfg.parallel_compilation = False
        engine = rt.Engine(cfg)
        t, c = time.perf_counter(), time.thread_time()
        module = rt.Module(engine, binary)
        compiled, compiled_cpu = time.perf_counter() - t, time.thread_time() - c
        walls, cpus = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.thread_time()
            run_wasi(rt, engine, module, argv, workdir=workdir, stdout=out)
            walls.append(time.perf_counter() - t)
            cpus.append(time.thread_time() - c)
        return compiled, compiled_cpu, walls, cpus

    if not rounds:
        compiled, _cpu, walls, _cpus = one(variants[0], 3)
        print(f"{variants[0]:10s} compile {compiled * 1e3:8.0f} ms   run {min(walls) * 1e3:7.0f} ms")
        return
    import statistics
    got: dict[str, list[tuple[float, float]]] = {v: [] for v in variants}
    for _ in range(rounds):
        for v in variants:
            _c, compiled_cpu, _w, cpus = one(v, 1)
            got[v].append((compiled_cpu, cpus[0]))
    for v, rows in got.items():
        print(f"{v:45s} compile cpu {statistics.median(r[0] for r in rows) * 1e3:6.0f} ms"
              f"   run cpu {statistics.median(r[1] for r in rows) * 1e3:6.0f} ms"
              f" (min {min(r[1] for r in rows) * 1e3:.0f})")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        variants, rounds, wasm, workdir, *args = sys.argv[2:]
        return _child(variants.split(","), int(rounds), wasm, workdir, args)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--dir", default=None, help="the preopened directory (default: a new one)")
    ap.add_argument("--rounds", type=int, default=0,
                    help="run every variant in ONE process, alternating, this many rounds, and "
                         "print median CPU times of the compiling and running thread (steadier "
                         "than wall time on a loaded machine)")
    ap.add_argument("wasm")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    variants = a.variants.split(",")
    for v in variants:
        if v not in VARIANTS and not v.startswith("fast:"):
            raise SystemExit(f"unknown variant {v!r}")
    with tempfile.TemporaryDirectory(prefix="wasmlite-levels-") as tmp:
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
        groups = [variants] if a.rounds else [[v] for v in variants]
        for group in groups:
            subprocess.run([sys.executable, __file__, "--child", ",".join(group), str(a.rounds),
                            a.wasm, a.dir or tmp, *a.args], env=env, check=True)


if __name__ == "__main__":
    main()

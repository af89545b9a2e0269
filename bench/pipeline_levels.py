"""What each mix of LLVM passes and codegen buys on one WASI command:
compile time of the whole module and its run, per variant.

    python bench/pipeline_levels.py [--variants cheap,O1ir_fast,cheap_dag,O1ir,O2]
                                    [--dir HOST] FILE.wasm [ARGS...]

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


def _child(variant: str, wasm: str, workdir: str, args: list[str]) -> None:
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE / "wasi"))
    import llvmlite.binding as llvm
    import wasmlite as rt
    from wasmlite.compile import jit
    from run import run_wasi
    optimize, codegen = jit.optimize, jit._codegen_level

    def swapped(mod, opt_level, tail_calls=False):
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

    level = 0 if variant in ("cheap", "O1ir_fast") or variant.startswith("fast:") else 2
    jit.optimize = swapped
    jit._codegen_level = lambda lvl: level if lvl == 2 else codegen(lvl)
    cfg = rt.Config()
    cfg.strategy = "llvm"
    cfg.parallel_compilation = False
    engine = rt.Engine(cfg)
    t = time.perf_counter()
    module = rt.Module(engine, Path(wasm).read_bytes())
    compiled = time.perf_counter() - t
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        run_wasi(rt, engine, module, [Path(wasm).stem, *args], workdir=workdir,
                 stdout=os.path.join(workdir, "stdout.txt"))
        runs.append(time.perf_counter() - t)
    print(f"{variant:10s} compile {compiled * 1e3:8.0f} ms   run {min(runs) * 1e3:7.0f} ms")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        variant, wasm, workdir, *args = sys.argv[2:]
        return _child(variant, wasm, workdir, args)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--dir", default=None, help="the preopened directory (default: a new one)")
    ap.add_argument("wasm")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="wasmlite-levels-") as tmp:
        for v in a.variants.split(","):
            if v not in VARIANTS and not v.startswith("fast:"):
                raise SystemExit(f"unknown variant {v!r}")
            env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
            subprocess.run([sys.executable, __file__, "--child", v, a.wasm, a.dir or tmp,
                            *a.args], env=env, check=True)


if __name__ == "__main__":
    main()

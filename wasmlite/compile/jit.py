"""LLVM IR text -> optimized object code -> code memory (llvmlite LLJIT).

Each compiled module (or host trampoline) is ONE JIT library exporting ONE
symbol: an array of code pointers. The library's ResourceTracker is kept by
the CompiledModule, so the code is freed when the last reference to it goes
away.

Freeing a library's code does not free its JITDylib: LLVM keeps every dylib
(about 10 KiB each) until its LLJIT is destroyed. So libraries go into an
LLJIT *generation* of at most ``_LIBRARIES_PER_LLJIT``; then a new LLJIT
(0.4 ms to create) takes over. Each tracker holds its LLJIT (a C++
shared_ptr), so an old generation lives exactly as long as its last library,
and loading and dropping modules forever keeps memory flat.

Optimization levels: 2 (default) runs LLVM's O2 pipeline and codegen (3: O3);
1 is the cheap tier: SROA + instcombine + simplifycfg with fast codegen
(FastISel) -- measured ~10x cheaper than 2; 0 only SROA (locals become
registers) with fast codegen.
"""
from __future__ import annotations

import ctypes
import itertools
import threading

import llvmlite.binding as llvm

from ..errors import WasmtimeError

_lock = threading.Lock()
_state: dict = {}
_counter = itertools.count()
_LIBRARIES_PER_LLJIT = 64

# Host CPU features we compile without. AVX-VNNI: LLVM's x86 backend fuses
# pmaddwd + paddd (i32x4.dot_i16x8_s + i32x4.add) into vpdpwssd, which turns
# a reduction's accumulator into a chain of 4-5-cycle instructions; on znver5
# the dot_i16 SIMD kernel ran 3x slower with it (bench/RESULTS.md). wasm 2.0
# has no instruction that needs VNNI, and nothing else measured got slower.
DISABLED_FEATURES = ("avxvnni", "avx512vnni")


def target_features() -> str:
    """The feature string of the host CPU, less ``DISABLED_FEATURES``."""
    features = llvm.get_host_cpu_features()
    for name in DISABLED_FEATURES:
        if name in features:
            features[name] = False
    return features.flatten()


def _init() -> dict:
    """Initialize LLVM, the host target machines and the shared LLJIT once."""
    with _lock:
        if not _state:
            llvm.initialize_native_target()
            llvm.initialize_native_asmprinter()
            target = llvm.Target.from_default_triple()
            cpu = llvm.get_host_cpu_name()
            features = target_features()
            tms = {lvl: target.create_target_machine(cpu=cpu, features=features, opt=lvl,
                                                     reloc="pic", codemodel="default")
                   for lvl in (0, 1, 2, 3)}
            _state["tms"] = tms
            _state["lljit"] = llvm.create_lljit_compiler(tms[2])
            _state["lljit_uses"] = 0
            # pass builders are reused: building one per module leaks ~1.5 KiB
            _state["pass_builders"] = {}
            _state["triple"] = tms[2].triple
            _state["layout"] = str(tms[2].target_data)
        return _state


def module_header() -> str:
    s = _init()
    return f'target triple = "{s["triple"]}"\ntarget datalayout = "{s["layout"]}"\n'


def new_symbol(prefix: str) -> str:
    """A process-unique symbol / library name."""
    return f"{prefix}_{next(_counter)}"


class CodeLibrary:
    """Code memory of one JIT library; freed when this object is collected.
    ``object_code`` is the object it was linked from (what the compile cache
    stores)."""

    def __init__(self, tracker, table_address: int, count: int) -> None:
        self._tracker = tracker
        self.object_code = b""
        arr = (ctypes.c_void_p * count).from_address(table_address) if count else []
        self.addresses: list[int] = [a or 0 for a in arr]


def _codegen_level(opt_level: int) -> int:
    # LLVM's optimizing codegen costs ~5 ms for a small function with a loop;
    # the cheap tiers use FastISel and the fast register allocator
    return 0 if opt_level <= 1 else min(opt_level, 3)


def _pass_builder(opt_level: int):
    s = _init()
    key = (_codegen_level(opt_level), min(opt_level, 3) if opt_level > 1 else 0)
    pb = s["pass_builders"].get(key)
    if pb is None:
        pto = llvm.create_pipeline_tuning_options(speed_level=key[1])
        pb = s["pass_builders"].setdefault(key, llvm.create_pass_builder(s["tms"][key[0]], pto))
    return pb


def optimize(mod, opt_level: int) -> None:
    pb = _pass_builder(opt_level)
    if opt_level <= 1:
        pm = llvm.create_new_module_pass_manager()
        pm.add_sroa_pass()
        if opt_level == 1:
            pm.add_instruction_combine_pass()
            pm.add_simplify_cfg_pass()
        pm.run(mod, pb)
    else:
        pb.getModulePassManager().run(mod, pb)


def _lljit():
    """The LLJIT of the current generation (call with ``_lock`` held)."""
    s = _state
    if s["lljit_uses"] >= _LIBRARIES_PER_LLJIT:
        s["lljit"] = llvm.create_lljit_compiler(s["tms"][2])
        s["lljit_uses"] = 0
    s["lljit_uses"] += 1
    return s["lljit"]


def compile_object(ir_text: str, opt_level: int = 2) -> bytes:
    """Parse, verify, optimize and emit ``ir_text`` as relocatable object code."""
    s = _init()
    try:
        mod = llvm.parse_assembly(ir_text)
        mod.verify()
    except RuntimeError as e:
        raise WasmtimeError(f"internal compiler error: generated IR is invalid: {e}") from e
    optimize(mod, opt_level)
    return s["tms"][_codegen_level(opt_level)].emit_object(mod)


def link_object(obj: bytes, table_symbol: str, count: int) -> CodeLibrary:
    """Load object code into code memory; ``table_symbol`` must name a global
    array of ``count`` pointers in it. The library gets a fresh name, so the
    same object (say, from the compile cache) can be linked any number of
    times."""
    _init()
    with _lock:
        tracker = (llvm.JITLibraryBuilder().add_object_img(obj).add_current_process()
                   .export_symbol(table_symbol).link(_lljit(), new_symbol("lib")))
    library = CodeLibrary(tracker, tracker[table_symbol], count)
    library.object_code = obj
    return library


def build_library(ir_text: str, table_symbol: str, count: int, opt_level: int = 2) -> CodeLibrary:
    """compile_object + link_object."""
    return link_object(compile_object(ir_text, opt_level), table_symbol, count)

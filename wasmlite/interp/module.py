"""A module ready to run in the interpreter (tier 0).

``InterpModule`` is what ``compile_module`` is for compiled code: the
runtime instantiates either (runtime/instance.py asks ``function_refs`` for
the code and vmctx of each defined function). It owns

* the per-signature stubs (stubs.py), compiled with the module, freed with it;
* one InterpFunc per defined function (layout.py) and its pre-decoded code,
  shared by every instance;
* per instance, a closure per function: what the function's VMFuncRef
  passes as vmctx, so compiled code, tables and the entry trampolines call
  an interpreted function like any other.

Tier-up (tiering.py) writes compiled code into ``IF_COMPILED``; the stubs
and the call handler look there first, so a swap is one pointer store.
"""
from __future__ import annotations

import bisect
import ctypes
import math
import threading
import time
import weakref
from typing import Any, Optional

from ..compile import vmcontext as vm
from ..compile.signatures import SignatureRegistry
from ..compile.vmcontext import VMContextLayout
from ..syntax.module import Module
from ..syntax.types import ExternKind, FuncType, canonical_types
from . import layout as L
from .bytecode import UNSUPPORTED, Predecoder
from .library import interpreter
from .stubs import abi_type

_WORDS = L.INTERP_FUNC_SIZE // 8
# ModuleInfo.features that mean a body may have try blocks
_EXCEPTIONS = frozenset({"exceptions", "legacy_exceptions"})
NEVER = -(1 << 62)          # a counter that never reaches 0
_LAZY_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


# the time constant of InterpModule.decode_load, seconds
LOAD_TAU = 0.010


def distinct_types(module: Module) -> list[FuncType]:
    seen: dict[FuncType, None] = {}
    for ft in module.types:
        if type(ft) is FuncType:     # (GC's struct and array types have no stubs)
            seen.setdefault(ft, None)
    return list(seen)


# InterpFunc records -> their module, for backtraces (runtime/backtrace.py
# finds interpreter frames by the InterpFunc* in their header)
_descs_lock = threading.Lock()
_desc_starts: list[int] = []
_desc_modules: dict[int, tuple[int, "weakref.ref"]] = {}


def _register_descs(im: Any, base: int, size: int) -> None:
    with _descs_lock:
        bisect.insort(_desc_starts, base)
        _desc_modules[base] = (size, weakref.ref(im))
    weakref.finalize(im, _forget_descs, base)


def _forget_descs(base: int) -> None:
    with _descs_lock:
        if _desc_modules.pop(base, None) is not None:
            _desc_starts.remove(base)


def module_of_desc(desc: int) -> Optional[tuple[Any, int]]:
    """(InterpModule, defined function index) of an InterpFunc address."""
    with _descs_lock:
        i = bisect.bisect_right(_desc_starts, desc) - 1
        if i < 0:
            return None
        base = _desc_starts[i]
        size, ref = _desc_modules[base]
    im = ref()
    if im is None or desc >= base + size:
        return None
    return im, (desc - base) // L.INTERP_FUNC_SIZE


class InterpModule:
    """The interpreter's form of a validated module."""

    tier = "interpreter"
    full_native = None      # tiering.native's compiled form, once asked for

    def __init__(self, module: Module, info: Any, signatures: Optional[SignatureRegistry] = None,
                 *, consume_fuel: bool = False, epoch_interruption: bool = False,
                 hot_threshold: Optional[int] = None, opt_level: int = 2,
                 nan_canonicalization: bool = False) -> None:
        if signatures is None:
            signatures = SignatureRegistry()
        self.module = module
        self.info = info
        self.layout = VMContextLayout(module)
        self.signatures = signatures
        self.consume_fuel = consume_fuel
        self.epoch_interruption = epoch_interruption
        # canonical NaNs (compile/nan_canon.py): the pre-decoder's handlers
        # for the float ops, and tier-up's code, canonicalize
        self.nan_canonicalization = nan_canonicalization
        self.opt_level = opt_level           # what tier-up compiles at
        # (canonical: typed references name function types, not indices)
        self.sig_indices = [signatures.register(ft) for ft in canonical_types(module)]
        it = interpreter()
        self.interp = it
        sigs = distinct_types(module)
        # common signatures' stubs are part of the interpreter; the module's
        # own library has the rest (none for most modules: no LLVM here)
        # one stub serves every signature of its ABI shape (stubs.abi_type)
        own = list(dict.fromkeys(abi_type(ft) for ft in sigs if it.prebuilt_for(ft) is None))
        self.entry_trampolines, self.in_stubs, self.out_stubs = {}, {}, {}
        self.stub_library = None
        built = {}
        if own:
            # built once per machine beside the interpreter, mapped here
            # for this module (no LLVM in the process)
            stubs, self.stub_library = it.stubs_for(own)
            built = dict(zip(own, stubs))
        for ft in sigs:
            stubs = it.prebuilt_for(ft)
            e, i, o = stubs[:3] if stubs is not None else built[abi_type(ft)]
            self.entry_trampolines[ft], self.in_stubs[ft], self.out_stubs[ft] = e, i, o
        n = len(module.funcs)
        self.nimported = module.num_imported(ExternKind.FUNC)
        self.func_types = [module.types[i] for i in module.func_type_indices()]
        self.descs = (ctypes.c_uint64 * max(1, n * _WORDS))()
        base = ctypes.addressof(self.descs)
        self.desc_base = base
        _register_descs(self, base, max(1, n) * L.INTERP_FUNC_SIZE)
        # the tier-up callback (a ctypes function) must outlive the code
        self.hot_callback: Any = None
        start = NEVER if hot_threshold is None else -max(1, hot_threshold)
        self._pre = Predecoder(module, it, self.layout,
                               lambda idx: base + L.INTERP_FUNC_SIZE * (idx - self.nimported),
                               self.out_stubs.__getitem__, consume_fuel, epoch_interruption,
                               self.in_stubs.__getitem__,
                               nan_canonical=nan_canonicalization,
                               exceptions=bool(_EXCEPTIONS & getattr(info, "features",
                                                                     _EXCEPTIONS)),
                               gc="gc" in getattr(info, "features", ("gc",)))
        self._decode_lock = threading.Lock()
        # how busy pre-decoding has kept the program lately (tier-up waits
        # while it is, tiering.py): seconds spent in decode, decaying with
        # time constant LOAD_TAU, as of decoded_at (time.monotonic)
        self.decoded_at = 0.0
        self.decode_load = 0.0
        if "gc" in getattr(info, "features", ()):
            self._check_supported()
        d = self.descs
        # eligible OSR loops per function (known once it is pre-decoded)
        self.osr_loops: list[int] = [0] * n
        self.tiered: list[Any] = []         # tier-up code libraries, kept alive
        self._code = [None] * n
        self._sites: list[Any] = [None] * n     # Code objects: ip -> wasm offset
        # functions are pre-decoded on their first call (interp_call asks)
        self._lazy = _LAZY_CALLBACK(self._decode)
        lazy = ctypes.cast(self._lazy, ctypes.c_void_p).value or 0
        for i, func in enumerate(module.funcs):
            index = self.nimported + i
            ft = self.func_types[index]
            nlocals = len(ft.params) + len(func.locals)
            w = i * _WORDS
            d[w + L.IF_OUT_STUB // 8] = self.out_stubs[ft]
            d[w + L.IF_NPARAMS // 8] = len(ft.params) | (len(ft.results) << 32)
            d[w + L.IF_NLOCALS // 8] = nlocals | (index << 32)
            d[w + L.IF_COUNTER // 8] = start & ((1 << 64) - 1)
            d[w + L.IF_RUNNER // 8] = it.interp_call
            d[w + L.IF_LAZY // 8] = lazy

    def _check_supported(self) -> None:
        """Refuse, at Module(), a module with instructions the interpreter
        cannot run yet (Wasm GC's casts to concrete types, br_on_cast), as
        the compiler refuses them:
        a body is pre-decoded only at its first call, too late for a clear
        error. Only modules that use GC pay for the scan."""
        from ..errors import CompileError
        ops = self._pre.ops
        from .gc_forms import gc_rewrite
        for func in self.module.funcs:
            for ins in gc_rewrite(func.body, self.module.types, self.layout):
                info = ops.ops.get(ins.op) or ops.info(ins.op)
                if info.kind == UNSUPPORTED:
                    raise CompileError(f"instruction {ins.op.name} is not supported yet")
                for value in info.imms:     # e.g. a cast to a concrete type
                    value(ins, self.layout)

    def _decode(self, desc: int) -> None:
        """The lazy callback (native code calls it, with the GIL taken by
        ctypes): pre-decode one function and publish its code. Never raises."""
        try:
            self.decode(self.defined_index_of(desc))
        except BaseException:   # noqa: BLE001 - must not unwind into native code
            import traceback
            traceback.print_exc()
            w = self.defined_index_of(desc) * _WORDS
            self.descs[w + L.IF_FRAME_BYTES // 8] = L.FRAME_HEADER + L.SLOT
            self.descs[w + L.IF_CODE // 8] = self.interp.unsupported_code

    def decode(self, i: int) -> None:
        """Pre-decode defined function ``i`` now (idempotent, thread-safe)."""
        with self._decode_lock:
            if self._code[i] is not None:
                return
            began = time.monotonic()
            index = self.nimported + i
            func = self.module.funcs[i]
            ft = self.func_types[index]
            code = self._pre.function(index, func)
            code.hold_func_for_body(func)
            arr = code.place()          # an array('Q'): kept, never resized
            self._code[i] = arr
            self._sites[i] = code
            self.osr_loops[i] = code.osr_loops
            # (a legacy try's exnref has a hidden slot after the locals; a
            # function with try blocks a handler record after its stack)
            nlocals = len(ft.params) + len(func.locals) + code.extra_locals
            w = i * _WORDS
            self.descs[w + L.IF_FRAME_BYTES // 8] = (
                L.FRAME_HEADER + L.SLOT * (nlocals + code.max_height)
                + (vm.HREC_SIZE if code.handlers_at >= 0 else 0))
            self.descs[w + L.IF_NLOCALS // 8] = nlocals | (index << 32)
            if code.handlers_at >= 0:
                self.descs[w + L.IF_HANDLERS // 8] = arr.buffer_info()[0] + 8 * code.handlers_at
            # last: interp_call reads the code pointer first (acquire)
            self.descs[w + L.IF_CODE // 8] = arr.buffer_info()[0]
            now = time.monotonic()
            self.decode_load = (self.decode_load * math.exp((self.decoded_at - now) / LOAD_TAU)
                                + now - began)
            self.decoded_at = now

    def recent_decode_load(self) -> float:
        """The fraction of the last ~LOAD_TAU seconds spent pre-decoding."""
        return self.decode_load * math.exp((self.decoded_at - time.monotonic()) / LOAD_TAU) \
            / LOAD_TAU

    def wasm_offset(self, i: int, ip: int) -> Optional[int]:
        """The wasm byte offset of the instruction at ``ip`` in defined
        function ``i``'s code (None if ``ip`` is not in it)."""
        code, arr = self._sites[i], self._code[i]
        if code is None or arr is None:
            return None
        word = (ip - arr.buffer_info()[0]) // 8
        if not 0 <= word < code.nwords:
            return None
        return code.offset_at(word)

    # -- what the runtime asks of any compiled form ----------------------------

    def entry_trampoline_for(self, functype: FuncType) -> int:
        try:
            return self.entry_trampolines[functype]
        except KeyError:
            raise KeyError(f"module has no entry trampoline for {functype}") from None

    def desc_address(self, defined_index: int) -> int:
        return self.desc_base + L.INTERP_FUNC_SIZE * defined_index

    def function_refs(self, inst) -> list[tuple[int, int]]:
        """(code, vmctx) of each defined function for instance ``inst``: the
        signature's in-stub and a closure of this instance."""
        n = len(self.module.funcs)
        cl = (ctypes.c_uint64 * max(1, 3 * n))()
        inst.keep_alive.append(cl)
        base = ctypes.addressof(cl)
        limits = inst.store.limits_address
        refs = []
        for i in range(n):
            cl[3 * i] = limits
            cl[3 * i + 1] = inst.vmctx
            cl[3 * i + 2] = self.desc_address(i)
            refs.append((self.in_stubs[self.func_types[self.nimported + i]], base + 24 * i))
        return refs

    def set_hot_callback(self, callback: Any) -> None:
        """``callback``: a ctypes ``void (void*)`` the counters call with an
        InterpFunc* when that function turns hot."""
        self.hot_callback = callback
        addr = ctypes.cast(callback, ctypes.c_void_p).value or 0
        for i in range(len(self.module.funcs)):
            self.descs[i * _WORDS + L.IF_HOT // 8] = addr

    def install(self, defined_index: int, code_address: int) -> None:
        """Tier-up: later calls of the function run ``code_address``."""
        self.descs[defined_index * _WORDS + L.IF_COMPILED // 8] = code_address

    def rearm(self, defined_index: int, count: int) -> None:
        """Tier-up: the function's counter tells again after ``count`` more
        units (a frame of it still in the interpreter may loop long)."""
        self.descs[defined_index * _WORDS + L.IF_COUNTER // 8] = -max(1, count) & ((1 << 64) - 1)

    def install_osr(self, defined_index: int, code_address: int, nested: bool = False) -> None:
        """Tier-up: loop headers of the function may enter ``code_address``
        (``nested``: one with entries at loops inside others too, the cheap
        level's; their field keeps it after the full level's entry comes,
        which has none, and the cheap code hands over to that one)."""
        base = defined_index * _WORDS
        if nested:
            self.descs[base + L.IF_OSR_NESTED // 8] = code_address
        self.descs[base + L.IF_OSR // 8] = code_address

    def osr_calls(self, defined_index: int) -> tuple[int, int]:
        """(calls that entered the function's OSR entries, calls running in
        them now); a trap out of one leaves it counted as running: a hint."""
        v = self.descs[defined_index * _WORDS + L.IF_OSR_ACTIVE // 8]
        return v >> 32, v & 0xFFFFFFFF

    def counter(self, defined_index: int) -> int:
        """The function's hotness counter (the interpreter's calls and loop
        back-edges move it)."""
        return self.descs[defined_index * _WORDS + L.IF_COUNTER // 8]

    def defined_index_of(self, desc_address: int) -> int:
        return (desc_address - self.desc_base) // L.INTERP_FUNC_SIZE

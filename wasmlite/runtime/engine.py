"""Runtime-level engine state: what every store of one engine shares.

The engine holds the SignatureRegistry (engine-wide signature indices, so that
call_indirect across modules and host functions compares the same numbers)
and the host trampolines, one per signature, compiled when the first host
function of that signature is created (DESIGN.md points 4-6). It is safe to
share between threads: the only mutable state is behind a lock.
"""
from __future__ import annotations

import ctypes
import threading

from ..compile.signatures import SignatureRegistry
from ..compile.vmcontext import DEFAULT_MAX_WASM_STACK
from ..syntax.types import FuncType


class RuntimeEngine:
    """Engine state for the runtime: signatures, settings, host trampolines."""

    def __init__(self, opt_level: int = 2, max_wasm_stack: int = DEFAULT_MAX_WASM_STACK,
                 consume_fuel: bool = False, epoch_interruption: bool = False) -> None:
        if opt_level not in (0, 1, 2, 3):
            raise ValueError(f"opt_level must be 0..3, not {opt_level!r}")
        if max_wasm_stack <= 0:
            raise ValueError("max_wasm_stack must be positive")
        self.opt_level = opt_level
        self.max_wasm_stack = max_wasm_stack
        # what generated code checks (compile_module takes these from here)
        self.consume_fuel = bool(consume_fuel)
        self.epoch_interruption = bool(epoch_interruption)
        # Config.cranelift_nan_canonicalization (compile/nan_canon.py)
        self.nan_canonicalization = False
        # Config.profiler: "perfmap" names code in /tmp/perf-PID.map (perfmap.py)
        self.profiler = "none"
        # Config.debug_info: code registered with GDB's JIT interface (gdbjit.py)
        self.debug_info = False
        # the epoch counter generated code reads (atomically) through every
        # store's limits; only increment_epoch writes it
        self._epoch = ctypes.c_uint64(0)
        self.epoch_address: int = ctypes.addressof(self._epoch)
        self._epoch_lock = threading.Lock()
        self.signatures = SignatureRegistry()
        # Config.strategy: "auto" | "interpreter" | "llvm" (tiering.py)
        self.strategy = "auto"
        self._host_trampolines = None   # compile.HostTrampolines, made on first use
        self._lock = threading.Lock()

    @property
    def epoch(self) -> int:
        return self._epoch.value

    def increment_epoch(self) -> None:
        """Advance the epoch; safe from any thread (wasm running in other
        threads sees it at its next function entry or loop header)."""
        with self._epoch_lock:
            self._epoch.value += 1

    def host_trampoline(self, functype: FuncType) -> int:
        """Address of the native wasm-ABI trampoline that calls a host
        callback of this signature (compiled on first request, then cached)."""
        # the interpreter's library has those of common signatures (under
        # the llvm strategy: where it is loaded or cached, not built for it)
        it = None
        if self.strategy != "llvm":
            from ..interp.library import interpreter
            it = interpreter()
        elif not self.debug_info:
            from ..interp.library import interpreter_if_ready
            it = interpreter_if_ready()
        prebuilt = it.prebuilt_for(functype) if it is not None else None
        if prebuilt is not None:
            return prebuilt[3]
        cache = self._host_trampolines
        if cache is None:
            with self._lock:
                if self._host_trampolines is None:
                    # imported here: loading LLVM is only needed once code is
                    from ..compile import HostTrampolines
                    self._host_trampolines = HostTrampolines(opt_level=self.opt_level)
                cache = self._host_trampolines
        t = cache.get(functype)
        if self.debug_info and not getattr(t.library, "_announced", False):
            from .code_events import trampolines_arrived
            t.library._announced = True
            trampolines_arrived(self, t.library, [
                (f"wasm host trampoline {functype}", t.address),
                (f"wasm entry trampoline {functype}", t.entry_address)])
        return t.address

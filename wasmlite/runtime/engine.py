"""Runtime-level engine state: what every store of one engine shares.

The engine holds the SignatureRegistry (engine-wide signature indices, so that
call_indirect across modules and host functions compares the same numbers)
and the host trampolines, one per signature, compiled when the first host
function of that signature is created (DESIGN.md points 4-6). It is safe to
share between threads: the only mutable state is behind a lock.
"""
from __future__ import annotations

import threading

from ..compile.signatures import SignatureRegistry
from ..compile.vmcontext import DEFAULT_MAX_WASM_STACK
from ..syntax.types import FuncType


class RuntimeEngine:
    """Engine state for the runtime: signatures, settings, host trampolines."""

    def __init__(self, opt_level: int = 2, max_wasm_stack: int = DEFAULT_MAX_WASM_STACK) -> None:
        if opt_level not in (0, 1, 2, 3):
            raise ValueError(f"opt_level must be 0..3, not {opt_level!r}")
        if max_wasm_stack <= 0:
            raise ValueError("max_wasm_stack must be positive")
        self.opt_level = opt_level
        self.max_wasm_stack = max_wasm_stack
        self.signatures = SignatureRegistry()
        self._host_trampolines = None   # compile.HostTrampolines, made on first use
        self._lock = threading.Lock()

    def host_trampoline(self, functype: FuncType) -> int:
        """Address of the native wasm-ABI trampoline that calls a host
        callback of this signature (compiled on first request, then cached)."""
        cache = self._host_trampolines
        if cache is None:
            with self._lock:
                if self._host_trampolines is None:
                    # imported here: loading LLVM is only needed once code is
                    from ..compile import HostTrampolines
                    self._host_trampolines = HostTrampolines(opt_level=self.opt_level)
                cache = self._host_trampolines
        return cache.get(functype).address

"""Turning a non-zero entry-trampoline status into the Python exception.

Status encoding (compile/vmcontext.py): ``trap_code + 1``; the code
``HOST_EXCEPTION`` means a host function (or a builtin) raised a Python
exception that the store holds, and that exact object is re-raised.
"""
from __future__ import annotations

import ctypes

from ..compile.vmcontext import (EXCEPTION_THROWN, HOST_EXCEPTION, LIMITS_TRAP_FUNC,
                                 LIMITS_TRAP_OFFSET, LIMITS_TRAP_VMCTX)
from ..errors import NULL_REFERENCE_MESSAGES, TRAP_MESSAGES, Trap, TrapCode
from .exceptions import thrown
from .backtrace import IP_TAG, walked
from .interrupt import deliver_pending_signals


def make_trap(code: TrapCode) -> Trap:
    return Trap(TRAP_MESSAGES[code], code)


def raise_for_status(store, status: int) -> None:
    """Raise what a trap status stands for (never returns)."""
    code = status - 1
    if code == HOST_EXCEPTION:
        exc = store.pending_exception
        store.pending_exception = None
        if exc is None:
            raise Trap("host function failed without an exception")
        raise exc
    if code == EXCEPTION_THROWN:        # a wasm exception nothing caught
        trap_code = None
        trap = thrown(store)
    elif code in NULL_REFERENCE_MESSAGES:
        trap_code = TrapCode.NULL_REFERENCE
        trap = Trap(NULL_REFERENCE_MESSAGES[code], trap_code)
    else:
        try:
            trap_code = TrapCode(code)
        except ValueError:
            raise Trap(f"wasm trap: unknown trap code {code}") from None
        if trap_code is TrapCode.INTERRUPT:
            deliver_pending_signals()     # Ctrl-C: KeyboardInterrupt comes from here
        trap = make_trap(trap_code)
    site = trap_site(store)
    interp_site = bool(site) and bool(site[0][2] & IP_TAG) and \
        trap_code is not TrapCode.STACK_OVERFLOW
    trap.wasm_frames = [("site",) + s for s in site] + walked(store, interp_site)
    raise trap


def trap_site(store) -> list[tuple[int, int, int]]:
    """``[(vmctx, func_index, where)]`` of the function whose trap block ran
    last (generated code records it in VMRuntimeLimits), then forgotten;
    empty when the trap did not come from a trap block. ``where`` is the
    trapping instruction's byte offset in the binary, or for the
    interpreter its ip with bit 63 set (trap.py resolves both)."""
    base = store.limits_address
    vmctx_cell = ctypes.c_uint64.from_address(base + LIMITS_TRAP_VMCTX)
    vmctx = vmctx_cell.value
    if not vmctx:
        return []
    vmctx_cell.value = 0
    index = ctypes.c_uint32.from_address(base + LIMITS_TRAP_FUNC).value
    where = ctypes.c_uint64.from_address(base + LIMITS_TRAP_OFFSET).value
    return [(vmctx, index, where)]

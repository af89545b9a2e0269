"""Turning a non-zero entry-trampoline status into the Python exception.

Status encoding (compile/vmcontext.py): ``trap_code + 1``; the code
``HOST_EXCEPTION`` means a host function (or a builtin) raised a Python
exception that the store holds, and that exact object is re-raised.
"""
from __future__ import annotations

from ..compile.vmcontext import HOST_EXCEPTION
from ..errors import TRAP_MESSAGES, Trap, TrapCode


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
    try:
        trap_code = TrapCode(code)
    except ValueError:
        raise Trap(f"wasm trap: unknown trap code {code}") from None
    raise make_trap(trap_code)

"""The error the component model's runtime checks raise.

Wasmtime reports a failed canonical ABI check at the host boundary (a
string out of bounds, an unknown handle index, ...) as an error of the
call, and an instance that may not be entered as a trap; wasmtime-py raises
both as ``WasmtimeError``. ``ComponentTrap`` is a wasmlite ``Trap`` that is
also a ``WasmtimeError``, so code written for either catches it; its text
is Wasmtime's.
"""
from __future__ import annotations

from typing import Optional

from ..errors import Trap, TrapCode, WasmtimeError


class ComponentTrap(Trap, WasmtimeError):
    """A canonical ABI check failed, or an instance was entered or left when
    it may not be. A trap with a ``trap_code`` reads ``wasm trap: ...`` as
    Wasmtime prints it; the others read as Wasmtime's error text."""

    def __str__(self) -> str:
        if self.trap_code is not None and not self.frames:
            return f"wasm trap: {self.cause}"
        return super().__str__()


def abi_trap(message: str, code: Optional[TrapCode] = None) -> ComponentTrap:
    return ComponentTrap(message, code)


def cannot_enter() -> ComponentTrap:
    return ComponentTrap("cannot enter component instance", TrapCode.CANNOT_ENTER_COMPONENT)


def cannot_leave() -> ComponentTrap:
    return ComponentTrap("cannot leave component instance", TrapCode.CANNOT_LEAVE_COMPONENT)

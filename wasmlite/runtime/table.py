"""Tables: a growable array of reference bits.

Elements are raw bits exactly as generated code sees them: a funcref is the
address of a ``VMFuncRef`` (0 = null), an externref is a store handle
(0 = null). Generated code reloads ``VMTable.elements`` on every access, so
growing may move the array.
"""
from __future__ import annotations

import ctypes

from ..errors import Trap, TrapCode, TRAP_MESSAGES, WasmtimeError
from ..syntax.types import MAX_TABLE_SIZE, TableType

# Implementation limit on table length: a table.grow past it fails (-1)
# instead of trying to allocate gigabytes.
MAX_TABLE_ELEMENTS = 10_000_000


class VMTable(ctypes.Structure):
    """The native table descriptor (see compile/vmcontext.py)."""

    _fields_ = [("elements", ctypes.c_void_p), ("length", ctypes.c_uint64)]


def table_trap() -> Trap:
    code = TrapCode.TABLE_OUT_OF_BOUNDS
    return Trap(TRAP_MESSAGES[code], code)


class Table:
    """One table (defined by an instance or created by the host)."""

    def __init__(self, tabletype: TableType, init: int = 0) -> None:
        limits = tabletype.limits
        self.type = tabletype
        self.maximum = MAX_TABLE_SIZE if limits.max is None else limits.max
        if limits.min > MAX_TABLE_ELEMENTS:
            raise WasmtimeError("table minimum size exceeds the implementation limit")
        self._array = (ctypes.c_uint64 * max(limits.min, 1))()
        if init and limits.min:
            self._array[:limits.min] = [init] * limits.min
        self.vm = VMTable(ctypes.addressof(self._array), limits.min)
        self.address: int = ctypes.addressof(self.vm)   # what vmctx points at

    @property
    def size(self) -> int:
        return self.vm.length

    def grow(self, delta: int, init: int) -> int:
        """Grow by ``delta`` elements set to ``init``; old size or -1."""
        old = self.vm.length
        new = old + delta
        if delta < 0 or new > self.maximum or new > MAX_TABLE_ELEMENTS:
            return -1
        if delta == 0:
            return old
        if new > len(self._array):
            # Grow geometrically so repeated table.grow 1 stays linear.
            capacity = min(max(new, 2 * len(self._array)), MAX_TABLE_ELEMENTS)
            array = (ctypes.c_uint64 * capacity)()
            ctypes.memmove(array, self._array, old * 8)
            self._array = array
            self.vm.elements = ctypes.addressof(array)
        if init:
            self._array[old:new] = [init] * delta
        else:
            ctypes.memset(ctypes.addressof(self._array) + old * 8, 0, delta * 8)
        self.vm.length = new
        return old

    def get(self, index: int) -> int:
        if not 0 <= index < self.vm.length:
            raise table_trap()
        return self._array[index]

    def set(self, index: int, value: int) -> None:
        if not 0 <= index < self.vm.length:
            raise table_trap()
        self._array[index] = value

    def init_from(self, dst: int, items: list[int]) -> None:
        """table.init semantics for instantiation: bounds first, then copy."""
        if dst < 0 or dst + len(items) > self.vm.length:
            raise table_trap()
        if items:
            self._array[dst:dst + len(items)] = items

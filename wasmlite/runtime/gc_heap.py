"""A store's GC heap (Wasm GC structs and arrays): where objects live.

One address range is reserved per store at its first allocation (the heap
never moves, so an object's address is its reference) and committed as the
heap grows. Generated code allocates inline from the current *area*
(``LIMITS_GC_NEXT`` .. ``LIMITS_GC_LIMIT``, compile/vmcontext.py) and calls
the ``gc_alloc`` builtin (``slow_alloc``) when an object does not fit; the
collector (runtime/gc_collect.py) runs from there or from ``Store.gc()``.
"""
from __future__ import annotations

import ctypes

from ..compile import vmcontext as vm
from .memory import _ADDRESS_SPACE, _PROT_RW, _libc

# the reservation: what the heap may grow to unless the store says less
DEFAULT_HEAP_LIMIT = 1 << 30
# how much is committed (made read/write) at a time
_COMMIT_STEP = 1 << 20


class GcHeap:
    """The GC heap of one store. ``base``..``top`` has been handed out in
    areas; ``top``..``base + limit`` is untouched."""

    def __init__(self, limits_address: int, limit: int = DEFAULT_HEAP_LIMIT) -> None:
        self.limits_address = limits_address
        self.limit = limit
        self.base = 0                 # 0 until the first allocation reserves
        self.top = 0
        self.committed = 0
        self._next = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_GC_NEXT)
        self._end = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_GC_LIMIT)

    # -- the address range ----------------------------------------------------

    def _reserve(self) -> bool:
        base = _ADDRESS_SPACE.reserve(self.limit)
        if base is None:
            return False
        self.base = self.top = self.committed = base
        return True

    def _commit_to(self, end: int) -> bool:
        if end <= self.committed:
            return True
        new = min(self.base + self.limit,
                  (end + _COMMIT_STEP - 1) // _COMMIT_STEP * _COMMIT_STEP)
        if end > new:
            return False
        if _libc.mprotect(self.committed, new - self.committed, _PROT_RW) != 0:
            return False
        self.committed = new
        return True

    def contains(self, address: int) -> bool:
        return self.base <= address < self.top

    # -- allocation -------------------------------------------------------------

    def slow_alloc(self, size: int) -> int:
        """``size`` bytes (a multiple of 8) for generated code, which found
        the current area too small; 0 when the heap cannot give them."""
        if size <= 0 or size > self.limit:
            return 0
        if not self.base and not self._reserve():
            return 0
        start = self.top
        if not self._commit_to(start + size):
            return 0
        self.top = start + size
        return start

    def free(self) -> None:
        """Give the address range back (the store is gone)."""
        if self.base:
            _ADDRESS_SPACE.release(self.base, self.limit)
            self.base = self.top = self.committed = 0
            self._next.value = self._end.value = 0

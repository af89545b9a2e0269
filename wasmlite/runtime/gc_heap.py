"""A store's GC heap (Wasm GC structs and arrays): where objects live.

One address range is reserved per store at its first allocation (objects
never move, so an object's address is its reference) and committed as the
heap grows. Generated code allocates inline from the current *area*
(``LIMITS_GC_NEXT`` .. ``LIMITS_GC_LIMIT``, compile/vmcontext.py) and calls
the ``gc_alloc`` builtin (``slow_alloc``) when an object does not fit. The
slow path hands out the next area: a hole the last collection freed, or
fresh space above ``top``. When the space handed out since the last
collection reaches the live size at that collection (at least
``MIN_COLLECT_BYTES``), it collects first (runtime/gc_collect.py), so the
heap stays within about twice what is live plus that minimum.

Host code holds objects through pins (``pin``/``unpin``: a GcRef's
lifetime), which are roots.
"""
from __future__ import annotations

import ctypes
from typing import Callable, Optional

from ..compile import vmcontext as vm
from .memory import _ADDRESS_SPACE, _PROT_RW, _libc

# the reservation: what the heap may grow to unless the store says less
# (Wasmtime's GC heap: 4 GiB, its references being 32-bit indices)
DEFAULT_HEAP_LIMIT = 4 << 30
# collect once this much was handed out since the last collection (or the
# live size then, when that is more)
MIN_COLLECT_BYTES = 4 << 20
# fresh space is handed out in areas of this size (or the object's)
AREA_BYTES = 64 << 10
# holes smaller than this are left until a later sweep merges them
MIN_HOLE = 256
# how much is committed (made read/write) at a time
_COMMIT_STEP = 1 << 20
_PAGE = 4096
_MADV_DONTNEED = 4
_libc.madvise.restype = ctypes.c_int
_libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]


class GcHeap:
    """The GC heap of one store. ``base``..``top`` has been handed out;
    ``top``..``base + limit`` is untouched."""

    def __init__(self, limits_address: int, lookup: Optional[Callable] = None,
                 limit: int = DEFAULT_HEAP_LIMIT, with_interpreter: bool = True) -> None:
        self.limits_address = limits_address
        self.limit = limit
        self.base = 0                 # 0 until the first allocation reserves
        self.top = 0
        self.committed = 0
        self._next = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_GC_NEXT)
        self._end = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_GC_LIMIT)
        self._lookup = lookup         # engine type index -> canonical DefType
        self.with_interpreter = with_interpreter     # where the native collector comes from
        self._types = None            # gc_collect.TypeTable, at the first registration
        self._collector = None
        self._bitmap = 0              # the object-start bitmap (1 bit per 8 bytes)
        self._free = 0                # the first hole the last sweep linked
        self._since = 0               # bytes handed out since the last collection
        self._threshold = MIN_COLLECT_BYTES
        self.live_bytes = 0
        self.collections = 0
        self.pins: dict[int, int] = {}
        # the store's memory limit, which the GC heap counts against too
        # (as Wasmtime's GC heap, a memory of the store, does)
        self.max_bytes: Optional[int] = None
        # runtime/gc_roots.py's root finder for this heap's store: set by the store
        self.find_roots: Optional[Callable] = None
        # store handles the last collection found in live objects (and
        # whether it found them all: its buffer may overflow)
        self.held_handles: set[int] = set()
        self.handles_complete = True

    # -- types ----------------------------------------------------------------------

    def register_types(self, tids) -> None:
        """Tell the collector about the struct and array types among engine
        type indices ``tids`` (an instance's types, before it makes any
        object of them)."""
        if self._types is None:
            from .gc_collect import TypeTable
            self._types = TypeTable()
        known = self._types.known
        for tid in tids:
            if tid not in known:
                d = self._lookup(tid)
                if getattr(d, "kind", "func") != "func":
                    self._types.register(tid, d)

    # -- the address range ----------------------------------------------------

    def _bitmap_bytes(self) -> int:
        return (self.limit // 64 + 2 * _PAGE) & ~(_PAGE - 1)

    def _reserve(self) -> bool:
        base = _ADDRESS_SPACE.reserve(self.limit)
        if base is None:
            return False
        bitmap = _ADDRESS_SPACE.reserve(self._bitmap_bytes())
        if bitmap is None or _libc.mprotect(bitmap, self._bitmap_bytes(), _PROT_RW) != 0:
            _ADDRESS_SPACE.release(base, self.limit)
            return False
        self.base = self.top = self.committed = base
        self._bitmap = bitmap
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

    # -- pins (objects host code holds) --------------------------------------

    def pin(self, address: int) -> None:
        self.pins[address] = self.pins.get(address, 0) + 1

    def unpin(self, address: int) -> None:
        n = self.pins.get(address, 0) - 1
        if n > 0:
            self.pins[address] = n
        else:
            self.pins.pop(address, None)

    # -- allocation -------------------------------------------------------------

    def _retire_area(self) -> None:
        """Make what is left of the current area a free block, so the heap
        stays walkable."""
        nxt, end = self._next.value, self._end.value
        if end > nxt:            # (an area is smaller than a free block's 2 GiB)
            ctypes.c_uint64.from_address(nxt).value = (end - nxt) << 32
        self._next.value = self._end.value = 0

    def _from_holes(self, size: int) -> int:
        # the sweep's list of holes, in address order (a hole: a free block,
        # the next hole's address in its second word); the ones too small
        # for this object are left until the next sweep
        p = self._free
        while p:
            hole = ctypes.c_uint64.from_address(p).value >> 32
            nxt = ctypes.c_uint64.from_address(p + 8).value
            if hole >= size:
                self._free = nxt
                self._next.value, self._end.value = p + size, p + hole
                return p
            p = nxt
        self._free = 0
        return 0

    def _from_top(self, size: int) -> int:
        start = self.top
        end = self.base + self.limit
        if self.max_bytes is not None:          # Store.set_limits(memory_size=...)
            end = min(end, self.base + self.max_bytes)
        stop = min(start + max(size, AREA_BYTES), end)
        if stop - start < size or not self._commit_to(stop):
            return 0
        self.top = stop
        self._next.value, self._end.value = start + size, stop
        return start

    def slow_alloc(self, size: int) -> int:
        """``size`` bytes (a multiple of 8) for generated code, which found
        the current area too small; 0 when the heap cannot give them."""
        if size <= 0 or size > self.limit:
            return 0
        if not self.base and not self._reserve():
            return 0
        self._retire_area()
        if self._since >= self._threshold:
            self.collect()
        for attempt in range(2):
            address = self._from_holes(size) or self._from_top(size)
            if address:
                self._since += self._end.value - address
                return address
            if attempt == 0:
                self.collect()
        return 0

    def allocate(self, size: int) -> int:
        """``size`` bytes for the runtime itself (constant expressions, the
        API): from the current area when they fit, as generated code does."""
        nxt, end = self._next.value, self._end.value
        if nxt and nxt + size <= end:
            self._next.value = nxt + size
            return nxt
        return self.slow_alloc(size)

    # -- collection -------------------------------------------------------------

    def collect(self) -> None:
        """Mark from the store's roots (and, while its wasm runs on this
        thread, the native stack) and sweep."""
        if not self.base or self.top == self.base:
            return
        from .gc_collect import Collector     # (the collector: only once it runs)
        from .gc_roots import StackScan
        self._retire_area()
        if self._collector is None:
            self._collector = Collector(self._bitmap)
        if self._types is None:
            self.register_types(())
        scan = StackScan(self.limits_address)
        words = list(self.pins)
        if self.find_roots is not None:
            words.extend(self.find_roots())
        live, head, tail, handles, complete = self._collector.collect(
            self.base, self.top, self._types, words, scan.ranges, self.with_interpreter,
            MIN_HOLE)
        del scan
        self.held_handles, self.handles_complete = handles, complete
        self.top = max(tail, self.base)       # the space above the last live object
        self._release_pages()
        self._free = head
        self.live_bytes = live
        self._since = 0
        self._threshold = max(MIN_COLLECT_BYTES, live)
        self.collections += 1

    def _release_pages(self) -> None:
        """The committed space above ``top`` gives its pages back."""
        lo = (self.top + _PAGE - 1) & ~(_PAGE - 1)
        if self.committed > lo:
            _libc.madvise(lo, self.committed - lo, _MADV_DONTNEED)

    def free(self) -> None:
        """Give the address range back (the store is gone)."""
        if self.base:
            # (the limits block may be gone already: not written here)
            _ADDRESS_SPACE.release(self.base, self.limit)
            _ADDRESS_SPACE.release(self._bitmap, self._bitmap_bytes())
            self.base = self.top = self.committed = 0

"""Tables: a growable array of reference bits.

Elements are raw bits exactly as generated code sees them: a funcref is the
address of a ``VMFuncRef`` (0 = null), an externref is a store handle
(0 = null). Generated code reloads ``VMTable.elements`` on every access, so
growing may move the array.

A table is as long as its type and the store's limits allow (up to 2^32-1
elements, as in Wasmtime): small arrays are ctypes arrays, big ones
anonymous mappings in memory.py's region, whose pages the kernel commits
only when touched, so a table of a billion null elements costs what its
used part costs. When the host cannot provide the array, ``table.grow``
returns -1 and a new table is a WasmtimeError; nothing crashes.
"""
from __future__ import annotations

import ctypes

from ..errors import Trap, TrapCode, TRAP_MESSAGES, WasmtimeError
from ..syntax.types import MAX_TABLE_SIZE, TableType
from .memory import _ADDRESS_SPACE, _PROT_RW, _libc

# arrays of more elements than this are mappings (8 MiB)
_MAPPED_FROM = 1 << 20
_PAGE = 4096
_MREMAP_MAYMOVE, _MREMAP_FIXED = 1, 2
try:
    _mremap = _libc.mremap
    _mremap.restype = ctypes.c_void_p
    _mremap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_int,
                        ctypes.c_void_p]
except AttributeError:          # not Linux: grow by copying
    _mremap = None


class _Mapping:
    """Zeroed, lazily committed u64 slots; unmapped with the table."""

    __slots__ = ("base", "size")

    def __init__(self, base: int, size: int) -> None:
        self.base = base
        self.size = size

    def __del__(self) -> None:
        try:
            if self.size:
                _ADDRESS_SPACE.release(self.base, self.size)
        except Exception:
            pass


def _pages(n: int) -> int:
    return (max(n, 1) * 8 + _PAGE - 1) // _PAGE * _PAGE


def _move(owner: _Mapping, n: int):
    """Grow a mapping to ``n`` slots without copying (mremap into a fresh
    range of the region: untouched pages stay untouched); None if it can't."""
    if _mremap is None:
        return None
    size = _pages(n)
    target = _ADDRESS_SPACE.reserve(size)
    if target is None:
        return None
    base = _mremap(owner.base, owner.size, size, _MREMAP_MAYMOVE | _MREMAP_FIXED, target)
    if base in (None, ctypes.c_void_p(-1).value):
        _ADDRESS_SPACE.release(target, size)
        return None
    # the old range is gone: back to the region's free list
    _ADDRESS_SPACE.release(owner.base, owner.size)
    owner.size = 0
    new = _Mapping(base, size)
    return new, (ctypes.c_uint64 * n).from_address(base)


def _allocate(n: int):
    """(owner, ctypes array view) of ``n`` zeroed u64 slots, or None when
    the host has no memory for them."""
    n = max(n, 1)
    try:
        if n <= _MAPPED_FROM:
            array = (ctypes.c_uint64 * n)()
            return array, array
        size = _pages(n)
        base = _ADDRESS_SPACE.reserve(size)
        if base is None:
            return None
        owner = _Mapping(base, size)
        if _libc.mprotect(base, size, _PROT_RW) != 0:
            return None
        return owner, (ctypes.c_uint64 * n).from_address(base)
    except (MemoryError, OverflowError):
        return None


def _fill(address: int, value: int, count: int) -> None:
    """Set ``count`` u64 slots from ``address`` to ``value``. Slots past a
    table's length are always 0 (arrays come zeroed, tables never shrink),
    so null needs no writing and untouched pages stay uncommitted."""
    if count <= 0 or value == 0:
        return
    ctypes.c_uint64.from_address(address).value = value
    done = 1
    while done < count:      # doubling copies: no Python list of count items
        k = min(done, count - done)
        ctypes.memmove(address + done * 8, address, k * 8)
        done += k


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
        got = _allocate(limits.min)
        if got is None:
            raise WasmtimeError(f"out of memory: cannot allocate a table of {limits.min} elements")
        self._owner, self._array = got
        _fill(ctypes.addressof(self._array), init, limits.min)
        self.vm = VMTable(ctypes.addressof(self._array), limits.min)
        self.address: int = ctypes.addressof(self.vm)   # what vmctx points at

    @property
    def size(self) -> int:
        return self.vm.length

    def grow(self, delta: int, init: int) -> int:
        """Grow by ``delta`` elements set to ``init``; old size or -1."""
        old = self.vm.length
        new = old + delta
        if delta < 0 or new > self.maximum:
            return -1
        if delta == 0:
            return old
        if new > len(self._array):
            # Grow geometrically so repeated table.grow 1 stays linear; when
            # the host cannot double, exactly what is asked; else -1.
            want = min(max(new, 2 * len(self._array)), self.maximum)
            got = None
            if isinstance(self._owner, _Mapping):
                got = _move(self._owner, want) or _move(self._owner, new)
            if got is None:
                got = _allocate(want) or _allocate(new)
                if got is None:
                    return -1
                ctypes.memmove(got[1], self._array, old * 8)
            self._owner, self._array = got
            self.vm.elements = ctypes.addressof(self._array)
        _fill(ctypes.addressof(self._array) + old * 8, init, delta)
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

"""Linear memory: an address range reserved once, committed as it grows.

Generated code may keep the memory base in registers, so the base must never
move. We reserve the whole range the memory may ever reach (its declared
maximum, at most 4 GiB) plus a small guard as PROT_NONE up front, then
``mprotect`` pages read/write as the memory grows. Generated code
bounds-checks every access against ``length_bytes``; nothing relies on
faults. Python's ``mmap``
module cannot reserve without committing, hence ctypes on libc.

The native view generated code reads is a ``VMMemory {u8* base; u64
length_bytes}`` owned by this object; importers point at the same struct, so a
grow done by any instance is seen by all of them.
"""
from __future__ import annotations

import ctypes
import mmap as _mmap_module
import threading

from ..errors import WasmtimeError
from ..syntax.types import MAX_PAGES_32, MAX_PAGES_64, PAGE_SIZE, MemoryType

# the process's own symbols include libc's (ctypes.util.find_library would
# run ldconfig in a subprocess at import: ~6 ms)
_libc = ctypes.CDLL(None, use_errno=True)
_libc.mmap.restype = ctypes.c_void_p
_libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                       ctypes.c_int, ctypes.c_int, ctypes.c_long]
_libc.mprotect.restype = ctypes.c_int
_libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
_libc.munmap.restype = ctypes.c_int
_libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]

_PROT_NONE = 0
_PROT_RW = _mmap_module.PROT_READ | _mmap_module.PROT_WRITE
_MAP_PRIVATE = _mmap_module.MAP_PRIVATE
_MAP_ANONYMOUS = getattr(_mmap_module, "MAP_ANONYMOUS", 0x20)
_MAP_NORESERVE = getattr(_mmap_module, "MAP_NORESERVE", 0x4000)
_MAP_FAILED = ctypes.c_void_p(-1).value
_OS_PAGE = _mmap_module.PAGESIZE

# Inaccessible bytes after the largest possible memory. Generated code checks
# every access against length_bytes, so this is defence in depth only (and
# keeps a 0-page maximum from being a 0-byte mapping).
GUARD_BYTES = 64 * 1024
# address space reserved for a memory64 memory (see Memory.__init__)
RESERVE_64 = 8 << 30

# Reservations are placed in their own region of the address space, away
# from where the kernel puts ordinary mappings (top-down from ~127 TiB): the
# JIT's code and data sections must stay within +-2 GiB of each other, and
# gigabyte-sized reservations landing between them would break that.
_REGION_START = 0x1000_0000_0000          # 16 TiB
_REGION_END = 0x5000_0000_0000            # 80 TiB
_MAP_FIXED_NOREPLACE = 0x100000           # Linux >= 4.17; older kernels: a hint


class _AddressSpace:
    """Hands out address ranges for reservations, reusing released ones."""

    def __init__(self) -> None:
        self._next = _REGION_START
        self._free: dict[int, list[int]] = {}     # size -> released addresses
        self._lock = threading.Lock()

    def reserve(self, size: int) -> int | None:
        """mmap ``size`` bytes PROT_NONE; the address or None."""
        with self._lock:
            free = self._free.get(size)
            hint = free.pop() if free else None
            if hint is None and self._next + size <= _REGION_END:
                hint = self._next
                self._next += size
        flags = _MAP_PRIVATE | _MAP_ANONYMOUS | _MAP_NORESERVE
        if hint is not None:
            base = _libc.mmap(hint, size, _PROT_NONE, flags | _MAP_FIXED_NOREPLACE, -1, 0)
            if base not in (None, _MAP_FAILED):
                return base
        base = _libc.mmap(None, size, _PROT_NONE, flags, -1, 0)
        return None if base in (None, _MAP_FAILED) else base

    def release(self, base: int, size: int) -> None:
        _libc.munmap(base, size)
        if _REGION_START <= base < _REGION_END:
            with self._lock:
                self._free.setdefault(size, []).append(base)


_ADDRESS_SPACE = _AddressSpace()


class VMMemory(ctypes.Structure):
    """The native memory descriptor (see compile/vmcontext.py)."""

    _fields_ = [("base", ctypes.c_void_p), ("length_bytes", ctypes.c_uint64),
                ("page_size_log2", ctypes.c_uint64)]


class Memory:
    """One linear memory (defined by an instance or created by the host)."""

    def __init__(self, memtype: MemoryType) -> None:
        limits = memtype.limits
        self.type = memtype
        # custom-page-sizes: pages of 1 << log2 bytes (limits count them)
        self.page_log2 = log2 = memtype.page_size_log2
        if log2 != 16:
            cap = memtype.max_pages if limits.max is None else min(limits.max, memtype.max_pages)
            # (memory64's reservation rule, as below)
            self.maximum = min(cap, max(limits.min, RESERVE_64 >> log2)) if memtype.is64 else cap
        elif memtype.is64:
            # memory64: its declared maximum (2^48 pages at most) cannot be
            # reserved up front, and the base never moves (generated code
            # loads it once per function); so the reservation is the larger
            # of the minimum and RESERVE_64 (bounded by the maximum), and a
            # grow past it fails (-1), as a grow past any maximum does
            cap = MAX_PAGES_64 if limits.max is None else limits.max
            self.maximum = min(cap, max(limits.min, RESERVE_64 // PAGE_SIZE))
        else:
            self.maximum = MAX_PAGES_32 if limits.max is None else min(limits.max, MAX_PAGES_32)
        if limits.min > self.maximum:
            raise WasmtimeError("memory minimum size exceeds its maximum")
        self._reserved = _round_up(self.maximum << log2) + GUARD_BYTES
        base = _ADDRESS_SPACE.reserve(self._reserved)
        if base is None:
            self._reserved = 0
            raise WasmtimeError(
                f"failed to reserve linear memory: {_errno_message()}")
        self.base: int = base
        self.vm = VMMemory(base, 0, log2)
        self._committed = 0             # bytes made accessible (whole OS pages)
        self.address: int = ctypes.addressof(self.vm)   # what vmctx points at
        self.pages = 0
        if limits.min and self._commit(limits.min) is None:
            self._release()
            raise WasmtimeError("failed to allocate initial linear memory")

    # -- growth -------------------------------------------------------------

    def grow(self, delta: int) -> int:
        """Grow by ``delta`` pages; the old size in pages, or -1 on failure
        (the wasm ``memory.grow`` contract: failure is a value, not an error)."""
        old = self.pages
        if delta < 0 or old + delta > self.maximum:
            return -1
        if delta == 0:
            return old
        return old if self._commit(old + delta) is not None else -1

    def _commit(self, new_pages: int) -> int | None:
        new_bytes = new_pages << self.page_log2
        # (1-byte pages: the OS pages around the end; bounds checks use the
        # exact length)
        committed = _round_up(new_bytes)
        if committed > self._committed:
            if _libc.mprotect(self.base + self._committed, committed - self._committed,
                              _PROT_RW) != 0:
                return None
            self._committed = committed
        self.pages = new_pages
        self.vm.length_bytes = new_bytes
        return new_pages

    # -- access from Python ---------------------------------------------------

    @property
    def data_len(self) -> int:
        return self.pages << self.page_log2

    def buffer(self, size: int | None = None, offset: int = 0):
        """A ctypes byte array over ``[offset, offset+size)`` (no copy)."""
        length = self.data_len
        if size is None:
            size = length - offset
        if offset < 0 or size < 0 or offset + size > length:
            raise WasmtimeError("out of bounds memory access")
        return (ctypes.c_ubyte * size).from_address(self.base + offset)

    def read(self, start: int, stop: int) -> bytearray:
        if not 0 <= start <= stop <= self.data_len:
            raise WasmtimeError("out of bounds memory access")
        return bytearray(ctypes.string_at(self.base + start, stop - start))

    def write(self, data: bytes, start: int) -> None:
        if start < 0 or start + len(data) > self.data_len:
            raise WasmtimeError("out of bounds memory access")
        ctypes.memmove(self.base + start, bytes(data), len(data))

    # -- lifetime -------------------------------------------------------------

    def _release(self) -> None:
        if self._reserved:
            _ADDRESS_SPACE.release(self.base, self._reserved)
            self._reserved = 0
            self.vm.base = None
            self.vm.length_bytes = 0

    def __del__(self) -> None:
        # Interpreter shutdown may have torn down the ctypes function already.
        try:
            self._release()
        except Exception:
            pass


def _round_up(n: int) -> int:
    """``n`` bytes rounded up to whole OS pages."""
    return (n + _OS_PAGE - 1) & ~(_OS_PAGE - 1)


def _errno_message() -> str:
    import os
    return os.strerror(ctypes.get_errno())

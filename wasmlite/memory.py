"""``Memory``: a linear memory, read and written from Python without copies.

The memory's base address never moves (the runtime reserves its whole range
up front), so pointers and buffers taken here stay valid after ``grow``;
each buffer keeps the memory alive. Every access is checked against the
current size: nothing outside the wasm memory is ever touched.

``read`` and ``write`` index as wasmtime-py's do: ``read`` clamps like a
slice (``mem.read(store, 10, 10**9)`` is bytes 10 to the end, a start past
the end is empty), ``write`` takes a start like a slice's (negative from
the end, clamped at 0) and raises IndexError when the data does not fit or
the start is at or past the end.
"""
from __future__ import annotations

import ctypes
from typing import Optional

from .errors import WasmtimeError
from .runtime import ExportMemory, create_memory
from .store import check_store, store_of
from .types import MemoryType

__all__ = ["Memory"]


_STRING_AT_MAX = 2**31 - 1     # the largest size ctypes.string_at takes


class MemoryAccessError(IndexError):
    """An access outside the memory: an IndexError, as in wasmtime-py."""


def _int(value: object, what: str) -> int:
    if type(value) is bool or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    return int(value)


class Memory:
    """``Memory(store, MemoryType)``, or a memory an instance exports."""

    __slots__ = ("_record", "_store", "_memory", "__weakref__")

    def __init__(self, store, ty: MemoryType) -> None:
        store = store_of(store)
        if not isinstance(ty, MemoryType):
            raise TypeError(f"expected a MemoryType, got {type(ty).__name__}")
        if ty.is_shared:
            raise WasmtimeError("shared memories are not supported by wasmlite")
        self._init(store, create_memory(store._rt, ty._inner))

    def _init(self, store, record: ExportMemory) -> None:
        self._store = store
        self._record = record
        self._memory = record.memory

    @classmethod
    def _wrap(cls, store, record: ExportMemory) -> "Memory":
        m = cls.__new__(cls)
        m._init(store, record)
        return m

    def _mem(self, store):
        check_store(store, self._store)
        return self._memory

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Memory) and other._memory is self._memory

    def __hash__(self) -> int:
        return id(self._memory)

    # -- size ------------------------------------------------------------

    def type(self, store) -> MemoryType:
        """The declared type: its minimum stays the declared one after
        ``grow``, as in wasmtime-py (``size`` is the current size)."""
        return MemoryType._wrap(self._mem(store).type)

    def size(self, store) -> int:
        """Current size in pages."""
        return self._mem(store).pages

    def data_len(self, store) -> int:
        """Current size in bytes."""
        return self._mem(store).data_len

    def page_size(self, store) -> int:
        """Bytes per page: 65536, or 1 (custom-page-sizes)."""
        return 1 << self._mem(store).page_log2

    def page_size_log2(self, store) -> int:
        return self._mem(store).page_log2

    def grow(self, store, delta: int) -> int:
        """Grow by ``delta`` pages; the old size in pages."""
        mem = self._mem(store)
        delta = _int(delta, "delta")
        if delta < 0:
            raise WasmtimeError("cannot grow by negative amount")
        old = self._store._rt.memory_grow(mem, delta)
        if old < 0:
            raise WasmtimeError(f"failed to grow memory by `{delta}`")
        return old

    # -- raw access --------------------------------------------------------

    def data_ptr(self, store) -> "ctypes._Pointer":
        """A ctypes ``POINTER(c_ubyte)`` to byte 0 (valid while the memory
        lives; it does not move when the memory grows)."""
        mem = self._mem(store)
        ptr = ctypes.cast(ctypes.c_void_p(mem.base), ctypes.POINTER(ctypes.c_ubyte))
        ptr._wasmlite_memory = mem      # the mapping lives as long as the pointer
        return ptr

    def get_buffer_ptr(self, store, size: Optional[int] = None, offset: int = 0):
        """A ctypes ``c_ubyte`` array over ``[offset, offset+size)`` (default:
        to the current end). No copy: ``memoryview(...)`` and
        ``numpy.frombuffer(...)`` see the memory itself."""
        mem = self._mem(store)
        offset = _int(offset, "offset")
        length = mem.data_len
        size = length - offset if size is None else _int(size, "size")
        if offset < 0 or size < 0 or offset + size > length:
            raise MemoryAccessError(
                f"buffer [{offset}, {offset + size}) is outside the memory of {length} bytes")
        array = (ctypes.c_ubyte * size).from_address(mem.base + offset)
        array._wasmlite_memory = mem
        return array

    def read(self, store, start: Optional[int] = 0, stop: Optional[int] = None) -> bytearray:
        """A copy of bytes ``memory[start:stop]``, indexed exactly like a
        slice (negative from the end, clamped to the memory)."""
        mem = self._mem(store)
        start, stop, _ = slice(start, stop).indices(mem.data_len)
        if stop <= start:
            return bytearray()
        n = stop - start
        if n < _STRING_AT_MAX:
            return bytearray(ctypes.string_at(mem.base + start, n))
        # ctypes.string_at takes a C int size: copy 2 GiB and more directly
        out = bytearray(n)
        ctypes.memmove(ctypes.addressof(ctypes.c_char.from_buffer(out)), mem.base + start, n)
        return out

    def write(self, store, value, start: Optional[int] = None) -> int:
        """Copy ``value`` into the memory at ``start``; the number of bytes
        written. ``value`` is anything ``bytearray()`` takes (bytes-like
        objects are not copied first). ``start`` is read like a slice start
        (None is 0, negative counts from the end, clamped at 0); IndexError
        when ``start`` is at or past the end or the data does not fit."""
        mem = self._mem(store)
        length = mem.data_len
        start = slice(start, None).indices(length)[0]
        if start >= length:
            raise MemoryAccessError(
                f"index out of range: write at {start} in a memory of {length} bytes")
        try:
            data = memoryview(value).cast("B")
        except TypeError:
            data = memoryview(bytearray(value))   # ints, iterables: as bytearray() takes them
        n = data.nbytes
        if n == 0:
            return 0
        if start + n > length:
            raise MemoryAccessError(f"index out of range: write of {n} bytes at {start} "
                                    f"in a memory of {length} bytes")
        ctypes.memmove(mem.base + start, value if type(value) is bytes else data.tobytes(), n)
        return n

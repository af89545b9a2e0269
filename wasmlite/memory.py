"""``Memory``: a linear memory, read and written from Python without copies.

The memory's base address never moves (the runtime reserves its whole range
up front), so pointers and buffers taken here stay valid after ``grow``;
each buffer keeps the memory alive. Every access is checked against the
current size: nothing outside the wasm memory is ever touched.
"""
from __future__ import annotations

import ctypes
from typing import Optional

from .errors import WasmtimeError
from .runtime import ExportMemory, create_memory
from .store import store_of, wrong_store
from .syntax.types import PAGE_SIZE
from .types import MemoryType

__all__ = ["Memory"]


class MemoryAccessError(WasmtimeError, IndexError):
    """An access outside the memory (an IndexError too, as in wasmtime-py)."""


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
        if ty.is_64 or ty.is_shared:
            raise WasmtimeError("64-bit and shared memories are not supported by wasmlite")
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
        if store is not self._store and store_of(store) is not self._store:
            raise wrong_store()
        return self._memory

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Memory) and other._memory is self._memory

    def __hash__(self) -> int:
        return id(self._memory)

    # -- size ------------------------------------------------------------

    def type(self, store) -> MemoryType:
        self._mem(store)
        return MemoryType._wrap(self._record.type)

    def size(self, store) -> int:
        """Current size in pages."""
        return self._mem(store).pages

    def data_len(self, store) -> int:
        """Current size in bytes."""
        return self._mem(store).data_len

    def page_size(self, store) -> int:
        self._mem(store)
        return PAGE_SIZE

    def page_size_log2(self, store) -> int:
        self._mem(store)
        return 16

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
        """A copy of bytes ``[start, stop)``; negative indices count from the
        end, as in Python slicing; indices past the end raise."""
        mem = self._mem(store)
        length = mem.data_len
        start = 0 if start is None else _int(start, "start")
        stop = length if stop is None else _int(stop, "stop")
        if start < 0:
            start += length
        if stop < 0:
            stop += length
        if not 0 <= start <= length or not 0 <= stop <= length:
            raise MemoryAccessError(
                f"read [{start}, {stop}) is outside the memory of {length} bytes")
        if stop <= start:
            return bytearray()
        return bytearray(ctypes.string_at(mem.base + start, stop - start))

    def write(self, store, value, start: Optional[int] = None) -> int:
        """Copy ``value`` (bytes-like) into the memory at ``start`` (negative:
        from the end); the number of bytes written."""
        mem = self._mem(store)
        if isinstance(value, str):
            raise TypeError("string argument without an encoding")
        try:
            data = memoryview(value).cast("B")
        except TypeError:
            data = memoryview(bytes(value))   # iterables of ints, as bytes() takes them
        length = mem.data_len
        start = 0 if start is None else _int(start, "start")
        if start < 0:
            start += length
        n = data.nbytes
        if start < 0 or start + n > length:
            raise MemoryAccessError(
                f"write of {n} bytes at {start} is outside the memory of {length} bytes")
        if n:
            ctypes.memmove(mem.base + start, value if type(value) is bytes else data.tobytes(), n)
        return n

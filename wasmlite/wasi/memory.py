"""Guest memory as the WASI functions see it, with Wasmtime's rules for the
pointers and lengths a guest passes (wiggle's, as measured with
wasmtime-py 50; tests/test_wasi_pointers.py compares them side by side).

The rules, each defined once here:

- **bounds**: a region ``(start, len)`` must end within the memory
  (``start + len <= size``), even when ``len`` is 0 for a read (a string
  of length 0 at ``size + 1`` is refused). A *write* of no bytes touches
  nothing and is never refused.
- **alignment**: a scalar (u16/u32/u64) read or written as a field of a
  witx type must be aligned to its size (checked after its bounds). Structs are read and written
  field by field, in order, so a struct that runs off the end has its
  first fields written before the error. Byte arrays need no alignment.
- **the call's budget**: each call may take at most 128 MiB of guest data
  into the host (``HOSTCALL_BUDGET``): a string's length (but
  path_unlink_file's), an iovec array
  (8 bytes an entry) and the buffer of the first non-empty iovec, poll
  subscriptions (64 bytes each) are charged as they are met, before their
  bounds are checked. Going over ends the call with ENOMEM (48).
- a region out of bounds or misaligned is an error raised out of the call
  (a trap), not an errno: ``Pointer out of bounds: Region { start: S,
  len: L }`` or ``Pointer not aligned to A: Region { ... }``. When it
  happens while the results are written (after the function did its
  work), Wasmtime says where: ``In func wasi_snapshot_preview1::F at write
  size: ...`` (``GuestError.location``).

WASI pointers are unsigned: the caller masks every i32/i64 argument first.
"""
from __future__ import annotations

import ctypes
import struct
from typing import Optional

from .errno import EILSEQ, ENOMEM, WasiError

U8 = struct.Struct("<B")
U16 = struct.Struct("<H")
U32 = struct.Struct("<I")
U64 = struct.Struct("<Q")

# at most this many bytes of guest data go into the host per call
HOSTCALL_BUDGET = 128 << 20
IOVEC_SIZE = 8          # (buf: u32, buf_len: u32)
_IOVEC = struct.Struct("<II")


def view_of(base: int, length: int) -> memoryview:
    """A writable byte view of ``length`` bytes at ``base``."""
    if length == 0:
        return memoryview(bytearray())
    return memoryview((ctypes.c_ubyte * length).from_address(base)).cast("B")


class GuestError(Exception):
    """A guest pointer Wasmtime refuses: the call fails with ``message``
    (and ``location``, e.g. "write size", when it happened writing a
    result)."""

    def __init__(self, message: str, location: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def chain(self, func: str) -> list[str]:
        """The error chain Wasmtime reports for function ``func``."""
        if self.location is None:
            return [self.message]
        return [f"In func wasi_snapshot_preview1::{func} at {self.location}: {self.message}",
                self.message]


def _out_of_bounds(start: int, length: int) -> GuestError:
    return GuestError(f"Pointer out of bounds: Region {{ start: {start}, len: {length} }}")


def _not_aligned(start: int, length: int, align: int) -> GuestError:
    return GuestError(f"Pointer not aligned to {align}: Region {{ start: {start}, len: {length} }}")


# a result (or struct) layout: (offset, scalar type) per field, in the
# order Wasmtime writes them
Layout = tuple[tuple[int, struct.Struct], ...]

FDSTAT: Layout = ((0, U8), (2, U16), (8, U64), (16, U64))   # filetype, flags, rights x2
FILESTAT: Layout = ((0, U64), (8, U64), (16, U8), (24, U64), (32, U64), (40, U64),
                    (48, U64), (56, U64))    # dev, ino, filetype, nlink, size, atim, mtim, ctim
PRESTAT: Layout = ((0, U8), (4, U32))                        # tag (0: dir), name length
EVENT: Layout = ((0, U64), (8, U16), (10, U8), (16, U64), (24, U16))
# userdata, error, type, nbytes, flags


class Guest:
    """One instance's memory for one call at a time: ``begin`` refills the
    budget. ``view`` is the memory's bytes, ``size`` its length."""

    __slots__ = ("view", "size", "budget")

    def __init__(self, view: memoryview) -> None:
        self.view = view
        self.size = len(view)
        self.budget = HOSTCALL_BUDGET

    # -- the rules ------------------------------------------------------------

    def charge(self, n: int) -> None:
        """Take ``n`` bytes of the call's budget (ENOMEM past it)."""
        if n > self.budget:
            raise WasiError(ENOMEM)
        self.budget -= n

    def check(self, start: int, length: int) -> None:
        """The region must end within the memory."""
        if start + length > self.size:
            raise _out_of_bounds(start, length)

    def _scalar(self, ptr: int, ty: struct.Struct) -> None:
        n = ty.size
        if ptr + n > self.size:
            raise _out_of_bounds(ptr, n)
        if ptr % n:
            raise _not_aligned(ptr, n, n)

    # -- scalars and structs --------------------------------------------------------

    def load(self, ty: struct.Struct, ptr: int) -> int:
        self._scalar(ptr, ty)
        return ty.unpack_from(self.view, ptr)[0]

    def store(self, ty: struct.Struct, ptr: int, value: int) -> None:
        self._scalar(ptr, ty)
        ty.pack_into(self.view, ptr, value)

    def put(self, layout: Layout, ptr: int, values: tuple, location: Optional[str] = None) -> None:
        """Write a struct field by field (the fields before a bad one are
        written)."""
        try:
            for (offset, ty), value in zip(layout, values):
                self.store(ty, ptr + offset, value)
        except GuestError as e:
            e.location = location
            raise

    def result(self, ty: struct.Struct, ptr: int, value: int, location: str) -> None:
        """Write a function's result (``location`` as Wasmtime names it:
        "write size", "write fd", ...)."""
        n = ty.size
        if ptr + n <= self.size and not ptr % n:
            ty.pack_into(self.view, ptr, value)      # (the rules of store, inline)
            return
        try:
            self.store(ty, ptr, value)
        except GuestError as e:
            e.location = location
            raise

    # -- bytes and strings -------------------------------------------------------

    def read_bytes(self, ptr: int, n: int, charged: bool = True) -> bytes:
        """``n`` bytes taken into the host (charged, then checked)."""
        if charged:
            self.charge(n)
        self.check(ptr, n)
        return self.view[ptr:ptr + n].tobytes()

    def read_str(self, ptr: int, n: int, charged: bool = True) -> str:
        """A UTF-8 string (EILSEQ when it is not). ``charged``: whether it
        counts against the budget (path_unlink_file's path does not, in
        Wasmtime)."""
        try:
            return self.read_bytes(ptr, n, charged).decode("utf-8")
        except UnicodeDecodeError:
            raise WasiError(EILSEQ) from None

    def write_bytes(self, ptr: int, data: bytes) -> None:
        n = len(data)
        if n:
            self.check(ptr, n)
            self.view[ptr:ptr + n] = data

    def span(self, ptr: int, n: int) -> memoryview:
        """The guest bytes of a checked region, to read or fill in place."""
        if ptr + n > self.size:
            raise _out_of_bounds(ptr, n)
        return self.view[ptr:ptr + n]

    # -- iovecs ------------------------------------------------------------------

    def first_iovec(self, ptr: int, count: int) -> tuple[int, int]:
        """The buffer Wasmtime uses of an iovec array: the first with a
        non-zero length, or (0, 0). The array is charged 8 bytes an entry,
        entries are read up to that one (each field aligned and in bounds)
        and its length is charged too; its bounds are checked only when it
        is used (``span``)."""
        self.charge(IOVEC_SIZE * count)
        if count and ptr + IOVEC_SIZE <= self.size and not ptr % 4:
            # the common case, the rules of load inline: the first entry
            # aligned, in bounds and not empty
            buf, n = _IOVEC.unpack_from(self.view, ptr)
            if n:
                self.charge(n)
                return buf, n
        for i in range(count):
            at = ptr + IOVEC_SIZE * i
            buf = self.load(U32, at)
            n = self.load(U32, at + 4)
            if n:
                self.charge(n)
                return buf, n
        return 0, 0
